// `stackless check`: the link-time check of separate compilation for any linker, and the same
// check that `stackless cc` runs before it links.

import ArgumentParser
import Foundation
import StacklessTransform

struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check that the separately compiled units of a program agree on which functions may suspend.",
        discussion: """
            Reads the summary that every file rewritten by stackless carries in its object (section \
            .stackless.summary) from objects, archives, shared libraries or a linked program, and \
            reports each call that was compiled as not suspending to a function, or through a pointer \
            type, that another unit defines as suspending. Exit status 1 if there is one.
            """)

    @Argument(help: ArgumentHelp("Objects, archives, shared libraries or programs of one program.", valueName: "file"))
    var files: [String] = []

    func validate() throws {
        if files.isEmpty { throw ValidationError("no input files") }
    }

    func run() throws {
        var units: [UnitSummary] = []
        var warnings: [Diagnostic] = []
        for file in files {
            switch ObjectSummaries.read(file) {
            case .summaries(let s):
                if s.isEmpty {
                    warnings.append(Diagnostic(.warning, nil, "\(file): no stackless summary: not built with stackless, so nothing in it is checked"))
                }
                units += s
            case .unreadable(let why):
                FileHandle.standardError.write(Data("stackless: error: \(file): \(why)\n".utf8))
                throw ExitCode(1)
            }
        }
        report(warnings)
        let found = LinkCheck.check(units)
        report(found)
        if found.contains(where: { $0.severity == .error }) { throw ExitCode(1) }
    }
}

/// The link inputs of a `cc` command line: objects, archives and shared libraries named
/// directly, and `-l` libraries found in the `-L` directories given.
enum LinkInputs {
    static func paths(in arguments: [String]) -> [String] {
        var result: [String] = []
        var libraryDirectories: [String] = []
        var libraries: [String] = []
        var i = 0
        let valued: Set<String> = ["-o", "-MF", "-MT", "-MQ", "-x", "-Xlinker", "-T", "-I", "-D", "-U", "-include", "-isystem", "-iquote", "-imacros", "-idirafter"]
        while i < arguments.count {
            let a = arguments[i]
            if a == "-L", i + 1 < arguments.count {
                libraryDirectories.append(arguments[i + 1])
                i += 2
                continue
            }
            if a == "-l", i + 1 < arguments.count {
                libraries.append(arguments[i + 1])
                i += 2
                continue
            }
            if valued.contains(a) {
                i += 2
                continue
            }
            if a.hasPrefix("-L") && a.count > 2 {
                libraryDirectories.append(String(a.dropFirst(2)))
            } else if a.hasPrefix("-l") && a.count > 2 {
                libraries.append(String(a.dropFirst(2)))
            } else if !a.hasPrefix("-") && isLinkInput(a) {
                result.append(a)
            }
            i += 1
        }
        for library in libraries {
            for dir in libraryDirectories {
                let candidates = ["\(dir)/lib\(library).so", "\(dir)/lib\(library).a"]
                if let found = candidates.first(where: { FileManager.default.fileExists(atPath: $0) }) {
                    result.append(found)
                    break
                }
            }
        }
        return result
    }

    static func isLinkInput(_ path: String) -> Bool {
        let name = (path as NSString).lastPathComponent
        return name.hasSuffix(".o") || name.hasSuffix(".a") || name.hasSuffix(".so") || name.contains(".so.")
            || name.hasSuffix(".lo")
    }

    /// The summaries of the link inputs that carry them; unreadable ones are warned about (a link
    /// of objects stackless did not build is normal).
    static func summaries(of paths: [String]) -> (units: [UnitSummary], warnings: [Diagnostic]) {
        var units: [UnitSummary] = []
        var warnings: [Diagnostic] = []
        for path in paths where FileManager.default.fileExists(atPath: path) {
            switch ObjectSummaries.read(path) {
            case .summaries(let s): units += s
            case .unreadable(let why): warnings.append(Diagnostic(.warning, nil, "\(path): the link check skips it: \(why)"))
            }
        }
        return (units, warnings)
    }
}
