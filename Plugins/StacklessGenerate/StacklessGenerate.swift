// `swift package --allow-writing-to-package-directory stackless-generate [--target NAME]...`:
// the fallback for toolchains without C source generation (Swift 6.1, 6.2). For each C target
// with a `stackless/` folder, transforms the originals into the target's `generated/` folder,
// which SwiftPM then compiles like any other source. Run it again after editing an original.
import Foundation
import PackagePlugin

@main
struct StacklessGenerate: CommandPlugin {
    func performCommand(context: PluginContext, arguments: [String]) async throws {
        var extractor = ArgumentExtractor(arguments)
        let names = extractor.extractOption(named: "target")
        let targets = try names.isEmpty ? context.package.targets : context.package.targets(named: names)
        let tool = try context.tool(named: "StacklessCLI")
        var done = 0
        for case let target as ClangSourceModuleTarget in targets {
            let originals = target.directoryURL.appending(path: StacklessConventions.originals)
            let sources = (FileManager.default.subpaths(atPath: originals.path) ?? []).filter { $0.hasSuffix(".c") }.sorted()
            guard !sources.isEmpty else { continue }
            let output = target.directoryURL.appending(path: "generated")
            let process = Process()
            process.executableURL = tool.url
            process.currentDirectoryURL = originals  // outputs keep the originals' relative names
            process.arguments = StacklessConventions.transformArguments(target: target, originals: originals, output: output)
                + sources.map { originals.appending(path: $0).path }
            process.environment = ProcessInfo.processInfo.environment.merging(StacklessConventions.environment(target: target)) { $1 }
            try process.run()
            process.waitUntilExit()
            guard process.terminationStatus == 0 else {
                Diagnostics.error("stackless transform failed for \(target.name) (its errors are above)")
                throw ExitCode.failure
            }
            print("\(target.name): \(sources.count) file(s) transformed into \(output.path)")
            done += 1
        }
        if done == 0 { Diagnostics.warning("no C target has a '\(StacklessConventions.originals)/' folder with C files") }
    }
}

enum ExitCode: Error { case failure }
