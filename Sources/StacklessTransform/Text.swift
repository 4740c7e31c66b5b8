// Small text helpers shared by the stages.

/// Whether a byte can be part of a C identifier.
func isIdentifierByte(_ b: UInt8) -> Bool {
    (b >= 48 && b <= 57) || (b >= 65 && b <= 90) || (b >= 97 && b <= 122) || b == 95
}

/// `text` as a C string literal (a file name for `#line`): backslashes and quotes escaped.
func cStringLiteral(_ text: String) -> String {
    var s = "\""
    for ch in text.unicodeScalars {
        switch ch {
        case "\\": s += "\\\\"
        case "\"": s += "\\\""
        default: s.unicodeScalars.append(ch)
        }
    }
    return s + "\""
}
