// Stage 3, lower: a function that may suspend -> the normal form (NormalForm.swift).

import Testing
@testable import StacklessTransform

/// Inputs covering the constructs the lowering handles; each must lower to the normal form.
let normalFormCases: [(name: String, body: String)] = [
    ("nested arguments", """
        int f(int a) { return get(get(a) + pure(get(2))) * get(3); }
        """),
    ("short circuit", """
        int f(int a) {
            if (get(1) && (get(2) || pure(a)) && !get(4)) a++;
            int b = a > 2 || get(a);
            return b && get(b);
        }
        """),
    ("conditionals", """
        int f(int a) {
            int x = get(1) ? (get(2) ? get(3) : 4) : get(5);
            a ? pause_() : pause_();
            return x + (a ? pure(a) : get(a));
        }
        """),
    ("comma", """
        int f(int a) { int y = (get(1), pure(2), get(a)); return (a++, y += get(a), y); }
        """),
    ("loops", """
        int f(int n) {
            int t = 0;
            while (get(t) < n) { if (t == 3) { t += 2; continue; } t++; if (t > 50) break; }
            do { t -= get(t); if (t == 7) continue; } while (get(t) > 0 && t > -n);
            for (int i = get(0); i < get(n); i += get(i)) { if (i == 2) continue; t += i; }
            for (;;) { if (get(t)) break; }
            return t;
        }
        """),
    ("switch and goto", """
        int f(int s) {
            int steps = 0;
        top:
            switch (get(s)) {
            case 0: steps += get(1); break;
            case 1: { int inner = get(2); steps += inner; }
            /* falls through */
            default: steps++;
            }
            if (++steps < 4) goto top;
            goto out;
        out:
            return steps;
        }
        """),
    ("assignments and increments", """
        int f(int a) {
            int arr[4] = {0};
            arr[get(1) & 3] += get(2);
            arr[pure(a) & 3]++;
            a = get(a);
            a += get(a) << 1;
            a = (get(a));
            return arr[0] + a;
        }
        """),
    ("struct values", """
        struct pt { int x, y; };
        static struct pt mk(int x) { struct pt p = { x, get(x) }; return p; }
        int f(int a) { struct pt p = mk(a); int y = mk(p.x).y; p.y += y; return p.x + p.y + mk(get(1)).x; }
        """),
    ("statement expressions", """
        int f(int a) {
            int v = ({ int t = get(a); t + 1; });
            ({ pause_(); });
            return v + ({ a * 2; });
        }
        """),
    ("generic selection", """
        int f(int a) { long l = a; return _Generic(l, int: get(1), long: get(2), default: 0) + _Generic(a, int: pure(1), default: get(3)); }
        """),
    ("macros", """
        #define MAX(a, b) ((a) > (b) ? (a) : (b))
        #define CHECK(e) do { if (!(e)) return -1; } while (0)
        int f(int a) { int m = MAX(get(1), get(a)); CHECK(get(m) > 0); return m; }
        """),
    ("initialisers and compound literals", """
        int f(int a) {
            int arr[3] = { get(1), pure(a), get(3) };
            int *p = (int[]){ get(4), a };
            struct { int x, y; } s = { .y = get(5), .x = 1 };
            return arr[0] + p[0] + s.y;
        }
        """),
    ("locals: shadow stack, shadowing, static", """
        static void use(int *p) { *p += get(*p); }
        int f(int a) {
            static int calls;
            int x = a;
            use(&x);
            { int x = get(2); a += x; }
            int buf[2] = { a, x };
            use(buf);
            calls++;
            return buf[0] + x + calls;
        }
        """),
    ("void functions and tail calls", """
        void v(int a) { if (a) return pause_(); pause_(); }
        int t(int a) { if (a > 3) return get(a); return t(a + 1); }
        """),
    ("K&R definition", """
        int kr(a, b) int a; char *b; { register int r = get(a); return r + b[0]; }
        """),
]

@Suite("Lowering")
struct LoweringTests {
    @Test("every input lowers to the normal form", arguments: [false, true])
    func normalForm(torture: Bool) throws {
        var totalPoints = 0
        for c in normalFormCases {
            let p = try analyse([("\(c.name).c", prelude + c.body)], suspendAll: torture, torture: torture)
            let lowered = try lowerAll(p, torture: torture)
            #expect(!lowered.isEmpty, "\(c.name): nothing was lowered")
            for l in lowered {
                let problems = NormalForm.check(l, suspendingNames: p.suspendingNames)
                #expect(problems == [], "\(c.name), \(l.function.name)")
                totalPoints += l.points.count
                // The points of the body are exactly the function's points, each once.
                #expect(l.points.map(\.index) == Array(0..<l.points.count))
                #expect(l.body.points.map(\.index).sorted() == l.points.map(\.index))
            }
        }
        #expect(totalPoints > 60)
    }

    @Test("NormalForm.check reports a suspending call left inside an expression")
    func checkFindsViolations() {
        #expect(NormalForm.containsCall("x = get(1) + 2;", "get"))
        #expect(NormalForm.containsCall("x = get (1);", "get"))
        #expect(!NormalForm.containsCall("x = forget(1);", "get"))
        #expect(!NormalForm.containsCall("x = get;", "get"), "not a call")
        #expect(!NormalForm.containsCall(#"puts("get(1)");"#, "get"), "inside a string")
        #expect(!NormalForm.containsCall("__typeof__(get(1)) t = 0;", "get"), "inside __typeof__")
        #expect(!NormalForm.containsCall("n = sizeof(get(1));", "get"), "inside sizeof")
        #expect(NormalForm.containsCall("n = sizeof(x) + get(1);", "get"), "after sizeof")

        let loc = SourceLoc(file: "t.c", line: 1, column: 1)
        let bad = LoweredFunction(
            function: Function(usr: "u", name: "f", loc: loc),
            body: LNode(.block([LNode(.text("x = get(1) + 2;"), loc: loc)]), loc: loc),
            points: [], hiddenTop: [], parameters: [], hoistedStatics: [], shadowMark: nil, unwindOK: nil)
        #expect(NormalForm.check(bad, suspendingNames: ["get"]) == ["t.c:1:1: a call to get is not a point of its own: x = get(1) + 2;"])
    }

    @Test("a suspending call in the right operand of && is guarded by an if on the left operand")
    func shortCircuitGuard() throws {
        let p = try analyse([("and.c", prelude + """
            int f(int q) {
                if (pure(q) && get(q) > 2) return 1;
                int either = pure(q) || get(-q);
                return either;
            }
            """)])
        let l = try #require(try lowerAll(p).first { $0.function.name == "f" })
        guard case .block(let items) = l.body.kind else { Issue.record("no block"); return }
        // No point at the top level: both calls are inside branches.
        #expect(!items.contains { if case .point = $0.kind { return true } else { return false } })

        let ifs = l.body.allNodes.compactMap { node -> (String, LNode, LNode?)? in
            if case .ifElse(let c, let t, let e) = node.kind { return (c, t, e) } else { return nil }
        }
        // &&: the right operand runs only when the left is true.
        let and = try #require(ifs.first { $0.0 == "(pure(q)) != 0" && !$0.1.points.isEmpty })
        #expect(and.1.points.map(\.call) == ["get(q)"])
        let andElse = try #require(and.2)
        guard case .text(let shortCut) = andElse.kind else { Issue.record("else is not a text"); return }
        #expect(shortCut.hasSuffix(" = 0;"))
        // ||: it runs only when the left is false.
        let or = try #require(ifs.first { $0.0 == "(pure(q)) != 0" && $0.1.points.isEmpty })
        #expect(try #require(or.2).points.map(\.call) == ["get(-q)"])
        guard case .text(let orShortCut) = or.1.kind else { Issue.record("then is not a text"); return }
        #expect(orShortCut.hasSuffix(" = 1;"))
        #expect(l.points.count == 2)
    }

    @Test("a call whose value a comma discards leaves its temporary discarded too (no -Wunused-value)")
    func commaDiscardsTemporary() throws {
        let p = try analyse([("c.c", prelude + """
            int f(int q) { int y = (get(q), 6) + pure(q); return y; }
            """)])
        let l = try #require(try lowerAll(p).first { $0.function.name == "f" })
        #expect(l.points.map(\.call) == ["get(q)"])
        let texts = l.body.allNodes.compactMap { node -> String? in
            if case .text(let t) = node.kind { return t } else { return nil }
        }
        let declaration = try #require(texts.first { $0.hasPrefix("int y = ") })
        #expect(declaration.contains("((void)(sl__t"), "\(declaration)")
    }

    @Test("the operands of sizeof, _Alignof and __typeof__ are not lowered")
    func unevaluatedNotLowered() throws {
        let p = try analyse([("s.c", prelude + """
            int f(void) {
                int n = sizeof(get(1)) + _Alignof(__typeof__(get(2)));
                __typeof__(get(3)) m = 4;
                return n + m + get(5);
            }
            """)])
        let l = try #require(try lowerAll(p).first { $0.function.name == "f" })
        #expect(l.points.map(\.call) == ["get(5)"])
        let texts = l.body.allNodes.compactMap { node -> String? in
            if case .text(let t) = node.kind { return t } else { return nil }
        }
        #expect(texts.contains("int n = sizeof(get(1)) + _Alignof(__typeof__(get(2)));"))
        #expect(texts.contains("__typeof__(get(3)) m = 4;"))
    }

    @Test("liveness saves a variable used after a point and not one that is dead")
    func liveness() throws {
        let p = try analyse([("live.c", prelude + """
            int straight(int k) {
                int live = pure(k), dead = pure(k + 1);
                int sum = dead * 2;
                get(0);
                return live + sum;
            }
            int looped(int n) {
                int seen = 0;
                int untouched = 5;
                for (int i = 0; i < n; i++) {
                    seen += pure(i);
                    get(i);
                }
                return untouched;
            }
            int backwards(int n) {
                int unused = pure(n);
            again:
                get(0);
                if (pure(n)) goto again;
                return 0;
            }
            """)])
        let lowered = try lowerAll(p)
        func saved(_ name: String) throws -> [[String]] {
            try #require(lowered.first { $0.function.name == name }).points.map { $0.saved.map(\.name) }
        }
        // k and dead are not read after the point.
        #expect(try saved("straight") == [["live", "sum"]])
        // seen is read again by the next iteration; untouched is read after the loop; i and n by the loop.
        #expect(try saved("looped") == [["n", "seen", "untouched", "i"]])
        // After a backward jump anything in scope may be read again.
        #expect(try saved("backwards") == [["n", "unused"]])
    }

    @Test("a variable read only before a point and outside any loop is not saved")
    func deadAfterPoint() throws {
        let p = try analyse([("dead.c", prelude + """
            int f(int a, int b) {
                int first = get(a + b);
                int second = get(first);
                return second;
            }
            """)])
        let l = try #require(try lowerAll(p).first { $0.function.name == "f" })
        #expect(l.points.count == 2)
        // At the first point neither a nor b is needed any more; at the second, first is dead;
        // each point's own variable is set from the result when it is resumed.
        #expect(!l.points[0].saved.contains { ["a", "b", "first"].contains($0.name) })
        #expect(!l.points[1].saved.contains { ["a", "b", "first"].contains($0.name) })
        #expect(l.points[1].saved.map(\.name) == [])
    }

    @Test("where the value of each point goes")
    func pointResults() throws {
        let p = try analyse([("r.c", prelude + """
            int f(int x) {
                x = get(1);
                int y = get(2);
                pause_();
                x += pure(get(4));
                return get(x + y);
            }
            """)])
        let l = try #require(try lowerAll(p).first { $0.function.name == "f" })
        let results = l.points.map { point -> String in
            switch point.result {
            case .discarded: return "discarded"
            case .temporary(let v): return "temporary \(v.name.hasPrefix("sl__t"))"
            case .variable(let v): return "variable \(v.name)"
            case .declaration(let head, let v): return "declaration \(head) \(v.name)"
            case .tailReturn: return "tail"
            }
        }
        #expect(results == ["variable x", "declaration int y =  y", "discarded", "temporary true", "tail"])
        #expect(l.points.map(\.call) == ["get(1)", "get(2)", "pause_()", "get(4)", "get(x + y)"])
    }

    @Test("torture: a yield after every point that is not a tail call")
    func tortureYields() throws {
        let p = try analyse([("t.c", prelude + """
            int f(int x) { int y = pure(x) + get(x); return get(y); }
            """)], suspendAll: true, torture: true)
        let l = try #require(try lowerAll(p, torture: true).first { $0.function.name == "f" })
        #expect(l.points.map(\.call) == ["pure(x)", "sl_torture_yield()", "get(x)", "sl_torture_yield()", "get(y)"])
        #expect(l.unwindOK != nil)
        #expect(l.points.allSatisfy { $0.saved.contains { $0 === l.unwindOK } || $0.isTail })
    }

    @Test("locals: shadow-stack slots, renamed shadowed locals, hoisted statics")
    func localsPlacement() throws {
        let p = try analyse([("l.c", prelude + """
            static void use(int *p) { *p += get(*p); }
            int counter(int a) {
                static int calls = 0;
                int x = a;
                use(&x);
                { int x = get(2); a += x; }
                int buf[2] = { a, x };
                use(buf);
                calls++;
                return buf[0] + x + calls + a;
            }
            """)])
        let l = try #require(try lowerAll(p).first { $0.function.name == "counter" })
        #expect(l.shadowMark?.name == "sl__mark")
        let hidden = l.hiddenTop.map(\.0.name)
        #expect(hidden.first == "sl__mark")
        #expect(hidden.contains { $0.hasPrefix("sl__x_s") })
        #expect(hidden.contains { $0.hasPrefix("sl__buf_s") })
        #expect(l.hoistedStatics.count == 1)
        #expect(l.hoistedStatics.first?.hasPrefix("__attribute__((unused)) static int sl__counter_calls_") == true)
        let texts = l.body.allNodes.compactMap { node -> String? in
            if case .text(let t) = node.kind { return t } else { return nil }
        }
        // Both x are renamed (the inner one is a point's declaration); the outer one lives on the
        // shadow stack, and its declaration on the
        // C stack, which only carries the initializer there, has a name of the transform's.
        #expect(texts.contains { $0.hasPrefix("int sl__x_c") && $0.hasSuffix(" a;") })
        #expect(!texts.contains { $0.contains("calls++") }, "the static is renamed")
        #expect(texts.contains { $0.contains("sl__counter_calls_") && $0.contains("++") })
        // Shadow-stack variables are never saved in frames: their slots are.
        for point in l.points {
            #expect(!point.saved.contains { $0.slot != nil })
        }
    }

    @Test("a VLA in scope at a point is refused by the lowering")
    func vlaRefused() throws {
        let p = try analyse([("vla.c", prelude + """
            int f(int n) {
                { int early[n]; early[0] = 1; }
                get(0);
                int late[n];
                late[0] = get(1);
                return late[0];
            }
            """)])
        let f = try p.function("f")
        Stackless.decideShadowStack(f)
        let error = #expect(throws: TransformError.self) { try Lowering.lower(f, torture: false) }
        // Only the second point: `early` has gone out of scope at the first.
        #expect(error?.diagnostics.count == 1)
        #expect(error?.diagnostics.first?.loc == SourceLoc(file: "vla.c", line: 10, column: 15), "at the call")
    }
}
