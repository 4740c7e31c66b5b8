// -p compile_commands.json: each input's flags, and the whole program for a per-file compile.
//
// A per-file `stackless cc -c -p compile_commands.json a.c` analyses every C unit of the
// database (each parsed with its own flags) and transforms only a.c. Each unit's isolated
// summary is cached under the cache directory, keyed by the stackless build, the unit's path,
// contents, flags and options, and checked against every file its parse read (size and time, or
// contents when those changed), so that a `make -j2` of 50 files parses each file once per
// change rather than once per compile.

import Foundation
import StacklessTransform

enum CompileDatabase {
    struct Entry {
        /// Absolute, standardised.
        var file: String
        /// The flags the parser needs (-I, -D, -U, -std, -include, ...), paths made absolute.
        var flags: [String]
    }

    static func entries(_ database: String) throws -> [Entry] {
        guard let data = FileManager.default.contents(atPath: database) else {
            throw TransformError(nil, "\(database): cannot read the compilation database")
        }
        guard let objects = try? JSONSerialization.jsonObject(with: data) as? [[String: Any]] else {
            throw TransformError(nil, "\(database): not a compilation database (expected a JSON array of objects)")
        }
        let base = URL(fileURLWithPath: database).deletingLastPathComponent().path
        var result: [Entry] = []
        var seen: Set<String> = []
        for object in objects {
            guard let file = object["file"] as? String else { continue }
            var directory = object["directory"] as? String ?? base
            if !directory.hasPrefix("/") { directory = base + "/" + directory }
            let path = URL(fileURLWithPath: file.hasPrefix("/") ? file : directory + "/" + file).standardized.path
            guard path.hasSuffix(".c"), seen.insert(path).inserted else { continue }
            var words = object["arguments"] as? [String] ?? []
            if words.isEmpty, let command = object["command"] as? String { words = shellWords(command) }
            result.append(Entry(file: path, flags: parserFlags(words, directory: directory)))
        }
        return result
    }

    /// The flags of `words` that change what the parser sees.
    static func parserFlags(_ words: [String], directory: String) -> [String] {
        func absolute(_ p: String) -> String { p.hasPrefix("/") ? p : directory + "/" + p }
        let pathValued: Set<String> = ["-I", "-include", "-isystem", "-iquote", "-imacros", "-idirafter", "--sysroot", "-isysroot"]
        var result: [String] = []
        var i = 0
        while i < words.count {
            let w = words[i]
            if pathValued.contains(w), i + 1 < words.count {
                result += [w, absolute(words[i + 1])]
                i += 2
                continue
            }
            if (w == "-D" || w == "-U"), i + 1 < words.count {
                result += [w, words[i + 1]]
                i += 2
                continue
            }
            if w.hasPrefix("-I") && w.count > 2 {
                result.append("-I" + absolute(String(w.dropFirst(2))))
            } else if w.hasPrefix("-isystem") && w.count > 8 {
                result += ["-isystem", absolute(String(w.dropFirst(8)))]
            } else if w.hasPrefix("-D") || w.hasPrefix("-U") || w.hasPrefix("-std=") || w == "-ansi" || w == "-pthread"
                        || w.hasPrefix("--sysroot=") || w == "-nostdinc" || w.hasPrefix("-f") && (w.contains("char") || w == "-fgnu89-inline") {
                result.append(w)
            }
            i += 1
        }
        return result
    }

    /// Splits a command line as a POSIX shell does (quotes and backslashes; no expansions).
    static func shellWords(_ command: String) -> [String] {
        var words: [String] = []
        var word = ""
        var inWord = false
        var quote: Character?
        var escaped = false
        for c in command {
            if escaped {
                word.append(c)
                escaped = false
                inWord = true
            } else if c == "\\" && quote != "'" {
                escaped = true
            } else if let q = quote {
                if c == q { quote = nil } else { word.append(c) }
            } else if c == "'" || c == "\"" {
                quote = c
                inWord = true
            } else if c == " " || c == "\t" || c == "\n" {
                if inWord { words.append(word) }
                word = ""
                inWord = false
            } else {
                word.append(c)
                inWord = true
            }
        }
        if inWord { words.append(word) }
        return words
    }

    /// The flags recorded for `files` (their first entries).
    static func flags(for files: [String], in entries: [Entry]) -> [String] {
        let wanted = Set(files.map { URL(fileURLWithPath: $0).standardized.path })
        return entries.filter { wanted.contains($0.file) }.flatMap(\.flags)
    }

    /// The isolated summary of every unit of the database, from the cache where it is current.
    /// Compiles running at once start at different units, so that they share the parsing.
    static func summaries(_ entries: [Entry], startingAt start: String?, options: TransformOptions, cache: Cache) throws -> [UnitSummary] {
        var order = Array(entries.indices)
        if let start, let i = entries.firstIndex(where: { $0.file == URL(fileURLWithPath: start).standardized.path }) {
            order = Array(order[i...] + order[..<i])
        }
        var result: [Int: UnitSummary] = [:]
        var problems: [Diagnostic] = []
        for i in order {
            let entry = entries[i]
            var unitOptions = options
            unitOptions.compilerArguments = entry.flags
            let key = cache.key([entry.file, unitOptions.suspendAll ? "all" : "", unitOptions.torture ? "torture" : "",
                                 unitOptions.checked ? "checked" : "", unitOptions.runtimeInclude ?? ""] + entry.flags,
                                contentsOf: entry.file)
            if let text = cache.lookup(key), let summary = UnitSummary(text: text) {
                result[i] = summary
                continue
            }
            do {
                let (summary, dependencies) = try Stackless.isolatedSummary(of: entry.file, options: unitOptions)
                cache.store(key, summary.text, dependencies: dependencies)
                result[i] = summary
            } catch let error as TransformError {
                problems += error.diagnostics
            }
        }
        if !problems.isEmpty {
            throw TransformError([Diagnostic(.note, nil, "while analysing the units of the compilation database (-p) as one program:")] + problems)
        }
        return entries.indices.compactMap { result[$0] }
    }
}

/// Files keyed by a hash, under $STACKLESS_CACHE_DIR, else $XDG_CACHE_HOME/stackless, else
/// ~/.cache/stackless.
struct Cache {
    let root: String

    init(directory: String? = nil) {
        let env = ProcessInfo.processInfo.environment
        if let directory {
            root = directory
        } else if let dir = env["STACKLESS_CACHE_DIR"], !dir.isEmpty {
            root = dir
        } else {
            root = (env["XDG_CACHE_HOME"] ?? (NSHomeDirectory() + "/.cache")) + "/stackless"
        }
    }

    static func hash(_ bytes: [UInt8], _ seed: UInt64 = 1469598103934665603) -> UInt64 {
        var h = seed
        for b in bytes { h = (h ^ UInt64(b)) &* 1099511628211 }
        return h
    }

    static func hex(_ h: UInt64) -> String {
        let s = String(h, radix: 16)
        return String(repeating: "0", count: 16 - s.count) + s
    }

    /// This build of stackless: its executable's size and time.
    static let toolStamp: String = {
        let exe = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        var st = stat()
        guard stat(exe, &st) == 0 else { return exe }
        return "\(exe) \(st.st_size) \(st.st_mtim.tv_sec).\(st.st_mtim.tv_nsec)"
    }()

    func key(_ words: [String], contentsOf file: String) -> String {
        var h = Cache.hash(Array((Cache.toolStamp + "\u{0}" + words.joined(separator: "\u{0}")).utf8))
        h = Cache.hash([UInt8](FileManager.default.contents(atPath: file) ?? Data()), h)
        return Cache.hex(h)
    }

    private func path(_ key: String) -> String { "\(root)/summaries/\(key.prefix(2))/\(key)" }

    private static func fileStamp(_ path: String) -> (size: Int, time: String)? {
        var st = stat()
        guard stat(path, &st) == 0 else { return nil }
        return (Int(st.st_size), "\(st.st_mtim.tv_sec).\(st.st_mtim.tv_nsec)")
    }

    /// The stored text, if every file it depends on is as it was.
    func lookup(_ key: String) -> String? {
        guard let data = FileManager.default.contents(atPath: path(key)) else { return nil }
        let text = String(decoding: data, as: UTF8.self)
        guard let split = text.range(of: "\n\n") else { return nil }
        for line in text[..<split.lowerBound].split(separator: "\n") {
            let f = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard f.count == 4 else { return nil }
            if let stamp = Cache.fileStamp(f[0]), stamp.size == Int(f[1]), stamp.time == f[2] { continue }
            guard let contents = FileManager.default.contents(atPath: f[0]),
                  Cache.hex(Cache.hash([UInt8](contents))) == f[3] else { return nil }
        }
        return String(text[split.upperBound...])
    }

    func store(_ key: String, _ text: String, dependencies: [String]) {
        var header = ""
        for dep in Set(dependencies).sorted() {
            guard let stamp = Cache.fileStamp(dep), let contents = FileManager.default.contents(atPath: dep) else { return }
            header += "\(dep)\t\(stamp.size)\t\(stamp.time)\t\(Cache.hex(Cache.hash([UInt8](contents))))\n"
        }
        write(path(key), header + "\n" + text)
    }

    /// Writes atomically (a temporary file renamed into place); a cache that cannot be written
    /// only costs time.
    @discardableResult
    func write(_ target: String, _ text: String) -> Bool {
        let dir = (target as NSString).deletingLastPathComponent
        try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let temporary = "\(target).\(getpid()).tmp"
        guard FileManager.default.createFile(atPath: temporary, contents: Data(text.utf8)) else { return false }
        if rename(temporary, target) != 0 {
            unlink(temporary)
            return false
        }
        return true
    }
}
