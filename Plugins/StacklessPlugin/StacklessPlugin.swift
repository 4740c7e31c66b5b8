// Build-tool plugin: a C target keeps its original sources in `stackless/` (excluded from the
// build); one `stackless transform` over all of them (the analysis is whole-program) writes the
// resumable versions, which SwiftPM compiles into the target. Needs a manifest whose first line is
// `// swift-tools-version: 6.3;(experimentalCGen)`. All the logic is in the transform.
import Foundation
import PackagePlugin

@main
struct StacklessPlugin: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) async throws -> [Command] {
        guard let target = target as? ClangSourceModuleTarget else {
            Diagnostics.error("StacklessPlugin applies to C targets; '\(target.name)' is not one")
            return []
        }
        let originals = target.directoryURL.appending(path: StacklessConventions.originals)
        // Compiled as they are too, the originals would define every function twice.
        let prefix = originals.standardizedFileURL.path + "/"
        if target.sourceFiles.contains(where: { $0.type == .source && $0.url.standardizedFileURL.path.hasPrefix(prefix) }) {
            Diagnostics.error("\(target.name): SwiftPM compiles the originals in '\(StacklessConventions.originals)/' as they are, besides their transformed versions; add exclude: [\"\(StacklessConventions.originals)\"] to the target '\(target.name)' in Package.swift")
            return []
        }
        let files = (FileManager.default.subpaths(atPath: originals.path) ?? []).sorted()
        let sources = files.filter { $0.hasSuffix(".c") }
        guard !sources.isEmpty else {
            Diagnostics.warning("\(target.name): no C files in \(originals.path); put the target's originals there and exclude the folder")
            return []
        }
        let tool = try context.tool(named: "StacklessCLI")
        let output = context.pluginWorkDirectoryURL.appending(path: "transformed")
        let arguments = StacklessConventions.transformArguments(target: target, originals: originals, output: output)
        // Header edits matter too: the transform reads the headers of the target and its C dependencies.
        var inputs = files.filter { $0.hasSuffix(".h") || $0.hasSuffix(".c") }.map { originals.appending(path: $0) }
        inputs += StacklessConventions.headers(of: target)
        inputs.append(tool.url)
        return [
            .buildCommand(
                displayName: "stackless transform: \(target.name) (\(sources.count) files)",
                // The transform names each output by its input's path relative to the working
                // directory; running it in the originals' folder makes that the folder's layout.
                executable: URL(fileURLWithPath: "/bin/sh"),
                arguments: ["-c", "cd \"$0\" && exec \"$@\"", originals.path, tool.url.path] + arguments
                    + sources.map { originals.appending(path: $0).path },
                environment: StacklessConventions.environment(target: target),
                inputFiles: inputs,
                outputFiles: sources.map { output.appending(path: $0) }),
        ]
    }
}
