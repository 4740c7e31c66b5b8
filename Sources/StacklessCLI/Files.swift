// Writing outputs safely, reading compile_commands.json, and building the runtime library.

import Foundation
import StacklessTransform

enum OutputWriter {
    /// Writes each output under `directory` with its input's relative name, atomically (a temporary
    /// file renamed into place). Refuses to overwrite an input. Returns the written paths.
    @discardableResult
    static func write(_ results: [(input: String, output: String)], into directory: String) throws -> [String] {
        let fm = FileManager.default
        let cwd = fm.currentDirectoryPath
        var planned: [(String, String)] = []
        var seen: Set<String> = []
        let inputs = Set(results.map { URL(fileURLWithPath: $0.input).standardized.resolvingSymlinksInPath().path })
        for (input, text) in results {
            var relative = input
            if relative.hasPrefix("/") {
                relative = relative.hasPrefix(cwd + "/") ? String(relative.dropFirst(cwd.count + 1)) : (relative as NSString).lastPathComponent
            }
            if relative.split(separator: "/").contains("..") { relative = (relative as NSString).lastPathComponent }
            let target = URL(fileURLWithPath: directory).appendingPathComponent(relative).standardized.path
            guard !seen.contains(target) else {
                throw TransformError(nil, "\(input): two inputs would be written to the same output \(target); give them different names")
            }
            seen.insert(target)
            if inputs.contains(URL(fileURLWithPath: target).resolvingSymlinksInPath().path) {
                throw TransformError(nil, "\(input): the output would overwrite an input (\(target)); choose another output directory")
            }
            planned.append((target, text))
        }
        // Every output goes to a temporary file first; only when all are written are they renamed
        // into place, so a failure leaves no partial output.
        var temporaries: [(String, String)] = []
        func discard() { for (temporary, _) in temporaries { unlink(temporary) } }
        for (target, text) in planned {
            let dir = (target as NSString).deletingLastPathComponent
            do {
                try fm.createDirectory(atPath: dir, withIntermediateDirectories: true)
            } catch {
                discard()
                throw TransformError(nil, "\(dir): cannot create the output directory (\(reason(error)))")
            }
            // An output that would not change keeps its file (and its time stamp): builds that
            // watch it do not recompile it.
            if fm.contents(atPath: target) == Data(text.utf8) { continue }
            let temporary = "\(dir)/.\((target as NSString).lastPathComponent).\(getpid()).tmp"
            guard fm.createFile(atPath: temporary, contents: Data(text.utf8)) else {
                discard()
                throw TransformError(nil, "\(dir): cannot write into the output directory (permission denied?)")
            }
            temporaries.append((temporary, target))
        }
        for (temporary, target) in temporaries {
            if rename(temporary, target) != 0 {
                let message = String(cString: strerror(errno))
                discard()
                throw TransformError(nil, "\(target): cannot write the output (\(message))")
            }
        }
        return planned.map(\.0)
    }

    /// Why a directory cannot be created, in the words of the file system.
    private static func reason(_ error: Error) -> String {
        var path = ""
        if let p = (error as NSError).userInfo[NSFilePathErrorKey] as? String { path = p }
        var probe = path
        while !probe.isEmpty && probe != "/" {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: probe, isDirectory: &isDirectory) {
                if !isDirectory.boolValue { return "\(probe) is not a directory" }
                if access(probe, W_OK) != 0 { return "\(probe): permission denied" }
                break
            }
            probe = (probe as NSString).deletingLastPathComponent
        }
        return (error as NSError).localizedDescription
    }
}

enum CompileCommands {
    /// The -I, -D, -U, -std and -include flags recorded for the given files (the first entry of
    /// each; files without an entry get none).
    static func flags(for files: [String], database: String) throws -> [String] {
        guard let data = FileManager.default.contents(atPath: database) else {
            throw TransformError(nil, "\(database): cannot read the compilation database")
        }
        guard let entries = try? JSONSerialization.jsonObject(with: data) as? [[String: Any]] else {
            throw TransformError(nil, "\(database): not a compilation database (expected a JSON array of objects)")
        }
        let wanted = Set(files.map { URL(fileURLWithPath: $0).standardized.path })
        var result: [String] = []
        for entry in entries {
            guard let file = entry["file"] as? String else { continue }
            let directory = entry["directory"] as? String ?? "."
            let path = file.hasPrefix("/") ? file : directory + "/" + file
            guard wanted.contains(URL(fileURLWithPath: path).standardized.path) else { continue }
            var words = entry["arguments"] as? [String] ?? []
            if words.isEmpty, let command = entry["command"] as? String {
                words = command.split(separator: " ").map(String.init)
            }
            var i = 0
            while i < words.count {
                let w = words[i]
                if ["-I", "-D", "-U", "-include", "-isystem", "-iquote"].contains(w), i + 1 < words.count {
                    var v = words[i + 1]
                    if w != "-D" && w != "-U" && !v.hasPrefix("/") { v = directory + "/" + v }
                    result += [w, v]
                    i += 2
                    continue
                }
                if w.hasPrefix("-I") && w.count > 2 {
                    let v = String(w.dropFirst(2))
                    result.append("-I" + (v.hasPrefix("/") ? v : directory + "/" + v))
                } else if w.hasPrefix("-D") || w.hasPrefix("-U") || w.hasPrefix("-std=") {
                    result.append(w)
                }
                i += 1
            }
        }
        return result
    }
}

enum RuntimeLibrary {
    /// Builds libstackless.a from the runtime's sources with $CC into a cache folder keyed by the
    /// sources' contents; returns its path.
    static func build(_ runtime: RuntimeLocation) throws -> String {
        let fm = FileManager.default
        var hash: UInt64 = 1469598103934665603
        for path in runtime.sources + [runtime.include + "/stackless_gen.h", runtime.include + "/greenlet.h"] {
            for byte in (fm.contents(atPath: path) ?? Data()) + Data(path.utf8) {
                hash = (hash ^ UInt64(byte)) &* 1099511628211
            }
        }
        let compiler = ProcessInfo.processInfo.environment["CC"] ?? "cc"
        for byte in compiler.utf8 { hash = (hash ^ UInt64(byte)) &* 1099511628211 }
        let base = ProcessInfo.processInfo.environment["XDG_CACHE_HOME"] ?? (NSHomeDirectory() + "/.cache")
        let dir = "\(base)/stackless/\(String(hash, radix: 16))"
        let library = dir + "/libstackless.a"
        if fm.fileExists(atPath: library) { return library }
        try fm.createDirectory(atPath: dir, withIntermediateDirectories: true)
        var objects: [String] = []
        for source in runtime.sources {
            let object = dir + "/" + ((source as NSString).lastPathComponent as NSString).deletingPathExtension + ".o"
            try execute(compiler.split(separator: " ").map(String.init) + ["-O2", "-std=c11", "-I", runtime.include, "-c", source, "-o", object])
            objects.append(object)
        }
        let temporary = dir + "/libstackless.a.\(getpid()).tmp"
        try execute(["ar", "rcs", temporary] + objects)
        guard rename(temporary, library) == 0 else { throw TransformError(nil, "\(library): cannot write the runtime library") }
        return library
    }

    private static func execute(_ command: [String]) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = command
        process.standardOutput = FileHandle.standardError
        try process.run()
        process.waitUntilExit()
        if process.terminationStatus != 0 {
            throw TransformError(nil, "building the runtime failed: \(command.joined(separator: " "))")
        }
    }
}
