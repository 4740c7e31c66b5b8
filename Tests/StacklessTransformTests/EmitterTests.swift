// Stage 4, emit: lowered functions -> C text. Through the public entry point, with real files.

import Foundation
import Testing
@testable import StacklessTransform

/// Transforms one file written into a fresh folder; returns (path, output).
func transformText(_ text: String, name: String = "t.c", options: TransformOptions = makeOptions()) throws -> (String, String) {
    try withTemporaryDirectory { dir in
        let path = try write(text, to: name, in: dir)
        let results = try transform([path], options)
        #expect(results.count == 1)
        #expect(results.first?.input == path)
        return (path, results.first?.output ?? "")
    }
}

/// Compiles C text with the warnings the golden files must pass; returns the compiler's output.
func compileWarnings(_ text: String, name: String = "t.c", extra: [String] = []) throws -> RunResult {
    try withTemporaryDirectory { dir in
        let path = try write(text, to: name, in: dir)
        return try shell(cCompiler + ["-c", "-x", "c", "-std=gnu11", "-Wall", "-Wextra", "-I", runtimeInclude] + extra
                         + [path, "-o", dir.appendingPathComponent("t.o").path], in: dir)
    }
}

@Suite("Emitter")
struct EmitterTests {
    let program = prelude + """
        struct pair { int a, b; };

        static   int   untouched( int x )   /* a comment */
        {
            return x   *  2;    // spacing kept
        }

        struct pair make(int k) {
            struct pair p = { get(k), untouched(k) };
            int local[3] = { 1, 2, 3 };
            int *q = &local[1];
            for (int i = 0; i < k && get(i); i++) *q += i;
            return p.a > 0 ? p : make(k - 1);
        }

        int main(void) { return make(3).a + untouched(1); }
        """

    @Test("transforming the same input twice gives byte-identical output")
    func determinism() throws {
        try withTemporaryDirectory { dir in
            let a = try write(program, to: "a.c", in: dir)
            let b = try write("#include <greenlet.h>\nextern greenlet *g;\nint make_twice(int k) { return (int)(long)greenlet_switch(g, 0) + k; }\n", to: "b.c", in: dir)
            for options in [makeOptions(), makeOptions(suspendAll: true, torture: true)] {
                let first = try transform([a, b], options)
                let second = try transform([a, b], options)
                #expect(first.map(\.input) == [a, b])
                #expect(first.map(\.input) == second.map(\.input))
                for (x, y) in zip(first, second) {
                    #expect(Array(x.output.utf8) == Array(y.output.utf8),
                            "\(unifiedDiff(expected: x.output, actual: y.output, name: x.input))")
                }
            }
        }
    }

    @Test("functions that do not suspend are kept byte for byte")
    func untouchedFunctionsKept() throws {
        let (_, output) = try transformText(program)
        let original = """
            static   int   untouched( int x )   /* a comment */
            {
                return x   *  2;    // spacing kept
            }
            """
        #expect(output.contains(original))
        #expect(output.contains("int pure(int k) { return k * 3; }\n"))
        #expect(output.contains("struct pair { int a, b; };"))
        // The suspending ones are rewritten.
        #expect(output.contains("static void sl__make_resume(sl_frame *sl__fr);"))
        #expect(output.contains("static void sl__main_resume(sl_frame *sl__fr);"))
    }

    @Test("a file in which nothing suspends comes out as written, after the runtime header")
    func nothingToDo() throws {
        let text = "#include <stdio.h>\n\nstatic int  twice(int x) {return x*2;}\n\tint main(void)\n{ printf(\"%d\\n\", twice(2)); return 0; }\n"
        let (path, output) = try transformText(text)
        #expect(output == "#include <stackless_gen.h>\n#line 1 \"\(path)\"\n" + text)
    }

    @Test("#line directives map the output onto the input's lines")
    func lineDirectives() throws {
        let (path, output) = try transformText(program)
        let quoted = "\"\(path)\""
        let lines = output.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines[0] == "#include <stackless_gen.h>")
        #expect(lines[1] == "#line 1 \(quoted)")
        // `make` starts on line 13 of the input: its header is preceded by a directive for it.
        let header = try #require(lines.firstIndex(of: "struct pair make(int k) {"))
        #expect(lines[header - 1] == "#line 13 \(quoted)")
        // The statement on line 14 of the input (the first point) carries line 14.
        let point = try #require(lines.firstIndex { $0.contains("sl__t") && $0.contains("= get(k);") })
        #expect(lines[..<point].last { $0.hasPrefix("#line ") } == "#line 14 \(quoted)")
        // After the function, the text goes on at the line where the function ended.
        let mainLine = try #require(lines.firstIndex(of: "int main(void) {"))
        #expect(lines[mainLine - 1] == "#line 21 \(quoted)")
        // Every directive names the input, but those inside a save or restore block, which keep
        // its lines on the point's line and the file as it is (`#line 14`).
        for line in lines where line.hasPrefix("#line ") {
            #expect(line.hasSuffix(" \(quoted)") || line.split(separator: " ").count == 2, "\(line)")
        }
        // Replaying the directives gives every kept line of the input its own number.
        var current = 0
        var checked = 0
        // Lines are compared with their whitespace collapsed (rewritten lines are re-indented).
        func words(_ s: String) -> String { s.split(whereSeparator: { $0 == " " || $0 == "\t" }).joined(separator: " ") }
        let inputLines = program.split(separator: "\n", omittingEmptySubsequences: false).map { words(String($0)) }
        for line in lines.dropFirst() {
            if line.hasPrefix("#line ") {
                current = Int(line.split(separator: " ")[1])!
                continue
            }
            let w = words(line)
            if let i = inputLines.firstIndex(of: w), inputLines.filter({ $0 == w }).count == 1,
               w.count > 8, !line.contains("sl__") {
                #expect(i + 1 == current, "\(line) should be at line \(i + 1), the directives say \(current)")
                checked += 1
            }
            current += 1
        }
        // (`int local[3] = ...` is not compared: on the shadow stack, its declaration is renamed.)
        #expect(checked >= 7, "the replay compared \(checked) lines")
    }

    @Test("the output compiles without warnings")
    func outputCompiles() throws {
        for options in [makeOptions(), makeOptions(suspendAll: true, torture: true)] {
            let (_, output) = try transformText(program, options: options)
            let result = try compileWarnings(output)
            #expect(result.status == 0)
            #expect(result.stderr == "")
        }
    }

    @Test("--torture renames main and adds a main that runs it as a greenlet")
    func tortureMain() throws {
        let (_, output) = try transformText("int helper(int x) { return x + 1; }\nint main(int argc, char **argv) { (void)argv; return helper(argc) - 2; }\n",
                                            options: makeOptions(suspendAll: true, torture: true))
        #expect(output.hasPrefix("#define SL_TORTURE 1\n#include <stackless_gen.h>\n"))
        #expect(output.contains("int sl__user_main(int argc, char **argv) {"))
        #expect(output.contains("return sl__user_main(sl__argc, sl__argv);"))
        #expect(output.contains("int main(int argc, char **argv) { return sl_torture_main(sl__main_thunk, argc, argv, 0); }"))
        #expect(output.contains("int helper(int x) { return x + 1; }"), "no points: kept as written")
    }

    @Test("a function whose only point is a tail call compiles without warnings")
    func tailOnlyFunctionWarnings() throws {
        let (_, output) = try transformText(prelude + "int forward(int k) { return get(k); }\n")
        #expect(output.contains("sl__forward_resume"))
        for compiler in ["gcc", "clang"] {
            let result = try withTemporaryDirectory { dir in
                let path = try write(output, to: "t.c", in: dir)
                return try shell([compiler, "-c", "-Wall", "-Wextra", "-I", runtimeInclude, path, "-o", "/dev/null"])
            }
            #expect(result.stderr == "", "\(compiler)")
        }
    }

    @Test("a declaration whose type mentions a renamed local is rewritten too")
    func renamedLocalInDeclarationHead() throws {
        let (_, output) = try transformText(prelude + """
            int f(void) {
                int n = get(1);
                { int n = 2; (void)n; }
                __typeof__(n) m = n;
                return m;
            }
            """)
        let result = try compileWarnings(output)
        #expect(result.status == 0, "\(result.stderr)")
    }

    @Test("the shadowed name inside a declarator is not the one renamed")
    func shadowedNameInDeclarator() throws {
        let (_, output) = try transformText(prelude + """
            int f(void) {
                int x = get(1);
                {
                    char x[sizeof x];
                    x[0] = 1;
                    get(2);
                    return x[0];
                }
            }
            """)
        let result = try compileWarnings(output)
        #expect(result.status == 0, "\(result.stderr)")
    }

    @Test("a fall-through comment survives, so -Wimplicit-fallthrough stays quiet",
          )
    func fallThroughComment() throws {
        let text = prelude + """
            int f(int s) {
                int t = 0;
                switch (s) {
                case 1:
                    t += get(s);
                    /* fall through */
                default:
                    t++;
                }
                return t;
            }
            """
        #expect(try compileWarnings(text).stderr == "", "the input itself is clean")
        let (_, output) = try transformText(text)
        #expect(try compileWarnings(output).stderr == "")
    }
}

@Suite("One body")
struct OneBodyTests {
    /// A body of `lines` statements, each a call that may suspend (the calls in a loop when asked).
    func function(_ name: String, lines: Int, inLoop: Bool = false) -> String {
        let calls = (0..<lines).map { "        total += get(\($0)) * \($0 + 1);" }.joined(separator: "\n")
        let body = inLoop ? "    for (int i = 0; i < 2; i++) {\n\(calls)\n    }" : "    {\n\(calls)\n    }"
        return "int \(name)(int total) {\n\(body)\n    return total;\n}\n"
    }

    func emitsOneBody(_ output: String, _ name: String) -> Bool { output.contains("sl__\(name)_body(") }

    @Test("auto: one body for a large function with no point in a loop (nor after a label), two copies otherwise")
    func auto() throws {
        let retrying = function("retrying", lines: 30).replacingOccurrences(of: "    {\n", with: "    again: {\n")
            .replacingOccurrences(of: "    return total;", with: "    if (total < 0) goto again;\n    return total;")
        let text = prelude + function("large", lines: 30) + function("looping", lines: 30, inLoop: true)
            + function("small", lines: 2) + retrying
        let (_, output) = try transformText(text)
        #expect(emitsOneBody(output, "large"))
        #expect(!emitsOneBody(output, "looping"))
        #expect(!emitsOneBody(output, "small"))
        #expect(!emitsOneBody(output, "retrying"), "a loop made of a label and a goto")
        #expect(try compileWarnings(output).stderr == "")
    }

    @Test("always and never", arguments: [OneBodyPolicy.always, .never])
    func policy(_ policy: OneBodyPolicy) throws {
        var options = makeOptions()
        options.oneBody = policy
        let text = prelude + function("large", lines: 30) + function("small", lines: 2)
            + "int sum(int n, ...) { return get(n) + 1; }\n"
        let (_, output) = try transformText(text, options: options)
        #expect(emitsOneBody(output, "large") == (policy == .always))
        #expect(emitsOneBody(output, "small") == (policy == .always))
        #expect(!emitsOneBody(output, "sum"), "a variadic function keeps two copies")
        #expect(try compileWarnings(output).stderr == "")
    }

    @Test("auto asks for size under -Os and -Oz, the last -O flag deciding")
    func optimizationFlags() {
        #expect(OneBodyPolicy.auto.under(compilerFlags: ["-O2"]) == .auto)
        #expect(OneBodyPolicy.auto.under(compilerFlags: ["-Os"]) == .always)
        #expect(OneBodyPolicy.auto.under(compilerFlags: ["-O2", "-Oz"]) == .always)
        #expect(OneBodyPolicy.auto.under(compilerFlags: ["-Os", "-O3"]) == .auto)
        #expect(OneBodyPolicy.never.under(compilerFlags: ["-Os"]) == .never)
        #expect(OneBodyPolicy.auto.under(compilerFlags: ["-g"]) == .auto)
    }
}
