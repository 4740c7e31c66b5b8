#!/usr/bin/env bash
# Fetches Debian source packages into the real-world cache with `apt-get source`, once.
#
# Usage: Tests/realworld/fetch.sh PACKAGE...
#
# Each PACKAGE is unpacked under $STACKLESS_REALWORLD_CACHE (default ~/.cache/stackless-realworld)
# as PACKAGE/<unpacked tree>; a PACKAGE/.done mark keeps later runs off the network. apt-get
# source needs deb-src entries: when none is configured, one is added for the first `Types: deb`
# stanza of /etc/apt/sources.list.d/debian.sources (its URIs, its first suite, component main),
# as /etc/apt/sources.list.d/stackless-deb-src.sources, then `apt-get update` runs. Both are said.
set -euo pipefail

cache=${STACKLESS_REALWORLD_CACHE:-$HOME/.cache/stackless-realworld}
die() { echo "fetch.sh: $*" >&2; exit 2; }

have_deb_src() {
    grep -rqsE '^(Types:.*deb-src|deb-src )' /etc/apt/sources.list /etc/apt/sources.list.d/ 2>/dev/null
}

add_deb_src() {
    local src=/etc/apt/sources.list.d/debian.sources
    local out=/etc/apt/sources.list.d/stackless-deb-src.sources
    [ -r "$src" ] || die "no deb-src entry and no $src to derive one from: add a deb-src line for your distribution"
    [ -w /etc/apt/sources.list.d ] || die "no deb-src entry configured and /etc/apt/sources.list.d is not writable (run as root once, or add deb-src yourself)"
    # The first stanza (up to the first blank line), with deb-src, its first suite and main only.
    awk 'BEGIN { RS = ""; FS = "\n" } NR == 1 {
            for (i = 1; i <= NF; i++) {
                if ($i ~ /^Types:/) print "Types: deb-src"
                else if ($i ~ /^Suites:/) { split($i, s, /[ \t]+/); print "Suites: " s[2] }
                else if ($i ~ /^Components:/) print "Components: main"
                else if ($i !~ /^#/) print $i
            }
        }' "$src" > "$out"
    grep -q '^URIs:' "$out" || { rm -f "$out"; die "could not derive a deb-src entry from $src"; }
    echo "fetch.sh: no deb-src entry was configured; added $out:" >&2
    sed 's/^/    /' "$out" >&2
    echo "fetch.sh: running apt-get update" >&2
    apt-get update -qq >&2 || die "apt-get update failed"
}

[ $# -gt 0 ] || die "usage: fetch.sh PACKAGE..."
command -v apt-get >/dev/null || die "apt-get not found: the real-world suite uses Debian source packages"
command -v dpkg-source >/dev/null || {
    [ -w /var/lib/dpkg ] || die "dpkg-source not found (apt-get install dpkg-dev)"
    echo "fetch.sh: installing dpkg-dev (for dpkg-source)" >&2
    apt-get install -y -qq dpkg-dev >&2
}
mkdir -p "$cache"
checked=0
for pkg in "$@"; do
    [ -f "$cache/$pkg/.done" ] && continue
    if [ $checked = 0 ]; then have_deb_src || add_deb_src; checked=1; fi
    echo "fetch.sh: apt-get source $pkg into $cache/$pkg" >&2
    rm -rf "$cache/$pkg.tmp"
    mkdir -p "$cache/$pkg.tmp"
    if ! (cd "$cache/$pkg.tmp" && apt-get source -qq "$pkg" >&2); then
        rm -rf "$cache/$pkg.tmp"
        die "apt-get source $pkg failed"
    fi
    rm -rf "$cache/$pkg"
    mv "$cache/$pkg.tmp" "$cache/$pkg"
    touch "$cache/$pkg/.done"
done
