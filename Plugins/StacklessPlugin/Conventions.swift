// The conventions both Stackless plugins share (Plugins/StacklessGenerate links this file).
import Foundation
import PackagePlugin

enum StacklessConventions {
    /// The folder, inside a C target's directory, that holds its original (untransformed) sources.
    /// The target lists it in `exclude:` so that SwiftPM does not compile the originals.
    static let originals = "stackless"

    /// `transform -o OUTPUT` with the include paths and macros the target is compiled with: its
    /// public headers, the originals' folder, its `headerSearchPath`s and `define`s, and the public
    /// headers of the C targets it depends on (the runtime's among them).
    static func transformArguments(target: ClangSourceModuleTarget, originals: URL, output: URL) -> [String] {
        var arguments = ["transform", "-o", output.path]
        let searchPaths = target.headerSearchPaths.map {
            $0.hasPrefix("/") ? URL(fileURLWithPath: $0) : target.directoryURL.appending(path: $0)
        }
        var seen: Set<String> = []
        for directory in includeDirectories(of: target) + [originals] + searchPaths
        where seen.insert(directory.standardizedFileURL.path).inserted {
            arguments += ["-I", directory.standardizedFileURL.path]
        }
        for definition in target.preprocessorDefinitions { arguments += ["-D", definition] }
        return arguments
    }

    /// Public header folders of the target and of the C targets it depends on.
    static func includeDirectories(of target: ClangSourceModuleTarget) -> [URL] {
        ([target] + target.recursiveTargetDependencies).compactMap {
            ($0 as? ClangSourceModuleTarget)?.publicHeadersDirectoryURL
        }
    }

    /// Every header in those folders: editing one re-runs the transform.
    static func headers(of target: ClangSourceModuleTarget) -> [URL] {
        includeDirectories(of: target).flatMap { directory in
            (FileManager.default.subpaths(atPath: directory.path) ?? []).sorted()
                .filter { $0.hasSuffix(".h") }.map { directory.appending(path: $0) }
        }
    }

    /// The tool finds the runtime's headers through STACKLESS_RUNTIME: the StacklessRuntime target
    /// the C target depends on (a checkout of this package, wherever SwiftPM put it).
    static func environment(target: ClangSourceModuleTarget) -> [String: String] {
        let dependencies = target.recursiveTargetDependencies.compactMap { $0 as? ClangSourceModuleTarget }
        guard let runtime = dependencies.first(where: { $0.name == "StacklessRuntime" }) else {
            Diagnostics.warning("\(target.name) does not depend on StacklessRuntime: add .product(name: \"StacklessRuntime\", package: \"stackless\") to its dependencies")
            return [:]
        }
        var environment = ["STACKLESS_RUNTIME": runtime.directoryURL.path]
        // Where libclang is, when the user says so (the transform looks in the usual places).
        if let libclang = ProcessInfo.processInfo.environment["STACKLESS_LIBCLANG"] {
            environment["STACKLESS_LIBCLANG"] = libclang
        }
        return environment
    }
}
