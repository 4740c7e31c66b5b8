// `stackless cc`: transform, then compile and link with the runtime using $CC, the way emcc
// drives a build for Emscripten users.

import ArgumentParser
import Foundation
import StacklessTransform

struct CC: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Transform C files, then compile and link them with the runtime using $CC (default cc).",
        discussion: """
            Transform options (--suspend-all, --torture, --no-blocking-warnings, -p FILE) are read; -I and -D go to both the \
            transform and the compiler; every other option (-O2, -g, -Wall, -l, -L, -std=..., -c, -o) \
            passes to $CC unchanged. Files ending in .c are transformed together as one program.
            """)

    @Argument(parsing: .captureForPassthrough, help: "Transform options, compiler options and files.")
    var arguments: [String] = []

    func run() throws {
        do {
            try build()
        } catch let exit as ExitCode {
            throw exit  // the compiler has said why
        } catch {
            fail(error)
        }
    }

    /// Options with a value that the transform and the compiler both take.
    static let sharedValueOptions = ["-I", "-D", "-include", "-isystem", "-iquote", "-U"]
    /// Options with a value that are the compiler's alone (outputs, link inputs, the language).
    static let compilerValueOptions = ["-o", "-MF", "-MT", "-MQ", "-x", "-L", "-l", "-Xlinker", "-T"]

    /// The compiler's arguments that bear on compiling a source (its flags, the user's options
    /// the compiler may reject), without what names outputs or link inputs: the check of the
    /// original under the user's own flags writes nothing.
    static func compileFlags(_ arguments: [String]) -> [String] {
        var out: [String] = []
        var i = 0
        while i < arguments.count {
            let a = arguments[i]
            if (sharedValueOptions + compilerValueOptions).contains(a), i + 1 < arguments.count {
                if sharedValueOptions.contains(a) || a == "-x" { out += [a, arguments[i + 1]] }
                i += 2
                continue
            }
            let output = ["-c", "-S", "-E", "-M", "-MM", "-MD", "-MMD", "-MP"].contains(a)
            let linkInput = !a.hasPrefix("-") || a.hasPrefix("-l") || a.hasPrefix("-L")
            if !output && !linkInput { out.append(a) }
            i += 1
        }
        return out
    }

    private func build() throws {
        if arguments.contains("--help") || arguments == ["-h"] {
            print("""
                OVERVIEW: Transform C files, then compile and link them with the runtime using $CC (default cc).

                USAGE: stackless cc [--suspend-all] [--torture] [-p compile_commands.json] [cc options] FILE.c... -o PROG

                OPTIONS:
                  --suspend-all           Treat every function defined in the inputs as one that may suspend.
                  --torture               Suspend and resume at every call site of every transformed function,
                                          with main running as a greenlet.
                  --checked               Report a switch attempted through an untransformed C frame
                                          (a callback from qsort, say) instead of corrupting the stack.
                  --deep-recursion        Let greenlets recurse deeper than the C stack (a depth check per call).
                  --one-body <policy>     Emit transformed functions as one body that both entries call (about
                                          half the code of a normal and a resume copy): auto (large functions;
                                          every function under -Os or -Oz), always, never.
                  --no-blocking-warnings  Do not warn about calls to blocking libc functions (read, recv,
                                          sleep, ...) in functions that may suspend.
                  -p <compile_commands.json>
                                          The whole program: analyse every C file of this compilation
                                          database (each with its own flags, cached), transform the inputs.
                  --cache-dir <dir>       Where -p's analyses and the rewritten files are cached
                                          (default $STACKLESS_CACHE_DIR, else ~/.cache/stackless).
                  -I <dir>, -D <name[=value]>, -U <name>, -std=<std>
                                          Given to both the transform and the compiler.
                  other options           Passed to $CC unchanged (-O2, -g, -Wall, -l, -L, -c, -o, -fsanitize=...).
                  -h, --help              Show help information.
                """)
            return
        }
        var transformArguments: [String] = []
        var compilerArguments: [String] = []
        var sources: [String] = []
        var suspendAll = false, torture = false, checked = false, deepRecursion = false, blockingWarnings = true
        var compileCommands: String?
        var cacheDirectory: String?
        var oneBody = OneBodyPolicy.auto
        var compileOnly = false
        // The arguments that are the compiler's, not stackless's own, in their order.
        var plain: [String] = []
        var i = 0
        func value(_ flag: String) throws -> String {
            i += 1
            guard i < arguments.count else { throw ValidationError("\(flag) needs a value") }
            return arguments[i]
        }
        while i < arguments.count {
            let a = arguments[i]
            let first = i
            var own = true
            switch a {
            case "--suspend-all": suspendAll = true
            case "--torture": torture = true
            case "--checked": checked = true
            case "--deep-recursion": deepRecursion = true
            case "--no-blocking-warnings": blockingWarnings = false
            case "-p": compileCommands = try value(a)
            case "--cache-dir": cacheDirectory = try value(a)
            case "--one-body":
                let v = try value(a)
                guard let policy = OneBodyPolicy(rawValue: v) else {
                    throw ValidationError("--one-body takes auto, always or never, not '\(v)'")
                }
                oneBody = policy
            default: own = false
            }
            if own {
                i += 1
                continue
            }
            switch a {
            case _ where CC.sharedValueOptions.contains(a):
                let v = try value(a)
                transformArguments += [a, v]
                compilerArguments += [a, v]
            case "-c", "-S", "-E":
                compileOnly = true
                compilerArguments.append(a)
            case _ where CC.compilerValueOptions.contains(a):
                compilerArguments += [a, try value(a)]
            default:
                if a.hasPrefix("-I") || a.hasPrefix("-D") || a.hasPrefix("-U") || a.hasPrefix("-std=") {
                    transformArguments.append(a)
                    compilerArguments.append(a)
                } else if !a.hasPrefix("-") && a.hasSuffix(".c") {
                    sources.append(a)
                } else {
                    compilerArguments.append(a)
                }
            }
            plain += arguments[first...i]
            i += 1
        }
        guard !sources.isEmpty || !compilerArguments.isEmpty else { throw ValidationError("no input files") }

        // $CC led back here (a wrapper around `stackless cc`, which CMake exports as CC): this
        // process is the C compiler of a `stackless cc` above it, which has transformed already.
        if ProcessInfo.processInfo.environment["STACKLESS_CC_ACTIVE"] != nil {
            // $CC may carry stackless's own options (`CC="stackless-cc --suspend-all"`, as a
            // configure script is given it): they are not the compiler's.
            let status = try run(["cc"] + plain)
            if status != 0 { throw ExitCode(status) }
            return
        }
        setenv("STACKLESS_CC_ACTIVE", "1", 1)
        let runtime = try RuntimeLocation.find(executable: CommandLine.arguments[0])
        CC.keepCompilerOutOfLoop()
        let cache = Cache(directory: cacheDirectory)
        let driver = PreprocessorCommand.fromEnvironment.driver
        // A cross compiler (CC=aarch64-linux-gnu-gcc, or -target): the transform parses for its
        // target, with its headers, so sizeof and #ifdef __aarch64__ read as they will compile.
        let target = CompilerTarget.of(driver: driver, flags: compilerArguments)
        var options = TransformOptions()
        options.compilerArguments = transformArguments
        options.targetArguments = target?.parserArguments ?? []
        options.suspendAll = suspendAll
        options.torture = torture
        options.checked = checked
        options.deepRecursion = deepRecursion
        options.warnBlockingCalls = blockingWarnings
        options.oneBody = oneBody.under(compilerFlags: compilerArguments)
        if checked { compilerArguments.append("-DSL_CHECKED=1") }
        if !compileOnly && CC.linksExecutable(compilerArguments) { compilerArguments.append("-DSL_TLS_LOCAL_EXEC=1") }
        options.runtimeInclude = runtime.include
        options.preprocessor = PreprocessorCommand(
            driver: driver,
            arguments: preprocessorFlags(compilerArguments))
        options.summaries = true
        if let compileCommands {
            // The database is the whole program: each unit's summary, cached, tells the
            // transform of the inputs what the others define.
            let entries = try CompileDatabase.entries(compileCommands)
            options.compilerArguments += CompileDatabase.flags(for: sources, in: entries)
            var unitOptions = options
            unitOptions.compilerArguments = []
            options.otherUnits = try CompileDatabase.summaries(entries, startingAt: sources.first, options: unitOptions, cache: cache)
        } else {
            options.separate = compileOnly
        }

        // A link checks every unit against the others: the inputs rewritten now and the
        // summaries that objects, archives and libraries carry. Objects read first also tell the
        // transform what they define.
        var linkUnits: [UnitSummary] = []
        if !compileOnly {
            let found = LinkInputs.summaries(of: LinkInputs.paths(in: compilerArguments))
            report(found.warnings)
            linkUnits = found.units
            if compileCommands == nil { options.otherUnits = linkUnits }
        }

        var rewritten: [(original: String, rewritten: String)] = []
        var quoteDirectories: [String] = []
        if !sources.isEmpty {
            let result = try Stackless.transform(inputs: sources, options: options)
            report(result.warnings)
            for (input, text) in result.outputs {
                rewritten.append((input, try TransformedFiles.place(text, for: input, cache: cache)))
            }
            linkUnits += result.summaries
            for s in sources {
                let dir = (s as NSString).deletingLastPathComponent
                let q = dir.isEmpty ? "." : dir
                if !quoteDirectories.contains(q) { quoteDirectories.append(q) }
            }
        }
        if !compileOnly {
            let problems = LinkCheck.check(linkUnits)
            report(problems)
            if problems.contains(where: { $0.severity == .error }) { throw ExitCode(1) }
        }
        let transformed = rewritten.map(\.rewritten)
        var command = driver
        command += quoteDirectories.flatMap { ["-iquote", $0] }
        command += ["-I", runtime.include]
        // Libraries after the objects, in their order; the runtime after them all, so that it
        // also serves the shared libraries of the link (their transformed code). A shared
        // library itself does not carry the runtime: the program that loads it does, once.
        var linkOptions: [String] = []
        var libraries: [String] = []
        var j = 0
        while j < compilerArguments.count {
            let a = compilerArguments[j]
            if (a == "-l" || a == "-L"), j + 1 < compilerArguments.count {
                libraries += [a, compilerArguments[j + 1]]
                j += 2
                continue
            }
            if a.hasPrefix("-l") { libraries.append(a) } else { linkOptions.append(a) }
            j += 1
        }
        command += linkOptions
        command += transformed
        command += libraries
        if !compileOnly && !compilerArguments.contains(where: CC.sharedLibraryFlags.contains) {
            // The gdb extension, inlined in the program's .debug_gdb_scripts (gdb_scripts.c):
            // an ELF target's link asks for it, so that the archive brings it in.
            #if os(Linux)
            let hostIsLinux = true
            #else
            let hostIsLinux = false
            #endif
            if target.map({ $0.triple.contains("linux") }) ?? hostIsLinux {
                command.insert("-Wl,-u,sl__gdb_scripts", at: command.count - libraries.count)
            }
            command.append(try RuntimeLibrary.build(runtime, flags: RuntimeLibrary.sharedFlags(compilerArguments), target: target))
            if target?.isWASI != true { command.append("-lpthread") }
        }
        guard !transformed.isEmpty else {
            let status = try run(command)
            if status != 0 { throw ExitCode(status) }
            return
        }
        let (status, diagnostics) = try run(command, capturing: true)
        if status == 0 {
            printDiagnostics(CompilerOutput.clean(diagnostics))
            if rewritten.count == 1 { TransformedFiles.fixDependencyFile(compilerArguments, rewritten[0]) }
            return
        }
        // The user's own code, or the user's own flags (an option the compiler does not know),
        // may be what fails: then show what the compiler says of the original under them.
        var check = driver + ["-fsyntax-only", "-I", runtime.include]
        check += CC.compileFlags(compilerArguments)
        check += sources
        let (originalStatus, originalDiagnostics) = try run(check, capturing: true)
        if originalStatus != 0 {
            printDiagnostics(originalDiagnostics)
        } else if !compileOnly, try run(command + ["-fsyntax-only", "-w"], capturing: true).status == 0 {
            // The transformed code compiles: the link failed (a library the target lacks, say),
            // which is the user's to see as the linker says it.
            printDiagnostics(CompilerOutput.clean(diagnostics))
        } else {
            printDiagnostics(CompilerOutput.clean(diagnostics))
            FileHandle.standardError.write(Data("stackless: error: the C compiler rejects the transformed code but accepts the original (\(sources.joined(separator: " "))): this is a bug in stackless; please report it with these files\n".utf8))
        }
        throw ExitCode(status)
    }

    /// The driver's spellings of a shared-library link, which does not carry the runtime.
    static let sharedLibraryFlags = ["-shared", "--shared"]

    /// Whether a link's output is an executable (no `-shared`, no relocatable `-r`): the code
    /// compiled for it and the runtime, which only a program carries, may then address their
    /// per-thread state as the executable's own (local-exec TLS, stackless_gen.h).
    static func linksExecutable(_ arguments: [String]) -> Bool {
        !arguments.contains { a in
            sharedLibraryFlags.contains(a) || a == "-r" || a == "--relocatable"
                || (a.hasPrefix("-Wl,") && a.split(separator: ",").contains { ["-shared", "--shared", "-r", "--relocatable", "-Bshareable"].contains(String($0)) })
        }
    }

    /// `make CC="stackless cc"` exports CC to the recipes, so $CC names stackless itself: the C
    /// compiler behind it is then plain cc (for this process and the preprocessor it runs).
    /// $STACKLESS_CC, when set, is the compiler behind stackless (`STACKLESS_CC="ccache cc"`).
    static func keepCompilerOutOfLoop() {
        if let compiler = ProcessInfo.processInfo.environment["STACKLESS_CC"], !compiler.isEmpty {
            setenv("CC", compiler, 1)
            return
        }
        guard let words = ProcessInfo.processInfo.environment["CC"]?.split(separator: " ").map(String.init),
              let first = words.first else { return }
        let me = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        var resolved = first
        if !first.contains("/") {
            for dir in (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":") where FileManager.default.isExecutableFile(atPath: "\(dir)/\(first)") {
                resolved = "\(dir)/\(first)"
                break
            }
        }
        let real = URL(fileURLWithPath: resolved).resolvingSymlinksInPath().path
        if real == URL(fileURLWithPath: me).resolvingSymlinksInPath().path || (first.hasSuffix("stackless") && words.dropFirst().first == "cc") {
            setenv("CC", "cc", 1)
        }
    }

    private func printDiagnostics(_ text: String) {
        guard !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { return }
        FileHandle.standardError.write(Data((text.hasSuffix("\n") ? text : text + "\n").utf8))
    }

    /// The compile flags that change what the preprocessor produces (__OPTIMIZE__, __PIC__,
    /// __SANITIZE_ADDRESS__, the target's macros), for the preprocessed form of functions.
    private func preprocessorFlags(_ flags: [String]) -> [String] {
        CompilerTarget.select(flags, withPrefixes: ["-O", "-f", "-m", "--target=", "--sysroot=", "-pthread", "-ansi", "-nostdinc", "-undef"])
    }

    private func run(_ command: [String]) throws -> Int32 {
        try run(command, capturing: false).status
    }

    /// Runs the compiler; with `capturing`, its stderr is returned instead of shown.
    private func run(_ command: [String], capturing: Bool) throws -> (status: Int32, stderr: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = command
        let pipe = Pipe()
        if capturing { process.standardError = pipe }
        try process.run()
        let data = capturing ? pipe.fileHandleForReading.readDataToEndOfFile() : Data()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}
