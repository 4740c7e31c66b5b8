// Stage 4, emit: the frames a debugger reads. Each saved variable is a field with its own name
// and type (bytes only for a variably modified type), fields go by decreasing alignment, each
// point names its call in a comment and carries its file:line, and no line of a save or restore
// block grows with the number of saved variables.

import Foundation
import Testing
@testable import StacklessTransform

@Suite("Frame layout")
struct FrameLayoutTests {
    /// The field lines of the first `struct sl__f<index>` of the output.
    func fields(_ output: String, point index: Int = 0) -> [String] {
        let lines = output.split(separator: "\n", omittingEmptySubsequences: false).map {
            $0.trimmingCharacters(in: .whitespaces)
        }
        guard let start = lines.firstIndex(of: "struct sl__f\(index) {") else { return [] }
        return Array(lines[(start + 1)...].prefix { $0 != "};" })
    }

    @Test("saved variables are named, typed fields by decreasing alignment; the point names its call and line")
    func typedFields() throws {
        let (_, output) = try transformText(prelude + """
            int mixed(int n) {
                char c = (char)n;
                short s = (short)(n + 1);
                int i = n + 2;
                double d = n * 0.5;
                int got = get(n);
                return c + s + i + (int)d + got;
            }
            """)
        // (got, which the call assigns, is not saved: the resumed activation sets it.)
        let mixed = output.components(separatedBy: "int mixed(int n) {")[1]
        #expect(fields(mixed) == ["sl_frame sl__h;", "__typeof__(d) d;", "__typeof__(i) i;", "__typeof__(s) s;",
                               "__typeof__(c) c;"])
        #expect(mixed.contains("/* point 0: after get() */"))
        // The descriptor: resume function, number, line of the call (prelude lines + 6), file.
        let line = prelude.split(separator: "\n", omittingEmptySubsequences: false).count + 5
        #expect(output.contains("{sl__mixed_resume, 0, \(line), \""))
        let compiled = try compileWarnings(output)
        #expect(compiled.status == 0 && compiled.stderr.isEmpty, "\(compiled.stderr)")
    }

    @Test("a const local is saved in a field the restore can write")
    func constLocal() throws {
        let (_, output) = try transformText(prelude + """
            int twice_const(int n) {
                const int k = n * 2;
                const char *const name = "k";
                get(k);
                return k + name[0];
            }
            """)
        let body = output.components(separatedBy: "int twice_const(int n) {")[1]
        #expect(fields(body).contains("__typeof__(k) k;"))
        let compiled = try compileWarnings(output)
        #expect(compiled.status == 0 && compiled.stderr.isEmpty, "\(compiled.stderr)")
    }

    @Test("a save block has one statement per line, however many variables it saves")
    func shortLines() throws {
        let names = (0..<40).map { "v\($0)" }
        let declarations = names.map { "    long \($0) = n + \($0.dropFirst());" }.joined(separator: "\n")
        let (_, output) = try transformText(prelude + """
            long many(long n) {
            \(declarations)
                get((int)n);
                return \(names.joined(separator: " + "));
            }
            """)
        let longest = output.split(separator: "\n").filter { !$0.contains("v0 + v1") }.map(\.count).max() ?? 0
        #expect(longest < 160)
        #expect(fields(output.components(separatedBy: "long many(long n) {")[1]).count == 41)
    }

    @Test("field order: unknown alignment first, then decreasing, bytes last, ties in liveness order")
    func order() {
        func v(_ name: String, _ alignment: Int, bytes: Bool = false) -> Variable {
            let x = Variable(id: name.hashValue, name: name)
            x.alignment = alignment
            x.bytesOnly = bytes
            return x
        }
        let saved = [v("c", 1), v("vla", 8, bytes: true), v("i", 4), v("t", 0), v("d", 8), v("j", 4), v("p", 8)]
        #expect(Printer.fieldOrder(saved).map(\.name) == ["t", "d", "p", "i", "j", "c", "vla"])
    }

    @Test("the comment of a point names its callee, or says it is a call")
    func calleeNames() {
        #expect(Printer.callee("next_token(line, &n)") == "next_token()")
        #expect(Printer.callee("(*handler)(x)") == "(*handler)()")
        #expect(Printer.callee("table[i].fn(x)") == "table[i].fn()")
        #expect(Printer.callee("f(/* a */ x)") == "f()")
        #expect(Printer.callee("(a /* b */ ->fn)(x)") == "a call")
    }
}
