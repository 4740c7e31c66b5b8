// Thin Swift conveniences over libclang's C API. Only the parse stage uses this file: libclang
// types never leave it.

import CLibclang

extension CXString {
    /// The string's contents; disposes the CXString.
    func consume() -> String {
        defer { clang_disposeString(self) }
        guard let c = clang_getCString(self) else { return "" }
        return String(cString: c)
    }
}

/// A file location: the file's path, 1-based line and column, 0-based byte offset.
struct FileLocation: Equatable {
    var file: String
    var line: Int
    var column: Int
    var offset: Int
}

extension CXSourceLocation {
    var expansion: FileLocation {
        var file: CXFile?
        var line: UInt32 = 0, column: UInt32 = 0, offset: UInt32 = 0
        clang_getExpansionLocation(self, &file, &line, &column, &offset)
        let name = file.map { clang_getFileName($0).consume() } ?? ""
        return FileLocation(file: name, line: Int(line), column: Int(column), offset: Int(offset))
    }

    /// The byte offset of the expansion location, in `file` (compared by handle: no name is
    /// made), or nil when it lies elsewhere. The parser asks this of nearly every cursor.
    func expansionOffset(in file: CXFile?) -> Int? {
        var found: CXFile?
        var offset: UInt32 = 0
        clang_getExpansionLocation(self, &found, nil, nil, &offset)
        guard let file, let found, found == file else { return nil }
        return Int(offset)
    }

    var spelling: FileLocation {
        var file: CXFile?
        var line: UInt32 = 0, column: UInt32 = 0, offset: UInt32 = 0
        clang_getSpellingLocation(self, &file, &line, &column, &offset)
        let name = file.map { clang_getFileName($0).consume() } ?? ""
        return FileLocation(file: name, line: Int(line), column: Int(column), offset: Int(offset))
    }

    /// Where the compiler reports it: line markers and `#line` applied (file name, line, column).
    var presumed: (file: String, line: Int, column: Int) {
        var name = CXString(data: nil, private_flags: 0)
        var line: UInt32 = 0, column: UInt32 = 0
        clang_getPresumedLocation(self, &name, &line, &column)
        return (name.consume(), Int(line), Int(column))
    }

    var isFromMainFile: Bool { clang_Location_isFromMainFile(self) != 0 }
    var isInSystemHeader: Bool { clang_Location_isInSystemHeader(self) != 0 }
}

/// Every file the translation unit read (the main file and each header), in inclusion order.
func includedFiles(_ tu: CXTranslationUnit) -> [String] {
    var result: [String] = []
    withUnsafeMutablePointer(to: &result) { pointer in
        clang_getInclusions(tu, { file, _, _, data in
            guard let file else { return }
            data!.assumingMemoryBound(to: [String].self).pointee.append(clang_getFileName(file).consume())
        }, pointer)
    }
    return result
}

extension CXCursor {
    var kind: Int32 { clang_getCursorKind(self) }
    var spelling: String { clang_getCursorSpelling(self).consume() }
    var usr: String { clang_getCursorUSR(self).consume() }
    var type: CXType { clang_getCursorType(self) }
    var location: CXSourceLocation { clang_getCursorLocation(self) }
    var extent: CXSourceRange { clang_getCursorExtent(self) }
    var start: CXSourceLocation { clang_getRangeStart(extent) }
    var end: CXSourceLocation { clang_getRangeEnd(extent) }
    var referenced: CXCursor { clang_getCursorReferenced(self) }
    var isNull: Bool { clang_Cursor_isNull(self) != 0 }
    var storageClass: Int32 { clang_Cursor_getStorageClass(self) }
    var isDefinition: Bool { clang_isCursorDefinition(self) != 0 }

    var children: [CXCursor] {
        var result: [CXCursor] = []
        withUnsafeMutablePointer(to: &result) { pointer in
            _ = clang_visitChildren(self, { child, _, data in
                data!.assumingMemoryBound(to: [CXCursor].self).pointee.append(child)
                return Int32(CXChildVisit_Continue)
            }, pointer)
        }
        return result
    }

    /// The cursor as clang's own printer writes it (the expanded form: macros are gone).
    var prettyPrinted: String {
        let policy = clang_getCursorPrintingPolicy(self)
        defer { clang_PrintingPolicy_dispose(policy) }
        return clang_getCursorPrettyPrinted(self, policy).consume()
    }

    static func == (a: CXCursor, b: CXCursor) -> Bool { clang_equalCursors(a, b) != 0 }
}

extension CXType {
    var spelling: String { clang_getTypeSpelling(self).consume() }
    var canonical: CXType { clang_getCanonicalType(self) }
    var pointee: CXType { clang_getPointeeType(self) }
    var resultType: CXType { clang_getResultType(self) }
    var declaration: CXCursor { clang_getTypeDeclaration(self) }
    /// The alignment in bytes on the target, or 0 when it has none (incomplete, dependent, VLA).
    var alignment: Int { max(0, Int(clang_Type_getAlignOf(self))) }

    /// Whether the type is variably modified (a VLA, or a pointer to or an array of one): a
    /// struct field cannot have it, so a frame keeps such a value as bytes.
    var isVariablyModified: Bool {
        let c = canonical
        switch c.kind {
        case 115: return true  // variable array
        case 101: return c.pointee.isVariablyModified  // pointer
        case 112, 114: return clang_getArrayElementType(c).isVariablyModified  // constant, incomplete arrays
        default: return false
        }
    }

    /// Whether a value of this type holds an array (itself, or a field at any depth): such a
    /// local decays to a pointer into itself, so it must keep its address across a switch.
    var containsArray: Bool {
        let c = canonical
        switch c.kind {
        case 112, 114, 115, 116: return true  // constant, incomplete, variable, dependent arrays
        case 105:  // record
            var found = false
            withUnsafeMutablePointer(to: &found) { pointer in
                _ = clang_Type_visitFields(c, { field, data in
                    if clang_getCursorType(field).containsArray {
                        data!.assumingMemoryBound(to: Bool.self).pointee = true
                        return 0  // break
                    }
                    return 1  // continue
                }, pointer)
            }
            return found
        default: return false
        }
    }

    /// Whether a value of this type is or holds a `va_list` (itself, a field, an element, or
    /// what it points to). Canonically a va_list is `struct __va_list_tag[1]` (x86-64, PowerPC)
    /// or `struct __va_list` (ARM); where it is a plain `char *` (i386, RISC-V) only its typedef
    /// tells.
    var holdsVaList: Bool {
        if isVaList { return true }
        let c = canonical
        return c.kind == 101 ? c.pointee.isVaList || pointee.isVaList : containsVaList
    }

    private var isVaList: Bool {
        let name = spelling.replacingOccurrences(of: "const ", with: "").replacingOccurrences(of: "volatile ", with: "")
        return ["va_list", "__gnuc_va_list", "__builtin_va_list"].contains(name) || canonical.spelling.contains("__va_list")
    }

    /// A va_list itself, or an array or struct holding one by value (pointers are not followed:
    /// a struct may point to itself).
    private var containsVaList: Bool {
        if isVaList { return true }
        let c = canonical
        switch c.kind {
        case 112, 114: return clang_getArrayElementType(c).containsVaList
        case 105:  // record
            var found = false
            withUnsafeMutablePointer(to: &found) { pointer in
                _ = clang_Type_visitFields(c, { field, data in
                    if clang_getCursorType(field).containsVaList {
                        data!.assumingMemoryBound(to: Bool.self).pointee = true
                        return 0  // break
                    }
                    return 1  // continue
                }, pointer)
            }
            return found
        default: return false
        }
    }

    /// Whether the spelling names a type that can be written again elsewhere (anonymous
    /// structs and unions spell as "(unnamed ...)").
    var isSpellable: Bool {
        let s = spelling
        return !s.contains("(unnamed") && !s.contains("(anonymous")
    }
}

enum CursorKind {
    static let structDecl: Int32 = 2, unionDecl: Int32 = 3, enumDecl: Int32 = 5
    static let functionDecl: Int32 = 8, varDecl: Int32 = 9, parmDecl: Int32 = 10
    static let typedefDecl: Int32 = 20, typeRef: Int32 = 43, labelRef: Int32 = 48
    static let unexposedExpr: Int32 = 100, declRefExpr: Int32 = 101, memberRefExpr: Int32 = 102
    static let callExpr: Int32 = 103, integerLiteral: Int32 = 106, stringLiteral: Int32 = 109
    static let parenExpr: Int32 = 111, unaryOperator: Int32 = 112, arraySubscriptExpr: Int32 = 113
    static let binaryOperator: Int32 = 114, compoundAssignOperator: Int32 = 115
    static let conditionalOperator: Int32 = 116, cStyleCastExpr: Int32 = 117
    static let compoundLiteralExpr: Int32 = 118, initListExpr: Int32 = 119
    static let addrLabelExpr: Int32 = 120, stmtExpr: Int32 = 121, genericSelectionExpr: Int32 = 122
    static let unaryExpr: Int32 = 136
    static let unexposedStmt: Int32 = 200, labelStmt: Int32 = 201, compoundStmt: Int32 = 202
    static let caseStmt: Int32 = 203, defaultStmt: Int32 = 204, ifStmt: Int32 = 205
    static let switchStmt: Int32 = 206, whileStmt: Int32 = 207, doStmt: Int32 = 208
    static let forStmt: Int32 = 209, gotoStmt: Int32 = 210, indirectGotoStmt: Int32 = 211
    static let continueStmt: Int32 = 212, breakStmt: Int32 = 213, returnStmt: Int32 = 214
    static let asmStmt: Int32 = 215, nullStmt: Int32 = 230, declStmt: Int32 = 231
    static let translationUnit: Int32 = 300, unexposedAttr: Int32 = 400, annotateAttr: Int32 = 406
    static let macroDefinition: Int32 = 501, macroExpansion: Int32 = 502
    static let staticAssert: Int32 = 602

    static func isExpression(_ k: Int32) -> Bool { (100..<200).contains(k) }
    static func isStatement(_ k: Int32) -> Bool { (200..<300).contains(k) }
    static func isAttribute(_ k: Int32) -> Bool { (400..<500).contains(k) }
}

enum StorageClass {
    static let none: Int32 = 1, external: Int32 = 2, staticStorage: Int32 = 3, register: Int32 = 7
}
