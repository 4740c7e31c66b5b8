// Drives the C generators and the C channel pipeline of CSequences through the Swift wrapper.
import CSequences
import Stackless

// A C generator as a Swift Sequence.
print("fibonacci below 100:", Array(Generator<Int>(fibonacci, argument: 100)))

// A recursive tree walk, suspended at every value; stopping early frees it (GREENLET_EXIT).
let values: [Int32] = [50, 30, 70, 20, 40, 60, 80]
let tree = tree_build(values, Int32(values.count))
defer { tree_free(tree) }
let walk = Generator(tree_walk, argument: UnsafeMutableRawPointer(tree)) {
    Int($0!.load(as: Int32.self))
}
print("tree in order:", Array(walk))
do {
    let partial = Generator(tree_walk, argument: UnsafeMutableRawPointer(tree)) { Int($0!.load(as: Int32.self)) }
    print("first three:", Array(partial.prefix(3)))
}
print("walks abandoned halfway:", tree_walks_abandoned())

// A channel pipeline of C tasklets; Swift receives from its last channel. The C functions take
// typed handles: swapping the scheduler and the channel does not compile.
let scheduler = Scheduler()
let odd = Channel<Int>(name: "odd squares")
pipeline_start(scheduler.handle, odd.handle, 10)
print("odd squares of 1...10:", Array(odd.values(running: scheduler)))

// Swift values through a C tasklet: boxed on the way in, unboxed on the way out.
let words = Channel<String>(name: "words"), relayed = Channel<String>(name: "relayed")
relay_start(scheduler.handle, words.handle, relayed.handle)
for word in ["greenlets", "without", "stacks"] {
    try words.send(word, running: scheduler)
    print("relayed:", try relayed.receive(running: scheduler))
}

// A deadlock is an error that names the blocked tasklets.
let stuck = Scheduler()
deadlock_start(stuck.handle)
do {
    try stuck.run()
} catch StacklessError.deadlock(let report) {
    print("deadlocked tasklets:", report.names.joined(separator: ", "))
    print(report)
}

// Async code keeps greenlets on one thread: an actor on a GreenletExecutor.
let stackless = GreenletActor(name: "demo")
let fromActor = await stackless.run { Array(Generator<Int>(fibonacci, argument: 10)) }
print("fibonacci below 10, on a GreenletActor:", fromActor)
