// The normal form: what the lowering stage produces and the emitter consumes.
//
// Rules (checked by `NormalForm.check`):
//  1. Every call that may suspend is a suspend point of its own (`Point`), never part of a larger
//     expression: `t = f(a, b);`, `x = f(a);`, `T x = f(a);` or `f(a);`.
//  2. No text of any other node contains a call that may suspend; `&&`, `||`, `?:` and `,` whose
//     later operands may suspend have become branches, and loop conditions and `for` increments
//     that may suspend have moved into the loop body, keeping C's order of evaluation.
//  3. Every point knows the variables in scope at it (`inScope`), innermost declaration last; the
//     emitter saves those still live.
//  4. Every variable is declared before any point that lists it, in the same or an enclosing
//     block, so that a jump to a resume label lands where all of them are visible.
//  5. A setjmp call in a function that may suspend is a `SetjmpPoint` of its own: `int t =
//     setjmp(buf);`, its value used through `t`.

/// A variable of the emitted function: a local or parameter of the original, or one the
/// lowering introduced (temporaries, loop flags, shadow-stack slots).
final class Variable {
    let id: Int
    /// The name in the emitted code.
    let name: String
    /// Lives on the greenlet's shadow stack; the emitted code reaches it through `slot`.
    var slot: Variable?
    /// Never saved: static storage, or kept only on the shadow stack.
    var unsaved = false
    /// Its size as a C expression (`sizeof(x)`; for parameters, of their adjusted type, since
    /// `sizeof` of a parameter declared as an array draws a warning).
    var size: String { sizeOverride ?? "sizeof(\(name))" }
    var sizeOverride: String?
    /// A va_list (or holds one): never valid after a switch.
    var holdsVaList = false
    /// Its alignment on the target (0: unknown), to order the fields of a frame.
    var alignment = 0
    /// Its type is variably modified: a frame keeps it as bytes, not as a typed field.
    var bytesOnly = false

    init(id: Int, name: String) {
        self.id = id
        self.name = name
    }
}

/// Where the value of a suspending call goes.
enum PointResult {
    case discarded
    /// `__typeof__(call) name = call;`
    case temporary(Variable)
    /// `name = call;`
    case variable(Variable)
    /// `head call;`, the declaration of `Variable` with the call as its initializer.
    case declaration(head: String, Variable)
    /// `return call;` with the call's type equal to the function's: no frame is needed.
    case tailReturn

    var isTail: Bool {
        if case .tailReturn = self { return true }
        return false
    }
}

final class Point {
    let index: Int
    let call: String
    let result: PointResult
    let loc: SourceLoc
    let order: Int
    var inScope: [Variable]
    /// Filled by liveness: what the frame of this point saves.
    var saved: [Variable] = []
    /// The call's `Expr.unwindGate`: unwind_ok is passed on only if that function is resumable.
    var unwindGate: String?

    init(index: Int, call: String, result: PointResult, loc: SourceLoc, order: Int,
         inScope: [Variable]) {
        self.index = index
        self.call = call
        self.result = result
        self.loc = loc
        self.order = order
        self.inScope = inScope
    }
}

/// A setjmp call in a function that may suspend: `int t = setjmp(buf);` with its buffer
/// registered in the activation's record (site `site`), so that after a switch the function can
/// arm it again and a longjmp can land here (stackless_gen.h, sl_jmp_record).
final class SetjmpPoint {
    let site: Int
    /// The function called (`_setjmp`, `__sigsetjmp`): the re-arming calls use it too.
    let function: String
    let buffer: String
    /// sigsetjmp's second argument.
    let saveMask: String?
    /// Receives setjmp's value.
    let result: Variable

    init(site: Int, function: String, buffer: String, saveMask: String?, result: Variable) {
        self.site = site
        self.function = function
        self.buffer = buffer
        self.saveMask = saveMask
        self.result = result
    }
}

/// A lowered statement.
final class LNode {
    enum Kind {
        /// A complete statement or declaration, `;` included.
        case text(String)
        case block([LNode])
        case ifElse(String, LNode, LNode?)
        case whileLoop(String, LNode)
        case forLoop(initial: String, condition: String, increment: String, body: LNode)
        /// The body, the condition and where the condition is (its `while` line).
        case doWhile(LNode, String, SourceLoc)
        case switchOn(String, LNode)
        /// `case 1:`, `default:`, `name:` followed by an empty statement.
        case label(String)
        case point(Point)
        /// `return value;` (nil: `return;`), rewritten by the emitter for each copy.
        case returnValue(String?)
        case setjmpPoint(SetjmpPoint)
    }

    let kind: Kind
    let loc: SourceLoc

    init(_ kind: Kind, loc: SourceLoc) {
        self.kind = kind
        self.loc = loc
    }

    func forEach(_ visit: (LNode) -> Void) {
        visit(self)
        switch kind {
        case .block(let items): items.forEach { $0.forEach(visit) }
        case .ifElse(_, let t, let e): t.forEach(visit); e?.forEach(visit)
        case .whileLoop(_, let b), .forLoop(_, _, _, let b), .doWhile(let b, _, _), .switchOn(_, let b):
            b.forEach(visit)
        case .text, .label, .point, .returnValue, .setjmpPoint: break
        }
    }

    /// A point inside a loop of this node, or after a label a goto may jump back to (`again:`;
    /// a point after a cleanup label counts too: the goto's direction is not known here).
    var hasPointInLoop: Bool {
        var found = false
        var labelSeen = false
        forEach { node in
            switch node.kind {
            case .whileLoop(_, let b), .forLoop(_, _, _, let b), .doWhile(let b, _, _):
                b.forEach { if case .point = $0.kind { found = true } }
            case .label(let text) where !text.hasPrefix("case") && !text.hasPrefix("default"):
                labelSeen = true
            case .point where labelSeen:
                found = true
            default: break
            }
        }
        return found
    }
}

/// A function in the normal form.
final class LoweredFunction {
    let function: Function
    var body: LNode
    var points: [Point]
    /// Declared at the top of both copies (shadow-stack mark and slots, the torture flag).
    var hiddenTop: [(Variable, initialValue: String)]
    /// Parameters as the emitted code names them.
    var parameters: [(Variable, Local)]
    /// Static locals moved to file scope so that both copies share them.
    var hoistedStatics: [String]
    var shadowMark: Variable?
    var unwindOK: Variable?
    /// The activation's setjmp record (`sl_jmp_record *`), when the function calls setjmp.
    var jmpRecord: Variable?
    var setjmpPoints: [SetjmpPoint] = []
    /// The ids of the variables declared at the function's outermost scope (parameters, the
    /// lowering's own, the outermost block's locals): visible at the end of its body.
    var functionScope: Set<Int> = []

    init(function: Function, body: LNode, points: [Point], hiddenTop: [(Variable, initialValue: String)],
         parameters: [(Variable, Local)], hoistedStatics: [String], shadowMark: Variable?, unwindOK: Variable?) {
        self.function = function
        self.body = body
        self.points = points
        self.hiddenTop = hiddenTop
        self.parameters = parameters
        self.hoistedStatics = hoistedStatics
        self.shadowMark = shadowMark
        self.unwindOK = unwindOK
    }
}

enum NormalForm {
    /// Checks the rules above; returns the violations (empty when the form is normal).
    static func check(_ lowered: LoweredFunction, suspendingNames: Set<String>) -> [String] {
        var problems: [String] = []
        func mentionsSuspendingCall(_ text: String) -> String? {
            for name in suspendingNames where containsCall(text, name) { return name }
            return nil
        }
        lowered.body.forEach { node in
            switch node.kind {
            case .text(let t), .returnValue(let t?), .ifElse(let t, _, _), .whileLoop(let t, _),
                 .doWhile(_, let t, _), .switchOn(let t, _):
                if let name = mentionsSuspendingCall(t) {
                    problems.append("\(node.loc): a call to \(name) is not a point of its own: \(t)")
                }
            case .forLoop(let i, let c, let inc, _):
                if let name = mentionsSuspendingCall(i + c + inc) {
                    problems.append("\(node.loc): a call to \(name) in a for header")
                }
            case .point(let p):
                for v in p.saved where !p.inScope.contains(where: { $0 === v }) {
                    problems.append("\(p.loc): point \(p.index) saves \(v.name), which is not in scope")
                }
                let arguments = p.call.firstIndex(of: "(").map { String(p.call[p.call.index(after: $0)...]) } ?? ""
                if let name = mentionsSuspendingCall(arguments) {
                    problems.append("\(p.loc): the arguments of point \(p.index) still call \(name)")
                }
            default:
                break
            }
        }
        let indices = lowered.points.map(\.index)
        if indices != Array(0..<indices.count) { problems.append("points are not numbered 0..<\(indices.count)") }
        return problems
    }

    /// Whether `text` calls `name` outside string and character literals and `__typeof__(...)`.
    static func containsCall(_ text: String, _ name: String) -> Bool {
        let bytes = Array(text.utf8), target = Array(name.utf8)
        var i = 0
        var typeofDepth: Int? = nil
        var depth = 0
        while i < bytes.count {
            let b = bytes[i]
            if b == UInt8(ascii: "\"") || b == UInt8(ascii: "'") {
                i += 1
                while i < bytes.count && bytes[i] != b {
                    if bytes[i] == UInt8(ascii: "\\") { i += 1 }
                    i += 1
                }
                i += 1
                continue
            }
            if b == UInt8(ascii: "(") { depth += 1 }
            if b == UInt8(ascii: ")") {
                depth -= 1
                if let d = typeofDepth, depth < d { typeofDepth = nil }
            }
            if isIdentifierByte(b) && (i == 0 || !isIdentifierByte(bytes[i - 1])) {
                var j = i
                while j < bytes.count && isIdentifierByte(bytes[j]) { j += 1 }
                let word = Array(bytes[i..<j])
                if word == Array("__typeof__".utf8) || word == Array("sizeof".utf8) { if typeofDepth == nil { typeofDepth = depth + 1 } }
                if word == target && typeofDepth == nil {
                    var k = j
                    while k < bytes.count && (bytes[k] == 32 || bytes[k] == 9 || bytes[k] == 10) { k += 1 }
                    if k < bytes.count && bytes[k] == UInt8(ascii: "(") { return true }
                }
                i = j
                continue
            }
            i += 1
        }
        return false
    }
}
