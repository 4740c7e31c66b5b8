#!/usr/bin/env python3
"""Code size of transformed functions against the originals.

Usage: textsize.py PLAIN.o TRANSFORMED.o
Both objects are compiled from the same source, the second after `stackless transform
--suspend-all` (every function transformed). Prints three numbers of .text bytes, summed over the
function symbols with their compiler clones (f.part.0, f.cold, ...): the plain object's functions;
the transformed object's normal entries (same names as the originals, plus any function that the
plain build had inlined everywhere) with its one bodies (sl__f_body, --one-body) and the runtime's
helpers that the header puts in each file; its resume entries (sl__f_resume).
"""
import subprocess
import sys


def functions(obj):
    """name -> size of the text symbols of obj, clones folded into their base name."""
    out = subprocess.run(["nm", "--defined-only", "-S", obj], capture_output=True, text=True,
                         check=True).stdout
    sizes = {}
    for line in out.splitlines():
        parts = line.split()
        if len(parts) == 4 and parts[2] in "tTwW":
            base = parts[3].split(".")[0]
            sizes[base] = sizes.get(base, 0) + int(parts[1], 16)
    return sizes


def main():
    plain, transformed = sys.argv[1], sys.argv[2]
    p = functions(plain)
    t = functions(transformed)
    resume = sum(size for name, size in t.items() if name.startswith("sl__") and name.endswith("_resume"))
    print(sum(p.values()), sum(t.values()) - resume, resume)


if __name__ == "__main__":
    main()
