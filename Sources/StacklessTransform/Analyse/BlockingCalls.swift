// Blocking libc calls in functions that may suspend. Greenlets share their thread: one that waits
// in recv(2) stops every other greenlet of the thread until the bytes come. greensock.h has a
// cooperative call for each of these, which waits on the thread's hub and lets the others run.
// `explain` lists them and the transform warns, for example
//
//     server.c:14:13: warning: 'recv' blocks the thread, and 'handle_client' may suspend
//       (handle_client -> gs_read): use gs_recv (greensock.h)
//
// Only functions that may suspend by what they call count: the others do not run among greenlets
// that would be held up, or at least nothing says so, and `--suspend-all` (a testing mode) must not
// raise warnings everywhere. Only the libc functions count: a callee defined in the program is the
// program's own `read`, whatever its name.

/// What to call instead of a blocking libc function.
struct CooperativeReplacement: Sendable {
    /// `gs_recv`, or a short phrase naming the call and how to use it.
    let use: String
    /// What differs from the libc call, when it is easy to get wrong.
    let note: String?

    init(_ use: String, note: String? = nil) {
        self.use = use
        self.note = note
    }
}

enum BlockingCalls {
    /// The libc functions that block the thread on I/O or while sleeping, by name, with their
    /// replacement. Other blocking calls (waitpid, pthread_join, sem_wait, flock, getaddrinfo)
    /// are left out: greensock.h has nothing to call instead, and a warning should say what to
    /// do. So are stdio's writes (printf, fputs): they fill a buffer, block only when the reader
    /// falls behind, and flagging every printf would bury the warnings that matter.
    static let replacements: [String: CooperativeReplacement] = {
        var table: [String: CooperativeReplacement] = [
            "read": CooperativeReplacement("gs_read"),
            "write": CooperativeReplacement("gs_write", note: "gs_write_all writes the whole buffer"),
            "readv": CooperativeReplacement("gs_wait_readable, then readv"),
            "writev": CooperativeReplacement("gs_wait_writable, then writev"),
            "accept": CooperativeReplacement("gs_accept"),
            "accept4": CooperativeReplacement("gs_accept", note: "its descriptors are non-blocking and close-on-exec"),
            "connect": CooperativeReplacement("gs_connect", note: "or gs_connect_tcp for host and port"),
        ]
        for name in ["recv", "recvfrom", "recvmsg"] { table[name] = CooperativeReplacement("gs_recv") }
        for name in ["send", "sendto", "sendmsg"] { table[name] = CooperativeReplacement("gs_send") }
        for name in ["sleep", "usleep", "nanosleep", "clock_nanosleep", "thrd_sleep"] {
            table[name] = CooperativeReplacement("gs_sleep", note: "it takes milliseconds")
        }
        for name in ["poll", "ppoll", "select", "pselect", "epoll_wait", "epoll_pwait"] {
            table[name] = CooperativeReplacement("gs_wait_readable, gs_wait_writable or gs_oneof")
        }
        // stdio reads block on a socket, pipe or terminal; the hub waits on descriptors.
        for name in ["fgets", "fgetc", "getc", "getline", "getdelim", "fread", "fscanf", "vfscanf"] {
            table[name] = CooperativeReplacement("gs_read on fileno(stream)")
        }
        for name in ["getchar", "gets", "scanf", "vscanf"] {
            table[name] = CooperativeReplacement("gs_read on STDIN_FILENO")
        }
        return table
    }()

    /// A warning for each evaluated call in `f` to a blocking libc function, when `f` may suspend
    /// without `--suspend-all`; in source order.
    static func warnings(in f: Function, _ analysis: Analysis) -> [Diagnostic] {
        let chain = analysis.ownChain(for: f.usr)
        guard !chain.isEmpty else { return [] }
        var result: [Diagnostic] = []
        for call in f.calls where !call.unevaluated {
            guard case .direct(let usr, let name)? = call.callee,
                  analysis.definitions[usr] == nil,
                  let replacement = replacements[name] else { continue }
            var message = "'\(name)' blocks the thread, and '\(f.name)' may suspend (\(chain.joined(separator: " -> "))): use \(replacement.use) (greensock.h)"
            if let note = replacement.note { message += "; \(note)" }
            result.append(Diagnostic(.warning, call.loc, message))
        }
        return result.sorted { ($0.loc!, $0.message) < ($1.loc!, $1.message) }
    }
}
