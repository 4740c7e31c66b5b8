// Preprocessor directives of a file's text, found by a small lexer (libclang's preprocessing record
// has macro definitions, expansions and inclusions, but not #if, #else, #endif or #undef).
//
// Input: the bytes of a C file. Output: every directive line with its range (backslash
// continuations and comments that run across lines included) and its name, in file order:
//
//     int f(void) {          // scan(...) ->
//     #ifdef A               //   [Directive(name: "ifdef", range: 14..<23), Directive(name: "endif", ...)]
//         return 1;
//     #endif
//     }

struct Directive: Equatable {
    /// The word after `#` (`define`, `if`, `endif`, `pragma`, ...); "" for `#` alone; a line
    /// marker (`# 12 "a.c" 2`) is named "line" like `#line`.
    var name: String
    /// From the `#` (or the whitespace before it) to the end of its last line, newline excluded.
    var range: Range<Int>

    /// Directives that change what the preprocessor does with later text: a rewrite that moves
    /// text across them, or drops them, changes the program.
    var changesPreprocessorState: Bool {
        !["pragma", "line", "ident", "sccs", ""].contains(name)
    }

    /// Directives kept after a function that is rewritten from its preprocessed form: they
    /// still matter to the rest of the file (#define, #undef) or balance conditionals opened or
    /// closed outside it. An #include inside a function put its text into the function; #error
    /// and #warning have been seen by the preprocessor already.
    var keptAfterPreprocessedForm: Bool {
        ["define", "undef", "if", "ifdef", "ifndef", "elif", "elifdef", "elifndef", "else", "endif"].contains(name)
    }
}

enum Directives {
    static func scan(_ text: [UInt8]) -> [Directive] {
        var result: [Directive] = []
        var i = 0
        let n = text.count
        var atLineStart = true
        while i < n {
            let ch = text[i]
            if ch == 10 { atLineStart = true; i += 1; continue }
            if ch == 32 || ch == 9 || ch == 12 || ch == 13 || ch == 11 { i += 1; continue }
            if ch == UInt8(ascii: "/"), i + 1 < n, text[i + 1] == UInt8(ascii: "*") {
                i = skipBlockComment(text, i)
                continue
            }
            if ch == UInt8(ascii: "/"), i + 1 < n, text[i + 1] == UInt8(ascii: "/") {
                i = skipLineComment(text, i)
                continue
            }
            if ch == UInt8(ascii: "#") && atLineStart {
                let start = i
                let end = directiveEnd(text, i)
                result.append(Directive(name: directiveName(text, i + 1, end), range: start..<end))
                i = end
                continue
            }
            atLineStart = false
            if ch == UInt8(ascii: "\"") || ch == UInt8(ascii: "'") {
                i = skipQuoted(text, i)
                continue
            }
            i += 1
        }
        return result
    }

    /// The end of the directive that starts at `i`: the first newline not escaped by a
    /// backslash and not inside a block comment.
    private static func directiveEnd(_ text: [UInt8], _ start: Int) -> Int {
        var i = start
        let n = text.count
        while i < n {
            let ch = text[i]
            if ch == 10 { return i }
            if ch == UInt8(ascii: "\\"), i + 1 < n, text[i + 1] == 10 { i += 2; continue }
            if ch == UInt8(ascii: "\\"), i + 2 < n, text[i + 1] == 13, text[i + 2] == 10 { i += 3; continue }
            if ch == UInt8(ascii: "/"), i + 1 < n, text[i + 1] == UInt8(ascii: "*") { i = skipBlockComment(text, i); continue }
            if ch == UInt8(ascii: "/"), i + 1 < n, text[i + 1] == UInt8(ascii: "/") { return skipLineComment(text, i) }
            if ch == UInt8(ascii: "\"") || ch == UInt8(ascii: "'") { i = skipQuoted(text, i); continue }
            i += 1
        }
        return n
    }

    private static func directiveName(_ text: [UInt8], _ from: Int, _ end: Int) -> String {
        var i = from
        while i < end, text[i] == 32 || text[i] == 9 { i += 1 }
        if i < end, isDigit(text[i]) { return "line" }
        let start = i
        while i < end, isIdentifierByte(text[i]) { i += 1 }
        return String(decoding: text[start..<i], as: UTF8.self)
    }

    static func skipBlockComment(_ text: [UInt8], _ start: Int) -> Int {
        var i = start + 2
        while i + 1 < text.count && !(text[i] == UInt8(ascii: "*") && text[i + 1] == UInt8(ascii: "/")) { i += 1 }
        return min(i + 2, text.count)
    }

    /// Up to the newline that ends the comment (a backslash before it continues the comment).
    static func skipLineComment(_ text: [UInt8], _ start: Int) -> Int {
        var i = start + 2
        while i < text.count && text[i] != 10 {
            if text[i] == UInt8(ascii: "\\"), i + 1 < text.count, text[i + 1] == 10 { i += 2; continue }
            i += 1
        }
        return i
    }

    /// Past the closing quote of a string or character literal (or the end of its line).
    static func skipQuoted(_ text: [UInt8], _ start: Int) -> Int {
        let quote = text[start]
        var i = start + 1
        while i < text.count && text[i] != quote && text[i] != 10 {
            if text[i] == UInt8(ascii: "\\") { i += 1 }
            i += 1
        }
        return min(i + 1, text.count)
    }

    private static func isDigit(_ b: UInt8) -> Bool { b >= 48 && b <= 57 }
}
