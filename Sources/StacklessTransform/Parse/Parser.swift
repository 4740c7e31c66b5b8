// Stage 1, parse: C source -> the project's model (Model.swift).
//
// Input: one C file and the compiler arguments that find its headers. Output: a `SourceFile`
// holding every function defined in that file, with statements and expressions in the model,
// plus the facts the analysis needs about the whole file (functions whose address is taken,
// functions annotated as suspending). libclang types stop here.
//
// Expressions keep their text: a node whose range is plain text of the input file is split into
// the text around its subexpressions ("gaps"), so that rewriting a subexpression leaves the rest
// exactly as written. A node that comes from a macro expansion has no text of its own in the
// file; its gaps come from clang's printer, which writes the expanded form. For example
//
//     x = MAX(f(a), 2);      // BinaryOperator: gaps ["", " = ", ""], children [x, MAX(...)]
//                            // the conditional inside MAX: gaps from "((f(a)) > (2) ? ...)"
//
// so a call written inside a macro is lowered as the compiler sees it, evaluated as often as the
// macro evaluates it.

import CLibclang
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

public struct ParseOptions: Sendable {
    public var arguments: [String]
    public init(arguments: [String]) { self.arguments = arguments }
}

/// Loads libclang once per process.
enum LibclangLoader {
    static func load() throws {
        if let message = shim_load_libclang() {
            throw TransformError(nil, String(cString: message))
        }
    }

    /// The builtin headers of the loaded libclang, when they are not where it looks by itself.
    static var resourceDirectory: String? {
        let dir = String(cString: shim_libclang_resource_dir())
        return dir.isEmpty ? nil : dir
    }
}

/// Parses a file into the model. Every function is first read as a skeleton (what the analysis
/// needs: its calls, the functions it names, its hazards); the statements and expressions of a
/// function are built only when something asks for them (`Function.complete()`), which the
/// analysis does for the functions that may suspend. The translation unit lives as long as a
/// function of the file may still be completed.
final class Parser {
    private unowned let file: SourceFile
    private let index: CXIndex
    private let tu: CXTranslationUnit
    private var function: Function!
    private var localsByKey: [String: Local] = [:]
    private var nextLocalID = 0

    /// Parses `path`; throws a TransformError with clang's errors if the file does not compile.
    static func parse(path: String, text: [UInt8], options: ParseOptions) throws -> SourceFile {
        try LibclangLoader.load()
        let index = clang_createIndex(0, 0)!
        var arguments = ["-x", "c"] + options.arguments
        arguments.append("-ferror-limit=0")
        if !options.arguments.contains(where: { $0.hasPrefix("-resource-dir") }),
           let resources = LibclangLoader.resourceDirectory {
            arguments += ["-resource-dir", resources]
        }
        var unit: CXTranslationUnit?
        let contents = text + [0]
        let status: Int32 = contents.withUnsafeBufferPointer { buffer in
            buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: contents.count) { chars in
                path.withCString { name in
                    var unsaved = CXUnsavedFile(Filename: name, Contents: chars, Length: UInt(text.count))
                    return withArrayOfCStrings(arguments) { argv in
                        clang_parseTranslationUnit2(
                            index, name, argv, Int32(arguments.count), &unsaved, 1,
                            UInt32(CXTranslationUnit_DetailedPreprocessingRecord | CXTranslationUnit_KeepGoing),
                            &unit)
                    }
                }
            }
        }
        guard status == 0, let unit else {
            clang_disposeIndex(index)
            throw TransformError(nil, "\(path): libclang could not parse the file (error \(status))")
        }
        let sourceFile = SourceFile(path: path, text: text)
        let parser = Parser(file: sourceFile, index: index, tu: unit)
        try checkDiagnostics(unit)
        try parser.run()
        return sourceFile
    }

    private init(file: SourceFile, index: CXIndex, tu: CXTranslationUnit) {
        self.file = file
        self.index = index
        self.tu = tu
    }

    deinit {
        clang_disposeTranslationUnit(tu)
        clang_disposeIndex(index)
    }

    private static func checkDiagnostics(_ unit: CXTranslationUnit) throws {
        var errors: [Diagnostic] = []
        for i in 0..<clang_getNumDiagnostics(unit) {
            let d = clang_getDiagnostic(unit, i)
            defer { clang_disposeDiagnostic(d) }
            guard clang_getDiagnosticSeverity(d) >= 3 else { continue }  // error, fatal
            let l = clang_getDiagnosticLocation(d).spelling
            let loc = l.file.isEmpty ? nil : SourceLoc(file: l.file, line: l.line, column: l.column)
            errors.append(Diagnostic(.error, loc, clang_getDiagnosticSpelling(d).consume()))
        }
        if !errors.isEmpty { throw TransformError(errors) }
    }

    // MARK: - The file

    /// Macro invocations written in the file (their text ranges), sorted.
    private var macroRanges: [Range<Int>] = []

    private func run() throws {
        let root = clang_getTranslationUnitCursor(tu)
        let top = root.children
        for cursor in top where cursor.kind == CursorKind.macroExpansion {
            if let s = cursor.start.expansionOffset(in: mainFile), let e = cursor.end.expansionOffset(in: mainFile), e > s {
                macroRanges.append(s..<e)
            }
        }
        macroRanges.sort { $0.lowerBound < $1.lowerBound }
        file.macroInvocations = macroRanges
        file.directives = Directives.scan(file.text)
        file.includedFiles = includedFiles(tu)
        for cursor in top {
            switch cursor.kind {
            case CursorKind.functionDecl:
                noteDeclaration(cursor)
                if cursor.isDefinition && cursor.location.expansionOffset(in: mainFile) != nil {
                    try parseFunction(cursor)
                }
            case CursorKind.varDecl where cursor.location.expansionOffset(in: mainFile) != nil:
                scanForFunctionReferences(cursor)
            default:
                break
            }
        }
    }

    private func noteDeclaration(_ cursor: CXCursor) {
        let usr = cursor.usr
        file.declaredNames[usr] = cursor.spelling
        let location = cursor.location
        var declaration = file.declarations[usr] ?? FunctionDeclaration(file: location.expansion.file)
        declaration.inSystemHeader = declaration.inSystemHeader || location.isInSystemHeader
        declaration.isVariadic = declaration.isVariadic || clang_Cursor_isVariadic(cursor) != 0
        file.declarations[usr] = declaration
        for child in cursor.children where child.kind == CursorKind.annotateAttr {
            if child.spelling == "stackless.suspends" { file.annotatedSuspending[usr] = cursor.spelling }
        }
    }

    /// Records functions named outside a call (in initializers of globals, say).
    private func scanForFunctionReferences(_ cursor: CXCursor) {
        for child in cursor.children {
            if child.kind == CursorKind.declRefExpr { noteFunctionReference(child) }
            scanForFunctionReferences(child)
        }
    }

    private func noteFunctionReference(_ cursor: CXCursor) {
        let target = cursor.referenced
        guard !target.isNull, target.kind == CursorKind.functionDecl else { return }
        let type = target.type.canonical
        file.addressTaken[target.usr] = (type.spelling, type.resultType.canonical.spelling)
    }

    /// Where the compiler reports a location: line markers applied, so that a function rewritten
    /// from its preprocessed form keeps the user's lines.
    func loc(_ location: CXSourceLocation) -> SourceLoc {
        let l = location.presumed
        return SourceLoc(file: l.file.isEmpty ? file.path : l.file, line: l.line, column: l.column)
    }

    // MARK: - Functions

    private func parseFunction(_ cursor: CXCursor) throws {
        let f = Function(usr: cursor.usr, name: cursor.spelling, loc: loc(cursor.location))
        function = f
        localsByKey = [:]
        nextLocalID = 0
        let type = cursor.type
        f.isVariadic = clang_Cursor_isVariadic(cursor) != 0
        f.isStatic = cursor.storageClass == StorageClass.staticStorage
        f.typeKey = type.canonical.spelling
        f.resultKey = type.resultType.canonical.spelling
        let result = type.resultType
        f.returnsVoid = result.canonical.kind == 2
        f.returnTypeSpelling = result.spelling
        f.returnTypeSpellable = result.isSpellable
        f.returnTypeCanonical = result.canonical.spelling

        let start = cursor.start
        f.startOffset = start.expansion.offset
        f.endOffset = cursor.end.expansion.offset
        f.startLoc = loc(start)
        f.endLoc = loc(cursor.end)
        let nameLocation = cursor.location
        f.isNoReturn = isNoreturn(cursor)
        if !isClean(cursor) {
            f.unrewritableReason = "the definition of '\(f.name)' comes from a macro expansion"
        } else if overlapsMacro(nameLocation.expansion.offset, nameLocation.expansion.offset + f.name.utf8.count) {
            f.unrewritableReason = "the name of '\(f.name)' comes from a macro expansion"
        }

        var bodyCursor: CXCursor?
        for child in cursor.children {
            switch child.kind {
            case CursorKind.parmDecl:
                let p = declareLocal(child, isParameter: true)
                f.parameters.append(p)
            case CursorKind.compoundStmt:
                bodyCursor = child
            default:
                break
            }
        }
        guard let bodyCursor else { return }
        let bodyStart = bodyCursor.start.expansionOffset(in: mainFile) ?? bodyCursor.start.expansion.offset
        f.bodyOffset = bodyStart
        f.header = file.slice(f.startOffset, bodyStart)
        f.nameOffsetInHeader = nameLocation.expansion.offset - f.startOffset
        if !isClean(bodyCursor) {
            f.unrewritableReason = f.unrewritableReason ?? "the body of '\(f.name)' comes from a macro expansion"
        }
        if !(f.startOffset <= f.bodyOffset && f.bodyOffset < f.endOffset && f.endOffset <= file.text.count) {
            f.unrewritableReason = f.unrewritableReason ?? "the definition of '\(f.name)' comes from a macro expansion"
        }
        scanSkeleton(bodyCursor, unevaluated: false, calleePosition: false)
        f.completion = { [self] in self.complete(f, cursor, body: bodyCursor) }
        file.functions.append(f)
    }

    /// The function's statements and expressions, built again from its cursor: parameters,
    /// locals, calls and hazards are found anew (the skeleton's are replaced).
    private func complete(_ f: Function, _ cursor: CXCursor, body bodyCursor: CXCursor) {
        function = f
        localsByKey = [:]
        nextLocalID = 0
        f.parameters = []
        f.locals = []
        f.calls = []
        f.hazards = []
        f.allExpressions = []
        f.longjmpNames = []
        for child in cursor.children where child.kind == CursorKind.parmDecl {
            f.parameters.append(declareLocal(child, isParameter: true))
        }
        f.body = statement(bodyCursor)
        // An expression from a macro is kept as written unless the rewrite must change it (a
        // suspending call, a renamed or moved local inside): the lowering then says so
        // (MacroExpansionReached), and the function is rewritten from its preprocessed form.
        let range = f.startOffset..<max(f.endOffset, f.startOffset + 1)
        f.needsPreprocessedForm = f.macroDependent || f.unrewritableReason != nil
            || file.directives.contains { $0.changesPreprocessorState && range.overlaps($0.range) }
        function = nil
    }

    /// The skeleton of a body: every call (with its callee, and whether it is evaluated), every
    /// function named outside a call, and the hazards, by the same rules as `expression`, without
    /// building the statements. It visits every cursor, so it finds at least the calls the full
    /// model does (a call it sees that the model does not, in a declaration's type say, only
    /// makes the analysis more careful).
    private func scanSkeleton(_ c: CXCursor, unevaluated: Bool, calleePosition: Bool) {
        let kind = c.kind
        switch kind {
        case CursorKind.callExpr:
            let node = Expr(kind: .call, children: [], gaps: [], loc: loc(c.start))
            node.unevaluated = unevaluated
            let target = c.referenced
            if !target.isNull && target.kind == CursorKind.functionDecl {
                node.callee = .direct(usr: target.usr, name: target.spelling)
                noteHazardousCall(target.spelling, loc: node.loc)
                node.isSetjmp = Parser.setjmpFunctions.contains(target.spelling)
                if Parser.longjmpFunctions.contains(target.spelling) { function.longjmpNames.insert(target.spelling) }
            } else if let calleeCursor = c.children.first(where: { CursorKind.isExpression($0.kind) }) {
                var t = calleeCursor.type.canonical
                if t.kind == 101 { t = t.pointee.canonical }  // pointer
                node.callee = .indirect(typeKey: t.spelling, resultKey: t.resultType.canonical.spelling,
                                        prototyped: t.kind == 111)
            }
            function.calls.append(node)
        case CursorKind.declRefExpr where !calleePosition:
            noteFunctionReference(c)
            let target = c.referenced
            if !target.isNull, target.kind == CursorKind.functionDecl, Parser.longjmpFunctions.contains(target.spelling) {
                function.longjmpNames.insert(target.spelling)
            }
        case CursorKind.addrLabelExpr, CursorKind.indirectGotoStmt:
            function.hazards.append(Hazard(kind: .computedGoto, loc: loc(c.start), detail: ""))
        case CursorKind.varDecl:
            let storage = c.storageClass
            if c.type.canonical.kind == 115 && storage != StorageClass.staticStorage && storage != StorageClass.external {
                function.hazards.append(Hazard(kind: .variableLengthArray, loc: loc(c.location), detail: c.spelling))
            }
        default:
            break
        }
        let isExpression = CursorKind.isExpression(kind)
        var i = 0
        for child in c.children {
            guard isExpression && CursorKind.isExpression(child.kind) else {
                scanSkeleton(child, unevaluated: unevaluated, calleePosition: false)
                continue
            }
            let isCallee = kind == CursorKind.callExpr && i == 0
            let passesCallee = calleePosition && (kind == CursorKind.unexposedExpr || kind == CursorKind.parenExpr)
            let notEvaluated = unevaluated || kind == CursorKind.unaryExpr || (kind == CursorKind.genericSelectionExpr && i == 0)
            scanSkeleton(child, unevaluated: notEvaluated, calleePosition: isCallee || passesCallee)
            i += 1
        }
    }

    /// Whether a function is declared noreturn: GNU's attribute is part of its type; C11's
    /// `_Noreturn` (also through <stdnoreturn.h>) and `[[noreturn]]` are attributes libclang does
    /// not expose, inherited from earlier declarations, recognised by their name.
    private func isNoreturn(_ cursor: CXCursor) -> Bool {
        if cursor.type.spelling.contains("noreturn") || cursor.type.canonical.spelling.contains("noreturn") { return true }
        for child in cursor.children where child.kind == CursorKind.unexposedAttr {
            // The attribute's name where it is written (through <stdnoreturn.h>'s macro, the
            // word `noreturn` where it is expanded). Not by tokenizing its extent: that costs a
            // lexer run per attribute, a quarter of the transform of SQLite.
            let at = child.start.expansion
            if ["_Noreturn", "noreturn", "__noreturn__"].contains(identifier(at: at.offset, in: at.file)) { return true }
        }
        return false
    }

    private var headerBytes: [String: [UInt8]] = [:]

    /// The identifier that starts at `offset` in a file (this one, or a header read from disk).
    private func identifier(at offset: Int, in path: String) -> String {
        let bytes: [UInt8]
        if path == file.path || path.isEmpty {
            bytes = file.text
        } else if let cached = headerBytes[path] {
            bytes = cached
        } else if let data = FileManager.default.contents(atPath: path) {
            bytes = [UInt8](data)
            headerBytes[path] = bytes
        } else {
            return ""
        }
        var end = offset
        while end < bytes.count, end >= 0, isIdentifierByte(bytes[end]) { end += 1 }
        guard offset >= 0, end > offset else { return "" }
        return String(decoding: bytes[offset..<end], as: UTF8.self)
    }

    private func key(_ declaration: CXCursor) -> String {
        let l = declaration.location.spelling
        return "\(l.file):\(l.offset):\(declaration.spelling)"
    }

    @discardableResult
    private func declareLocal(_ cursor: CXCursor, isParameter: Bool) -> Local {
        let local = Local(id: nextLocalID, name: cursor.spelling, loc: loc(cursor.location), isParameter: isParameter)
        nextLocalID += 1
        let type = cursor.type
        let storage = cursor.storageClass
        local.hasStaticStorage = storage == StorageClass.staticStorage || storage == StorageClass.external
        local.isRegister = storage == StorageClass.register
        local.isExtern = storage == StorageClass.external
        local.isVariablyModified = type.canonical.kind == 115
        local.hasVariablyModifiedType = type.isVariablyModified
        local.alignment = type.alignment
        // A parameter declared as an array is a pointer; a struct or union parameter holding an
        // array decays into itself like a local does.
        local.containsArray = isParameter ? (type.canonical.kind == 105 && type.containsArray) : type.containsArray
        local.isConst = clang_isConstQualifiedType(type.canonical) != 0
        local.typeSpelling = type.spelling
        local.typeSpellable = type.isSpellable
        local.holdsVaList = type.holdsVaList
        if isParameter {
            // A parameter declared as an array or a function is a pointer (the array may be a
            // typedef, such as va_list or jmp_buf: its element type is the canonical type's).
            let canonical = type.canonical.kind
            if [112, 114, 115, 116].contains(canonical) {
                let element = clang_getArrayElementType(type).spelling
                if element.isEmpty && canonical != 115 {
                    // An array through a typedef (va_list is `struct __va_list_tag[1]`): the
                    // pointer is named through the typedef, as the user wrote it. The element's
                    // tag may be one that only the compiler declares: gcc reads
                    // `struct __va_list_tag` written in a declaration as a new type of that
                    // scope, so a prototype would conflict with its definition and a restored
                    // `ap` would not be a va_list.
                    local.typeSpelling = "__typeof__(&**(\(type.spelling) *)0)"
                } else {
                    let spelled = element.isEmpty ? clang_getArrayElementType(type.canonical).spelling : element
                    local.typeSpelling = "__typeof__(\(spelled)) *"
                }
            } else if canonical == 110 || canonical == 111 {
                local.typeSpelling = "__typeof__(\(type.spelling)) *"
            }
        }
        localsByKey[key(cursor)] = local
        if !isParameter { function.locals.append(local) }
        if local.isVariablyModified && !local.hasStaticStorage {
            function.hazards.append(Hazard(kind: .variableLengthArray, loc: local.loc, detail: local.name))
        }
        return local
    }

    // MARK: - Statements

    private func statement(_ c: CXCursor) -> Stmt {
        let here = loc(c.start)
        if !CursorKind.isExpression(c.kind) && !isClean(c) { function.macroDependent = true }
        let kids = c.children.filter { !CursorKind.isAttribute($0.kind) }
        switch c.kind {
        case CursorKind.compoundStmt:
            return Stmt(.compound(kids.map(statement)), loc: here)
        case CursorKind.declStmt:
            return declaration(c, kids: kids, loc: here)
        case CursorKind.ifStmt:
            let cond = topExpression(kids[0])
            let then = statement(kids[1])
            let otherwise = kids.count > 2 ? statement(kids[2]) : nil
            return Stmt(.ifElse(cond, then, otherwise), loc: here)
        case CursorKind.whileStmt:
            return Stmt(.whileLoop(topExpression(kids[0]), statement(kids[1])), loc: here)
        case CursorKind.doStmt:
            return Stmt(.doWhile(statement(kids[0]), topExpression(kids[1])), loc: here)
        case CursorKind.forStmt:
            return forStatement(c, kids: kids, loc: here)
        case CursorKind.switchStmt:
            return Stmt(.switchOn(topExpression(kids[0]), statement(kids[kids.count - 1])), loc: here)
        case CursorKind.caseStmt:
            let body = kids[kids.count - 1]
            return Stmt(.caseLabel(labelText(c, body: body), statement(body)), loc: here)
        case CursorKind.defaultStmt:
            return Stmt(.defaultLabel(statement(kids[kids.count - 1])), loc: here)
        case CursorKind.labelStmt:
            return Stmt(.label(c.spelling, statement(kids[kids.count - 1])), loc: here)
        case CursorKind.gotoStmt:
            let name = kids.first(where: { $0.kind == CursorKind.labelRef })?.spelling ?? c.spelling
            return Stmt(.gotoLabel(name), loc: here)
        case CursorKind.breakStmt:
            return Stmt(.breakLoop, loc: here)
        case CursorKind.continueStmt:
            return Stmt(.continueLoop, loc: here)
        case CursorKind.returnStmt:
            return Stmt(.returnValue(kids.first.map { topExpression($0) }), loc: here)
        case CursorKind.nullStmt:
            return Stmt(.null, loc: here)
        case CursorKind.indirectGotoStmt:
            function.hazards.append(Hazard(kind: .computedGoto, loc: here, detail: ""))
            guard let target = kids.first(where: { CursorKind.isExpression($0.kind) }) else { return opaque(c, loc: here) }
            return Stmt(.indirectGoto(topExpression(target)), loc: here)
        default:
            if CursorKind.isExpression(c.kind) {
                return Stmt(.expression(topExpression(c)), loc: here)
            }
            return opaque(c, loc: here)
        }
    }

    /// A statement kept as written; its expressions are parsed for the locals they mention.
    private func opaque(_ c: CXCursor, loc here: SourceLoc) -> Stmt {
        var exprs: [Expr] = []
        func collect(_ cursor: CXCursor) {
            for child in cursor.children {
                if CursorKind.isExpression(child.kind) { exprs.append(topExpression(child)) } else { collect(child) }
            }
        }
        collect(c)
        for e in exprs { e.walk { if let id = $0.local { self.localByID(id)?.pinned = true } } }
        // From a macro, the function is rewritten from its expanded form (macroDependent).
        var text = cleanText(c) ?? ""
        if c.kind == CursorKind.declStmt || c.kind == CursorKind.asmStmt || c.kind == CursorKind.staticAssert {
            if !text.hasSuffix(";") { text += ";" }
        }
        return Stmt(.opaque(text, exprs), loc: here)
    }

    /// `case 1:` or `case A ... B:` as written. (From a macro, the function is rewritten from its
    /// expanded form: see macroDependent.)
    /// `case V:` (or `case A ... B:`) as written, through its colon: what lies between the colon
    /// and the statement (comments, a line marker of the preprocessed form) is not the label's.
    /// Empty when the label has no text of its own (it comes from a macro): the lowering then
    /// rewrites the function from its preprocessed form.
    private func labelText(_ c: CXCursor, body: CXCursor) -> String {
        let start = c.start.expansion, bodyStart = body.start.expansion
        guard start.file == file.path, bodyStart.file == file.path, bodyStart.offset > start.offset,
              !overlapsMacro(start.offset, start.offset + 4) else { return "" }
        // The label's colon: the first one that closes no `?` of the value, outside literals and
        // comments (the value's own macros keep their invocation text, which stays valid).
        let text = file.text
        var pendingConditionals = 0
        var i = start.offset + 4
        while i < bodyStart.offset {
            let ch = text[i]
            if ch == UInt8(ascii: "\"") || ch == UInt8(ascii: "'") {
                i = Directives.skipQuoted(text, i)
                continue
            }
            if ch == UInt8(ascii: "/"), i + 1 < text.count, text[i + 1] == UInt8(ascii: "*") {
                i += 2
                while i + 1 < text.count && !(text[i] == UInt8(ascii: "*") && text[i + 1] == UInt8(ascii: "/")) { i += 1 }
                i += 2
                continue
            }
            if ch == UInt8(ascii: "/"), i + 1 < text.count, text[i + 1] == UInt8(ascii: "/") {
                while i < text.count && text[i] != 10 { i += 1 }
                continue
            }
            if ch == UInt8(ascii: "?") { pendingConditionals += 1 }
            if ch == UInt8(ascii: ":") {
                if pendingConditionals == 0 {
                    return file.slice(start.offset, i + 1)
                }
                pendingConditionals -= 1
            }
            i += 1
        }
        return ""
    }

    private func declaration(_ c: CXCursor, kids: [CXCursor], loc here: SourceLoc) -> Stmt {
        let variables = kids.filter { $0.kind == CursorKind.varDecl }
        if kids.contains(where: { [CursorKind.structDecl, CursorKind.unionDecl, CursorKind.enumDecl, 20].contains($0.kind) }) {
            function.declaresTypes = true
        }
        let text = cleanText(c) ?? ""
        guard !variables.isEmpty else { return opaque(c, loc: here) }
        var declarators: [VarDecl] = []
        var previousEnd = c.start.expansion.offset
        let clean = isClean(c)
        for (i, v) in variables.enumerated() {
            let local = declareLocal(v, isParameter: false)
            let initCursor = clang_Cursor_getVarDeclInitializer(v)
            let initializer: Expr? = initCursor.isNull ? nil : topExpression(initCursor)
            var head: String
            if clean {
                let start = i == 0 ? c.start.expansion.offset : previousEnd
                let end = initCursor.isNull ? v.end.expansion.offset : initCursor.start.expansion.offset
                head = file.slice(start, end)
                if i > 0 {
                    head = String(head.drop(while: { $0 == "," || $0 == " " || $0 == "\n" || $0 == "\t" }))
                }
                previousEnd = v.end.expansion.offset
            } else {
                head = ""  // from a macro: rewritten from the expanded form (macroDependent)
            }
            var nameRange = Parser.nameRange(of: local.name, in: head)
            if clean {
                let start = i == 0 ? c.start.expansion.offset : nil
                let nameOffset = v.location.expansion.offset
                if let start, nameOffset >= start, nameOffset - start + local.name.utf8.count <= head.utf8.count {
                    nameRange = (nameOffset - start)..<(nameOffset - start + local.name.utf8.count)
                }
            }
            // Other locals the head mentions (`char x[sizeof y]`), and where they stand in it.
            var headLocals: [(Range<Int>?, Int)] = []
            let headStart = i == 0 && clean ? c.start.expansion.offset : nil
            for child in v.children where CursorKind.isExpression(child.kind) && !(child == initCursor) {
                func collect(_ x: CXCursor) {
                    if x.kind == CursorKind.declRefExpr, !x.referenced.isNull,
                       let l = localsByKey[key(x.referenced)], l !== local {
                        var range: Range<Int>?
                        let at = x.location.spelling
                        if let headStart, isClean(x), at.offset >= headStart,
                           at.offset - headStart + l.name.utf8.count <= head.utf8.count {
                            range = (at.offset - headStart)..<(at.offset - headStart + l.name.utf8.count)
                        }
                        headLocals.append((range, l.id))
                    }
                    x.children.forEach(collect)
                }
                collect(child)
            }
            declarators.append(VarDecl(local: local, head: head, initializer: initializer,
                                       nameRange: nameRange, headLocals: headLocals))
        }
        var t = text
        if !t.hasSuffix(";") { t += ";" }
        return Stmt(.declaration(declarators, text: t), loc: here)
    }

    private func forStatement(_ c: CXCursor, kids: [CXCursor], loc here: SourceLoc) -> Stmt {
        let body = kids[kids.count - 1]
        let headerParts = Array(kids.dropLast())
        // Which of init, condition and increment are present follows from where each part lies
        // relative to the two semicolons of the header.
        var roles: [Int] = []
        if isClean(c) && headerParts.allSatisfy(isClean) {
            let start = c.start.expansion.offset
            let header = Array(file.text[start..<body.start.expansion.offset])
            let semicolons = Parser.headerSemicolons(header)
            roles = headerParts.map { part in
                let offset = part.start.expansion.offset - start
                return offset < semicolons.0 ? 0 : (offset < semicolons.1 ? 1 : 2)
            }
        } else {
            function.macroDependent = true
            roles = headerParts.indices.map { min($0, 2) }
        }
        var initial: Stmt?, condition: Expr?, increment: Expr?
        for (part, role) in zip(headerParts, roles) {
            switch role {
            case 0: initial = statement(part)
            case 1: condition = topExpression(part)
            default: increment = topExpression(part)
            }
        }
        return Stmt(.forLoop(initial: initial, condition: condition, increment: increment, body: statement(body)), loc: here)
    }

    /// Where the declared name stands in a declaration head: its last whole-word occurrence.
    static func nameRange(of name: String, in head: String) -> Range<Int>? {
        let bytes = Array(head.utf8), target = Array(name.utf8)
        guard !target.isEmpty, bytes.count >= target.count else { return nil }
        var i = 0
        while i + target.count <= bytes.count {
            if Array(bytes[i..<i + target.count]) == target
                && (i == 0 || !isIdentifierByte(bytes[i - 1]))
                && (i + target.count == bytes.count || !isIdentifierByte(bytes[i + target.count])) {
                let before = String(decoding: bytes[..<i], as: UTF8.self).trimmingWhitespace
                if !["struct", "union", "enum"].contains(where: { before.hasSuffix($0) }) {
                    return i..<(i + target.count)
                }
            }
            i += 1
        }
        return nil
    }

    /// Offsets of the two semicolons of a `for (...;...;...)` header at parenthesis depth 1,
    /// skipping strings, characters and comments.
    static func headerSemicolons(_ text: [UInt8]) -> (Int, Int) {
        var depth = 0
        var found: [Int] = []
        var i = 0
        while i < text.count && found.count < 2 {
            let ch = text[i]
            switch ch {
            case UInt8(ascii: "\""), UInt8(ascii: "'"):
                i += 1
                while i < text.count && text[i] != ch {
                    if text[i] == UInt8(ascii: "\\") { i += 1 }
                    i += 1
                }
            case UInt8(ascii: "/") where i + 1 < text.count && text[i + 1] == UInt8(ascii: "*"):
                i += 2
                while i + 1 < text.count && !(text[i] == UInt8(ascii: "*") && text[i + 1] == UInt8(ascii: "/")) { i += 1 }
                i += 1
            case UInt8(ascii: "/") where i + 1 < text.count && text[i + 1] == UInt8(ascii: "/"):
                while i < text.count && text[i] != UInt8(ascii: "\n") { i += 1 }
            case UInt8(ascii: "("), UInt8(ascii: "["), UInt8(ascii: "{"): depth += 1
            case UInt8(ascii: ")"), UInt8(ascii: "]"), UInt8(ascii: "}"): depth -= 1
            case UInt8(ascii: ";") where depth == 1: found.append(i)
            default: break
            }
            i += 1
        }
        while found.count < 2 { found.append(Int.max) }
        return (found[0], found[1])
    }

    // MARK: - Expressions

    /// Whether the cursor's range is plain text of the input file (not inside a macro).
    private func isClean(_ c: CXCursor) -> Bool {
        guard let (s, e) = fileRange(c) else { return false }
        return !overlapsMacro(s, e)
    }

    /// Whether [start, end) lies inside a macro invocation, or begins or ends inside one.
    /// (libclang's spelling locations cannot tell: for a token from a macro body they give the
    /// expansion location.)
    private func overlapsMacro(_ start: Int, _ end: Int) -> Bool {
        // The last invocation that starts at or before `end`, and those before it that reach `start`.
        var low = 0, high = macroRanges.count
        while low < high {
            let mid = (low + high) / 2
            if macroRanges[mid].lowerBound <= end { low = mid + 1 } else { high = mid }
        }
        var i = low - 1
        while i >= 0 {
            let m = macroRanges[i]
            if m.upperBound <= start && m.lowerBound < start { break }
            let inside = m.lowerBound <= start && end <= m.upperBound
            let startsInside = m.lowerBound < start && start < m.upperBound
            let endsInside = m.lowerBound < end && end < m.upperBound
            if inside || startsInside || endsInside { return true }
            i -= 1
        }
        return false
    }

    private func cleanText(_ c: CXCursor) -> String? {
        guard isClean(c) else { return nil }
        return file.slice(clang_getRangeStart(c.extent).expansionOffset(in: mainFile) ?? 0,
                          clang_getRangeEnd(c.extent).expansionOffset(in: mainFile) ?? 0)
    }

    /// The expansion range of a cursor, when it lies in the input file.
    private func fileRange(_ c: CXCursor) -> (Int, Int)? {
        let extent = c.extent
        guard let s = clang_getRangeStart(extent).expansionOffset(in: mainFile),
              let e = clang_getRangeEnd(extent).expansionOffset(in: mainFile), e >= s else { return nil }
        return (s, e)
    }

    /// The input file's handle in the translation unit: locations are compared by it.
    private lazy var mainFile: CXFile? = clang_getFile(tu, file.path)

    /// An expression that a statement holds directly: when it comes from a macro its text is
    /// the macro's invocation.
    private func topExpression(_ c: CXCursor) -> Expr {
        let e = expression(c)
        if e.sourceText == nil, let (start, end) = fileRange(c), end > start { e.sourceText = file.slice(start, end) }
        return e
    }

    private func expression(_ c: CXCursor, calleePosition: Bool = false, unevaluated: Bool = false) -> Expr {
        let here = loc(c.start)
        let all = c.children
        var exprKids = all.filter { CursorKind.isExpression($0.kind) }
        // clang keeps some operands out of source order (an atomic builtin's memory order comes
        // second: __atomic_store_n(p, v, order) has p, order, v); the text is split in source
        // order (sqlite's AtomicStore on a local moved to the shadow stack).
        let starts = exprKids.map { fileRange($0)?.0 }
        if !starts.contains(where: { $0 == nil }), zip(starts, starts.dropFirst()).contains(where: { $0! > $1! }) {
            exprKids = zip(exprKids, starts).sorted { $0.1! < $1.1! }.map(\.0)
        }
        let kind = c.kind
        var children: [Expr] = []
        for (i, child) in exprKids.enumerated() {
            let isCallee = kind == CursorKind.callExpr && i == 0
            let passesCallee = calleePosition && (kind == CursorKind.unexposedExpr || kind == CursorKind.parenExpr)
            let notEvaluated = unevaluated || kind == CursorKind.unaryExpr
                || (kind == CursorKind.genericSelectionExpr && i == 0)
            children.append(expression(child, calleePosition: isCallee || passesCallee, unevaluated: notEvaluated))
        }
        let node = Expr(kind: .other, children: children, gaps: [], loc: here)
        node.unevaluated = unevaluated
        function.allExpressions.append(node)
        node.sourceText = cleanText(c)
        let split = gaps(c, exprKids)
        node.gaps = split?.gaps ?? []
        if let texts = split?.childTexts {
            for (child, text) in zip(children, texts) where child.sourceText == nil { child.sourceText = text }
        }
        let type = c.type
        node.isVoid = type.canonical.kind == 2
        node.canonicalType = type.canonical.spelling

        switch kind {
        case CursorKind.callExpr:
            node.kind = .call
            let target = c.referenced
            if !target.isNull && target.kind == CursorKind.functionDecl {
                node.callee = .direct(usr: target.usr, name: target.spelling)
                noteHazardousCall(target.spelling, loc: here)
                switch target.spelling {
                case "__builtin_va_start", "__builtin_c23_va_start": node.vaBuiltin = .start
                case "__builtin_va_end": node.vaBuiltin = .end
                default: break
                }
                node.isSetjmp = Parser.setjmpFunctions.contains(target.spelling)
                if Parser.longjmpFunctions.contains(target.spelling) { function.longjmpNames.insert(target.spelling) }
            } else if let calleeCursor = exprKids.first {
                var t = calleeCursor.type.canonical
                if t.kind == 101 { t = t.pointee.canonical }  // pointer
                node.callee = .indirect(typeKey: t.spelling, resultKey: t.resultType.canonical.spelling,
                                        prototyped: t.kind == 111)
            }
            function.calls.append(node)
        case CursorKind.declRefExpr:
            node.kind = .declRef
            let target = c.referenced
            if !target.isNull {
                if target.kind == CursorKind.varDecl || target.kind == CursorKind.parmDecl {
                    node.local = localsByKey[key(target)]?.id
                } else if target.kind == CursorKind.functionDecl && !calleePosition {
                    noteFunctionReference(c)
                    if Parser.longjmpFunctions.contains(target.spelling) { function.longjmpNames.insert(target.spelling) }
                }
            }
        case CursorKind.binaryOperator, CursorKind.compoundAssignOperator:
            let op = node.gaps.count == 3 ? node.gaps[1].trimmingWhitespace : ""
            node.kind = .binary(op)
        case CursorKind.unaryOperator:
            if node.gaps.count == 2 {
                let prefix = node.gaps[0].trimmingWhitespace
                if prefix.isEmpty {
                    node.kind = .unary(node.gaps[1].trimmingWhitespace, postfix: true)
                } else {
                    node.kind = .unary(prefix, postfix: false)
                }
            }
            if case .unary("&", postfix: false) = node.kind, let operand = exprKids.first {
                markAddressTaken(operand)
                var inner = children.first
                while let e = inner, e.kind == .paren || (e.kind == .other && e.children.count == 1 && e.gaps.allSatisfy(\.isEmpty)) {
                    inner = e.children.first
                }
                if let e = inner, e.kind == .compoundLiteral { e.needsStableAddress = true }
            }
        case CursorKind.conditionalOperator:
            node.kind = children.count == 3 ? .conditional : .other
        case CursorKind.parenExpr:
            node.kind = .paren
        case CursorKind.unaryExpr:
            node.kind = .unevaluated
        case CursorKind.genericSelectionExpr:
            node.kind = .genericSelection
        case CursorKind.stmtExpr:
            node.kind = .statementExpression
            if let block = all.first(where: { $0.kind == CursorKind.compoundStmt }) {
                node.statementBody = statement(block)
            }
            node.gaps = node.sourceText.map { [$0] } ?? []
            node.children = []
        case CursorKind.compoundLiteralExpr:
            node.kind = .compoundLiteral
            node.needsStableAddress = type.containsArray
        case CursorKind.addrLabelExpr:
            function.hazards.append(Hazard(kind: .computedGoto, loc: here, detail: ""))
        default:
            break
        }
        // The layout of what a temporary may hold (libclang is asked only about the kinds of
        // expression the lowering gives temporaries: it crashes on some others' types).
        if !node.isVoid && !unevaluated && [.call, .conditional, .genericSelection, .statementExpression].contains(node.kind)
            && type.kind != 0 && type.canonical.kind != 0 {
            node.alignment = type.alignment
            node.hasVariablyModifiedType = type.isVariablyModified
        }
        return node
    }

    /// `&x`, `&x.f`, `&x[i]` (x an array), `&(x)` take the address of the local x; `&p->f` and
    /// `&p[i]` (p a pointer) do not take p's.
    private func markAddressTaken(_ c: CXCursor) {
        let kids = c.children.filter { CursorKind.isExpression($0.kind) }
        switch c.kind {
        case CursorKind.declRefExpr:
            let target = c.referenced
            if !target.isNull, let local = localsByKey[key(target)] { local.addressTaken = true }
        case CursorKind.parenExpr, CursorKind.unexposedExpr, CursorKind.cStyleCastExpr:
            kids.last.map(markAddressTaken)
        case CursorKind.memberRefExpr:
            if let base = kids.first, base.type.canonical.kind != 101 { markAddressTaken(base) }
        case CursorKind.arraySubscriptExpr:
            if let base = kids.first {
                var b = base
                while b.kind == CursorKind.unexposedExpr || b.kind == CursorKind.parenExpr,
                      let inner = b.children.first(where: { CursorKind.isExpression($0.kind) }) { b = inner }
                if [112, 114, 115, 116].contains(b.type.canonical.kind) { markAddressTaken(b) }
            }
        default:
            // Anything else (a compound literal, a call): conservatively every local in it.
            func all(_ x: CXCursor) {
                if x.kind == CursorKind.declRefExpr { markAddressTaken(x) }
                x.children.forEach(all)
            }
            all(c)
        }
    }

    private func localByID(_ id: Int) -> Local? {
        function.parameters.first(where: { $0.id == id }) ?? function.locals.first(where: { $0.id == id })
    }

    /// setjmp and longjmp as functions (glibc's `setjmp` and `sigsetjmp` are macros over these).
    static let setjmpFunctions: Set<String> = ["setjmp", "_setjmp", "sigsetjmp", "__sigsetjmp"]
    static let longjmpFunctions: Set<String> = ["longjmp", "_longjmp", "siglongjmp"]

    private func noteHazardousCall(_ name: String, loc here: SourceLoc) {
        switch name {
        case "alloca", "__builtin_alloca", "__builtin_alloca_with_align":
            function.hazards.append(Hazard(kind: .alloca, loc: here, detail: name))
        case "__builtin_setjmp", "savectx", "vfork", "getcontext":
            function.hazards.append(Hazard(kind: .setjmp, loc: here, detail: name))
        default:
            break
        }
    }

    /// Splits the node's text around its subexpressions: from the file when the node is plain
    /// text there, else from clang's printed form. Nil when neither works.
    private func gaps(_ c: CXCursor, _ kids: [CXCursor]) -> (gaps: [String], childTexts: [String]?)? {
        if isClean(c), let (start, end) = fileRange(c) {
            var result: [String] = []
            var texts: [String] = []
            var position = start
            var ok = true
            for kid in kids {
                guard let (ks, ke) = fileRange(kid), ks >= position, ke <= end else { ok = false; break }
                result.append(file.slice(position, ks))
                texts.append(file.slice(ks, ke))
                position = ke
            }
            if ok {
                result.append(file.slice(position, end))
                return (result, texts)
            }
        }
        // Inside a macro expansion there is no text to split: the function is then rewritten
        // from its expanded form (see `Function.macroDependent`).
        return nil
    }
}

extension String {
    var trimmingWhitespace: String {
        let scalars = unicodeScalars
        var start = scalars.startIndex, end = scalars.endIndex
        while start < end, scalars[start].properties.isWhitespace { start = scalars.index(after: start) }
        while end > start, scalars[scalars.index(before: end)].properties.isWhitespace { end = scalars.index(before: end) }
        return String(scalars[start..<end])
    }
}

func withArrayOfCStrings<R>(_ strings: [String], _ body: (UnsafePointer<UnsafePointer<CChar>?>) -> R) -> R {
    var pointers: [UnsafeMutablePointer<CChar>?] = strings.map { strdup($0) }
    defer { pointers.forEach { free($0) } }
    return pointers.withUnsafeMutableBufferPointer { buffer in
        buffer.baseAddress!.withMemoryRebound(to: UnsafePointer<CChar>?.self, capacity: buffer.count) { body($0) }
    }
}
