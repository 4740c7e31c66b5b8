// Stage 3, lower: a function that may suspend -> the normal form (NormalForm.swift).
//
// Input: a parsed function whose calls the analysis has marked. Output: a `LoweredFunction` in
// which every suspending call is a statement of its own, with C's order of evaluation kept, and
// every point knows which variables its frame must save. For example
//
//     if (ready(q) && take(q) > limit(q)) n += step(q);
//
// with `take` and `step` suspending (and `ready`, `limit` not) becomes
//
//     int sl__t1;
//     if (ready(q)) { __typeof__(take(q)) sl__t0 = take(q); /*point 0*/
//                     sl__t1 = (sl__t0 > limit(q)) != 0; } else sl__t1 = 0;
//     if (sl__t1) { __typeof__(step(q)) sl__t2 = step(q); /*point 1*/ n += sl__t2; }
//
// Locals whose address is taken, and local arrays, move to the greenlet's shadow stack (their
// address must survive a switch); every use becomes `(*(__typeof__(x) *)sl__x_s)`. Locals hidden by
// a nested declaration of the same name are renamed, so that a frame can name each of them.
// Static locals move to file scope, because the function is emitted twice (a normal entry and a
// resume entry) and both must share them; a function that takes label addresses is emitted once
// (`singleBody`), and keeps its static locals, which may hold label addresses, inside.
//
// A variadic function has no variadic arguments after a resume: what may run after a point must
// not need them (no `va_start`, no use of a `va_list`, whose contents point into the unwound
// activation), which is checked here from the same liveness that decides what a frame saves. A
// `va_end` after a point ends nothing and is dropped from the resume entry.

final class Lowering {
    private let f: Function
    private let torture: Bool
    /// Track whether every frame up to the trampoline is transformed code (torture and checked
    /// builds), so that a switch never unwinds through an untransformed frame.
    private let tracksUnwind: Bool
    private var diagnostics: [Diagnostic] = []
    /// The rewrite had to split an expression that has no text of its own (a macro expansion).
    private var reachedIntoMacro = false

    private var variables: [Int: Variable] = [:]   // by the original local's id
    private var nextHidden = 0
    private var scopes: [[Variable]] = [[]]
    private var order = 0
    private var references: [(variable: Variable, order: Int)] = []
    private var points: [Point] = []
    private var openLoops: [LoopRange] = []
    private var labelOrders: [String: Int] = [:]
    private var gotoOrders: [(String, Int)] = []
    private var hoistedStatics: [String] = []
    private var hiddenTop: [(Variable, initialValue: String)] = []
    private var shadowMark: Variable?
    private var unwindOK: Variable?
    /// The activation's setjmp record, in a function that calls setjmp.
    private var jmpRecord: Variable?
    private var setjmpPoints: [SetjmpPoint] = []
    private var blocks: [[LNode]] = [[]]
    private var suspendingNames: Set<String> = []
    /// Emitted as one body (labels as values): static locals stay inside.
    private let singleBody: Bool
    private var hasIndirectGoto = false
    /// Stands for the variadic arguments: mentioned by every `va_start`, live where one may run
    /// again after a point.
    private var variadicArguments: Variable?
    private var vaStartLoc: SourceLoc?

    private final class LoopRange {
        let start: Int
        var end = Int.max
        init(start: Int) { self.start = start }
    }
    private var pointLoops: [ObjectIdentifier: [LoopRange]] = [:]

    private let deepRecursion: Bool

    init(function: Function, torture: Bool, checked: Bool, tracksUnwind: Bool, deepRecursion: Bool) {
        f = function
        self.torture = torture
        self.deepRecursion = deepRecursion
        self.tracksUnwind = tracksUnwind || torture || checked
        singleBody = function.emittedAsOneBody
    }

    static func lower(_ function: Function, torture: Bool, checked: Bool = false, tracksUnwind: Bool = false,
                      deepRecursion: Bool = false) throws -> LoweredFunction {
        let lowering = Lowering(function: function, torture: torture, checked: checked, tracksUnwind: tracksUnwind,
                                deepRecursion: deepRecursion)
        return try lowering.run()
    }

    /// What cannot live across a point (a VLA, a va_list, a va_start that may run again), found
    /// from liveness. The transform asks before it rewrites a function from its expanded form, so
    /// that these messages point at the user's lines.
    static func refusals(_ function: Function, torture: Bool, checked: Bool = false) -> [Diagnostic] {
        let lowering = Lowering(function: function, torture: torture, checked: checked, tracksUnwind: false, deepRecursion: false)
        _ = try? lowering.run()
        return lowering.sortedRefusals
    }

    /// Liveness refusals, apart from the other diagnostics (which may come from macro text that
    /// only the expanded form can rewrite).
    private var refusals: [Diagnostic] = []
    private var sortedRefusals: [Diagnostic] { Stackless.sortedByLocation(refusals) }

    private func run() throws -> LoweredFunction {
        declareVariables()
        for parameter in f.parameters { scopes[0].append(variables[parameter.id]!) }
        if f.isVariadic { variadicArguments = hidden("sl__va_arguments") }
        if tracksUnwind {
            let ok = hidden("sl__ok", alignment: 4)
            unwindOK = ok
            hiddenTop.append((ok, "sl_tls.unwind_ok"))
            scopes[0].append(ok)
        }
        let stableLiterals = f.allExpressions.filter { $0.kind == .compoundLiteral && $0.needsStableAddress }
        // A function that calls setjmp keeps a record on the shadow stack (sl_jmp_record).
        let callsSetjmp = f.allExpressions.contains { $0.isSetjmp && $0.containsSuspend }
        if f.locals.contains(where: { $0.onShadowStack }) || f.parameters.contains(where: { $0.onShadowStack })
            || !stableLiterals.isEmpty || callsSetjmp {
            let mark = hidden("sl__mark")
            shadowMark = mark
            hiddenTop.append((mark, "sl_shadow_mark()"))
            scopes[0].append(mark)
        }
        for local in f.parameters + f.locals where local.onShadowStack {
            let slot = variables[local.id]!.slot!
            hiddenTop.append((slot, "0"))
            scopes[0].append(slot)
        }
        for literal in stableLiterals {
            let slot = hidden("sl__literal_s\(literalSlots.count)")
            literalSlots[ObjectIdentifier(literal)] = slot
            hiddenTop.append((slot, "0"))
            scopes[0].append(slot)
        }
        if callsSetjmp {
            let record = hidden("sl__jr")
            jmpRecord = record
            hiddenTop.append((record, ""))  // the number of sites is known once the body is lowered
            scopes[0].append(record)
        }
        if tracksUnwind { emit(.text("sl_tls.unwind_ok = 0;"), f.body.loc) }
        for parameter in f.parameters where parameter.onShadowStack {
            emit(.text(placement(variables[parameter.id]!, copy: true)), parameter.loc)
        }
        guard case .compound(let items) = f.body.kind else { throw TransformError(f.loc, "function body is not a block") }
        let shadowLocals = f.locals.filter(\.onShadowStack).map(\.id)
        if !shadowLocals.isEmpty {
            slotsAllocatedAtUse = Lowering.enterablePastDeclaration(f.body).intersection(shadowLocals)
        }
        if deepRecursion {
            // When the C stack under the trampoline has grown too deep, every frame moves to the
            // heap and the trampoline goes on from a fresh stack.
            let unwind = block(f.body.loc) { point("sl_stack_unwind()", .discarded, f.body.loc) }
            emit(.ifElse("__builtin_expect(sl_stack_deep(), 0)", unwind, nil), f.body.loc)
        }
        for item in items { try statement(item) }
        if f.name == "main" && !f.returnsVoid {
            emit(.returnValue("0"), f.body.loc)
        } else if shadowMark != nil && f.returnsVoid {
            emit(.returnValue(nil), f.body.loc)
        }
        if let record = jmpRecord, let at = hiddenTop.firstIndex(where: { $0.0 === record }) {
            hiddenTop[at].initialValue = "sl_jmp_enter(\(setjmpPoints.count))"
        }
        let body = LNode(.block(blocks[0]), loc: f.body.loc)
        computeLiveness()
        // Refusals hold on the user's text; a rewrite that reaches into a macro is tried again on
        // the preprocessed form, where the other diagnostics would be found again.
        if !refusals.isEmpty { throw TransformError(sortedRefusals + diagnostics) }
        if reachedIntoMacro { throw MacroExpansionReached(usr: f.usr) }
        if !diagnostics.isEmpty { throw TransformError(diagnostics) }
        let parameters = f.parameters.map { (variables[$0.id]!, $0) }
        let lowered = LoweredFunction(function: f, body: body, points: points, hiddenTop: hiddenTop,
                                      parameters: parameters, hoistedStatics: hoistedStatics,
                                      shadowMark: shadowMark, unwindOK: unwindOK)
        lowered.jmpRecord = jmpRecord
        lowered.setjmpPoints = setjmpPoints
        lowered.functionScope = Set(scopes[0].map(\.id))
        return lowered
    }

    // MARK: - Variables

    private func declareVariables() {
        let all = f.parameters + f.locals
        var counts: [String: Int] = [:]
        for local in all { counts[local.name, default: 0] += 1 }
        // A statement expression's type is written with its text as the user wrote it
        // (`__typeof__(({ x + 1; }))`): a local it mentions keeps its name.
        let statementExpressionTexts = f.allExpressions.filter { $0.kind == .statementExpression }.compactMap(\.sourceText)
        func inStatementExpression(_ name: String) -> Bool {
            statementExpressionTexts.contains { $0.contains(name) && $0.replacingWords(name, with: "") != $0 }
        }
        for local in all {
            var name = local.name
            if local.hasStaticStorage && !local.isParameter && !local.isExtern && !singleBody {
                name = "sl__\(f.name)_\(local.name)_\(local.id)"
            } else if local.onShadowStack && !local.isParameter && !local.pinned && !inStatementExpression(local.name) {
                // It lives in its slot; the declaration on the C stack only carries the
                // initializer there, under a name of the transform's, so that a debugger shows
                // no stale value under the local's own name (gdb: `greenlet bt full`, $shadow).
                name = "sl__\(local.name)_c\(local.id)"
            } else if counts[local.name, default: 0] > 1 && !local.isParameter {
                name = "\(local.name)__sl\(local.id)"
            }
            if (name != local.name || local.onShadowStack) && local.pinned {
                diagnostics.append(Diagnostic(.error, local.loc,
                    "'\(local.name)' is used inside inline assembly or a statement expression in '\(f.name)', which may suspend, and would have to be \(local.onShadowStack ? "moved to the shadow stack" : "renamed"); this is not supported"))
            }
            let v = Variable(id: local.id, name: name)
            v.unsaved = local.hasStaticStorage
            v.holdsVaList = local.holdsVaList
            v.bytesOnly = local.hasVariablyModifiedType
            // A parameter declared as an array or a function is a pointer (alignment unknown here).
            v.alignment = local.isParameter && local.typeSpelling.hasPrefix("__typeof__(") ? 0 : local.alignment
            if local.isParameter { v.sizeOverride = "sizeof(__typeof__(\(local.typeSpelling)))" }
            if local.onShadowStack {
                v.slot = hidden("sl__\(local.name)_s\(local.id)")
                v.unsaved = true
            }
            variables[local.id] = v
        }
    }

    /// A variable the transform adds; most are pointers (the shadow mark, slots, the setjmp
    /// record), whose alignment is taken as 8 on every target: it only orders frame fields.
    private func hidden(_ base: String, alignment: Int = 8) -> Variable {
        nextHidden += 1
        let v = Variable(id: 1_000_000 + nextHidden, name: base)
        v.alignment = alignment
        return v
    }

    /// The statement that gives a shadow-stack local its slot, copying the value it was
    /// initialized with (`copy`) when it has one.
    private func placement(_ v: Variable, copy: Bool) -> String {
        let owned = allocation(v)
        return copy ? "__builtin_memcpy(\(owned), (void *)&\(v.name), sizeof(\(v.name)));" : "(void)\(owned);"
    }

    /// The local's slot, allocated if it has none yet.
    private func allocation(_ v: Variable) -> String {
        let allocate = "sl_shadow_slot(&\(v.slot!.name), sizeof(\(v.name)), __alignof__(\(v.name)))"
        note(v.slot!)
        // In a function that calls setjmp, its record learns where its own allocations end.
        return jmpRecord.map { "sl_jmp_owned(\($0.name), \(allocate))" } ?? allocate
    }

    /// Shadow-stack locals whose scope a jump may enter past the declaration (a case label or a
    /// label after it: SQLite's `case OP_SeekRowid: { int res; ... } case OP_NotExists: ...
    /// res = 0;` inside one block). The declaration that allocates the slot may not have run,
    /// so each use allocates it when it has none.
    private var slotsAllocatedAtUse: Set<Int> = []

    /// The locals declared in a block (or a `for` header) before a label of the same scope.
    static func enterablePastDeclaration(_ s: Stmt) -> Set<Int> {
        var found: Set<Int> = []
        func declared(_ s: Stmt) -> [Int] {
            if case .declaration(let ds, _) = s.kind { return ds.map(\.local.id) }
            return []
        }
        func visit(_ s: Stmt) {
            switch s.kind {
            case .compound(let items):
                var before: [Int] = []
                for item in items {
                    if !before.isEmpty && containsLabel(item) { found.formUnion(before) }
                    before += declared(item)
                    visit(item)
                }
            case .forLoop(let initial, _, _, let body):
                if let initial {
                    if containsLabel(body) { found.formUnion(declared(initial)) }
                    visit(initial)
                }
                visit(body)
            case .ifElse(_, let then, let otherwise):
                visit(then)
                if let otherwise { visit(otherwise) }
            case .whileLoop(_, let body), .doWhile(let body, _), .switchOn(_, let body),
                 .caseLabel(_, let body), .defaultLabel(let body), .label(_, let body):
                visit(body)
            case .expression, .declaration, .gotoLabel, .indirectGoto, .breakLoop, .continueLoop,
                 .returnValue, .null, .opaque:
                break
            }
        }
        // The case labels of a switch inside the scope are entered from inside it.
        func containsLabel(_ s: Stmt) -> Bool { containsLabel(s, caseLabels: true) }
        func containsLabel(_ s: Stmt, caseLabels: Bool) -> Bool {
            switch s.kind {
            case .label: return true
            case .caseLabel(_, let body), .defaultLabel(let body):
                return caseLabels || containsLabel(body, caseLabels: false)
            case .compound(let items): return items.contains { containsLabel($0, caseLabels: caseLabels) }
            case .forLoop(_, _, _, let body), .whileLoop(_, let body), .doWhile(let body, _):
                return containsLabel(body, caseLabels: caseLabels)
            case .switchOn(_, let body):
                return containsLabel(body, caseLabels: false)
            case .ifElse(_, let then, let otherwise):
                return containsLabel(then, caseLabels: caseLabels) || (otherwise.map { containsLabel($0, caseLabels: caseLabels) } ?? false)
            case .expression, .declaration, .gotoLabel, .indirectGoto, .breakLoop, .continueLoop,
                 .returnValue, .null, .opaque:
                return false
            }
        }
        visit(s)
        return found
    }

    private func note(_ v: Variable) { references.append((v, order)) }

    /// Variables mentioned by text not yet emitted. A mention counts from the end of the
    /// statement that holds it (later is safe: it can only keep a variable longer), except that
    /// the arguments of a suspending call are read before the call.
    private var pending: [[Variable]] = [[]]
    private func mention(_ v: Variable) { pending[pending.count - 1].append(v) }
    private func flushMentions() {
        for v in pending[pending.count - 1] { note(v) }
        pending[pending.count - 1].removeAll()
    }

    // MARK: - Building blocks

    private func emit(_ kind: LNode.Kind, _ loc: SourceLoc) {
        order += 1
        blocks[blocks.count - 1].append(LNode(kind, loc: loc))
    }

    /// Lowers `body` into a block of its own and returns it.
    private func block(_ loc: SourceLoc, _ body: () throws -> Void) rethrows -> LNode {
        blocks.append([])
        scopes.append([])
        try body()
        scopes.removeLast()
        let items = blocks.removeLast()
        return LNode(.block(items), loc: loc)
    }

    private func loop(_ body: () throws -> Void) rethrows {
        order += 1  // mentions before the loop are not in it
        let range = LoopRange(start: order)
        openLoops.append(range)
        try body()
        range.end = order
        openLoops.removeLast()
    }

    /// Declares `v` in the current block. A loop's own flag (`sl__first`) is declared in the
    /// loop's header, outside its body: it carries a value from one iteration to the next.
    private func declare(_ v: Variable, inLoopHeader: Bool = false) {
        scopes[scopes.count - 1].append(v)
        declaredInLoops[ObjectIdentifier(v)] = inLoopHeader ? Array(openLoops.dropLast()) : openLoops
    }

    /// The loops whose body declares each variable: such a variable cannot carry a value from
    /// one iteration to the next.
    private var declaredInLoops: [ObjectIdentifier: [LoopRange]] = [:]

    /// Adds a suspend point; `declares` is the variable the point's statement declares.
    private func point(_ call: String, _ result: PointResult, _ loc: SourceLoc, declares: Variable? = nil, gate: String? = nil) {
        order += 1
        let p = Point(index: points.count, call: call, result: result, loc: loc, order: order,
                      inScope: scopes.flatMap { $0 })
        p.unwindGate = gate
        order += 1
        pointLoops[ObjectIdentifier(p)] = openLoops
        points.append(p)
        blocks[blocks.count - 1].append(LNode(.point(p), loc: loc))
        if let declares { declare(declares) }
        for v in p.inScope where !reportedVLAs.contains(v.id) {
            guard let local = (f.locals.first { $0.id == v.id }), !local.hasStaticStorage else { continue }
            if local.isVariablyModified {
                reportedVLAs.insert(v.id)
                refusals.append(Diagnostic(.error, loc,
                    "this call may suspend while the variable-length array '\(local.name)' (declared at \(local.loc)) is live; a VLA cannot survive a switch (use malloc, or a fixed-size array)"))
            } else if local.hasVariablyModifiedType {
                // A pointer to a VLA (`int (*rows)[n]`): the resume entry would jump into its
                // scope, which C forbids for a type whose size is computed at run time.
                reportedVLAs.insert(v.id)
                refusals.append(Diagnostic(.error, loc,
                    "this call may suspend while '\(local.name)' (declared at \(local.loc)), whose type has a run-time size (a pointer to a variable-length array), is in scope; such a variable cannot survive a switch (declare it in a block that ends before the call, or use a plain pointer and index it by hand)"))
            }
        }
        if torture && !result.isTail {
            order += 1
            let yield = Point(index: points.count, call: "sl_torture_yield()", result: .discarded, loc: loc,
                              order: order, inScope: scopes.flatMap { $0 })
            order += 1
            pointLoops[ObjectIdentifier(yield)] = openLoops
            points.append(yield)
            blocks[blocks.count - 1].append(LNode(.point(yield), loc: loc))
        }
    }

    /// Variable-length arrays already reported: one message per array, at its first point.
    private var reportedVLAs: Set<Int> = []

    // MARK: - Expressions

    /// The expression's text with locals renamed or moved; calls stay where they are.
    func render(_ e: Expr) -> String {
        if e.vaBuiltin == .end {
            // After a point it ends arguments that are gone: it reads nothing a frame must keep.
            pending.append([])
            defer { pending.removeLast() }
            return e.sourceText.flatMap { needsRewrite(e) ? nil : $0 } ?? combine(e, e.children.map(render))
        }
        if e.vaBuiltin == .start { noteVaStart(e) }
        if e.kind == .declRef, let id = e.local, let v = variables[id] {
            mention(v.slot ?? v)
            if let slot = v.slot {
                if slotsAllocatedAtUse.contains(id) { return "(*(__typeof__(\(v.name)) *)\(allocation(v)))" }
                return "(*(__typeof__(\(v.name)) *)\(slot.name))"
            }
            return v.name
        }
        if let slot = literalSlots[ObjectIdentifier(e)] {
            return stableLiteral(combine(e, e.children.map(render)), slot)
        }
        if !needsRewrite(e), let text = e.sourceText {
            func visit(_ node: Expr) {
                if node.vaBuiltin == .end { return }
                if node.vaBuiltin == .start { noteVaStart(node) }
                if node.kind == .declRef, let id = node.local, let v = variables[id] { mention(v.slot ?? v) }
                node.children.forEach(visit)
            }
            visit(e)
            return text
        }
        return combine(e, e.children.map(render))
    }

    private func noteVaStart(_ e: Expr) {
        guard let arguments = variadicArguments else { return }
        mention(arguments)
        if vaStartLoc == nil { vaStartLoc = e.loc }
    }

    /// Shadow-stack homes of compound literals whose address may be kept.
    private var literalSlots: [ObjectIdentifier: Variable] = [:]

    private var rewriteCache: [ObjectIdentifier: Bool] = [:]

    /// Whether the node's original text cannot be kept: it mentions a renamed or moved local.
    private func needsRewrite(_ e: Expr) -> Bool {
        if let cached = rewriteCache[ObjectIdentifier(e)] { return cached }
        var result = false
        if literalSlots[ObjectIdentifier(e)] != nil {
            result = true
        } else if e.kind == .declRef, let id = e.local, let v = variables[id] {
            result = v.slot != nil || v.name != (f.parameters + f.locals).first(where: { $0.id == id })?.name
        } else {
            result = e.children.contains(where: needsRewrite)
        }
        rewriteCache[ObjectIdentifier(e)] = result
        return result
    }

    /// Moves the suspending calls of `e` into points before it and returns what is left.
    private func lower(_ e: Expr) -> String {
        guard e.containsSuspend else { return render(e) }
        switch e.kind {
        case .call where e.isSetjmp:
            return setjmpPoint(e)
        case .call where e.suspends:
            let text = suspendingCall(e)
            if e.isVoid {
                point(text, .discarded, e.loc, gate: e.unwindGate)
                return "((void)0)"
            }
            let t = temporary(of: e)
            point(text, .temporary(t), e.loc, declares: t, gate: e.unwindGate)
            mention(t)
            return t.name
        case .binary("&&"), .binary("||"):
            guard e.children.count == 2, e.children[1].containsSuspend else { break }
            let isAnd = e.kind == .binary("&&")
            let left = Lowering.truth(lower(e.children[0]))
            let r = temporary(alignment: 4)
            emit(.text("int \(r.name) = 0;"), e.loc)
            declare(r)
            mention(r)
            let evaluateRight = block(e.loc) {
                let right = lower(e.children[1])
                mention(r)
                emit(.text("\(r.name) = (\(right)) != 0;"), e.loc)
            }
            let shortCut = LNode(.text("\(r.name) = \(isAnd ? 0 : 1);"), loc: e.loc)
            emit(isAnd ? .ifElse(left, evaluateRight, shortCut) : .ifElse(left, shortCut, evaluateRight), e.loc)
            mention(r)
            return r.name
        case .conditional:
            guard e.children[1].containsSuspend || e.children[2].containsSuspend else { break }
            let condition = Lowering.truth(lower(e.children[0]))
            if e.isVoid {
                let then = block(e.loc) { emit(.text("(void)(\(lower(e.children[1])));"), e.loc) }
                let otherwise = block(e.loc) { emit(.text("(void)(\(lower(e.children[2])));"), e.loc) }
                emit(.ifElse(condition, then, otherwise), e.loc)
                return "((void)0)"
            }
            let r = temporary(of: e)
            emit(.text("__typeof__(\(render(e))) \(r.name) = {0};"), e.loc)
            declare(r)
            // The middle operand may be a comma expression (`c ? (*p = x), 1 : f()`, a macro's):
            // as the right side of an assignment it needs its parentheses.
            let then = block(e.loc) { let v = lower(e.children[1]); mention(r); emit(.text("\(r.name) = (\(v));"), e.loc) }
            let otherwise = block(e.loc) { let v = lower(e.children[2]); mention(r); emit(.text("\(r.name) = (\(v));"), e.loc) }
            emit(.ifElse(condition, then, otherwise), e.loc)
            mention(r)
            return r.name
        case .binary(","):
            guard e.children.count == 2 else { break }
            let left = lower(e.children[0])
            guard e.children[1].containsSuspend else {
                // The left operand's call has become its temporary, which alone has no effect
                // (-Wunused-value): its value was discarded, and stays so.
                return combine(e, ["(void)(\(left))", render(e.children[1])])
            }
            emit(.text("(void)(\(left));"), e.loc)
            return lower(e.children[1])
        case .genericSelection:
            return genericSelection(e)
        case .statementExpression:
            return statementExpression(e)
        default:
            break
        }
        let text = combine(e, e.children.map(lower))
        if let slot = literalSlots[ObjectIdentifier(e)] { return stableLiteral(text, slot) }
        return text
    }

    /// An operand (of `&&`, `||`, `?:`) as the condition of an `if`: `(x == 1) != 0`, where
    /// `if ((x == 1))` would read to clang as a comparison in extraneous parentheses (the idiom
    /// that marks an assignment), -Wparentheses-equality.
    static func truth(_ operand: String) -> String { "(\(operand)) != 0" }

    /// A compound literal moved to its shadow-stack home (copied there each time it is evaluated,
    /// as a compound literal is initialised each time).
    private func stableLiteral(_ text: String, _ slot: Variable) -> String {
        mention(slot)
        var copy = "sl_shadow_copy(&\(slot.name), &\(text), sizeof(\(text)), __alignof__(\(text)))"
        if let record = jmpRecord { copy = "sl_jmp_owned(\(record.name), \(copy))" }
        return "(*(__typeof__(\(text)) *)\(copy))"
    }

    /// A `_Generic` whose associations may suspend: only the selected one is evaluated, and the
    /// compiler knows which, so the same `_Generic` with each association replaced by its
    /// number selects the branch to run.
    private func genericSelection(_ e: Expr) -> String {
        guard e.gaps.count == e.children.count + 1, e.children.count >= 2 else {
            diagnostics.append(Diagnostic(.error, e.loc, "cannot rewrite this _Generic selection"))
            return render(e)
        }
        var selector = e.gaps[0] + render(e.children[0]) + e.gaps[1]
        for i in 1..<e.children.count { selector += "\(i)" + e.gaps[i + 1] }
        var result: Variable?
        if !e.isVoid {
            let r = temporary(of: e)
            emit(.text("__typeof__(\(render(e))) \(r.name) = {0};"), e.loc)
            declare(r)
            result = r
        }
        var otherwise: LNode?
        for i in (1..<e.children.count).reversed() {
            let branch = block(e.loc) {
                let v = lower(e.children[i])
                if let r = result { mention(r); emit(.text("\(r.name) = \(v);"), e.loc) } else { emit(.text("(void)(\(v));"), e.loc) }
                flushMentions()
            }
            otherwise = LNode(.ifElse("(\(selector)) == \(i)", branch, otherwise), loc: e.loc)
        }
        if let otherwise {
            blocks[blocks.count - 1].append(otherwise)
            order += 1
        }
        guard let r = result else { return "((void)0)" }
        mention(r)
        return r.name
    }

    /// A GNU statement expression that may suspend becomes a block before the expression; its
    /// value (the last statement's) goes to a temporary.
    private func statementExpression(_ e: Expr) -> String {
        guard let body = e.statementBody, case .compound(var items) = body.kind else {
            diagnostics.append(Diagnostic(.error, e.loc, "cannot rewrite this statement expression"))
            return render(e)
        }
        var result: Variable?
        if !e.isVoid {
            guard let text = e.sourceText else {
                diagnostics.append(Diagnostic(.error, e.loc, "cannot rewrite this statement expression: its type cannot be written"))
                return render(e)
            }
            let r = temporary(of: e)
            emit(.text("__typeof__(\(text)) \(r.name) = {0};"), e.loc)
            declare(r)
            result = r
        }
        let last = items.popLast()
        let inner = block(e.loc) {
            do {
                for item in items { try statement(item) }
                if let last {
                    if let r = result, case .expression(let value) = last.kind {
                        let v = lower(value)
                        mention(r)
                        emit(.text("\(r.name) = (\(v));"), last.loc)  // `({ ...; a, b; })`: a comma
                        flushMentions()
                    } else {
                        try statement(last)
                    }
                }
            } catch let error as TransformError {
                diagnostics += error.diagnostics
            } catch {}
        }
        blocks[blocks.count - 1].append(inner)
        order += 1
        guard let r = result else { return "((void)0)" }
        mention(r)
        return r.name
    }

    /// `int t = setjmp(buf);` as a setjmp point of its own; returns `t`.
    private func setjmpPoint(_ e: Expr) -> String {
        guard case .direct(_, let name)? = e.callee, e.children.count >= 2, let record = jmpRecord else {
            diagnostics.append(Diagnostic(.error, e.loc, "cannot rewrite this setjmp call"))
            return render(e)
        }
        let arguments = e.children.dropFirst().map(lower)
        let t = temporary(alignment: 4)
        let p = SetjmpPoint(site: setjmpPoints.count, function: name, buffer: arguments[0],
                            saveMask: arguments.count > 1 ? arguments[1] : nil, result: t)
        setjmpPoints.append(p)
        note(record)
        emit(.setjmpPoint(p), e.loc)
        declare(t)
        mention(t)
        return t.name
    }

    /// The text of a suspending call with its arguments lowered; what they mention is read now.
    ///
    /// Where the build tracks `sl_tls.unwind_ok`, the point sets it right before the call, so
    /// the call's other calls (in its arguments or callee) must run before that: a function they
    /// reach must not see the flag, which only the point's callee may take. Such arguments are
    /// evaluated into temporaries first (C leaves the order of arguments unspecified).
    private func suspendingCall(_ e: Expr) -> String {
        pending.append([])
        var parts = e.children.map(lower)
        if tracksUnwind {
            for (i, child) in e.children.enumerated() where Lowering.mayCall(parts[i]) {
                let t = temporary(of: child)
                emit(.text("__typeof__(((void)0, \(parts[i]))) \(t.name) = \(parts[i]);"), child.loc)
                declare(t)
                mention(t)
                parts[i] = t.name
            }
        }
        let text = combine(e, parts)
        flushMentions()
        pending.removeLast()
        return text
    }

    /// Whether the text of an expression may call a function: an identifier (not a keyword or
    /// a compiler builtin), `)` or `]` followed by `(`, outside literals. (A cast followed by a
    /// parenthesis counts too: then a temporary is made that was not needed.)
    static func mayCall(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        let notCalls: Set<String> = ["sizeof", "_Alignof", "alignof", "__alignof__", "__alignof", "typeof",
                                     "__typeof__", "__typeof", "_Generic", "__extension__", "_Static_assert"]
        var i = 0
        var previous = ""  // the identifier or punctuator just before
        while i < bytes.count {
            let b = bytes[i]
            if b == UInt8(ascii: "\"") || b == UInt8(ascii: "'") {
                i += 1
                while i < bytes.count && bytes[i] != b {
                    if bytes[i] == UInt8(ascii: "\\") { i += 1 }
                    i += 1
                }
                i += 1
                previous = "literal"
                continue
            }
            if isIdentifierByte(b) {
                var j = i
                while j < bytes.count && isIdentifierByte(bytes[j]) { j += 1 }
                previous = String(decoding: bytes[i..<j], as: UTF8.self)
                i = j
                continue
            }
            if b == 32 || b == 9 || b == 10 || b == 13 { i += 1; continue }
            if b == UInt8(ascii: "(") {
                if previous == ")" || previous == "]" { return true }
                if let first = previous.utf8.first, isIdentifierByte(first), !(first >= 48 && first <= 57),
                   !notCalls.contains(previous), !previous.hasPrefix("__builtin_") { return true }
            }
            previous = String(UnicodeScalar(b))
            i += 1
        }
        return false
    }

    private func combine(_ e: Expr, _ parts: [String]) -> String {
        guard e.gaps.count == parts.count + 1 else {
            reachedIntoMacro = true
            return e.sourceText ?? ""
        }
        var text = e.gaps[0]
        for (i, part) in parts.enumerated() { text += part + e.gaps[i + 1] }
        return text
    }

    private var temporaryCount = 0
    /// A temporary that holds the value of `e` (its frame field takes the expression's layout).
    private func temporary(of e: Expr) -> Variable {
        let v = temporary(alignment: e.alignment)
        v.bytesOnly = e.hasVariablyModifiedType
        return v
    }

    private func temporary(alignment: Int) -> Variable {
        temporaryCount += 1
        let v = hidden("sl__t\(temporaryCount)", alignment: alignment)
        return v
    }

    // MARK: - Statements

    private func statement(_ s: Stmt) throws {
        defer { flushMentions() }
        switch s.kind {
        case .compound(let items):
            let b = try block(s.loc) { for item in items { try statement(item) } }
            blocks[blocks.count - 1].append(b)
            order += 1
        case .expression(let e):
            try expressionStatement(e, loc: s.loc)
        case .declaration(let declarators, let text):
            declaration(declarators, text: text, loc: s.loc)
        case .ifElse(let c, let t, let e):
            let condition = lower(c)
            let then = try block(t.loc) { try statement(t) }
            let otherwise = try e.map { e in try block(e.loc) { try statement(e) } }
            emit(.ifElse(condition, then, otherwise), s.loc)
        case .whileLoop(let c, let body):
            try loop {
                if c.containsSuspend {
                    let inner = try block(s.loc) {
                        let condition = lower(c)
                        emit(.ifElse("!(\(condition))", LNode(.text("break;"), loc: s.loc), nil), s.loc)
                        try statement(body)
                    }
                    emit(.forLoop(initial: "", condition: "", increment: "", body: inner), s.loc)
                } else {
                    let condition = render(c)
                    emit(.whileLoop(condition, try block(body.loc) { try statement(body) }), s.loc)
                }
            }
        case .doWhile(let body, let c):
            try loop {
                if c.containsSuspend {
                    let first = hidden("sl__first", alignment: 4)
                    let outer = try block(s.loc) {
                        declare(first, inLoopHeader: true)
                        mention(first)
                        let inner = try block(s.loc) {
                            let check = block(s.loc) {
                                let condition = lower(c)
                                emit(.ifElse("!(\(condition))", LNode(.text("break;"), loc: s.loc), nil), s.loc)
                            }
                            mention(first)
                            emit(.ifElse("!\(first.name)", check, nil), s.loc)
                            try statement(body)
                        }
                        mention(first)
                        emit(.forLoop(initial: "int \(first.name) = 1;", condition: "", increment: "\(first.name) = 0", body: inner), s.loc)
                    }
                    blocks[blocks.count - 1].append(outer)
                } else {
                    let inner = try block(body.loc) { try statement(body) }
                    emit(.doWhile(inner, render(c), c.loc), s.loc)
                }
            }
        case .forLoop(let initial, let c, let inc, let body):
            let outer = try block(s.loc) {
                if let initial { try statement(initial) }
                try loop {
                    let heavy = (c?.containsSuspend ?? false) || (inc?.containsSuspend ?? false)
                    if heavy {
                        let first = hidden("sl__first", alignment: 4)
                        declare(first, inLoopHeader: true)
                        mention(first)
                        let inner = try block(s.loc) {
                            if let inc {
                                let step = block(s.loc) { emit(.text("(void)(\(lower(inc)));"), inc.loc) }
                                mention(first)
                                emit(.ifElse("!\(first.name)", step, nil), s.loc)
                            }
                            if let c {
                                let condition = lower(c)
                                emit(.ifElse("!(\(condition))", LNode(.text("break;"), loc: s.loc), nil), s.loc)
                            }
                            try statement(body)
                        }
                        mention(first)
                        emit(.forLoop(initial: "int \(first.name) = 1;", condition: "", increment: "\(first.name) = 0", body: inner), s.loc)
                    } else {
                        let condition = c.map(render) ?? ""
                        let increment = inc.map(render) ?? ""
                        let inner = try block(body.loc) { try statement(body) }
                        emit(.forLoop(initial: ";", condition: condition, increment: increment, body: inner), s.loc)
                    }
                }
            }
            blocks[blocks.count - 1].append(outer)
            order += 1
        case .switchOn(let c, let body):
            let condition = lower(c)
            emit(.switchOn(condition, try block(body.loc) { try statement(body) }), s.loc)
        case .caseLabel(let text, let body):
            if text.isEmpty { reachedIntoMacro = true }
            emit(.label(text.trimmingWhitespace), s.loc)
            try statement(body)
        case .defaultLabel(let body):
            emit(.label("default:"), s.loc)
            try statement(body)
        case .label(let name, let body):
            labelOrders[name] = order
            emit(.label("\(name):"), s.loc)
            try statement(body)
        case .gotoLabel(let name):
            gotoOrders.append((name, order))
            emit(.text("goto \(name);"), s.loc)
        case .indirectGoto(let target):
            hasIndirectGoto = true
            emit(.text("goto *\(lower(target));"), s.loc)
        case .breakLoop:
            emit(.text("break;"), s.loc)
        case .continueLoop:
            emit(.text("continue;"), s.loc)
        case .returnValue(let e):
            try returnStatement(e, loc: s.loc)
        case .null:
            emit(.text(";"), s.loc)
        case .opaque(let text, let exprs):
            for e in exprs { _ = render(e) }
            emit(.text(text), s.loc)
        }
    }

    private func expressionStatement(_ e: Expr, loc: SourceLoc) throws {
        var inner = e
        while inner.kind == .paren, inner.children.count == 1 { inner = inner.children[0] }
        if inner.kind == .call && inner.suspends {
            point(suspendingCall(inner), .discarded, loc, gate: inner.unwindGate)
            return
        }
        if inner.kind == .call && inner.isSetjmp {
            _ = setjmpPoint(inner)
            return
        }
        if case .binary("=") = inner.kind, inner.children.count == 2 {
            let target = inner.children[0], value = inner.children[1]
            if target.kind == .declRef, let id = target.local, let v = variables[id], v.slot == nil, !v.unsaved,
               value.kind == .call, value.suspends {
                let call = suspendingCall(value)
                point(call, .variable(v), loc, gate: value.unwindGate)
                return
            }
        }
        let text = lower(e)
        if text != "((void)0)" { emit(.text("\(text);"), loc) }
    }

    private func declaration(_ declarators: [VarDecl], text: String, loc: SourceLoc) {
        let changes = declarators.contains { d in
            let v = variables[d.local.id]!
            return v.slot != nil || v.name != d.local.name || (d.initializer.map { $0.containsSuspend || needsRewrite($0) } ?? false)
                || d.local.isRegister || Lowering.restoredConst(d)
        }
        if !changes {
            for d in declarators { if let i = d.initializer { _ = render(i) } }
            emit(.text(text), loc)
            for d in declarators { declare(variables[d.local.id]!) }
            return
        }
        for (i, d) in declarators.enumerated() {
            let local = d.local
            let v = variables[local.id]!
            var head = d.head
            if i > 0 || Lowering.restoredConst(d) {
                guard local.typeSpellable else {
                    diagnostics.append(Diagnostic(.error, local.loc,
                        "cannot split this declaration: the type of '\(local.name)' has no name; declare it separately"))
                    continue
                }
                let storage = local.hasStaticStorage ? "static " : ""
                head = "\(storage)\(local.restorableTypeSpelling) \(v.name)" + (d.initializer != nil ? " =" : "")
            } else {
                // Rename the declared name and the renamed locals the head mentions, last first.
                var edits: [(Range<Int>, String)] = []
                if let range = d.nameRange, v.name != local.name { edits.append((range, v.name)) }
                for (range, id) in d.headLocals {
                    guard let other = variables[id], let original = (f.parameters + f.locals).first(where: { $0.id == id }),
                          other.name != original.name else { continue }
                    guard let range else {
                        diagnostics.append(Diagnostic(.error, local.loc,
                            "the declaration of '\(local.name)' mentions '\(original.name)', which must be renamed because a nested declaration hides it; rename one of them"))
                        continue
                    }
                    edits.append((range, other.name))
                }
                var bytes = Array(head.utf8)
                for (range, name) in edits.sorted(by: { $0.0.lowerBound > $1.0.lowerBound }) {
                    bytes.replaceSubrange(range, with: Array(name.utf8))
                }
                head = String(decoding: bytes, as: UTF8.self)
            }
            if local.isRegister { head = Lowering.removingRegister(head) }
            if local.hasStaticStorage && !local.isExtern && !singleBody {
                // Shared by both copies of the function: declared once at file scope, where
                // an unused one would be reported as a file's static, by its generated name.
                // (The attribute leads the declaration: its head may end in a comment.)
                let value = d.initializer.map { " " + render($0) } ?? ""
                hoistedStatics.append("__attribute__((unused)) \(head)\(value);")
                continue
            }
            if let initializer = d.initializer {
                var inner = initializer
                while inner.kind == .paren, inner.children.count == 1 { inner = inner.children[0] }
                if inner.kind == .call && inner.suspends && v.slot == nil && !v.unsaved {
                    let call = suspendingCall(inner)
                    declare(v)
                    point(call, .declaration(head: head, v), loc, gate: inner.unwindGate)
                } else if initializer.containsSuspend && Lowering.mentions(initializer, local: local.id) {
                    // `T *p = wrap(alloc(sizeof *p));`: the variable is in scope in its own
                    // initializer, and the calls taken out of it go before the declaration. So
                    // it is declared first and assigned.
                    guard !local.containsArray, !local.isConst, head.hasSuffix("=") else {
                        diagnostics.append(Diagnostic(.error, local.loc,
                            "the initializer of '\(local.name)' mentions '\(local.name)' and calls a function that may suspend; the call must come before the declaration, where '\(local.name)' is not declared yet (declare it first, then assign it)"))
                        continue
                    }
                    emit(.text("\(String(head.dropLast()).trimmingWhitespace);"), loc)
                    declare(v)
                    let value = lower(initializer)
                    emit(.text("\(v.name) = \(value);"), loc)
                } else {
                    let value = lower(initializer)
                    emit(.text("\(head) \(value);"), loc)
                    declare(v)
                }
            } else {
                emit(.text("\(head);"), loc)
                declare(v)
            }
            if v.slot != nil {
                emit(.text(placement(v, copy: d.initializer != nil)), loc)
            }
        }
    }

    /// A `const` local of automatic storage that a resume entry may restore: declared without the
    /// qualifier (see `Local.restorableTypeSpelling`), unless its declaration carries attributes
    /// or an alignment that the plain type would lose.
    static func restoredConst(_ d: VarDecl) -> Bool {
        let local = d.local
        return local.isConst && !local.containsArray && !local.hasStaticStorage && local.typeSpellable
            && !["__attribute__", "_Alignas", "alignas", "__declspec"].contains { d.head.contains($0) }
    }

    /// Whether `e` refers to the local `id` anywhere, unevaluated operands included.
    static func mentions(_ e: Expr, local id: Int) -> Bool {
        e.local == id || e.children.contains { mentions($0, local: id) }
    }

    static func removingRegister(_ text: String) -> String {
        var words = text.split(separator: " ", omittingEmptySubsequences: false)
        words.removeAll { $0 == "register" }
        return words.joined(separator: " ")
    }

    private func returnStatement(_ e: Expr?, loc: SourceLoc) throws {
        guard let e else {
            emit(.returnValue(nil), loc)
            return
        }
        var inner = e
        while inner.kind == .paren, inner.children.count == 1 { inner = inner.children[0] }
        if inner.kind == .call && inner.suspends && shadowMark == nil
            && (f.returnsVoid ? inner.isVoid : inner.canonicalType == f.returnTypeCanonical) {
            point(suspendingCall(inner), .tailReturn, loc, gate: inner.unwindGate)
            return
        }
        let value = lower(e)
        if f.returnsVoid {
            if value != "((void)0)" { emit(.text("(void)(\(value));"), loc) }
            emit(.returnValue(nil), loc)
        } else {
            emit(.returnValue(value), loc)
        }
    }

    // MARK: - Liveness

    /// A variable in scope at a point is saved if it is mentioned after the point, or in a loop
    /// around the point that it was declared outside of (the next iteration may read it). A jump
    /// backwards makes every variable in scope live. The variable the point's call assigns is not
    /// saved (`x = f();`, `int x = f();`): the resumed activation sets it from the result.
    private func computeLiveness() {
        // A `goto *` may go to any label whose address was taken, and a longjmp to any setjmp of
        // the function: as if backwards.
        let backwardJump = hasIndirectGoto || jmpRecord != nil
            || gotoOrders.contains { name, at in (labelOrders[name] ?? Int.max) < at }
        var lastMention: [ObjectIdentifier: Int] = [:]
        var mentions: [ObjectIdentifier: [Int]] = [:]
        for (v, at) in references {
            let key = ObjectIdentifier(v)
            lastMention[key] = max(lastMention[key] ?? 0, at)
            mentions[key, default: []].append(at)
        }
        func isLive(_ v: Variable, at p: Point) -> Bool {
            let key = ObjectIdentifier(v)
            if v === unwindOK || v === shadowMark || v === jmpRecord || backwardJump { return true }
            if (lastMention[key] ?? 0) > p.order { return true }
            let inside = Set((declaredInLoops[key] ?? []).map(ObjectIdentifier.init))
            return (pointLoops[ObjectIdentifier(p)] ?? []).contains { loop in
                !inside.contains(ObjectIdentifier(loop))
                    && mentions[key, default: []].contains { (loop.start...loop.end).contains($0) }
            }
        }
        var reportedVaLists: Set<ObjectIdentifier> = []
        for p in points {
            var seen: Set<ObjectIdentifier> = []
            // The variable the call assigns is dead at the point: a resumed activation sets it
            // from the call's result (unless a jump may land elsewhere: a longjmp, a `goto *`).
            var assigned: Variable?
            switch p.result {
            case .variable(let v), .declaration(_, let v): assigned = backwardJump ? nil : v
            default: break
            }
            p.saved = p.inScope.filter { v in
                let key = ObjectIdentifier(v)
                guard !v.unsaved, !seen.contains(key), v !== assigned else { return false }
                seen.insert(key)
                return isLive(v, at: p)
            }
            for v in p.saved where v.holdsVaList && !reportedVaLists.contains(ObjectIdentifier(v)) {
                reportedVaLists.insert(ObjectIdentifier(v))
                let name = (f.parameters + f.locals).first { $0.id == v.id }?.name ?? v.name
                refusals.append(Diagnostic(.error, p.loc,
                    "'\(name)' (a va_list) is used after this call, which may suspend; a va_list points into the arguments of a variadic call on the C stack, which a switch unwinds (finish with it before the call, or pass the values it reads)"))
            }
            if let arguments = variadicArguments, let at = vaStartLoc, !p.isTail,
               mentions[ObjectIdentifier(arguments)] != nil, isLive(arguments, at: p) {
                refusals.append(Diagnostic(.error, p.loc,
                    "'\(f.name)' may call va_start (at \(at)) after this call, which may suspend; a resumed function has no variadic arguments (read them before the first call that may suspend)"))
                variadicArguments = nil  // one message
            }
        }
    }
}

/// The lowering had to rewrite inside a macro expansion, which has no text to split: the function
/// must be rewritten from its preprocessed form.
struct MacroExpansionReached: Error {
    let usr: String
}
