// The `stackless` command: help texts, config, explain, transform and cc, run as a subprocess.

import Foundation
import Testing
@testable import StacklessTransform

@Suite("CLI")
struct CLITests {
    @Test("stackless --help lists the subcommands")
    func topLevelHelp() throws {
        let result = try stackless(["--help"])
        #expect(result.status == 0)
        for word in ["USAGE: stackless <subcommand>", "transform", "cc", "config", "explain"] {
            #expect(result.stdout.contains(word), "\(word)")
        }
    }

    @Test("each subcommand's --help mentions its options",
          arguments: [
            ("transform", ["-I <dir>", "-D <name[=value]>", "-p <compile_commands.json>", "--suspend-all", "--torture", "-o, --output <outdir>"]),
            ("explain", ["-I <dir>", "-D <name[=value]>", "-p <compile_commands.json>", "--suspend-all", "--torture"]),
            ("config", ["--cflags", "--libs"]),
          ])
    func subcommandHelp(command: String, options: [String]) throws {
        let result = try stackless([command, "--help"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("USAGE: stackless \(command)"))
        for option in options {
            #expect(result.stdout.contains(option), "\(command) --help should mention \(option)")
        }
    }

    @Test("stackless help cc documents the transform options")
    func ccHelpThroughHelp() throws {
        let result = try stackless(["help", "cc"])
        #expect(result.status == 0)
        for word in ["USAGE: stackless cc", "--suspend-all", "--torture", "-p FILE", "$CC"] {
            #expect(result.stdout.contains(word), "\(word)")
        }
    }

    @Test("stackless cc --help shows stackless's help, not the C compiler's")
    func ccHelp() throws {
        let result = try stackless(["cc", "--help"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("USAGE: stackless cc"))
        #expect(result.stdout.contains("--suspend-all"))
    }

    @Test("config --cflags prints an -I for the folder holding greenlet.h")
    func configCflags() throws {
        for arguments in [["config", "--cflags"], ["config"]] {
            let result = try stackless(arguments)
            #expect(result.status == 0)
            #expect(result.stderr == "")
            let words = result.stdout.split(separator: " ")
            #expect(words.count == 1)
            #expect(result.stdout.hasSuffix("\n"))
            let flag = result.stdout.trimmingWhitespace
            #expect(flag.hasPrefix("-I/"))
            let dir = String(flag.dropFirst(2))
            #expect(FileManager.default.fileExists(atPath: dir + "/greenlet.h"))
            #expect(FileManager.default.fileExists(atPath: dir + "/stackless_gen.h"))
        }
    }

    @Test("config --libs builds the runtime library on first use")
    func configLibs() throws {
        try withTemporaryDirectory { cache in
            let result = try stackless(["config", "--libs"], environment: ["XDG_CACHE_HOME": cache.path])
            #expect(result.status == 0, "\(result.stderr)")
            let words = result.stdout.trimmingWhitespace.split(separator: " ").map(String.init)
            #expect(words.count == 2)
            #expect(words.last == "-lstackless")
            let dir = try #require(words.first.map { String($0.dropFirst(2)) })
            #expect(words.first?.hasPrefix("-L\(cache.path)/stackless/") == true)
            #expect(FileManager.default.fileExists(atPath: dir + "/libstackless.a"))
            // The second time it is already there.
            let again = try stackless(["config", "--libs"], environment: ["XDG_CACHE_HOME": cache.path])
            #expect(again.stdout == result.stdout)
        }
    }

    @Test("explain prints one line per function, with the chain")
    func explainLines() throws {
        try withTemporaryDirectory { dir in
            try write("""
                #include <greenlet.h>
                extern greenlet *g;
                int next_token(void);
                static int helper(int x) { return x; }
                int parse_line(void) { return helper(next_token()); }
                """, to: "parse.c", in: dir)
            try write("""
                #include <greenlet.h>
                greenlet *g;
                int next_token(void) { return (int)(long)greenlet_switch(g, 0); }
                """, to: "lex/token.c", in: dir)
            let result = try stackless(["explain", "parse.c", "lex/token.c"], in: dir)
            #expect(result.status == 0, "\(result.stderr)")
            #expect(result.stderr == "")
            #expect(result.stdout == """
                parse.c:4:12: helper: does not suspend
                parse.c:5:5: parse_line: may suspend: parse_line -> next_token -> greenlet_switch
                lex/token.c:3:5: next_token: may suspend: next_token -> greenlet_switch

                """)
            let all = try stackless(["explain", "--suspend-all", "parse.c", "lex/token.c"], in: dir)
            #expect(all.stdout.split(separator: "\n").map { $0.split(separator: ":").last! } == [
                " may suspend (--suspend-all)", " may suspend (--suspend-all)", " may suspend (--suspend-all)",
            ])
        }
    }

    @Test("transform writes one output per input, same relative names, the library's text")
    func transformWritesOutputs() throws {
        try withTemporaryDirectory { dir in
            try write(prelude + "int top(void) { return get(1) + pure(2); }\n", to: "src/top.c", in: dir)
            try write("int plain(void) { return 4; }\n", to: "plain.c", in: dir)
            try write("#define ANSWER 42\n", to: "include/answer.h", in: dir)
            try write("#include \"answer.h\"\nint answer(void) { return ANSWER; }\n", to: "ans.c", in: dir)
            let result = try stackless(["transform", "-I", "include", "-D", "UNUSED=1", "src/top.c", "plain.c", "ans.c", "-o", "out"], in: dir)
            #expect(result.status == 0, "\(result.stderr)")
            #expect(result.stdout == "")
            #expect(result.stderr == "")
            #expect(listing(dir.appendingPathComponent("out")) == ["ans.c", "plain.c", "src", "src/top.c"])
            let top = try read(dir.appendingPathComponent("out/src/top.c").path)
            #expect(top.hasPrefix("#include <stackless_gen.h>\n#line 1 \"src/top.c\"\n"))
            #expect(top.contains("static void sl__top_resume(sl_frame *sl__fr);"))
            // Every output ends with the file's summary (see SummaryTests).
            #expect(try read(dir.appendingPathComponent("out/plain.c").path)
                        .hasPrefix("#include <stackless_gen.h>\n#line 1 \"plain.c\"\nint plain(void) { return 4; }\n\n/* stackless: what this file defines"))
            // No temporary files are left behind.
            #expect(!listing(dir.appendingPathComponent("out")).contains { $0.contains(".tmp") })
        }
    }

    static let sampleProgram = """
        #include <stdio.h>
        #include <string.h>

        struct acc { long sum; int count; };

        static int fib(int n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); }

        static struct acc add(struct acc a, long v) { a.sum += v; a.count++; return a; }

        static int is_vowel(char c) { return strchr("aeiou", c) != NULL; }

        int main(int argc, char **argv) {
            (void)argv;
            struct acc a = { 0, 0 };
            int table[8];
            for (int i = 0; i < 8 && fib(i) < 100; i++) {
                table[i] = fib(i);
                a = add(a, table[i]);
            }
            const char *word = "stackless greenlets";
            int vowels = 0;
            for (const char *p = word; *p; p++) vowels += is_vowel(*p) ? 1 : 0;
            printf("sum=%ld count=%d vowels=%d last=%d\\n", a.sum, a.count, vowels, table[a.count - 1]);
            return a.count + argc;
        }
        """

    @Test("stackless cc builds a program that behaves like the one plain cc builds",
          arguments: [[], ["--suspend-all"], ["--suspend-all", "--torture"]])
    func ccMatchesPlainCC(flags: [String]) throws {
        try withTemporaryDirectory { dir in
            try write(Self.sampleProgram, to: "prog.c", in: dir)
            let plain = try shell(cCompiler + ["-std=gnu11", "-O1", "prog.c", "-o", "plain"], in: dir)
            try #require(plain.status == 0, "\(plain.stderr)")
            let built = try stackless(["cc"] + flags + ["-std=gnu11", "-O1", "-Wall", "-Wextra", "prog.c", "-o", "transformed"], in: dir)
            try #require(built.status == 0, "\(built.stderr)")
            #expect(built.stderr == "", "no warnings")
            let expected = try run(dir.appendingPathComponent("plain").path, ["x"])
            let actual = try run(dir.appendingPathComponent("transformed").path, ["x"])
            #expect(expected.stdout == "sum=33 count=8 vowels=5 last=13\n")
            #expect(actual.stdout == expected.stdout)
            #expect(actual.status == expected.status)
            #expect(actual.status == 10)
        }
    }

    @Test("stackless cc runs greenlets: a generator")
    func ccGreenlets() throws {
        try withTemporaryDirectory { dir in
            try write("""
                #include <stdio.h>
                #include <greenlet.h>

                static greenlet *consumer;

                static void yield_value(long v) { greenlet_switch(consumer, (void *)v); }

                static void *squares(void *arg) {
                    long n = (long)arg;
                    for (long i = 1; i <= n; i++)
                        yield_value(i * i);
                    return (void *)-1L;
                }

                int main(void) {
                    consumer = greenlet_current();
                    greenlet *gen = greenlet_new(squares, NULL);
                    long total = 0;
                    for (long v = (long)greenlet_switch(gen, (void *)5L); v != -1; v = (long)greenlet_switch(gen, 0)) {
                        printf("got %ld\\n", v);
                        total += v;
                    }
                    printf("total %ld dead %d\\n", total, greenlet_dead(gen));
                    return 0;
                }
                """, to: "gen.c", in: dir)
            let built = try stackless(["cc", "-Wall", "-Wextra", "gen.c", "-o", "gen"], in: dir)
            try #require(built.status == 0, "\(built.stderr)")
            #expect(built.stderr == "")
            let result = try run(dir.appendingPathComponent("gen").path, [])
            #expect(result.status == 0)
            #expect(result.stdout == "got 1\ngot 4\ngot 9\ngot 16\ngot 25\ntotal 55 dead 1\n")
        }
    }

    @Test("stackless cc reports a refused construct and builds nothing")
    func ccRefusal() throws {
        try withTemporaryDirectory { dir in
            try write(refusalPrelude + "int v(int n) { int a[n]; sw(); return a[0]; }\nint main(void) { return v(1); }\n", to: "v.c", in: dir)
            let result = try stackless(["cc", "v.c", "-o", "v"], in: dir)
            #expect(result.status != 0)
            #expect(result.stderr.hasPrefix("v.c:4:26: error: this call may suspend while the variable-length array 'a'"))
            #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("v").path))
        }
    }

    @Test("the compiler's messages about a rewritten function come once, with the user's names")
    func compilerMessagesOnce() throws {
        try withTemporaryDirectory { dir in
            let source = """
                static int step(int x) { return x + 1; }
                static int f(int x) {
                    int unused_var;
                    int y = step(x);
                    return y;
                }
                int main(void) { return f(1) != 2; }

                """
            try write(source, to: "w.c", in: dir)
            let warned = try stackless(["cc", "--suspend-all", "-Wall", "w.c", "-o", "w"], in: dir)
            #expect(warned.status == 0)
            #expect(warned.stderr.components(separatedBy: "unused variable").count == 2, "once: \(warned.stderr)")
            #expect(!warned.stderr.contains("sl__"))
            let failed = try stackless(["cc", "--suspend-all", "-Wall", "-Werror", "w.c", "-o", "w2"], in: dir)
            #expect(failed.status != 0)
            #expect(failed.stderr.components(separatedBy: "w.c:3:9: error: unused variable").count == 2, "once, at the user's line and column: \(failed.stderr)")
            #expect(!failed.stderr.contains("sl__") && !failed.stderr.contains("bug in stackless"))
        }
    }

    @Test("a program of greenlets alone links neither the scheduler, the channels nor the hub")
    func runtimeLinksWhatIsUsed() throws {
        try withTemporaryDirectory { dir in
            let source = """
                #include <greenlet.h>
                #include <stdio.h>
                static void *run(void *arg) { return greenlet_switch(greenlet_parent(greenlet_current()), arg); }
                int main(void) {
                    greenlet *g = greenlet_new(run, NULL);
                    printf("%d\\n", (int)(long)greenlet_switch(g, (void *)7));
                    greenlet_free(g);
                    return 0;
                }

                """
            try write(source, to: "g.c", in: dir)
            let built = try stackless(["cc", "-O2", "g.c", "-o", "g"], in: dir)
            #expect(built.status == 0, "\(built.stderr)")
            #expect(try run(dir.appendingPathComponent("g").path, [], in: dir).stdout == "7\n")
            let symbols = try run("/usr/bin/env", ["nm", "g"], in: dir).stdout
            for unused in ["scheduler_run", "tasklet_new", "channel_new", "sl__hub_destroy",
                           "sl__resume_catching", "sl_shadow_alloc_slow"] {
                #expect(!symbols.contains(" \(unused)\n"), "\(unused) is linked into a program that does not use it")
            }
            #expect(symbols.contains(" greenlet_switch\n"))
            // The runtime's functions in the program (those the archive defines): at most 8 KiB.
            let verbose = try stackless(["cc", "-v", "-O2", "g.c", "-o", "g"], in: dir)
            let archive = try #require(verbose.stderr.split(whereSeparator: { $0 == " " || $0 == "\n" })
                .first { $0.hasSuffix("libstackless.a") })
            let measure = """
                nm --defined-only '\(archive)' 2>/dev/null | awk '$2 ~ /[tTwW]/ { print $3 }' | sort -u > rt.syms
                nm -S g | awk 'NF == 4 && $3 ~ /[tTwW]/ { print $4, $2 }' | sort > g.syms
                join rt.syms g.syms | while read name size; do echo $((0x$size)); done | awk '{ t += $1 } END { print t }'
                """
            let bytes = Int(try run("/bin/sh", ["-c", measure], in: dir).stdout.trimmingCharacters(in: .whitespacesAndNewlines)) ?? -1
            #expect(bytes > 0 && bytes <= 8192, "runtime function text in a greenlet-only program: \(bytes) bytes")
        }
    }

    @Test("a loop that switches runs its later iterations in the resume entry, compiled for speed as the normal entry is")
    func resumeEntryCompiledForSpeed() throws {
        #if arch(x86_64)
        try withTemporaryDirectory { dir in
            // After the first switch every iteration runs in sl__worker_resume. A function the
            // compiler takes for cold is compiled for size: gcc then divides by 7 with `div`
            // (tens of cycles) where the normal entry multiplies.
            let source = """
                #include <greenlet.h>
                static greenlet *root;
                long worker(long n) {
                    long sum = 0;
                    for (long i = 0; i < n; i++) {
                        sum += i / 7;
                        greenlet_switch(root, 0);
                    }
                    return sum;
                }

                """
            try write(source, to: "w.c", in: dir)
            let built = try stackless(["cc", "-O2", "-c", "w.c", "-o", "w.o"], in: dir, environment: ["CC": "gcc"])
            #expect(built.status == 0, "\(built.stderr)")
            let listing = try run("/usr/bin/env", ["objdump", "-d", "--no-show-raw-insn", "w.o"], in: dir).stdout
            func body(_ symbol: String) -> [Substring] {
                let lines = listing.split(separator: "\n", omittingEmptySubsequences: false)
                guard let start = lines.firstIndex(where: { $0.hasSuffix("<\(symbol)>:") }) else { return [] }
                return Array(lines[(start + 1)...].prefix { !$0.isEmpty })
            }
            let normal = body("worker"), resume = body("sl__worker_resume")
            #expect(!normal.isEmpty && !resume.isEmpty, "\(listing)")
            let divides = { (code: [Substring]) in code.filter { $0.contains("\tidiv") || $0.contains("\tdiv") } }
            #expect(divides(normal).isEmpty)
            #expect(divides(resume).isEmpty, "the resume entry divides: \(divides(resume))")
        }
        #endif
    }

    @Test("a shared library of transformed code switches inside a program; only the program's code is local-exec")
    func sharedLibrary() throws {
        try withTemporaryDirectory { dir in
            try write("""
                #include <greenlet.h>
                static greenlet *caller;
                static void *count(void *arg) {
                    for (long i = (long)arg; ; i++)
                        greenlet_switch(caller, (void *)i);
                    return 0;
                }
                long lib_next(void) {
                    static greenlet *g;
                    caller = greenlet_current();
                    if (!g)
                        return (long)greenlet_switch(g = greenlet_new(count, caller), (void *)40);
                    return (long)greenlet_switch(g, 0);
                }

                """, to: "lib.c", in: dir)
            try write("""
                #include <stdio.h>
                long lib_next(void);
                static long twice(void) { long a = lib_next(); return a + lib_next(); }
                int main(void) { printf("%ld\\n", twice()); return 0; }

                """, to: "main.c", in: dir)
            let library = try stackless(["cc", "-v", "-O2", "-fPIC", "-shared", "lib.c", "-o", "libcount.so"], in: dir)
            try #require(library.status == 0, "\(library.stderr)")
            #expect(!library.stderr.contains("SL_TLS_LOCAL_EXEC"), "a shared object's code must keep initial-exec TLS")
            let program = try stackless(["cc", "-v", "-O2", "--suspend-all", "main.c", "-L.", "-lcount", "-Wl,-rpath,$ORIGIN", "-o", "main"], in: dir)
            try #require(program.status == 0, "\(program.stderr)")
            #expect(program.stderr.contains("SL_TLS_LOCAL_EXEC=1"), "a program's code addresses its own TLS")
            #expect(try run(dir.appendingPathComponent("main").path, [], in: dir).stdout == "81\n")
        }
    }

    @Test("a va_list parameter keeps its type in both forms: gcc sees no new struct __va_list_tag",
          arguments: ["never", "always"])
    func vaListParameter(oneBody: String) throws {
        try withTemporaryDirectory { dir in
            try write("""
                #include <stdarg.h>
                #include <stdio.h>
                #include <greenlet.h>
                static greenlet *main_greenlet;
                static int vlog(const char *fmt, va_list ap) {
                    char line[64];
                    int n = vsnprintf(line, sizeof line, fmt, ap);
                    greenlet_switch(main_greenlet, line);
                    return n;
                }
                static int logf_(const char *fmt, ...) {
                    va_list ap;
                    va_start(ap, fmt);
                    char line[64];
                    int n = vsnprintf(line, sizeof line, fmt, ap);
                    va_end(ap);
                    greenlet_switch(main_greenlet, line);
                    return n;
                }
                static void *run(void *arg) {
                    (void)arg;
                    va_list none;
                    (void)none;
                    return (void *)(long)logf_("%s-%d", "one", 1);
                }
                int main(void) {
                    main_greenlet = greenlet_current();
                    greenlet *g = greenlet_new(run, NULL);
                    printf("%s\\n", (char *)greenlet_switch(g, NULL));
                    printf("%ld\\n", (long)greenlet_switch(g, NULL));
                    (void)vlog;
                    return 0;
                }

                """, to: "v.c", in: dir)
            // vlog is called by nothing but may suspend: --suspend-all transforms everything.
            let built = try stackless(["cc", "--suspend-all", "--one-body", oneBody, "-Wall", "-Wextra", "-Werror",
                                       "v.c", "-o", "v"], in: dir, environment: ["CC": "gcc"])
            try #require(built.status == 0, "\(built.stderr)")
            #expect(try run(dir.appendingPathComponent("v").path, [], in: dir).stdout == "one-1\n5\n")
        }
    }

    @Test("a link that fails is the linker's message, not a bug report")
    func linkFailure() throws {
        try withTemporaryDirectory { dir in
            try write("int missing_function(int);\nstatic int f(int x) { return missing_function(x); }\nint main(void) { return f(1); }\n", to: "l.c", in: dir)
            let result = try stackless(["cc", "--suspend-all", "l.c", "-o", "l"], in: dir)
            #expect(result.status != 0)
            #expect(result.stderr.contains("missing_function"), "the linker's message: \(result.stderr)")
            #expect(!result.stderr.contains("bug in stackless"))
            #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("l").path))
        }
    }

    @Test("an option the compiler rejects is the compiler's message, not a bug report")
    func rejectedOption() throws {
        try withTemporaryDirectory { dir in
            try write("static int f(int x) { return x + 1; }\nint main(void) { return f(-1); }\n", to: "o.c", in: dir)
            let result = try stackless(["cc", "--suspend-all", "--no-such-compiler-option", "o.c", "-o", "o"], in: dir)
            #expect(result.status != 0)
            #expect(result.stderr.contains("--no-such-compiler-option"), "the compiler's message: \(result.stderr)")
            #expect(!result.stderr.contains("bug in stackless"))
        }
    }

    @Test("CompilerOutput.clean keeps one copy of each diagnostic with its notes and names the user's functions")
    func cleanDiagnostics() {
        let text = """
            a.c: In function 'f':
            a.c:3:5: error: bad thing
                3 |     x;
            a.c:2:1: note: declared here
            a.c: In function 'sl__f_resume':
            a.c:3:5: error: bad thing
                3 |     x;
            a.c:2:1: note: declared here
            a.c: In function 'sl__user_main':
            a.c:9:1: warning: other

            """
        #expect(CompilerOutput.clean(text) == """
            a.c: In function 'f':
            a.c:3:5: error: bad thing
                3 |     x;
            a.c:2:1: note: declared here
            a.c: In function 'main':
            a.c:9:1: warning: other
            """)
    }

    @Test("clang's quote of a generated line goes, and its count of the copies' diagnostics")
    func clangGeneratedSnippet() {
        let text = """
            c.c:25:21: warning: left operand of comma operator has no effect [-Wunused-value]
                    sl__t1 = (t * 100, t + x);
                              ~ ^ ~~~
            c.c:25:21: warning: left operand of comma operator has no effect [-Wunused-value]
                    sl__t1 = (t * 100, t + x);
                              ~ ^ ~~~
            c.c:30:5: warning: unused variable 'k' [-Wunused-variable]
                int k;
                    ^
            3 warnings generated.
            """
        #expect(CompilerOutput.clean(text) == """
            c.c:25:21: warning: left operand of comma operator has no effect [-Wunused-value]
            c.c:30:5: warning: unused variable 'k' [-Wunused-variable]
                int k;
                    ^
            """)
    }

    @Test("the copies of a diagnostic at other columns of one line (generated layout) come once")
    func sameLineOtherColumn() {
        let text = """
            g.c: In function 'f':
            g.c:25:82: warning: left-hand operand of comma expression has no effect [-Wunused-value]
               25 |     int y = ({ int t = g(x); t * 100, t + x; });
                  |                                        ^
            g.c: In function 'sl__f_resume':
            g.c:25:26: warning: left-hand operand of comma expression has no effect [-Wunused-value]
               25 |     int y = ({ int t = g(x); t * 100, t + x; });
                  |                          ^
            g.c:26:26: warning: left-hand operand of comma expression has no effect [-Wunused-value]
            """
        #expect(CompilerOutput.clean(text) == """
            g.c: In function 'f':
            g.c:25:82: warning: left-hand operand of comma expression has no effect [-Wunused-value]
            g.c:26:26: warning: left-hand operand of comma expression has no effect [-Wunused-value]
            """)
    }

    @Test("a local renamed because a nested one hides it, or declared through __typeof__, reads as the user's in messages")
    func renamedLocalNames() {
        #expect(CompilerOutput.userNames("p.c:227:26: warning: unused variable ‘i34__sl7’ [-Wunused-variable]")
                == "p.c:227:26: warning: unused variable ‘i34’ [-Wunused-variable]")
        #expect(CompilerOutput.userNames("x__sl12 = y__sl3 + z__slow + __sl4") == "x = y + z__slow + __sl4")
        #expect(CompilerOutput.userNames("p.c:125:12: warning: explicitly assigning value of variable of type 'typeof(char)' (aka 'char') to itself [-Wself-assign]")
                == "p.c:125:12: warning: explicitly assigning value of variable of type 'char' to itself [-Wself-assign]")
    }

    @Test("a snippet whose caret falls beyond the quoted line (generated code) is left out")
    func misplacedSnippet() {
        let text = """
            a.c:4:90: error: expected expression
                4 |     if (x)
                  |                                                                                         ^
            a.c:5:5: error: other
                5 |     y;
                  |     ^
            """
        #expect(CompilerOutput.clean(text) == """
            a.c:4:90: error: expected expression
            a.c:5:5: error: other
                5 |     y;
                  |     ^
            """)
    }
}
