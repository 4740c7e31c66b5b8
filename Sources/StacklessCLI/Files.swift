// Writing outputs safely, placing rewritten files for the compiler, and building the runtime library.

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

/// Where `stackless cc` puts a rewritten file for the compiler: a path that depends only on the
/// file's contents and name (`<cache>/cc/<hash>/<name>.c`), so that the object, its debug
/// information and ccache's key are the same for the same input on every build.
enum TransformedFiles {
    static func place(_ text: String, for input: String, cache: Cache) throws -> String {
        let name = (input as NSString).lastPathComponent
        let hash = Cache.hex(Cache.hash(Array((name + "\u{0}" + text).utf8)))
        let dir = "\(cache.root)/cc/\(hash)"
        let target = "\(dir)/\(name)"
        prune(cache)
        // The same path always holds the same text: reuse it (its time stamp refreshed, so that
        // pruning keeps files in use).
        if FileManager.default.fileExists(atPath: target) {
            utime(target, nil)
            utime(dir, nil)
            return target
        }
        guard cache.write(target, text) else {
            throw TransformError(nil, "\(dir): cannot write the rewritten file (set STACKLESS_CACHE_DIR or --cache-dir to a writable directory)")
        }
        return target
    }

    /// Removes rewritten files not used for two days.
    private static func prune(_ cache: Cache) {
        let base = "\(cache.root)/cc"
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: base) else { return }
        let limit = time(nil) - 2 * 24 * 3600
        for name in names {
            var st = stat()
            let dir = "\(base)/\(name)"
            if stat(dir, &st) == 0 && st.st_mtim.tv_sec < limit { try? FileManager.default.removeItem(atPath: dir) }
        }
    }

    /// With -MD or -MMD the compiler names the rewritten file as the object's first prerequisite;
    /// make must see the user's file instead.
    static func fixDependencyFile(_ arguments: [String], _ file: (original: String, rewritten: String)) {
        guard arguments.contains("-MD") || arguments.contains("-MMD") else { return }
        var depfile: String?
        var object: String?
        for (i, a) in arguments.enumerated() where i + 1 < arguments.count {
            if a == "-MF" { depfile = arguments[i + 1] }
            if a == "-o" { object = arguments[i + 1] }
        }
        if depfile == nil {
            if let object {
                depfile = ((object as NSString).deletingPathExtension) + ".d"
            } else {
                depfile = ((file.original as NSString).lastPathComponent as NSString).deletingPathExtension + ".d"
            }
        }
        guard let depfile, let data = FileManager.default.contents(atPath: depfile) else { return }
        func escaped(_ p: String) -> String { p.replacingOccurrences(of: " ", with: "\\ ") }
        let text = String(decoding: data, as: UTF8.self)
            .replacingOccurrences(of: escaped(file.rewritten), with: escaped(file.original))
        try? Data(text.utf8).write(to: URL(fileURLWithPath: depfile))
    }
}

enum RuntimeLibrary {
    /// Builds libstackless.a from the runtime's sources with $CC and `flags` (the code-generation
    /// flags of the program it is linked into) into a cache folder keyed by the sources' contents,
    /// the compiler and the flags; returns its path. The runtime is compiled with its own language
    /// flags (C11, no warnings promoted to errors), never with the user's `-std=c89 -Werror`.
    /// An archive, so a program links only the parts of the runtime it uses. For a cross compiler
    /// the key holds its target too, and the archive is made with the compiler's own archiver.
    static func build(_ runtime: RuntimeLocation, flags: [String] = ["-O2"], target: CompilerTarget? = nil) throws -> String {
        let fm = FileManager.default
        var hash: UInt64 = 1469598103934665603
        func mix(_ bytes: some Sequence<UInt8>) { for byte in bytes { hash = (hash ^ UInt64(byte)) &* 1099511628211 } }
        let headers = ((try? fm.contentsOfDirectory(atPath: runtime.include)) ?? []).sorted().map { runtime.include + "/" + $0 }
        let internalHeaders = runtime.sources.map { ($0 as NSString).deletingLastPathComponent }.first.map { dir in
            ((try? fm.contentsOfDirectory(atPath: dir)) ?? []).filter { $0.hasSuffix(".h") }.sorted().map { dir + "/" + $0 }
        } ?? []
        for path in runtime.sources + headers + internalHeaders {
            mix(fm.contents(atPath: path) ?? Data())
            mix(Data(path.utf8))
        }
        let compiler = ProcessInfo.processInfo.environment["CC"] ?? "cc"
        mix(compiler.utf8)
        mix([0])
        mix((target?.triple ?? "").utf8)
        for flag in flags { mix(flag.utf8); mix([0]) }
        let base = ProcessInfo.processInfo.environment["XDG_CACHE_HOME"] ?? (NSHomeDirectory() + "/.cache")
        let dir = "\(base)/stackless/runtime-\(String(hash, radix: 16))"
        let library = dir + "/libstackless.a"
        if fm.fileExists(atPath: library) { return library }
        // Objects go to a folder of this process, so that parallel links (make -j) never see
        // another's half-written object; the archive appears whole, by rename.
        let work = dir + "/build.\(getpid())"
        try fm.createDirectory(atPath: work, withIntermediateDirectories: true)
        defer { try? fm.removeItem(atPath: work) }
        var objects: [String] = []
        for source in runtime.sources {
            let object = work + "/" + ((source as NSString).lastPathComponent as NSString).deletingPathExtension + ".o"
            try execute(compiler.split(separator: " ").map(String.init) + ["-std=gnu11", "-w"] + flags
                + ["-I", runtime.include, "-c", source, "-o", object])
            objects.append(object)
        }
        let temporary = work + "/libstackless.a"
        try execute([archiver(compiler.split(separator: " ").map(String.init), cross: target?.isCross == true), "rcs", temporary] + objects)
        guard rename(temporary, library) == 0 else { throw TransformError(nil, "\(library): cannot write the runtime library") }
        return library
    }

    /// The flags of a compile or link that the runtime must share with the program: optimisation,
    /// debug information, code generation (`-f...`: sanitizers, PIC; not LTO, whose objects plain `ar` cannot index), the target and its
    /// options, and the runtime's own switches (`-DSL_CHECKED`). Language and warning flags,
    /// the user's macros and include paths stay with the user's code.
    static func sharedFlags(_ arguments: [String]) -> [String] {
        var result: [String] = []
        var i = 0
        while i < arguments.count {
            let a = arguments[i]
            if ["-target", "--target", "--sysroot", "-isysroot", "-arch"].contains(a), i + 1 < arguments.count {
                result += [a, arguments[i + 1]]
                i += 2
                continue
            }
            if a == "-D" || a == "-U", i + 1 < arguments.count {
                if arguments[i + 1].hasPrefix("SL_") { result += [a, arguments[i + 1]] }
                i += 2
                continue
            }
            let codegen = ["-O", "-g", "-m", "--target=", "--sysroot=", "-pthread", "-DSL_", "-USL_"].contains { a.hasPrefix($0) }
            let ignored = ["-fsyntax-only", "-flto", "-fno-lto", "-fdiagnostics", "-fmessage-length", "-fcolor-diagnostics", "-fno-color-diagnostics"].contains { a.hasPrefix($0) }
            if codegen || (a.hasPrefix("-f") && !ignored) { result.append(a) }
            i += 1
        }
        return result
    }

    /// The archiver for the compiler's objects: the host's `ar`, or for a cross compiler the one
    /// it names (`aarch64-linux-gnu-gcc -print-prog-name=ar`; clang's `llvm-ar`, which knows wasm).
    private static func archiver(_ compiler: [String], cross: Bool) -> String {
        guard cross else { return "ar" }
        for tool in ["llvm-ar", "ar"] {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = compiler + ["-print-prog-name=\(tool)"]
            let pipe = Pipe()
            process.standardOutput = pipe
            process.standardError = FileHandle.nullDevice
            guard (try? process.run()) != nil else { continue }
            let path = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
                .trimmingCharacters(in: .whitespacesAndNewlines)
            process.waitUntilExit()
            if process.terminationStatus == 0, path.hasPrefix("/"), FileManager.default.isExecutableFile(atPath: path) { return path }
        }
        // Debian's clang-14 without the unversioned `llvm` package: llvm-ar sits beside the real clang.
        if let first = compiler.first {
            let found = first.contains("/") ? first : (ProcessInfo.processInfo.environment["PATH"] ?? "")
                .split(separator: ":").map { "\($0)/\(first)" }.first { FileManager.default.isExecutableFile(atPath: $0) }
            if let found {
                let sibling = URL(fileURLWithPath: found).resolvingSymlinksInPath().deletingLastPathComponent().appendingPathComponent("llvm-ar").path
                if FileManager.default.isExecutableFile(atPath: sibling) { return sibling }
            }
        }
        return "ar"
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
