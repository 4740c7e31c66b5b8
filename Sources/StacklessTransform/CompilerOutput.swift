// What the C compiler says about transformed files, as the user should read it.
//
// A rewritten function is compiled twice (its normal entry and its resume entry), so each of its
// diagnostics would come twice, the second time "In function 'sl__f_resume'". The compiler's
// output is split into diagnostics (a `file:line:col: severity:` line with the snippet, caret and
// notes that follow it), each is shown once, and generated names are given back their user's
// names. When the compile fails, the originals are checked with `-fsyntax-only`: an error of the
// user's own code is then shown exactly as the compiler shows it for the user's file.

import Foundation

public enum CompilerOutput {
    /// The diagnostics in `text`, each once, with generated function names replaced.
    public static func clean(_ text: String) -> String {
        // A block: a context line, or a diagnostic with its snippet and the notes that follow it.
        var blocks: [[Substring]] = []
        // clang's count ("2 warnings generated.") counts the copies: it goes.
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) where !isCount(line) {
            let note = line.contains(": note: ") && !(blocks.last.map { startsContext($0[0]) } ?? true)
            if (startsDiagnostic(line) && !note) || startsContext(line) || blocks.isEmpty {
                blocks.append([line])
            } else {
                blocks[blocks.count - 1].append(line)
            }
        }
        var seen: Set<String> = []
        var out: [String] = []
        var pendingContext: String?
        for block in blocks {
            var lines = dropMisplacedSnippets(block)
            while lines.count > 1, lines.last?.allSatisfy(\.isWhitespace) == true { lines.removeLast() }
            let named = lines.map { userNames(String($0)) }
            let whole = named.joined(separator: "\n")
            if startsContext(block[0]) {
                pendingContext = whole
                continue
            }
            guard seen.insert(identity(named)).inserted else { continue }
            if let context = pendingContext, seen.insert(context).inserted { out.append(context) }
            pendingContext = nil
            out.append(whole)
        }
        return out.joined(separator: "\n")
    }

    /// A diagnostic inside generated code quotes what the user did not write: gcc quotes the
    /// user's line with a column of the generated one (beyond it, its snippet, `  12 |  text` and
    /// the caret line, would show only spaces); clang quotes the generated line itself (the
    /// transform's names, `sl__t1 = ...`). Such a snippet goes; the message stays.
    private static func dropMisplacedSnippets(_ block: [Substring]) -> [Substring] {
        var result: [Substring] = []
        var i = 0
        while i < block.count {
            let line = block[i]
            result.append(line)
            i += 1
            guard startsDiagnostic(line), let column = column(of: line) else { continue }
            var snippet: [Substring] = []
            while i < block.count, !startsDiagnostic(block[i]), !block[i].allSatisfy(\.isWhitespace) {
                snippet.append(block[i])
                i += 1
            }
            guard let quoted = snippet.first else { continue }
            if let bar = quoted.firstIndex(of: "|") {
                let text = quoted[quoted.index(after: bar)...].dropFirst()
                if column <= text.count + 1 && !text.contains("sl__") { result += snippet }
            } else if !quoted.contains("sl__") {
                result += snippet
            }
        }
        return result
    }

    /// What makes a diagnostic the same as another: its messages and their lines. The copies of
    /// a rewritten function lay a line out differently (a column of generated code), so the
    /// columns and the quoted snippets do not count.
    private static func identity(_ named: [String]) -> String {
        named.filter { startsDiagnostic(Substring($0)) }.map { text -> String in
            guard let col = column(of: Substring(text)),
                  let range = text.range(of: ":\(col): ") else { return text }
            return text.replacingCharacters(in: range, with: ": ")
        }.joined(separator: "\n")
    }

    /// `name__sl<digits>` (Lowering's name for a hidden local) -> `name`.
    private static func withoutRenames(_ line: String) -> String {
        let continuesName = { (c: Character) in c.isLetter || c.isNumber || c == "_" }
        var out = ""
        var rest = Substring(line)
        while let r = rest.range(of: "__sl") {
            let before = rest[..<r.lowerBound]
            let digits = rest[r.upperBound...].prefix(while: \.isNumber)
            let next = rest[r.upperBound...].dropFirst(digits.count).first
            let isRename = !digits.isEmpty && before.last.map(continuesName) == true
                && !(next.map(continuesName) ?? false)
            out += before
            if !isRename { out += "__sl" + digits }
            rest = rest[r.upperBound...].dropFirst(digits.count)
        }
        return out + rest
    }

    /// clang's closing count: `1 warning generated.`, `2 warnings and 1 error generated.`.
    private static func isCount(_ line: Substring) -> Bool {
        guard line.hasSuffix(" generated."), let first = line.first, first.isNumber else { return false }
        return line.split(separator: " ").allSatisfy { word in
            word.allSatisfy(\.isNumber) || ["warning", "warnings", "error", "errors", "and", "generated."].contains(String(word))
        }
    }

    /// The column of `file:line:col: severity: ...`.
    private static func column(of line: Substring) -> Int? {
        guard let severity = [": error: ", ": warning: ", ": note: ", ": fatal error: "].compactMap({ line.range(of: $0) }).first else { return nil }
        let location = line[..<severity.lowerBound].split(separator: ":")
        guard location.count >= 3 else { return nil }
        return Int(location[location.count - 1])
    }

    /// `a.c:4:9: error: ...`, `a.c:4: error: ...`, `cc1: ...`.
    private static func startsDiagnostic(_ line: Substring) -> Bool {
        guard let first = line.first, first != " ", first != "|" else { return false }
        return [": error: ", ": warning: ", ": note: ", ": fatal error: "].contains { line.contains($0) }
            || line.hasPrefix("cc1: ") || line.hasPrefix("collect2: ")
    }

    /// `a.c: In function 'f':`, `a.c: At top level:`, `In file included from ...`.
    private static func startsContext(_ line: Substring) -> Bool {
        line.hasSuffix(":") && (line.contains(": In function ") || line.contains(": At top level")
            || line.hasPrefix("In file included from ") || line.contains(": In instantiation"))
    }

    /// `sl__f_resume` -> `f`, `sl__user_main` -> `main`, and a local renamed because a nested
    /// one hides it, `i__sl7` -> `i`.
    static func userNames(_ line: String) -> String {
        var line = line.contains("__sl") ? withoutRenames(line) : line
        // A resume entry declares its variables through __typeof__: clang names their type
        // 'typeof(char)' (aka 'char') where the user's copy says 'char'.
        if line.contains("'typeof(") { line = line.replacingOccurrences(of: #"'typeof\([^']*\)' \(aka ('[^']*')\)"#, with: "$1", options: .regularExpression) }
        guard line.contains("sl__") else { return line }
        var result = line
        result = result.replacingOccurrences(of: "sl__user_main_resume", with: "main")
        result = result.replacingOccurrences(of: "sl__user_main", with: "main")
        var out = ""
        var rest = Substring(result)
        while let r = rest.range(of: "sl__") {
            out += rest[..<r.lowerBound]
            let after = rest[r.upperBound...]
            let name = after.prefix { $0.isLetter || $0.isNumber || $0 == "_" }
            if name.hasSuffix("_resume") && name.count > 7 {
                out += name.dropLast(7)
            } else {
                out += "sl__" + name
            }
            rest = after.dropFirst(name.count)
        }
        return out + rest
    }
}
