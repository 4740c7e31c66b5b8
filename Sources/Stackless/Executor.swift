// Async code and greenlets: a serial executor over one thread of its own, so that an actor whose
// executor it is keeps its greenlets, generators, schedulers and channels on that thread.
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A serial executor that runs every job on one thread of its own.
///
/// Greenlets, generators, schedulers and channels belong to the thread that made them, while an
/// async function may go on after an `await` on any thread of the cooperative pool. An actor whose
/// executor is a `GreenletExecutor` runs all its code on one thread: the objects it makes and
/// keeps in its state stay usable, across every `await`. ``GreenletActor`` is such an actor,
/// ready to use; an actor of your own needs one property:
///
/// ```swift
/// actor Pipeline {
///     private let executor = GreenletExecutor(name: "pipeline")
///     nonisolated var unownedExecutor: UnownedSerialExecutor { executor.asUnownedSerialExecutor() }
///
///     private lazy var scheduler = Scheduler()      // made on the executor's thread, at first use
///     func squares(upTo n: Int) -> [Int] { ... }
/// }
/// ```
///
/// Make the objects in isolated code (a method, or a `lazy var` read by one), not in a stored
/// property's initial value: an actor's `init` runs on its caller's thread. Objects released on
/// another thread (an actor's properties go with the actor, wherever its last reference goes) are
/// freed on the executor's thread.
///
/// The thread ends when the executor is released, its queued jobs are done and every object made
/// on it is freed.
@available(macOS 14.0, iOS 17.0, tvOS 17.0, watchOS 10.0, *)
public final class GreenletExecutor: SerialExecutor, @unchecked Sendable {
    private let loop: Loop
    /// The name given at creation.
    public let name: String

    /// Starts the executor's thread.
    ///
    /// - Parameter name: A name for the executor (and, on Apple platforms, its thread).
    public init(name: String = "stackless") {
        self.name = name
        loop = Loop()
        loop.start(name: name)
    }

    deinit { loop.stop() }

    /// Queues `job` to run on the executor's thread.
    public func enqueue(_ job: consuming ExecutorJob) {
        loop.add(UnownedJob(job), executor: asUnownedSerialExecutor())
    }

    /// This executor, as actors return it from `unownedExecutor`.
    public func asUnownedSerialExecutor() -> UnownedSerialExecutor {
        UnownedSerialExecutor(ordinary: self)
    }

    /// Whether the calling thread is the executor's.
    public var isCurrent: Bool { loop.isCurrent }

    /// Stops the program unless called on the executor's thread (for `assumeIsolated`).
    public func checkIsolated() {
        precondition(loop.isCurrent, "not on the GreenletExecutor's thread")
    }

    /// The thread and its queue; it outlives the executor until the queue is empty.
    private final class Loop: @unchecked Sendable {
        private let lock = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
        private let wakeUp = UnsafeMutablePointer<pthread_cond_t>.allocate(capacity: 1)
        private var jobs: [(UnownedJob, UnownedSerialExecutor)] = []
        private var stopping = false
        private var releasesQueued = false
        private var thread: pthread_t?

        init() {
            pthread_mutex_init(lock, nil)
            pthread_cond_init(wakeUp, nil)
        }

        deinit {
            pthread_cond_destroy(wakeUp)
            pthread_mutex_destroy(lock)
            lock.deallocate()
            wakeUp.deallocate()
        }

        var isCurrent: Bool {
            pthread_mutex_lock(lock)
            defer { pthread_mutex_unlock(lock) }
            guard let thread else { return false }
            return pthread_equal(thread, pthread_self()) != 0
        }

        func start(name: String) {
            let context = Unmanaged.passRetained(Start(loop: self, name: name)).toOpaque()
            #if canImport(Darwin)
            var handle: pthread_t?
            #else
            var handle = pthread_t()
            #endif
            // The thread holds the loop (through `context`) until it ends.
            let status = pthread_create(&handle, nil, { raw in
                #if canImport(Darwin)
                let start = Unmanaged<Start>.fromOpaque(raw).takeRetainedValue()
                #else
                let start = Unmanaged<Start>.fromOpaque(raw!).takeRetainedValue()
                #endif
                start.loop.run(name: start.name)
                return nil
            }, context)
            precondition(status == 0, "GreenletExecutor: pthread_create failed (\(status))")
            pthread_mutex_lock(lock)
            thread = handle
            pthread_mutex_unlock(lock)
            pthread_detach(handle)
        }

        func add(_ job: UnownedJob, executor: UnownedSerialExecutor) {
            pthread_mutex_lock(lock)
            jobs.append((job, executor))
            pthread_cond_signal(wakeUp)
            pthread_mutex_unlock(lock)
        }

        func stop() {
            pthread_mutex_lock(lock)
            stopping = true
            pthread_cond_signal(wakeUp)
            pthread_mutex_unlock(lock)
        }

        private func run(name: String) {
            #if canImport(Darwin)
            pthread_setname_np(name)
            #endif
            pthread_mutex_lock(lock)
            thread = pthread_self()
            pthread_mutex_unlock(lock)
            let owner = Owner.current
            owner.onQueuedRelease { [self] in
                pthread_mutex_lock(lock)
                releasesQueued = true
                pthread_cond_signal(wakeUp)
                pthread_mutex_unlock(lock)
            }
            while true {
                pthread_mutex_lock(lock)
                while jobs.isEmpty && !releasesQueued && !(stopping && owner.objects == 0) {
                    pthread_cond_wait(wakeUp, lock)
                }
                let batch = jobs
                jobs = []
                releasesQueued = false
                let stop = batch.isEmpty && stopping
                pthread_mutex_unlock(lock)
                for (job, executor) in batch { job.runSynchronously(on: executor) }
                owner.drainInbox()  // what other threads released meanwhile
                // The objects made here must be freed here: the thread waits for their releases.
                if stop && owner.objects == 0 { break }
            }
            owner.onQueuedRelease(nil)
        }
    }

    private final class Start {
        let loop: Loop
        let name: String
        init(loop: Loop, name: String) {
            self.loop = loop
            self.name = name
        }
    }
}

/// An actor that runs on a ``GreenletExecutor`` of its own: async code makes and drives greenlets,
/// generators and schedulers inside ``run(_:)``, on one thread, safely.
///
/// ```swift
/// let stackless = GreenletActor()
/// let numbers = await stackless.run {               // on the actor's thread
///     Array(Generator<Int>(fibonacci, argument: 100))
/// }
/// ```
///
/// Only `Sendable` results leave `run`, so the greenlets stay on the thread; to keep them between
/// calls, write an actor of your own on a ``GreenletExecutor``.
@available(macOS 14.0, iOS 17.0, tvOS 17.0, watchOS 10.0, *)
public actor GreenletActor {
    /// The executor whose thread the actor runs on.
    public nonisolated let executor: GreenletExecutor

    /// Starts the actor's thread.
    ///
    /// - Parameter name: The thread's name, for debuggers.
    public init(name: String = "stackless") {
        executor = GreenletExecutor(name: name)
    }

    /// The actor's executor.
    public nonisolated var unownedExecutor: UnownedSerialExecutor { executor.asUnownedSerialExecutor() }

    /// Runs `body` on the actor's thread and returns its result.
    ///
    /// - Parameter body: Synchronous code that makes and uses greenlets, generators, schedulers
    ///   and channels.
    /// - Returns: What `body` returns.
    /// - Throws: What `body` throws.
    public func run<Result: Sendable, Failure: Error>(_ body: () throws(Failure) -> Result) throws(Failure) -> Result {
        try body()
    }
}
