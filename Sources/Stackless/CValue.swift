import StacklessRuntime

/// How a Swift value crosses the C boundary as a `void *`: what a typed ``Channel`` sends and
/// receives, and what a typed ``Generator`` yields.
///
/// - `UnsafeMutableRawPointer?` crosses as itself: the raw form, for C interop.
/// - `Int` crosses as its bit pattern: C sends or yields `(void *)(intptr_t)n`.
/// - Every other type is *boxed*: the value goes into a Swift object and C sees the object's
///   address, an opaque pointer that it passes along (sends on, yields, returns) but never reads.
///   The pointer carries one reference: ``pass(_:)`` makes it, ``take(_:)`` consumes it. A boxed
///   value that C drops instead of passing back to Swift is leaked, never freed twice.
///
/// A Swift callback that C calls can use `CValue` to hand C a Swift value and to take one back:
///
/// ```swift
/// let words = CValue<String>()
/// let pointer = words.pass("hello")         // C keeps it, sends it on a channel, ...
/// let word = try words.take(pointer)        // "hello"; the reference is consumed
/// ```
public struct CValue<Value>: Sendable {
    @usableFromInline enum Crossing: Sendable { case pointer, integer, boxed }

    @usableFromInline let crossing: Crossing

    /// The crossing for `Value`: raw, bit pattern or boxed, as the type says.
    public init() {
        if Value.self == UnsafeMutableRawPointer?.self {
            crossing = .pointer
        } else if Value.self == Int.self {
            crossing = .integer
        } else {
            crossing = .boxed
        }
    }

    /// Whether values of this type are boxed (neither `Int` nor `UnsafeMutableRawPointer?`).
    public var isBoxed: Bool { crossing == .boxed }

    /// The `void *` that carries `value` to C; a boxed value's pointer holds a reference to it.
    public func pass(_ value: Value) -> UnsafeMutableRawPointer? {
        switch crossing {
        case .pointer: unsafeBitCast(value, to: UnsafeMutableRawPointer?.self)
        case .integer: UnsafeMutableRawPointer(bitPattern: unsafeBitCast(value, to: Int.self))
        case .boxed: Unmanaged.passRetained(Box(value)).toOpaque()
        }
    }

    /// The value that `pointer` carries from C; a boxed value's reference is consumed.
    ///
    /// - Throws: ``StacklessError/invalidArgument(_:)`` when a boxed value was expected and
    ///   `pointer` is NULL or carries a boxed value of another type (its reference is consumed
    ///   all the same). A pointer that is not a boxed value at all cannot be told apart: reading
    ///   it crashes.
    @inlinable
    public func take(_ pointer: UnsafeMutableRawPointer?) throws -> Value {
        switch crossing {
        case .pointer: return unsafeBitCast(pointer, to: Value.self)
        case .integer: return unsafeBitCast(Int(bitPattern: pointer), to: Value.self)
        case .boxed: return try takeBoxed(pointer)
        }
    }

    /// ``take(_:)`` for a boxed value (out of line: the inlined part is the integer's and the
    /// pointer's).
    @usableFromInline
    func takeBoxed(_ pointer: UnsafeMutableRawPointer?) throws -> Value {
        guard let pointer else { throw StacklessError.invalidArgument(Self.null) }
        let object = Unmanaged<AnyObject>.fromOpaque(pointer)
        defer { object.release() }  // the reference is consumed either way
        guard let box = object.takeUnretainedValue() as? Box<Value> else {
            throw StacklessError.invalidArgument(Self.otherType)
        }
        return box.value
    }

    /// The value that `pointer` carries from C, leaving a boxed value's reference to C.
    ///
    /// - Throws: As ``take(_:)`` does.
    public func borrow(_ pointer: UnsafeMutableRawPointer?) throws -> Value {
        switch crossing {
        case .pointer, .integer: return try take(pointer)
        case .boxed: return try unbox(pointer).value
        }
    }

    /// Drops the reference of a pointer made by ``pass(_:)`` that C did not take (a send that
    /// failed, say). Does nothing for a value that is not boxed.
    public func release(_ pointer: UnsafeMutableRawPointer?) {
        guard crossing == .boxed, let pointer else { return }
        Unmanaged<AnyObject>.fromOpaque(pointer).release()
    }

    private func unbox(_ pointer: UnsafeMutableRawPointer?) throws -> Box<Value> {
        guard let pointer else { throw StacklessError.invalidArgument(Self.null) }
        guard let box = Unmanaged<AnyObject>.fromOpaque(pointer).takeUnretainedValue() as? Box<Value> else {
            throw StacklessError.invalidArgument(Self.otherType)
        }
        return box
    }

    private static var null: String { "C passed NULL where a boxed \(Value.self) was expected" }
    private static var otherType: String { "C passed a value that is not a boxed \(Value.self)" }
}

/// A Swift value on the heap, so that C can hold it as a pointer.
final class Box<Value> {
    let value: Value
    init(_ value: Value) { self.value = value }
}

/// The wrapper objects that stand for a C object, which C functions take as a typed handle
/// (`SchedulerHandle`, `ChannelHandle`, `GreenletHandle`) or a raw pointer.
protocol CObject: AnyObject {
    var pointer: OpaquePointer { get }
}

/// A pointer that a C body can take as its `void *` argument as it is: the standard library's
/// pointers, optional or not, and the typed handles.
public protocol CPointerConvertible {
    /// The pointer as C's `void *`.
    var cPointer: UnsafeMutableRawPointer? { get }
}

extension UnsafeMutableRawPointer: CPointerConvertible {
    /// The pointer itself.
    public var cPointer: UnsafeMutableRawPointer? { self }
}

extension UnsafeRawPointer: CPointerConvertible {
    /// The pointer, made mutable for C.
    public var cPointer: UnsafeMutableRawPointer? { UnsafeMutableRawPointer(mutating: self) }
}

extension OpaquePointer: CPointerConvertible {
    /// The pointer, untyped.
    public var cPointer: UnsafeMutableRawPointer? { UnsafeMutableRawPointer(self) }
}

extension UnsafeMutablePointer: CPointerConvertible {
    /// The pointer, untyped.
    public var cPointer: UnsafeMutableRawPointer? { UnsafeMutableRawPointer(self) }
}

extension UnsafePointer: CPointerConvertible {
    /// The pointer, untyped and made mutable for C.
    public var cPointer: UnsafeMutableRawPointer? { UnsafeMutableRawPointer(mutating: self) }
}

extension Optional: CPointerConvertible where Wrapped: CPointerConvertible {
    /// The wrapped pointer, or NULL.
    public var cPointer: UnsafeMutableRawPointer? { self?.cPointer }
}

extension SchedulerHandle: CPointerConvertible {
    /// The C scheduler.
    public var cPointer: UnsafeMutableRawPointer? { UnsafeMutableRawPointer(rawValue) }
}

extension ChannelHandle: CPointerConvertible {
    /// The C channel.
    public var cPointer: UnsafeMutableRawPointer? { UnsafeMutableRawPointer(rawValue) }
}

extension GreenletHandle: CPointerConvertible {
    /// The C greenlet.
    public var cPointer: UnsafeMutableRawPointer? { UnsafeMutableRawPointer(rawValue) }
}

/// The `void *` that hands `argument` to a C body: a ``Channel``, ``Scheduler`` or ``Greenlet``
/// as its C object; a pointer (``CPointerConvertible``) as itself; an `Int` as its bit pattern;
/// any other value boxed. What it uses (a wrapper object, a box) is returned, to be kept alive as
/// long as the C body may use the pointer.
func cArgument<Argument>(_ argument: Argument) -> (UnsafeMutableRawPointer?, keep: AnyObject?) {
    if let object = argument as? any CObject { return (UnsafeMutableRawPointer(object.pointer), object) }
    if let pointer = argument as? any CPointerConvertible { return (pointer.cPointer, nil) }
    let crossing = CValue<Argument>()
    guard crossing.isBoxed else { return (crossing.pass(argument), nil) }
    let box = Box(argument)
    return (Unmanaged.passUnretained(box).toOpaque(), box)
}
