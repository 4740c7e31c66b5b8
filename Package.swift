// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "Stackless",
    products: [
        .executable(name: "stackless", targets: ["StacklessCLI"]),
        .library(name: "StacklessTransform", targets: ["StacklessTransform"]),
        .library(name: "StacklessRuntime", targets: ["StacklessRuntime"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    ],
    targets: [
        .target(name: "CLibclang", linkerSettings: [.linkedLibrary("dl")]),
        .target(name: "StacklessTransform", dependencies: ["CLibclang"]),
        .executableTarget(
            name: "StacklessCLI",
            dependencies: [
                "StacklessTransform",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]),
        .target(name: "StacklessRuntime"),
        .testTarget(name: "StacklessTransformTests", dependencies: ["StacklessTransform"]),
    ]
)
