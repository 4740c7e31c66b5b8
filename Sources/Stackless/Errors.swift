import StacklessRuntime

/// An error of the Stackless runtime, or a misuse of the wrapper, as a Swift `Error`.
///
/// The C runtime reports errors the way C does: a call returns `NULL` or `-1` and
/// `greenlet_error()` holds a code (`GREENLET_EXIT`, `TASKLET_DEADLOCK`, ...) with a payload. The
/// wrapper turns each of them into a case of this enumeration and clears the C error, so that a
/// Swift caller handles runtime errors with `do`/`catch`.
public enum StacklessError: Error, Hashable, CustomStringConvertible {
    /// `GREENLET_EXIT`: the greenlet or tasklet was asked to end (it was freed or killed).
    case exit
    /// `TASKLET_DEADLOCK`: every tasklet left in the scheduler waits on a channel; the report
    /// names each of them and the channel it waits on.
    case deadlock(DeadlockReport)
    /// `CHANNEL_CLOSED`: the channel was closed while waiting on it, or before.
    case channelClosed
    /// `CHANNEL_NO_TASKLET`: an operation made outside any tasklet (Swift, the root) would have to
    /// block, as a receive from a channel on which no tasklet is sending.
    case noTasklet
    /// An error code that C code raised with `greenlet_throw`, with its payload's address.
    case code(Int32, payload: UInt)
    /// A switching operation was called from Swift code that is not running as its thread's root
    /// greenlet: a Swift callback called from a C greenlet or tasklet. Swift frames cannot be
    /// unwound, so the wrapper refuses the switch instead of corrupting the stack. The associated
    /// value names the operation.
    case notInRoot(operation: String)
    /// An object was used on a thread that does not own it. Greenlets, generators, schedulers and
    /// channels belong to the thread that made them; async code keeps them on one thread with a
    /// ``GreenletExecutor`` (an actor whose executor it is, such as ``GreenletActor``). The
    /// associated value names the operation.
    case wrongThread(operation: String)
    /// An argument the runtime refused, with the reason (a parent that would make a cycle, a
    /// greenlet of another thread, ...).
    case invalidArgument(String)

    /// Maps a runtime error code and its payload to an error.
    ///
    /// - Parameters:
    ///   - code: The value of `greenlet_error()`, not zero.
    ///   - payload: The value of `greenlet_error_payload()`.
    public init(code: Int32, payload: UnsafeMutableRawPointer?) {
        switch code {
        case GREENLET_EXIT: self = .exit
        case TASKLET_DEADLOCK: self = .deadlock(DeadlockReport(message: "deadlock"))
        case CHANNEL_CLOSED: self = .channelClosed
        case CHANNEL_NO_TASKLET: self = .noTasklet
        default: self = .code(code, payload: UInt(bitPattern: payload))
        }
    }

    /// The runtime's error code for this error (`GREENLET_EXIT`, `TASKLET_DEADLOCK`, ...), or 0 for
    /// the wrapper's own errors (``notInRoot(operation:)``, ``invalidArgument(_:)``).
    public var code: Int32 {
        switch self {
        case .exit: GREENLET_EXIT
        case .deadlock: TASKLET_DEADLOCK
        case .channelClosed: CHANNEL_CLOSED
        case .noTasklet: CHANNEL_NO_TASKLET
        case .code(let code, _): code
        case .notInRoot, .wrongThread, .invalidArgument: 0
        }
    }

    /// A sentence saying what went wrong.
    public var description: String {
        switch self {
        case .exit: "the greenlet was asked to exit (GREENLET_EXIT)"
        case .deadlock(let report): report.message
        case .channelClosed: "the channel is closed"
        case .noTasklet: "outside a tasklet, the operation would have to block (no tasklet is there to meet it)"
        case .code(let code, let payload): "error \(code) raised by C code (payload 0x\(String(payload, radix: 16)))"
        case .notInRoot(let operation):
            "\(operation) would switch from Swift code that is not its thread's root greenlet (a callback from a C greenlet); Swift frames cannot be suspended: return to C and switch there"
        case .wrongThread(let operation):
            "\(operation) was called on a thread that does not own the object: greenlets, generators, schedulers and channels belong to the thread that made them; in async code, make and use them on one GreenletExecutor (a GreenletActor, or an actor of your own whose executor it is)"
        case .invalidArgument(let reason): reason
        }
    }

    /// The report of a ``deadlock(_:)``, nil for every other error: for a `catch` that names no
    /// case (`catch { if let report = error.deadlockReport { ... } }`).
    public var deadlockReport: DeadlockReport? {
        if case .deadlock(let report) = self { return report }
        return nil
    }

    /// Reads and clears the error the last runtime call left, if any.
    static func take() -> StacklessError? {
        let code = greenlet_error()
        guard code != 0 else { return nil }
        let payload = greenlet_error_payload()
        greenlet_error_clear()
        return StacklessError(code: code, payload: payload)
    }
}

/// What `scheduler_run` reports when every remaining tasklet waits on a channel.
///
/// The runtime's message reads `deadlock: 2 tasklets blocked: tasklet 'a' (#1) receiving on
/// channel 'c'; tasklet #2 sending on channel 'd'`; ``blocked`` is the same list, parsed.
public struct DeadlockReport: Hashable, Sendable, CustomStringConvertible {
    /// The runtime's message, as it wrote it.
    public var message: String
    /// One entry per blocked tasklet, in the order they were created.
    public var blocked: [BlockedTasklet]

    /// Parses a report in the runtime's format; entries that do not parse are left out of
    /// ``blocked`` (the ``message`` keeps everything).
    ///
    /// - Parameter message: The text of `scheduler_error()`.
    public init(message: String) {
        self.message = message
        self.blocked = BlockedTasklet.parse(report: message)
    }

    /// The names of the blocked tasklets (`#N` for a tasklet without a name).
    public var names: [String] { blocked.map { $0.name ?? "#\($0.serial)" } }

    /// The runtime's message.
    public var description: String { message }
}

/// A tasklet that a deadlock left waiting.
public struct BlockedTasklet: Hashable, Sendable {
    /// What a blocked tasklet was doing.
    public enum Operation: String, Hashable, Sendable {
        /// Waiting in `channel_send` for a receiver.
        case sending
        /// Waiting in `channel_receive` for a sender.
        case receiving
    }

    /// The tasklet's name (`tasklet_set_name`, or `Scheduler.spawn(name:)`), nil if it has none.
    public var name: String?
    /// Its number in its scheduler: 1 for the first tasklet created, and so on.
    public var serial: Int
    /// Whether it waits to send or to receive.
    public var operation: Operation
    /// The channel's name, or its address when it has none.
    public var channel: String

    /// Creates an entry.
    ///
    /// - Parameters:
    ///   - name: The tasklet's name, nil if it has none.
    ///   - serial: Its number in its scheduler.
    ///   - operation: Whether it waits to send or to receive.
    ///   - channel: The channel's name or address.
    public init(name: String?, serial: Int, operation: Operation, channel: String) {
        self.name = name
        self.serial = serial
        self.operation = operation
        self.channel = channel
    }

    // "tasklet 'a' (#1) receiving on channel 'c'" or "tasklet #2 sending on channel 0x1234"
    static func parse(report: String) -> [BlockedTasklet] {
        guard let colon = report.firstOccurrence(of: "blocked:") else { return [] }
        var entries: [BlockedTasklet] = []
        for piece in report[colon.upperBound...].split(separator: ";") {
            var text = Substring(piece.drop { $0 == " " })
            guard text.hasPrefix("tasklet ") else { continue }
            text = text.dropFirst("tasklet ".count)
            var name: String?
            if text.hasPrefix("'"), let close = text.firstOccurrence(of: "' (#") {
                name = String(text[text.index(after: text.startIndex)..<close.lowerBound])
                text = text[close.upperBound...]
            } else if text.hasPrefix("#") {
                text = text.dropFirst()
            } else {
                continue
            }
            let digits = text.prefix { $0.isNumber }
            guard let serial = Int(digits) else { continue }
            text = text.dropFirst(digits.count).drop { $0 == ")" || $0 == " " }
            let operation: Operation
            if text.hasPrefix("receiving on channel ") {
                operation = .receiving
                text = text.dropFirst("receiving on channel ".count)
            } else if text.hasPrefix("sending on channel ") {
                operation = .sending
                text = text.dropFirst("sending on channel ".count)
            } else {
                continue
            }
            var channel = String(text)
            if channel.count >= 2, channel.hasPrefix("'"), channel.hasSuffix("'") { channel = String(channel.dropFirst().dropLast()) }
            entries.append(BlockedTasklet(name: name, serial: serial, operation: operation, channel: channel))
        }
        return entries
    }
}

extension StringProtocol {
    /// The first occurrence of `needle` (the standard library's `firstRange(of:)` needs macOS 13).
    func firstOccurrence(of needle: String) -> Range<Index>? {
        guard !needle.isEmpty else { return nil }
        var start = startIndex
        while start < endIndex {
            if self[start...].hasPrefix(needle) {
                return start..<index(start, offsetBy: needle.count)
            }
            start = index(after: start)
        }
        return nil
    }
}
