// The Swift column: one value out of a C generator, from C and from Swift (the C API called
// directly, Greenlet.switch, Generator.next), an AsyncStream producer/consumer in Swift, and a
// generator kept on a GreenletActor and read with one `await` per value, in one run.
//
// Usage: SwiftBench [--quick] [--runs N]
// Prints a Markdown table: nanoseconds per value (median of the runs, wall clock) and the ratio
// to the C loop measured in the same run.
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CBench
import Stackless
import StacklessRuntime

struct Options: Sendable {
    var runs = 5
    var target = 0.2  // seconds per timed loop

    init(_ arguments: [String]) {
        var arguments = arguments[...]
        while let argument = arguments.popFirst() {
            switch argument {
            case "--quick": runs = 3; target = 0.03
            case "--runs": runs = Int(arguments.popFirst() ?? "") ?? runs
            default: fatalError("SwiftBench: unknown argument \(argument) (--quick, --runs N)")
            }
        }
    }
}
let options = Options(Array(CommandLine.arguments.dropFirst()))

func now() -> Double {
    var t = timespec()
    clock_gettime(CLOCK_MONOTONIC, &t)
    return Double(t.tv_sec) + Double(t.tv_nsec) * 1e-9
}

/// A workload: `run(n)` makes n values and returns their sum (checked, so nothing is skipped).
struct Workload {
    let name: String
    let run: (Int) async -> Int
}

/// Nanoseconds per value: calibrated to about `target` seconds, then the median of `runs` runs.
func measure(_ workload: Workload, _ options: Options) async -> Double {
    var n = 1000
    while true {  // warm-up and calibration
        let start = now()
        let sum = await workload.run(n)
        let elapsed = now() - start
        precondition(sum == n * (n - 1) / 2, "\(workload.name): wrong sum \(sum)")
        if elapsed > options.target / 4 {
            n = max(1000, Int(Double(n) * options.target / elapsed))
            break
        }
        n *= 4
    }
    var times: [Double] = []
    for _ in 0..<options.runs {
        let start = now()
        let sum = await workload.run(n)
        times.append((now() - start) / Double(n) * 1e9)
        precondition(sum == n * (n - 1) / 2)
    }
    return times.sorted()[times.count / 2]
}

/// A generator kept on an actor's thread; async code reads it with one `await` per value.
actor Counter {
    private let executor = GreenletExecutor(name: "bench")
    nonisolated var unownedExecutor: UnownedSerialExecutor { executor.asUnownedSerialExecutor() }
    private var generator: Generator<Int>?

    func start() { generator = Generator<Int>(counter, argument: 0) }
    func next() -> Int { generator!.next()! }
    func stop() { generator = nil }
}

let workloads: [Workload] = [
    Workload(name: "C: `greenlet_switch` in a C loop (the reference)") { n in
        c_next_loop(n)
    },
    Workload(name: "Swift: `greenlet_switch` (the C API, called from Swift)") { n in
        let g = greenlet_new(counter, nil)
        var sum = 0
        for _ in 0..<n { sum &+= Int(bitPattern: greenlet_switch(g, nil)) }
        greenlet_free(g)
        return sum
    },
    Workload(name: "Swift: `Greenlet.switch()` (the wrapper)") { n in
        let g = Greenlet(counter)
        var sum = 0
        for _ in 0..<n { sum &+= Int(bitPattern: try! g.switch()) }
        return sum
    },
    Workload(name: "Swift: `Generator<Int>.next()`") { n in
        let numbers = Generator<Int>(counter, argument: 0)
        var sum = 0
        for _ in 0..<n { sum &+= numbers.next()! }
        return sum
    },
    Workload(name: "Swift: `AsyncStream<Int>`, a producer task and `for await` (2 threads)") { n in
        let (stream, continuation) = AsyncStream.makeStream(of: Int.self)
        let producer = Task {
            for i in 0..<n { continuation.yield(i) }
            continuation.finish()
        }
        var sum = 0
        for await value in stream { sum &+= value }
        await producer.value
        return sum
    },
    Workload(name: "Swift: `Generator<Int>.next()` on a `GreenletActor`-style actor, one `await` each (2 threads)") { n in
        let counter = Counter()
        await counter.start()
        var sum = 0
        for _ in 0..<n { sum &+= await counter.next() }
        await counter.stop()
        return sum
    },
]

var results: [(String, Double)] = []
for workload in workloads { results.append((workload.name, await measure(workload, options))) }
let reference = results[0].1
print("| one value out of a C generator | ns per value | ratio to the C loop |")
print("|---|---:|---:|")
/// `value` with `digits` decimals.
func fixed(_ value: Double, _ digits: Int) -> String {
    var scale = 1.0
    for _ in 0..<digits { scale *= 10 }
    let scaled = Int((value * scale).rounded())
    let whole = String(scaled / Int(scale)), fraction = String(scaled % Int(scale))
    return digits == 0 ? whole : whole + "." + String(repeating: "0", count: digits - fraction.count) + fraction
}
for (name, ns) in results {
    print("| \(name) | \(fixed(ns, ns < 10 ? 2 : 1)) | \(fixed(ns / reference, 2))x |")
}
