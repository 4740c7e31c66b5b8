#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import StacklessRuntime

/// A channel between tasklets: a send blocks until a receiver takes the value, and a receive
/// until a sender brings one.
///
/// Tasklets (C code) use `channel_send` and `channel_receive` on ``pointer``. Swift, the root
/// greenlet, runs outside every tasklet and cannot block, so it meets tasklets this way:
/// ``receive(running:)`` runs the scheduler until a tasklet waits to send on the channel, then
/// takes its value (``send(_:running:)`` is the mirror image), and ``values(running:)`` is a
/// `Sequence` of everything the tasklets send until they close the channel or finish.
/// ``send(_:)`` and ``receive()`` never run the scheduler: they succeed only when a tasklet is
/// already waiting, and throw ``StacklessError/noTasklet`` otherwise.
///
/// Keep the `Channel` alive as long as C code uses its pointer: releasing it closes and frees
/// the channel (waiters wake with `CHANNEL_CLOSED`). Not `Sendable`: a channel belongs to its
/// thread.
public final class Channel {
    /// Which side goes on when one side finds the other waiting (Stackless's preference).
    public enum Preference: Int32, Sendable {
        /// The receiver runs first (the default): a send to a waiting receiver runs it at once.
        case receiver = -1
        /// The caller always goes on; the partner becomes runnable.
        case neither = 0
        /// The sender runs first: a receive from a waiting sender runs it at once.
        case sender = 1
    }

    /// The C channel (`channel *`), to hand to C functions.
    public let pointer: OpaquePointer
    private let cName: UnsafeMutablePointer<CChar>?

    /// Creates an open channel.
    ///
    /// - Parameter name: A name for deadlock reports; without one, reports show its address.
    public init(name: String? = nil) {
        cName = name.map(cString)
        guard let c = channel_new(cName) else { fatalError("channel_new: out of memory") }
        pointer = c
    }

    deinit {
        channel_free(pointer)
        free(cName)
    }

    /// The channel's name, nil if it has none.
    public var name: String? { channel_name(pointer).map { String(cString: $0) } }

    /// Sends a value to a tasklet that is waiting to receive.
    ///
    /// - Parameter value: The value the receiver gets.
    /// - Throws: ``StacklessError/noTasklet`` if no tasklet waits to receive,
    ///   ``StacklessError/channelClosed``, or ``StacklessError/notInRoot(operation:)``.
    public func send(_ value: UnsafeMutableRawPointer?) throws(StacklessError) {
        try Root.check("Channel.send")
        if channel_send(pointer, value) != 0 { throw StacklessError.take() ?? .noTasklet }
    }

    /// Receives a value from a tasklet that is waiting to send.
    ///
    /// - Returns: The value sent.
    /// - Throws: ``StacklessError/noTasklet`` if no tasklet waits to send,
    ///   ``StacklessError/channelClosed``, or ``StacklessError/notInRoot(operation:)``.
    public func receive() throws(StacklessError) -> UnsafeMutableRawPointer? {
        try Root.check("Channel.receive")
        let value = channel_receive(pointer)
        if let error = StacklessError.take() { throw error }
        return value
    }

    /// Runs `scheduler` until a tasklet waits to send on this channel, then receives its value.
    ///
    /// - Parameter scheduler: The scheduler whose tasklets send on the channel.
    /// - Returns: The value sent.
    /// - Throws: ``StacklessError/channelClosed`` when the channel is closed,
    ///   ``StacklessError/noTasklet`` when the scheduler has no tasklet left that could send, a
    ///   deadlock that no sender on this channel is part of, or a tasklet's error.
    public func receive(running scheduler: Scheduler) throws(StacklessError) -> UnsafeMutableRawPointer? {
        try meet(scheduler, waiting: { channel_balance(pointer) > 0 }) { () throws(StacklessError) in try receive() }
    }

    /// Runs `scheduler` until a tasklet waits to receive on this channel, then sends it `value`.
    ///
    /// - Parameters:
    ///   - value: The value the receiver gets.
    ///   - scheduler: The scheduler whose tasklets receive on the channel.
    /// - Throws: As ``receive(running:)`` does.
    public func send(_ value: UnsafeMutableRawPointer?, running scheduler: Scheduler) throws(StacklessError) {
        try meet(scheduler, waiting: { channel_balance(pointer) < 0 }) { () throws(StacklessError) in try send(value) }
    }

    private func meet<T>(_ scheduler: Scheduler, waiting partner: () -> Bool,
                         _ operation: () throws(StacklessError) -> T) throws(StacklessError) -> T {
        while true {
            if partner() { return try operation() }
            if isClosed { throw .channelClosed }
            do {
                try scheduler.run()
            } catch .deadlock(let report) {
                // Blocked on this channel, the partner waits for Swift: not a deadlock.
                if partner() { continue }
                throw .deadlock(report)
            }
            if !partner() { throw isClosed ? .channelClosed : .noTasklet }
        }
    }

    /// Everything the tasklets of `scheduler` send on this channel, received from Swift with
    /// ``receive(running:)``, until the channel is closed or no tasklet is left to send.
    ///
    /// - Parameter scheduler: The scheduler whose tasklets send on the channel.
    /// - Returns: A single-pass sequence; an error other than the end (a deadlock, a tasklet's
    ///   error) ends it and is kept in its `error`.
    public func values(running scheduler: Scheduler) -> Values { Values(channel: self, scheduler: scheduler) }

    /// The values a channel receives from a scheduler's tasklets, as a `Sequence`.
    public final class Values: Sequence, IteratorProtocol {
        private let channel: Channel
        private let scheduler: Scheduler
        private var ended = false
        /// The error that ended the sequence: nil when it ended because the channel was closed or
        /// no tasklet was left to send.
        public private(set) var error: StacklessError?

        init(channel: Channel, scheduler: Scheduler) {
            self.channel = channel
            self.scheduler = scheduler
        }

        /// The next value received, nil at the end.
        public func next() -> UnsafeMutableRawPointer?? {
            guard !ended else { return nil }
            do {
                return .some(try channel.receive(running: scheduler))
            } catch .channelClosed, .noTasklet {
            } catch {
                self.error = error
            }
            ended = true
            return nil
        }
    }

    /// Closes the channel: waiters wake with ``StacklessError/channelClosed`` and later sends and
    /// receives fail at once.
    public func close() { channel_close(pointer) }

    /// Whether the channel is closed.
    public var isClosed: Bool { channel_closed(pointer) }

    /// Tasklets waiting to send minus tasklets waiting to receive.
    public var balance: Int { Int(channel_balance(pointer)) }

    /// Which side goes on when one side finds the other waiting.
    public var preference: Preference {
        get { Preference(rawValue: channel_preference(pointer)) ?? .receiver }
        set { channel_set_preference(pointer, newValue.rawValue) }
    }
}

/// A channel belongs to the thread that created it.
@available(*, unavailable, message: "a channel belongs to the thread that created it")
extension Channel: @unchecked Sendable {}

/// The values sequence belongs to the thread that created its channel.
@available(*, unavailable, message: "a channel belongs to the thread that created it")
extension Channel.Values: @unchecked Sendable {}
