// Stage 1, parse: C source -> the model (SourceFile, Function, Local, Stmt, Expr).

import Testing
@testable import StacklessTransform

/// A short name for a statement's kind, to compare shapes.
func kindName(_ s: Stmt) -> String {
    switch s.kind {
    case .compound: return "compound"
    case .expression: return "expression"
    case .declaration: return "declaration"
    case .ifElse(_, _, let e): return e == nil ? "if" : "if-else"
    case .whileLoop: return "while"
    case .doWhile: return "do-while"
    case .forLoop: return "for"
    case .switchOn: return "switch"
    case .caseLabel: return "case"
    case .defaultLabel: return "default"
    case .label: return "label"
    case .gotoLabel: return "goto"
    case .indirectGoto: return "goto*"
    case .breakLoop: return "break"
    case .continueLoop: return "continue"
    case .returnValue(let e): return e == nil ? "return" : "return-value"
    case .null: return "null"
    case .opaque: return "opaque"
    }
}

func bodyItems(_ f: Function) throws -> [Stmt] {
    guard case .compound(let items) = try #require(f.body).kind else {
        Issue.record("the body of \(f.name) is not a block")
        return []
    }
    return items
}

func local(_ f: Function, _ name: String) throws -> Local {
    try #require((f.parameters + f.locals).first { $0.name == name }, "no local \(name) in \(f.name)")
}

@Suite("Parser")
struct ParserTests {
    @Test("finds the functions defined in the file, not those of headers, in order")
    func functionsFound() throws {
        let file = try parseOne("""
            #include <stackless_gen.h>
            #include <stdarg.h>
            int declared_only(int);
            static int helper(int x) { return x; }
            void nothing(void) {}
            int sum(int n, ...) { va_list ap; va_start(ap, n); int s = va_arg(ap, int); va_end(ap); return s; }
            int main(void) { return helper(1); }
            """)
        // stackless_gen.h defines static inline functions (sl_frame_push, ...): not ours.
        #expect(file.functions.map(\.name) == ["helper", "nothing", "sum", "main"])
        let helper = try #require(file.functions.first)
        #expect(helper.isStatic)
        #expect(!helper.isVariadic)
        #expect(!helper.returnsVoid)
        #expect(helper.loc == SourceLoc(file: "t.c", line: 4, column: 12))
        #expect(helper.header == "static int helper(int x) ")
        #expect(file.slice(helper.startOffset, helper.endOffset) == "static int helper(int x) { return x; }")
        #expect(file.slice(helper.bodyOffset, helper.endOffset) == "{ return x; }")
        #expect(file.functions[1].returnsVoid)
        #expect(file.functions[2].isVariadic)
        #expect(!file.functions[3].isStatic)
        #expect(file.declaredNames.values.contains("declared_only"))
    }

    @Test("locals and parameters, with their storage and type facts")
    func localsAndParameters() throws {
        let file = try parseOne("""
            struct with_array { int n; char name[8]; };
            struct plain { int a, b; };
            int f(int count, char text[], int (*cb)(int)) {
                int i = 0;
                static int calls;
                extern int errno_like;
                register int fast = 1;
                int buffer[4];
                struct with_array wa;
                struct plain pl;
                int *pointer = 0;
                int vla[count];
                for (int j = 0; j < count; j++) i += j;
                return i + calls + errno_like + fast + buffer[0] + wa.n + pl.a + (pointer != 0) + vla[0] + text[0] + cb(0);
            }
            """)
        let f = try #require(file.functions.first)
        #expect(f.parameters.map(\.name) == ["count", "text", "cb"])
        #expect(f.parameters.allSatisfy { $0.isParameter })
        #expect(f.locals.map(\.name) == ["i", "calls", "errno_like", "fast", "buffer", "wa", "pl", "pointer", "vla", "j"])
        #expect(!f.locals.contains { $0.isParameter })
        // ids are unique across parameters and locals
        #expect(Set((f.parameters + f.locals).map(\.id)).count == 13)

        #expect(try local(f, "calls").hasStaticStorage)
        #expect(try local(f, "errno_like").hasStaticStorage)
        #expect(try local(f, "errno_like").isExtern)
        #expect(try !local(f, "calls").isExtern)
        #expect(try !local(f, "i").hasStaticStorage)
        #expect(try local(f, "fast").isRegister)
        #expect(try !local(f, "i").isRegister)

        #expect(try local(f, "buffer").containsArray)
        #expect(try local(f, "wa").containsArray, "a struct holding an array")
        #expect(try !local(f, "pl").containsArray)
        #expect(try !local(f, "pointer").containsArray)
        #expect(try local(f, "vla").isVariablyModified)
        #expect(try !local(f, "buffer").isVariablyModified)
        #expect(f.hazards.map(\.kind) == [.variableLengthArray])
        #expect(f.hazards.first?.loc == SourceLoc(file: "t.c", line: 12, column: 9))

        // A parameter declared as an array is a pointer; it does not hold an array.
        let text = try local(f, "text")
        #expect(!text.containsArray)
        #expect(text.typeSpelling == "__typeof__(char) *")
        #expect(try local(f, "count").typeSpelling == "int")
        #expect(try local(f, "pointer").typeSpelling == "int *")
    }

    @Test("address-taken detection")
    func addressTaken() throws {
        let file = try parseOne("""
            struct pair { int a, b; };
            static void use(int *p) { (void)p; }
            int f(int param, int other) {
                int x = 1, y = 2, z = 3;
                struct pair s = {1, 2};
                int arr[3] = {0};
                use(&x);
                use(&s.b);
                use(&param);
                use(arr);
                z = y + other;
                return x + y + z + s.a + arr[0];
            }
            """)
        let f = try #require(file.functions.last)
        #expect(try local(f, "x").addressTaken)
        #expect(try local(f, "s").addressTaken, "&s.b takes the address of s")
        #expect(try local(f, "param").addressTaken)
        #expect(try !local(f, "y").addressTaken)
        #expect(try !local(f, "z").addressTaken)
        #expect(try !local(f, "other").addressTaken)
        // An array decays without `&`: it is not address-taken, but it holds an array.
        #expect(try !local(f, "arr").addressTaken)
        #expect(try local(f, "arr").containsArray)
    }

    @Test("address-taken detection: &a[i] and &p->f take neither i's nor p's address")
    func addressTakenPrecision() throws {
        let file = try parseOne("""
            struct s { int x; };
            int f(int *a, struct s *p, int i) {
                int *q = &a[i];
                int *r = &p->x;
                return *q + *r;
            }
            """)
        let f = try #require(file.functions.first)
        #expect(try !local(f, "i").addressTaken)
        #expect(try !local(f, "a").addressTaken)
        #expect(try !local(f, "p").addressTaken)
    }

    @Test("headerSemicolons finds the two semicolons at depth 1")
    func headerSemicolons() {
        func semis(_ s: String) -> [Int] {
            let (a, b) = Parser.headerSemicolons(Array(s.utf8))
            return [a, b]
        }
        #expect(semis("for (i = 0; i < n; i++) ") == [10, 17])
        #expect(semis("for (;;)") == [5, 6])
        #expect(semis("for (i = f(a, b); g(c); i++)") == [16, 22])
        // semicolons in strings, character literals and comments do not count
        #expect(semis(#"for (p = ";"; *p != ';'; p++)"#) == [12, 23])
        #expect(semis("for (/* ; */ i = 0; i < 3; /* ; */ i++)") == [18, 25])
        #expect(semis("for (i = 0; // ;\n i < 3; i++)") == [10, 23])
        #expect(semis(#"for (c = '\''; c; c = 0)"#) == [13, 16])
        // braces and brackets nest: the semicolon inside a statement expression is at depth 2
        #expect(semis("for (i = ({ int t = 1; t; }); i < a[2]; i++)") == [28, 38])
        // missing semicolons
        #expect(semis("while (x)") == [Int.max, Int.max])
    }

    @Test("for headers: which of init, condition and increment are present")
    func forHeaderRoles() throws {
        let file = try parseOne("""
            int f(int n) {
                int i = 0, t = 0;
                for (;;) break;
                for (i = 0; ; i++) if (i > n) break;
                for (; i < n;) i++;
                for (; ; i++) if (i > 2 * n) break;
                for (int j = 0, k = n; j < k; j++, k--) t += j;
                for (i = 0; i < n /* ; */; i += (n > 3 ? 2 : 1)) t++;
                return t;
            }
            """)
        let f = try #require(file.functions.first)
        var shapes: [String] = []
        for s in try bodyItems(f) {
            guard case .forLoop(let initial, let condition, let increment, _) = s.kind else { continue }
            shapes.append([initial.map { kindName($0) } ?? "-",
                           condition?.sourceText ?? "-",
                           increment?.sourceText ?? "-"].joined(separator: " | "))
        }
        #expect(shapes == [
            "- | - | -",
            "expression | - | i++",
            "- | i < n | -",
            "- | - | i++",
            "declaration | j < k | j++, k--",
            "expression | i < n | i += (n > 3 ? 2 : 1)",
        ])
    }

    @Test("nameRange finds the declared name as a whole word, the last one")
    func nameRange() {
        #expect(Parser.nameRange(of: "x", in: "int x =") == 4..<5)
        #expect(Parser.nameRange(of: "x", in: "int x[4]") == 4..<5)
        #expect(Parser.nameRange(of: "x", in: "struct x x") == 9..<10)
        #expect(Parser.nameRange(of: "fp", in: "int (*fp)(int) =") == 6..<8)
        #expect(Parser.nameRange(of: "count", in: "unsigned long long count") == 19..<24)
        #expect(Parser.nameRange(of: "x", in: "int xs") == nil, "only whole words")
        #expect(Parser.nameRange(of: "x", in: "int x_") == nil)
        #expect(Parser.nameRange(of: "n", in: "int n_count, n") == 13..<14)
        #expect(Parser.nameRange(of: "café", in: "int café =") == 4..<9, "offsets are UTF-8 bytes")
        #expect(Parser.nameRange(of: "", in: "int x") == nil)
        #expect(Parser.nameRange(of: "long_name", in: "int") == nil)
    }

    @Test("nameRange: the declared name, not a mention of a shadowed variable in its declarator")
    func nameRangeInDeclarator() {
        #expect(Parser.nameRange(of: "x", in: "char x[sizeof x]") == 5..<6)
    }

    @Test("statement kinds")
    func statementKinds() throws {
        let file = try parseOne("""
            int f(int n) {
                int a = 0, b;
                { a++; }
                if (n) a = 1;
                if (n > 1) a = 2; else a = 3;
                while (a < 10) a++;
                do a--; while (a > 5);
                for (b = 0; b < 2; b++) continue;
                switch (n) { case 1: a = 4; break; case 2 ... 3: a = 5; default: a = 6; }
                goto end;
                ;
                struct local_type { int x; };
                _Static_assert(sizeof(int) >= 2, "int");
                __asm__ volatile ("" : : "r"(a));
            end:
                if (a) return a;
                return b;
            }
            void g(void) { return; }
            """)
        let f = try #require(file.functions.first)
        #expect(try bodyItems(f).map(kindName) == [
            "declaration", "compound", "if", "if-else", "while", "do-while", "for", "switch", "goto",
            "null", "opaque", "opaque", "opaque", "label", "return-value",
        ])
        let items = try bodyItems(f)
        guard case .declaration(let decls, let text) = items[0].kind else { Issue.record("not a declaration"); return }
        #expect(decls.map(\.local.name) == ["a", "b"])
        #expect(decls.map(\.head) == ["int a = ", "b"])
        #expect(decls[0].initializer?.sourceText == "0")
        #expect(decls[1].initializer == nil)
        #expect(text == "int a = 0, b;")
        guard case .switchOn(let c, let body) = items[7].kind, case .compound(let cases) = body.kind else {
            Issue.record("not a switch"); return
        }
        #expect(c.sourceText == "n")
        #expect(cases.map(kindName) == ["case", "break", "case", "default"])
        if case .caseLabel(let label, let inner) = cases[2].kind {
            #expect(label.trimmingWhitespace == "case 2 ... 3:")
            #expect(kindName(inner) == "expression")
        }
        guard case .label(let name, let labelled) = items[13].kind else { Issue.record("not a label"); return }
        #expect(name == "end")
        #expect(kindName(labelled) == "if")
        guard case .gotoLabel(let target) = items[8].kind else { Issue.record("not a goto"); return }
        #expect(target == "end")
        guard case .opaque(let asm, let asmExprs) = items[12].kind else { Issue.record("not opaque"); return }
        #expect(asm == #"__asm__ volatile ("" : : "r"(a));"#)
        #expect(asmExprs.count == 1)
        #expect(try local(f, "a").pinned, "a local mentioned in inline assembly cannot be renamed or moved")
        #expect(items[3].loc == SourceLoc(file: "t.c", line: 5, column: 5))

        let g = try #require(file.functions.last)
        #expect(try bodyItems(g).map(kindName) == ["return"])
    }

    @Test("expressions keep their text around their subexpressions")
    func expressionGaps() throws {
        let file = try parseOne("""
            static int h(int a, int b) { return a + b; }
            int f(int x) { return h(x,  2) * (x - 1); }
            """)
        let f = try #require(file.functions.last)
        guard case .returnValue(let e?) = try bodyItems(f)[0].kind else { Issue.record("no return"); return }
        #expect(e.kind == .binary("*"))
        #expect(e.sourceText == "h(x,  2) * (x - 1)")
        #expect(e.gaps == ["", " * ", ""])
        let call = e.children[0]
        #expect(call.kind == .call)
        #expect(call.children.count == 3, "callee and two arguments")
        #expect(call.gaps.joined() == "(,  )")
        guard case .direct(_, let name)? = call.callee else { Issue.record("not a direct call"); return }
        #expect(name == "h")
        #expect(f.calls.count == 1)
        #expect(e.children[1].kind == .paren)
    }

    @Test("old-style (K&R) definitions")
    func krDefinitions() throws {
        let file = try parseOne("""
            int kr(a, b, c)
                int a;
                char *b;
                double c;
            {
                return a + b[0] + (int)c;
            }
            """)
        let f = try #require(file.functions.first)
        #expect(f.name == "kr")
        #expect(f.parameters.map(\.name) == ["a", "b", "c"])
        #expect(f.parameters.map(\.typeSpelling) == ["int", "char *", "double"])
        #expect(f.header == "int kr(a, b, c)\n    int a;\n    char *b;\n    double c;\n")
        #expect(try bodyItems(f).map(kindName) == ["return-value"])
        #expect(!f.macroDependent)
    }

    @Test("macro-dependent detection")
    func macroDependent() throws {
        let file = try parseOne("""
            #include <stddef.h>
            #define N 4
            #define TWICE(e) ((e) + (e))
            #define CALL(x) next(x)
            #define EACH(i, n) for (i = 0; i < (n); i++)
            int next(int);
            int plain(int x) { return next(x) + 1; }
            int constants(int *p) { int i, t = 0; if (p == NULL) return N; for (i = 0; i < N; i++) t += next(i); return t; }
            int call_in_macro(int x) { return CALL(x) + 1; }
            int local_in_macro(int x) { int y = TWICE(x); return y; }
            int loop_macro(int n) { int i, t = 0; EACH(i, n) t += i; return t; }
            """)
        func dependent(_ name: String) throws -> Bool {
            try #require(file.functions.first { $0.name == name }).macroDependent
        }
        #expect(try !dependent("plain"))
        #expect(try !dependent("constants"), "object-like macros at the edge of an expression are fine")
        #expect(try !dependent("call_in_macro"), "an expression from a macro is the lowering's to judge")
        #expect(try !dependent("local_in_macro"))
        #expect(try dependent("loop_macro"), "a statement from a macro has no text to keep")
    }

    @Test("calls: direct, through pointers, and hazards")
    func callsAndHazards() throws {
        let file = try parseOne("""
            #include <setjmp.h>
            typedef int (*op)(int, int);
            static int add(int a, int b) { return a + b; }
            op table[] = { add };
            static jmp_buf jb;
            int f(op o, long (*q)()) {
                int r = o(1, 2) + (int)q() + add(3, 4);
                char *mem = __builtin_alloca(8);
                if (_setjmp(jb)) return 0;
                void *where = &&out;
                goto *where;
            out:
                return r + mem[0];
            }
            """)
        let f = try #require(file.functions.last)
        #expect(f.calls.count == 5)
        let callees = f.calls.map { call -> String in
            switch call.callee {
            case .direct(_, let name)?: return "direct \(name)"
            case .indirect(let type, let result, let prototyped)?: return "indirect \(type) -> \(result)\(prototyped ? "" : " (unprototyped)")"
            case nil: return "none"
            }
        }
        #expect(callees == [
            "indirect int (int, int) -> int",
            "indirect long () -> long (unprototyped)",
            "direct add",
            "direct __builtin_alloca",
            "direct _setjmp",
        ])
        #expect(f.hazards.map(\.kind) == [.alloca, .computedGoto, .computedGoto], "setjmp is supported")
        #expect(f.hazards.map(\.loc.line) == [8, 10, 11])
        #expect(f.hazards[0].detail == "__builtin_alloca")
        // `add` is named in a global initializer: its address is taken, with its type.
        let add = try #require(file.functions.first)
        let key = try #require(file.addressTaken[add.usr])
        #expect(key.typeKey == "int (int, int)")
        #expect(key.resultKey == "int")
    }

    @Test("the SL_SUSPENDS annotation is recorded on declarations")
    func annotation() throws {
        let file = try parseOne("""
            #include <stackless_gen.h>
            void my_yield(void) SL_SUSPENDS;
            void plain(void);
            void user(void) { my_yield(); plain(); }
            """)
        // stackless_gen.h itself declares runtime primitives (sl_torture_yield, ...) with it.
        let annotated = Set(file.annotatedSuspending.values)
        #expect(annotated.isSuperset(of: ["my_yield", "sl_torture_yield"]))
        #expect(!annotated.contains("plain"))
    }

    @Test("a file that does not compile gives clang's errors with their locations")
    func syntaxError() throws {
        let error = #expect(throws: TransformError.self) {
            try parseOne("int f(void) {\n    return 1 +;\n}\nint g(void) { return undeclared; }\n", name: "bad.c")
        }
        #expect(error?.description == """
            bad.c:2:15: error: expected expression
            bad.c:4:22: error: use of undeclared identifier 'undeclared'
            """)
    }
}
