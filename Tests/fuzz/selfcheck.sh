#!/usr/bin/env bash
# Checks the generator itself (not stackless): every generated program must
# compile with gcc and clang, run cleanly under ASan+UBSan with both, and
# print the same output / exit status under gcc -O0, gcc -O1, gcc -O2,
# clang -O1 and clang -O2.  A difference means gen.py emitted UB or
# evaluation-order-dependent code (or hit a compiler bug).
#
#   Tests/fuzz/selfcheck.sh [--count N] [--seed-start S] [--size Z] [--jobs J]
#                           [--clang PATH] [--keep DIR]
#
# Prints `selfcheck: N passed, M failed`; exits non-zero on failure.
set -u
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)

if [ "${1:-}" = "__worker" ]; then
    s=$2
    d="$SC_WORK/$s"
    mkdir -p "$d" && cd "$d" || exit 2
    fail() {
        echo FAIL > "$SC_WORK/result.$s"
        mkdir -p "$SC_KEEP/seed-$s" && cp -f p.c *.out *.err *.rc "$SC_KEEP/seed-$s/" 2>/dev/null
        echo "FAIL seed $s (size $SC_SIZE): $1  [kept in $SC_KEEP/seed-$s]"
        rm -rf "$d"
        exit 0
    }
    python3 "$here/gen.py" --seed "$s" --size "$SC_SIZE" > p.c 2> gen.err || fail "generator crashed"
    python3 "$here/gen.py" --seed "$s" --size "$SC_SIZE" | cmp -s - p.c || fail "output not deterministic"
    F="-std=gnu11 -w"
    SAN="-fsanitize=address,undefined -fno-sanitize-recover=all"
    builds="gO0:gcc:-O0 gO1:gcc:-O1 gO2:gcc:-O2 cO1:$SC_CLANG:-O1 cO2:$SC_CLANG:-O2 gsan:gcc:-O1:san csan:$SC_CLANG:-O1:san"
    for b in $builds; do
        IFS=: read -r name comp opt san <<< "$b"
        extra=""
        [ -n "${san:-}" ] && extra="$SAN"
        # clang's default linker here prints harmless warnings with ASan
        $comp $F $opt $extra p.c -o "$name" > "$name.cc.err" 2>&1 \
            || { grep -q 'error' "$name.cc.err"; fail "$name: compile failed"; }
    done
    for b in $builds; do
        name=${b%%:*}
        start=$(date +%s%N)
        timeout 10 "./$name" > "$name.out" 2> "$name.err"
        echo $? > "$name.rc"
        end=$(date +%s%N)
        if [ "$name" = gO1 ] && [ $(( (end - start) / 1000000 )) -gt 1000 ]; then
            fail "gcc -O1 build ran for more than 1 s"
        fi
    done
    rc=$(cat gO0.rc)
    [ "$rc" -lt 64 ] || fail "gcc -O0 exit status $rc (crash/timeout?)"
    for b in $builds; do
        name=${b%%:*}
        cmp -s gO0.out "$name.out" || fail "stdout differs: gO0 vs $name"
        cmp -s gO0.rc "$name.rc" || fail "exit status differs: gO0 $rc vs $name $(cat "$name.rc")"
        [ -s "$name.err" ] && fail "$name wrote to stderr: $(head -c 300 "$name.err")"
    done
    echo PASS > "$SC_WORK/result.$s"
    echo "$(wc -l < p.c)" > "$SC_WORK/lines.$s"
    rm -rf "$d"
    exit 0
fi

count=300
start=1
size=2
jobs=$(nproc 2>/dev/null || echo 2)
clang=/opt/swift/usr/bin/clang
command -v clang > /dev/null 2>&1 && [ ! -x "$clang" ] && clang=clang
keep=""
while [ $# -gt 0 ]; do
    case "$1" in
        --count) count=$2; shift 2 ;;
        --seed-start) start=$2; shift 2 ;;
        --size) size=$2; shift 2 ;;
        --jobs) jobs=$2; shift 2 ;;
        --clang) clang=$2; shift 2 ;;
        --keep) keep=$2; shift 2 ;;
        *) sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//'; exit 2 ;;
    esac
done
[ -n "$keep" ] || keep=$(mktemp -d "${TMPDIR:-/tmp}/gen-selfcheck.XXXXXX")
mkdir -p "$keep"
work=$(mktemp -d "${TMPDIR:-/tmp}/gen-selfcheck-work.XXXXXX")
trap 'rm -rf "$work"' EXIT
export SC_WORK="$work" SC_KEEP="$keep" SC_SIZE="$size" SC_CLANG="$clang"
echo "selfcheck: seeds $start..$((start + count - 1)), size $size, gcc + $clang, $jobs jobs"
seq "$start" $((start + count - 1)) | xargs -P "$jobs" -n 1 bash "$here/selfcheck.sh" __worker
passed=0
failed=0
for s in $(seq "$start" $((start + count - 1))); do
    if [ "$(cat "$work/result.$s" 2>/dev/null)" = PASS ]; then
        passed=$((passed + 1))
    else
        failed=$((failed + 1))
    fi
done
if ls "$work"/lines.* > /dev/null 2>&1; then
    cat "$work"/lines.* | sort -n | awk '{a[NR]=$1} END {printf "selfcheck: program length min %d, median %d, max %d lines\n", a[1], a[int((NR+1)/2)], a[NR]}'
fi
[ "$failed" -eq 0 ] && rmdir "$keep" 2>/dev/null
echo "selfcheck: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
