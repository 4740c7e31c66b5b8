// Golden tests: each `<name>.input.c` transforms to exactly `<name>.expected.c`.
//
// The pairs live in `.golden/` beside this file. The folder's name starts with a dot because
// SwiftPM compiles `.c` files it finds in a Swift target ("mixed language source files") and
// skips hidden folders; with `exclude: ["Golden"]` on the test target in Package.swift they could
// live in `Golden/` instead (change `goldenFolder`).
//
// The first line of every input holds its options: `/* stackless: --suspend-all --torture */`.
// The test copies the input to `<name>.c` in a fresh folder and runs `stackless transform` there
// on that relative name, so the `#line` directives of the expected text read `"<name>.c"`.
//
// To regenerate after an intended change: `STACKLESS_UPDATE_GOLDEN=1 swift test --filter Golden`,
// then read every changed file (and check that it compiles without warnings) before committing.

import Foundation
import Testing
import StacklessTransform

let goldenFolder = repoRoot.appendingPathComponent("Tests/StacklessTransformTests/.golden")

let goldenNames: [String] = ((try? FileManager.default.contentsOfDirectory(atPath: goldenFolder.path)) ?? [])
    .filter { $0.hasSuffix(".input.c") }
    .map { String($0.dropLast(".input.c".count)) }
    .sorted()

/// The options on the input's first line.
func goldenOptions(_ input: String) throws -> [String] {
    let first = input.prefix { $0 != "\n" }
    let open = try #require(first.range(of: "/* stackless:"), "the first line must be /* stackless: [options] */")
    let close = try #require(first.range(of: "*/", range: open.upperBound..<first.endIndex))
    return first[open.upperBound..<close.lowerBound].split(separator: " ").map(String.init)
}

@Suite("Golden")
struct GoldenTests {
    @Test("the golden set is complete")
    func inventory() throws {
        #expect(goldenNames.count >= 8)
        for name in ["simple_chain", "loops", "short_circuit", "shadow_stack", "shadowed_locals",
                     "static_locals", "struct_return", "torture_main", "one_body"] {
            #expect(goldenNames.contains(name), "missing golden pair \(name)")
        }
        let files = try FileManager.default.contentsOfDirectory(atPath: goldenFolder.path)
        for file in files {
            #expect(file.hasSuffix(".input.c") || file.hasSuffix(".expected.c"), "stray file \(file)")
        }
        for name in goldenNames {
            #expect(files.contains("\(name).expected.c"), "\(name) has no expected output")
        }
    }

    @Test("the transform gives the expected text", arguments: goldenNames)
    func golden(name: String) throws {
        let input = try read(goldenFolder.appendingPathComponent("\(name).input.c").path)
        let expectedPath = goldenFolder.appendingPathComponent("\(name).expected.c").path
        let options = try goldenOptions(input)
        let actual = try withTemporaryDirectory { dir in
            try write(input, to: "\(name).c", in: dir)
            let result = try stackless(["transform"] + options + ["\(name).c", "-o", "out"], in: dir)
            try #require(result.status == 0, "stackless transform failed: \(result.stderr)")
            #expect(result.stderr == "")
            return try read(dir.appendingPathComponent("out/\(name).c").path)
        }
        if ProcessInfo.processInfo.environment["STACKLESS_UPDATE_GOLDEN"] != nil {
            try Data(actual.utf8).write(to: URL(fileURLWithPath: expectedPath))
            return
        }
        let expected = try read(expectedPath)
        if actual != expected {
            Issue.record("""
                \(name): the output differs from \(name).expected.c:
                \(unifiedDiff(expected: expected, actual: actual, name: "\(name).c"))
                """)
        }
    }

    @Test("the transform through the library gives the same text", arguments: goldenNames)
    func goldenThroughLibrary(name: String) throws {
        let input = try read(goldenFolder.appendingPathComponent("\(name).input.c").path)
        let options = try goldenOptions(input)
        let expected = try read(goldenFolder.appendingPathComponent("\(name).expected.c").path)
        try withTemporaryDirectory { dir in
            let path = try write(input, to: "\(name).c", in: dir)
            var transformOptions = makeOptions(suspendAll: options.contains("--suspend-all"), torture: options.contains("--torture"))
            if let i = options.firstIndex(of: "--one-body"), i + 1 < options.count {
                transformOptions.oneBody = try #require(OneBodyPolicy(rawValue: options[i + 1]))
            }
            transformOptions.summaries = true
            let result = try transform([path], transformOptions)
            // The library names the file as it was given: an absolute path here (in #line and the summary).
            let actual = result[0].output.replacingOccurrences(of: path, with: "\(name).c")
            if actual != expected {
                Issue.record("""
                    \(name): the library's output differs from \(name).expected.c:
                    \(unifiedDiff(expected: expected, actual: actual, name: "\(name).c"))
                    """)
            }
        }
    }

    @Test("the expected text compiles without warnings", arguments: goldenNames)
    func expectedCompiles(name: String) throws {
        let expected = try read(goldenFolder.appendingPathComponent("\(name).expected.c").path)
        let result = try compileWarnings(expected, name: "\(name).c")
        #expect(result.status == 0)
        #expect(result.stderr == "", "\(name).expected.c:\n\(result.stderr)")
    }
}
