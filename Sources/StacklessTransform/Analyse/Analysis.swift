// Stage 2, analyse: which functions may suspend, over the whole program.
//
// Input: every parsed file of the program, together. Output: the set of functions to transform,
// with one call chain per function that proves it may suspend, and on every call of those
// functions whether it may suspend. The rewriting stages only ask this analysis.
//
// A function may suspend if it calls a function annotated `SL_SUSPENDS` (the runtime's switch,
// for instance) or a function that may suspend: a fixed point over the call graph. Calls to
// functions outside the inputs do not suspend unless annotated. A call through a pointer to a
// function type T may suspend only if some function whose address is taken, of a type compatible
// with T, may suspend. With `--suspend-all` every function defined in the inputs may suspend,
// except those that cannot be transformed (vfork, __builtin_setjmp, alloca, or refused later:
// `leftAsWritten`) and do not suspend for another reason: they are left as written, and calls
// to them are calls to untransformed code. What would suspend without `--suspend-all` is kept
// apart (`ownReasons`), for the warnings about blocking calls, which `--suspend-all` would
// otherwise raise everywhere, and for the refusals, which it turns into functions left as
// written only where the function would not suspend without it. For
// example, with
//
//     void produce(int n) { greenlet_switch(parent, &n); }
//     void run(void) { for (int i = 0; i < 3; i++) produce(i); }
//
// both may suspend: run -> produce -> greenlet_switch.

/// Why a function may suspend.
public enum SuspendReason: Equatable, Sendable {
    case annotated
    case calls(usr: String, name: String)
    case callsIndirectly(usr: String, name: String, type: String)
    case suspendAll
    /// Defined in another translation unit, which says why (`chain` starts with the function),
    /// or assumed to suspend there (`chain` is just its name): see Summary.swift.
    case elsewhere(unit: String, chain: [String])
}

public struct AnalysisOptions: Sendable {
    public var suspendAll = false
    /// Names of functions that always suspend (the torture build's yield).
    public var extraSuspending: [String] = []
    /// Functions (USRs) that cannot be transformed and are left as written: with `suspendAll`,
    /// those that would not suspend without it; in any build, those that may suspend only
    /// through calls by pointer (the build then checks at run time that no switch reaches them).
    public var leftAsWritten: Set<String> = []
    /// Those of `leftAsWritten` that may suspend through calls by pointer: the program checks at
    /// run time that no switch unwinds through them (their calls are not points).
    public var checkedAtRunTime: Set<String> = []
    /// What is known or assumed about functions that no input defines (separate compilation).
    var external = ExternalFacts()
    public init(suspendAll: Bool = false) { self.suspendAll = suspendAll }
}

/// Functions of the rest of the program, for a translation unit analysed without it: what they
/// do (from other units' summaries) or what is assumed about them (Summary.swift decides).
struct ExternalFacts {
    /// Functions that may suspend whatever the options (by USR).
    var suspending: [String: SuspendReason] = [:]
    /// Functions that are transformed only under --suspend-all.
    var transformedBySuspendAll: [String: SuspendReason] = [:]
    /// Address-taken functions of other units (by a USR of their own), with their types.
    var addressTaken: [String: (typeKey: String, resultKey: String)] = [:]
    var names: [String: String] = [:]
}

final class Analysis {
    private(set) var reasons: [String: SuspendReason] = [:]
    /// The reasons without `--suspend-all`: why a function may suspend by what it calls.
    private(set) var ownReasons: [String: SuspendReason] = [:]
    /// The reasons by direct calls only: a function that may suspend but is not here reaches a
    /// suspending function only through a call by pointer, which the analysis assumes may hold any
    /// address-taken function of its type (an interpreter's panic handler has the type of its
    /// native functions).
    private var directReasons: [String: SuspendReason] = [:]
    private var names: [String: String] = [:]
    private var annotated: [String: String] = [:]
    private var addressTaken: [String: (typeKey: String, resultKey: String)] = [:]
    private(set) var definitions: [String: Function] = [:]
    private let checkedAtRunTime: Set<String>
    /// Address-taken functions by type and by result type, each list in USR order (what an
    /// indirect call may reach, asked once per call).
    private var takenByType: [String: [String]] = [:]
    private var takenByResult: [String: [String]] = [:]

    init(files: [SourceFile], options: AnalysisOptions) {
        checkedAtRunTime = options.checkedAtRunTime
        for file in files {
            for (usr, name) in file.declaredNames { names[usr] = name }
            for (usr, name) in file.annotatedSuspending { annotated[usr] = name }
            for (usr, key) in file.addressTaken { addressTaken[usr] = key }
            for f in file.functions where definitions[f.usr] == nil { definitions[f.usr] = f }
        }
        let external = options.external
        names.merge(external.names) { own, _ in own }
        addressTaken.merge(external.addressTaken) { own, _ in own }
        for usr in addressTaken.keys.sorted() {
            let target = addressTaken[usr]!
            takenByType[target.typeKey, default: []].append(usr)
            takenByResult[target.resultKey, default: []].append(usr)
        }
        var seeds = annotated.mapValues { _ in SuspendReason.annotated }
        for (usr, reason) in external.suspending where definitions[usr] == nil && seeds[usr] == nil { seeds[usr] = reason }
        ownReasons = seeds
        fixedPoint(&ownReasons, leaving: options.leftAsWritten)
        directReasons = seeds
        fixedPoint(&directReasons, directOnly: true)
        reasons = ownReasons
        if options.suspendAll {
            // From the seeds again, so that explanations and refusals name --suspend-all as the
            // reason of every function it reaches.
            reasons = seeds
            for (usr, reason) in external.transformedBySuspendAll where definitions[usr] == nil && reasons[usr] == nil {
                reasons[usr] = reason
            }
            let left = Set(definitions.filter { usr, f in
                ownReasons[usr] == nil && (Analysis.cannotTransform(f) || options.leftAsWritten.contains(usr))
            }.keys)
            for (usr, f) in definitions where !Analysis.cannotTransform(f) && !left.contains(usr) { reasons[usr] = .suspendAll }
            fixedPoint(&reasons, leaving: left)
        }
        for file in files {
            for f in file.functions where mayTransform(f) {
                f.complete()
                markCalls(f)
            }
        }
    }

    /// Functions using vfork, getcontext, __builtin_setjmp or alloca, and variadic functions that
    /// take label addresses are never transformed unless they really may suspend (and then that
    /// is an error).
    static func cannotTransform(_ f: Function) -> Bool {
        (f.isVariadic && f.usesLabelAddresses)
            || f.hazards.contains { $0.kind == .setjmp || $0.kind == .alloca }
    }

    private func fixedPoint(_ reasons: inout [String: SuspendReason], leaving left: Set<String> = [], directOnly: Bool = false) {
        var changed = true
        let ordered = definitions.keys.sorted().filter { !left.contains($0) }
        while changed {
            changed = false
            for usr in ordered where reasons[usr] == nil {
                let f = definitions[usr]!
                for call in f.calls where !call.unevaluated {
                    if directOnly, case .indirect? = call.callee { continue }
                    if let reason = reasonForCall(call, reasons) {
                        reasons[usr] = reason
                        changed = true
                        break
                    }
                }
            }
        }
    }

    /// Why a call may suspend, given why functions do, or nil.
    private func reasonForCall(_ call: Expr, _ reasons: [String: SuspendReason]) -> SuspendReason? {
        switch call.callee {
        case .direct(let usr, let name)?:
            return reasons[usr] != nil ? .calls(usr: usr, name: name) : nil
        case .indirect(let typeKey, let resultKey, let prototyped)?:
            for usr in (prototyped ? takenByType[typeKey] : takenByResult[resultKey]) ?? [] where reasons[usr] != nil {
                return .callsIndirectly(usr: usr, name: names[usr] ?? usr, type: typeKey)
            }
            // Seeded under --suspend-all when the rest of the program is unknown: the pointer may
            // hold a transformed function of another unit (variadic ones are assumed not to be).
            if reasons[Analysis.anyOtherUnit] != nil && !typeKey.contains("...") {
                return .callsIndirectly(usr: Analysis.anyOtherUnit, name: "a function of another file", type: typeKey)
            }
            return nil
        case nil:
            return nil
        }
    }

    /// The pseudo-USR behind an indirect call assumed to reach another unit's transformed function.
    static let anyOtherUnit = "stackless:another-unit"

    func maySuspend(_ f: Function) -> Bool { reasons[f.usr] != nil }

    /// Whether the call may suspend (it is a point of its caller, if its caller is transformed).
    func callMaySuspend(_ call: Expr) -> Bool { reasonForCall(call, reasons) != nil }

    /// Whether the function is left as written although it may suspend through calls by pointer.
    func isCheckedAtRunTime(_ usr: String) -> Bool { checkedAtRunTime.contains(usr) }

    /// Whether the function may suspend without --suspend-all only through calls by pointer.
    func suspendsOnlyThroughPointers(_ usr: String) -> Bool {
        ownReasons[usr] != nil && directReasons[usr] == nil
    }

    /// Why the function may suspend without --suspend-all, or nil.
    func ownReason(for usr: String) -> SuspendReason? { ownReasons[usr] }

    /// Whether the function's address is taken somewhere in the program.
    func isAddressTaken(_ usr: String) -> Bool { addressTaken[usr] != nil }

    /// Whether the function gets rewritten (annotated declarations have no body here).
    func mayTransform(_ f: Function) -> Bool { reasons[f.usr] != nil }

    /// Marks the calls of `f` that may suspend, and which expressions contain one.
    private func markCalls(_ f: Function) {
        func visit(_ e: Expr, evaluated: Bool) {
            let live = Set(e.evaluatedChildren.map(ObjectIdentifier.init))
            for child in e.children { visit(child, evaluated: evaluated && live.contains(ObjectIdentifier(child))) }
            if e.kind == .call && evaluated { e.suspends = reasonForCall(e, reasons) != nil }
            // A setjmp call is lowered like a suspending call: it becomes a point of its own.
            e.containsSuspend = e.suspends || (e.isSetjmp && evaluated) || e.evaluatedChildren.contains { $0.containsSuspend }
            if let body = e.statementBody {
                visit(body)
                // Kept as written it would read locals the rewrite renames or moves: always lower.
                e.containsSuspend = evaluated
            }
        }
        func visit(_ s: Stmt) {
            switch s.kind {
            case .compound(let items): items.forEach(visit)
            case .expression(let e): visit(e, evaluated: true)
            case .declaration(let decls, _): decls.forEach { if let i = $0.initializer { visit(i, evaluated: true) } }
            case .ifElse(let c, let t, let e): visit(c, evaluated: true); visit(t); e.map(visit)
            case .whileLoop(let c, let b): visit(c, evaluated: true); visit(b)
            case .doWhile(let b, let c): visit(b); visit(c, evaluated: true)
            case .forLoop(let i, let c, let inc, let b):
                i.map(visit); c.map { visit($0, evaluated: true) }; inc.map { visit($0, evaluated: true) }; visit(b)
            case .switchOn(let c, let b): visit(c, evaluated: true); visit(b)
            case .caseLabel(_, let b), .defaultLabel(let b), .label(_, let b): visit(b)
            case .returnValue(let e): e.map { visit($0, evaluated: true) }
            case .opaque(_, let exprs): exprs.forEach { visit($0, evaluated: true) }
            case .indirectGoto(let e): visit(e, evaluated: true)
            case .gotoLabel, .breakLoop, .continueLoop, .null: break
            }
        }
        visit(f.body)
    }

    /// One call chain that proves the function may suspend: `a -> b -> greenlet_switch`.
    func chain(for usr: String) -> [String] { chain(for: usr, reasons) }

    /// The chain without `--suspend-all`; empty when the function would not suspend.
    func ownChain(for usr: String) -> [String] { ownReasons[usr] == nil ? [] : chain(for: usr, ownReasons) }

    private func chain(for usr: String, _ reasons: [String: SuspendReason]) -> [String] {
        var result: [String] = [names[usr] ?? usr]
        var current = usr
        var seen: Set<String> = [usr]
        while let reason = reasons[current] {
            switch reason {
            case .annotated, .suspendAll:
                return result
            case .elsewhere(_, let rest):
                return result + rest.dropFirst()
            case .calls(let next, let name), .callsIndirectly(let next, let name, _):
                if case .callsIndirectly(_, _, let type) = reason { result.append("(*\(type))") }
                result.append(name)
                if seen.contains(next) { return result }
                seen.insert(next)
                current = next
            }
        }
        return result
    }

    func reason(for usr: String) -> SuspendReason? { reasons[usr] }
}
