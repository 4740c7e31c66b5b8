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

// A channel pipeline of C tasklets; Swift receives from its last channel.
let scheduler = Scheduler()
let odd = Channel(name: "odd squares")
pipeline_start(scheduler.pointer, odd.pointer, 10)
let squares = odd.values(running: scheduler).map { Int(bitPattern: $0) }
print("odd squares of 1...10:", squares)

// A deadlock is an error that names the blocked tasklets.
let stuck = Scheduler()
deadlock_start(stuck.pointer)
do {
    try stuck.run()
} catch {
    if case .deadlock(let report) = error {
        print("deadlocked tasklets:", report.names.joined(separator: ", "))
    }
    print(error)
}
