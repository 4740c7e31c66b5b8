import StacklessRuntime

/// A scheduler of tasklets: Stackless Python's model over greenlets.
///
/// Tasklets are C functions (transformed by `stackless`) that run round-robin, in a deterministic
/// order, and talk over ``Channel``s; a send or receive blocks the tasklet until a partner
/// arrives. ``run()`` runs them until none is runnable. If tasklets remain and all of them wait on
/// channels, that is a deadlock, thrown as ``StacklessError/deadlock(_:)`` with a report naming
/// every blocked tasklet and the channel it waits on, instead of a hang.
///
/// ```swift
/// let scheduler = Scheduler()
/// let numbers = Channel<Int>(name: "numbers")
/// try scheduler.spawn(name: "producer", produce, argument: numbers)   // void *produce(void *channel)
/// for value in numbers.values(running: scheduler) { print(value) }
/// ```
///
/// ## Lifetimes
/// Releasing the scheduler frees it with `scheduler_free`: tasklets that remain are killed (they
/// see `GREENLET_EXIT`) and run to their end, and may still use their channels then. So a
/// scheduler keeps alive, until that is done, everything its tasklets were given through the
/// wrapper: the wrapper objects passed as a ``spawn(name:_:argument:)`` argument, the channels
/// used with it (``Channel/receive(running:)``, ``Channel/send(_:running:)``,
/// ``Channel/values(running:)``), and what ``keepAlive(_:)`` was given, for the objects handed
/// to C some other way (`start_pipeline(scheduler.handle, channel.handle)`).
///
/// ## Threads
/// Swift runs as the root greenlet, outside every tasklet. A scheduler belongs to the thread that
/// made it: it is not `Sendable`, and used on another thread it throws
/// ``StacklessError/wrongThread(operation:)``.
public final class Scheduler: CObject {
    /// The C scheduler (`scheduler *`), to hand to C functions.
    public let pointer: OpaquePointer
    /// The C scheduler as a typed handle, for C functions declared with `scheduler_ref`.
    public var handle: SchedulerHandle { SchedulerHandle(rawValue: pointer) }
    let owner: Owner
    private var names: [UnsafeMutablePointer<CChar>] = []
    private var kept: [ObjectIdentifier: AnyObject] = [:]

    /// Creates an empty scheduler.
    public init() {
        owner = Owner.forNewObject()
        guard let s = scheduler_new() else { fatalError("scheduler_new: out of memory") }
        pointer = s
    }

    deinit {
        // The release may happen on another thread at once: it must hold the last references.
        let keep = Array(kept.values)
        kept = [:]
        owner.release(.scheduler(pointer, names: names, keep: consume keep))
    }

    /// Keeps `object` alive as long as this scheduler: until its tasklets are finished or killed.
    /// For what C tasklets use that the wrapper does not know about.
    ///
    /// - Parameter object: A ``Channel``, a ``Greenlet``, or anything C was given a pointer to.
    public func keepAlive(_ object: AnyObject) {
        kept[ObjectIdentifier(object)] = object
    }

    /// Adds a tasklet that will call `body(argument)`, runnable at the end of the queue. It ends
    /// when the body returns (its result is ignored).
    ///
    /// A body written in Swift (a `@convention(c)` closure) runs as the tasklet but cannot block:
    /// only C code transformed by `stackless` can suspend.
    ///
    /// - Parameters:
    ///   - name: A name for deadlock reports (kept until the scheduler is released).
    ///   - body: The tasklet's C function.
    ///   - argument: The value the body is called with: a ``Channel``, ``Scheduler`` or
    ///     ``Greenlet`` as its C pointer, which the scheduler keeps alive; a pointer or a typed
    ///     handle (``CPointerConvertible``) as itself; an `Int` as `(void *)(intptr_t)n`; any other
    ///     value boxed (see ``CValue``), kept alive by the scheduler.
    /// - Throws: ``StacklessError/wrongThread(operation:)`` on a thread that does not own it.
    public func spawn<Argument>(name: String? = nil, _ body: Greenlet.Body, argument: Argument) throws {
        try owner.check("Scheduler.spawn")
        let (pointer, keep) = cArgument(argument)
        if let keep, keep !== self { keepAlive(keep) }  // itself: no cycle
        try spawnTasklet(name: name, body, pointer)
    }

    /// Adds a tasklet that will call `body(NULL)`; see ``spawn(name:_:argument:)``.
    public func spawn(name: String? = nil, _ body: Greenlet.Body) throws {
        try owner.check("Scheduler.spawn")
        try spawnTasklet(name: name, body, nil)
    }

    private func spawnTasklet(name: String?, _ body: Greenlet.Body, _ argument: UnsafeMutableRawPointer?) throws {
        guard let t = tasklet_new(pointer, body, argument) else {
            throw StacklessError.invalidArgument("tasklet_new failed")
        }
        if let name {
            let copy = cString(name)
            names.append(copy)
            tasklet_set_name(t, copy)
        }
    }

    /// Runs the tasklets until none is runnable. Calling it again goes on (after a deadlock, once
    /// something has unblocked a tasklet, say).
    ///
    /// - Throws: ``StacklessError/deadlock(_:)`` when tasklets remain and all of them wait on
    ///   channels (the report names them); the error a tasklet ended with (other than an exit or
    ///   a closed channel, which end a tasklet quietly); ``StacklessError/notInRoot(operation:)``
    ///   inside a callback from C; ``StacklessError/wrongThread(operation:)`` on a thread that
    ///   does not own the scheduler.
    public func run() throws {
        try owner.enter("Scheduler.run")
        owner.drainInbox()
        guard scheduler_run(pointer) != 0 else {
            greenlet_error_clear()
            return
        }
        guard let error = StacklessError.take() else { return }
        if case .deadlock = error {
            throw StacklessError.deadlock(DeadlockReport(message: scheduler_error(pointer).map { String(cString: $0) } ?? "deadlock"))
        }
        throw error
    }

    /// The tasklets not finished yet.
    public var count: Int { Int(scheduler_count(pointer)) }

    /// The tasklets in the run queue.
    public var runnableCount: Int { Int(scheduler_runnable(pointer)) }
}

/// A scheduler belongs to the thread that created it.
@available(*, unavailable, message: "a scheduler belongs to the thread that created it")
extension Scheduler: @unchecked Sendable {}
