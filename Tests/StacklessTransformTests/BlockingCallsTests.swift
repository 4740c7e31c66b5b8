// Blocking libc calls in functions that may suspend: warned about by the transform, listed by
// explain, each with the cooperative call of greensock.h to use instead.

import Foundation
import Testing
@testable import StacklessTransform

/// The warnings the transform of `sources` (name -> text, written to a fresh folder) gives, each
/// as its full description with the folder replaced by `DIR`.
func blockingWarnings(_ sources: [(String, String)], options: TransformOptions = makeOptions()) throws -> [String] {
    try withTemporaryDirectory { dir in
        let paths = try sources.map { name, text in try write(text, to: name, in: dir) }
        let result = try transformWithWarnings(paths, options)
        return result.warnings.map { $0.description.replacingOccurrences(of: dir.path, with: "DIR") }
    }
}

/// A server's connection handler: it suspends in gs_write_all, and blocks in fgets and recv. The
/// recv inside sizeof is never evaluated.
let handlerSource = """
    #include <stdio.h>
    #include <sys/socket.h>
    #include <greensock.h>

    int serve(int fd, FILE *in) {
        char line[64];
        if (fgets(line, sizeof line, in) == NULL) return -1;
        gs_write_all(fd, line, sizeof line, GS_FOREVER);
        return (int)recv(fd, line, sizeof line, 0) + (int)sizeof(recv(fd, line, 1, 0));
    }

    """

let handlerWarnings = [
    "DIR/server.c:7:9: warning: 'fgets' blocks the thread, and 'serve' may suspend (serve -> gs_write_all): use gs_read on fileno(stream) (greensock.h)",
    "DIR/server.c:9:17: warning: 'recv' blocks the thread, and 'serve' may suspend (serve -> gs_write_all): use gs_recv (greensock.h)",
]

/// Reads a descriptor in a function that does not suspend.
let plainReader = """
    #include <unistd.h>
    int read_header(int fd) { char b[4]; return (int)read(fd, b, sizeof b); }

    """

@Suite("Blocking calls")
struct BlockingCallsTests {
    @Test("a suspending function's recv and fgets are each named, with file:line:col and the replacement")
    func suspendingFunction() throws {
        #expect(try blockingWarnings([("server.c", handlerSource)]) == handlerWarnings)
    }

    @Test("read in a function that does not suspend is fine")
    func notSuspending() throws {
        #expect(try blockingWarnings([("reader.c", plainReader)]) == [])
    }

    @Test("a program's own read is not libc's, in the same file or another")
    func userDefinedRead() throws {
        let caller = """
            #include <greensock.h>
            long read(int fd, char *buf, long len);
            long fill(int fd, char *buf) { gs_sleep(1); return read(fd, buf, 8); }
            """
        let own = "long read(int fd, char *buf, long len) { (void)fd; (void)buf; return len; }\n"
        #expect(try blockingWarnings([("fill.c", caller), ("own.c", own)]) == [])
        #expect(try blockingWarnings([("fill.c", caller + own)]) == [])
        // Without the definition it is libc's, under whatever declaration.
        #expect(try blockingWarnings([("fill.c", caller)]) == [
            "DIR/fill.c:3:52: warning: 'read' blocks the thread, and 'fill' may suspend (fill -> gs_sleep): use gs_read (greensock.h)",
        ])
    }

    @Test("--suspend-all adds no warnings: only functions that suspend without it count")
    func suspendAll() throws {
        let sources = [("server.c", handlerSource + plainReader)]
        #expect(try blockingWarnings(sources, options: makeOptions(suspendAll: true)) == handlerWarnings)
        #expect(try blockingWarnings(sources, options: makeOptions(suspendAll: true, torture: true)) == handlerWarnings)
    }

    @Test("every replacement names a function greensock.h declares")
    func replacementsExist() throws {
        let header = try read(runtimeInclude + "/greensock.h")
        for (name, replacement) in BlockingCalls.replacements {
            let suggested = replacement.use.split(whereSeparator: { !$0.isLetter && !$0.isNumber && $0 != "_" })
                .filter { $0.hasPrefix("gs_") }
            #expect(!suggested.isEmpty, "\(name): \(replacement.use)")
            for function in suggested {
                #expect(header.contains(" \(function)("), "\(name): greensock.h has no \(function)")
            }
        }
    }

    @Test("the warnings come with the errors when the transform is refused")
    func withRefusals() throws {
        try withTemporaryDirectory { dir in
            let path = try write(handlerSource + "int vla(int n) { int a[n]; gs_sleep(1); return a[0]; }\n", to: "server.c", in: dir)
            let error = #expect(throws: TransformError.self) { try transform([path]) }
            let diagnostics = error?.diagnostics ?? []
            #expect(diagnostics.map(\.severity) == [.warning, .warning, .error])
            #expect(diagnostics.filter { $0.severity == .warning }
                .map { $0.description.replacingOccurrences(of: dir.path, with: "DIR") } == handlerWarnings)
        }
    }

    @Test("explain lists them after the function's line")
    func explainLists() throws {
        try withTemporaryDirectory { dir in
            try write(handlerSource + plainReader, to: "server.c", in: dir)
            let result = try stackless(["explain", "server.c"], in: dir)
            #expect(result.status == 0, "\(result.stderr)")
            #expect(result.stdout == """
                server.c:5:5: serve: may suspend: serve -> gs_write_all
                server.c:7:9: warning: 'fgets' blocks the thread, and 'serve' may suspend (serve -> gs_write_all): use gs_read on fileno(stream) (greensock.h)
                server.c:9:17: warning: 'recv' blocks the thread, and 'serve' may suspend (serve -> gs_write_all): use gs_recv (greensock.h)
                server.c:12:5: read_header: does not suspend

                """)
            let all = try stackless(["explain", "--suspend-all", "server.c"], in: dir)
            #expect(all.stdout.split(separator: "\n").filter { $0.contains("warning:") }.count == 2)
        }
    }

    @Test("transform and cc warn on stderr, exit 0, and --no-blocking-warnings silences them",
          arguments: [["transform", "-o", "out"], ["cc", "-c", "-o", "server.o"]])
    func commandLine(command: [String]) throws {
        try withTemporaryDirectory { dir in
            try write(handlerSource, to: "server.c", in: dir)
            let warned = try stackless(command + ["server.c"], in: dir)
            #expect(warned.status == 0, "\(warned.stderr)")
            #expect(warned.stderr == handlerWarnings.map { $0.replacingOccurrences(of: "DIR/", with: "") + "\n" }.joined())
            let quiet = try stackless(command + ["--no-blocking-warnings", "server.c"], in: dir)
            #expect(quiet.status == 0, "\(quiet.stderr)")
            #expect(quiet.stderr == "")
        }
    }

    @Test("--help documents --no-blocking-warnings", arguments: [["transform", "--help"], ["cc", "--help"]])
    func help(arguments: [String]) throws {
        let result = try stackless(arguments)
        #expect(result.status == 0)
        #expect(result.stdout.contains("--no-blocking-warnings"))
    }
}
