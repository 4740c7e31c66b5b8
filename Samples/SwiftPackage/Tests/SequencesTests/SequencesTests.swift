// The wrapper over transformed C: generators, greenlet exits, pipelines, deadlocks.
import CSequences
import Stackless
import StacklessRuntime
import Testing

@Suite(.serialized)  // tree_walks_abandoned is one counter for the process
struct GeneratorTests {
    @Test func fibonacciIsASequence() {
        let numbers = Generator<Int>(fibonacci, argument: 60)
        #expect(Array(numbers) == [0, 1, 1, 2, 3, 5, 8, 13, 21, 34, 55])
        #expect(numbers.error == nil)
        #expect(numbers.greenlet.state == .dead)
        #expect(numbers.next() == nil)  // single pass
    }

    @Test func greenletValuesAndStates() throws {
        let g = Greenlet(fibonacci)
        #expect(g.state == .notStarted)
        #expect(Int(bitPattern: try g.switch(UnsafeMutableRawPointer(bitPattern: 10))) == 0)
        #expect(g.state == .active)
        #expect(Int(bitPattern: try g.switch()) == 1)
        #expect(Int(bitPattern: try g.switch()) == 1)
        #expect(Int(bitPattern: try g.switch()) == 2)
        #expect(g.parent == Greenlet.current)
    }

    @Test func aRecursiveWalkSuspendsAtEveryValue() {
        let values: [Int32] = [8, 3, 10, 1, 6, 14, 4, 7, 13]
        let tree = tree_build(values, Int32(values.count))
        defer { tree_free(tree) }
        let walk = Generator(tree_walk, argument: UnsafeMutableRawPointer(tree)) { Int($0!.load(as: Int32.self)) }
        #expect(Array(walk) == values.map(Int.init).sorted())
    }

    @Test func releasingASuspendedGeneratorSendsItTheExit() {
        let values: [Int32] = [2, 1, 3]
        let tree = tree_build(values, 3)
        defer { tree_free(tree) }
        let before = tree_walks_abandoned()
        do {
            let walk = Generator(tree_walk, argument: UnsafeMutableRawPointer(tree)) { Int($0!.load(as: Int32.self)) }
            #expect(walk.next() == 1)
            #expect(walk.greenlet.state == .active)
        }  // the last reference goes: greenlet_free throws GREENLET_EXIT into the walk
        #expect(tree_walks_abandoned() == before + 1)
    }

    @Test func throwingTheExitEndsTheWalk() throws {
        let values: [Int32] = [2, 1, 3]
        let tree = tree_build(values, 3)
        defer { tree_free(tree) }
        let before = tree_walks_abandoned()
        let g = Greenlet(tree_walk)
        _ = try g.switch(UnsafeMutableRawPointer(tree))
        try g.throw()  // GREENLET_EXIT: the walk returns, quietly
        #expect(g.state == .dead)
        #expect(tree_walks_abandoned() == before + 1)
    }

    @Test func anErrorThrownIntoAGeneratorComesBack() throws {
        let g = Greenlet(fibonacci)
        _ = try g.switch(UnsafeMutableRawPointer(bitPattern: 1000))
        // The generator does not handle code 5: its yield sees an error that is not an exit, goes
        // on, and the error is replaced by its next switch, so the value comes back.
        #expect(Int(bitPattern: try g.throw(5)) == 1)
    }
}

@Suite struct PipelineTests {
    @Test func oddSquaresFlowThroughThreeTasklets() {
        let scheduler = Scheduler()
        let out = Channel<Int>(name: "out")
        pipeline_start(scheduler.handle, out.handle, 9)
        let values = out.values(running: scheduler)
        #expect(Array(values) == [1, 9, 25, 49, 81])
        #expect(values.error == nil)
        #expect(out.isClosed)
        #expect(scheduler.count == 0)
    }

    @Test func receiveOneAtATime() throws {
        let scheduler = Scheduler()
        let out = Channel<Int>(name: "out")
        pipeline_start(scheduler.handle, out.handle, 3)
        #expect(throws: StacklessError.noTasklet) { try out.receive() }  // nobody is sending yet
        #expect(try out.receive(running: scheduler) == 1)
        #expect(try out.receive(running: scheduler) == 9)
        #expect(throws: StacklessError.channelClosed) { try out.receive(running: scheduler) }
    }

    @Test func aDeadlockNamesTheBlockedTasklets() {
        let scheduler = Scheduler()
        deadlock_start(scheduler.handle)
        do {
            try scheduler.run()
            Issue.record("expected a deadlock")
        } catch StacklessError.deadlock(let report) {
            #expect(report.names == ["left", "right"])
            #expect(report.blocked.map(\.operation) == [.receiving, .receiving])
            #expect(report.blocked.map(\.channel) == ["to left", "to right"])
            #expect(report.message.hasPrefix("deadlock: 2 tasklets blocked"))
        } catch {
            Issue.record("unexpected \(error)")
        }
        #expect(scheduler.count == 2)
    }  // releasing the scheduler kills the two tasklets (GREENLET_EXIT)
}

/// Counts the instances alive, to check that boxed values are neither leaked nor freed early.
final class Token: Sendable {
    let name: String
    nonisolated(unsafe) static var alive = 0
    init(_ name: String) {
        self.name = name
        Token.alive += 1
    }
    deinit { Token.alive -= 1 }
}

@Suite(.serialized)  // Token.alive is one counter
struct TypedValueTests {
    @Test func swiftValuesCrossACTaskletBoxed() throws {
        let scheduler = Scheduler()
        let words = Channel<String>(name: "words"), relayed = Channel<String>(name: "relayed")
        relay_start(scheduler.handle, words.handle, relayed.handle)
        for word in ["one", "two", "three"] {
            try words.send(word, running: scheduler)
            #expect(try relayed.receive(running: scheduler) == word)
        }
        try words.close()
        #expect(Array(relayed.values(running: scheduler)).isEmpty)
        #expect(relayed.isClosed)
    }

    @Test func objectsKeepTheirIdentityAndAreReleasedOnce() throws {
        Token.alive = 0
        do {
            let scheduler = Scheduler()
            let inbox = Channel<Token>(), outbox = Channel<Token>()
            relay_start(scheduler.handle, inbox.handle, outbox.handle)
            let token = Token("a")
            try inbox.send(token, running: scheduler)
            #expect(Token.alive == 1)
            #expect(try outbox.receive(running: scheduler) === token)
            try inbox.send([Token("b")].first!, running: scheduler)  // only the box holds it now
            #expect(Token.alive == 2)
            #expect(try outbox.receive(running: scheduler).name == "b")
            #expect(Token.alive == 1)
        }  // the relay, blocked receiving, is killed; it holds no value
        #expect(Token.alive == 0)
    }

    @Test func aFailedSendReleasesTheBox() throws {
        Token.alive = 0
        let scheduler = Scheduler()
        let inbox = Channel<Token>()
        try inbox.close()
        #expect(throws: StacklessError.channelClosed) { try inbox.send(Token("lost"), running: scheduler) }
        #expect(throws: StacklessError.noTasklet) { try Channel<Token>().send(Token("nobody")) }
        #expect(Token.alive == 0)
    }

    @Test func anotherBoxedTypeIsAnErrorNotACrash() throws {
        Token.alive = 0
        let scheduler = Scheduler()
        let tokens = Channel<Token>(), strings = Channel<String>()
        relay_start(scheduler.handle, tokens.handle, strings.handle)
        try tokens.send(Token("not a string"), running: scheduler)
        #expect(throws: StacklessError.invalidArgument("C passed a value that is not a boxed String")) {
            try strings.receive(running: scheduler)
        }
        #expect(Token.alive == 0)
    }

    @Test func aGeneratorYieldsValuesThatSwiftCallbacksMade() {
        let make: value_maker = { index in
            index < 3 ? CValue<String>().pass(String(repeating: "*", count: Int(index) + 1)) : nil
        }
        let stars = Generator<String>(generate_with, argument: unsafeBitCast(make, to: UnsafeMutableRawPointer?.self))
        #expect(Array(stars) == ["*", "**", "***"])
        #expect(stars.error == nil)
    }

    @Test func anAbandonedGeneratorLeaksNothing() {
        Token.alive = 0
        let make: value_maker = { index in CValue<Token>().pass(Token("t\(index)")) }  // endless
        do {
            let tokens = Generator<Token>(generate_with, argument: unsafeBitCast(make, to: UnsafeMutableRawPointer?.self))
            #expect(tokens.prefix(2).map(\.name) == ["t0", "t1"])
        }  // freed while suspended: GREENLET_EXIT ends it
        #expect(Token.alive == 0)
    }
}

/// Every way out of a loop over tasklets' values: the scheduler keeps alive what its tasklets use,
/// whatever Swift releases first. Tests/samples/run.sh runs these under ASan and the checked
/// runtime (-DSL_CHECKED), which report a use after free.
@Suite struct EarlyExitTests {
    struct Stop: Error {}

    /// The scheduler and the channel are locals: Swift may release the channel first.
    func firstOddSquare(over count: Int32) -> Int? {
        let scheduler = Scheduler()
        let out = Channel<Int>(name: "out")
        pipeline_start(scheduler.handle, out.handle, count)
        for square in out.values(running: scheduler) { return square }
        return nil
    }

    @Test func breakingOutOfTheValuesLoop() {
        let scheduler = Scheduler()
        let out = Channel<Int>(name: "out")
        pipeline_start(scheduler.handle, out.handle, 100)
        var seen: [Int] = []
        for square in out.values(running: scheduler) {
            seen.append(square)
            if seen.count == 2 { break }
        }
        #expect(seen == [1, 9])
        #expect(scheduler.count == 3)
    }

    @Test func returningFromInsideTheLoop() {
        #expect(firstOddSquare(over: 100) == 1)
    }

    @Test func throwingFromInsideTheLoop() {
        func squares() throws -> [Int] {
            let scheduler = Scheduler()
            let out = Channel<Int>(name: "out")
            pipeline_start(scheduler.handle, out.handle, 100)
            var seen: [Int] = []
            for square in out.values(running: scheduler) {
                if square > 9 { throw Stop() }
                seen.append(square)
            }
            return seen
        }
        #expect(throws: Stop.self) { try squares() }
    }

    @Test func releasingTheChannelFirst() throws {
        var scheduler: Scheduler? = Scheduler()
        var out: Channel<Int>? = Channel<Int>(name: "out")
        pipeline_start(scheduler!.handle, out!.handle, 100)
        #expect(try out!.receive(running: scheduler!) == 1)
        weak let weakOut = out
        out = nil
        #expect(weakOut != nil)  // the scheduler keeps it: its tasklets still use it
        scheduler = nil  // kills the tasklets; the filter closes the channel as it ends
        #expect(weakOut == nil)
    }

    @Test func releasingTheSchedulerFirst() throws {
        var scheduler: Scheduler? = Scheduler()
        var out: Channel<Int>? = Channel<Int>(name: "out")
        pipeline_start(scheduler!.handle, out!.handle, 100)
        #expect(try out!.receive(running: scheduler!) == 1)
        scheduler = nil
        #expect(out!.isClosed)  // the filter closed it when it was killed
        out = nil
    }

    @Test func aChannelGivenToCByHandleIsKeptAliveOnRequest() {
        let scheduler = Scheduler()
        do {
            let out = Channel<Int>(name: "out")
            pipeline_start(scheduler.handle, out.handle, 100)
            scheduler.keepAlive(out)  // nothing else tells the scheduler that C uses it
        }
        // Every tasklet waits to send, the filter on the kept channel, which it can still name.
        do {
            try scheduler.run()
            Issue.record("expected a deadlock")
        } catch StacklessError.deadlock(let report) {
            #expect(report.blocked.map(\.channel) == ["numbers", "squares", "out"])
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    @Test func abandoningAGeneratorMidWalk() {
        let values: [Int32] = Array(1...50)
        let tree = tree_build(values, Int32(values.count))
        defer { tree_free(tree) }
        var walk: Generator<Int>? = Generator(tree_walk, argument: UnsafeMutableRawPointer(tree)) {
            Int($0!.load(as: Int32.self))
        }
        #expect(Array(walk!.prefix(5)) == [1, 2, 3, 4, 5])
        walk = nil
    }
}

private let CSequences_fibonacci: Greenlet.Body = fibonacci

/// Async code: the generators and schedulers live on an actor's thread, across awaits.
@available(macOS 14.0, *)
actor Sequences {
    private let executor = GreenletExecutor(name: "sequences")
    nonisolated var unownedExecutor: UnownedSerialExecutor { executor.asUnownedSerialExecutor() }

    private lazy var scheduler = Scheduler()
    private lazy var out: Channel<Int> = {
        let out = Channel<Int>(name: "odd squares")
        pipeline_start(scheduler.handle, out.handle, 20)
        return out
    }()

    /// The next odd square of the pipeline the actor keeps.
    func nextOddSquare() throws -> Int { try out.receive(running: scheduler) }

    func fibonacci(below limit: Int) -> [Int] { Array(Generator<Int>(CSequences_fibonacci, argument: limit)) }
}

@Suite struct AsyncTests {
    @Test func anActorKeepsAPipelineAcrossAwaits() async throws {
        let sequences = Sequences()
        var squares: [Int] = []
        for _ in 0..<4 {
            squares.append(try await sequences.nextOddSquare())
            try await Task.sleep(nanoseconds: 100_000)  // this task may come back on another thread
        }
        #expect(squares == [1, 9, 25, 49])
        #expect(await sequences.fibonacci(below: 30) == [0, 1, 1, 2, 3, 5, 8, 13, 21])
    }

    @Test func aGreenletActorRunsAGenerator() async {
        let actor = GreenletActor()
        let numbers = await actor.run { Array(Generator<Int>(fibonacci, argument: 50)) }
        #expect(numbers == [0, 1, 1, 2, 3, 5, 8, 13, 21, 34])
    }

    @Test func aGeneratorUsedAfterAnAwaitOnAnotherThreadThrows() async throws {
        struct Carried: @unchecked Sendable { let generator: Generator<Int> }
        let actor = GreenletActor()
        let carried = await actor.run { Carried(generator: Generator<Int>(fibonacci, argument: 50)) }
        #expect(throws: StacklessError.wrongThread(operation: "Greenlet.switch")) {
            try carried.generator.nextValue()
        }
        let first = await actor.run { (try? carried.generator.nextValue()) ?? nil }
        #expect(first == 0)
    }
}
