// Stage 4, emit: lowered functions -> C text.
//
// Input: a parsed file and its lowered functions. Output: the file's text in which every other
// line is kept as written and each lowered function is replaced by two functions: the normal
// entry, with the original header, that runs the body and saves a frame at a point when the
// runtime asks to unwind; and a resume entry that restores a frame and jumps to its point.
// `#line` directives keep compiler errors and debuggers on the user's source. For example
//
//     int twice(int x) { int y = get(x); return y * 2; }        // get may suspend
//
// becomes (abridged)
//
//     static void sl__twice_resume(sl_frame *);
//     static const sl_point sl__twice_points[1] = {
//         {sl__twice_resume, 0, 1, "twice.c"},        /* the point: number, file:line of its call */
//     };
//     int twice(int x) {
//         int y = get(x);
//         /* point 0: after get() */
//         if (__builtin_expect(sl_tls.unwinding, 0)) {
//             struct sl__f0 {                         /* the frame: what is live, named and typed */
//                 sl_frame sl__h;
//                 __typeof__(y) y;
//             };
//             struct sl__f0 *sl__f = (struct sl__f0 *)sl_frame_push(sizeof(struct sl__f0), ...);
//             __builtin_memcpy((void *)&sl__f->y, (void *)&y, sizeof(y));
//             return 0;                               /* a dummy */
//         }
//         return y * 2;
//     }
//
// A frame's fields go by decreasing alignment (no padding between them; the size class is the
// one the bytes would have had); a field whose type cannot be a member's (variably modified)
// is bytes. The struct is what a debugger reads: Sources/StacklessRuntime/gdb/stackless-gdb.py
// finds `struct sl__f<N>` in the resume function's scopes. Save and restore blocks are one
// statement per line, each line with code on the point's line (`#line N`), so that a breakpoint
// on the user's next lines never lands in them.
//     static void sl__twice_resume(sl_frame *sl__fr) {
//         int x; int y;
//         switch (sl__fr->point->index) { case 0: goto sl__r0; }
//         int y = get(x); if (unwinding) {...}
//         if (0) { sl__r0:; ...restore y from the frame...; y = *(int *)sl_result_at(sizeof(int)); }
//         { int sl__r = y * 2; sl_result_store(&sl__r, sizeof sl__r); return; }
//     }
//
// A function can be emitted once instead, as one body that takes the frame (null on a normal
// call) and dispatches only when it has one, called by both entries: about half the code, for two
// instructions more per call. It must be for a function that takes label addresses (`&&label`,
// `goto *p`), so that an address taken before a switch is still valid after it; the policy
// (OneBodyPolicy) chooses it for others. A one body saves into a new frame at a switch (its
// resume entry gives back the one it was restored from), and the points that share a save block
// share a restore block at the end of the body too:
//
//     static int SL_ONE_BODY sl__run_body(sl_frame *sl__fr, const unsigned char * code);
//     static int run(const unsigned char *code) { return sl__run_body(0, code); }
//     static int sl__run_body(sl_frame *sl__fr, const unsigned char * code) {
//         if (__builtin_expect(sl__fr != 0, 0)) switch (sl__fr->point->index) { case 0: goto sl__r0; ... }
//         static void *const table[] = { &&L_inc, &&L_dbl, &&L_end };   // stays inside
//         ...the body, as in the normal entry, with the resume labels of the resume entry...
//     }
//     static void sl__run_resume(sl_frame *sl__fr) {
//         ...zeroed parameters...; int sl__r = sl__run_body(sl__fr, sl__p0);
//         if (!sl_tls.unwinding) sl_result_store(&sl__r, sizeof sl__r);
//     }
//
// In the resume entry of a variadic function `va_start` and `va_end` expand to nothing: the
// lowering has checked that neither the variadic arguments nor a va_list is needed after a point.

import Foundation

/// Which transformed functions are emitted as one body that both entries call, instead of a
/// normal entry and a resume entry that copies the body. One body is about half the code; a call
/// costs two instructions more (the frame argument and its test) and a resume about twenty (a
/// new frame at each switch), and the labels it resumes at cost the optimizer a little.
public enum OneBodyPolicy: String, Sendable, CaseIterable {
    /// Functions whose bodies are large (where the copy is large and a call's cost is small
    /// beside the body's), and every function under -Os or -Oz (`stackless cc`).
    case auto
    /// Every function that can be (not variadic ones, nor those that call setjmp).
    case always
    /// Only where it must be: label addresses, static locals of a type the body declares.
    case never

    /// `auto` under the compiler's last -O flag: -Os and -Oz ask for size.
    public func under(compilerFlags flags: [String]) -> OneBodyPolicy {
        guard self == .auto, let o = flags.last(where: { $0.hasPrefix("-O") }) else { return self }
        return o == "-Os" || o == "-Oz" ? .always : self
    }
}

public struct EmitOptions: Sendable {
    public var torture = false
    public var checked = false
    /// The code keeps `sl_tls.unwind_ok` (torture and checked builds, and programs with
    /// functions left as written that a switch might otherwise unwind through).
    public var tracksUnwind = false
    public var oneBody = OneBodyPolicy.auto
    public init(torture: Bool = false, checked: Bool = false) {
        self.torture = torture
        self.checked = checked
    }
}

struct Emitter {
    let file: SourceFile
    let options: EmitOptions
    init(file: SourceFile, options: EmitOptions) {
        self.file = file
        self.options = options
    }

    var quotedPath: String { cStringLiteral(file.path) }


    /// The whole output file. `mainRenamed`: under --torture, the function `main` whose body is
    /// kept (it has no points) but which must run as a greenlet. `resettingUnwind`: functions
    /// kept as written but for `sl_tls.unwind_ok = 0;` at entry.
    func emit(_ lowered: [LoweredFunction], mainRenamed: Function?, resettingUnwind: [Function] = []) throws -> String {
        var out = ""
        if options.torture { out += "#define SL_TORTURE 1\n" }
        if options.checked { out += "#define SL_CHECKED 1\n" }
        out += "#include <stackless_gen.h>\n"
        if options.torture || options.checked || options.tracksUnwind {
            out += "__attribute__((constructor)) static void sl__track_unwind(void) { sl_track_unwind(); }\n"
        }
        out += "#line 1 \(quotedPath)\n"
        var cursor = 0
        var items: [(Function, LoweredFunction?)] = lowered.filter { !$0.points.isEmpty }.map { ($0.function, $0) }
        if let mainRenamed, !items.contains(where: { $0.0 === mainRenamed }) {
            items.append((mainRenamed, lowered.first { $0.function === mainRenamed }))
        }
        // A transformed function without points is kept as written, yet its callers treat the
        // call as a point and pass unwind_ok on: one that calls anything drops the flag at entry,
        // so that a function called back from what it calls (zlib's allocator, libpng's
        // png_zlib_inflate -> inflate -> png_zalloc) never unwinds through untransformed frames.
        var resettingUnwind = resettingUnwind
        if options.torture || options.checked {
            for l in lowered where l.points.isEmpty && !l.function.calls.isEmpty
                && !resettingUnwind.contains(where: { $0 === l.function }) {
                resettingUnwind.append(l.function)
            }
        }
        for f in resettingUnwind where !items.contains(where: { $0.0 === f }) { items.append((f, nil)) }
        items.sort { $0.0.startOffset < $1.0.startOffset }
        var problems: [Diagnostic] = []
        // longjmp goes to the runtime from the first function that calls it on (after the
        // headers, so that their declarations keep their names and asm labels).
        var longjmpAt = file.functions.filter(\.callsLongjmp).min { $0.startOffset < $1.startOffset }
        func copy(_ start: Int, _ end: Int) {
            if let f = longjmpAt, f.startOffset >= start, f.startOffset <= end {
                out += file.slice(start, f.startOffset) + longjmpMacros(f) + file.slice(f.startOffset, end)
                longjmpAt = nil
            } else {
                out += file.slice(start, end)
            }
        }
        for (f, l) in items {
            if l == nil && f !== mainRenamed {
                // Only the reset, on the line of the body's brace.
                copy(cursor, f.bodyOffset + 1)
                out += " sl_tls.unwind_ok = 0;"
                cursor = f.bodyOffset + 1
                continue
            }
            copy(cursor, f.startOffset)
            do {
                out += try emitFunction(f, l, resetsUnwind: resettingUnwind.contains { $0 === f })
            } catch let error as TransformError {
                problems += error.diagnostics
            }
            cursor = f.endOffset
            out += "\n#line \(f.endLoc.line) \(cStringLiteral(f.endLoc.file))\n"
            let column = file.column(ofOffset: f.endOffset)
            out += String(repeating: " ", count: column)
        }
        if !problems.isEmpty { throw TransformError(problems) }
        copy(cursor, file.text.count)
        return out
    }

    /// Sends the calls of longjmp, _longjmp and siglongjmp that follow to the runtime, which
    /// finds a jmp_buf whose setjmp is in a suspended frame (stackless_gen.h, sl_longjmp_jb),
    /// and their uses as values too (libpng keeps `longjmp` in a function pointer and calls it
    /// from its error handler): each name becomes a function of the runtime of the same type.
    private func longjmpMacros(_ f: Function) -> String {
        let offset = f.startOffset
        let names = Set(file.functions.flatMap(\.longjmpNames))
        var text = "\n"
        var declared: Set<String> = []
        for name in ["longjmp", "_longjmp", "siglongjmp"] where names.contains(name) {
            let target = name == "siglongjmp" ? "sl_siglongjmp_jb" : "sl_longjmp_jb"
            // longjmp and _longjmp share one (a second declaration is -Wredundant-decls).
            if declared.insert(target).inserted {
                text += "extern __typeof__(\(name)) \(target) __attribute__((__noreturn__));\n"
            }
            text += "#define \(name) \(target)\n"
        }
        return text + "#line \(f.startLoc.line) \(cStringLiteral(f.startLoc.file))\n"
            + String(repeating: " ", count: file.column(ofOffset: offset))
    }

    private func emitFunction(_ f: Function, _ l: LoweredFunction?, resetsUnwind: Bool) throws -> String {
        let renameMain = options.torture && f.name == "main"
        var header = f.header
        if renameMain {
            let bytes = Array(header.utf8)
            let at = f.nameOffsetInHeader
            if at >= 0 && at + 4 <= bytes.count && String(decoding: bytes[at..<at + 4], as: UTF8.self) == "main" {
                header = String(decoding: bytes[..<at], as: UTF8.self) + "sl__user_main"
                    + String(decoding: bytes[(at + 4)...], as: UTF8.self)
            }
        }
        var out = "\n"
        let startLine = f.startLoc.line
        let startFile = cStringLiteral(f.startLoc.file)
        guard let l, !l.points.isEmpty else {
            // Nothing to rewrite in the body.
            out += "#line \(startLine) \(startFile)\n"
            if resetsUnwind {
                out += header + "{ sl_tls.unwind_ok = 0;" + file.slice(f.bodyOffset + 1, f.endOffset)
            } else {
                out += header + file.slice(f.bodyOffset, f.endOffset)
            }
            if renameMain { out += mainWrapper(f) }
            return out
        }
        if !f.returnsVoid && !f.returnTypeSpellable {
            throw TransformError(f.loc, "cannot transform '\(f.name)': its return type has no name (give the struct a tag or a typedef)")
        }
        let name = "sl__\(renameMain ? "user_main" : f.name)"
        for (_, local) in l.parameters where !local.typeSpellable {
            throw TransformError(local.loc, "cannot transform '\(f.name)': the type of parameter '\(local.name)' has no name")
        }
        out += "SL_GENERATED_BEGIN\n"
        // Not `cold`: after a loop's first switch its remaining iterations run in the resume
        // entry (a server's or a generator's loop lives there), and a cold function is compiled
        // for size (gcc divides by a constant with `div`: such a loop ran 2.8x slower).
        out += "static void \(name)_resume(sl_frame *sl__fr);\n"
        // One descriptor per line: its resume function, its number, and the call it is after
        // (file and line, for debuggers).
        out += "static const sl_point __attribute__((unused)) \(name)_points[\(l.points.count)] = {\n"
        for p in l.points {
            out += "    {\(name)_resume, \(p.index), \(p.loc.line), \(cStringLiteral(p.loc.file))},\n"
        }
        out += "};\n"
        for s in l.hoistedStatics { out += s + "\n" }
        if f.emittedAsOneBody || choosesOneBody(f, l) {
            out += try singleBody(f, l, header: header, name: name, startLine: startLine)
            out += "SL_GENERATED_END\n"
            if renameMain { out += mainWrapper(f) }
            return out
        }
        out += "#line \(startLine) \(startFile)\n"

        // Both copies save the same frames the same way: their save blocks are shared alike.
        let sharedSave = Printer.sharedSaves(l)
        var normal = Printer(emitter: self, lowered: l, copy: .normal, prefix: name, sharedSave: sharedSave)
        normal.out = header.replacingWords("register", with: "") + "{\n"
        normal.currentLine = startLine + header.filter { $0 == "\n" }.count + 1
        normal.currentFile = f.startLoc.file
        for (v, initial) in l.hiddenTop {
            normal.out += "    \(l.hiddenType(v)) \(v.name) = \(initial);\n"
            normal.currentLine += 1
        }
        if normal.usesSharedSaves {
            normal.out += "    const sl_point *sl__pt;\n"
            normal.currentLine += 1
        }
        normal.body(l.body)
        normal.sharedSaveBlocks()
        normal.out += "}\n"
        out += normal.out

        var resume = Printer(emitter: self, lowered: l, copy: .resume, prefix: name, sharedSave: sharedSave)
        // Inside the resume entry, the function's name is still the original's.
        resume.out = functionNameMacros(f).push
        if f.isVariadic { resume.out += Emitter.withoutVariadicArguments.push }
        resume.out += "static void \(name)_resume(sl_frame *sl__fr) {\n"
        resume.currentLine = -1
        for (v, local) in l.parameters {
            resume.out += "    \(local.restorableTypeSpelling) __attribute__((unused)) \(v.name);\n"
        }
        for (v, _) in l.hiddenTop {
            resume.out += "    \(l.hiddenType(v)) __attribute__((unused)) \(v.name) = 0;\n"
        }
        // The size of the frame this activation keeps (sl_frame_repush), set where it is restored.
        resume.out += "    unsigned long __attribute__((unused)) sl__held = 0;\n"
        if resume.usesSharedSaves { resume.out += "    const sl_point *sl__pt;\n" }
        let cases = l.points.filter { !$0.isTail }.map { "case \($0.index): goto sl__r\($0.index);" }
        resume.out += "    switch (sl__fr->point->index) { \(cases.joined(separator: " ")) default: __builtin_unreachable(); }\n"
        resume.body(l.body)
        resume.sharedSaveBlocks()
        resume.out += "    sl_frame_drop(sl__fr, sl__held);\n"
        resume.out += "}\n"
        if f.isVariadic { resume.out += Emitter.withoutVariadicArguments.pop }
        resume.out += functionNameMacros(f).pop
        out += resume.out
        out += "SL_GENERATED_END\n"
        if renameMain { out += mainWrapper(f) }
        return out
    }

    /// Source bytes of a body from which `auto` emits it as one body, when no point is in a
    /// loop (LNode.hasPointInLoop). Measured on calc.c (Benchmarks/README.md, "One body"): a
    /// point in a loop puts a resume label in the loop, and its lexer ran 30-50% more
    /// instructions so; a small function called millions of times (its evaluator, 637 bytes)
    /// pays the frame argument on every call. Over both, the copy is what costs: calc's code
    /// 4.91x -> 4.21x (gcc), 3.90x -> 3.24x (clang), instructions +0.3-0.4% (resume entries
    /// compiled for speed, as they are since they stopped being `cold`).
    static let oneBodyMinimumBytes = 700

    /// One body by the policy, where it can be: not a variadic function (the body could not
    /// receive the variadic arguments), and not one that calls setjmp (whose resume keeps its
    /// frame and re-arms its buffers: the two copies are the form that does that).
    func choosesOneBody(_ f: Function, _ l: LoweredFunction) -> Bool {
        guard options.oneBody != .never, !f.isVariadic, l.jmpRecord == nil else { return false }
        return options.oneBody == .always
            || f.endOffset - f.bodyOffset >= Emitter.oneBodyMinimumBytes && !l.body.hasPointInLoop
    }

    /// The wrapper takes what the user's `main` takes, so that a declaration of `main` earlier in
    /// the file (`int main(int, char **);`) still agrees with it.
    private func mainParameters(_ count: Int) -> String {
        switch count {
        case 0: return "void"
        case 1: return "int argc"
        case 2: return "int argc, char **argv"
        default: return "int argc, char **argv, char **envp"
        }
    }

    private func mainArguments(_ count: Int) -> String {
        switch count {
        case 0: return "0, 0, 0"
        case 1: return "argc, 0, 0"
        case 2: return "argc, argv, 0"
        default: return "argc, argv, envp"
        }
    }

    /// The emitted functions other than the normal entry are named sl__...: inside them
    /// `__func__` still names the user's function.
    private func functionNameMacros(_ f: Function) -> (push: String, pop: String) {
        let names = ["__func__", "__FUNCTION__", "__PRETTY_FUNCTION__"]
        return (names.map { "#pragma push_macro(\"\($0)\")\n#undef \($0)\n#define \($0) \"\(f.name)\"\n" }.joined(),
                names.map { "#pragma pop_macro(\"\($0)\")\n" }.joined())
    }

    /// Around the resume entry of a variadic function, which has no variadic arguments: the
    /// lowering has checked that no `va_start` runs after a point, and a `va_end` there has
    /// nothing to end. (`sizeof` keeps the va_list used, without reading it.)
    static let withoutVariadicArguments: (push: String, pop: String) = {
        let definitions = [("__builtin_va_start", "(ap, ...) ((void)sizeof (ap))"),
                           ("__builtin_c23_va_start", "(...) ((void)0)"),
                           ("__builtin_va_end", "(ap) ((void)sizeof (ap))")]
        return (definitions.map { "#pragma push_macro(\"\($0.0)\")\n#undef \($0.0)\n#define \($0.0)\($0.1)\n" }.joined(),
                definitions.map { "#pragma pop_macro(\"\($0.0)\")\n" }.joined())
    }()

    /// A function that takes label addresses: one body (`sl__f_body`) that both entries call.
    private func singleBody(_ f: Function, _ l: LoweredFunction, header: String, name: String, startLine: Int) throws -> String {
        if f.isVariadic {
            throw TransformError(f.loc, "cannot transform '\(f.name)': it is variadic and takes label addresses; its one body could not receive the variadic arguments (move the computed goto into a function that takes a va_list)")
        }
        let body = "\(name)_body"
        let result = f.returnsVoid ? "void" : "__typeof__(\(f.returnTypeSpelling))"
        let declarations = l.parameters.map { v, local in "__typeof__(\(local.typeSpelling)) \(v.name)" }
        var out = "static \(result) SL_ONE_BODY \(body)(\((["sl_frame *sl__fr"] + declarations).joined(separator: ", ")));\n"
        // The normal entry: the original header, a tail call.
        let arguments = (["0"] + l.parameters.map { $0.0.name }).joined(separator: ", ")
        out += "#line \(startLine) \(cStringLiteral(f.startLoc.file))\n"
        out += header + "{ " + (f.returnsVoid ? "" : "return ") + "\(body)(\(arguments)); }\n"
        let nameMacros = functionNameMacros(f)
        out += nameMacros.push
        var printer = Printer(emitter: self, lowered: l, copy: .single, prefix: name, sharedSave: Printer.sharedSaves(l))
        // On the function's line, each parameter on its own (an unused one is reported there;
        // K&R declarations come on later lines).
        let file = cStringLiteral(f.startLoc.file)
        var definition = "#line \(startLine) \(file)\nstatic \(result) \(body)(sl_frame *sl__fr"
        var line = startLine
        for ((_, local), declaration) in zip(l.parameters, declarations) {
            definition += ","
            if local.loc.line != line && local.loc.file == f.startLoc.file {
                line = local.loc.line
                definition += "\n#line \(line) \(file)\n   "
            }
            definition += " " + declaration
        }
        printer.out = definition + ") {\n"
        for (v, initial) in l.hiddenTop {
            printer.out += "    \(l.hiddenType(v)) \(v.name) = \(initial);\n"
        }
        if printer.keepsFrame { printer.out += "    unsigned long __attribute__((unused)) sl__held = 0;\n" }
        if printer.usesSharedSaves { printer.out += "    const sl_point *sl__pt;\n" }
        // A point whose variables are restored by a shared block goes there first.
        let cases = l.points.filter { !$0.isTail }.map { p in
            "case \(p.index): goto \(printer.restoredShared(p) ? "sl__restore\(printer.sharedSave[p.index]!)" : "sl__r\(p.index)");"
        }
        printer.out += "    if (__builtin_expect(sl__fr != 0, 0)) switch (sl__fr->point->index) { \(cases.joined(separator: " ")) default: __builtin_unreachable(); }\n"
        printer.body(l.body)
        printer.sharedSaveBlocks()
        printer.sharedRestoreBlocks()
        if printer.keepsFrame { printer.out += "    sl_frame_drop(sl__fr, sl__held);\n" }
        printer.out += "}\n"
        out += printer.out
        // The resume entry: the parameters come back from the frame, so any value will do.
        out += "static void \(name)_resume(sl_frame *sl__fr) {\n"
        var passed = ["sl__fr"]
        for (i, (_, local)) in l.parameters.enumerated() {
            out += "    __typeof__(\(local.typeSpelling)) sl__p\(i); __builtin_memset((void *)&sl__p\(i), 0, sizeof sl__p\(i));\n"
            passed.append("sl__p\(i)")
        }
        if f.returnsVoid {
            out += "    \(body)(\(passed.joined(separator: ", ")));\n"
        } else {
            out += "    \(result) sl__r = \(body)(\(passed.joined(separator: ", ")));\n"
            out += "    if (!sl_tls.unwinding) sl_result_store(&sl__r, sizeof sl__r);\n"
        }
        if !printer.keepsFrame { out += "    sl_frame_release_restored(sl__fr);\n" }
        out += "}\n"
        out += nameMacros.pop
        return out
    }

    private func mainWrapper(_ f: Function) -> String {
        let names = ["sl__argc", "sl__argv", "sl__envp"]
        let arguments = names.prefix(min(f.parameters.count, 3)).joined(separator: ", ")
        return """

            static int sl__main_thunk(int sl__argc, char **sl__argv, char **sl__envp) {
                (void)sl__argc; (void)sl__argv; (void)sl__envp;
                return sl__user_main(\(arguments));
            }
            int main(\(mainParameters(f.parameters.count))) { return sl_torture_main(sl__main_thunk, \(mainArguments(f.parameters.count))); }
            """
    }
}

extension Point {
    var isTail: Bool { result.isTail }
}

extension LoweredFunction {
    /// The C type of a variable the lowering added at the top of the function.
    func hiddenType(_ v: Variable) -> String {
        if v === unwindOK { return "int" }
        if v === jmpRecord { return "sl_jmp_record *" }
        return "void *"
    }
}

/// Prints one copy of a lowered body.
struct Printer {
    /// The normal entry, the resume entry, or the one body of a function that takes label
    /// addresses (returns as the normal entry, resume labels as the resume entry).
    enum Copy { case normal, resume, single }
    let emitter: Emitter
    let lowered: LoweredFunction
    let copy: Copy
    let prefix: String
    var out = ""
    /// The line and file the compiler will give the next output line; -1 forces a directive.
    var currentLine = -1
    var currentFile = ""
    var indent = 1

    init(emitter: Emitter, lowered: LoweredFunction, copy: Copy, prefix: String, sharedSave: [Int: Int] = [:]) {
        self.emitter = emitter
        self.lowered = lowered
        self.copy = copy
        self.prefix = prefix
        self.sharedSave = sharedSave
    }

    /// Points whose frames hold the same variables, all declared at the function's outermost
    /// scope, share one save block at the end of the body (point index -> the group's first):
    /// the point only names itself and jumps there. Save blocks are most of the code a point
    /// adds (a call, the stores, a return with its epilogue); a function of many calls with
    /// the same live variables (a recursive-descent parser) would otherwise carry one per call.
    /// Not with setjmp records (a save also marks the record), nor in a function with a
    /// variably modified local (a jump to the end of the body may not enter its scope).
    static func sharedSaves(_ l: LoweredFunction) -> [Int: Int] {
        guard l.jmpRecord == nil,
              !l.function.locals.contains(where: { $0.isVariablyModified || $0.hasVariablyModifiedType })
        else { return [:] }
        var groups: [[Int]: [Point]] = [:]
        var order: [[Int]] = []
        for p in l.points where !p.isTail && p.saved.allSatisfy({ l.functionScope.contains($0.id) }) {
            let key = fieldOrder(p.saved).map(\.id)
            if groups[key] == nil { order.append(key) }
            groups[key, default: []].append(p)
        }
        var leader: [Int: Int] = [:]
        for key in order {
            guard let members = groups[key], members.count > 1 else { continue }
            for p in members { leader[p.index] = members[0].index }
        }
        return leader
    }

    /// point index -> the first point of its shared save block (sharedSaves).
    let sharedSave: [Int: Int]
    var usesSharedSaves: Bool { !sharedSave.isEmpty }

    var function: Function { lowered.function }
    var returnType: String { "__typeof__(\(function.returnTypeSpelling))" }

    mutating func line(_ text: String, _ loc: SourceLoc) {
        if loc.line != currentLine || loc.file != currentFile {
            out += "#line \(loc.line) \(cStringLiteral(loc.file))\n"
            currentLine = loc.line
            currentFile = loc.file
        }
        out += String(repeating: "    ", count: indent) + text + "\n"
        if currentLine >= 0 { currentLine += 1 + text.filter { $0 == "\n" }.count }
    }

    mutating func body(_ node: LNode) {
        guard case .block(let items) = node.kind else { return print(node) }
        for item in items { print(item) }
    }

    mutating func print(_ node: LNode) {
        switch node.kind {
        case .text(let t):
            line(t, node.loc)
        case .block(let items):
            line("{", node.loc)
            indent += 1
            for item in items { print(item) }
            indent -= 1
            line("}", node.loc)
        case .ifElse(let c, let t, let e):
            line("if (\(c))", node.loc)
            nested(t)
            if let e {
                line("else", node.loc)
                nested(e)
            }
        case .whileLoop(let c, let b):
            line("while (\(c))", node.loc)
            nested(b)
        case .forLoop(let i, let c, let inc, let b):
            line("for (\(i.isEmpty ? ";" : i) \(c); \(inc))", node.loc)
            nested(b)
        case .doWhile(let b, let c, let conditionLoc):
            line("do", node.loc)
            nested(b)
            line("while (\(c));", conditionLoc)
        case .switchOn(let c, let b):
            line("switch (\(c))", node.loc)
            nested(b)
        case .label(let t):
            line("\(t) ;", node.loc)
        case .point(let p):
            point(p, node.loc)
        case .returnValue(let v):
            returnStatement(v, node.loc)
        case .setjmpPoint(let p):
            setjmpPoint(p, node.loc)
        }
    }

    mutating func nested(_ node: LNode) {
        if case .block = node.kind {
            print(node)
        } else {
            indent += 1
            print(node)
            indent -= 1
        }
    }

    mutating func returnStatement(_ value: String?, _ loc: SourceLoc) {
        let release = (lowered.jmpRecord.map { "sl_jmp_leave(\($0.name)); " } ?? "")
            + (lowered.shadowMark.map { "sl_shadow_release(\($0.name)); " } ?? "")
        // A resumed activation gives back the frame it kept when it returns.
        let drop = "sl_frame_drop(sl__fr, sl__held); "
        switch (copy, value) {
        case (.normal, nil):
            line("{ \(release)return; }", loc)
        case (.normal, let v?):
            if release.isEmpty {
                line("return \(v);", loc)
            } else {
                line("{ \(returnType) sl__r = (\(v)); \(release)return sl__r; }", loc)  // `return a, b;`
            }
        case (.single, nil) where !keepsFrame:
            line("{ \(release)return; }", loc)
        case (.single, let v?) where !keepsFrame:
            if release.isEmpty {
                line("return \(v);", loc)
            } else {
                line("{ \(returnType) sl__r = (\(v)); \(release)return sl__r; }", loc)
            }
        case (.single, nil), (.resume, nil):
            line("{ \(release)\(drop)return; }", loc)
        case (.single, let v?):
            line("{ \(returnType) sl__r = (\(v)); \(release)\(drop)return sl__r; }", loc)
        case (.resume, let v?):
            line("{ \(returnType) sl__r = (\(v)); \(release)sl_result_store(&sl__r, sizeof sl__r); \(drop)return; }", loc)
        }
    }

    /// The point's call, with greenlet_switch made the runtime's inline switch (stackless_gen.h)
    /// where nothing asks for the checks of the out-of-line one (tracked and checked builds).
    func call(_ p: Point) -> String {
        let name = "greenlet_switch("
        guard p.call.hasPrefix(name), lowered.unwindOK == nil, !emitter.options.checked else { return p.call }
        return "sl_switch(" + p.call.dropFirst(name.count)
    }

    mutating func point(_ p: Point, _ loc: SourceLoc) {
        if let ok = lowered.unwindOK {
            line("sl_tls.unwind_ok = \(ok.name)\(p.unwindGate.map { " & SL_RESUMABLE(\($0))" } ?? "");", loc)
        }
        switch p.result {
        case .discarded:
            line("\(call(p));", loc)
        case .temporary(let t):
            line("__typeof__(\(p.call)) \(t.name) = \(call(p));", loc)
        case .variable(let v):
            line("\(v.name) = \(call(p));", loc)
        case .declaration(let head, _):
            line("\(head) \(call(p));", loc)
        case .tailReturn:
            let drop = keepsFrame ? "sl_frame_drop(sl__fr, sl__held); " : ""
            if function.returnsVoid {
                line("{ \(p.call); \(drop)return; }", loc)
            } else if !keepsFrame {
                line("return \(p.call);", loc)
            } else if copy == .single {
                line("{ \(returnType) sl__r = \(p.call); \(drop)return sl__r; }", loc)
            } else {
                line("{ \(returnType) sl__r = \(p.call); if (!sl_tls.unwinding) sl_result_store(&sl__r, sizeof sl__r); \(drop)return; }", loc)
            }
            return
        }
        // The flag was the callee's to take; a primitive that returned without switching leaves
        // it set, and a callback reached through an untransformed frame next must not see it.
        if lowered.unwindOK != nil { line("sl_tls.unwind_ok = 0;", loc) }
        // The frame: the header, then the saved variables as fields with their own names and
        // types (gdb prints them), by decreasing alignment so that no padding comes between.
        let tag = "sl__f\(p.index)"
        let frame = ["struct \(tag) {", "    sl_frame sl__h;"] + Printer.frameFields(p).map { "    " + $0 }
        var save = ["/* point \(p.index): after \(Printer.callee(p.call)) */"]
        if let first = sharedSave[p.index] {
            save.append("if (__builtin_expect(sl_tls.unwinding, 0)) { sl__pt = &\(prefix)_points[\(p.index)]; goto sl__save\(first); }")
        } else {
            save.append("if (__builtin_expect(sl_tls.unwinding, 0)) {")
            save += saveBlock(p, point: "&\(prefix)_points[\(p.index)]").map { "    " + $0 }
            save.append("}")
        }
        lines(save, loc)
        guard copy != .normal else { return }
        let result: Variable?
        switch p.result {
        case .temporary(let v), .variable(let v), .declaration(_, let v): result = v
        default: result = nil
        }
        let fetch = result.map { "__builtin_memcpy((void *)&\($0.name), sl_result_at(\($0.size)), \($0.size));" }
        if restoredShared(p) {
            // The variables are back (sharedRestoreBlocks); only the call's value is this point's.
            lines(fetch.map { ["if (0) {", "sl__r\(p.index): ;", "    " + $0, "}"] } ?? ["sl__r\(p.index): ;"], loc)
            return
        }
        var restore = ["if (0) {", "sl__r\(p.index): ;"]
        restore.append("    {")
        restore += frame.map { "        " + $0 }
        restore.append("        };")
        restore += restoreStatements(p).map { "        " + $0 }
        restore.append("    }")
        if let record = lowered.jmpRecord { restore.append("    " + rearm(record)) }
        if let fetch { restore.append("    " + fetch) }
        restore.append("}")
        lines(restore, loc)
    }

    /// A resumed activation keeps its frame to save into again (sl_frame_repush) and gives it
    /// back when it returns: the resume entry, and a one body with setjmp records. Any other one
    /// body pushes a new frame at a switch and leaves the one it was restored from to its resume
    /// entry, which gives it back when the body returns (a longjmp that ends the activation
    /// leaves it to the trampoline): nothing of the resume is live in the body (fewer registers,
    /// no release at every return).
    var keepsFrame: Bool { copy == .resume || (copy == .single && lowered.jmpRecord != nil) }

    /// In a one body, a point of a shared save block has its variables restored by a shared
    /// block too (the variables are those of the function's outermost scope, in scope at its end).
    func restoredShared(_ p: Point) -> Bool {
        copy == .single && !keepsFrame && sharedSave[p.index] != nil
    }

    /// The statements that restore point p's variables from its frame (`frame`, a pointer to
    /// its struct; `sl__fr` cast to it by default), then release or keep the frame.
    func restoreStatements(_ p: Point, frame: String? = nil) -> [String] {
        let fields = Printer.fieldOrder(p.saved)
        let tag = "sl__f\(p.index)"
        var out = ["struct \(tag) *sl__f = \(frame ?? "(struct \(tag) *)(void *)sl__fr");"]
        for (v, field) in zip(fields, Printer.fieldNames(fields)) {
            out.append("__builtin_memcpy((void *)&\(v.name), (void *)&sl__f->\(field), \(v.size));")
        }
        if fields.isEmpty { out.append("(void)sl__f;") }
        out.append(keepsFrame ? "sl__held = sizeof(struct \(tag));" : "sl_frame_restored(sl__fr, sizeof(struct \(tag)));")
        return out
    }

    /// The shared restore blocks of a one body, at the end of the body: the dispatch sends each
    /// point of a shared save block here, and the block goes on to the point's label. Each
    /// point's struct is declared (a union of them types the frame), so that a debugger finds
    /// `struct sl__f<N>` for every point as for the others:
    /// `if (0) { sl__restoreN: ; { struct sl__fN {...}; ...; restore; switch (index) {...} } }`.
    mutating func sharedRestoreBlocks() {
        guard copy == .single && !keepsFrame else { return }
        for leader in lowered.points where sharedSave[leader.index] == leader.index {
            let members = lowered.points.filter { sharedSave[$0.index] == leader.index }
            var block = ["if (0) {", "sl__restore\(leader.index): ;", "    {"]
            for p in members {
                block.append("        struct sl__f\(p.index) {")
                block.append("            sl_frame sl__h;")
                block += Printer.frameFields(p).map { "            " + $0 }
                block.append("        };")
            }
            block.append("        union sl__u\(leader.index) {")
            block += members.map { "            struct sl__f\($0.index) sl__p\($0.index);" }
            block.append("        };")
            block.append("        union sl__u\(leader.index) *sl__u = (union sl__u\(leader.index) *)(void *)sl__fr;")
            block.append("        unsigned sl__index = sl__fr->point->index;")
            block += restoreStatements(leader, frame: "&sl__u->sl__p\(leader.index)").map { "        " + $0 }
            let cases = members.map { "case \($0.index): goto sl__r\($0.index);" }.joined(separator: " ")
            block.append("        switch (sl__index) { \(cases) default: __builtin_unreachable(); }")
            block += ["    }", "}"]
            lines(block, leader.loc)
        }
    }

    /// The statements that save point p's frame (the struct, the push, the stores) and return;
    /// `point` is the C expression of its descriptor.
    func saveBlock(_ p: Point, point: String) -> [String] {
        let fields = Printer.fieldOrder(p.saved)
        let names = Printer.fieldNames(fields)
        let tag = "sl__f\(p.index)"
        var save = ["struct \(tag) {", "    sl_frame sl__h;"] + Printer.frameFields(p).map { "    " + $0 }
        save.append("};")
        // A resumed activation saves into the frame it kept when the size class allows.
        let push = !keepsFrame
            ? "sl_frame_push(sizeof(struct \(tag)), \(point))"
            : "sl_frame_repush(sl__fr, sl__held, sizeof(struct \(tag)), \(point))"
        save.append("struct \(tag) *sl__f = (struct \(tag) *)\(push);")
        for (v, field) in zip(fields, names) {
            save.append("__builtin_memcpy((void *)&sl__f->\(field), (void *)&\(v.name), \(v.size));")
        }
        if let record = lowered.jmpRecord { save.append("sl_jmp_unwound(\(record.name), &sl__f->sl__h);") }
        else if fields.isEmpty { save.append("(void)sl__f;") }
        if copy != .resume && !function.returnsVoid {
            save.append("{ \(returnType) sl__d; __builtin_memset((void *)&sl__d, 0, sizeof sl__d); return sl__d; }")
        } else {
            save.append("return;")
        }
        return save
    }

    /// The shared save blocks (sharedSaves), at the end of the body, reached only by their
    /// points' jumps: `if (0) { sl__saveN: ; { ...save, with the descriptor in sl__pt... } }`.
    mutating func sharedSaveBlocks() {
        for p in lowered.points where sharedSave[p.index] == p.index {
            var block = ["if (0) {", "sl__save\(p.index): ;", "    {"]
            block += saveBlock(p, point: "sl__pt").map { "        " + $0 }
            block += ["    }", "}"]
            lines(block, p.loc)
        }
    }

    /// Lines of one construct (a save or restore block), indented as the construct. Each line
    /// with code is on the line of `loc`, as the whole block was when it was one line: a
    /// breakpoint on a later line of the user's must not land in it (`#line N` repeats the
    /// file it is in). Comments, braces, labels and the frame struct's definition have no code.
    mutating func lines(_ texts: [String], _ loc: SourceLoc) {
        let indentation = String(repeating: "    ", count: indent)
        for text in texts {
            let t = text.trimmingCharacters(in: .whitespaces)
            let hasCode = !(t.hasPrefix("/*") || t == "}" || t == "};" || t == "{" || t.hasSuffix(" {") && t.hasPrefix("struct ") || t == "if (0) {"
                || t.hasSuffix(": ;") || t == "sl_frame sl__h;" || Printer.isFieldLine(t))
            if hasCode && currentLine >= 0 && currentLine != loc.line && currentFile == loc.file {
                out += "#line \(loc.line)\n"
                currentLine = loc.line
            }
            if hasCode {
                line(text, loc)
            } else {
                out += indentation + text + "\n"
                if currentLine >= 0 { currentLine += 1 }
            }
        }
    }

    /// A line of a frame struct's definition: `__typeof__(x) x;` or `unsigned char x[...];`.
    static func isFieldLine(_ t: String) -> Bool {
        (t.hasPrefix("__typeof__(") || t.hasPrefix("unsigned char ")) && t.hasSuffix(";") && !t.contains("=")
    }

    /// The field lines of point p's frame struct, after the header.
    static func frameFields(_ p: Point) -> [String] {
        let fields = fieldOrder(p.saved)
        return zip(fields, fieldNames(fields)).map { field($0, named: $1) }
    }

    /// A frame field: the variable's own type, or its bytes where no field can have that type
    /// (a variably modified type: a VLA, a pointer to one).
    static func field(_ v: Variable, named field: String) -> String {
        v.bytesOnly ? "unsigned char \(field)[\(v.size)];" : "__typeof__(\(v.name)) \(field);"
    }

    /// The fields' names: the variables' own, but a name that comes again (the transform's own
    /// variables of nested loops, `sl__first`) gets a number: `sl__first_2`.
    static func fieldNames(_ fields: [Variable]) -> [String] {
        var seen: [String: Int] = [:]
        return fields.map { v in
            seen[v.name, default: 0] += 1
            let n = seen[v.name]!
            return n == 1 ? v.name : "\(v.name)_\(n)"
        }
    }

    /// The saved variables in field order: unknown alignment first (right after the 16-byte
    /// header, aligned for anything), then by decreasing alignment, bytes last; ties keep
    /// liveness order. Each size is a multiple of its alignment, so only the tail pads.
    static func fieldOrder(_ saved: [Variable]) -> [Variable] {
        func rank(_ v: Variable) -> Int { v.bytesOnly ? 0 : v.alignment == 0 ? Int.max : v.alignment }
        return saved.enumerated().sorted {
            let a = rank($0.element), b = rank($1.element)
            return a != b ? a > b : $0.offset < $1.offset
        }.map(\.element)
    }

    /// What a point's comment calls its call: `next_token()`, or `(*fp)()` through a pointer.
    static func callee(_ call: String) -> String {
        let text = call.trimmingCharacters(in: .whitespaces)
        var depth = 0
        var end = text.startIndex
        for (i, c) in zip(text.indices, text) {
            if c == "(" {
                if depth == 0 && i != text.startIndex { end = i; break }
                depth += 1
            } else if c == ")" {
                depth -= 1
            }
        }
        let name = String(text[..<end]).trimmingCharacters(in: .whitespaces)
        guard !name.isEmpty, name.count <= 60, !name.contains("*/"), !name.contains("/*"), !name.contains("\n") else {
            return "a call"
        }
        return name + "()"
    }
}

extension Printer {
    /// The call that arms a setjmp point's buffer, registered in the record.
    /// Arming it again after a resume saves no signal mask: the record kept the first one.
    func setjmpCall(_ p: SetjmpPoint, _ record: Variable, again: Bool = false) -> String {
        let site = "\(record.name)->site[\(p.site)]"
        return "\(p.function)(\(site).buf\(p.saveMask == nil ? "" : again ? ", 0" : ", \(site).savemask"))"
    }

    /// `int t = setjmp(buf);` with the buffer registered first; after a longjmp lands (natively,
    /// or through the runtime in the resume entry), the record drops what newer activations left.
    mutating func setjmpPoint(_ p: SetjmpPoint, _ loc: SourceLoc) {
        guard let record = lowered.jmpRecord else { return }
        let t = p.result.name
        line("sl_jmp_arm(\(record.name), \(p.site), (void *)(\(p.buffer)), \(p.saveMask.map { "(int)(\($0))" } ?? "0"));", loc)
        line("int \(t) = \(setjmpCall(p, record));", loc)
        if copy == .resume { line("if (0) { sl__sj\(p.site): \(t) = \(record.name)->value; }", loc) }
        line("if (__builtin_expect(\(t) != 0, 0)) sl_jmp_landed(\(record.name), \(p.site)); else sl_jmp_armed(\(record.name), \(p.site));", loc)
    }

    /// In a resume entry, after a frame of a function that calls setjmp is restored: its armed
    /// buffers that still hold what their setjmp wrote are armed again in this activation (one
    /// the program freed or gave another handler's registers is left alone), and a longjmp the
    /// runtime carried here goes to its setjmp.
    func rearm(_ record: Variable) -> String {
        var text = "{ int sl__site = sl_jmp_resumed(\(record.name));"
        for p in lowered.setjmpPoints {
            text += " if (sl_jmp_intact(\(record.name), \(p.site))) { int sl__v = \(setjmpCall(p, record, again: true)); if (sl__v != 0) { \(record.name)->value = sl__v; goto sl__sj\(p.site); } sl_jmp_armed(\(record.name), \(p.site)); }"
        }
        text += " switch (sl__site) {"
        for p in lowered.setjmpPoints { text += " case \(p.site): goto sl__sj\(p.site);" }
        text += " default: break; } }"
        return text
    }
}

extension String {
    /// Replaces whole-word occurrences of `word`.
    func replacingWords(_ word: String, with replacement: String) -> String {
        let bytes = Array(utf8), target = Array(word.utf8)
        var result: [UInt8] = []
        var i = 0
        while i < bytes.count {
            if i + target.count <= bytes.count && Array(bytes[i..<i + target.count]) == target
                && (i == 0 || !isIdentifierByte(bytes[i - 1]))
                && (i + target.count == bytes.count || !isIdentifierByte(bytes[i + target.count])) {
                result += Array(replacement.utf8)
                i += target.count
            } else {
                result.append(bytes[i])
                i += 1
            }
        }
        return String(decoding: result, as: UTF8.self)
    }

}

