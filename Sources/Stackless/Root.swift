// Swift is always its thread's root greenlet. Operations that may switch check it; releases that
// would switch are put off until the root next calls the wrapper.
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import StacklessRuntime

enum Root {
    /// Whether the running greenlet is its thread's root (Swift's normal state).
    static var isCurrent: Bool { greenlet_parent(greenlet_current()) == nil }

    /// Throws `.notInRoot` unless Swift runs as the root; then performs the releases that were
    /// put off on this thread.
    static func check(_ operation: String) throws(StacklessError) {
        let current = greenlet_current()
        guard greenlet_parent(current) == nil else { throw .notInRoot(operation: operation) }
        Deferred.drain()
    }

}

/// Suspended greenlets and schedulers whose last Swift reference went away while Swift ran as a
/// callback under a C greenlet: freeing them there would switch, so it waits for the root. The list
/// is per thread, as greenlets are.
final class Deferred {
    enum Item {
        case greenlet(UInt, parent: AnyObject?)  // the parent stays alive until the child is freed
        case scheduler(UInt, names: [UInt])
    }

    private var items: [Item] = []

    /// This thread's list, created on first use.
    private static func list(create: Bool) -> Deferred? {
        if let raw = pthread_getspecific(deferredKey) {
            return Unmanaged<Deferred>.fromOpaque(raw).takeUnretainedValue()
        }
        guard create else { return nil }
        let list = Deferred()
        pthread_setspecific(deferredKey, Unmanaged.passRetained(list).toOpaque())
        return list
    }

    static func add(_ item: Item) {
        list(create: true)!.items.append(item)
    }

    static func drain() {
        guard let list = list(create: false), !list.items.isEmpty else { return }
        let items = list.items
        list.items = []
        for item in items {
            switch item {
            case .greenlet(let g, _):
                greenlet_free(OpaquePointer(bitPattern: g))
            case .scheduler(let s, let names):
                scheduler_free(OpaquePointer(bitPattern: s))
                for name in names { free(UnsafeMutableRawPointer(bitPattern: name)) }
            }
        }
    }
}

private let deferredKey: pthread_key_t = {
    var key = pthread_key_t()
    pthread_key_create(&key) { raw in
        #if canImport(Darwin)
        Unmanaged<Deferred>.fromOpaque(raw).release()
        #else
        if let raw { Unmanaged<Deferred>.fromOpaque(raw).release() }
        #endif
    }
    return key
}()

/// A C copy of a Swift string, for the runtime's names (which it does not copy).
func cString(_ string: String) -> UnsafeMutablePointer<CChar> {
    guard let copy = strdup(string) else { fatalError("out of memory") }
    return copy
}

/// Frees a string made by ``cString(_:)``.
func freeCString(_ string: UnsafeMutablePointer<CChar>?) { free(string) }
