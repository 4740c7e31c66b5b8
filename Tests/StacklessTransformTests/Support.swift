// Shared helpers for the test suite: where the repository, the runtime headers and the
// `stackless` binary are; temporary folders; running a subprocess; a unified diff; and a small
// driver that runs the internal stages (parse, analyse, lower) the way `Stackless.transform` does.

import Foundation
import Testing
@testable import StacklessTransform

// MARK: - Places

/// The repository's root: this file is `<root>/Tests/StacklessTransformTests/Support.swift`.
let repoRoot: URL = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent()   // StacklessTransformTests
    .deletingLastPathComponent()   // Tests
    .deletingLastPathComponent()

/// The folder holding `greenlet.h` and `stackless_gen.h`.
let runtimeInclude: String = repoRoot.appendingPathComponent("Sources/StacklessRuntime/include").path

/// The folder of golden pairs.
let goldenDirectory: URL = repoRoot.appendingPathComponent("Tests/StacklessTransformTests/Golden")

/// The `stackless` binary built with the tests: next to the test bundle when it is there (the same
/// build configuration), else `<root>/.build/debug/stackless`.
let stacklessBinary: String = {
    let fm = FileManager.default
    let runner = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
    var dir = runner.deletingLastPathComponent()
    for _ in 0..<4 {  // the runner may sit inside a bundle (…/X.xctest/Contents/MacOS/X)
        let candidate = dir.appendingPathComponent("stackless").path
        if fm.isExecutableFile(atPath: candidate) { return candidate }
        dir = dir.deletingLastPathComponent()
    }
    return repoRoot.appendingPathComponent(".build/debug/stackless").path
}()

/// Transform options that find the runtime headers.
func makeOptions(suspendAll: Bool = false, torture: Bool = false) -> TransformOptions {
    var options = TransformOptions()
    options.runtimeInclude = runtimeInclude
    options.suspendAll = suspendAll
    options.torture = torture
    return options
}

// MARK: - libclang

/// Serializes every use of libclang by the tests. The library loads libclang lazily from a C
/// shim that is not written to be raced, and one lock keeps the parsing tests independent of
/// libclang's own thread-safety. Subprocess tests do not need it.
let clangLock = NSLock()

func withClang<T>(_ body: () throws -> T) rethrows -> T {
    clangLock.lock()
    defer { clangLock.unlock() }
    return try body()
}

/// `Stackless.transform` under the lock: the outputs.
func transform(_ inputs: [String], _ options: TransformOptions = makeOptions()) throws -> [(input: String, output: String)] {
    try transformWithWarnings(inputs, options).outputs
}

/// `Stackless.transform` under the lock: the outputs and the warnings.
func transformWithWarnings(_ inputs: [String], _ options: TransformOptions = makeOptions()) throws -> TransformResult {
    try withClang { try Stackless.transform(inputs: inputs, options: options) }
}

/// `Stackless.explain` under the lock.
func explain(_ inputs: [String], _ options: TransformOptions = makeOptions()) throws -> [Explanation] {
    try withClang { try Stackless.explain(inputs: inputs, options: options) }
}

// MARK: - Temporary folders

/// A fresh folder, removed when `body` returns.
func withTemporaryDirectory<T>(_ body: (URL) throws -> T) throws -> T {
    let dir = FileManager.default.temporaryDirectory
        .appendingPathComponent("stackless-tests-\(UUID().uuidString)")
        .resolvingSymlinksInPath()
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer {
        // Give permissions back first, in case a test removed them.
        if let items = FileManager.default.enumerator(atPath: dir.path) {
            for case let item as String in items {
                chmod(dir.appendingPathComponent(item).path, 0o755)
            }
        }
        try? FileManager.default.removeItem(at: dir)
    }
    return try body(dir)
}

/// Writes `text` to `dir/name` and returns the file's path.
@discardableResult
func write(_ text: String, to name: String, in dir: URL) throws -> String {
    let url = dir.appendingPathComponent(name)
    try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
    try Data(text.utf8).write(to: url)
    return url.path
}

func read(_ path: String) throws -> String {
    try String(contentsOfFile: path, encoding: .utf8)
}

/// Every file under `dir`, relative paths, sorted (empty when `dir` does not exist).
func listing(_ dir: URL) -> [String] {
    guard let e = FileManager.default.enumerator(atPath: dir.path) else { return [] }
    return (e.allObjects as? [String] ?? []).sorted()
}

// MARK: - Subprocesses

struct RunResult {
    var status: Int32
    var stdout: String
    var stderr: String
}

/// Runs a program to completion; output goes through files, so no pipe can fill up.
func run(_ executable: String, _ arguments: [String], in cwd: URL? = nil,
         environment: [String: String]? = nil) throws -> RunResult {
    let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("stackless-run-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: scratch) }
    let outURL = scratch.appendingPathComponent("stdout"), errURL = scratch.appendingPathComponent("stderr")
    _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
    _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
    let out = try FileHandle(forWritingTo: outURL), err = try FileHandle(forWritingTo: errURL)
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    if let cwd { process.currentDirectoryURL = cwd }
    if let environment {
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
    }
    process.standardInput = FileHandle.nullDevice
    process.standardOutput = out
    process.standardError = err
    try process.run()
    process.waitUntilExit()
    try out.close()
    try err.close()
    return RunResult(status: process.terminationStatus,
                     stdout: String(decoding: try Data(contentsOf: outURL), as: UTF8.self),
                     stderr: String(decoding: try Data(contentsOf: errURL), as: UTF8.self))
}

/// Runs `stackless` with `arguments`. A binary built inside the repository finds the runtime by
/// itself (that is tested); one built elsewhere (`swift test --scratch-path ...`) is told where it is.
func stackless(_ arguments: [String], in cwd: URL? = nil, environment: [String: String]? = nil) throws -> RunResult {
    try #require(FileManager.default.isExecutableFile(atPath: stacklessBinary),
                 "the stackless binary is not built at \(stacklessBinary)")
    var environment = environment ?? [:]
    if !URL(fileURLWithPath: stacklessBinary).resolvingSymlinksInPath().path.hasPrefix(repoRoot.path + "/") {
        environment["STACKLESS_RUNTIME"] = environment["STACKLESS_RUNTIME"]
            ?? repoRoot.appendingPathComponent("Sources/StacklessRuntime").path
    }
    return try run(stacklessBinary, arguments, in: cwd, environment: environment)
}

/// Runs a command through /usr/bin/env (so that `cc` is found on PATH).
func shell(_ command: [String], in cwd: URL? = nil) throws -> RunResult {
    try run("/usr/bin/env", command, in: cwd)
}

/// The C compiler the CLI's `cc` command uses by default.
var cCompiler: [String] {
    (ProcessInfo.processInfo.environment["CC"] ?? "cc").split(separator: " ").map(String.init)
}

/// `diff -u` of two texts, for failure messages; empty when they are equal.
func unifiedDiff(expected: String, actual: String, name: String) -> String {
    guard expected != actual else { return "" }
    do {
        return try withTemporaryDirectory { dir in
            let a = try write(expected, to: "expected", in: dir)
            let b = try write(actual, to: "actual", in: dir)
            let result = try shell(["diff", "-u", "--label", "\(name) (expected)", "--label", "\(name) (actual)", a, b])
            return result.stdout
        }
    } catch {
        return "(diff failed: \(error)); expected \(expected.utf8.count) bytes, actual \(actual.utf8.count) bytes"
    }
}

// MARK: - The internal stages

/// Parsed sources and their analysis, as the internal stages see them.
struct Program {
    var files: [SourceFile]
    var analysis: Analysis

    func function(_ name: String) throws -> Function {
        try #require(files.flatMap(\.functions).first { $0.name == name }, "no function \(name)")
    }

    /// Names of every function known to suspend (defined, or declared with SL_SUSPENDS).
    var suspendingNames: Set<String> {
        var names: Set<String> = ["sl_torture_yield"]
        for file in files {
            for (usr, name) in file.declaredNames where analysis.reason(for: usr) != nil { names.insert(name) }
        }
        return names
    }
}

/// Compiler arguments the library would give libclang.
func parseArguments(torture: Bool = false) -> ParseOptions {
    ParseOptions(arguments: ["-I", runtimeInclude] + (torture ? ["-DSL_TORTURE=1"] : []))
}

/// Parses in-memory sources (`name` -> text; the name need not exist on disk) and analyses them
/// together. Like `Stackless.transform`, files with functions that need their preprocessed form
/// are parsed again with it when `expandMacros` is set.
func analyse(_ sources: [(String, String)], suspendAll: Bool = false, torture: Bool = false,
             expandMacros: Bool = true) throws -> Program {
    try withClang {
        var files = try sources.map { name, text in
            try Parser.parse(path: name, text: Array(text.utf8), options: parseArguments(torture: torture))
        }
        var analysis = Analysis(files: files, options: AnalysisOptions(suspendAll: suspendAll))
        if expandMacros {
            let options = makeOptions(suspendAll: suspendAll, torture: torture)
            var reparsed = false
            for (i, file) in files.enumerated() {
                let chosen = file.functions.filter { analysis.mayTransform($0) && $0.needsPreprocessedForm }
                guard !chosen.isEmpty else { continue }
                files[i] = try Stackless.preprocessedForm(file, Set(chosen.map(\.usr)), options)
                reparsed = true
            }
            if reparsed { analysis = Analysis(files: files, options: AnalysisOptions(suspendAll: suspendAll)) }
        }
        return Program(files: files, analysis: analysis)
    }
}

/// One file, parsed alone (no analysis), every function with its full model.
func parseOne(_ text: String, name: String = "t.c") throws -> SourceFile {
    try withClang {
        let file = try Parser.parse(path: name, text: Array(text.utf8), options: parseArguments())
        for f in file.functions { f.complete() }
        return file
    }
}

/// Lowers every function of the program that gets rewritten, as `Stackless.transform` does.
func lowerAll(_ program: Program, torture: Bool = false) throws -> [LoweredFunction] {
    var result: [LoweredFunction] = []
    for file in program.files {
        for f in file.functions where program.analysis.mayTransform(f) {
            let problems = Stackless.refusals(f, program.analysis)
            if !problems.isEmpty { throw TransformError(problems) }
            Stackless.decideShadowStack(f)
            result.append(try Lowering.lower(f, torture: torture))
        }
    }
    return result
}

/// A common prelude: a greenlet to switch to and a few functions that suspend.
let prelude = """
    #include <greenlet.h>
    static greenlet *g;
    int get(int k) { return (int)(long)greenlet_switch(g, (void *)(long)k); }
    void pause_(void) { greenlet_switch(g, 0); }
    int pure(int k) { return k * 3; }

    """

extension LNode {
    /// Every node of the tree, this one first.
    var allNodes: [LNode] {
        var nodes: [LNode] = []
        forEach { nodes.append($0) }
        return nodes
    }

    var points: [Point] {
        allNodes.compactMap { if case .point(let p) = $0.kind { return p } else { return nil } }
    }
}
