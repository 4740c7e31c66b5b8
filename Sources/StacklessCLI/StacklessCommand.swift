// The `stackless` command: a thin layer over the StacklessTransform library.

import ArgumentParser
import Foundation
import StacklessTransform

@main
struct StacklessCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stackless",
        abstract: "Greenlets for C without stack switching: rewrites C functions that may suspend into resumable ones.",
        subcommands: [Transform.self, CC.self, Check.self, Config.self, Explain.self])

    /// Accepts the compilers' joined spellings `-DNAME=VALUE` and `-Idir` as well as `-D NAME`.
    static func main() {
        var arguments: [String] = []
        for a in CommandLine.arguments.dropFirst() {
            if (a.hasPrefix("-D") || a.hasPrefix("-I")) && a.count > 2 && !a.hasPrefix("--") {
                arguments += [String(a.prefix(2)), String(a.dropFirst(2))]
            } else {
                arguments.append(a)
            }
        }
        main(arguments)
    }
}

/// Options shared by every command that reads C.
struct InputOptions: ParsableArguments {
    @Option(name: .customShort("I"), help: ArgumentHelp("Add a directory to the header search path.", valueName: "dir"))
    var includeDirectories: [String] = []

    @Option(name: .customShort("D"), help: ArgumentHelp("Define a macro (NAME or NAME=VALUE).", valueName: "name[=value]"))
    var defines: [String] = []

    @Option(name: .customShort("U"), help: ArgumentHelp("Undefine a macro.", valueName: "name"))
    var undefines: [String] = []

    @Option(name: .customLong("std", withSingleDash: true), help: ArgumentHelp("The C standard the files are written in, as the compiler takes it (-std=c89, gnu11, ...).", valueName: "standard"))
    var standard: String?

    @Option(name: .customShort("p"), help: ArgumentHelp("The whole program: analyse every C file of this compilation database (each with its own flags; cached), transform the inputs.", valueName: "compile_commands.json"))
    var compileCommands: String?

    @Option(help: ArgumentHelp("Where -p's analyses are cached (default $STACKLESS_CACHE_DIR, else ~/.cache/stackless).", valueName: "dir"))
    var cacheDir: String?

    @Option(help: ArgumentHelp("Parse for this target, as clang's --target does (default: the target of $CC, so CC=aarch64-linux-gnu-gcc parses for aarch64 with its headers).", valueName: "triple"))
    var target: String?

    @Flag(help: "The inputs are part of a program whose other files are compiled separately: with --suspend-all, calls to functions they do not define (outside system headers) are suspend points.")
    var separate = false

    @Flag(help: "Treat every function defined in the inputs as one that may suspend.")
    var suspendAll = false

    @Flag(help: "Suspend and resume at every call site of every transformed function, with main running as a greenlet.")
    var torture = false

    @Flag(help: "Checked build: report a switch attempted through an untransformed C frame (a qsort callback, say).")
    var checked = false

    @Flag(help: "Let greenlets recurse deeper than the C stack: a transformed function moves its greenlet's frames to the heap when the stack gets deep.")
    var deepRecursion = false

    @Option(help: ArgumentHelp("Which transformed functions are emitted as one body that both entries call, about half the code of a normal and a resume copy: auto (large functions), always, never (only where it must be).", valueName: "policy"))
    var oneBody: OneBodyPolicy = .auto

    @Argument(help: ArgumentHelp("The C files of the program, analysed together.", valueName: "file.c"))
    var files: [String] = []

    func validate() throws {
        if files.isEmpty { throw ValidationError("no input files") }
    }

    func transformOptions() throws -> TransformOptions {
        var options = TransformOptions()
        options.compilerArguments = includeDirectories.flatMap { ["-I", $0] } + defines.map { "-D\($0)" }
            + undefines.map { "-U\($0)" } + (standard.map { ["-std=\($0)"] } ?? [])
        options.suspendAll = suspendAll
        options.torture = torture
        options.checked = checked
        options.deepRecursion = deepRecursion
        options.oneBody = oneBody
        options.runtimeInclude = try? RuntimeLocation.find(executable: CommandLine.arguments[0]).include
        // The target the output will be compiled for: $CC's (a cross compiler), or --target's.
        let flags = target.map { ["--target=\($0)"] } ?? []
        if let found = CompilerTarget.of(driver: options.preprocessor.driver, flags: flags),
           target.map({ found.hasCPU(of: $0) }) ?? true {
            options.targetArguments = found.parserArguments
            if target != nil { options.preprocessor.arguments += flags }
        } else if let target {
            options.targetArguments = ["-target", target]  // a compiler that does not know it: libclang alone
        }
        options.separate = separate
        options.summaries = true
        if let compileCommands {
            let entries = try CompileDatabase.entries(compileCommands)
            let unitOptions = options
            options.compilerArguments += CompileDatabase.flags(for: files, in: entries)
            options.separate = false
            options.otherUnits = try CompileDatabase.summaries(entries, startingAt: files.first, options: unitOptions,
                                                               cache: Cache(directory: cacheDir))
        }
        return options
    }
}

/// Prints diagnostics to stderr the way compilers do.
func report(_ diagnostics: [Diagnostic]) {
    for d in diagnostics { FileHandle.standardError.write(Data((d.description + "\n").utf8)) }
}

/// Prints diagnostics the way compilers do and exits non-zero.
func fail(_ error: Error) -> Never {
    if let e = error as? TransformError {
        report(e.diagnostics)
    } else {
        FileHandle.standardError.write(Data("stackless: error: \(error)\n".utf8))
    }
    exit(1)
}

struct Transform: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Rewrite C files; one output per input under the output directory, same relative names.")

    @OptionGroup var input: InputOptions

    @Option(name: .shortAndLong, help: ArgumentHelp("The output directory.", valueName: "outdir"))
    var output: String

    @Flag(help: "Do not warn about calls to blocking libc functions (read, recv, sleep, ...) in functions that may suspend.")
    var noBlockingWarnings = false

    func run() throws {
        do {
            var options = try input.transformOptions()
            options.warnBlockingCalls = !noBlockingWarnings
            let result = try Stackless.transform(inputs: input.files, options: options)
            report(result.warnings)
            try OutputWriter.write(result.outputs, into: output)
        } catch {
            fail(error)
        }
    }
}

struct Explain: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "For every function, whether it may suspend, and one call chain that proves it.",
        discussion: "Each call to a blocking libc function (read, recv, sleep, ...) in a function that may suspend follows, with the cooperative call of greensock.h to use instead.")

    @OptionGroup var input: InputOptions

    func run() throws {
        do {
            for e in try Stackless.explain(inputs: input.files, options: try input.transformOptions()) {
                let verdict: String
                if !e.maySuspend {
                    verdict = "does not suspend"
                } else if e.suspendAll {
                    verdict = "may suspend (--suspend-all)"
                } else {
                    verdict = "may suspend: " + e.chain.joined(separator: " -> ")
                }
                print("\(e.loc): \(e.function): \(verdict)")
                for warning in e.blockingCalls { print(warning) }
            }
        } catch {
            fail(error)
        }
    }
}

struct Config: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print what another build system needs to compile transformed code and link the runtime.")

    @Flag(help: "Compiler flags: the runtime's include directory.")
    var cflags = false

    @Flag(help: "Linker flags for the runtime library (built on first use with $CC).")
    var libs = false

    func run() throws {
        do {
            let runtime = try RuntimeLocation.find(executable: CommandLine.arguments[0])
            var words: [String] = []
            if cflags || !libs { words.append("-I\(runtime.include)") }
            if libs {
                let library = try RuntimeLibrary.build(runtime, target: CompilerTarget.of(driver: PreprocessorCommand.fromEnvironment.driver, flags: []))
                words += ["-L\((library as NSString).deletingLastPathComponent)", "-lstackless"]
            }
            print(words.joined(separator: " "))
        } catch {
            fail(error)
        }
    }
}

extension OneBodyPolicy: ExpressibleByArgument {}
