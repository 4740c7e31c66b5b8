// Where the runtime's headers and sources are, and how to build it as a static library, for the
// CLI's `cc` and `config` commands.

import Foundation

public struct RuntimeLocation: Sendable {
    /// The folder holding `greenlet.h` and `stackless_gen.h`.
    public var include: String
    /// The runtime's `.c` files.
    public var sources: [String]

    /// Looks in $STACKLESS_RUNTIME, then beside the executable (an installed tree:
    /// `../share/stackless/runtime`), then in the source tree the executable was built from.
    public static func find(executable: String) throws -> RuntimeLocation {
        var candidates: [String] = []
        if let env = ProcessInfo.processInfo.environment["STACKLESS_RUNTIME"], !env.isEmpty { candidates.append(env) }
        let exe = URL(fileURLWithPath: resolvedExecutable(executable)).resolvingSymlinksInPath()
        var dir = exe.deletingLastPathComponent()
        candidates.append(dir.appendingPathComponent("../share/stackless/runtime").standardized.path)
        for _ in 0..<8 {
            candidates.append(dir.appendingPathComponent("Sources/StacklessRuntime").path)
            dir = dir.deletingLastPathComponent()
        }
        for root in candidates {
            let include = root + "/include"
            if FileManager.default.fileExists(atPath: include + "/stackless_gen.h") {
                let src = root + "/src"
                let files = ((try? FileManager.default.contentsOfDirectory(atPath: src)) ?? [])
                    .filter { $0.hasSuffix(".c") }.sorted().map { src + "/" + $0 }
                return RuntimeLocation(include: include, sources: files)
            }
        }
        throw TransformError(nil, "cannot find the stackless runtime (looked in \(candidates.prefix(3).joined(separator: ", ")), ...); set STACKLESS_RUNTIME to the folder that holds include/ and src/")
    }

    /// argv[0] names the executable only when it holds a slash; a bare name was found on PATH,
    /// and on Linux the kernel knows the file itself.
    static func resolvedExecutable(_ argv0: String) -> String {
        if argv0.contains("/") { return argv0 }
        if let exe = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") { return exe }
        for dir in (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":") {
            let candidate = "\(dir)/\(argv0)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return argv0
    }
}
