// The target the C compiler builds for, as libclang must see it to parse for that target.
//
// Input: the compiler command (`$CC`: `aarch64-linux-gnu-gcc`, `clang --target=wasm32-wasi`) and the
// compile's flags. Output: for a compiler whose target is not the host's, the arguments that make
// libclang parse as that compiler does: `-target TRIPLE`, `-nostdlibinc` and `-isystem` for each
// directory of the compiler's own `#include <...>` search list, except the compiler's builtin
// headers (gcc's `lib/gcc*/.../include`, another clang's resource directory): libclang's resource
// directory gives those for the target. So `sizeof(long)`, `#ifdef __aarch64__` and the target's
// libc headers read the same in the transform as in the compile of its output. Example:
//
//     CC=aarch64-linux-gnu-gcc  ->  -target aarch64-linux-gnu -nostdlibinc
//                                   -isystem /usr/aarch64-linux-gnu/include -isystem /usr/include
//
// For the host's own compiler nothing is added (and nothing is run when `$CC` is a plain `cc`,
// `gcc` or `clang` without a target flag).

import Foundation

public struct CompilerTarget: Sendable, Equatable {
    /// What `$CC -dumpmachine` prints (with the compile's target flags): `aarch64-linux-gnu`.
    public var triple: String
    /// The compiler's `#include <...>` directories that libclang must search, in its order.
    public var includeDirectories: [String]

    /// The target is not the machine this process runs on (its CPU differs).
    public var isCross: Bool { !CompilerTarget.sameCPU(triple, CompilerTarget.hostCPU) }

    /// The CPU of `other` (a triple) is this target's: a compiler given `--target` it ignores
    /// (gcc) answers with its own.
    public func hasCPU(of other: String) -> Bool {
        CompilerTarget.sameCPU(triple, String(other.split(separator: "-").first ?? ""))
    }

    /// WASI: no threads, no setjmp, no sockets.
    public var isWASI: Bool { triple.contains("wasi") }

    /// What libclang is given for this target (nothing for the host).
    public var parserArguments: [String] {
        guard isCross else { return [] }
        return ["-target", triple, "-nostdlibinc"] + includeDirectories.flatMap { ["-isystem", $0] }
    }

    /// The target of `driver` (the words of `$CC`) given `flags` (the compile's), or nil when the
    /// compiler does not say (`-dumpmachine` failed) or there is nothing to ask: a host compiler
    /// named plainly, without a target flag.
    public static func of(driver: [String], flags: [String]) -> CompilerTarget? {
        let targetFlags = self.targetFlags(flags)
        if targetFlags.isEmpty, let name = driver.last, ["cc", "gcc", "clang", "c99", "c11"].contains(name),
           driver.dropLast().allSatisfy({ ["ccache", "distcc", "sccache"].contains(($0 as NSString).lastPathComponent) }) {
            return nil
        }
        guard let machine = output(driver + targetFlags + ["-dumpmachine"])?
            .trimmingCharacters(in: .whitespacesAndNewlines), !machine.isEmpty,
              !machine.contains(" ") else { return nil }
        var target = CompilerTarget(triple: machine, includeDirectories: [])
        guard target.isCross else { return target }
        let search = output(driver + targetFlags + ["-E", "-Wp,-v", "-x", "c", "/dev/null", "-o", "/dev/null"], stderr: true) ?? ""
        target.includeDirectories = systemDirectories(search)
        return target
    }

    /// The flags that choose the target: `-target T`, `--target=T`, `--sysroot`, `-m32`, `-march`.
    static func targetFlags(_ flags: [String]) -> [String] {
        select(flags, withPrefixes: ["--target=", "-target=", "--sysroot=", "-m"])
    }

    /// The flags that start with one of `prefixes`, and the target flags that take their value
    /// as the next argument (`-target T`, `--sysroot DIR`), in order.
    public static func select(_ flags: [String], withPrefixes prefixes: [String]) -> [String] {
        var result: [String] = []
        var i = 0
        while i < flags.count {
            let a = flags[i]
            if ["-target", "--target", "--sysroot", "-isysroot"].contains(a), i + 1 < flags.count {
                result += [a, flags[i + 1]]
                i += 2
                continue
            }
            if prefixes.contains(where: { a.hasPrefix($0) }) { result.append(a) }
            i += 1
        }
        return result
    }

    /// The directories of the `#include <...>` list in a compiler's `-v` output, normalised, less
    /// the compiler's builtin headers (libclang has its own).
    static func systemDirectories(_ verbose: String) -> [String] {
        var directories: [String] = []
        var inside = false
        for line in verbose.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("#include <...> search starts here:") { inside = true; continue }
            if line.hasPrefix("End of search list.") { break }
            guard inside, line.hasPrefix(" ") else { continue }
            var path = line.trimmingCharacters(in: .whitespaces)
            if path.hasSuffix(" (framework directory)") { continue }
            path = URL(fileURLWithPath: path).standardized.path
            let builtin = (path.contains("/lib/gcc") && (path.hasSuffix("/include") || path.hasSuffix("/include-fixed")))
                || path.contains("/lib/clang/")
            if !builtin && !directories.contains(path) { directories.append(path) }
        }
        return directories
    }

    /// The CPU this process runs on (`uname -m`).
    static var hostCPU: String {
        var name = utsname()
        uname(&name)
        return withUnsafeBytes(of: &name.machine) { String(decoding: $0.prefix(while: { $0 != 0 }), as: UTF8.self) }
    }

    /// Whether a triple's CPU is `cpu` (`x86_64-linux-gnu` and `x86_64`; `amd64` is the same CPU).
    static func sameCPU(_ triple: String, _ cpu: String) -> Bool {
        func canonical(_ s: Substring) -> String { s == "amd64" ? "x86_64" : (s == "arm64" ? "aarch64" : String(s)) }
        return canonical(triple.split(separator: "-").first ?? "") == canonical(Substring(cpu))
    }

    /// Runs a command and returns what it printed on standard output (or, with `stderr`, on
    /// standard error; the other goes to /dev/null), or nil if it could not run or failed.
    private static func output(_ command: [String], stderr: Bool = false) -> String? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = command
        let pipe = Pipe()
        process.standardOutput = stderr ? FileHandle.nullDevice : pipe
        process.standardError = stderr ? pipe : FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        do { try process.run() } catch { return nil }
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { return nil }
        return String(decoding: data, as: UTF8.self)
    }
}
