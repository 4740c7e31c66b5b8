// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "Stackless",
    products: [
        .executable(name: "stackless", targets: ["StacklessCLI"]),
        .library(name: "StacklessTransform", targets: ["StacklessTransform"]),
        .library(name: "StacklessRuntime", targets: ["StacklessRuntime"]),
        // The Swift wrapper over the runtime. Its target is `Stackless`; the CLI's target is
        // `StacklessCLI`, so the two never share a folder on a case-insensitive file system.
        .library(name: "Stackless", targets: ["Stackless"]),
        // Applied to a C target: transforms the originals in its `stackless/` folder at build time.
        .plugin(name: "StacklessPlugin", targets: ["StacklessPlugin"]),
        // `swift package stackless-generate`: the same, written into the package (Swift 6.1, 6.2).
        .plugin(name: "StacklessGenerate", targets: ["StacklessGenerate"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        // `swift package generate-documentation --target Stackless` (DocC).
        .package(url: "https://github.com/swiftlang/swift-docc-plugin", from: "1.5.0"),
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
        .target(name: "Stackless", dependencies: ["StacklessRuntime"]),
        .testTarget(name: "StacklessTests", dependencies: ["Stackless"]),
        .plugin(name: "StacklessPlugin", capability: .buildTool(), dependencies: ["StacklessCLI"]),
        .plugin(
            name: "StacklessGenerate",
            capability: .command(
                intent: .custom(
                    verb: "stackless-generate",
                    description: "Write the transformed sources of C targets into the package (for toolchains without C source generation)"),
                permissions: [.writeToPackageDirectory(reason: "writes the transformed C sources into each target's generated/ folder")]),
            dependencies: ["StacklessCLI"]),
    ]
)
