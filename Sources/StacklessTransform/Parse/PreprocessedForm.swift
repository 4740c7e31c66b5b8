// Stage 1b, the preprocessed form: a file -> the same file in which chosen functions are replaced
// by their preprocessed tokens, so that they can be rewritten without slicing macros or directives.
//
// Input: a parsed file and the functions that must be rewritten from their preprocessed form (their
// text holds a directive, or a macro expansion that the rewrite reaches into, or the function is
// made by a macro). Output: the text of an equivalent file, parsed again by the caller, in which
// each such function (a "region": the function, widened to whole macro invocations) is the
// compiler's own preprocessor output for it:
//
//     static int take(void) {                 #pragma push_macro("head")
//         int *q = head;            ->        #undef head
//     #define COL_A 0                         #line 9 "a.c"
//         return get(q);                      static int take(void) {
//     }                                           int *q = head;      (expanded: GLOBAL(int *, head) -> head)
//                                                 return get(q);
//                                             }
//                                             #pragma pop_macro("head")
//                                             #define COL_A 0
//                                             #line 13 "a.c"
//
// Why this is right on every input: the region's tokens are what the compiler would have compiled
// (the same preprocessor, flags and macro state, found by running `$CC -E` on the whole file with a
// marker identifier at each region's ends); every identifier in them that names a macro anywhere in
// the file is undefined for the region's span (push_macro/pop_macro), so compiling the region again
// does not expand anything twice; the directives inside the region that still matter later
// (#define, #undef, and every conditional, which keeps the file's #if/#endif balanced) follow it in
// their order; line markers keep the compiler, the debugger and later diagnostics on the user's
// lines. Text outside the regions is left exactly as written.

import Foundation

/// The preprocessor of the compiler that will build the output, with the flags that change what
/// it produces.
public struct PreprocessorCommand: Sendable {
    /// The driver and its leading words: `cc`, `ccache gcc`, `aarch64-linux-gnu-gcc`.
    public var driver: [String]
    /// -I, -D, -U, -include, -std, -O, -f..., -m..., --target: what the compile is given.
    public var arguments: [String]

    public init(driver: [String], arguments: [String] = []) {
        self.driver = driver
        self.arguments = arguments
    }

    /// `$CC`, else `cc`.
    public static var fromEnvironment: PreprocessorCommand {
        let cc = ProcessInfo.processInfo.environment["CC"].flatMap { $0.trimmingWhitespace.isEmpty ? nil : $0 } ?? "cc"
        return PreprocessorCommand(driver: cc.split(separator: " ").map(String.init))
    }
}

enum PreprocessedForm {
    static let sentinel = "__stackless_region_"

    /// The file's text with `functions` replaced by their preprocessed form.
    static func substitute(_ file: SourceFile, _ functions: [Function], _ command: PreprocessorCommand,
                           parserArguments: [String]) throws -> [UInt8] {
        let regions = self.regions(file, functions)
        guard !regions.isEmpty else { return file.text }
        let output = try preprocess(file, regions, command, parserArguments: parserArguments)
        let scan = PreprocessorOutput(output, mainFile: cStringLiteral(file.path))
        var text: [UInt8] = []
        var cursor = 0
        for (k, region) in regions.enumerated() {
            guard let begin = scan.markers["\(sentinel)begin_\(k)"], let end = scan.markers["\(sentinel)end_\(k)"],
                  begin.count == 1, end.count == 1, begin[0].range.upperBound <= end[0].range.lowerBound else {
                let f = functions.first { region.overlaps($0.startOffset..<max($0.endOffset, $0.startOffset + 1)) }
                throw TransformError(f?.loc, "cannot find the preprocessed form of \(f.map { "'\($0.name)'" } ?? "a function") in the output of \(command.driver.joined(separator: " ")) -E")
            }
            text += file.text[cursor..<region.lowerBound]
            if let lastNewline = text.lastIndex(of: 10) {
                if text[(lastNewline + 1)...].contains(where: { $0 != 32 && $0 != 9 }) { text.append(10) }
            } else if !text.isEmpty {
                text.append(10)
            }
            let body = scan.regionText(from: begin[0].range.upperBound, to: end[0].range.lowerBound)
            let names = scan.identifiers(from: begin[0].range.upperBound, to: end[0].range.lowerBound)
                .filter { scan.macroNames.contains($0) && !$0.hasPrefix("sl_") && !$0.hasPrefix("SL_") }
                .sorted()
            for name in names { text += Array("#pragma push_macro(\"\(name)\")\n#undef \(name)\n".utf8) }
            text += Array(fallThroughCommentsLost.utf8)
            text += Array("#line \(begin[0].line) \(begin[0].file)\n".utf8)
            text += body
            text.append(10)
            text += Array("#pragma GCC diagnostic pop\n".utf8)
            for name in names { text += Array("#pragma pop_macro(\"\(name)\")\n".utf8) }
            for line in laterDirectives(file, region, scan, from: begin[0].range.upperBound, to: end[0].range.lowerBound) {
                text += line
                text.append(10)
            }
            text += Array("#line \(end[0].line) \(end[0].file)\n".utf8)
            cursor = region.upperBound
        }
        text += file.text[cursor...]
        return text
    }

    /// The preprocessor drops comments, and with them the `/* fall through */` markers that
    /// gcc's -Wimplicit-fallthrough reads (`-Werror=implicit-fallthrough` builds would fail on the
    /// user's correct code). Keeping comments (`-E -C`) would put `//` comments of macro arguments
    /// into one-line expansions, so a region instead compiles without that warning.
    static let fallThroughCommentsLost = """
        #pragma GCC diagnostic push
        #pragma GCC diagnostic ignored "-Wimplicit-fallthrough"

        """

    /// The directives that follow a region, in their order: the region's own `#define`, `#undef`
    /// and conditionals as written, and the definitions that files it includes made (from -dD),
    /// each after the directives on earlier lines.
    static func laterDirectives(_ file: SourceFile, _ region: Range<Int>, _ scan: PreprocessorOutput,
                                from start: Int, to end: Int) -> [[UInt8]] {
        let own = file.directives.filter { region.contains($0.range.lowerBound) }
        var items: [(key: Int, text: [UInt8])] = own.filter(\.keptAfterPreprocessedForm).map {
            (file.line(ofOffset: $0.range.lowerBound), Array(file.text[$0.range]))
        }
        let included = scan.definitions.filter { $0.offset >= start && $0.offset < end && !$0.inMainFile }
        // A #line in the region leaves no common numbering: then the included ones go last.
        let comparable = !own.contains { $0.name == "line" }
        for d in included { items.append((comparable ? d.mainLine : Int.max, d.text)) }
        return items.enumerated().sorted { ($0.element.key, $0.offset) < ($1.element.key, $1.offset) }.map(\.element.text)
    }

    /// Each function's range, widened to whole macro invocations at its ends (a function made by
    /// a macro is the invocation), overlapping ones merged, in file order.
    static func regions(_ file: SourceFile, _ functions: [Function]) -> [Range<Int>] {
        var ranges: [Range<Int>] = []
        for f in functions {
            var lower = f.startOffset, upper = max(f.endOffset, f.startOffset)
            var changed = true
            while changed {
                changed = false
                for m in file.macroInvocations {
                    if m.lowerBound < lower && m.upperBound > lower { lower = m.lowerBound; changed = true }
                    if m.lowerBound < upper && m.upperBound > upper { upper = m.upperBound; changed = true }
                    if lower == upper && m.lowerBound <= lower && lower < m.upperBound {
                        lower = m.lowerBound; upper = m.upperBound; changed = true
                    }
                }
            }
            ranges.append(lower..<upper)
        }
        ranges.sort { $0.lowerBound < $1.lowerBound }
        var merged: [Range<Int>] = []
        for r in ranges {
            if let last = merged.last, r.lowerBound <= last.upperBound {
                merged[merged.count - 1] = last.lowerBound..<max(last.upperBound, r.upperBound)
            } else {
                merged.append(r)
            }
        }
        return merged
    }

    /// Runs the preprocessor over the file with a marker identifier at each region's ends. The
    /// text goes in on standard input from the file's own directory (so `#include "x.h"` finds
    /// what it finds for the file), named by a leading `#line` (so `__FILE__` is unchanged);
    /// `-dD` keeps every macro definition and #undef, in order.
    private static func preprocess(_ file: SourceFile, _ regions: [Range<Int>], _ command: PreprocessorCommand,
                                   parserArguments: [String]) throws -> [UInt8] {
        var input = Array("#line 1 \(cStringLiteral(file.path))\n".utf8)
        var cursor = 0
        for (k, r) in regions.enumerated() {
            input += file.text[cursor..<r.lowerBound]
            input += Array(" \(sentinel)begin_\(k) ".utf8)
            input += file.text[r]
            input += Array(" \(sentinel)end_\(k) ".utf8)
            cursor = r.upperBound
        }
        input += file.text[cursor...]

        let fm = FileManager.default
        let work = fm.temporaryDirectory.appendingPathComponent("stackless-cpp-\(getpid())-\(UUID().uuidString)")
        try fm.createDirectory(at: work, withIntermediateDirectories: true)
        defer { try? fm.removeItem(at: work) }
        let inPath = work.appendingPathComponent("in.c").path
        let outPath = work.appendingPathComponent("out.i").path
        let errPath = work.appendingPathComponent("err.txt").path
        guard fm.createFile(atPath: inPath, contents: Data(input)), fm.createFile(atPath: errPath, contents: nil) else {
            throw TransformError(nil, "cannot write a temporary file under \(work.path)")
        }
        let here = fm.currentDirectoryPath
        let directory = URL(fileURLWithPath: file.path, relativeTo: URL(fileURLWithPath: here, isDirectory: true))
            .deletingLastPathComponent()
        guard let driver = command.driver.first else { throw TransformError(nil, "no C compiler to preprocess with (set CC)") }
        let arguments = Array(command.driver.dropFirst()) + ["-E", "-dD"]
            + absolutePaths(parserArguments + command.arguments, from: here)
            + ["-x", "c", "-o", outPath, "-"]
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [driver] + arguments
        process.currentDirectoryURL = directory
        process.standardInput = FileHandle(forReadingAtPath: inPath)
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle(forWritingAtPath: errPath)
        do {
            try process.run()
        } catch {
            throw TransformError(nil, "cannot run the C preprocessor '\(driver)': \(error.localizedDescription) (set CC to a C compiler)")
        }
        process.waitUntilExit()
        guard process.terminationStatus == 0, let data = fm.contents(atPath: outPath) else {
            let message = (fm.contents(atPath: errPath).map { String(decoding: $0, as: UTF8.self) } ?? "")
                .split(separator: "\n").prefix(5).joined(separator: "\n")
            throw TransformError(nil, "\(file.path): the C preprocessor (\(command.driver.joined(separator: " ")) -E) failed\(message.isEmpty ? "" : ":\n" + message)")
        }
        return [UInt8](data)
    }

    /// Options whose operand is a path, made absolute: the preprocessor runs in the file's directory.
    static func absolutePaths(_ arguments: [String], from directory: String) -> [String] {
        let separate: Set<String> = ["-I", "-iquote", "-isystem", "-idirafter", "-include", "-imacros", "-isysroot", "--sysroot", "-iprefix"]
        let joined = ["-I", "-iquote", "-isystem", "-idirafter", "--sysroot="]
        func absolute(_ p: String) -> String {
            p.hasPrefix("/") || p.isEmpty ? p : URL(fileURLWithPath: p, relativeTo: URL(fileURLWithPath: directory, isDirectory: true)).standardized.path
        }
        var result: [String] = []
        var i = 0
        while i < arguments.count {
            let a = arguments[i]
            if separate.contains(a), i + 1 < arguments.count {
                result += [a, absolute(arguments[i + 1])]
                i += 2
                continue
            }
            if let prefix = joined.first(where: { a.hasPrefix($0) && a.count > $0.count }) {
                result.append(prefix + absolute(String(a.dropFirst(prefix.count))))
            } else {
                result.append(a)
            }
            i += 1
        }
        return result
    }

}

/// What the preprocessor wrote: where the marker identifiers stand and on which presumed line,
/// and the names of every macro (from `-dD`).
struct PreprocessorOutput {
    struct Marker {
        var range: Range<Int>
        /// The presumed line and file (still quoted as the preprocessor wrote it) of the marker.
        var line: Int
        var file: String
    }

    /// A `#define` or `#undef` line of -dD, and the line of the main file it came from (for one
    /// made by an included file, the line of the #include).
    struct Definition {
        var offset: Int
        var text: [UInt8]
        var inMainFile: Bool
        var mainLine: Int
    }

    let text: [UInt8]
    var markers: [String: [Marker]] = [:]
    var macroNames: Set<String> = []
    var definitions: [Definition] = []
    /// Line starts of `#define`/`#undef` lines (from -dD), which a region's text leaves out.
    private var macroLines: Set<Int> = []

    init(_ text: [UInt8], mainFile: String) {
        self.text = text
        var line = 1
        var file = "\"\""
        var mainLine = 1
        var i = 0
        let n = text.count
        var lineStart = true
        while i < n {
            let ch = text[i]
            if ch == 10 {
                line += 1
                if file == mainFile { mainLine = line }
                lineStart = true
                i += 1
                continue
            }
            if lineStart && ch == UInt8(ascii: "#") {
                let end = text[i...].firstIndex(of: 10) ?? n
                let words = String(decoding: text[(i + 1)..<end], as: UTF8.self).trimmingWhitespace
                if let marker = Self.lineMarker(words) {
                    line = marker.line - 1  // the newline ending this line makes it marker.line
                    file = marker.file ?? file
                } else if words.hasPrefix("define ") || words.hasPrefix("undef ") {
                    let word = words.split(separator: " ").dropFirst().first.map { Array($0.utf8) } ?? []
                    let name = String(decoding: word.prefix { isIdentifierByte($0) }, as: UTF8.self)
                    if !name.isEmpty { macroNames.insert(name) }
                    macroLines.insert(i)
                    definitions.append(Definition(offset: i, text: Array(text[i..<end]), inMainFile: file == mainFile, mainLine: mainLine))
                }
                i = end
                continue
            }
            if ch != 32 && ch != 9 { lineStart = false }
            if ch == UInt8(ascii: "\"") || ch == UInt8(ascii: "'") {
                i = Directives.skipQuoted(text, i)
                continue
            }
            if isIdentifierByte(ch) && !(ch >= 48 && ch <= 57) {
                let start = i
                while i < n && isIdentifierByte(text[i]) { i += 1 }
                if i - start > PreprocessedForm.sentinel.utf8.count && text[start] == UInt8(ascii: "_")
                    && String(decoding: text[start..<i], as: UTF8.self).hasPrefix(PreprocessedForm.sentinel) {
                    markers[String(decoding: text[start..<i], as: UTF8.self), default: []]
                        .append(Marker(range: start..<i, line: line, file: file))
                }
                continue
            }
            if ch >= 48 && ch <= 57 {  // a pp-number, which may hold letters
                while i < n && (isIdentifierByte(text[i]) || text[i] == UInt8(ascii: ".")) { i += 1 }
                continue
            }
            i += 1
        }
    }

    /// `# 12 "a.c" 2` or `#line 12 "a.c"`: the line and the quoted file name.
    private static func lineMarker(_ words: String) -> (line: Int, file: String?)? {
        var rest = Substring(words)
        if rest.hasPrefix("line ") { rest = rest.dropFirst(5).drop { $0 == " " } }
        let digits = rest.prefix { $0.isNumber }
        guard !digits.isEmpty, let number = Int(digits) else { return nil }
        rest = rest.dropFirst(digits.count).drop { $0 == " " }
        guard rest.hasPrefix("\"") else { return (number, nil) }
        var end = rest.index(after: rest.startIndex)
        while end < rest.endIndex && rest[end] != "\"" {
            if rest[end] == "\\" { end = rest.index(after: end) }
            if end < rest.endIndex { end = rest.index(after: end) }
        }
        guard end < rest.endIndex else { return (number, nil) }
        return (number, String(rest[...end]))
    }

    /// The text between two offsets, without the `#define`/`#undef` lines of -dD (each leaves its
    /// newline, so lines keep their numbers).
    func regionText(from start: Int, to end: Int) -> [UInt8] {
        var out: [UInt8] = []
        var i = start
        while i < end {
            if macroLines.contains(i) {
                i = min(text[i..<end].firstIndex(of: 10) ?? end, end)
                continue
            }
            out.append(text[i])
            i += 1
        }
        return out
    }

    /// The identifiers between two offsets, outside literals and directive lines.
    func identifiers(from start: Int, to end: Int) -> Set<String> {
        var names: Set<String> = []
        var i = start
        var lineStart = false
        while i < end {
            let ch = text[i]
            if ch == 10 { lineStart = true; i += 1; continue }
            if lineStart && ch == UInt8(ascii: "#") {
                i = min(text[i..<end].firstIndex(of: 10) ?? end, end)
                continue
            }
            if ch != 32 && ch != 9 { lineStart = false }
            if ch == UInt8(ascii: "\"") || ch == UInt8(ascii: "'") {
                i = min(Directives.skipQuoted(text, i), end)
                continue
            }
            if ch >= 48 && ch <= 57 {
                while i < end && (isIdentifierByte(text[i]) || text[i] == UInt8(ascii: ".")) { i += 1 }
                continue
            }
            if isIdentifierByte(ch) {
                let s = i
                while i < end && isIdentifierByte(text[i]) { i += 1 }
                names.insert(String(decoding: text[s..<i], as: UTF8.self))
                continue
            }
            i += 1
        }
        return names
    }
}
