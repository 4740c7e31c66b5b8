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
/// `Sequence` iteration cannot throw: when a switch fails, iteration ends and ``error`` holds the
/// error. Call ``nextValue()`` to get errors thrown instead.
///
/// Not `Sendable`: like its greenlet, a generator belongs to its thread.
public final class Generator<Element>: Sequence, IteratorProtocol {
    /// The greenlet that runs the C body.
    public let greenlet: Greenlet
    private var argument: UnsafeMutableRawPointer?
    private let element: (UnsafeMutableRawPointer?) -> Element
    /// The error that ended iteration, nil if it ended normally (or has not ended).
    public private(set) var error: StacklessError?

    /// Creates a generator over a C body.
    ///
    /// - Parameters:
    ///   - body: The C function that yields values by switching to its parent.
    ///   - argument: The value the body is called with.
    ///   - element: Turns each yielded pointer into an element (it may read what the pointer
    ///     points to: the C body is suspended while the element is made).
    public init(_ body: Greenlet.Body, argument: UnsafeMutableRawPointer? = nil,
                element: @escaping (UnsafeMutableRawPointer?) -> Element) {
        greenlet = Greenlet(body)
        self.argument = argument
        self.element = element
    }

    /// The next element, nil when the body has returned.
    ///
    /// - Throws: The error the body ended with or switched back with, or
    ///   ``StacklessError/notInRoot(operation:)`` inside a callback from C.
    public func nextValue() throws(StacklessError) -> Element? {
        guard greenlet.state != .dead else { return nil }
        let value = try greenlet.switch(argument)
        argument = nil
        return greenlet.state == .dead ? nil : element(value)
    }

    /// The next element, nil at the end or after an error (then kept in ``error``).
    public func next() -> Element? {
        guard error == nil else { return nil }
        do {
            return try nextValue()
        } catch {
            self.error = error
            return nil
        }
    }
}

extension Generator where Element == Int {
    /// Creates a generator of integers, which the C body yields as `(void *)(intptr_t)value`.
    ///
    /// - Parameters:
    ///   - body: The C function that yields values by switching to its parent.
    ///   - argument: The integer the body is called with, as `(void *)(intptr_t)argument`.
    public convenience init(_ body: Greenlet.Body, argument: Int = 0) {
        self.init(body, argument: UnsafeMutableRawPointer(bitPattern: argument)) { Int(bitPattern: $0) }
    }
}

/// A generator belongs to the thread that created it.
@available(*, unavailable, message: "a generator's greenlet belongs to the thread that created it")
extension Generator: @unchecked Sendable {}
