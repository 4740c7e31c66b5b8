// swift-tools-version: 6.3;(experimentalCGen)
// The first line opts in to C source generation: without `(experimentalCGen)` SwiftPM does not
// compile the C files a plugin writes. (Toolchains without it: see README.md, "Swift 6.1 and 6.2".)
import PackageDescription

let package = Package(
    name: "StacklessSample",
    dependencies: [
        .package(name: "Stackless", path: "../.."),  // Stackless itself; elsewhere: .package(url: "...", from: "...")
    ],
    targets: [
        // C code that suspends. The originals are in Sources/CSequences/stackless/, excluded from
        // the build; the plugin transforms them all in one run and SwiftPM compiles the results.
        .target(
            name: "CSequences",
            dependencies: [.product(name: "StacklessRuntime", package: "Stackless")],
            exclude: ["stackless"],
            cSettings: [.headerSearchPath("stackless")],  // the originals' private headers
            plugins: [.plugin(name: "StacklessPlugin", package: "Stackless")]),
        .executableTarget(
            name: "SequencesDemo",
            dependencies: ["CSequences", .product(name: "Stackless", package: "Stackless")]),
        .testTarget(
            name: "SequencesTests",
            dependencies: ["CSequences", .product(name: "Stackless", package: "Stackless")]),
    ],
    swiftLanguageModes: [.v6]
)
