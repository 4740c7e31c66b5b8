// Separate compilation: units transformed one at a time, their summaries, and the link check.

import Foundation
import Testing
@testable import StacklessTransform

@Suite("Summary")
struct SummaryTests {
    let header = "#include <greenlet.h>\ngreenlet *get_root(void);\n"

    /// Each file transformed alone (as `cc -c` does), with `edit` applied to the options.
    func units(_ files: [(String, String)], _ edit: (inout TransformOptions) -> Void = { _ in }) throws -> [UnitSummary] {
        try withTemporaryDirectory { dir in
            try files.map { name, text in
                let path = try write(text, to: name, in: dir)
                var options = makeOptions()
                options.separate = true
                options.summaries = true
                edit(&options)
                return try withClang { try Stackless.transform(inputs: [path], options: options) }.summaries[0]
            }
        }
    }

    @Test("a call compiled as not suspending to another unit's suspending function is a located error with the fix")
    func contradictedAssumption() throws {
        let u = try units([
            ("a.c", "long b_fn(long x);\nlong a_fn(long x) { return b_fn(x) + 1; }\n"),
            ("b.c", header + "long b_fn(long x) { return (long)greenlet_switch(get_root(), (void *)x); }\n"),
        ])
        let found = LinkCheck.check(u)
        try #require(found.count == 1)
        #expect(found[0].severity == .error)
        #expect(found[0].loc?.line == 2 && found[0].loc?.column == 28)
        #expect(found[0].message.hasPrefix("'a_fn' calls 'b_fn', compiled as not suspending, but "))
        #expect(found[0].message.contains("b.c defines 'b_fn' as suspending (b_fn -> greenlet_switch): declare it SL_SUSPENDS in a header that "))
    }

    @Test("SL_SUSPENDS on the declaration is the contract: no error, also when the definition does not suspend")
    func annotatedContract() throws {
        let decl = "#include <stackless_gen.h>\nlong b_fn(long x) SL_SUSPENDS;\n"
        let u = try units([
            ("a.c", decl + "long a_fn(long x) { return b_fn(x) + 1; }\n"),
            ("b.c", header + "long b_fn(long x) { return (long)greenlet_switch(get_root(), (void *)x); }\n"),
            ("c.c", decl + "long b2(long x) { return x; }\n"),
        ])
        #expect(LinkCheck.check(u).isEmpty)
        let a = u[0]
        #expect(a.assumptions.contains { $0.target == .function("b_fn") && $0.suspends && $0.basis == .annotated })
    }

    @Test("the check follows calls across units: one error at the first wrong assumption, with the whole chain")
    func transitive() throws {
        let u = try units([
            ("a.c", "long b_fn(long);\nlong a_fn(long x) { return b_fn(x); }\n"),
            ("b.c", "long c_fn(long);\nstatic long helper(long x) { return c_fn(x); }\nlong b_fn(long x) { return helper(x); }\n"),
            ("c.c", header + "long c_fn(long x) { return (long)greenlet_switch(get_root(), (void *)x); }\n"),
        ])
        let messages = LinkCheck.check(u).map(\.message)
        #expect(messages.count == 2)
        #expect(messages.contains { $0.contains("'a_fn' calls 'b_fn'") && $0.contains("(b_fn -> c_fn -> greenlet_switch)") })
        #expect(messages.contains { $0.contains("'helper' calls 'c_fn'") })
    }

    @Test("an indirect call compiled as not suspending, against another unit's address-taken suspending function")
    func indirect() throws {
        let u = try units([
            ("a.c", "long call(long (*f)(long), long x) { return f(x); }\n"),
            ("b.c", header + "long call(long (*f)(long), long x);\nstatic long cb(long x) { return (long)greenlet_switch(get_root(), (void *)x); }\nlong use(void) { return call(cb, 1); }\n"),
        ])
        let messages = LinkCheck.check(u).map(\.message)
        #expect(messages.contains { $0.hasPrefix("'call' calls through a pointer to 'long (long)', compiled as not suspending, but ") && $0.contains("'cb'") })
    }

    @Test("under --suspend-all, separate: another unit's functions are points; system headers' and variadic ones are not")
    func suspendAllAssumptions() throws {
        let u = try units([
            ("a.c", "#include <stdio.h>\nlong b_fn(long);\nint logf_(const char *f, ...);\nlong a_fn(long x) { printf(\"x\"); logf_(\"y\"); return b_fn(x); }\n"),
        ]) { $0.suspendAll = true; $0.torture = true }
        let byName = Dictionary(uniqueKeysWithValues: u[0].assumptions.compactMap { a -> (String, UnitSummary.Assumption)? in
            if case .function(let n) = a.target { return (n, a) }
            return nil
        })
        #expect(byName["b_fn"]?.suspends == true && byName["b_fn"]?.basis == .suspendAll)
        #expect(byName["printf"]?.suspends == false && byName["printf"]?.basis == .systemHeader)
        #expect(byName["logf_"]?.suspends == false && byName["logf_"]?.basis == .variadic)
    }

    @Test("the gate: a point calling another unit's function passes unwind_ok only if its marker is linked")
    func gate() throws {
        try withTemporaryDirectory { dir in
            let a = try write("long b_fn(long);\nlong a_fn(long x) { return b_fn(x) + 1; }\n", to: "a.c", in: dir)
            var options = makeOptions(suspendAll: true, torture: true)
            options.separate = true
            options.summaries = true
            let out = try withClang { try Stackless.transform(inputs: [a], options: options) }.outputs[0].output
            #expect(out.contains("sl_tls.unwind_ok = sl__ok & SL_RESUMABLE(b_fn);"))
            #expect(out.contains("SL_RESUMABLE_DEFINE(a_fn)"))
            #expect(out.contains("SL_SUMMARY static const char sl__summary[] ="))
        }
    }

    @Test("the text form round-trips; a section holds several summaries with padding between them")
    func textForm() throws {
        let u = try units([
            ("a.c", "long b_fn(long);\nstatic long s(long x) { return x; }\nlong (*p)(long) = s;\nlong a_fn(long x) { return b_fn(x) + p(x); }\n"),
            ("b.c", header + "long b_fn(long x) { return (long)greenlet_switch(get_root(), (void *)x); }\n"),
        ])
        for unit in u { #expect(UnitSummary(text: unit.text) == unit) }
        let section = Array(u[0].text.utf8) + [0, 0, 0] + Array(u[1].text.utf8) + [0]
        #expect(UnitSummary.parseSection(section) == u)
        #expect(UnitSummary(text: "stackless-summary 9\n") == nil)
    }
}
