// Which thread a wrapper object belongs to, and whether Swift runs as that thread's root greenlet.
//
// Greenlets, tasklets and channels live in per-thread runtime state: a switch, a send or a free on
// a thread that does not own them would corrupt it (the C runtime aborts on the switches it can
// check). Every wrapper object records its thread (`Owner`) when it is made; every operation checks
// it first and throws `StacklessError.wrongThread` instead of reaching C. Releases cannot throw: a
// wrapper released on another thread (the last reference of an actor's property goes with the
// actor, anywhere) queues its C object for its owner, which frees it at a safe point.
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import StacklessRuntime

/// A thread, as the wrapper objects made on it know it. One per thread, made on first use; the
/// objects made on the thread keep it alive, so an `Owner` is never mistaken for a later thread's.
final class Owner: @unchecked Sendable {
    /// A C object whose release was put off, with the Swift objects it uses (kept until it is freed).
    enum Release {
        case greenlet(OpaquePointer, keep: [AnyObject])
        case scheduler(OpaquePointer, names: [UnsafeMutablePointer<CChar>], keep: [AnyObject])
        case channel(OpaquePointer, name: UnsafeMutablePointer<CChar>?)

        fileprivate func perform() {
            switch self {
            case .greenlet(let g, _):
                greenlet_free(g)
            case .scheduler(let s, let names, _):
                scheduler_free(s)
                for name in names { free(name) }
            case .channel(let c, let name):
                channel_free(c)
                free(name)
            }
        }
    }

    /// Releases put off on this thread itself (inside a callback from C): touched by it alone.
    @exclusivity(unchecked) private var local: [Release] = []
    /// Releases queued by other threads, under `lock`.
    private var inbox: [Release] = []
    private let lock: UnsafeMutablePointer<pthread_mutex_t>
    /// Called (on the releasing thread) after a release was queued from another thread: a
    /// ``GreenletExecutor`` wakes its thread to do it.
    private var wake: (@Sendable () -> Void)?
    /// Set when the thread exits: what is queued for it then is never freed.
    private(set) var exited = false
    /// The wrapper objects made on this thread whose C object is not freed yet (counted on this
    /// thread alone: both ends happen here).
    private(set) var objects = 0

    private init() {
        lock = .allocate(capacity: 1)
        pthread_mutex_init(lock, nil)
    }

    deinit {
        pthread_mutex_destroy(lock)
        lock.deallocate()
    }

    /// The calling thread's owner.
    static var current: Owner {
        if let raw = pthread_getspecific(ownerKey) { return Unmanaged<Owner>.fromOpaque(raw).takeUnretainedValue() }
        let owner = Owner()
        pthread_setspecific(ownerKey, Unmanaged.passRetained(owner).toOpaque())
        return owner
    }

    /// Whether the calling thread is this one.
    var isCurrent: Bool { pthread_getspecific(ownerKey) == Unmanaged.passUnretained(self).toOpaque() }

    /// Throws ``StacklessError/wrongThread(operation:)`` unless called on this thread.
    @inline(__always)
    func check(_ operation: StaticString) throws(StacklessError) {
        guard isCurrent else { throw .wrongThread(operation: String(describing: operation)) }
    }

    /// Throws unless called on this thread, by Swift running as its root greenlet (not inside a
    /// callback from C); then performs the releases that were put off, so that they switch from
    /// the root. Every operation that may switch starts here.
    @inline(__always)
    func enter(_ operation: StaticString) throws(StacklessError) {
        try check(operation)
        guard Root.isCurrent else { throw .notInRoot(operation: String(describing: operation)) }
        if !local.isEmpty { drainLocal() }
    }

    /// Frees `release` now if this is the owner's thread and Swift runs as its root (or the
    /// release does not switch); otherwise queues it for the owner.
    func release(_ release: consuming Release) {
        if isCurrent {
            if case .channel = release { return perform(release) }  // a free that never switches
            if Root.isCurrent {
                perform(release)
            } else {
                local.append(release)
            }
            return
        }
        pthread_mutex_lock(lock)
        let gone = exited
        // Moved in: once the owner frees it, no copy is left here to release what it keeps.
        if !gone { inbox.append(consume release) }
        let wake = self.wake
        pthread_mutex_unlock(lock)
        if !gone { wake?() }
    }

    /// Sets what ``release(_:)`` calls after queueing a release for this thread from another.
    func onQueuedRelease(_ wake: (@Sendable () -> Void)?) {
        pthread_mutex_lock(lock)
        self.wake = wake
        pthread_mutex_unlock(lock)
    }

    /// Performs the releases other threads queued. Called on this thread, by Swift as the root:
    /// on every creation of a wrapper object and every `Scheduler.run()`, and by a
    /// ``GreenletExecutor`` after each job.
    func drainInbox() {
        pthread_mutex_lock(lock)
        let queued = inbox
        inbox = []
        pthread_mutex_unlock(lock)
        for release in queued { perform(release) }
    }

    private func drainLocal() {
        let queued = local
        local = []
        for release in queued { perform(release) }
    }

    private func perform(_ release: Release) {
        release.perform()
        objects -= 1
    }

    /// The calling thread's owner, after the releases queued for it were done (if Swift runs as
    /// the root). Wrapper objects call it when they are made.
    static func forNewObject() -> Owner {
        let owner = current
        if Root.isCurrent {
            owner.drainInbox()
            if !owner.local.isEmpty { owner.drainLocal() }
        }
        owner.objects += 1
        return owner
    }

    /// The thread is exiting: its C objects cannot be freed any more (they are leaked), and the
    /// Swift objects their releases keep go now, after the lock is let go (one of them may be a
    /// wrapper object of this thread, whose release takes the lock).
    fileprivate func threadExited() {
        pthread_mutex_lock(lock)
        exited = true
        var dropped = inbox
        inbox = []
        pthread_mutex_unlock(lock)
        dropped += local
        local = []
        dropped = []
    }
}

private let ownerKey: pthread_key_t = {
    var key = pthread_key_t()
    pthread_key_create(&key) { raw in
        #if canImport(Darwin)
        let owner = Unmanaged<Owner>.fromOpaque(raw)
        #else
        guard let raw else { return }
        let owner = Unmanaged<Owner>.fromOpaque(raw)
        #endif
        owner.takeUnretainedValue().threadExited()
        owner.release()
    }
    return key
}()

enum Root {
    /// Whether the running greenlet is its thread's root (Swift's normal state).
    static var isCurrent: Bool { greenlet_parent(greenlet_current()) == nil }
}

/// A C copy of a Swift string, for the runtime's names (which it does not copy).
func cString(_ string: String) -> UnsafeMutablePointer<CChar> {
    guard let copy = strdup(string) else { fatalError("out of memory") }
    return copy
}
