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
        let out = Channel(name: "out")
        pipeline_start(scheduler.pointer, out.pointer, 9)
        let values = out.values(running: scheduler)
        #expect(values.map { Int(bitPattern: $0) } == [1, 9, 25, 49, 81])
        #expect(values.error == nil)
        #expect(out.isClosed)
        #expect(scheduler.count == 0)
    }

    @Test func receiveOneAtATime() throws {
        let scheduler = Scheduler()
        let out = Channel(name: "out")
        pipeline_start(scheduler.pointer, out.pointer, 3)
        #expect(throws: StacklessError.noTasklet) { try out.receive() }  // nobody is sending yet
        #expect(Int(bitPattern: try out.receive(running: scheduler)) == 1)
        #expect(Int(bitPattern: try out.receive(running: scheduler)) == 9)
        #expect(throws: StacklessError.channelClosed) { try out.receive(running: scheduler) }
    }

    @Test func aDeadlockNamesTheBlockedTasklets() {
        let scheduler = Scheduler()
        deadlock_start(scheduler.pointer)
        do {
            try scheduler.run()
            Issue.record("expected a deadlock")
        } catch .deadlock(let report) {
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
