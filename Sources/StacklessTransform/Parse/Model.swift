// The project's own model of C, built by the parse stage from libclang's AST and used by every
// later stage. It keeps exactly what the transform needs: statements with their structure,
// expressions as text around their subexpressions ("gaps"), and the facts the analysis asks for
// (which calls go where, which locals are referenced, whose address is taken).

/// A place in a source file, 1-based line and column.
public struct SourceLoc: Hashable, Comparable, Sendable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var column: Int

    public var description: String { "\(file):\(line):\(column)" }

    public static func < (a: SourceLoc, b: SourceLoc) -> Bool {
        (a.file, a.line, a.column) < (b.file, b.line, b.column)
    }
}

/// What a call calls: a function known by its USR, or whatever a pointer of some type points to.
enum Callee: Hashable {
    case direct(usr: String, name: String)
    /// An indirect call; the key is the canonical spelling of the pointed-to function type.
    case indirect(typeKey: String, resultKey: String, prototyped: Bool)
}

/// An expression: text around its subexpressions. Rendering an expression concatenates
/// `gaps[0], children[0], gaps[1], ..., gaps[n]`.
final class Expr {
    enum Kind: Equatable {
        case call
        case declRef
        case binary(String)          // operator spelling, assignments included
        case unary(String, postfix: Bool)
        case conditional
        case paren
        case unevaluated             // sizeof, _Alignof, __typeof__ operands: never evaluated
        case genericSelection
        case statementExpression
        case compoundLiteral
        case other
    }

    var kind: Kind
    var children: [Expr]
    var gaps: [String]
    var loc: SourceLoc
    /// The original source text of the whole node, when it is one range of the input file.
    var sourceText: String?
    /// The type is void (a call whose result is not a value).
    var isVoid = false
    /// Canonical spelling of the expression's type (calls: to check that a tail call returns
    /// exactly the caller's type).
    var canonicalType = ""
    /// The alignment of the expression's type on the target (0: unknown), and whether the type
    /// is variably modified: for the frame field of a temporary that holds its value.
    var alignment = 0
    var hasVariablyModifiedType = false
    /// For a reference to a local variable or parameter of the enclosing function.
    var local: Int?
    /// For a call.
    var callee: Callee?
    /// Set by the analysis: this call may suspend.
    var suspends = false
    /// A call of setjmp, _setjmp, sigsetjmp or __sigsetjmp: in a function that may suspend it
    /// becomes a setjmp point (its jmp_buf is registered so that a longjmp finds it after a switch).
    var isSetjmp = false
    /// A suspending call to a function of another translation unit: the linkage name whose
    /// marker (`sl__resumable_NAME`, defined by the unit that transformed it) must be linked in
    /// for the call to pass `sl_tls.unwind_ok` on (Summary.swift).
    var unwindGate: String?
    /// Inside `sizeof`, `_Alignof` or a `_Generic` controlling expression: never evaluated.
    var unevaluated = false
    /// Set by the analysis: this node or one of its evaluated descendants may suspend.
    var containsSuspend = false
    /// A compound literal whose address may be kept (an array, or under `&`): in a function that
    /// may suspend it must live on the shadow stack like an address-taken local.
    var needsStableAddress = false
    /// A GNU statement expression's block.
    var statementBody: Stmt?
    /// A call of `va_start` or `va_end` (their builtins): the lowering must know them, because
    /// a resumed function has no variadic arguments.
    var vaBuiltin: VaBuiltin?
    enum VaBuiltin { case start, end }

    init(kind: Kind, children: [Expr], gaps: [String], loc: SourceLoc) {
        self.kind = kind
        self.children = children
        self.gaps = gaps
        self.loc = loc
    }

    /// Children that are evaluated when this node is (the unevaluated operands of sizeof and
    /// friends are not).
    var evaluatedChildren: [Expr] {
        switch kind {
        case .unevaluated: return []
        case .genericSelection: return Array(children.dropFirst())  // the controlling expression is not
        default: return children
        }
    }

    func walk(_ visit: (Expr) -> Void) {
        visit(self)
        for child in children { child.walk(visit) }
    }
}

/// A local variable or parameter of a function being transformed.
final class Local {
    let id: Int
    let name: String
    let loc: SourceLoc
    let isParameter: Bool
    /// `static` or `extern` locals do not live in the frame.
    var hasStaticStorage = false
    var isExtern = false
    var isRegister = false
    var isVariablyModified = false
    /// Variably modified at any depth (a pointer to a VLA too): no struct field can have its type.
    var hasVariablyModifiedType = false
    /// Its alignment on the target (0: unknown), to order the fields of a frame.
    var alignment = 0
    /// An array, or a struct/union holding one: it decays to a pointer into itself.
    var containsArray = false
    /// `const` at the top level (through typedefs too): it cannot be assigned after its declaration.
    var isConst = false
    /// `&` is applied to it somewhere.
    var addressTaken = false
    /// Spelling of its type (parameters: after adjustment), and whether it can be written again.
    var typeSpelling = ""
    var typeSpellable = true
    /// Mentioned in text the transform keeps as written (inline assembly, statement
    /// expressions): it can be neither renamed nor moved.
    var pinned = false
    /// Decided by the analysis: it lives on the greenlet's shadow stack.
    var onShadowStack = false
    /// A `va_list`, a pointer to one or a struct holding one: it points into the arguments of a
    /// variadic activation on the C stack, which a switch unwinds.
    var holdsVaList = false

    /// Its type for a declaration that a resume entry assigns by restoring it: without a
    /// top-level `const`, which would let the compiler assume that the restore changes nothing
    /// (an rvalue of a comma expression has the unqualified type; arrays are never restored so).
    var restorableTypeSpelling: String {
        isConst && !containsArray ? "__typeof__(((void)0, *(__typeof__(\(typeSpelling)) *)0))" : "__typeof__(\(typeSpelling))"
    }

    init(id: Int, name: String, loc: SourceLoc, isParameter: Bool) {
        self.id = id
        self.name = name
        self.loc = loc
        self.isParameter = isParameter
    }
}

/// One declarator of a declaration statement.
struct VarDecl {
    var local: Local
    /// The declaration up to the initializer, `=` included (`int x =`), or the whole
    /// declaration when there is none (`int x[4]`); for later declarators of a statement, the
    /// declarator alone.
    var head: String
    var initializer: Expr?
    /// Where the name stands in `head` (UTF-8 offsets), to rename it.
    var nameRange: Range<Int>?
    /// Other locals the head mentions (`char buf[sizeof x]`) and where, when known.
    var headLocals: [(Range<Int>?, Int)] = []
}

final class Stmt {
    enum Kind {
        case compound([Stmt])
        case expression(Expr)
        /// A declaration statement; `text` is its original text for when nothing in it changes.
        case declaration([VarDecl], text: String)
        case ifElse(Expr, Stmt, Stmt?)
        case whileLoop(Expr, Stmt)
        case doWhile(Stmt, Expr)
        case forLoop(initial: Stmt?, condition: Expr?, increment: Expr?, body: Stmt)
        case switchOn(Expr, Stmt)
        case caseLabel(String, Stmt)
        case defaultLabel(Stmt)
        case label(String, Stmt)
        case gotoLabel(String)
        /// `goto *e;` (labels as values).
        case indirectGoto(Expr)
        case breakLoop
        case continueLoop
        case returnValue(Expr?)
        case null
        /// Kept as written (inline assembly, static assertions, type declarations); the
        /// expressions are those it evaluates, for references to locals.
        case opaque(String, [Expr])
    }

    var kind: Kind
    var loc: SourceLoc

    init(_ kind: Kind, loc: SourceLoc) {
        self.kind = kind
        self.loc = loc
    }
}

/// A construct that cannot live across a suspension, found in a function body.
struct Hazard {
    enum Kind { case variableLengthArray, alloca, setjmp, computedGoto }
    var kind: Kind
    var loc: SourceLoc
    /// The function called (alloca, setjmp) or the array's name.
    var detail: String
}

/// A function defined in an input file.
final class Function {
    let usr: String
    let name: String
    let loc: SourceLoc
    /// Declared noreturn (`__attribute__((noreturn))`, `_Noreturn`, `[[noreturn]]`, here or on an
    /// earlier declaration): its callers are compiled assuming it never returns, so it cannot
    /// return to them to unwind (refused when it may suspend).
    var isNoReturn = false
    var isVariadic = false
    var isStatic = false
    /// The original text from the start of the definition to the `{` of the body (exclusive).
    var header = ""
    /// Offsets of the whole definition in its file, and of the body's `{`.
    var startOffset = 0
    var endOffset = 0
    var bodyOffset = 0
    /// Offset of the name within `header`, to rename `main`.
    var nameOffsetInHeader = 0
    var parameters: [Local] = []
    var locals: [Local] = []
    var body: Stmt!
    var returnsVoid = false
    var returnTypeSpelling = ""
    var returnTypeSpellable = true
    var returnTypeCanonical = ""
    /// Every call in the body, evaluated or not.
    var calls: [Expr] = []
    /// Which of longjmp, _longjmp and siglongjmp the body calls or names as a value (libpng's
    /// png_set_longjmp_fn(png_ptr, longjmp, ...)): the emitter sends them to the runtime.
    var longjmpNames: Set<String> = []
    var callsLongjmp: Bool { !longjmpNames.isEmpty }
    var hazards: [Hazard] = []
    /// The function's own type, for matching indirect calls.
    var typeKey = ""
    var resultKey = ""
    /// A statement or declaration of the body comes from a macro expansion (only expressions can be kept as written).
    var macroDependent = false
    /// Its text holds a directive, a statement from a macro, or it is made by a macro: it is
    /// rewritten from its preprocessed form (Parse/PreprocessedForm.swift). A rewrite that
    /// reaches into an expression from a macro is found by the lowering (MacroExpansionReached).
    var needsPreprocessedForm = false
    /// Where the compiler places its first and last characters (line markers applied).
    var startLoc: SourceLoc
    var endLoc: SourceLoc
    /// Every expression of the body.
    var allExpressions: [Expr] = []
    /// Builds the statements and expressions (the parser reads a function as a skeleton first:
    /// its calls, hazards and the functions it names). Nil once done.
    var completion: (() -> Void)?
    /// The full model of the body, for everything after the analysis's call graph.
    func complete() {
        guard let completion else { return }
        self.completion = nil
        completion()
    }

    /// Set when the definition cannot be rewritten in place (for example made by a macro).
    var unrewritableReason: String?

    /// Takes the address of a label or jumps to one (`&&label`, `goto *p`): such a function is
    /// emitted as one body, so that label addresses stay valid across a switch.
    var usesLabelAddresses: Bool { hazards.contains { $0.kind == .computedGoto } }
    /// The body declares a struct, union, enum or typedef of its own.
    var declaresTypes = false
    /// Emitted as one body that both entries call: label addresses must stay valid across a
    /// switch, or a static local cannot move to file scope because its type may be local.
    var emittedAsOneBody: Bool {
        usesLabelAddresses || (declaresTypes && locals.contains { $0.hasStaticStorage && !$0.isExtern })
    }

    init(usr: String, name: String, loc: SourceLoc) {
        self.usr = usr
        self.name = name
        self.loc = loc
        startLoc = loc
        endLoc = loc
    }
}

/// What a file's declarations say about a function (it may be defined in another file).
struct FunctionDeclaration {
    /// Some declaration lies in a system header (libc's, or a library's under -isystem).
    var inSystemHeader = false
    /// The file of its first declaration.
    var file = ""
    var isVariadic = false
}

/// One input file, parsed.
final class SourceFile {
    let path: String
    let text: [UInt8]
    var functions: [Function] = []
    /// Functions whose address is taken in this file (USR -> type key, result key).
    var addressTaken: [String: (typeKey: String, resultKey: String)] = [:]
    /// Functions declared with the suspend annotation (USR -> name).
    var annotatedSuspending: [String: String] = [:]
    /// Declarations of functions, for names in explanations (USR -> name).
    var declaredNames: [String: String] = [:]
    /// Preprocessor directives, and the text ranges of macro invocations, in file order.
    var directives: [Directive] = []
    var macroInvocations: [Range<Int>] = []
    /// Where functions are declared, for what separate compilation assumes about those that no
    /// input defines (USR -> facts of its declarations).
    var declarations: [String: FunctionDeclaration] = [:]
    /// Every file the parse read (this file and its headers), for caches keyed by their contents.
    var includedFiles: [String] = []

    init(path: String, text: [UInt8]) {
        self.path = path
        self.text = text
    }

    /// Offsets where each line begins, for `line(ofOffset:)`.
    private(set) lazy var lineStarts: [Int] = {
        var starts = [0]
        for (i, byte) in text.enumerated() where byte == 10 { starts.append(i + 1) }
        return starts
    }()

    /// The 1-based line of the text that holds `offset`.
    func line(ofOffset offset: Int) -> Int {
        var low = 0, high = lineStarts.count - 1
        while low < high {
            let mid = (low + high + 1) / 2
            if lineStarts[mid] <= offset { low = mid } else { high = mid - 1 }
        }
        return low + 1
    }

    /// Columns before `offset` on its line.
    func column(ofOffset offset: Int) -> Int { offset - lineStarts[line(ofOffset: offset) - 1] }

    func slice(_ start: Int, _ end: Int) -> String {
        guard start >= 0, end <= text.count, start <= end else { return "" }
        return String(decoding: text[start..<end], as: UTF8.self)
    }
}
