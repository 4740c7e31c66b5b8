// Stage 2, analyse: which functions may suspend, over the whole program.

import Testing
@testable import StacklessTransform

extension Program {
    func maySuspend(_ name: String) throws -> Bool { analysis.maySuspend(try function(name)) }
    func chain(_ name: String) throws -> String { analysis.chain(for: try function(name).usr).joined(separator: " -> ") }
    func reason(_ name: String) throws -> SuspendReason? { analysis.reason(for: try function(name).usr) }
}

@Suite("Analysis")
struct AnalysisTests {
    @Test("may-suspend is a fixed point through direct calls")
    func fixedPoint() throws {
        let p = try analyse([("a.c", """
            #include <greenlet.h>
            static greenlet *g;
            int leaf(void) { return (int)(long)greenlet_switch(g, 0); }
            int plain(int x) { return x + 1; }
            int middle(void) { return plain(2) + leaf(); }
            int top(void) { int t = 0; for (int i = 0; i < 3; i++) t += middle(); return t; }
            int calls_plain(void) { return plain(1); }
            int never_called(void) { return 0; }
            """)])
        #expect(try p.maySuspend("leaf"))
        #expect(try p.maySuspend("middle"))
        #expect(try p.maySuspend("top"))
        #expect(try !p.maySuspend("plain"))
        #expect(try !p.maySuspend("calls_plain"))
        #expect(try !p.maySuspend("never_called"))
        #expect(try p.chain("top") == "top -> middle -> leaf -> greenlet_switch")
        #expect(try p.chain("leaf") == "leaf -> greenlet_switch")
        #expect(try p.reason("middle") == .calls(usr: try p.function("leaf").usr, name: "leaf"))

        // Only the calls that may suspend are marked.
        let middle = try p.function("middle")
        #expect(middle.calls.map(\.suspends) == [false, true])
        #expect(p.analysis.mayTransform(middle))
        #expect(!p.analysis.mayTransform(try p.function("plain")))
    }

    @Test("mutual recursion across two files")
    func mutualRecursionAcrossFiles() throws {
        let header = """
            #include <greenlet.h>
            int is_even(unsigned n);
            int is_odd(unsigned n);
            extern greenlet *g;

            """
        let p = try analyse([
            ("even.c", header + "int is_even(unsigned n) { return n == 0 ? 1 : is_odd(n - 1); }\n"),
            ("odd.c", header + "int is_odd(unsigned n) { if (n == 7) greenlet_switch(g, 0); return n == 0 ? 0 : is_even(n - 1); }\n"),
        ])
        #expect(try p.maySuspend("is_even"))
        #expect(try p.maySuspend("is_odd"))
        #expect(try p.chain("is_even") == "is_even -> is_odd -> greenlet_switch")
        #expect(try p.chain("is_odd") == "is_odd -> greenlet_switch")

        // A cycle with no way to a switch does not suspend.
        let quiet = try analyse([
            ("ping.c", "int pong(int);\nint ping(int n) { return n ? pong(n - 1) : 0; }\n"),
            ("pong.c", "int ping(int);\nint pong(int n) { return n ? ping(n - 1) : 1; }\n"),
        ])
        #expect(try !quiet.maySuspend("ping"))
        #expect(try !quiet.maySuspend("pong"))
    }

    @Test("a chain through recursion ends where it would repeat")
    func chainWithCycle() throws {
        let p = try analyse([("r.c", """
            #include <greenlet.h>
            static greenlet *g;
            int b(int);
            int a(int n) { return n ? b(n - 1) : (int)(long)greenlet_switch(g, 0); }
            int b(int n) { return a(n); }
            """)])
        // `a` calls b first, but b only suspends through a: a's reason is its switch.
        #expect(try p.chain("a") == "a -> greenlet_switch")
        #expect(try p.chain("b") == "b -> a -> greenlet_switch")
    }

    @Test("indirect calls are narrowed by the pointed-to function type")
    func indirectCalls() throws {
        let p = try analyse([("ind.c", """
            #include <greenlet.h>
            static greenlet *g;
            typedef int (*int_fn)(int);
            typedef void (*void_fn)(void);
            static int susp(int x) { greenlet_switch(g, 0); return x; }
            static void quiet(void) {}
            static long other(long x) { return x; }
            int_fn table[] = { susp };
            void_fn hook = quiet;
            int call_int(int_fn f) { return f(1); }
            void call_void(void_fn f) { f(); }
            long call_long(long (*f)(long)) { return f(1) + (long)other; }
            int call_unprototyped(int (*f)()) { return f(2); }
            double call_double(double (*f)()) { return f(2); }
            """)])
        #expect(try p.maySuspend("call_int"))
        #expect(try p.chain("call_int") == "call_int -> (*int (int)) -> susp -> greenlet_switch")
        #expect(try !p.maySuspend("call_void"), "no suspending function of type void (void) has its address taken")
        #expect(try !p.maySuspend("call_long"), "a pointer of a different type does not suspend")
        // Without a prototype, only the result type can be matched.
        #expect(try p.maySuspend("call_unprototyped"))
        #expect(try p.chain("call_unprototyped") == "call_unprototyped -> (*int ()) -> susp -> greenlet_switch")
        #expect(try !p.maySuspend("call_double"))
    }

    @Test("a function whose address is never taken is not reached through a pointer")
    func indirectNeedsAddressTaken() throws {
        let p = try analyse([("ind.c", """
            #include <greenlet.h>
            static greenlet *g;
            int susp(int x) { greenlet_switch(g, 0); return x; }
            int call(int (*f)(int)) { return f(1); }
            """)])
        #expect(try p.maySuspend("susp"))
        #expect(try !p.maySuspend("call"))

        // Taking the address inside a function body counts as well.
        let q = try analyse([("ind2.c", """
            #include <greenlet.h>
            static greenlet *g;
            int susp(int x) { greenlet_switch(g, 0); return x; }
            int call(int (*f)(int)) { return f(1); }
            int user(void) { return call(susp); }
            """)])
        #expect(try q.maySuspend("call"))
        #expect(try q.chain("user") == "user -> call -> (*int (int)) -> susp -> greenlet_switch")
    }

    @Test("SL_SUSPENDS marks a declared primitive; its callers may suspend")
    func annotation() throws {
        let p = try analyse([("ann.c", """
            #include <stackless_gen.h>
            int wait_event(int id) SL_SUSPENDS;
            int log_event(int id);
            int handle(int id) { return wait_event(id) + log_event(id); }
            int outer(void) { return handle(1); }
            int bystander(void) { return log_event(2); }
            """)])
        #expect(try p.maySuspend("handle"))
        #expect(try p.chain("outer") == "outer -> handle -> wait_event")
        #expect(try !p.maySuspend("bystander"))
        let handle = try p.function("handle")
        #expect(handle.calls.map(\.suspends) == [true, false])
        // Without the header's macro, nothing suspends: calls outside the inputs do not.
        let q = try analyse([("plain.c", """
            int wait_event(int id);
            int handle(int id) { return wait_event(id); }
            """)])
        #expect(try !q.maySuspend("handle"))
    }

    @Test("--suspend-all: every function, except those that cannot be transformed")
    func suspendAll() throws {
        let source = """
            #include <setjmp.h>
            #include <stdarg.h>
            static jmp_buf jb;
            int plain(int x) { return x + 1; }
            int sum(int n, ...) { va_list ap; va_start(ap, n); int s = va_arg(ap, int); va_end(ap); return s + n; }
            int jumps(void) { if (_setjmp(jb)) return 1; return 0; }
            int stacky(int n) { char *p = __builtin_alloca(n); p[0] = 0; return p[0]; }
            int computed(int i) { void *t[] = { &&a, &&b }; goto *t[i]; a: return 1; b: return 2; }
            int caller(void) { return plain(1) + sum(1, 2) + jumps() + stacky(3) + computed(0); }
            """
        let p = try analyse([("all.c", source)], suspendAll: true)
        #expect(try p.reason("plain") == .suspendAll)
        #expect(try p.reason("caller") == .suspendAll)
        // Variadic functions, setjmp and computed gotos are transformed (the lowering checks the rest).
        #expect(try p.reason("sum") == .suspendAll)
        #expect(try p.reason("jumps") == .suspendAll)
        #expect(try p.reason("computed") == .suspendAll)
        for name in ["stacky"] {
            #expect(try !p.maySuspend(name), "\(name) cannot be transformed and does not really suspend")
        }
        // The calls of a --suspend-all function to functions that cannot be transformed are not points.
        #expect(try p.function("caller").calls.map(\.suspends) == [true, true, true, false, true])
        #expect(try p.chain("plain") == "plain")

        // Without --suspend-all nothing suspends at all.
        let q = try analyse([("all.c", source)])
        #expect(try q.function("caller").calls.allSatisfy { !$0.suspends })
    }

    @Test("--suspend-all keeps apart what would suspend without it")
    func suspendAllKeepsOwnReasons() throws {
        let p = try analyse([("own.c", prelude + "int top(void) { return get(1) + pure(2); }\n")], suspendAll: true)
        #expect(try p.reason("top") == .suspendAll)
        #expect(try p.reason("pure") == .suspendAll)
        let own = { (name: String) in p.analysis.ownChain(for: try p.function(name).usr).joined(separator: " -> ") }
        #expect(try own("top") == "top -> get -> greenlet_switch")
        #expect(try own("pure") == "")
    }

    @Test("--suspend-all keeps a function that cannot be transformed but really suspends, to be refused")
    func suspendAllUntransformableThatSuspends() throws {
        let p = try analyse([("v.c", """
            #include <greenlet.h>
            static greenlet *g;
            int al(int n) { char *p = __builtin_alloca(n); greenlet_switch(g, p); return 0; }
            int left(int n) { return al(n) + 1; }
            """)], suspendAll: true)
        #expect(try p.chain("al") == "al -> greenlet_switch")
        #expect(p.analysis.mayTransform(try p.function("al")))
    }

    @Test("--suspend-all: a function left as written gets no reason, and calls to it are not points")
    func suspendAllLeftAsWritten() throws {
        let source = """
            int leaf(int x) { return x; }
            int left(int x) { return leaf(x) + 1; }
            int top(int x) { return left(x) + leaf(x); }
            """
        let p = try analyse([("l.c", source)], suspendAll: true)
        let usr = try p.function("left").usr
        var options = AnalysisOptions(suspendAll: true)
        options.leftAsWritten = [usr]
        let q = Analysis(files: p.files, options: options)
        #expect(q.reason(for: usr) == nil)
        #expect(try p.function("top").calls.map(\.suspends) == [false, true])
    }

    @Test("calls in unevaluated operands are not points")
    func unevaluatedOperands() throws {
        let p = try analyse([("u.c", prelude + """
            long f(void) {
                unsigned long n = sizeof(get(1)) + _Alignof(__typeof__(get(2)));
                return (long)n + _Generic(get(3), int: 1, default: 2);
            }
            """)])
        let f = try p.function("f")
        #expect(f.calls.count == 3)
        #expect(f.calls.allSatisfy { !$0.suspends })
        #expect(try lowerAll(p).first { $0.function.name == "f" }?.points.isEmpty ?? true)
    }

    @Test("a function that calls a suspending function only inside sizeof does not suspend")
    func unevaluatedOperandsDoNotSuspend() throws {
        let p = try analyse([("u.c", prelude + """
            unsigned long f(void) { return sizeof(get(1)); }
            unsigned long caller(void) { return f() + 1; }
            """)])
        #expect(try !p.maySuspend("f"))
        #expect(try !p.maySuspend("caller"))
    }

    @Test("explain: one entry per function, with its chain")
    func explainChains() throws {
        try withTemporaryDirectory { dir in
            let a = try write("""
                #include <greenlet.h>
                extern greenlet *g;
                int next_token(void);
                int parse_line(void) { return next_token() + 1; }
                int helper(int x) { return x; }
                """, to: "a.c", in: dir)
            let b = try write("""
                #include <greenlet.h>
                greenlet *g;
                int next_token(void) { return (int)(long)greenlet_switch(g, 0); }
                """, to: "b.c", in: dir)
            let result = try explain([a, b])
            #expect(result.map(\.function) == ["parse_line", "helper", "next_token"])
            #expect(result.map(\.maySuspend) == [true, false, true])
            #expect(result.map { $0.chain.joined(separator: " -> ") } == [
                "parse_line -> next_token -> greenlet_switch", "", "next_token -> greenlet_switch",
            ])
            #expect(result.map(\.loc.description) == ["\(a):4:5", "\(a):5:5", "\(b):3:5"])
            #expect(result.map(\.file) == [a, a, b])
            #expect(!result.contains { $0.suspendAll })

            let all = try explain([a, b], makeOptions(suspendAll: true))
            // --suspend-all is the reason given for every function it covers, even those that suspend anyway.
            #expect(all.map(\.suspendAll) == [true, true, true])
            #expect(all.allSatisfy { $0.maySuspend })
        }
    }
}
