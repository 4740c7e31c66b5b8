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
/// let numbers = Channel(name: "numbers")
/// scheduler.spawn(name: "producer", produce, argument: UnsafeMutableRawPointer(numbers.pointer))
/// for value in numbers.values(running: scheduler) { print(Int(bitPattern: value)) }
/// ```
///
/// Swift runs as the root greenlet, outside every tasklet. Releasing the scheduler frees it with
/// `scheduler_free`: tasklets that remain are killed (they see `GREENLET_EXIT`) and run to their
/// end. Not `Sendable`: a scheduler belongs to its thread.
public final class Scheduler {
    /// The C scheduler (`scheduler *`), to hand to C functions.
    public let pointer: OpaquePointer
    private var names: [UnsafeMutablePointer<CChar>] = []

    /// Creates an empty scheduler.
    public init() {
        guard let s = scheduler_new() else { fatalError("scheduler_new: out of memory") }
        pointer = s
    }

    deinit {
        let names = names.map { UInt(bitPattern: $0) }
        if Root.isCurrent {
            scheduler_free(pointer)
            for name in self.names { freeCString(name) }
        } else {
            Deferred.add(.scheduler(UInt(bitPattern: pointer), names: names))
        }
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
    ///   - argument: The value the body is called with.
    public func spawn(name: String? = nil, _ body: Greenlet.Body, argument: UnsafeMutableRawPointer? = nil) {
        guard let t = tasklet_new(pointer, body, argument) else { fatalError("tasklet_new failed") }
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
    ///   inside a callback from C.
    public func run() throws(StacklessError) {
        try Root.check("Scheduler.run")
        guard scheduler_run(pointer) != 0 else {
            greenlet_error_clear()
            return
        }
        guard let error = StacklessError.take() else { return }
        if case .deadlock = error {
            throw .deadlock(DeadlockReport(message: scheduler_error(pointer).map { String(cString: $0) } ?? "deadlock"))
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
