// Separate compilation: per-translation-unit summaries, what a unit assumes of the rest of the
// program, and the link-time check (Analysis.swift asks this file about functions no input
// defines).
//
// Input: a parsed unit and its analysis. Output: a `UnitSummary`: the functions it defines with
// external linkage and those whose address it takes, each with its status (suspends, and why;
// transformed only under --suspend-all; left as written) and the calls to other units it can
// reach; and every assumption it made about a function of another unit or an indirect call
// type, with the first call that relied on it. The emitted C carries the summary in a section of
// its object (`SL_SUMMARY`), so it survives `ar`, ccache and renames; `LinkCheck` reads the
// summaries of a whole program and reports each assumption that the program contradicts. For
// example, with a.c compiled alone,
//
//     long b_fn(long x);                          // a.c: no SL_SUSPENDS, so assumed not to suspend
//     static long a_fn(long x) { return b_fn(x) + 1; }
//     long b_fn(long x) { return (long)greenlet_switch(root, (void *)x); }   // b.c
//
// a.c's summary says `assume call b_fn not unannotated a.c 1 35 a_fn`, b.c's says
// `define b_fn extern ... suspends b_fn -> greenlet_switch`, and the check reports
// `a.c:1:35: error: 'a_fn' calls 'b_fn', compiled as not suspending, but b.c defines ...`.
//
// What a unit assumes of a function it calls but does not define:
// - declared `SL_SUSPENDS`: it suspends (the contract across units and libraries);
// - known from the summaries of the program's other units (-p, or the objects of a link): what
//   they say, through the program's fixed point;
// - otherwise it does not suspend, except with --suspend-all when the rest of the program is
//   compiled separately (`cc -c`): then a function declared outside system headers and not
//   variadic is assumed to be another unit's transformed function, so that a torture yield inside
//   it is tested. Such a call passes `unwind_ok` on only when the callee's marker
//   (`SL_RESUMABLE`) is linked in, so a call that reaches a function left as written (a library
//   declared in the project's own header, a function that cannot be transformed) never unwinds
//   through it.

import Foundation

/// What one translation unit defines and assumes, as stored in its object.
public struct UnitSummary: Sendable, Equatable {
    public enum Status: Sendable, Equatable {
        /// May suspend whatever the options: the chain that proves it (`b_fn -> greenlet_switch`).
        case suspends([String])
        /// Transformed only because of --suspend-all.
        case transformed
        /// Left as written.
        case plain
    }

    /// Why a unit assumed what it did.
    public enum Basis: String, Sendable {
        case annotated          // an SL_SUSPENDS declaration
        case unannotated        // no annotation, nothing known: assumed not to suspend
        case systemHeader = "system-header"   // --suspend-all: declared in a system header (libc's)
        case variadic           // --suspend-all: variadic functions are never transformed
        case suspendAll = "suspend-all"       // --suspend-all: assumed another unit's transformed function
        case known              // from the summaries of the program's other units
        case checkedAtRunTime = "checked-at-run-time"  // the caller is left as written: the program checks that no switch unwinds through it
    }

    public enum Target: Sendable, Equatable, Hashable {
        case function(String)
        case indirect(typeKey: String, resultKey: String, prototyped: Bool)
    }

    public struct Assumption: Sendable, Equatable {
        public var target: Target
        public var suspends: Bool
        public var basis: Basis
        /// The first call that relied on it, and the function it is in.
        public var loc: SourceLoc
        public var caller: String
        /// For a function: the file of its first declaration in this unit.
        public var declaredIn: String
    }

    public struct Definition: Sendable, Equatable {
        public var name: String
        public var isStatic: Bool
        public var typeKey: String
        public var resultKey: String
        public var status: Status
        /// Its address is taken in this unit.
        public var addressTaken: Bool
        /// The assumptions (indexes) whose calls it can reach through this unit's own functions.
        public var reach: [Int]
    }

    public var unit: String
    /// The options that change the emitted protocol: suspend-all, torture, checked.
    public var options: [String]
    public var assumptions: [Assumption]
    public var definitions: [Definition]
    /// Functions of other units whose address this unit takes (name, type key, result key).
    public var addressReferences: [(name: String, typeKey: String, resultKey: String)]

    public static func == (a: UnitSummary, b: UnitSummary) -> Bool { a.text == b.text }
}

// MARK: - Text form

extension UnitSummary {
    static let magic = "stackless-summary 1"

    /// One record a line, fields separated by tabs; deterministic (sorted, no times, no temporary
    /// paths), so the same input gives the same object.
    public var text: String {
        var lines = [UnitSummary.magic, record("unit", unit), record(["options"] + options)]
        for a in assumptions {
            let tail = [a.suspends ? "suspends" : "not", a.basis.rawValue, a.loc.file, String(a.loc.line), String(a.loc.column), a.caller, a.declaredIn]
            switch a.target {
            case .function(let name):
                lines.append(record(["assume", "call", name] + tail))
            case .indirect(let typeKey, let resultKey, let prototyped):
                lines.append(record(["assume", "indirect", typeKey, resultKey, prototyped ? "proto" : "unproto"] + tail))
            }
        }
        for d in definitions {
            let status: [String]
            switch d.status {
            case .suspends(let chain): status = ["suspends", chain.joined(separator: " -> ")]
            case .transformed: status = ["transformed", ""]
            case .plain: status = ["plain", ""]
            }
            lines.append(record(["define", d.name, d.isStatic ? "static" : "extern", d.typeKey, d.resultKey] + status
                                + [d.addressTaken ? "address" : "-", d.reach.map(String.init).joined(separator: ",")]))
        }
        for r in addressReferences { lines.append(record(["address", r.name, r.typeKey, r.resultKey])) }
        return lines.joined(separator: "\n") + "\n"
    }

    private func record(_ fields: String...) -> String { record(fields) }
    private func record(_ fields: [String]) -> String { fields.map(UnitSummary.escape).joined(separator: "\t") }

    static func escape(_ s: String) -> String {
        var out = ""
        for c in s.unicodeScalars {
            switch c {
            case "\\": out += "\\\\"
            case "\t": out += "\\t"
            case "\n": out += "\\n"
            default: out.unicodeScalars.append(c)
            }
        }
        return out
    }

    static func unescape(_ s: Substring) -> String {
        var out = ""
        var escaped = false
        for c in s.unicodeScalars {
            if escaped {
                out.unicodeScalars.append(c == "t" ? "\t" : c == "n" ? "\n" : c)
                escaped = false
            } else if c == "\\" {
                escaped = true
            } else {
                out.unicodeScalars.append(c)
            }
        }
        return out
    }

    /// Parses the text form; nil if it is not a summary of this version.
    public init?(text: String) {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: true)[...]
        guard lines.first == Substring(UnitSummary.magic) else { return nil }
        lines = lines.dropFirst()
        unit = ""
        options = []
        assumptions = []
        definitions = []
        addressReferences = []
        for line in lines {
            let f = line.split(separator: "\t", omittingEmptySubsequences: false).map(UnitSummary.unescape)
            switch f.first {
            case "unit" where f.count == 2:
                unit = f[1]
            case "options":
                options = Array(f.dropFirst())
            case "assume" where f.count >= 3:
                let target: Target
                var rest: ArraySlice<String>
                if f[1] == "call" {
                    target = .function(f[2])
                    rest = f[3...]
                } else if f[1] == "indirect", f.count >= 5 {
                    target = .indirect(typeKey: f[2], resultKey: f[3], prototyped: f[4] == "proto")
                    rest = f[5...]
                } else {
                    return nil
                }
                guard rest.count == 7, let basis = Basis(rawValue: rest[rest.startIndex + 1]),
                      let line = Int(rest[rest.startIndex + 3]), let column = Int(rest[rest.startIndex + 4]) else { return nil }
                let r = Array(rest)
                assumptions.append(Assumption(target: target, suspends: r[0] == "suspends", basis: basis,
                                              loc: SourceLoc(file: r[2], line: line, column: column), caller: r[5], declaredIn: r[6]))
            case "define" where f.count == 9:
                let status: Status
                switch f[5] {
                case "suspends": status = .suspends(f[6].components(separatedBy: " -> "))
                case "transformed": status = .transformed
                default: status = .plain
                }
                let reach = f[8].split(separator: ",").compactMap { Int($0) }.filter { $0 >= 0 }
                definitions.append(Definition(name: f[1], isStatic: f[2] == "static", typeKey: f[3], resultKey: f[4],
                                              status: status, addressTaken: f[7] == "address", reach: reach))
            case "address" where f.count == 4:
                addressReferences.append((f[1], f[2], f[3]))
            default:
                return nil
            }
        }
        guard definitions.allSatisfy({ $0.reach.allSatisfy { $0 < assumptions.count } }) else { return nil }
    }

    /// The summaries in a section's bytes: each is NUL-terminated; the linker may pad between them.
    public static func parseSection(_ bytes: [UInt8]) -> [UnitSummary]? {
        var result: [UnitSummary] = []
        for chunk in bytes.split(separator: 0) {
            guard let s = UnitSummary(text: String(decoding: chunk, as: UTF8.self)) else { return nil }
            result.append(s)
        }
        return result
    }

    /// The C that carries the summary into the object, and the markers of the unit's resumable
    /// functions; appended to the rewritten file.
    func epilogue(markers: [String]) -> String {
        var out = "\n/* stackless: what this file defines and assumes, for `stackless check` at link time */\n"
        for name in markers { out += "SL_RESUMABLE_DEFINE(\(name))\n" }
        out += "SL_SUMMARY static const char sl__summary[] =\n"
        for line in text.split(separator: "\n") { out += "    \"\(UnitSummary.cString(line + "\n"))\"\n" }
        return out + "    ;\n"
    }

    static func cString(_ s: String) -> String {
        var out = ""
        for byte in s.utf8 {
            switch byte {
            case UInt8(ascii: "\\"): out += "\\\\"
            case UInt8(ascii: "\""): out += "\\\""
            case UInt8(ascii: "\n"): out += "\\n"
            case UInt8(ascii: "\t"): out += "\\t"
            case UInt8(ascii: "?"): out += "\\?"  // no trigraphs
            case 0x20..<0x7f: out.unicodeScalars.append(Unicode.Scalar(byte))
            default: out += String(format: "\\%03o", byte)
            }
        }
        return out
    }
}

// MARK: - Building a unit's summary, and what it assumes

/// The separate-compilation side of one transform: what the inputs assume of functions no input
/// defines, and each input's summary.
struct SeparateCompilation {
    let files: [SourceFile]
    let options: TransformOptions
    /// Why each external (by USR) was assumed what it was.
    private(set) var basis: [String: UnitSummary.Basis] = [:]
    private(set) var external = ExternalFacts()
    private let definedInInputs: Set<String>
    private let annotated: Set<String>

    init(files: [SourceFile], options: TransformOptions) {
        self.files = files
        self.options = options
        definedInInputs = Set(files.flatMap { $0.functions.map(\.usr) })
        annotated = Set(files.flatMap { $0.annotatedSuspending.keys })
        decide()
    }

    /// A USR of a function with external linkage names it: `c:@F@name`.
    static func linkageName(_ usr: String) -> String? {
        usr.hasPrefix("c:@F@") ? String(usr.dropFirst(5)) : nil
    }

    private func inRuntimeHeaders(_ file: String) -> Bool {
        guard let include = options.runtimeInclude, !include.isEmpty else { return false }
        let dir = URL(fileURLWithPath: include).standardized.path
        return URL(fileURLWithPath: file).standardized.path.hasPrefix(dir + "/")
    }

    private mutating func decide() {
        let program = ProgramFacts(options.otherUnits, excluding: Set(files.map { ProgramFacts.standardized($0.path) }))
        var declarations: [String: FunctionDeclaration] = [:]
        for file in files {
            for (usr, d) in file.declarations where declarations[usr] == nil { declarations[usr] = d }
            for (usr, d) in file.declarations where d.inSystemHeader { declarations[usr]?.inSystemHeader = true }
        }
        for usr in declarations.keys.sorted() where !definedInInputs.contains(usr) {
            guard let name = SeparateCompilation.linkageName(usr) else { continue }
            let d = declarations[usr]!
            if annotated.contains(usr) {
                basis[usr] = .annotated
            } else if let known = program.definition(name) {
                basis[usr] = .known
                if let chain = program.suspendingChain(name) {
                    external.suspending[usr] = .elsewhere(unit: known.unit, chain: chain)
                } else if known.definition.status == .transformed {
                    external.transformedBySuspendAll[usr] = .elsewhere(unit: known.unit, chain: [name])
                }
            } else if options.separate && options.suspendAll {
                if d.inSystemHeader || inRuntimeHeaders(d.file) {
                    basis[usr] = .systemHeader
                } else if d.isVariadic {
                    basis[usr] = .variadic
                } else {
                    basis[usr] = .suspendAll
                    external.transformedBySuspendAll[usr] = .suspendAll
                }
            } else {
                basis[usr] = .unannotated
            }
        }
        for (i, entry) in program.addressTaken.enumerated() {
            let usr = "stackless:address:\(i):\(entry.name)"
            external.addressTaken[usr] = (entry.typeKey, entry.resultKey)
            external.names[usr] = entry.name
            if let chain = entry.chain {
                external.suspending[usr] = .elsewhere(unit: entry.unit, chain: chain)
            } else if entry.transformed {
                external.transformedBySuspendAll[usr] = .elsewhere(unit: entry.unit, chain: [entry.name])
            }
        }
        if options.separate && options.suspendAll {
            external.transformedBySuspendAll[Analysis.anyOtherUnit] = .suspendAll
        }
    }

    /// Marks the suspending calls to other units' functions whose `unwind_ok` must be gated (only
    /// builds that track it: torture, checked). The runtime's own primitives are not gated.
    func markGates(_ file: SourceFile, _ analysis: Analysis) {
        guard options.torture || options.checked else { return }
        let local = Set(file.functions.map(\.usr))
        for f in file.functions where analysis.mayTransform(f) {
            for call in f.calls where call.suspends {
                guard case .direct(let usr, _)? = call.callee, !local.contains(usr),
                      let name = SeparateCompilation.linkageName(usr) else { continue }
                if let d = file.declarations[usr], inRuntimeHeaders(d.file) { continue }
                call.unwindGate = name
            }
        }
    }

    /// The unit's summary, after the analysis.
    func summary(of file: SourceFile, _ analysis: Analysis) -> UnitSummary {
        struct Key: Hashable { var target: UnitSummary.Target; var suspends: Bool }
        var assumptionIndex: [Key: Int] = [:]
        var assumptions: [UnitSummary.Assumption] = []
        let local = Set(file.functions.map(\.usr))
        var localCalls: [String: Set<String>] = [:]
        var reachByFunction: [String: Set<Int>] = [:]
        for f in file.functions.sorted(by: { $0.loc < $1.loc }) {
            for call in f.calls.sorted(by: { $0.loc < $1.loc }) where !call.unevaluated {
                let target: UnitSummary.Target
                var declaredIn = ""
                var why: UnitSummary.Basis
                switch call.callee {
                case .direct(let usr, let name)?:
                    if local.contains(usr) {
                        localCalls[f.usr, default: []].insert(usr)
                        continue
                    }
                    guard SeparateCompilation.linkageName(usr) != nil else { continue }
                    target = .function(name)
                    why = basis[usr] ?? (annotated.contains(usr) ? .annotated : .unannotated)
                    // Only where the fix names it: other paths would tie the object to the checkout.
                    if why == .systemHeader { declaredIn = file.declarations[usr]?.file ?? "" }
                case .indirect(let typeKey, let resultKey, let prototyped)?:
                    target = .indirect(typeKey: typeKey, resultKey: resultKey, prototyped: prototyped)
                    why = options.otherUnits.isEmpty ? (options.separate && options.suspendAll ? .suspendAll : .unannotated) : .known
                case nil:
                    continue
                }
                // A call is a point only in a transformed function.
                let suspends = analysis.mayTransform(f) && analysis.callMaySuspend(call)
                if let i = assumptionIndex[Key(target: target, suspends: suspends)] {
                    reachByFunction[f.usr, default: []].insert(i)
                    continue
                }
                if !suspends && why == .suspendAll { why = .unannotated }
                if !suspends && analysis.isCheckedAtRunTime(f.usr) { why = .checkedAtRunTime }
                assumptionIndex[Key(target: target, suspends: suspends)] = assumptions.count
                reachByFunction[f.usr, default: []].insert(assumptions.count)
                assumptions.append(UnitSummary.Assumption(target: target, suspends: suspends, basis: why,
                                                          loc: call.loc, caller: f.name, declaredIn: declaredIn))
            }
        }
        // What each function reaches through the unit's own functions (not through one left as
        // written under the run-time check: nothing suspends there): one pass over the strongly
        // connected components of the unit's call graph, callees first (Tarjan), so a large
        // file is not walked again for each of its functions.
        func edges(_ usr: String) -> [String] {
            (localCalls[usr] ?? []).filter { !analysis.isCheckedAtRunTime($0) }
        }
        var reached: [String: [Int]] = [:]
        var order: [String: Int] = [:], low: [String: Int] = [:]
        var componentStack: [String] = [], onStack: Set<String> = []
        func connect(_ v: String) {
            order[v] = order.count
            low[v] = order[v]
            componentStack.append(v)
            onStack.insert(v)
            for w in edges(v) {
                if order[w] == nil {
                    connect(w)
                    low[v] = min(low[v]!, low[w]!)
                } else if onStack.contains(w) {
                    low[v] = min(low[v]!, order[w]!)
                }
            }
            guard low[v] == order[v] else { return }
            var component: [String] = []
            repeat {
                let w = componentStack.removeLast()
                onStack.remove(w)
                component.append(w)
            } while component.last != v
            let members = Set(component)
            var result = Set<Int>()
            for u in component {
                result.formUnion(reachByFunction[u] ?? [])
                for w in edges(u) where !members.contains(w) { result.formUnion(reached[w] ?? []) }
            }
            let sorted = result.sorted()
            for u in component { reached[u] = sorted }
        }
        func reach(_ usr: String) -> [Int] {
            if reached[usr] == nil { connect(usr) }
            return reached[usr] ?? []
        }
        var definitions: [UnitSummary.Definition] = []
        var defined: Set<String> = []
        for f in file.functions.sorted(by: { ($0.name, $0.loc) < ($1.name, $1.loc) }) {
            let taken = file.addressTaken[f.usr] != nil
            guard !f.isStatic || taken else { continue }
            guard !defined.contains("\(f.isStatic ? "s" : "e"):\(f.name)") else { continue }
            defined.insert("\(f.isStatic ? "s" : "e"):\(f.name)")
            let status: UnitSummary.Status
            if analysis.ownReason(for: f.usr) != nil {
                status = .suspends(analysis.ownChain(for: f.usr))
            } else if analysis.mayTransform(f) {
                status = .transformed
            } else {
                status = .plain
            }
            // Left as written with the run-time check, it suspends for no caller: a switch under it stops.
            let checked = analysis.isCheckedAtRunTime(f.usr)
            definitions.append(UnitSummary.Definition(name: f.name, isStatic: f.isStatic, typeKey: f.typeKey, resultKey: f.resultKey,
                                                      status: checked ? .plain : status, addressTaken: taken,
                                                      reach: checked ? [] : reach(f.usr)))
        }
        var references: [(String, String, String)] = []
        for (usr, key) in file.addressTaken.sorted(by: { $0.key < $1.key }) where !local.contains(usr) {
            guard let name = SeparateCompilation.linkageName(usr) else { continue }
            references.append((name, key.typeKey, key.resultKey))
        }
        var flags: [String] = []
        if options.suspendAll { flags.append("suspend-all") }
        if options.torture { flags.append("torture") }
        if options.checked { flags.append("checked") }
        return UnitSummary(unit: file.path, options: flags, assumptions: assumptions, definitions: definitions,
                           addressReferences: references)
    }

    /// The linkage names of the unit's rewritten functions (those with points), for their markers.
    func markers(of file: SourceFile, transformed: Set<String>) -> [String] {
        guard options.torture || options.checked else { return [] }
        var names: Set<String> = []
        for f in file.functions where transformed.contains(f.usr) && !f.isStatic && f.name != "main" {
            if SeparateCompilation.linkageName(f.usr) != nil { names.insert(f.name) }
        }
        return names.sorted()
    }
}

// MARK: - The program, from its units' summaries

/// The fixed point over a program's summaries: which functions may suspend once every unit's
/// calls to the others are followed.
struct ProgramFacts {
    struct Found {
        var unit: String
        var definition: UnitSummary.Definition
    }
    struct Address {
        var unit: String
        var name: String
        var typeKey: String
        var resultKey: String
        var chain: [String]?
        var transformed: Bool
    }

    let units: [UnitSummary]
    private var externs: [String: (unit: Int, def: Int)] = [:]
    /// Chains of the functions (by node) that may suspend: "e:name" or "s:unit:name".
    private var chains: [String: [String]] = [:]
    private(set) var addressTaken: [Address] = []

    init(_ units: [UnitSummary], excluding: Set<String> = []) {
        self.units = units
        for (u, unit) in units.enumerated() {
            for (d, def) in unit.definitions.enumerated() where !def.isStatic && externs[def.name] == nil {
                externs[def.name] = (u, d)
            }
        }
        solve()
        var seen: Set<String> = []
        for (u, unit) in units.enumerated() where !excluding.contains(ProgramFacts.standardized(unit.unit)) {
            for def in unit.definitions where def.addressTaken {
                let node = ProgramFacts.node(u, def)
                guard !seen.contains(node) else { continue }
                seen.insert(node)
                addressTaken.append(Address(unit: unit.unit, name: def.name, typeKey: def.typeKey, resultKey: def.resultKey,
                                            chain: chains[node], transformed: def.status != .plain))
            }
            for r in unit.addressReferences {
                guard let (du, dd) = externs[r.name] else { continue }
                let def = units[du].definitions[dd]
                let node = ProgramFacts.node(du, def)
                guard !seen.contains(node), !excluding.contains(ProgramFacts.standardized(units[du].unit)) else { continue }
                seen.insert(node)
                addressTaken.append(Address(unit: units[du].unit, name: def.name, typeKey: def.typeKey, resultKey: def.resultKey,
                                            chain: chains[node], transformed: def.status != .plain))
            }
        }
    }

    static func standardized(_ path: String) -> String { URL(fileURLWithPath: path).standardized.path }

    static func node(_ unit: Int, _ def: UnitSummary.Definition) -> String {
        def.isStatic ? "s:\(unit):\(def.name)" : "e:\(def.name)"
    }

    func definition(_ name: String) -> Found? {
        externs[name].map { Found(unit: units[$0.unit].unit, definition: units[$0.unit].definitions[$0.def]) }
    }

    func suspendingChain(_ name: String) -> [String]? { chains["e:\(name)"] }

    /// Every address-taken function of the program (each once), for indirect calls.
    private func allAddressTaken() -> [(node: String, def: UnitSummary.Definition)] {
        var result: [(String, UnitSummary.Definition)] = []
        var seen: Set<String> = []
        for (u, unit) in units.enumerated() {
            for def in unit.definitions where def.addressTaken {
                let node = ProgramFacts.node(u, def)
                if seen.insert(node).inserted { result.append((node, def)) }
            }
            for r in unit.addressReferences {
                guard let (du, dd) = externs[r.name] else { continue }
                let def = units[du].definitions[dd]
                let node = ProgramFacts.node(du, def)
                if seen.insert(node).inserted { result.append((node, def)) }
            }
        }
        return result
    }

    static func compatible(_ def: UnitSummary.Definition, _ typeKey: String, _ resultKey: String, _ prototyped: Bool) -> Bool {
        prototyped ? def.typeKey == typeKey : def.resultKey == resultKey
    }

    /// The address-taken function of a compatible type that may suspend, if any.
    func suspendingTarget(_ typeKey: String, _ resultKey: String, _ prototyped: Bool,
                          among taken: [(node: String, def: UnitSummary.Definition)]) -> (UnitSummary.Definition, [String])? {
        for (node, def) in taken where ProgramFacts.compatible(def, typeKey, resultKey, prototyped) {
            if let chain = chains[node] { return (def, chain) }
        }
        return nil
    }

    private mutating func solve() {
        for (u, unit) in units.enumerated() {
            for def in unit.definitions {
                if case .suspends(let chain) = def.status { chains[ProgramFacts.node(u, def)] = chain }
            }
        }
        let taken = allAddressTaken()
        var changed = true
        while changed {
            changed = false
            for (u, unit) in units.enumerated() {
                for def in unit.definitions where chains[ProgramFacts.node(u, def)] == nil {
                    for i in def.reach {
                        var found: [String]?
                        switch unit.assumptions[i].target {
                        case .function(let callee):
                            if let chain = chains["e:\(callee)"] { found = [def.name] + chain }
                        case .indirect(let typeKey, let resultKey, let prototyped):
                            if let (target, chain) = suspendingTarget(typeKey, resultKey, prototyped, among: taken) {
                                found = [def.name, "(*\(typeKey))", target.name] + chain.dropFirst()
                            }
                        }
                        if let found {
                            chains[ProgramFacts.node(u, def)] = found
                            changed = true
                            break
                        }
                    }
                }
            }
        }
    }

    /// Every assumption that the program contradicts: a call compiled as not suspending to a
    /// function, or through a pointer type, that may suspend. One diagnostic per assumption.
    func contradictions() -> [Diagnostic] {
        var result: [Diagnostic] = []
        let taken = allAddressTaken()
        for unit in units {
            for a in unit.assumptions where !a.suspends && a.basis != .checkedAtRunTime {
                let fix: String
                switch a.basis {
                case .known:
                    fix = "recompile \(unit.unit) (it was compiled against summaries of the program in which this did not suspend)"
                case .systemHeader:
                    fix = "declare it SL_SUSPENDS in \(a.declaredIn.isEmpty ? "its header" : a.declaredIn) (a system header, whose functions --suspend-all takes for libc's), or give every compile -p compile_commands.json"
                default:
                    fix = "declare it SL_SUSPENDS in a header that \(unit.unit) includes, or give every compile -p compile_commands.json"
                }
                switch a.target {
                case .function(let callee):
                    guard let chain = chains["e:\(callee)"], let found = definition(callee) else { continue }
                    result.append(Diagnostic(.error, a.loc,
                        "'\(a.caller)' calls '\(callee)', compiled as not suspending, but \(found.unit) defines '\(callee)' as suspending (\(chain.joined(separator: " -> "))): \(fix)"))
                case .indirect(let typeKey, let resultKey, let prototyped):
                    guard let (target, chain) = suspendingTarget(typeKey, resultKey, prototyped, among: taken) else { continue }
                    let owner = units.first { $0.definitions.contains { $0 == target } }?.unit ?? "another file"
                    let remedy = a.basis == .known ? fix : "give every compile -p compile_commands.json, so that each sees the functions whose address the program takes"
                    result.append(Diagnostic(.error, a.loc,
                        "'\(a.caller)' calls through a pointer to '\(typeKey)', compiled as not suspending, but \(owner) takes the address of '\(target.name)', of that type, which suspends (\(chain.joined(separator: " -> "))): \(remedy)"))
                }
            }
        }
        return result
    }

    /// Units built with different protocol options (--torture, --checked) do not pass unwind_ok
    /// the same way: a warning naming two of them.
    func optionMismatches() -> [Diagnostic] {
        func tracking(_ u: UnitSummary) -> [String] { u.options.filter { $0 == "torture" || $0 == "checked" } }
        guard let first = units.first else { return [] }
        for u in units.dropFirst() where tracking(u) != tracking(first) {
            func words(_ o: [String]) -> String { o.isEmpty ? "without --torture or --checked" : "with " + o.map { "--\($0)" }.joined(separator: " ") }
            return [Diagnostic(.warning, nil, "\(first.unit) was built \(words(tracking(first))) but \(u.unit) \(words(tracking(u))): build every file with the same options, or checked and torture builds cannot tell which frames can unwind")]
        }
        return []
    }
}

/// The link-time check: the summaries of every unit of a program, against each other.
public enum LinkCheck {
    /// Errors for every contradicted assumption, and warnings for mixed options.
    public static func check(_ units: [UnitSummary]) -> [Diagnostic] {
        let program = ProgramFacts(units)
        return program.optionMismatches() + Stackless.sortedByLocation(program.contradictions())
    }
}

extension Stackless {
    /// The summary of one unit analysed alone (no assumption about the rest of the program), and
    /// every file its parse read: what -p's cache keeps for each unit of a compilation database.
    public static func isolatedSummary(of input: String, options: TransformOptions) throws -> (summary: UnitSummary, dependencies: [String]) {
        var alone = options
        alone.separate = false
        alone.otherUnits = []
        let files = try parseAll([input], alone)
        let separate = SeparateCompilation(files: files, options: alone)
        var analysisOptions = AnalysisOptions(suspendAll: alone.suspendAll)
        analysisOptions.external = separate.external
        let analysis = Analysis(files: files, options: analysisOptions)
        return (separate.summary(of: files[0], analysis), files[0].includedFiles)
    }
}
