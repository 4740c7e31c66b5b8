// Problems found in the user's input, with a location and a reason. Stages collect them instead of
// stopping at the first, so the user sees all of them at once.

public struct Diagnostic: Sendable, CustomStringConvertible, Equatable {
    public enum Severity: String, Sendable { case error, warning, note }
    public var severity: Severity
    public var loc: SourceLoc?
    public var message: String

    public init(_ severity: Severity, _ loc: SourceLoc?, _ message: String) {
        self.severity = severity
        self.loc = loc
        self.message = message
    }

    /// `file:line:col: error: message`, the form compilers and SwiftPM understand.
    public var description: String {
        if let loc { return "\(loc): \(severity.rawValue): \(message)" }
        return "stackless: \(severity.rawValue): \(message)"
    }
}

/// Thrown when a stage cannot go on; carries every diagnostic collected so far.
public struct TransformError: Error, CustomStringConvertible {
    public var diagnostics: [Diagnostic]
    public init(_ diagnostics: [Diagnostic]) { self.diagnostics = diagnostics }
    public init(_ loc: SourceLoc?, _ message: String) { diagnostics = [Diagnostic(.error, loc, message)] }
    public var description: String { diagnostics.map(\.description).joined(separator: "\n") }
}
