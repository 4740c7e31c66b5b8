import StacklessRuntime

/// A channel between tasklets: a send blocks until a receiver takes the value, and a receive
/// until a sender brings one. `Element` is what crosses it (see ``CValue``): `Int` as C's
/// `(void *)(intptr_t)n`, `UnsafeMutableRawPointer?` as itself, any other Swift value boxed.
///
/// Tasklets (C code) use `channel_send` and `channel_receive` on ``handle`` (or ``pointer``).
/// Swift, the root greenlet, runs outside every tasklet and cannot block, so it meets tasklets
/// this way: ``receive(running:)`` runs the scheduler until a tasklet waits to send on the
/// channel, then takes its value (``send(_:running:)`` is the mirror image), and
/// ``values(running:)`` is a `Sequence` of everything the tasklets send until they close the
/// channel or finish. ``send(_:)`` and ``receive()`` never run the scheduler: they succeed only
/// when a tasklet is already waiting, and throw ``StacklessError/noTasklet`` otherwise.
///
/// ```swift
/// let squares = Channel<Int>(name: "squares")
/// start_squares(scheduler.handle, squares.handle, 10)   // C tasklets send on it
/// for n in squares.values(running: scheduler) { print(n) }
/// ```
///
/// ## Lifetimes
/// Releasing the last reference closes and frees the C channel (waiters wake with
/// `CHANNEL_CLOSED`). A scheduler keeps alive the channels used with it (the `running:` forms, a
/// ``Scheduler/spawn(name:_:argument:)`` argument, ``Scheduler/keepAlive(_:)``), so its
/// tasklets can use them until they are finished, however the Swift code that made them ends.
/// A boxed value sent to a tasklet carries a reference that the receiver takes; C code that drops
/// one (a tasklet killed while it holds it) leaks it.
///
/// ## Threads
/// Not `Sendable`: a channel belongs to the thread that made it, and used on another thread it
/// throws ``StacklessError/wrongThread(operation:)``.
public final class Channel<Element>: CObject {
    /// Which side goes on when one side finds the other waiting.
    public typealias Preference = ChannelPreference

    /// The C channel (`channel *`), to hand to C functions.
    public let pointer: OpaquePointer
    /// The C channel as a typed handle, for C functions declared with `channel_ref`.
    public var handle: ChannelHandle { ChannelHandle(rawValue: pointer) }
    /// How elements cross to C and back.
    public let crossing = CValue<Element>()
    let owner: Owner
    private let cName: UnsafeMutablePointer<CChar>?

    /// Creates an open channel.
    ///
    /// - Parameter name: A name for deadlock reports; without one, reports show its address.
    public init(name: String? = nil) {
        owner = Owner.forNewObject()
        cName = name.map(cString)
        guard let c = channel_new(cName) else { fatalError("channel_new: out of memory") }
        pointer = c
    }

    deinit {
        owner.release(.channel(pointer, name: cName))
    }

    /// The channel's name, nil if it has none.
    public var name: String? { channel_name(pointer).map { String(cString: $0) } }

    /// Sends a value to a tasklet that is waiting to receive.
    ///
    /// - Parameter value: The value the receiver gets.
    /// - Throws: ``StacklessError/noTasklet`` if no tasklet waits to receive,
    ///   ``StacklessError/channelClosed``, ``StacklessError/notInRoot(operation:)`` or
    ///   ``StacklessError/wrongThread(operation:)``.
    public func send(_ value: Element) throws {
        try owner.enter("Channel.send")
        try sendNow(value)
    }

    private func sendNow(_ value: Element) throws {
        let passed = crossing.pass(value)
        guard channel_send(pointer, passed) == 0 else {
            crossing.release(passed)
            throw StacklessError.take() ?? .noTasklet
        }
    }

    /// Receives a value from a tasklet that is waiting to send.
    ///
    /// - Returns: The value sent.
    /// - Throws: ``StacklessError/noTasklet`` if no tasklet waits to send,
    ///   ``StacklessError/channelClosed``, ``StacklessError/notInRoot(operation:)``,
    ///   ``StacklessError/wrongThread(operation:)``, or ``StacklessError/invalidArgument(_:)``
    ///   when C sent something that is not a boxed `Element`.
    public func receive() throws -> Element {
        try owner.enter("Channel.receive")
        return try receiveNow()
    }

    private func receiveNow() throws -> Element {
        let value = channel_receive(pointer)
        if let error = StacklessError.take() { throw error }
        return try crossing.take(value)
    }

    /// Runs `scheduler` until a tasklet waits to send on this channel, then receives its value.
    /// The scheduler keeps the channel alive from then on.
    ///
    /// - Parameter scheduler: The scheduler whose tasklets send on the channel.
    /// - Returns: The value sent.
    /// - Throws: ``StacklessError/channelClosed`` when the channel is closed,
    ///   ``StacklessError/noTasklet`` when the scheduler has no tasklet left that could send, a
    ///   deadlock that no sender on this channel is part of, or a tasklet's error.
    public func receive(running scheduler: Scheduler) throws -> Element {
        try meet(scheduler, "Channel.receive(running:)", waiting: { channel_balance(pointer) > 0 }) {
            () throws in try receiveNow()
        }
    }

    /// Runs `scheduler` until a tasklet waits to receive on this channel, then sends it `value`.
    /// The scheduler keeps the channel alive from then on.
    ///
    /// - Parameters:
    ///   - value: The value the receiver gets.
    ///   - scheduler: The scheduler whose tasklets receive on the channel.
    /// - Throws: As ``receive(running:)`` does.
    public func send(_ value: Element, running scheduler: Scheduler) throws {
        try meet(scheduler, "Channel.send(_:running:)", waiting: { channel_balance(pointer) < 0 }) {
            () throws in try sendNow(value)
        }
    }

    private func meet<T>(_ scheduler: Scheduler, _ operation: StaticString, waiting partner: () -> Bool,
                         _ meeting: () throws -> T) throws -> T {
        try owner.enter(operation)
        try scheduler.owner.check(operation)
        scheduler.keepAlive(self)
        while true {
            if partner() { return try meeting() }
            if isClosed { throw StacklessError.channelClosed }
            do {
                try scheduler.run()
            } catch {
                // Blocked on this channel, the partner waits for Swift: not a deadlock.
                guard (error as? StacklessError)?.deadlockReport != nil, partner() else { throw error }
                continue
            }
            if !partner() { throw isClosed ? StacklessError.channelClosed : StacklessError.noTasklet }
        }
    }

    /// Everything the tasklets of `scheduler` send on this channel, received from Swift with
    /// ``receive(running:)``, until the channel is closed or no tasklet is left to send. The
    /// scheduler keeps the channel alive: breaking out of the loop early is safe.
    ///
    /// - Parameter scheduler: The scheduler whose tasklets send on the channel.
    /// - Returns: A single-pass sequence; an error other than the end (a deadlock, a tasklet's
    ///   error, the wrong thread) ends it and is kept in its `error`.
    public func values(running scheduler: Scheduler) -> Values {
        if scheduler.owner.isCurrent { scheduler.keepAlive(self) }
        return Values(channel: self, scheduler: scheduler)
    }

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
        public func next() -> Element? {
            guard !ended else { return nil }
            do {
                return .some(try channel.receive(running: scheduler))
            } catch StacklessError.channelClosed, StacklessError.noTasklet {
            } catch {
                self.error = error as? StacklessError ?? .invalidArgument("\(error)")
            }
            ended = true
            return nil
        }
    }

    /// Closes the channel: waiters wake with ``StacklessError/channelClosed`` and later sends and
    /// receives fail at once.
    ///
    /// - Throws: ``StacklessError/wrongThread(operation:)`` on a thread that does not own it.
    public func close() throws {
        try owner.check("Channel.close")
        channel_close(pointer)
    }

    /// Whether the channel is closed.
    public var isClosed: Bool { channel_closed(pointer) }

    /// Tasklets waiting to send minus tasklets waiting to receive.
    public var balance: Int { Int(channel_balance(pointer)) }

    /// Which side goes on when one side finds the other waiting (on another thread, setting it
    /// does nothing).
    public var preference: Preference {
        get { Preference(rawValue: channel_preference(pointer)) ?? .receiver }
        set {
            guard owner.isCurrent else { return }
            channel_set_preference(pointer, newValue.rawValue)
        }
    }
}

/// Which side goes on when one side of a channel finds the other waiting (Stackless's preference).
public enum ChannelPreference: Int32, Sendable {
    /// The receiver runs first (the default): a send to a waiting receiver runs it at once.
    case receiver = -1
    /// The caller always goes on; the partner becomes runnable.
    case neither = 0
    /// The sender runs first: a receive from a waiting sender runs it at once.
    case sender = 1
}

/// A channel belongs to the thread that created it.
@available(*, unavailable, message: "a channel belongs to the thread that created it")
extension Channel: @unchecked Sendable {}

/// The values sequence belongs to the thread that created its channel.
@available(*, unavailable, message: "a channel belongs to the thread that created it")
extension Channel.Values: @unchecked Sendable {}
