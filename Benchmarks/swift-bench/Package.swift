// swift-tools-version: 6.3;(experimentalCGen)
// The Swift column of the benchmarks: the same switch and generator from C and from Swift, and an
// AsyncStream producer/consumer, in one run (run.sh beside this file).
import PackageDescription

let package = Package(
    name: "StacklessSwiftBench",
    dependencies: [.package(name: "stackless", path: "../..")],
    targets: [
        .target(
            name: "CBench",
            dependencies: [.product(name: "StacklessRuntime", package: "stackless")],
            exclude: ["stackless"],
            plugins: [.plugin(name: "StacklessPlugin", package: "stackless")]),
        .executableTarget(
            name: "SwiftBench",
            dependencies: ["CBench", .product(name: "Stackless", package: "stackless")]),
    ],
    swiftLanguageModes: [.v6]
)
