// The transform library's public face: runs parse -> analyse -> lower -> emit over a program.

import Foundation

public struct TransformOptions: Sendable {
    /// Arguments for the C parser: -I, -D, -std and the like.
    public var compilerArguments: [String] = []
    /// For libclang only: the target of a cross compiler (`CompilerTarget.parserArguments`:
    /// `-target`, its include directories). The compiler itself knows them already.
    public var targetArguments: [String] = []
    public var suspendAll = false
    public var torture = false
    /// Checked build: a switch attempted while an untransformed C frame sits between the
    /// greenlet and its trampoline is reported instead of corrupting the stack.
    public var checked = false
    /// Deep recursion: every transformed function checks the C stack's depth at entry and moves
    /// the greenlet's frames to the heap when it is too deep (costs a compare per call).
    public var deepRecursion = false
    /// Warn about calls to blocking libc functions (read, recv, sleep) in functions that may
    /// suspend, which hold up every greenlet of the thread.
    public var warnBlockingCalls = true
    /// Where `stackless_gen.h` and `greenlet.h` live, so that inputs can include them.
    public var runtimeInclude: String?
    /// The preprocessor that gives the preprocessed form of functions whose text cannot be
    /// sliced: the compiler that will build the output, with its flags.
    public var preprocessor = PreprocessorCommand.fromEnvironment
    /// The inputs are part of a program whose other units are compiled separately (`cc -c`):
    /// with --suspend-all, their functions are assumed transformed (Summary.swift).
    public var separate = false
    /// Summaries of the program's other units (from -p's compilation database or the objects of
    /// a link): what they define decides what the inputs assume.
    public var otherUnits: [UnitSummary] = []
    /// Append each output's summary and markers (for `stackless check`).
    public var summaries = false
    /// Which transformed functions are emitted as one body instead of two copies.
    public var oneBody = OneBodyPolicy.auto

    public init() {}

    /// What the parser is given: the user's flags, the runtime's headers, the build's defines.
    var parserArguments: [String] {
        var arguments = compilerArguments
        if let include = runtimeInclude { arguments += ["-I", include] }
        if torture { arguments += ["-DSL_TORTURE=1"] }
        if checked { arguments += ["-DSL_CHECKED=1"] }
        return arguments
    }

    /// What libclang is given: the parser's arguments and the target's.
    var libclangArguments: [String] { parserArguments + targetArguments }
}

/// One function, as `stackless explain` reports it.
public struct Explanation: Sendable {
    public var file: String
    public var function: String
    public var loc: SourceLoc
    public var maySuspend: Bool
    public var suspendAll: Bool
    /// `parse_line -> next_token -> greenlet_switch`
    public var chain: [String]
    /// Warnings for its calls to blocking libc functions, with the cooperative call to use.
    public var blockingCalls: [Diagnostic]
}

/// What a transform produces: each input's output text, in input order, and the warnings.
public struct TransformResult: Sendable {
    public var outputs: [(input: String, output: String)]
    public var warnings: [Diagnostic]
    /// Each input's summary, in input order.
    public var summaries: [UnitSummary] = []
}

public enum Stackless {
    /// Transforms a whole program. Throws a TransformError with every problem found (and the
    /// warnings); nothing is written by this call.
    public static func transform(inputs: [String], options: TransformOptions) throws -> TransformResult {
        let originals = try parseAll(inputs, options)
        let separate = SeparateCompilation(files: originals, options: options)
        // Under --suspend-all, a function that cannot be transformed and would not suspend
        // without it is left as written: calls to it are then calls to untransformed code. What
        // the lowering refuses (a VLA or a va_list live across a point) is known only after the
        // lowering, so the rounds start again from the first parse with it left as written (its
        // callers' calls to it no longer suspend, and its body keeps its text).
        var leftAsWritten: Set<String> = []
        // Functions that may suspend only through calls by pointer and cannot be transformed are
        // left as written too, with a warning each; the build then tracks unwind_ok, so that a
        // switch that would unwind through one of them stops with a message at run time instead
        // of corrupting the stack. That needs every unit of the program to track: a whole program
        // in one call, or --checked (or --torture) on every compile.
        var leftThroughPointers: [String: Diagnostic] = [:]
        let mayTrackWholeProgram = (!options.separate && options.otherUnits.isEmpty) || options.checked || options.torture
        func analyse(_ files: [SourceFile]) -> Analysis {
            var analysisOptions = AnalysisOptions(suspendAll: options.suspendAll)
            analysisOptions.leftAsWritten = leftAsWritten
            analysisOptions.checkedAtRunTime = Set(leftThroughPointers.keys)
            analysisOptions.external = separate.external
            let analysis = Analysis(files: files, options: analysisOptions)
            for file in files { separate.markGates(file, analysis) }
            return analysis
        }
        func mayLeaveAsWritten(_ f: Function, _ analysis: Analysis, because problems: [Diagnostic]) -> Bool {
            if options.suspendAll && analysis.ownReasons[f.usr] == nil { return true }
            guard mayTrackWholeProgram, analysis.suspendsOnlyThroughPointers(f.usr),
                  let problem = problems.first(where: { $0.severity == .error }) else { return false }
            let chain = analysis.ownChain(for: f.usr).joined(separator: " -> ")
            leftThroughPointers[f.usr] = Diagnostic(.warning, f.loc,
                "'\(f.name)' is left as written: it may suspend only through a call by pointer (\(chain)), and it cannot be transformed: \(problem.message) (at \(problem.loc.map { "\($0)" } ?? "?")); the program checks at run time that no switch happens under it")
            return true
        }
        /// Lowers `f`; a refusal leaves it as written where --suspend-all allows (the round then
        /// starts again without it).
        var tracksUnwind: Bool { options.torture || options.checked || !leftThroughPointers.isEmpty }
        func attempt(_ f: Function, _ analysis: Analysis) -> LoweringAttempt {
            decideShadowStack(f)
            do {
                return .lowered(try lower(f, options, tracksUnwind: tracksUnwind))
            } catch let error as TransformError {
                guard mayLeaveAsWritten(f, analysis, because: error.diagnostics) else { return .refused(error.diagnostics) }
                leftAsWritten.insert(f.usr)
                return .leftAsWritten
            } catch is MacroExpansionReached {
                return .reachedMacro
            } catch {
                return .refused([Diagnostic(.error, f.loc, "cannot transform '\(f.name)': \(error)")])
            }
        }
        var prepared: [Int: (Set<String>, SourceFile)] = [:]
        round: while true {
            var analysis = analyse(originals)
            // Refusals and warnings are found on the first parse, where locations are the user's own.
            var refusedFunctions: Set<String> = []
            var diagnostics: [Diagnostic] = []
            var warnings: [Diagnostic] = []
            for file in originals {
                for f in file.functions where analysis.mayTransform(f) {
                    var problems = refusals(f, analysis)
                    if problems.isEmpty && f.macroDependent {
                        decideShadowStack(f)
                        problems = Lowering.refusals(f, torture: options.torture, checked: options.checked)
                    }
                    if !problems.isEmpty {
                        if mayLeaveAsWritten(f, analysis, because: problems) {
                            leftAsWritten.insert(f.usr)
                        } else {
                            refusedFunctions.insert(f.usr)
                            diagnostics += problems
                        }
                    }
                    if options.warnBlockingCalls { warnings += BlockingCalls.warnings(in: f, analysis) }
                }
            }
            analysis = analyse(originals)
            // Functions whose text cannot be sliced are rewritten from their preprocessed form:
            // those whose text holds a directive, whose statements come from macros or that a
            // macro defines (known from the parse), and those whose lowering on the user's text
            // reaches into a macro expansion (known by trying). A file with any is parsed once
            // more with them replaced.
            var chosen: [Set<String>] = []
            var loweredOnUserText: [ObjectIdentifier: LoweredFunction] = [:]  // by function: two inputs may define the same USR (two mains)
            // Every function left as written in this pass is found before the round starts again
            // (one round per batch, not per function: a large file may leave dozens).
            var leftInThisPass = false
            for file in originals {
                var set = Set(file.functions.filter {
                    analysis.mayTransform($0) && $0.needsPreprocessedForm && !refusedFunctions.contains($0.usr)
                }.map(\.usr))
                for f in file.functions where analysis.mayTransform(f) && !refusedFunctions.contains(f.usr) && !set.contains(f.usr) {
                    switch attempt(f, analysis) {
                    case .lowered(let l): loweredOnUserText[ObjectIdentifier(f)] = l
                    case .leftAsWritten: leftInThisPass = true
                    case .refused(let problems): diagnostics += problems
                    case .reachedMacro: set.insert(f.usr)
                    }
                }
                chosen.append(set)
            }
            if leftInThisPass { continue round }
            var files = originals
            for (i, file) in originals.enumerated() where !chosen[i].isEmpty {
                if let (set, done) = prepared[i], set == chosen[i] { files[i] = done; continue }
                files[i] = try preprocessedForm(file, chosen[i], options)
                prepared[i] = (chosen[i], files[i])
            }
            if chosen.contains(where: { !$0.isEmpty }) { analysis = analyse(files) }
            var outputs: [(String, String)] = []
            var summaries: [UnitSummary] = []
            for (i, file) in files.enumerated() {
                var lowered: [LoweredFunction] = []
                let mainRenamed = file.functions.first { options.torture && $0.name == "main" && !$0.returnsVoid }
                for f in file.functions {
                    guard analysis.mayTransform(f), !refusedFunctions.contains(f.usr) else { continue }
                    if chosen[i].isEmpty {
                        if let l = loweredOnUserText[ObjectIdentifier(f)] { lowered.append(l) }
                        continue
                    }
                    if let reason = f.unrewritableReason {
                        diagnostics.append(Diagnostic(.error, f.loc, "'\(f.name)' cannot be rewritten: \(reason)"))
                        continue
                    }
                    switch attempt(f, analysis) {
                    case .lowered(let l): lowered.append(l)
                    case .leftAsWritten: leftInThisPass = true
                    case .refused(let problems): diagnostics += problems
                    case .reachedMacro:
                        diagnostics.append(Diagnostic(.error, f.loc, "cannot rewrite '\(f.name)': part of it comes from a macro expansion even in its preprocessed form"))
                    }
                }
                if leftInThisPass { continue round }
                // Under a build that tracks unwind_ok, a function left as written that may be
                // called through a pointer (where a point may call it), or as the torture build's
                // main, drops the flag at entry, so that nothing it calls unwinds through it.
                let resetsUnwind = tracksUnwind ? file.functions.filter {
                    !analysis.mayTransform($0) && (options.suspendAll || leftThroughPointers[$0.usr] != nil)
                        && $0.unrewritableReason == nil && !$0.calls.isEmpty
                        && (analysis.isAddressTaken($0.usr) || $0 === mainRenamed || leftThroughPointers[$0.usr] != nil)
                } : []
                do {
                    var emitOptions = EmitOptions(torture: options.torture, checked: options.checked)
                    emitOptions.oneBody = options.oneBody
                    emitOptions.tracksUnwind = tracksUnwind
                    var text = try Emitter(file: file, options: emitOptions)
                        .emit(lowered, mainRenamed: mainRenamed, resettingUnwind: resetsUnwind)
                    let summary = separate.summary(of: file, analysis)
                    if options.summaries {
                        let rewritten = Set(lowered.filter { !$0.points.isEmpty }.map(\.function.usr))
                        text += summary.epilogue(markers: separate.markers(of: file, transformed: rewritten))
                    }
                    summaries.append(summary)
                    outputs.append((file.path, text))
                } catch let error as TransformError {
                    diagnostics += error.diagnostics
                }
            }
            warnings += leftThroughPointers.values
            if !diagnostics.isEmpty { throw TransformError(sortedByLocation(diagnostics + warnings)) }
            return TransformResult(outputs: outputs, warnings: sortedByLocation(warnings), summaries: summaries)
        }
    }

    enum LoweringAttempt {
        case lowered(LoweredFunction)
        case leftAsWritten
        case refused([Diagnostic])
        /// The rewrite has to split a macro expansion: it needs the preprocessed form.
        case reachedMacro
    }

    static func lower(_ f: Function, _ options: TransformOptions, tracksUnwind: Bool) throws -> LoweredFunction {
        try Lowering.lower(f, torture: options.torture, checked: options.checked, tracksUnwind: tracksUnwind,
                           deepRecursion: options.deepRecursion)
    }

    /// In file order, each once: a header included by every input reports its error once.
    static func sortedByLocation(_ diagnostics: [Diagnostic]) -> [Diagnostic] {
        var seen: [Diagnostic] = []
        let unique = diagnostics.filter { d in
            if seen.contains(d) { return false }
            seen.append(d)
            return true
        }
        return unique.enumerated().sorted { a, b in
            switch (a.element.loc, b.element.loc) {
            case let (x?, y?): return x == y ? a.offset < b.offset : x < y
            case (nil, _?): return true
            case (_?, nil): return false
            case (nil, nil): return a.offset < b.offset
            }
        }.map(\.element)
    }

    /// For every function of the program, whether it may suspend and why.
    public static func explain(inputs: [String], options: TransformOptions) throws -> [Explanation] {
        let files = try parseAll(inputs, options)
        var analysisOptions = AnalysisOptions(suspendAll: options.suspendAll)
        analysisOptions.external = SeparateCompilation(files: files, options: options).external
        let analysis = Analysis(files: files, options: analysisOptions)
        var result: [Explanation] = []
        for file in files {
            for f in file.functions {
                let reason = analysis.reason(for: f.usr)
                result.append(Explanation(file: file.path, function: f.name, loc: f.loc,
                                          maySuspend: reason != nil, suspendAll: reason == .suspendAll,
                                          chain: reason == nil ? [] : analysis.chain(for: f.usr),
                                          blockingCalls: BlockingCalls.warnings(in: f, analysis)))
            }
        }
        return result
    }

    static func parseAll(_ inputs: [String], _ options: TransformOptions) throws -> [SourceFile] {
        var problems: [Diagnostic] = []
        var texts: [(String, [UInt8])] = []
        for path in inputs {
            let ext = (path as NSString).pathExtension.lowercased()
            if ["cc", "cpp", "cxx", "c++", "hpp", "hh", "mm", "m"].contains(ext) || path.hasSuffix(".C") {
                problems.append(Diagnostic(.error, nil, "\(path): not a C file: stackless transforms C only (C++ and Objective-C are not supported)"))
                continue
            }
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                problems.append(Diagnostic(.error, nil, "\(path): no such file"))
                continue
            }
            guard !isDirectory.boolValue else {
                problems.append(Diagnostic(.error, nil, "\(path): is a directory, not a C file"))
                continue
            }
            guard let data = FileManager.default.contents(atPath: path) else {
                problems.append(Diagnostic(.error, nil, "\(path): cannot read the file (permission denied?)"))
                continue
            }
            let bytes = [UInt8](data)
            if bytes.contains(0) {
                problems.append(Diagnostic(.error, nil, "\(path): not a C file: it contains NUL bytes (binary data?)"))
                continue
            }
            texts.append((path, bytes))
        }
        if !problems.isEmpty { throw TransformError(problems) }
        try LibclangLoader.load()  // once: a missing libclang is one error, not one per file
        let arguments = options.libclangArguments
        var files: [SourceFile] = []
        for (path, text) in texts {
            do {
                files.append(try Parser.parse(path: path, text: text, options: ParseOptions(arguments: arguments)))
            } catch let error as TransformError {
                problems += error.diagnostics
            }
        }
        if !problems.isEmpty { throw TransformError(sortedByLocation(problems)) }
        return files
    }

    /// The file parsed again with `functions` (USRs) replaced by their preprocessed form.
    static func preprocessedForm(_ file: SourceFile, _ functions: Set<String>, _ options: TransformOptions) throws -> SourceFile {
        let chosen = file.functions.filter { functions.contains($0.usr) }
        let text = try PreprocessedForm.substitute(file, chosen, options.preprocessor, parserArguments: options.parserArguments)
        return try Parser.parse(path: file.path, text: text, options: ParseOptions(arguments: options.libclangArguments))
    }

    /// Constructs that cannot live across a suspension, in a function that may suspend. (A VLA
    /// or a va_list live across a point is found by the lowering, which knows liveness.)
    static func refusals(_ f: Function, _ analysis: Analysis) -> [Diagnostic] {
        var problems: [Diagnostic] = []
        let chain = analysis.chain(for: f.usr).joined(separator: " -> ")
        let why = analysis.reason(for: f.usr) == .suspendAll ? "(--suspend-all)" : "(\(chain))"
        if f.isNoReturn {
            problems.append(Diagnostic(.error, f.loc, "'\(f.name)' is declared noreturn and may suspend \(why); its callers are compiled to assume that it never returns, but a switch returns through it (remove the noreturn attribute)"))
        }
        if f.isVariadic && f.usesLabelAddresses {
            problems.append(Diagnostic(.error, f.loc, "the variadic function '\(f.name)' may suspend \(why) and takes label addresses; it would be emitted as one body, which could not receive the variadic arguments (move the computed goto into a function that takes a va_list)"))
        }
        for h in f.hazards {
            switch h.kind {
            case .alloca:
                problems.append(Diagnostic(.error, h.loc, "'\(f.name)' may suspend \(why) and calls \(h.detail); memory from alloca would not survive a switch (use malloc)"))
            case .setjmp:
                problems.append(Diagnostic(.error, h.loc, "'\(f.name)' may suspend \(why) and calls \(h.detail), whose saved context cannot be resumed after a switch (setjmp, sigsetjmp and longjmp are supported)"))
            case .computedGoto, .variableLengthArray:
                break  // supported; a VLA is refused by the lowering where a point lies in its scope
            }
        }
        return problems
    }

    /// Locals whose address must survive a switch live on the shadow stack.
    static func decideShadowStack(_ f: Function) {
        // A va_list is never live across a point (the lowering refuses that), so its address
        // need not survive one.
        for local in f.locals where !local.hasStaticStorage {
            local.onShadowStack = (local.addressTaken || local.containsArray) && !local.isVariablyModified && !local.holdsVaList
        }
        for p in f.parameters { p.onShadowStack = (p.addressTaken || p.containsArray) && !p.holdsVaList }
    }
}
