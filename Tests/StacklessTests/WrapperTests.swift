// The wrapper's behaviour that needs no transformed C: bodies written in Swift never switch.
// Generators, pipelines and deadlocks over transformed C are tested in Samples/SwiftPackage.
import Stackless
import StacklessRuntime
import Testing

nonisolated(unsafe) private var bodyRan = 0
nonisolated(unsafe) private var callbackError: StacklessError?  // GreenletTests
nonisolated(unsafe) private var taskletError: StacklessError?  // SchedulerTests (suites run in parallel)
nonisolated(unsafe) private var order: [Int] = []
nonisolated(unsafe) private var sharedChannel: Channel<Int>?
nonisolated(unsafe) private var doomed: Scheduler?

private func pointer(_ n: Int) -> UnsafeMutableRawPointer? { UnsafeMutableRawPointer(bitPattern: n) }

@Suite(.serialized)
struct GreenletTests {
    @Test func bodyResultGoesToTheParent() throws {
        let g = Greenlet { value in value }
        #expect(g.state == .notStarted)
        #expect(g.parent == Greenlet.current)
        #expect(Greenlet.current.isRoot)
        #expect(!g.isRoot)
        let result = try g.switch(pointer(42))
        #expect(Int(bitPattern: result) == 42)
        #expect(g.state == .dead)
    }

    @Test func switchingToADeadGreenletGoesToItsParent() throws {
        let g = Greenlet { value in value }
        try g.switch(pointer(1))
        #expect(Int(bitPattern: try g.switch(pointer(7))) == 7)
    }

    @Test func anErrorThrownAtAnUnstartedGreenletReachesTheParent() {
        bodyRan = 0
        let g = Greenlet { _ in bodyRan += 1; return nil }
        #expect(throws: StacklessError.code(42, payload: 0)) { try g.throw(42) }
        #expect(bodyRan == 0)
        #expect(g.state == .dead)
    }

    @Test func exitAtAnUnstartedGreenletReturnsThePayload() throws {
        let g = Greenlet { _ in nil }
        #expect(Int(bitPattern: try g.throw(payload: pointer(9))) == 9)
        #expect(g.state == .dead)
    }

    @Test func parentsCanChangeButNotIntoACycle() throws {
        let a = Greenlet { v in v }
        let b = Greenlet({ v in v }, parent: a)
        #expect(b.parent === a)
        #expect(throws: StacklessError.self) { try a.setParent(b) }
        try b.setParent(Greenlet.current)
        #expect(b.parent == Greenlet.current)
    }

    @Test func aCallbackUnderAGreenletCannotSwitch() throws {
        callbackError = nil
        let g = Greenlet { _ in
            // Swift called from inside a greenlet: a switch from here must be refused.
            do {
                try Greenlet.current.parent!.switch()
            } catch {
                callbackError = error as? StacklessError
            }
            return nil
        }
        try g.switch()
        guard case .notInRoot(let operation) = callbackError else {
            Issue.record("expected notInRoot, got \(String(describing: callbackError))")
            return
        }
        #expect(operation == "Greenlet.switch")
        #expect(callbackError!.description.contains("root"))
    }

    @Test func releasingASchedulerInsideATaskletWaitsForTheRoot() throws {
        doomed = Scheduler()
        try doomed!.spawn({ _ in nil })
        let s = Scheduler()
        try s.spawn({ _ in
            doomed = nil  // deinit runs inside a tasklet: scheduler_free is put off
            return nil
        })
        try s.run()
        #expect(doomed == nil)
        try Greenlet { v in v }.switch()  // the root's next switching call frees it
    }
}

@Suite(.serialized)
struct SchedulerTests {
    @Test func taskletsRunInTheOrderTheyWereSpawned() throws {
        order = []
        let s = Scheduler()
        try s.spawn({ _ in order.append(1); return nil })
        try s.spawn(name: "second", { _ in order.append(2); return nil })
        try s.spawn({ arg in order.append(Int(bitPattern: arg)); return nil }, argument: pointer(3))
        #expect(s.count == 3)
        #expect(s.runnableCount == 3)
        try s.run()
        #expect(order == [1, 2, 3])
        #expect(s.count == 0)
    }

    @Test func aSwiftTaskletCannotUseChannelsThroughTheWrapper() throws {
        taskletError = nil
        sharedChannel = Channel<Int>(name: "c")
        let s = Scheduler()
        try s.spawn({ _ in
            do { try sharedChannel!.send(1) } catch { taskletError = error as? StacklessError }
            return nil
        })
        try s.run()
        #expect(taskletError == .notInRoot(operation: "Channel.send"))
        sharedChannel = nil
    }

    @Test func receivingWhenNoTaskletCanSendEnds() throws {
        let s = Scheduler()
        try s.spawn({ _ in nil })
        let c = Channel<Int>(name: "nothing")
        #expect(throws: StacklessError.noTasklet) { try c.receive(running: s) }
        #expect(Array(c.values(running: s)).isEmpty)
    }
}

@Suite struct ChannelTests {
    @Test func theRootCannotBlock() {
        let c = Channel<Int>(name: "numbers")
        #expect(c.name == "numbers")
        #expect(c.balance == 0)
        #expect(throws: StacklessError.noTasklet) { try c.send(1) }
        #expect(throws: StacklessError.noTasklet) { try c.receive() }
    }

    @Test func aClosedChannelRefuses() throws {
        let c = Channel<UnsafeMutableRawPointer?>()
        try c.close()
        #expect(c.isClosed)
        #expect(throws: StacklessError.channelClosed) { try c.send(nil) }
        #expect(c.name == nil)
    }

    @Test func preference() {
        let c = Channel<String>()
        #expect(c.preference == .receiver)
        c.preference = .sender
        #expect(c.preference == .sender)
    }
}

@Suite struct ErrorTests {
    @Test func runtimeCodesMapToCases() {
        #expect(StacklessError(code: GREENLET_EXIT, payload: nil) == .exit)
        #expect(StacklessError(code: CHANNEL_CLOSED, payload: nil) == .channelClosed)
        #expect(StacklessError(code: CHANNEL_NO_TASKLET, payload: nil) == .noTasklet)
        #expect(StacklessError(code: 7, payload: UnsafeMutableRawPointer(bitPattern: 16)) == .code(7, payload: 16))
        #expect(StacklessError.channelClosed.code == CHANNEL_CLOSED)
        #expect(StacklessError.exit.code == GREENLET_EXIT)
    }

    @Test func deadlockReportsNameTheTasklets() {
        let report = DeadlockReport(message: "deadlock: 3 tasklets blocked: tasklet 'left' (#1) receiving on channel 'a'; tasklet #2 sending on channel 0x5581; tasklet 'right' (#4) sending on channel 'b'")
        #expect(report.names == ["left", "#2", "right"])
        #expect(report.blocked[0] == BlockedTasklet(name: "left", serial: 1, operation: .receiving, channel: "a"))
        #expect(report.blocked[1] == BlockedTasklet(name: nil, serial: 2, operation: .sending, channel: "0x5581"))
        #expect(report.blocked[2].channel == "b")
        #expect(StacklessError.deadlock(report).description == report.message)
    }
}

/// Counts its instances, to check what boxes and schedulers keep alive.
private final class Counted {
    nonisolated(unsafe) static var alive = 0
    let value: Int
    init(_ value: Int) {
        self.value = value
        Counted.alive += 1
    }
    deinit { Counted.alive -= 1 }
}

@Suite(.serialized)
struct CValueTests {
    @Test func integersAndPointersCrossAsThemselves() throws {
        #expect(CValue<Int>().pass(-7) == UnsafeMutableRawPointer(bitPattern: -7))
        #expect(try CValue<Int>().take(UnsafeMutableRawPointer(bitPattern: 42)) == 42)
        let p = UnsafeMutableRawPointer(bitPattern: 0x1000)
        #expect(try CValue<UnsafeMutableRawPointer?>().take(CValue<UnsafeMutableRawPointer?>().pass(p)) == p)
        #expect(!CValue<Int>().isBoxed)
        #expect(CValue<String>().isBoxed)
    }

    @Test func aBoxCarriesOneReference() throws {
        Counted.alive = 0
        let crossing = CValue<Counted>()
        let pointer = crossing.pass(Counted(1))
        #expect(Counted.alive == 1)
        #expect(try crossing.borrow(pointer).value == 1)  // C keeps it
        #expect(Counted.alive == 1)
        #expect(try crossing.take(pointer).value == 1)  // Swift takes it back
        #expect(Counted.alive == 0)
        crossing.release(crossing.pass(Counted(2)))
        #expect(Counted.alive == 0)
    }

    @Test func aWrongOrMissingValueIsAnError() throws {
        Counted.alive = 0
        #expect(throws: StacklessError.invalidArgument("C passed NULL where a boxed String was expected")) {
            try CValue<String>().take(nil)
        }
        let counted = CValue<Counted>().pass(Counted(3))
        #expect(throws: StacklessError.invalidArgument("C passed a value that is not a boxed String")) {
            try CValue<String>().take(counted)
        }
        #expect(Counted.alive == 0)  // consumed all the same
    }

    @Test func aSchedulerKeepsItsTaskletsArgumentsAndChannelsAlive() throws {
        Counted.alive = 0
        weak var channel: Channel<Int>?
        var scheduler: Scheduler? = Scheduler()
        do {
            let c = Channel<Int>(name: "kept")
            channel = c
            try scheduler!.spawn({ _ in nil }, argument: c)       // the C pointer, kept
            try scheduler!.spawn({ _ in nil }, argument: Counted(4))  // boxed, kept
        }
        #expect(channel != nil)
        #expect(Counted.alive == 1)
        scheduler = nil
        #expect(channel == nil)
        #expect(Counted.alive == 0)
    }

    @Test func handlesWrapTheSamePointers() {
        let scheduler = Scheduler(), channel = Channel<Int>(), greenlet = Greenlet { v in v }
        #expect(scheduler.handle.rawValue == scheduler.pointer)
        #expect(channel.handle.rawValue == channel.pointer)
        #expect(greenlet.handle.rawValue == greenlet.pointer)
    }
}

nonisolated(unsafe) private var received: [UnsafeMutableRawPointer?] = []

@Suite(.serialized)
struct ArgumentTests {
    @Test func pointersOfEveryKindReachTheBodyAsThemselves() throws {
        received = []
        let scheduler = Scheduler()
        let record: Greenlet.Body = { argument in received.append(argument); return nil }
        let typed = UnsafeMutablePointer<Int32>(bitPattern: 0x10)!
        let opaque = OpaquePointer(bitPattern: 0x20)!
        let channel = Channel<Int>()
        try scheduler.spawn(record, argument: typed)
        try scheduler.spawn(record, argument: opaque)
        try scheduler.spawn(record, argument: OpaquePointer?.none)
        try scheduler.spawn(record, argument: UnsafeRawPointer(bitPattern: 0x30)!)
        try scheduler.spawn(record, argument: channel.handle)
        try scheduler.spawn(record, argument: channel)
        try scheduler.spawn(record, argument: 7)
        try scheduler.run()
        #expect(received == [
            UnsafeMutableRawPointer(bitPattern: 0x10), UnsafeMutableRawPointer(bitPattern: 0x20), nil,
            UnsafeMutableRawPointer(bitPattern: 0x30), UnsafeMutableRawPointer(channel.pointer),
            UnsafeMutableRawPointer(channel.pointer), UnsafeMutableRawPointer(bitPattern: 7),
        ])
    }
}

@Suite struct CycleTests {
    @Test func aSchedulerGivenToItsOwnTaskletIsNotKeptByItself() throws {
        weak var weakScheduler: Scheduler?
        do {
            let scheduler = Scheduler()
            weakScheduler = scheduler
            try scheduler.spawn({ _ in nil }, argument: scheduler)
        }
        #expect(weakScheduler == nil)
    }
}
