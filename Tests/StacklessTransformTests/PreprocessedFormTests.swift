// The preprocessed form (Parse/Directives.swift, Parse/PreprocessedForm.swift): which functions
// need it, the regions that replace them, and the text that replaces them.

import Foundation
import Testing
@testable import StacklessTransform

@Suite("Preprocessed form")
struct PreprocessedFormTests {
    @Test("directives are found with their continuations, not inside comments or strings")
    func directives() {
        let text = """
            int a; /* #define NOT_ME
            #define NOR_ME */
              #  define LONG 1 + \\
                2
            const char *s = "#if no";
            #if A // c
            #endif
            # 12 "x.c" 2
            /* c */ #pragma once
            """
        let found = Directives.scan(Array(text.utf8))
        #expect(found.map(\.name) == ["define", "if", "endif", "line", "pragma"])
        let long = String(decoding: Array(text.utf8)[found[0].range], as: UTF8.self)
        #expect(long.hasSuffix("2"))
        #expect(found.filter(\.changesPreprocessorState).map(\.name) == ["define", "if", "endif"])
    }

    @Test("a function needs its preprocessed form for a directive or when a macro defines it")
    func needs() throws {
        let file = try parseOne("""
            int next(int);
            #define CALL(x) next(x)
            #define N 3
            int plain(int x) { return next(x) + N; }
            int with_define(int x) {
            #define LOCAL 2
                return next(x);
            }
            int with_if(int x) {
            #if 1
                x++;
            #endif
                return next(x);
            }
            int pragma_only(int x) {
            #pragma GCC diagnostic push
                return next(x);
            }
            int via_macro(int x) { return CALL(x); }
            #define MAKE(n) int n(int x) { return next(x); }
            MAKE(made)
            """)
        func needs(_ name: String) throws -> Bool {
            try #require(file.functions.first { $0.name == name }).needsPreprocessedForm
        }
        #expect(try !needs("plain"))
        #expect(try needs("with_define"))
        #expect(try needs("with_if"))
        #expect(try !needs("pragma_only"), "a pragma neither changes the preprocessor's state nor is dropped by it")
        #expect(try !needs("via_macro"), "the lowering finds out whether it reaches into the macro")
        #expect(try needs("made"))
    }

    @Test("regions widen to whole macro invocations and merge")
    func regions() throws {
        let text = """
            int next(int);
            #define TWO(a, b) int a(int x) { return next(x); } int b(int x) { return next(x) + 1; }
            TWO(first, second)
            int third(int x) { return next(x); }
            """
        let file = try parseOne(text)
        let all = file.functions
        let regions = PreprocessedForm.regions(file, all)
        let bytes = Array(text.utf8)
        #expect(regions.map { String(decoding: bytes[$0], as: UTF8.self) }
                == ["TWO(first, second)", "int third(int x) { return next(x); }"])
    }

    @Test("the replaced text: macro names undefined around it, later directives kept, lines kept")
    func substitution() throws {
        let text = """
            int next(int);
            #define GLOBAL(t, v) v
            static int head;
            #define head GLOBAL(int, head)
            #define LATER 7
            int f(int x) {
                int y = head;
            #ifdef LATER
                y += LATER;
            #endif
            #define AFTER 1
                return next(x + y);
            }
            int g(void) { return AFTER; }
            """
        let file = try parseOne(text)
        let f = try #require(file.functions.first { $0.name == "f" })
        let out = String(decoding: try PreprocessedForm.substitute(file, [f], PreprocessorCommand(driver: ["cc"]), parserArguments: []), as: UTF8.self)
        #expect(out.contains("#pragma push_macro(\"head\")\n#undef head\n" + PreprocessedForm.fallThroughCommentsLost + "#line 6 \"t.c\"\n"))
        #expect(out.contains("int y = head;"))
        #expect(out.contains("y += 7;"))
        #expect(!out.contains("push_macro(\"LATER\")"), "LATER is expanded in the region: nothing to protect")
        #expect(out.contains("#pragma GCC diagnostic pop\n#pragma pop_macro(\"head\")\n#ifdef LATER\n#endif\n#define AFTER 1\n#line 13 \"t.c\"\n"))
        #expect(out.hasSuffix("\nint g(void) { return AFTER; }"))
        // The result is one program again: parsing it finds both functions, f now plain text.
        let again = try withClang {
            let file = try Parser.parse(path: "t.c", text: Array(out.utf8), options: parseArguments())
            for f in file.functions { f.complete() }
            return file
        }
        let f2 = try #require(again.functions.first { $0.name == "f" })
        #expect(!f2.needsPreprocessedForm)
        #expect(f2.startLoc.line == 6 && f2.endLoc.line == 13)
    }

    @Test("a preprocessor that fails is reported with its message")
    func failingPreprocessor() throws {
        let file = try parseOne("int next(int);\nint f(int x) {\n#define A 1\n return next(x); }\n")
        #expect(throws: TransformError.self) {
            try PreprocessedForm.substitute(file, file.functions, PreprocessorCommand(driver: ["false"]), parserArguments: [])
        }
    }

    @Test("relative include paths are made absolute for a preprocessor run elsewhere")
    func absolutePaths() {
        #expect(PreprocessedForm.absolutePaths(["-I", "inc", "-Isub", "-DX=1", "-include", "/abs.h", "--sysroot=sys"], from: "/w")
                == ["-I", "/w/inc", "-I/w/sub", "-DX=1", "-include", "/abs.h", "--sysroot=/w/sys"])
    }

    @Test("a rewrite that reaches into a macro uses the preprocessed form; one that does not keeps the macro")
    func reachingIntoMacros() throws {
        let options = makeOptions(suspendAll: true)
        let out = try withTemporaryDirectory { dir in
            try write("""
                #include <stackless_gen.h>
                int next(int) SL_SUSPENDS;
                #define CALL(x) next(x)
                #define TWICE(x) ((x) + (x))
                int via_macro(int x) { return CALL(x) + 1; }
                int beside_macro(int x) { return next(x) + TWICE(x); }

                """, to: "m.c", in: dir)
            return try transform([dir.appendingPathComponent("m.c").path], options)[0].output
        }
        #expect(!out.contains("CALL(x) + 1"), "via_macro is rewritten from its expansion")
        #expect(out.contains("+ TWICE(x);"), "beside_macro keeps its macro as written")
    }

    @Test("two inputs that define the same function (two mains) each get their own rewrite")
    func sameFunctionInTwoInputs() throws {
        let outputs = try withTemporaryDirectory { dir in
            for name in ["one", "two"] {
                try write("""
                    #include <stackless_gen.h>
                    int next(int) SL_SUSPENDS;
                    int main(void) { int \(name) = next(1); return \(name); }

                    """, to: "\(name).c", in: dir)
            }
            return try transform(["one", "two"].map { dir.appendingPathComponent("\($0).c").path }, makeOptions())
        }
        #expect(outputs.count == 2)
        #expect(outputs[0].output.contains("int one =") && !outputs[0].output.contains("int two ="))
        #expect(outputs[1].output.contains("int two =") && !outputs[1].output.contains("int one ="))
    }
}
