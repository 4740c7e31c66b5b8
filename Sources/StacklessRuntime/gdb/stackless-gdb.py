# stackless-gdb.py: gdb commands that show the greenlets, tasklets and channels of a program
# built with `stackless cc`, suspended ones included.
#
# A suspended greenlet has no stack for gdb to walk: its frames are heap objects, one per
# transformed function it was in, innermost first (greenlet.top, then frame->back). Each frame
# starts with a header whose `point` is a static descriptor (stackless_gen.h, sl_point): the
# resume function, the point's number, and the file and line of the call it is after. The
# frame itself is `struct sl__f<number>` of the resume function: its fields are the saved
# variables, named and typed as in the source, so gdb's own printers show them.
#
# Commands (they read memory only: a live process or a core file):
#   info greenlets           every greenlet of the selected thread: address, state, parent,
#                            tasklet name, where it is suspended
#   greenlet bt [full] G     G's saved frames, innermost first (full: with their variables)
#   info tasklets            per scheduler: runnable, blocked on which channel, waiting on the
#                            hub (descriptors, timeout); the last deadlock report
#   info channels            every channel: balance, closed, who waits on it
#   $shadow("name")          in the selected frame, a local the transform moved to the shadow
#                            stack (address taken, arrays): the value in its slot
#
# The runtime's own structures are read through its debug information (build with -g).
# Loaded by gdb from the program's .debug_gdb_scripts section (stackless cc links it in; gdb
# asks for `add-auto-load-safe-path`), or by hand: `source .../stackless-gdb.py`.

import time

import gdb

STATES = {0: "new", 1: "running", 2: "suspended", 3: "dead", 4: "freed"}
SL_ROOT, SL_TASKLET = 1, 4
T_RUNNABLE, T_BLOCKED, T_SENDING, T_NAMED, T_IO = 1, 2, 4, 64, 128
SLAB_HEADER = 16  # pool.c


def _type(name):
    try:
        return gdb.lookup_type(name)
    except gdb.error:
        raise gdb.GdbError("stackless: no debug information for '%s' (build the program with -g)" % name)


def _ptr(value):
    return int(value.cast(_type("unsigned long")))


def runtime():
    """The selected thread's runtime (sl_tls.rt), or the only one in the registry."""
    rt_type = _type("sl_runtime").pointer()
    try:
        rt = gdb.parse_and_eval("sl_tls.rt")
        if _ptr(rt):
            return rt.cast(rt_type)
    except gdb.error:
        pass
    try:
        n = int(gdb.parse_and_eval("'thread.c'::registry_len"))
        reg = gdb.parse_and_eval("'thread.c'::registry")
        live = [reg[i] for i in range(n) if _ptr(reg[i])]
        if len(live) == 1:
            return live[0].cast(rt_type)
    except gdb.error:
        pass
    raise gdb.GdbError("stackless: this thread has no greenlets (sl_tls.rt is NULL)")


def pool_objects(pool, type_name):
    """Every object a pool handed out and did not take back, oldest first."""
    t = _type(type_name).pointer()
    freed = set()
    p = _ptr(pool["free"])
    while p and p not in freed:
        freed.add(p)
        p = _ptr(gdb.Value(p).cast(_type("void").pointer().pointer()).dereference())
    size = int(pool["size"])
    bump = _ptr(pool["bump"])
    slab = pool["slabs"]
    objects = []
    while _ptr(slab) and size:
        end = _ptr(slab["end"]) if _ptr(slab["next"]) else bump
        o = _ptr(slab) + SLAB_HEADER
        while o + size <= end:
            if o not in freed:
                objects.append(gdb.Value(o).cast(t))
            o += size
        slab = slab["next"]
    return objects


def greenlets(rt):
    """The root, then the plain greenlets, then the tasklets' greenlets."""
    g_type = _type("greenlet").pointer()
    result = [rt["root"].address]
    result += [g for g in pool_objects(rt["greenlets"], "greenlet") if int(g["state"]) != 4]
    result += [t.cast(g_type) for t in pool_objects(rt["tasklets"], "tasklet")
               if int(t["g"]["state"]) != 4]
    return result


def tasklet_name(t):
    if not int(t["g"]["xflags"]) & T_NAMED:
        return None
    s = t["sched"]
    for i in range(int(s["nnames"])):
        entry = s["names"][i]
        if int(entry["serial"]) == int(t["serial"]):
            return entry["name"].string()
    return None


_blocks = {}


def _forget_blocks(event=None):
    _blocks.clear()


# Blocks belong to the objfiles of one run: a new program, library or run starts afresh.
gdb.events.new_objfile.connect(_forget_blocks)
gdb.events.exited.connect(_forget_blocks)
if hasattr(gdb.events, "clear_objfiles"):
    gdb.events.clear_objfiles.connect(_forget_blocks)


def function_blocks(pc):
    """The blocks of the function at pc, innermost scopes included (cached)."""
    try:
        fb = gdb.block_for_pc(pc)
    except RuntimeError:
        fb = None
    # The outermost function block: code inlined at the start of a resume function has its own.
    while fb is not None and fb.superblock is not None and not fb.superblock.is_static:
        fb = fb.superblock
    if fb is None:
        return None, []
    key = fb.start
    if key in _blocks and not _blocks[key][0].is_valid():
        _blocks.clear()
    if key not in _blocks:
        seen, found = set(), []
        for addr in range(fb.start, fb.end):
            b = gdb.block_for_pc(addr)
            while b is not None and b.function is None and not b.is_static and not b.is_global:
                if (b.start, b.end) not in seen:
                    seen.add((b.start, b.end))
                    found.append(b)
                b = b.superblock
        _blocks[key] = (fb, [fb] + found)
    return _blocks[key]


def frame_type(fn_pc, index):
    """struct sl__f<index> of the resume function at fn_pc."""
    fb, blocks = function_blocks(fn_pc)
    tag = "sl__f%d" % index
    for b in blocks:
        for sym in b:
            if sym.name == tag and sym.addr_class == gdb.SYMBOL_LOC_TYPEDEF:
                return sym.type
    return None


def local_type(fn_pc, name):
    """The type of a local of the resume function (for one on the shadow stack)."""
    fb, blocks = function_blocks(fn_pc)
    for b in blocks:
        for sym in b:
            if sym.name == name and (sym.is_variable or sym.is_argument):
                return sym.type
    return None


def user_name(field):
    """x for x, and for a local renamed apart x__sl12: x."""
    i = field.find("__sl")
    return field[:i] if i > 0 and field[i + 4:].isdigit() else field


class Frame(object):
    def __init__(self, address):
        self.address = address
        frame = gdb.Value(address).cast(_type("sl_frame").pointer())
        point = frame["point"]
        self.point = point
        self.index = int(point["index"])
        self.resume = _ptr(point["resume"])
        self.back = _ptr(frame["back"])
        try:
            self.line = int(point["line"])
            self.file = point["file"].string() if _ptr(point["file"]) else None
        except gdb.error:
            self.line, self.file = 0, None
        fb, _ = function_blocks(self.resume)
        name = fb.function.name if fb is not None else None
        if name is None:
            name = "0x%x" % self.resume
        # Where the frame struct is: the resume function, or the one body it calls (a function
        # that takes label addresses is emitted as sl__<name>_body).
        self.scopes = [self.resume]
        if name.startswith("sl__") and name.endswith("_resume"):
            body = name[:-7] + "_body"
            sym = gdb.lookup_static_symbol(body) or gdb.lookup_global_symbol(body)
            if sym is not None and sym.addr_class == gdb.SYMBOL_LOC_BLOCK:
                self.scopes.append(_ptr(sym.value().address))
        if name.startswith("sl__") and name.endswith("_resume"):
            name = name[4:-7]
            if name == "user_main":
                name = "main"
        self.function = name
        self.transformed = self.file is not None and self.line > 0

    def where(self):
        if self.transformed:
            return "%s at %s:%d" % (self.function, self.file, self.line)
        return "%s (stackless runtime)" % self.function

    def variables(self):
        """(name, value, note) of each saved variable, in the frame's field order."""
        t = None
        for scope in self.scopes if self.transformed else []:
            t = t or frame_type(scope, self.index)
        if t is None:
            return None
        frame = gdb.Value(self.address).cast(t.pointer()).dereference()
        out = []
        for f in t.fields():
            if f.name == "sl__h":
                continue
            value = frame[f.name]
            if f.name.startswith("sl__") and "_s" in f.name[4:]:
                # A shadow-stack slot: the local itself lives where it points.
                cut = f.name.rindex("_s")
                base, number = f.name[4:cut], f.name[cut + 2:]
                lt = None
                for scope in self.scopes:
                    lt = lt or local_type(scope, "sl__%s_c%s" % (base, number)) or local_type(scope, base)
                if lt is not None and _ptr(value):
                    out.append((base, value.cast(lt.pointer()).dereference(), "on the shadow stack"))
                continue
            if f.name.startswith("sl__"):
                continue  # the transform's own (shadow mark, loop flags, temporaries)
            out.append((user_name(f.name), value, None))
        return out


def frames(g):
    result = []
    p = _ptr(g["top"])
    seen = set()
    while p and p not in seen and len(result) < 100000:
        seen.add(p)
        f = Frame(p)
        result.append(f)
        p = f.back
    return result


def where_suspended(g):
    for f in frames(g):
        if f.transformed:
            return f.where()
    fs = frames(g)
    return fs[0].where() if fs else ""


def parse_greenlet(arg):
    try:
        v = gdb.parse_and_eval(arg)
    except gdb.error as e:
        raise gdb.GdbError(str(e))
    # A tasklet's greenlet is its first member: a tasklet pointer will do.
    return v.cast(_type("greenlet").pointer())


def state_of(rt, g):
    state = STATES.get(int(g["state"]), "?")
    if _ptr(g) == _ptr(rt["current"]):
        return "running"
    return state


class InfoGreenlets(gdb.Command):
    """List the greenlets of the selected thread: address, state, parent, tasklet name and
where each suspended one waits (function, file:line of the call it is suspended in)."""

    def __init__(self):
        super(InfoGreenlets, self).__init__("info greenlets", gdb.COMMAND_STACK)

    def invoke(self, arg, from_tty):
        rt = runtime()
        current = _ptr(rt["current"])
        print("  %-18s %-10s %-18s %-12s %s" % ("greenlet", "state", "parent", "tasklet", "where"))
        for g in greenlets(rt):
            flags = int(g["flags"])
            state = state_of(rt, g)
            name = ""
            if flags & SL_TASKLET:
                t = g.cast(_type("tasklet").pointer())
                name = tasklet_name(t) or "#%d" % int(t["serial"])
            if flags & SL_ROOT:
                where = "(root: on the C stack)" if state != "running" else "(root)"
            elif state == "suspended":
                where = where_suspended(g)
            elif state == "running":
                where = "(on the C stack)"
            else:
                where = ""
            parent = "0x%x" % _ptr(g["parent"]) if _ptr(g["parent"]) else "-"
            mark = "*" if _ptr(g) == current else " "
            print("%s 0x%-16x %-10s %-18s %-12s %s" % (mark, _ptr(g), state, parent, name, where))


class GreenletPrefix(gdb.Command):
    """Commands on one greenlet: greenlet bt [full] G."""

    def __init__(self):
        super(GreenletPrefix, self).__init__("greenlet", gdb.COMMAND_STACK, prefix=True)


class GreenletBacktrace(gdb.Command):
    """greenlet bt [full] G: the saved frames of greenlet G (an expression: an address, a
variable; a tasklet pointer too), innermost first, with function and file:line; `full` adds each frame's saved
variables, printed by gdb's own printers."""

    def __init__(self):
        super(GreenletBacktrace, self).__init__("greenlet bt", gdb.COMMAND_STACK)

    def invoke(self, arg, from_tty):
        words = arg.split(None, 1)
        full = bool(words) and words[0] == "full"
        if full:
            words = words[1:]
        if not words:
            raise gdb.GdbError("usage: greenlet bt [full] GREENLET")
        g = parse_greenlet(words[0] if len(words) == 1 else " ".join(words))
        rt = runtime()
        state = state_of(rt, g)
        fs = frames(g)
        if int(g["flags"]) & SL_ROOT:
            print("greenlet 0x%x is a root: its frames are on the C stack (bt)" % _ptr(g))
            return
        if state == "running":
            print("greenlet 0x%x is running: its frames are on the C stack (bt)%s"
                  % (_ptr(g), "; saved below them:" if fs else ""))
        elif state != "suspended":
            print("greenlet 0x%x is %s: it has no frames" % (_ptr(g), state))
            return
        for i, f in enumerate(fs):
            print("#%-2d %s" % (i, f.where()))
            if not full or not f.transformed:
                continue
            variables = f.variables()
            if variables is None:
                print("        (no debug information for its frame)")
                continue
            if not variables:
                print("        No saved variables.")
            for name, value, note in variables:
                try:
                    text = value.format_string()
                except gdb.error as e:
                    text = "<%s>" % e
                print("        %s = %s%s" % (name, text, "  (%s)" % note if note else ""))


def scheduler_tasklets(rt):
    by_sched = {}
    order = []
    for t in pool_objects(rt["tasklets"], "tasklet"):
        if int(t["g"]["state"]) == 4:
            continue
        s = _ptr(t["sched"])
        if s not in by_sched:
            by_sched[s] = []
            order.append(s)
        by_sched[s].append(t)
    return order, by_sched


def tasklet_label(t):
    name = tasklet_name(t)
    return "#%d%s" % (int(t["serial"]), " %s" % name if name else "")


def channel_label(c):
    try:
        name = c["name"].string() if _ptr(c["name"]) else None
    except gdb.error:
        name = None
    return "0x%x%s" % (_ptr(c), " (%s)" % name if name else "")


def _live():
    """A running process on this machine (not a core file, not a remote target)."""
    try:
        connection = gdb.selected_inferior().connection
        return connection is not None and connection.type == "native"
    except AttributeError:
        return False


def io_waits(rt, t):
    """What a tasklet waits for on the hub: descriptors, channels, a timeout."""
    group = t["io"]
    if not _ptr(group):
        return "on the hub"
    parts = []
    for i in range(int(group["ncond"])):
        c = group["cond"][i]
        if int(c["fd"]) >= 0:
            parts.append("fd %d %s" % (int(c["fd"]), "read" if int(c["dir"]) == 1 else "write"))
        elif _ptr(c["channel"]):
            parts.append("channel %s" % channel_label(c["channel"]))
    deadline = int(group["deadline"])
    if deadline < (1 << 63) - 1:
        text = "timeout at %.3f s (monotonic)" % (deadline / 1e9)
        if _live():
            # The hub's clock is CLOCK_MONOTONIC, which this process shares with the program.
            text += ", in %.1f s" % ((deadline - time.clock_gettime_ns(time.CLOCK_MONOTONIC)) / 1e9)
        parts.append(text)
    return "on the hub: " + (", ".join(parts) if parts else "nothing")


class InfoTasklets(gdb.Command):
    """Per scheduler: its tasklets, runnable ones in run order, who is blocked on which
channel, who waits on the hub (descriptors, timeout), and its last deadlock report."""

    def __init__(self):
        super(InfoTasklets, self).__init__("info tasklets", gdb.COMMAND_STACK)

    def invoke(self, arg, from_tty):
        rt = runtime()
        current = _ptr(rt["current"])
        order, by_sched = scheduler_tasklets(rt)
        if not order:
            print("No tasklets.")
        for s_addr in order:
            s = gdb.Value(s_addr).cast(_type("scheduler").pointer())
            print("scheduler 0x%x: %d tasklets, %d runnable, %d blocked, %d on the hub"
                  % (s_addr, int(s["count"]), int(s["runnable"]), int(s["blocked"]), int(s["io_waiting"])))
            queue = []
            t = s["head"]
            while _ptr(t) and len(queue) < 100000:
                queue.append(tasklet_label(t))
                t = t["next"]
            print("  run queue: %s" % (", ".join(queue) if queue else "empty"))
            for t in by_sched[s_addr]:
                x = int(t["g"]["xflags"])
                g = t.cast(_type("greenlet").pointer())
                if _ptr(t) == current:
                    status = "running"
                elif x & T_RUNNABLE:
                    status = "runnable"
                elif x & T_BLOCKED:
                    status = "blocked %s channel %s" % ("sending on" if x & T_SENDING else "receiving on",
                                                        channel_label(t["channel"]))
                elif x & T_IO:
                    status = io_waits(rt, t)
                else:
                    status = STATES.get(int(t["g"]["state"]), "?")
                where = where_suspended(g) if int(g["state"]) == 2 else ""
                print("  tasklet %-12s 0x%x  %s%s" % (tasklet_label(t), _ptr(t), status,
                                                    "; in %s" % where if where else ""))
            if _ptr(s["report"]):
                print("  deadlock report: %s" % s["report"].string().rstrip("\n").replace("\n", "\n    "))


class InfoChannels(gdb.Command):
    """Every channel of the selected thread: balance (senders > 0 > receivers waiting),
closed or open, and the tasklets waiting on it in order."""

    def __init__(self):
        super(InfoChannels, self).__init__("info channels", gdb.COMMAND_STACK)

    def invoke(self, arg, from_tty):
        rt = runtime()
        channels = pool_objects(rt["channels"], "channel")
        if not channels:
            print("No channels.")
        for c in channels:
            balance = int(c["balance"])
            waiting = []
            t = c["head"]
            while _ptr(t) and len(waiting) < 100000:
                waiting.append(tasklet_label(t))
                t = t["next"]
            who = "senders" if balance > 0 else "receivers"
            print("channel %s: balance %d%s%s" % (
                channel_label(c), balance, ", closed" if int(c["closed"]) else "",
                ", %s waiting: %s" % (who, ", ".join(waiting)) if waiting else ""))


class ShadowLocal(gdb.Function):
    """$shadow("name"): in the selected frame, a local that the transform moved to the
greenlet's shadow stack (its address is taken, or it is an array): the value in its slot. (The
declaration on the C stack, sl__<name>_c<N>, only carries its initializer there.)"""

    def __init__(self):
        super(ShadowLocal, self).__init__("shadow")

    def invoke(self, name):
        name = name.string()
        frame = gdb.selected_frame()
        slot, value_type = None, None
        slot_prefix, copy_prefix = "sl__%s_s" % name, "sl__%s_c" % name
        b = frame.block()
        while b is not None and not b.is_static and not b.is_global:
            for sym in b:
                if not (sym.is_variable or sym.is_argument):
                    continue
                n = sym.name
                if slot is None and n.startswith(slot_prefix) and n[len(slot_prefix):].isdigit():
                    slot = sym
                elif value_type is None and (n == name or (n.startswith(copy_prefix) and n[len(copy_prefix):].isdigit())):
                    value_type = sym.type
            b = b.superblock
        if slot is None or value_type is None:
            raise gdb.GdbError("$shadow: no shadow-stack local '%s' in this frame" % name)
        pointer = slot.value(frame)
        if not _ptr(pointer):
            raise gdb.GdbError("$shadow: '%s' has no slot yet (its declaration has not run)" % name)
        return pointer.cast(value_type.pointer()).dereference()


InfoGreenlets()
ShadowLocal()
GreenletPrefix()
GreenletBacktrace()
InfoTasklets()
InfoChannels()
