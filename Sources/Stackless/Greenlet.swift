import StacklessRuntime

/// A greenlet of the Stackless runtime: a C function that runs until it switches away, and
/// resumes where it left off when something switches back into it.
///
/// The body is a C function transformed by `stackless transform` (in a SwiftPM package, by the
/// `StacklessPlugin` build-tool plugin), so that it can suspend. Swift code itself is always its
/// thread's *root* greenlet: the untransformed caller that every greenlet of the thread eventually
/// returns to. From Swift you create greenlets, switch into them, throw errors into them and
/// release them; the C bodies switch among themselves and back to you.
///
/// ```swift
/// let walker = Greenlet(tree_walker)              // void *tree_walker(void *) in C
/// var node = try walker.switch(tree)              // starts it: tree_walker(tree)
/// while walker.state != .dead { ...; node = try walker.switch() }
/// ```
///
/// Semantics are the runtime's (greenlet's): the first switch calls the body with the value; when
/// the body returns, its result goes to the parent; switching to a dead greenlet goes to its
/// parent. An error still pending when the body returns reaches the parent, and a switch from
/// Swift then throws it.
///
/// ## Memory
/// A `Greenlet` made with ``init(_:parent:)`` owns its C greenlet. Releasing the last reference
/// frees it; a suspended greenlet is first thrown `GREENLET_EXIT` (its pending switch returns with
/// `greenlet_error() == GREENLET_EXIT`) so that it can release what it holds, exactly as
/// `greenlet_free` does. A greenlet keeps its Swift parent alive.
///
/// ## Threads
/// A greenlet belongs to the thread that created it, so `Greenlet` is not `Sendable`; still, async
/// code can carry one to another thread (across an `await` in a nonisolated function, say). Every
/// operation checks the thread first and throws ``StacklessError/wrongThread(operation:)`` there,
/// before the runtime is reached. Released on another thread, it is freed by its own thread (see
/// ``GreenletExecutor``).
///
/// ## Callbacks from C into Swift
/// When a C greenlet calls a Swift function (a callback), that Swift code runs *inside* the C
/// greenlet, on its C stack, and Swift frames cannot be suspended. Every operation of this module
/// that could switch (``switch(_:)``, ``throw(_:payload:)``, `Scheduler.run()`, `Channel` sends
/// and receives) checks that the caller is the root and otherwise throws
/// ``StacklessError/notInRoot(operation:)`` without switching; releasing a suspended greenlet or
/// a scheduler there is put off until the root next calls one of those operations. The callback
/// should return to C and let the C code switch. (Calling the runtime's C functions directly from
/// such a callback bypasses the check and corrupts the greenlet; the runtime refuses it only when
/// the generated code tracks untransformed frames: see its README, "Checked build".)
public final class Greenlet: CObject {
    /// The signature of a greenlet's or tasklet's body: a C function (or a Swift function with the
    /// C convention, which then cannot switch) taking the first value and returning the result.
    public typealias Body = @convention(c) (UnsafeMutableRawPointer?) -> UnsafeMutableRawPointer?

    /// Where a greenlet is in its life.
    public enum State: Hashable, Sendable {
        /// Created; no switch has entered it yet.
        case notStarted
        /// Started and not finished: running, or suspended in a switch.
        case active
        /// Its body has returned (or it was ended by an error or an exit).
        case dead
    }

    /// The C greenlet (`greenlet *`), to hand to C functions.
    public let pointer: OpaquePointer
    /// The C greenlet as a typed handle, for C functions declared with `greenlet_ref`.
    public var handle: GreenletHandle { GreenletHandle(rawValue: pointer) }
    let owner: Owner
    private let owned: Bool
    private var retainedParent: Greenlet?
    /// What the body's argument uses (see ``init(_:parent:argument:)``).
    private var kept: AnyObject?

    /// Creates a greenlet that will call `body(value)` on the first switch into it.
    ///
    /// - Parameters:
    ///   - body: The C function the greenlet runs, usually a transformed C function.
    ///   - parent: The greenlet that receives the body's result; nil for the current greenlet
    ///     (Swift's root).
    public init(_ body: Body, parent: Greenlet? = nil) {
        owner = Owner.forNewObject()
        if let parent, parent.owner !== owner {
            fatalError("Greenlet(parent:): the parent belongs to another thread")
        }
        guard let g = greenlet_new(body, parent?.pointer) else { fatalError("greenlet_new failed") }
        pointer = g
        owned = true
        retainedParent = parent
    }

    /// Keeps what a C body's argument uses alive as long as this greenlet (a wrapper object, a
    /// box), and returns the pointer to switch in with.
    func keep<Argument>(argument: Argument) -> UnsafeMutableRawPointer? {
        let (pointer, kept) = cArgument(argument)
        self.kept = kept
        return pointer
    }

    /// Wraps a greenlet that C code created and owns; the wrapper never frees it.
    ///
    /// The wrapper is valid as long as the C greenlet is: its owner must not free it while Swift
    /// uses the wrapper.
    ///
    /// - Parameter pointer: A `greenlet *` of the current thread.
    public init(borrowing pointer: OpaquePointer) {
        self.pointer = pointer
        owner = Owner.current
        owned = false
    }

    deinit {
        guard owned else { return }
        // The parent and what the argument uses stay alive until the C greenlet is freed (maybe
        // on another thread at once: the release must hold the last references).
        let keep = [retainedParent, kept].compactMap { $0 }
        retainedParent = nil
        kept = nil
        owner.release(.greenlet(pointer, keep: consume keep))
    }

    /// The greenlet running now. From Swift this is the thread's root, except inside a callback
    /// that a C greenlet made. The result does not own the greenlet.
    public static var current: Greenlet { Greenlet(borrowing: greenlet_current()) }

    /// Whether this is its thread's root greenlet (the untransformed code: Swift, C `main`).
    public var isRoot: Bool { greenlet_parent(pointer) == nil }

    /// The greenlet that receives this one's result when its body returns; nil for a root.
    ///
    /// The Swift parent given at creation or to ``setParent(_:)`` is returned as it was given;
    /// any other parent comes back as a wrapper that does not own it.
    public var parent: Greenlet? {
        guard let p = greenlet_parent(pointer) else { return nil }
        if let retainedParent, retainedParent.pointer == p { return retainedParent }
        return Greenlet(borrowing: p)
    }

    /// Changes the parent.
    ///
    /// - Parameter parent: The new parent, which this greenlet keeps alive.
    /// - Throws: ``StacklessError/invalidArgument(_:)`` if the change would make a cycle, if
    ///   `parent` belongs to another thread, or if this greenlet is a root;
    ///   ``StacklessError/wrongThread(operation:)`` on a thread that does not own it.
    public func setParent(_ parent: Greenlet) throws {
        try owner.check("Greenlet.setParent")
        guard greenlet_set_parent(pointer, parent.pointer) == 0 else {
            throw StacklessError.invalidArgument(isRoot ? "a root greenlet has no parent" : "the new parent would make a cycle or belongs to another thread")
        }
        retainedParent = parent
    }

    /// Whether the body has returned.
    @usableFromInline var isDead: Bool { greenlet_dead(pointer) }

    /// Not started, active or dead.
    public var state: State {
        if greenlet_dead(pointer) { return .dead }
        return greenlet_started(pointer) ? .active : .notStarted
    }

    /// Switches to this greenlet, handing it `value`: the first switch calls the body with it, a
    /// later one makes its pending switch return it.
    ///
    /// - Parameter value: The value the greenlet receives.
    /// - Returns: The value of the switch that brings control back to Swift: a value a greenlet
    ///   switched to the root with, or the result of a body that returned to its parent.
    /// - Throws: The error delivered with that switch (``StacklessError/exit``, or a code C raised
    ///   with `greenlet_throw`, or an error a body ended with); ``StacklessError/notInRoot(operation:)``
    ///   when called from a callback under a C greenlet, ``StacklessError/wrongThread(operation:)``
    ///   on a thread that does not own the greenlet (nothing is switched then).
    @discardableResult
    public func `switch`(_ value: UnsafeMutableRawPointer? = nil) throws -> UnsafeMutableRawPointer? {
        try owner.enter("Greenlet.switch")
        let result = greenlet_switch(pointer, value)
        if let error = StacklessError.take() { throw error }
        return result
    }

    /// Switches to this greenlet and makes its pending switch fail with an error: it returns
    /// `NULL` with `greenlet_error()` set to `code`. A greenlet that has not started ends without
    /// running, and its parent receives the error.
    ///
    /// - Parameters:
    ///   - code: The error code, `GREENLET_EXIT` (-1) by default, which asks the greenlet to end.
    ///   - payload: A pointer delivered with the error (`greenlet_error_payload()`).
    /// - Returns: The value of the switch that brings control back to Swift.
    /// - Throws: The error delivered with that switch, as ``switch(_:)`` does.
    @discardableResult
    public func `throw`(_ code: Int32 = GREENLET_EXIT, payload: UnsafeMutableRawPointer? = nil) throws -> UnsafeMutableRawPointer? {
        try owner.enter("Greenlet.throw")
        let result = greenlet_throw(pointer, code, payload)
        if let error = StacklessError.take() { throw error }
        return result
    }
}

extension Greenlet: Hashable {
    /// Two wrappers are equal when they wrap the same C greenlet.
    public static func == (lhs: Greenlet, rhs: Greenlet) -> Bool { lhs.pointer == rhs.pointer }

    /// Hashes the C greenlet's address.
    public func hash(into hasher: inout Hasher) { hasher.combine(pointer) }
}

/// A greenlet belongs to the thread that created it.
@available(*, unavailable, message: "a greenlet belongs to the thread that created it")
extension Greenlet: @unchecked Sendable {}
