#!/usr/bin/env bash
# Benchmarks/semantics.sh: what each check on the switch path costs, in instructions. For each
# semantic below, a scratch copy of the runtime has that check taken out (never a build anyone
# uses: a greenlet switched to from another thread, say, would then be entered there) and
# Benchmarks/instructions.sh counts the switches, the channel message and tasklet_schedule with it.
# The difference to the unchanged runtime is the price of keeping the semantic; the row with all
# of them out is the floor of this design in portable C with every semantic gone.
#
# Usage: Benchmarks/semantics.sh [--cc CC]...   (default: gcc and clang, as instructions.sh)
# Each removal names the exact text it takes out; when the runtime's text has changed the script
# stops with the removal's name (update it here rather than measure something else).
set -euo pipefail

bench_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$bench_dir/.." && pwd)
scratch="$bench_dir/.build/semantics"
cc_args=()
while [ $# -gt 0 ]; do
    case "$1" in
    --cc) cc_args+=(--cc "$2"); shift 2 ;;
    -h|--help) sed -n '2,11p' "$0"; exit 0 ;;
    *) echo "semantics.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
    esac
done
command -v python3 >/dev/null 2>&1 || { echo "semantics.sh: needs python3" >&2; exit 1; }

# name|what is taken out
semantics=(
    "none|nothing (the runtime as it is)"
    "owner|the inline switch's test that the target is a greenlet (not NULL) of this thread, not a tasklet nor a greenlet to free when it dies: only its state is tested"
    "error|the inline switch's clearing of the error a switch delivers"
    "limit|the stack limit for deep recursion, set and cleared where a root switches"
    "slow|the trampoline's tests of sl_tls.slow (shadow stacks, setjmp records, tracked unwinds)"
    "remote|the test for greenlets that other threads freed (killed at a root's next switch)"
    "channel|in channels and the scheduler: the waiter's thread test, a NULL channel's test, the counts behind scheduler_runnable and deadlock reports, the hub's hooks (a channel that gs_oneof watches, the hub's turn at a switch)"
    "all|all of the above"
)

# Takes the named semantic out of the runtime copy at $1.
remove() {
    python3 - "$1" "$2" <<'EOF'
import sys
root, which = sys.argv[1], sys.argv[2]
removals = {
    "owner": [("include/stackless_gen.h",
               "    return h && h->owner == sl_tls.switch_owner && h->state == SL_HEAD_SUSPENDED &&\n"
               "           !(h->flags & SL_HEAD_SLOW);",
               "    return h->state == SL_HEAD_SUSPENDED;")],
    "error": [("include/stackless_gen.h",
               "        rt->error = 0;  /* the payload is meaningless without an error */\n", "")],
    "limit": [("src/trampoline.c",
               "    char here;\n    sl_tls.stack_limit = (char *)((uintptr_t)&here - SL_STACK_BUDGET);\n", ""),
              ("src/trampoline.c",
               "back:\n    self->state = SL_RUNNING;\n    sl_tls.stack_limit = NULL;\n",
               "back:\n    self->state = SL_RUNNING;\n")],
    "slow": [("src/trampoline.c",
              "    if (__builtin_expect(sl_tls.slow != 0, 0)) {\n        sl__shadow_save(self);",
              "    if (0) {\n        sl__shadow_save(self);"),
             ("src/trampoline.c",
              "        frame->point->resume(frame);\n        if (__builtin_expect(sl_tls.slow != 0, 0))\n            goto returned;\n",
              "        frame->point->resume(frame);\n")],
    "remote": [("src/trampoline.c",
                "    if (__builtin_expect(rt->remote_pending, 0))\n        return *(void **)go_from_root(rt, self);\n", "")],
    "channel": [("src/channel.c",
                 "    if (t->g.owner != rt->id)\n        sl__fatal(\"%s: the channel's waiting tasklet %p belongs to another thread\", api, (void *)t);\n",
                 "    (void)rt, (void)t, (void)api;\n"),
                ("src/channel.c", "    if (!c)\n        sl__fatal(\"%s: NULL channel\", api);\n", "    (void)c, (void)api;\n"),
                ("src/channel.c", "    t->sched->blocked--;\n", ""),
                ("src/channel.c", "    t->sched->blocked++;\n", ""),
                ("src/channel.c", "    if (sending && c->watched)\n        sl__channel_ready(rt, c);\n", ""),
                ("src/sl_internal.h", "    s->runnable++;\n", ""),
                ("src/sl_internal.h", "        s->runnable--;\n", ""),
                ("src/scheduler.c",
                 "        if (__builtin_expect(rt->hub != NULL, 0)) {\n            sl__hub_tick(rt);   /* wakes tasklets to the tail: the head stays */\n            next = s->head;\n        }\n",
                 "")],
}
chosen = [k for k in removals] if which == "all" else ([] if which == "none" else [which])
for name in chosen:
    for path, old, new in removals[name]:
        full = root + "/" + path
        text = open(full).read()
        if text.count(old) != 1:
            sys.exit(f"semantics.sh: the removal '{name}' no longer applies to {path}: update it")
        open(full, "w").write(text.replace(old, new))
EOF
}

# workload rows of instructions.sh's table that this report shows
pattern='depth 1 \(one way\)|channel message|tasklet_schedule'
echo "Instructions per operation with one semantic taken out of the switch path (callgrind, Benchmarks/instructions.sh on a scratch copy of the runtime), at $(cd "$repo" && git rev-parse --short HEAD 2>/dev/null || echo '?'):"
echo
header_done=0
for entry in "${semantics[@]}"; do
    IFS='|' read -r name what <<<"$entry"
    rm -rf "$scratch"
    mkdir -p "$scratch"
    cp -R "$repo/Sources/StacklessRuntime/include" "$repo/Sources/StacklessRuntime/src" "$scratch/"
    remove "$scratch" "$name"
    table=$(STACKLESS_RUNTIME="$scratch" "$bench_dir/instructions.sh" "${cc_args[@]}")
    if [ $header_done = 0 ]; then
        # columns: the compilers of instructions.sh's table, for each of the four operations
        ccs=$(grep '^| operation' <<<"$table" | awk -F'|' '{ for (i = 5; i < NF; i++) { gsub(/^ *stackless \(|\) *$/, "", $i); printf "%s%s", (i > 5 ? " / " : ""), $i } }')
        echo "| taken out | root <-> greenlet ($ccs) | greenlet <-> greenlet | channel message | tasklet_schedule |"
        echo "|---|---|---|---|---|"
        header_done=1
    fi
    cells=$(grep -E "$pattern" <<<"$table" | awk -F'|' '{ line = ""; for (i = 5; i < NF; i++) { gsub(/ /, "", $i); line = line (i > 5 ? " / " : "") $i } printf "| %s ", line }')
    echo "| $what $cells|"
done
rm -rf "$scratch"
