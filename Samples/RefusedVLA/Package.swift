// swift-tools-version: 6.3;(experimentalCGen)
// A package whose C code the transform refuses: `swift build` fails with the error in README.md.
import PackageDescription

let package = Package(
    name: "RefusedVLA",
    dependencies: [
        .package(name: "Stackless", path: "../.."),
    ],
    targets: [
        .target(
            name: "Averages",
            dependencies: [.product(name: "StacklessRuntime", package: "Stackless")],
            exclude: ["stackless"],
            plugins: [.plugin(name: "StacklessPlugin", package: "Stackless")]),
    ]
)
