/*
 * clang_shim.h: the part of libclang's stable C API that the transform uses, loaded at run time.
 *
 * Loading with dlopen instead of linking keeps the package free of unsafeFlags (so other packages
 * can depend on it) and lets one build work with whichever libclang the machine has: Debian 12's
 * libclang-dev (LLVM 14) or any newer one. The declarations follow libclang's ABI, which has been
 * stable since LLVM 3; names are libclang's own so the Swift code reads like the documentation.
 */
#ifndef CLANG_SHIM_H
#define CLANG_SHIM_H

typedef void *CXIndex;
typedef struct CXTranslationUnitImpl *CXTranslationUnit;
typedef void *CXClientData;
typedef void *CXFile;
typedef void *CXDiagnostic;
typedef void *CXPrintingPolicy;

typedef struct { const void *data; unsigned private_flags; } CXString;
typedef struct { int kind; int xdata; const void *data[3]; } CXCursor;
typedef struct { int kind; void *data[2]; } CXType;
typedef struct { const void *ptr_data[2]; unsigned int_data; } CXSourceLocation;
typedef struct { const void *ptr_data[2]; unsigned begin_int_data; unsigned end_int_data; } CXSourceRange;
typedef struct { unsigned int_data[4]; void *ptr_data; } CXToken;
struct CXUnsavedFile { const char *Filename; const char *Contents; unsigned long Length; };

typedef int (*CXCursorVisitor)(CXCursor cursor, CXCursor parent, CXClientData client_data);
typedef int (*CXFieldVisitor)(CXCursor field, CXClientData client_data);
typedef void (*CXInclusionVisitor)(CXFile included, CXSourceLocation *stack, unsigned depth, CXClientData client_data);

enum { CXChildVisit_Break = 0, CXChildVisit_Continue = 1, CXChildVisit_Recurse = 2 };
enum {
    CXTranslationUnit_DetailedPreprocessingRecord = 0x01,
    CXTranslationUnit_KeepGoing = 0x200,
};
enum { CXPrintingPolicy_TerseOutput = 15, CXPrintingPolicy_IncludeTagDefinition = 2 };

#define SHIM_CLANG_FUNCTIONS(X) \
    X(CXIndex, clang_createIndex, (int a, int b), (a, b)) \
    X(void, clang_disposeIndex, (CXIndex i), (i)) \
    X(int, clang_parseTranslationUnit2, (CXIndex i, const char *f, const char *const *args, int n, struct CXUnsavedFile *u, unsigned nu, unsigned o, CXTranslationUnit *tu), (i, f, args, n, u, nu, o, tu)) \
    X(void, clang_disposeTranslationUnit, (CXTranslationUnit tu), (tu)) \
    X(unsigned, clang_getNumDiagnostics, (CXTranslationUnit tu), (tu)) \
    X(CXDiagnostic, clang_getDiagnostic, (CXTranslationUnit tu, unsigned i), (tu, i)) \
    X(void, clang_disposeDiagnostic, (CXDiagnostic d), (d)) \
    X(int, clang_getDiagnosticSeverity, (CXDiagnostic d), (d)) \
    X(CXSourceLocation, clang_getDiagnosticLocation, (CXDiagnostic d), (d)) \
    X(CXString, clang_getDiagnosticSpelling, (CXDiagnostic d), (d)) \
    X(CXCursor, clang_getTranslationUnitCursor, (CXTranslationUnit tu), (tu)) \
    X(unsigned, clang_visitChildren, (CXCursor c, CXCursorVisitor v, CXClientData d), (c, v, d)) \
    X(int, clang_getCursorKind, (CXCursor c), (c)) \
    X(CXString, clang_getCursorSpelling, (CXCursor c), (c)) \
    X(CXSourceRange, clang_getCursorExtent, (CXCursor c), (c)) \
    X(CXSourceLocation, clang_getCursorLocation, (CXCursor c), (c)) \
    X(CXSourceLocation, clang_getRangeStart, (CXSourceRange r), (r)) \
    X(CXSourceLocation, clang_getRangeEnd, (CXSourceRange r), (r)) \
    X(CXSourceRange, clang_getRange, (CXSourceLocation a, CXSourceLocation b), (a, b)) \
    X(void, clang_getSpellingLocation, (CXSourceLocation l, CXFile *f, unsigned *line, unsigned *col, unsigned *off), (l, f, line, col, off)) \
    X(void, clang_getPresumedLocation, (CXSourceLocation l, CXString *f, unsigned *line, unsigned *col), (l, f, line, col)) \
    X(void, clang_getExpansionLocation, (CXSourceLocation l, CXFile *f, unsigned *line, unsigned *col, unsigned *off), (l, f, line, col, off)) \
    X(CXString, clang_getFileName, (CXFile f), (f)) \
    X(CXFile, clang_getFile, (CXTranslationUnit tu, const char *name), (tu, name)) \
    X(int, clang_Location_isFromMainFile, (CXSourceLocation l), (l)) \
    X(CXType, clang_getCursorType, (CXCursor c), (c)) \
    X(CXType, clang_getCursorResultType, (CXCursor c), (c)) \
    X(CXString, clang_getTypeSpelling, (CXType t), (t)) \
    X(CXType, clang_getCanonicalType, (CXType t), (t)) \
    X(CXType, clang_getResultType, (CXType t), (t)) \
    X(CXType, clang_getPointeeType, (CXType t), (t)) \
    X(long long, clang_Type_getAlignOf, (CXType t), (t)) \
    X(int, clang_getNumArgTypes, (CXType t), (t)) \
    X(unsigned, clang_isFunctionTypeVariadic, (CXType t), (t)) \
    X(unsigned, clang_isConstQualifiedType, (CXType t), (t)) \
    X(CXCursor, clang_getTypeDeclaration, (CXType t), (t)) \
    X(unsigned, clang_Cursor_isAnonymous, (CXCursor c), (c)) \
    X(unsigned, clang_Cursor_isVariadic, (CXCursor c), (c)) \
    X(int, clang_Cursor_getNumArguments, (CXCursor c), (c)) \
    X(CXCursor, clang_Cursor_getArgument, (CXCursor c, unsigned i), (c, i)) \
    X(CXCursor, clang_getCursorReferenced, (CXCursor c), (c)) \
    X(CXString, clang_getCursorUSR, (CXCursor c), (c)) \
    X(int, clang_Cursor_getStorageClass, (CXCursor c), (c)) \
    X(unsigned, clang_isCursorDefinition, (CXCursor c), (c)) \
    X(int, clang_Cursor_isNull, (CXCursor c), (c)) \
    X(unsigned, clang_equalCursors, (CXCursor a, CXCursor b), (a, b)) \
    X(unsigned, clang_hashCursor, (CXCursor c), (c)) \
    X(CXString, clang_getCursorPrettyPrinted, (CXCursor c, CXPrintingPolicy p), (c, p)) \
    X(CXPrintingPolicy, clang_getCursorPrintingPolicy, (CXCursor c), (c)) \
    X(void, clang_PrintingPolicy_setProperty, (CXPrintingPolicy p, int prop, unsigned v), (p, prop, v)) \
    X(void, clang_PrintingPolicy_dispose, (CXPrintingPolicy p), (p)) \
    X(const char *, clang_getCString, (CXString s), (s)) \
    X(void, clang_disposeString, (CXString s), (s)) \
    X(void, clang_tokenize, (CXTranslationUnit tu, CXSourceRange r, CXToken **t, unsigned *n), (tu, r, t, n)) \
    X(CXString, clang_getTokenSpelling, (CXTranslationUnit tu, CXToken t), (tu, t)) \
    X(int, clang_getTokenKind, (CXToken t), (t)) \
    X(CXSourceRange, clang_getTokenExtent, (CXTranslationUnit tu, CXToken t), (tu, t)) \
    X(void, clang_disposeTokens, (CXTranslationUnit tu, CXToken *t, unsigned n), (tu, t, n)) \
    X(CXCursor, clang_Cursor_getVarDeclInitializer, (CXCursor c), (c)) \
    X(unsigned, clang_Type_visitFields, (CXType t, CXFieldVisitor v, CXClientData d), (t, v, d)) \
    X(CXType, clang_getArrayElementType, (CXType t), (t)) \
    X(CXString, clang_getClangVersion, (void), ()) \
    X(int, clang_Location_isInSystemHeader, (CXSourceLocation l), (l)) \
    X(void, clang_getInclusions, (CXTranslationUnit tu, CXInclusionVisitor v, CXClientData d), (tu, v, d))

#define SHIM_DECLARE(ret, name, params, args) ret name params;
SHIM_CLANG_FUNCTIONS(SHIM_DECLARE)
#undef SHIM_DECLARE

/* Loads libclang (STACKLESS_LIBCLANG, then the newest distribution copy, then the Swift
 * toolchain's). Returns NULL on success, or a message saying what was tried. */
const char *shim_load_libclang(void);
/* The path of the library that was loaded. */
const char *shim_libclang_path(void);
/* The resource directory (builtin headers) of the library that was loaded, or "" if none was
 * found beside it. */
const char *shim_libclang_resource_dir(void);

#endif
