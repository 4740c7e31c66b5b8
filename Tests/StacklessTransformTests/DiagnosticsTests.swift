// Diagnostics: constructs that cannot survive a switch are refused with a location and a reason,
// and bad input through the CLI fails cleanly, writing nothing.

import Foundation
import Testing
@testable import StacklessTransform

/// The diagnostics the transform of `text` (written to `name` in a fresh folder) throws, each as
/// its full description with the file's path replaced by `FILE`.
func refusals(_ text: String, name: String = "r.c", options: TransformOptions = makeOptions()) throws -> [String] {
    try withTemporaryDirectory { dir in
        let path = try write(text, to: name, in: dir)
        do {
            let results = try transform([path], options)
            Issue.record("the transform succeeded: \(results.count) output(s)")
            return []
        } catch let error as TransformError {
            #expect(error.diagnostics.allSatisfy { $0.severity == .error })
            return error.diagnostics.map { $0.description.replacingOccurrences(of: path, with: "FILE") }
        }
    }
}

/// Lines 1-3 of every refusal input: a switch to suspend with.
let refusalPrelude = """
    #include <greenlet.h>
    static greenlet *g;
    static void sw(void) { greenlet_switch(g, 0); }

    """

@Suite("Diagnostics")
struct DiagnosticsTests {
    @Test("a VLA live across a suspending call")
    func vla() throws {
        #expect(try refusals(refusalPrelude + """
            int vla(int n) {
                int a[n];
                a[0] = 1;
                sw();
                return a[0];
            }
            """) == [
            "FILE:7:5: error: this call may suspend while the variable-length array 'a' (declared at FILE:5:9) is live; a VLA cannot survive a switch (use malloc, or a fixed-size array)",
        ])
    }

    @Test("a pointer to a VLA in scope across a suspending call (the resume entry could not jump into its scope)")
    func pointerToVLA() throws {
        #expect(try refusals(refusalPrelude + """
            int rows(int n, int *m) {
                int (*r)[n] = (int (*)[n])m;
                sw();
                return r[1][0];
            }
            """) == [
            "FILE:6:5: error: this call may suspend while 'r' (declared at FILE:5:11), whose type has a run-time size (a pointer to a variable-length array), is in scope; such a variable cannot survive a switch (declare it in a block that ends before the call, or use a plain pointer and index it by hand)",
        ])
        let (_, output) = try transformText(refusalPrelude + """
            int rows(int n, int *m) {
                int x;
                { int (*r)[n] = (int (*)[n])m; x = r[1][0]; }
                sw();
                return x;
            }
            """)
        #expect(output.contains("sl__rows_resume"))
    }

    @Test("a VLA whose scope has ended before the call is fine")
    func vlaOutOfScope() throws {
        let (_, output) = try transformText(refusalPrelude + """
            int vla(int n) {
                int r;
                { int a[n]; a[0] = n; r = a[0]; }
                sw();
                return r;
            }
            """)
        #expect(output.contains("sl__vla_resume"))
    }

    @Test("alloca (the builtin)")
    func allocaBuiltin() throws {
        #expect(try refusals(refusalPrelude + """
            int al(int n) {
                char *p = __builtin_alloca(n);
                sw();
                return p[0];
            }
            """) == [
            "FILE:5:15: error: 'al' may suspend (al -> sw -> greenlet_switch) and calls __builtin_alloca; memory from alloca would not survive a switch (use malloc)",
        ])
    }

    @Test("alloca from <alloca.h> (a macro) points at the call",
          )
    func allocaMacro() throws {
        #expect(try refusals("#include <alloca.h>\n" + refusalPrelude + """
            int al(int n) {
                char *p = alloca(n);
                sw();
                return p[0];
            }
            """) == [
            "FILE:6:15: error: 'al' may suspend (al -> sw -> greenlet_switch) and calls __builtin_alloca; memory from alloca would not survive a switch (use malloc)",
        ])
    }

    @Test("setjmp is supported; __builtin_setjmp still refused")
    func setjmpSupported() throws {
        // setjmp itself is supported (Tests/e2e/programs/220-222, Tests/runtime/test-setjmp.c).
        #expect(try refusals("#include <stddef.h>\n" + refusalPrelude + """
            static void *buf[5];
            int vf(void) {
                if (__builtin_setjmp(buf)) return 1;
                sw();
                return 0;
            }
            """) == [
            "FILE:7:9: error: 'vf' may suspend (vf -> sw -> greenlet_switch) and calls __builtin_setjmp, whose saved context cannot be resumed after a switch (setjmp, sigsetjmp and longjmp are supported)",
        ])
    }

    @Test("a variadic function that reads its arguments before it suspends is transformed")
    func variadic() throws {
        let (_, output) = try transformText("#include <stdarg.h>\n" + refusalPrelude + """
            int total(int n, ...) {
                va_list ap;
                va_start(ap, n);
                int first = va_arg(ap, int);
                sw();
                va_end(ap);
                return first;
            }
            """)
        #expect(output.contains("static void sl__total_resume(sl_frame *sl__fr)"))
        // No va_start can run in the resume entry, and the va_list is not saved.
        #expect(output.contains("#define __builtin_va_start(ap, ...) ((void)sizeof (ap))"))
        #expect(!output.contains("sizeof(ap)]"))
    }

    @Test("a va_list used after a point is refused, once, at the point")
    func vaListLiveAcrossAPoint() throws {
        #expect(try refusals("#include <stdarg.h>\n" + refusalPrelude + """
            int total(int n, ...) {
                va_list ap;
                va_start(ap, n);
                int s = 0;
                for (int i = 0; i < n; i++) { s += va_arg(ap, int); sw(); }
                va_end(ap);
                return s;
            }
            """) == [
            "FILE:9:57: error: 'ap' (a va_list) is used after this call, which may suspend; a va_list points into the arguments of a variadic call on the C stack, which a switch unwinds (finish with it before the call, or pass the values it reads)",
        ])
        // A va_list parameter of a non-variadic function, the same.
        #expect(try refusals("#include <stdarg.h>\n#include <stdio.h>\n" + refusalPrelude + """
            int vsay(const char *fmt, va_list ap) { sw(); sw(); return vprintf(fmt, ap); }
            """) == [
            "FILE:6:41: error: 'ap' (a va_list) is used after this call, which may suspend; a va_list points into the arguments of a variadic call on the C stack, which a switch unwinds (finish with it before the call, or pass the values it reads)",
        ])
    }

    @Test("a function that may suspend only through a call by pointer and cannot be transformed is left as written, with a warning and the run-time check")
    func leftAsWrittenThroughPointers() throws {
        let text = "#include <stdarg.h>\n#include <stdio.h>\n" + refusalPrelude + """
            typedef int (*native)(int);
            static native handler;
            static int reader(int x) { sw(); return x; }
            static int pure(int x) { return x + 1; }
            int vformat(const char *fmt, va_list ap) { int r = handler(1); return r + vprintf(fmt, ap); }
            int format(const char *fmt, ...) { va_list ap; va_start(ap, fmt); int r = vformat(fmt, ap); va_end(ap); return r; }
            int run(void) { handler = pure; native n = reader; return n(2) + format("%d", 3); }
            """
        let (_, output) = try transformText(text)
        // vformat is kept as written but for the reset; format no longer calls a suspending function.
        #expect(output.contains("int vformat(const char *fmt, va_list ap) { sl_tls.unwind_ok = 0;"))
        #expect(!output.contains("sl__vformat_resume"))
        #expect(!output.contains("sl__format_resume"))
        #expect(output.contains("static void sl__run_resume(sl_frame *sl__fr)"))
        #expect(output.contains("sl_track_unwind()"), "the program tracks unwind_ok, so a switch under vformat stops")
        // The same va_list use in a function that calls the switch directly is still refused.
        #expect(try refusals("#include <stdarg.h>\n#include <stdio.h>\n" + refusalPrelude + """
            int vsay(const char *fmt, va_list ap) { sw(); return vprintf(fmt, ap); }
            """) == [
            "FILE:6:41: error: 'ap' (a va_list) is used after this call, which may suspend; a va_list points into the arguments of a variadic call on the C stack, which a switch unwinds (finish with it before the call, or pass the values it reads)",
        ])
    }

    @Test("a noreturn function that may suspend is refused: its callers would not expect it to return")
    func noReturn() throws {
        let found = try refusals(refusalPrelude + """
            __attribute__((noreturn)) void fail(void) { sw(); for (;;) {} }
            _Noreturn void stop(void) { sw(); for (;;) {} }
            void die(void) __attribute__((noreturn));
            void die(void) { sw(); for (;;) {} }
            """)
        #expect(found == [
            "FILE:4:32: error: 'fail' is declared noreturn and may suspend (fail -> sw -> greenlet_switch); its callers are compiled to assume that it never returns, but a switch returns through it (remove the noreturn attribute)",
            "FILE:5:16: error: 'stop' is declared noreturn and may suspend (stop -> sw -> greenlet_switch); its callers are compiled to assume that it never returns, but a switch returns through it (remove the noreturn attribute)",
            "FILE:7:6: error: 'die' is declared noreturn and may suspend (die -> sw -> greenlet_switch); its callers are compiled to assume that it never returns, but a switch returns through it (remove the noreturn attribute)",
        ])
    }

    @Test("a va_start that may run after a point is refused")
    func vaStartAfterAPoint() throws {
        #expect(try refusals("#include <stdarg.h>\n" + refusalPrelude + """
            int first(int n, ...) {
                sw();
                va_list ap;
                va_start(ap, n);
                int v = va_arg(ap, int);
                va_end(ap);
                return v;
            }
            """) == [
            "FILE:6:5: error: 'first' may call va_start (at FILE:8:5) after this call, which may suspend; a resumed function has no variadic arguments (read them before the first call that may suspend)",
        ])
    }

    @Test("a computed goto is transformed: one body, its static table inside")
    func computedGoto() throws {
        let (_, output) = try transformText(refusalPrelude + """
            int cg(int n) {
                static void *const table[] = { &&again, &&done };
                void *target = &&done;
            again:
                sw();
                if (n-- > 0) goto *table[0];
                goto *target;
            done:
                return n;
            }
            """)
        #expect(output.contains("static __typeof__(int) SL_ONE_BODY sl__cg_body(sl_frame *sl__fr, __typeof__(int) n);"))
        #expect(output.contains("int cg(int n) { return sl__cg_body(0, n); }"))
        #expect(output.contains("    static void *const table[] = { &&again, &&done };"))
        #expect(!output.contains("sl__cg_table"), "the static table stays inside the body")
        #expect(output.contains("__typeof__(int) sl__r = sl__cg_body(sl__fr, sl__p0);"))
    }

    @Test("a variadic function that takes label addresses: one message for the function")
    func variadicComputedGoto() throws {
        #expect(try refusals(refusalPrelude + """
            int vcg(int n, ...) {
                void *t[] = { &&a, &&b, &&a, &&b };
                goto *t[n & 3];
            a:  sw(); goto *t[1];
            b:  return n;
            }
            """) == [
            "FILE:4:5: error: the variadic function 'vcg' may suspend (vcg -> sw -> greenlet_switch) and takes label addresses; it would be emitted as one body, which could not receive the variadic arguments (move the computed goto into a function that takes a va_list)",
        ])
    }

    @Test("--suspend-all: a function that cannot be transformed is left alone unless it really suspends")
    func suspendAllRefusals() throws {
        let (_, output) = try transformText("""
            int al(int n) { char *p = __builtin_alloca(n); p[0] = 0; return p[0]; }
            int caller(void) { return al(2) + 1; }
            """, options: makeOptions(suspendAll: true))
        // `al` is not transformed, so `caller` has no call that suspends: nothing is rewritten.
        #expect(output.hasSuffix("""
            int al(int n) { char *p = __builtin_alloca(n); p[0] = 0; return p[0]; }
            int caller(void) { return al(2) + 1; }
            """))
        #expect(!output.contains("SL_GENERATED_BEGIN"))
        // When it does suspend it is refused, with the chain up to the first function --suspend-all covers.
        #expect(try refusals(refusalPrelude + """
            int al(int n) { char *p = __builtin_alloca(n); sw(); return p[0]; }
            """, options: makeOptions(suspendAll: true)) == [
            "FILE:4:27: error: 'al' may suspend (al -> sw) and calls __builtin_alloca; memory from alloca would not survive a switch (use malloc)",
        ])
    }

    @Test("--suspend-all: what the lowering refuses is left as written too, and its callers do not treat it as a point")
    func suspendAllLoweringRefusals() throws {
        let (_, output) = try transformText("#include <stdarg.h>\n#include <stdio.h>\n" + """
            static int put(int v) { return printf("%d\\n", v); }
            int sum(int n, ...) {
                va_list ap;
                va_start(ap, n);
                int s = 0;
                for (int i = 0; i < n; i++) s += put(va_arg(ap, int));
                va_end(ap);
                return s;
            }
            int vla(int n) { int v[n]; v[0] = put(n); return v[0] + put(1); }
            int caller(void) { return sum(2, 3, 4) + vla(2) + put(5); }
            """, options: makeOptions(suspendAll: true, torture: true))
        #expect(!output.contains("sl__sum_resume") && !output.contains("sl__vla_resume"))
        #expect(output.contains("int sum(int n, ...) {\n"), "kept as written")
        #expect(output.contains("int vla(int n) { int v[n]; v[0] = put(n); return v[0] + put(1); }"))
        // In caller only put(5) is a call that suspends (and its torture yield).
        #expect(output.contains("sl__caller_points[2]"))
    }

    @Test("--suspend-all: a function left as written that may be called through a pointer drops unwind_ok at entry")
    func suspendAllLeftAsWrittenThroughAPointer() throws {
        let (_, output) = try transformText("""
            static int put(int v) { return v + 1; }
            int vla(int n) { int v[n]; v[0] = put(n); return v[0] + put(1); }
            int (*op)(int) = vla;
            int caller(void) { return op(2) + put(5); }
            """, options: makeOptions(suspendAll: true, torture: true))
        #expect(output.contains("int vla(int n) { sl_tls.unwind_ok = 0; int v[n]; v[0] = put(n); return v[0] + put(1); }"))
    }

    @Test("a suspending function defined by a macro is rewritten or refused")
    func macroDefinedFunction() throws {
        try withTemporaryDirectory { dir in
            let path = try write(refusalPrelude + """
                #define DEFINE_WAIT(name) int name(void) { sw(); return 1; }
                DEFINE_WAIT(wait_one)
                int user(void) { return wait_one() + 1; }
                """, to: "m.c", in: dir)
            let chain = try explain([path]).first { $0.function == "user" }?.chain ?? []
            #expect(chain == ["user", "wait_one", "sw", "greenlet_switch"])
            do {
                let output = try transform([path])[0].output
                #expect(output.contains("sl__user_resume"), "user calls a function that suspends")
            } catch let error as TransformError {
                #expect(error.description.contains("'wait_one' may suspend"))
            }
        }
    }

    @Test("a local used by inline assembly cannot move to the shadow stack")
    func pinnedLocal() throws {
        #expect(try refusals(refusalPrelude + """
            int pinned(void) {
                int x = 1;
                int *p = &x;
                __asm__ volatile ("" : : "r"(x));
                sw();
                return *p;
            }
            """) == [
            "FILE:5:9: error: 'x' is used inside inline assembly or a statement expression in 'pinned', which may suspend, and would have to be moved to the shadow stack; this is not supported",
        ])
    }

    @Test("a local read by a statement expression that does not suspend sees the shadow-stack copy")
    func statementExpressionLocal() throws {
        let text = """
            #include <stdio.h>
            static int get(void) { return 1; }
            int f(void) {
                int x = 1;
                int *p = &x;
                *p = 5;
                int y = ({ x + 1; });
                get();
                return y;
            }
            int main(void) { printf("%d\\n", f()); return 0; }
            """
        // Either refused, or the program still prints 6.
        do {
            try withTemporaryDirectory { dir in
                let path = try write(text, to: "se.c", in: dir)
                let results = try transform([path], makeOptions(suspendAll: true))
                let out = try write(results[0].output, to: "out/se.c", in: dir)
                let exe = dir.appendingPathComponent("se").path
                let runtime = try FileManager.default.contentsOfDirectory(atPath: repoRoot.appendingPathComponent("Sources/StacklessRuntime/src").path)
                    .filter { $0.hasSuffix(".c") }.sorted().map { repoRoot.appendingPathComponent("Sources/StacklessRuntime/src/\($0)").path }
                let build = try shell(cCompiler + ["-I", runtimeInclude, out] + runtime + ["-lpthread", "-o", exe])
                try #require(build.status == 0, "\(build.stderr)")
                #expect(try run(exe, []).stdout == "6\n")
            }
        } catch is TransformError {
            // refused: fine
        }
    }

    @Test("every problem of every function is reported at once")
    func allProblemsAtOnce() throws {
        let problems = try refusals(refusalPrelude + """
            int a(int n) { char *p = __builtin_alloca(n); sw(); return p[0]; }
            int b(int n) { int v[n]; sw(); return v[0]; }
            int c(int n, ...) { __builtin_va_list ap; __builtin_va_start(ap, n); sw(); int v = __builtin_va_arg(ap, int); __builtin_va_end(ap); return v; }
            """)
        #expect(problems.count == 3)
        #expect(Set(problems.map { $0.split(separator: ":")[1] }) == ["4", "5", "6"])
    }

    @Test("diagnostics come in source order",
          )
    func sourceOrder() throws {
        let problems = try refusals(refusalPrelude + """
            int a(int n) {
                if (n) {
                    int v[n];
                    v[0] = 0;
                    sw();
                    return v[0];
                }
                { int w[n]; w[0] = 1; sw(); return w[0]; }
            }
            """)
        #expect(problems.map { Int($0.split(separator: ":")[1])! } == [8, 11])
    }

    @Test("a file that does not compile: clang's message and location")
    func syntaxErrorLibrary() throws {
        #expect(try refusals("int f(void) {\n    return 1 +;\n}\n") == ["FILE:2:15: error: expected expression"])
    }

    @Test("bad paths through the library")
    func badPathsLibrary() throws {
        try withTemporaryDirectory { dir in
            let cpp = try write("int f() { return 0; }\n", to: "x.cpp", in: dir)
            let missing = dir.appendingPathComponent("missing.c").path
            let error = #expect(throws: TransformError.self) { try transform([cpp, missing, dir.path]) }
            #expect(error?.description == """
                stackless: error: \(cpp): not a C file: stackless transforms C only (C++ and Objective-C are not supported)
                stackless: error: \(missing): no such file
                stackless: error: \(dir.path): is a directory, not a C file
                """)
        }
    }
}

// MARK: - Bad input through the CLI

/// Runs `stackless transform <arguments> -o out` in a folder holding `files`; checks that it
/// fails, writes nothing and leaves every input as it was; returns its stderr.
func failingTransform(_ files: [String: [UInt8]], arguments: [String], output: String = "out",
                      prepare: (URL) throws -> Void = { _ in }) throws -> String {
    try withTemporaryDirectory { dir in
        for (name, bytes) in files {
            try Data(bytes).write(to: dir.appendingPathComponent(name))
        }
        try prepare(dir)
        let before = listing(dir)
        let result = try stackless(["transform"] + arguments + ["-o", output], in: dir)
        #expect(result.status != 0)
        #expect(result.stdout == "")
        #expect(listing(dir) == before, "no output written")
        for (name, bytes) in files {
            let path = dir.appendingPathComponent(name).path
            chmod(path, 0o644)  // `prepare` may have made it unreadable
            #expect(FileManager.default.contents(atPath: path) == Data(bytes), "\(name) untouched")
        }
        return result.stderr
    }
}

/// Whether removing read permission stops this process from reading a file (not for root).
func permissionsApply() -> Bool {
    (try? withTemporaryDirectory { dir -> Bool in
        let path = try write("int x;\n", to: "probe.c", in: dir)
        chmod(path, 0)
        return FileManager.default.contents(atPath: path) == nil
    }) ?? false
}

let goodInput = Array((refusalPrelude + "int f(int n) { sw(); return n; }\n").utf8)

@Suite("Diagnostics through the CLI")
struct CLIDiagnosticsTests {
    @Test("a syntax error: clang's message with file:line:col, nothing written")
    func syntaxError() throws {
        let stderr = try failingTransform(["syn.c": Array("int f(void) {\n    return 1 +;\n}\n".utf8), "good.c": goodInput],
                                          arguments: ["good.c", "syn.c"])
        #expect(stderr == "syn.c:2:15: error: expected expression\n")
    }

    @Test("a missing file")
    func missingFile() throws {
        let stderr = try failingTransform(["good.c": goodInput], arguments: ["good.c", "missing.c"])
        #expect(stderr == "stackless: error: missing.c: no such file\n")
    }

    @Test("an unreadable file",
          .enabled(if: permissionsApply(), "chmod 000 does not stop this user (root) from reading"))
    func unreadableFile() throws {
        let stderr = try failingTransform(["good.c": goodInput, "locked.c": goodInput], arguments: ["good.c", "locked.c"]) { dir in
            chmod(dir.appendingPathComponent("locked.c").path, 0)
        }
        #expect(stderr == "stackless: error: locked.c: cannot read the file (permission denied?)\n")
    }

    @Test("a C++ file")
    func cppFile() throws {
        let stderr = try failingTransform(["x.cpp": Array("int f() { return 0; }\n".utf8)], arguments: ["x.cpp"])
        #expect(stderr == "stackless: error: x.cpp: not a C file: stackless transforms C only (C++ and Objective-C are not supported)\n")
    }

    @Test("a binary file")
    func binaryFile() throws {
        let bytes: [UInt8] = [0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0, 0, 0, 0x3e, 0, 0xff, 0x10]
        let stderr = try failingTransform(["blob.c": bytes], arguments: ["blob.c"])
        #expect(stderr == "stackless: error: blob.c: not a C file: it contains NUL bytes (binary data?)\n")
    }

    @Test("an output directory that cannot be created")
    func unwritableOutput() throws {
        let stderr = try failingTransform(["good.c": goodInput, "afile": []], arguments: ["good.c"], output: "afile/sub")
        #expect(stderr.hasPrefix("stackless: error: "))
        #expect(stderr.contains("/afile/sub: cannot create the output directory ("))
        #expect(stderr.hasSuffix(")\n"))
        #expect(stderr.split(separator: "\n").count == 1)
    }

    @Test("an output that would overwrite its input")
    func overwriteInput() throws {
        let stderr = try failingTransform(["good.c": goodInput], arguments: ["good.c"], output: ".")
        #expect(stderr.hasPrefix("stackless: error: good.c: the output would overwrite an input ("))
        #expect(stderr.hasSuffix("/good.c); choose another output directory\n"))
    }

    @Test("a refused construct: the diagnostic, non-zero exit, nothing written")
    func refusedConstruct() throws {
        let text = refusalPrelude + "int v(int n) { int a[n]; sw(); return a[0]; }\n"
        let stderr = try failingTransform(["v.c": Array(text.utf8), "good.c": goodInput], arguments: ["good.c", "v.c"])
        #expect(stderr == "v.c:4:26: error: this call may suspend while the variable-length array 'a' (declared at v.c:4:20) is live; a VLA cannot survive a switch (use malloc, or a fixed-size array)\n")
    }

    @Test("no input files")
    func noInputs() throws {
        let result = try stackless(["transform", "-o", "out"])
        #expect(result.status != 0)
        #expect(result.stderr.contains("no input files"))
    }
}
