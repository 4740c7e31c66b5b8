// Threads and async code: objects used on a thread that does not own them throw; releases made
// elsewhere happen on the owner's thread; a GreenletExecutor keeps async code on one thread.
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Stackless
import Testing

/// Runs `body` on a new thread and waits for it.
private func onAnotherThread(_ body: @escaping @Sendable () -> Void) {
    final class Context {
        let body: @Sendable () -> Void
        init(_ body: @escaping @Sendable () -> Void) { self.body = body }
    }
    let context = Unmanaged.passRetained(Context(body)).toOpaque()
    #if canImport(Darwin)
    var thread: pthread_t?
    #else
    var thread = pthread_t()
    #endif
    let status = pthread_create(&thread, nil, { raw in
        #if canImport(Darwin)
        Unmanaged<Context>.fromOpaque(raw).takeRetainedValue().body()
        #else
        Unmanaged<Context>.fromOpaque(raw!).takeRetainedValue().body()
        #endif
        return nil
    }, context)
    precondition(status == 0)
    #if canImport(Darwin)
    pthread_join(thread!, nil)
    #else
    pthread_join(thread, nil)
    #endif
}

/// Lets a value that is not `Sendable` cross to another thread, as async code can do
/// (`Task.detached` with a value of a disconnected region); what the tests check is that the
/// wrapper then refuses it.
private struct Smuggled<Value>: @unchecked Sendable {
    let value: Value
}

/// Records the thread its last reference went on, in a `Release` of the test's own.
private final class Witness: @unchecked Sendable {
    let record: Release
    init(_ record: Release) { self.record = record }
    deinit { record.happened(on: pthread_self()) }
}

private final class Release: @unchecked Sendable {
    private let lock = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
    private var threads: [pthread_t] = []
    init() { pthread_mutex_init(lock, nil) }
    func happened(on thread: pthread_t) {
        pthread_mutex_lock(lock)
        threads.append(thread)
        pthread_mutex_unlock(lock)
    }
    var count: Int {
        pthread_mutex_lock(lock)
        defer { pthread_mutex_unlock(lock) }
        return threads.count
    }
    var thread: pthread_t? {
        pthread_mutex_lock(lock)
        defer { pthread_mutex_unlock(lock) }
        return threads.first
    }
}

/// Holds the last reference to an object until another thread drops it.
private final class Cell: @unchecked Sendable {
    var objects: [AnyObject] = []
}

private func sameThread(_ a: pthread_t?, _ b: pthread_t) -> Bool {
    guard let a else { return false }
    return pthread_equal(a, b) != 0
}

@Suite(.serialized)
struct WrongThreadTests {
    @Test func everyObjectRefusesAnotherThread() throws {
        let greenlet = Smuggled(value: Greenlet { v in v })
        let generator = Smuggled(value: Generator<Int>({ v in v }, argument: 1))
        let scheduler = Smuggled(value: Scheduler())
        let channel = Smuggled(value: Channel<Int>(name: "c"))
        nonisolated(unsafe) var errors: [StacklessError] = []
        onAnotherThread {
            func record(_ body: () throws -> Void) {
                do { try body() } catch { errors.append(error as! StacklessError) }
            }
            record { try greenlet.value.switch() }
            record { try greenlet.value.throw() }
            record { try greenlet.value.setParent(Greenlet.current) }
            record { _ = try generator.value.nextValue() }
            #expect(generator.value.next() == nil)
            record { if let error = generator.value.error { throw error } }
            record { try scheduler.value.run() }
            record { try scheduler.value.spawn({ _ in nil }) }
            record { try channel.value.send(1) }
            record { _ = try channel.value.receive() }
            record { _ = try channel.value.receive(running: scheduler.value) }
            record { try channel.value.close() }
            let values = channel.value.values(running: scheduler.value)
            #expect(values.next() == nil)
            record { if let error = values.error { throw error } }
        }
        #expect(errors.map(\.operationName) == [
            "Greenlet.switch", "Greenlet.throw", "Greenlet.setParent", "Greenlet.switch", "Greenlet.switch",
            "Scheduler.run", "Scheduler.spawn", "Channel.send", "Channel.receive",
            "Channel.receive(running:)", "Channel.close", "Channel.receive(running:)",
        ])
        #expect(errors[0].description.contains("thread that does not own"))
        // Nothing happened to them: the owner goes on.
        #expect(greenlet.value.state == .notStarted)
        #expect(Int(bitPattern: try greenlet.value.switch(UnsafeMutableRawPointer(bitPattern: 5))) == 5)
        #expect(!channel.value.isClosed)
        try scheduler.value.run()
    }

    @Test func aGeneratorCarriedOutOfItsThreadThrowsAfterTheAwait() async throws {
        let actor = GreenletActor(name: "maker")
        let carried = await actor.run { Smuggled(value: Generator<Int>({ v in v }, argument: 1)) }
        // This task is not on the actor's thread: the generator refuses, and nothing aborts.
        #expect(throws: StacklessError.wrongThread(operation: "Greenlet.switch")) {
            try carried.value.nextValue()
        }
        let state = await actor.run { carried.value.greenlet.state == .notStarted }
        #expect(state)
    }

    @Test func objectsOfAThreadThatExitedAreRefusedAndReleasedQuietly() throws {
        let cell = Cell()
        let release = Release()
        onAnotherThread {
            let scheduler = Scheduler()
            try? scheduler.spawn({ _ in nil }, argument: Witness(release))
            cell.objects = [scheduler, Channel<Int>(), Greenlet { v in v }]
        }  // the thread is gone
        #expect(throws: StacklessError.wrongThread(operation: "Scheduler.run")) {
            try (cell.objects[0] as! Scheduler).run()
        }
        cell.objects = []  // its C objects cannot be freed any more; what they keep goes now
        #expect(release.count == 1)
    }

    @Test func releasedOnAnotherThreadIsFreedByTheOwner() throws {
        let release = Release()
        // The scheduler keeps its tasklet's argument alive until scheduler_free is done; releasing
        // the scheduler on another thread queues it for this one, which frees it when it next
        // makes a wrapper object (or runs a scheduler).
        let cell = Cell()
        do {
            let scheduler = Scheduler()
            try scheduler.spawn({ _ in nil }, argument: Witness(release))
            cell.objects = [scheduler, Channel<Int>(), Greenlet { v in v }]
        }
        onAnotherThread { cell.objects = [] }
        #expect(release.count == 0)
        _ = Channel<Int>()
        #expect(release.count == 1)
        #expect(sameThread(release.thread, pthread_self()))
    }
}

/// Keeps a scheduler and a channel in its state across awaits: they stay on the executor's thread.
@available(macOS 14.0, *)
private actor Counter {
    private let executor = GreenletExecutor(name: "counter")
    nonisolated var unownedExecutor: UnownedSerialExecutor { executor.asUnownedSerialExecutor() }

    private lazy var scheduler = Scheduler()
    private lazy var names = Channel<String>(name: "names")
    private var threads: [pthread_t] = []

    nonisolated(unsafe) static var runs = 0

    func step() throws {
        threads.append(pthread_self())
        try scheduler.spawn({ _ in Counter.runs += 1; return nil }, argument: names)
        try scheduler.run()
    }

    /// Whether every step ran on the executor's thread.
    var stayedOnOneThread: Bool {
        executor.isCurrent && threads.allSatisfy { pthread_equal($0, pthread_self()) != 0 }
    }
}

@Suite(.serialized)
struct ExecutorTests {
    @Test func anActorOnAGreenletExecutorKeepsItsObjectsOnOneThread() async throws {
        Counter.runs = 0
        let counter = Counter()
        for _ in 0..<5 {
            try await counter.step()
            await Task.yield()
            try await Task.sleep(nanoseconds: 1_000_000)
        }
        #expect(Counter.runs == 5)
        #expect(await counter.stayedOnOneThread)
    }

    @Test func greenletActorRunsSynchronousCodeOnItsThread() async throws {
        let actor = GreenletActor(name: "test")
        let first = await actor.run { () -> Int in
            let g = Greenlet { v in v }
            return Int(bitPattern: try? g.switch(UnsafeMutableRawPointer(bitPattern: 7)))
        }
        #expect(first == 7)
        let sum = await actor.run { Array(Generator<Int>({ v in v }, argument: 3)).count }
        #expect(sum == 0)  // a body that returns at once yields nothing
        let onExecutor = await actor.run { actor.executor.isCurrent }
        #expect(onExecutor)
        #expect(!actor.executor.isCurrent)
    }

    @Test func anActorsObjectsAreFreedOnItsThreadWhenItGoes() async throws {
        let release = Release()
        var holder: Holding? = Holding()
        try await holder!.start(release)
        let executorThread = await holder!.thread
        holder = nil  // the actor goes here; its scheduler is freed on the executor's thread
        for _ in 0..<2000 where release.count == 0 { try await Task.sleep(nanoseconds: 1_000_000) }
        #expect(release.count == 1)
        #expect(sameThread(release.thread, executorThread))
    }
}

@available(macOS 14.0, *)
private actor Holding {
    private let executor = GreenletExecutor(name: "holding")
    nonisolated var unownedExecutor: UnownedSerialExecutor { executor.asUnownedSerialExecutor() }
    private var scheduler: Scheduler?

    func start(_ release: Release) throws {
        precondition(executor.isCurrent)
        let scheduler = Scheduler()
        try scheduler.spawn({ _ in nil }, argument: Witness(release))
        self.scheduler = scheduler
    }

    var thread: pthread_t {
        precondition(executor.isCurrent)
        return pthread_self()
    }
}

extension StacklessError {
    /// The operation a notInRoot or wrongThread error names.
    var operationName: String? {
        switch self {
        case .notInRoot(let operation), .wrongThread(let operation): operation
        default: nil
        }
    }
}
