// The transform library's public face: runs parse -> analyse -> lower -> emit over a program.

import Foundation

public struct TransformOptions: Sendable {
    /// Arguments for the C parser: -I, -D, -std and the like.
    public var compilerArguments: [String] = []
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

    public init() {}

    /// What the parser is given: the user's flags, the runtime's headers, the build's defines.
    var parserArguments: [String] {
        var arguments = compilerArguments
        if let include = runtimeInclude { arguments += ["-I", include] }
        if torture { arguments += ["-DSL_TORTURE=1"] }
        if checked { arguments += ["-DSL_CHECKED=1"] }
        return arguments
    }
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
}

public enum Stackless {
    /// Transforms a whole program. Throws a TransformError with every problem found (and the
    /// warnings); nothing is written by this call.
    public static func transform(inputs: [String], options: TransformOptions) throws -> TransformResult {
        var files = try parseAll(inputs, options)
        var analysis = Analysis(files: files, options: AnalysisOptions(suspendAll: options.suspendAll))
        // Refusals and warnings are found on the first parse, where locations are the user's own.
        var refused: [Diagnostic] = []
        var refusedFunctions: Set<String> = []
        var warnings: [Diagnostic] = []
        for file in files {
            for f in file.functions where analysis.mayTransform(f) {
                let problems = refusals(f, analysis)
                if !problems.isEmpty { refusedFunctions.insert(f.usr) }
                refused += problems
                if options.warnBlockingCalls { warnings += BlockingCalls.warnings(in: f, analysis) }
            }
        }
        // Functions whose rewrite reaches into macro expansions are rewritten from their expanded
        // form: parse those files again with the bodies replaced by clang's printed bodies.
        var reparsed = false
        for (i, file) in files.enumerated() {
            let expand = file.functions.filter {
                analysis.mayTransform($0) && $0.macroDependent && $0.expandedBody != nil && $0.unrewritableReason == nil && !refusedFunctions.contains($0.usr)
            }
            guard !expand.isEmpty else { continue }
            files[i] = try reparse(file, expanding: expand, options)
            reparsed = true
        }
        if reparsed { analysis = Analysis(files: files, options: AnalysisOptions(suspendAll: options.suspendAll)) }
        var diagnostics: [Diagnostic] = refused
        var outputs: [(String, String)] = []
        for file in files {
            var lowered: [LoweredFunction] = []
            var mainRenamed: Function?
            for f in file.functions {
                if options.torture && f.name == "main" && !f.returnsVoid { mainRenamed = f }
                guard analysis.mayTransform(f), !refusedFunctions.contains(f.usr) else { continue }
                decideShadowStack(f)
                do {
                    let l = try Lowering.lower(f, torture: options.torture, checked: options.checked, deepRecursion: options.deepRecursion)
                    lowered.append(l)
                } catch let error as TransformError {
                    diagnostics += error.diagnostics
                }
            }
            do {
                let text = try Emitter(file: file, options: EmitOptions(torture: options.torture, checked: options.checked))
                    .emit(lowered, mainRenamed: mainRenamed)
                outputs.append((file.path, text))
            } catch let error as TransformError {
                diagnostics += error.diagnostics
            }
        }
        if !diagnostics.isEmpty { throw TransformError(sortedByLocation(diagnostics + warnings)) }
        return TransformResult(outputs: outputs, warnings: sortedByLocation(warnings))
    }

    static func sortedByLocation(_ diagnostics: [Diagnostic]) -> [Diagnostic] {
        diagnostics.enumerated().sorted { a, b in
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
        let analysis = Analysis(files: files, options: AnalysisOptions(suspendAll: options.suspendAll))
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
        let arguments = options.parserArguments
        var files: [SourceFile] = []
        for (path, text) in texts {
            do {
                files.append(try Parser.parse(path: path, text: text, options: ParseOptions(arguments: arguments)))
            } catch let error as TransformError {
                problems += error.diagnostics
            }
        }
        if !problems.isEmpty { throw TransformError(problems) }
        return files
    }

    /// The file parsed again with the bodies of `functions` replaced by their expanded form,
    /// flattened onto the body's first line and padded so that every later line keeps its number.
    static func reparse(_ file: SourceFile, expanding functions: [Function], _ options: TransformOptions) throws -> SourceFile {
        var text: [UInt8] = []
        var cursor = 0
        for f in functions.sorted(by: { $0.bodyOffset < $1.bodyOffset }) where f.bodyOffset >= cursor {
            text += file.text[cursor..<f.bodyOffset]
            let original = file.text[f.bodyOffset..<f.endOffset]
            let newlines = original.filter { $0 == 10 }.count
            let flat = f.expandedBody!.utf8.map { $0 == 10 ? UInt8(32) : $0 }
            text += flat + [UInt8](repeating: 10, count: newlines)
            cursor = f.endOffset
        }
        text += file.text[cursor...]
        return try Parser.parse(path: file.path, text: text, options: ParseOptions(arguments: options.parserArguments))
    }

    /// Constructs that cannot live across a suspension, in a function that may suspend.
    static func refusals(_ f: Function, _ analysis: Analysis) -> [Diagnostic] {
        var problems: [Diagnostic] = []
        let chain = analysis.chain(for: f.usr).joined(separator: " -> ")
        let why = analysis.reason(for: f.usr) == .suspendAll ? "(--suspend-all)" : "(\(chain))"
        if let reason = f.unrewritableReason {
            problems.append(Diagnostic(.error, f.loc, "'\(f.name)' may suspend \(why) but cannot be rewritten: \(reason)"))
        }
        if f.isVariadic {
            problems.append(Diagnostic(.error, f.loc, "the variadic function '\(f.name)' may suspend \(why); a variadic function cannot be resumed (its va_list would not survive a switch): pass a va_list to a non-variadic function instead"))
        }
        for h in f.hazards {
            switch h.kind {
            case .alloca:
                problems.append(Diagnostic(.error, h.loc, "'\(f.name)' may suspend \(why) and calls \(h.detail); memory from alloca would not survive a switch (use malloc)"))
            case .setjmp:
                problems.append(Diagnostic(.error, h.loc, "'\(f.name)' may suspend \(why) and calls \(h.detail), whose saved context cannot be resumed after a switch (setjmp, sigsetjmp and longjmp are supported)"))
            case .computedGoto:
                problems.append(Diagnostic(.error, h.loc, "'\(f.name)' may suspend \(why) and uses a computed goto (labels as values); this cannot be resumed"))
            case .variableLengthArray:
                break  // refused by the lowering only where a point lies in the array's scope
            }
        }
        return problems
    }

    /// Locals whose address must survive a switch live on the shadow stack.
    static func decideShadowStack(_ f: Function) {
        for local in f.locals where !local.hasStaticStorage {
            local.onShadowStack = (local.addressTaken || local.containsArray) && !local.isVariablyModified
        }
        for p in f.parameters { p.onShadowStack = p.addressTaken || p.containsArray }
    }
}
