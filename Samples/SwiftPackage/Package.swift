// swift-tools-version: 6.3;(experimentalCGen)
// The first line opts in to C source generation: without `(experimentalCGen)` SwiftPM does not
// compile the C files a plugin writes. (Toolchains without it: see README.md, "Swift 6.1 and 6.2".)
import PackageDescription

let package = Package(
    name: "StacklessSample",
    dependencies: [
        .package(name: "stackless", path: "../.."),  // this checkout; elsewhere: see docs/SWIFTPM.md
    ],
    targets: [
        // C code that suspends. The originals are in Sources/CSequences/stackless/, excluded from
        // the build; the plugin transforms them all in one run and SwiftPM compiles the results.
        .target(
            name: "CSequences",
            dependencies: [.product(name: "StacklessRuntime", package: "stackless")],
            exclude: ["stackless"],
            cSettings: [.headerSearchPath("stackless")],  // the originals' private headers
            plugins: [.plugin(name: "StacklessPlugin", package: "stackless")]),
        .executableTarget(
            name: "SequencesDemo",
            dependencies: ["CSequences", .product(name: "Stackless", package: "stackless")]),
        .testTarget(
            name: "SequencesTests",
            dependencies: ["CSequences", .product(name: "Stackless", package: "stackless")]),
    ],
    swiftLanguageModes: [.v6]
)
