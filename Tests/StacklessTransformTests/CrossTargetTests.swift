// Cross compilation: the transform parses for the compiler's target (Parse/CompilerTarget.swift).

import Foundation
import Testing
@testable import StacklessTransform

/// clang, which every Swift toolchain has, can name any target without that target's sysroot.
private let clangAvailable = FileManager.default.isExecutableFile(atPath: "/usr/bin/env")
    && (try? shell(["clang", "--version"]).status) == 0

@Suite("Cross targets")
struct CrossTargetTests {
    /// A program whose only suspending path exists on one target: `switch_on_target` calls the
    /// switch under `#ifdef __aarch64__`, and `depends_on_long` under `__SIZEOF_LONG__ == 4`.
    static let program = """
        #include <greenlet.h>
        static greenlet *g;
        int switch_on_target(void) {
        #ifdef __aarch64__
            greenlet_switch(g, 0);
        #endif
            return 1;
        }
        int depends_on_long(void) {
        #if __SIZEOF_LONG__ == 4
            greenlet_switch(g, 0);
        #endif
            return 2;
        }

        """

    private func suspending(driver: [String]) throws -> Set<String> {
        try withTemporaryDirectory { dir in
            let path = try write(Self.program, to: "t.c", in: dir)
            var options = makeOptions()
            options.preprocessor = PreprocessorCommand(driver: driver)
            let target = CompilerTarget.of(driver: driver, flags: [])
            options.targetArguments = target?.parserArguments ?? []
            let explained = try explain([path], options)
            return Set(explained.filter(\.maySuspend).map(\.function))
        }
    }

    @Test("a function suspends only where its #ifdef holds: aarch64", .enabled(if: clangAvailable))
    func aarch64() throws {
        let target = try #require(CompilerTarget.of(driver: ["clang", "--target=aarch64-linux-gnu"], flags: []))
        #expect(target.triple.hasPrefix("aarch64"))
        #expect(target.isCross)
        #expect(target.parserArguments.prefix(3) == ["-target", target.triple, "-nostdlibinc"])
        #expect(try suspending(driver: ["clang", "--target=aarch64-linux-gnu"]) == ["switch_on_target"])
    }

    @Test("sizeof(long) is the target's: i686", .enabled(if: clangAvailable))
    func i686() throws {
        #expect(try suspending(driver: ["clang", "--target=i686-linux-gnu"]) == ["depends_on_long"])
    }

    @Test("stackless explain --target parses for that target", .enabled(if: clangAvailable))
    func explainTarget() throws {
        try withTemporaryDirectory { dir in
            let path = try write(Self.program, to: "t.c", in: dir)
            let host = try stackless(["explain", path], environment: ["CC": "clang"])
            #expect(host.status == 0)
            #expect(!host.stdout.contains("may suspend"))
            let aarch64 = try stackless(["explain", "--target", "aarch64-linux-gnu", path], environment: ["CC": "clang"])
            #expect(aarch64.status == 0, "\(aarch64.stderr)")
            #expect(aarch64.stdout.contains("switch_on_target: may suspend: switch_on_target -> greenlet_switch"))
            #expect(!aarch64.stdout.contains("depends_on_long: may suspend"))
        }
    }

    @Test("the host's compiler adds nothing")
    func host() throws {
        #expect(CompilerTarget.of(driver: ["cc"], flags: []) == nil)
        #expect(try suspending(driver: ["cc"]).isEmpty)
    }

    @Test("a target flag among the compile's flags is the target")
    func targetFlags() {
        #expect(CompilerTarget.targetFlags(["-O2", "-target", "aarch64-linux-gnu", "-Wall", "--sysroot=/s", "-m32"])
            == ["-target", "aarch64-linux-gnu", "--sysroot=/s", "-m32"])
    }

    @Test("the compiler's include list, less its builtin headers, normalised")
    func includeList() {
        let verbose = """
            ignoring nonexistent directory "/usr/local/include/aarch64-linux-gnu"
            #include "..." search starts here:
            #include <...> search starts here:
             /usr/lib/gcc-cross/aarch64-linux-gnu/12/include
             /usr/lib/gcc-cross/aarch64-linux-gnu/12/../../../../aarch64-linux-gnu/include
             /usr/lib/llvm-14/lib/clang/14.0.6/include
             /usr/include
            End of search list.
            """
        #expect(CompilerTarget.systemDirectories(verbose) == ["/usr/aarch64-linux-gnu/include", "/usr/include"])
    }

    @Test("the CPU of a triple")
    func cpu() {
        #expect(CompilerTarget.sameCPU("x86_64-linux-gnu", "x86_64"))
        #expect(CompilerTarget.sameCPU("amd64-unknown-freebsd", "x86_64"))
        #expect(!CompilerTarget.sameCPU("i686-linux-gnu", "x86_64"))
        #expect(!CompilerTarget.sameCPU("wasm32-unknown-wasi", "x86_64"))
    }
}
