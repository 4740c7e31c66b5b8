/// A C generator, consumed as a Swift `Sequence`.
///
/// The generator is a greenlet whose C body *yields* each value by switching to its parent (the
/// Swift root that iterates) and ends by returning; its return value is not an element:
///
/// ```c
/// void *count_to(void *limit) {                 /* transformed by stackless */
///     for (intptr_t i = 1; i <= (intptr_t)limit; i++)
///         greenlet_switch(greenlet_parent(greenlet_current()), (void *)i);
///     return NULL;
/// }
/// ```
///
/// ```swift
/// let numbers = Generator<Int>(count_to, argument: 5)
/// print(Array(numbers))                          // [1, 2, 3, 4, 5]
/// ```
///
/// Each element is one switch into the greenlet and one back. The first switch passes
/// `argument` to the body. Iteration is single-pass (the generator is its own iterator).
/// Releasing a generator that has not finished frees its greenlet, which is thrown
/// `GREENLET_EXIT`: the C body sees its pending switch fail and can clean up (see ``Greenlet``).
///
/// What the body yields becomes an `Element` as ``CValue`` says (an `Int` from
/// `(void *)(intptr_t)n`, a pointer as itself, any other type from a boxed Swift value, whose
/// reference the generator takes), or through the closure given to
/// ``init(_:argument:element:)`` (to read C data the pointer points to).
///
/// `Sequence` iteration cannot throw: when a switch fails, iteration ends and ``error`` holds the
/// error. Call ``nextValue()`` to get errors thrown instead.
///
/// Not `Sendable`: like its greenlet, a generator belongs to its thread. Used on another thread
/// (after an `await` in a nonisolated async function, say), ``nextValue()`` throws
/// ``StacklessError/wrongThread(operation:)`` and iteration ends with that error; async code keeps
/// generators on a ``GreenletExecutor``.
public final class Generator<Element>: Sequence, IteratorProtocol {
    /// The greenlet that runs the C body.
    public let greenlet: Greenlet
    @usableFromInline @exclusivity(unchecked) var argument: UnsafeMutableRawPointer?
    /// Makes an element of a yielded pointer; nil: ``crossing`` does.
    @usableFromInline let element: ((UnsafeMutableRawPointer?) -> Element)?
    @usableFromInline let crossing: CValue<Element>
    /// The error that ended iteration, nil if it ended normally (or has not ended).
    public var error: StacklessError? { failure }
    @usableFromInline @exclusivity(unchecked) var failure: StacklessError?

    /// Creates a generator over a C body whose yielded pointers `element` turns into elements.
    ///
    /// - Parameters:
    ///   - body: The C function that yields values by switching to its parent.
    ///   - argument: The value the body is called with (see
    ///     ``Scheduler/spawn(name:_:argument:)`` for how it crosses); what it uses is kept alive as
    ///     long as the generator.
    ///   - element: Turns each yielded pointer into an element (it may read what the pointer
    ///     points to: the C body is suspended while the element is made).
    public init<Argument>(_ body: Greenlet.Body, argument: Argument,
                          element: @escaping (UnsafeMutableRawPointer?) -> Element) {
        greenlet = Greenlet(body)
        self.argument = greenlet.keep(argument: argument)
        self.element = element
        crossing = CValue()
    }

    /// Creates a generator over a C body that yields elements as ``CValue`` passes them.
    ///
    /// ```swift
    /// let numbers = Generator<Int>(count_to, argument: 5)   // yields (void *)(intptr_t)i
    /// ```
    ///
    /// - Parameters:
    ///   - body: The C function that yields values by switching to its parent.
    ///   - argument: The value the body is called with: an `Int` as `(void *)(intptr_t)n`, a
    ///     pointer or typed handle (``CPointerConvertible``) as itself, a ``Channel``,
    ///     ``Scheduler`` or ``Greenlet`` as its C object, any other value boxed; what it uses is
    ///     kept alive as long as the generator.
    public init<Argument>(_ body: Greenlet.Body, argument: Argument) {
        greenlet = Greenlet(body)
        self.argument = greenlet.keep(argument: argument)
        element = nil
        crossing = CValue()
    }

    /// Creates a generator over a C body called with `NULL`.
    public convenience init(_ body: Greenlet.Body) {
        self.init(body, argument: UnsafeMutableRawPointer?.none)
    }

    /// The next element, nil when the body has returned.
    ///
    /// - Throws: The error the body ended with or switched back with;
    ///   ``StacklessError/notInRoot(operation:)`` inside a callback from C;
    ///   ``StacklessError/wrongThread(operation:)`` on a thread that does not own the generator.
    @inlinable
    public func nextValue() throws -> Element? {
        guard !greenlet.isDead else { return nil }
        let value = try greenlet.switch(argument)
        argument = nil
        if greenlet.isDead { return nil }
        if let element { return element(value) }
        return try crossing.take(value)
    }

    /// The next element, nil at the end or after an error (then kept in ``error``).
    @inlinable
    public func next() -> Element? {
        guard failure == nil else { return nil }
        do {
            return try nextValue()
        } catch {
            failure = error as? StacklessError ?? .invalidArgument("\(error)")
            return nil
        }
    }
}

/// A generator belongs to the thread that created it.
@available(*, unavailable, message: "a generator's greenlet belongs to the thread that created it")
extension Generator: @unchecked Sendable {}
