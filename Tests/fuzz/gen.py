#!/usr/bin/env python3
"""Random, deterministic, UB-free C11 program generator for differential
testing of `stackless cc --suspend-all --torture` against plain `cc`.

    gen.py --seed N [--size S]      (S = 1 small, 2 default, 3 large)

The program goes to stdout.  The same seed (and size) always gives the
same bytes.  See README.md next to this file for what is covered and for
the rules that keep every program free of undefined and unspecified
behaviour.

Implementation notes
--------------------
Every generated expression carries the set of memory *regions* it reads
(R) and writes (W).  A region is a whole variable: 'L<name>' a local,
'G<name>' a global, 'S<name>' a static local, 'P<i>' whatever the i-th
pointer parameter of the current function points to.  Functions are
generated callee-first, so when a call is generated the callee's final
R/W sets are known; 'P<i>' regions are substituted with the regions of
the actual pointer argument at every call site.

Expression generation is constrained top-down by a Cons(nw, nr): the
expression must not write any region in nw nor read any region in nr.
For an unsequenced operator, the second operand is generated under
cons.after(first) (it must not write what the first one reads or writes,
nor read what the first one writes).  Operands of && || ?: and comma are
generated independently under the outer constraint, because those
operators are sequence points.  This makes every full expression
independent of the (unspecified) evaluation order of C, while still
putting effectful calls next to each other wherever C sequences them.

A call budget (dynamic call count upper bound) is threaded through the
generator; loops divide it by their trip count, so every program runs a
bounded, small number of calls.
"""

import argparse
import math
import random
import sys

# ---------------------------------------------------------------- types


class Ty:
    __slots__ = ('kind', '_c', 'elem', 'n', 'sd')

    def __init__(self, kind, c=None, elem=None, n=0, sd=None):
        self.kind = kind
        self._c = c
        self.elem = elem
        self.n = n
        self.sd = sd

    @property
    def c(self):
        if self.kind == 'ptr':
            return self.elem.c + ' *'
        if self.kind in ('struct', 'union'):
            return self.kind + ' ' + self.sd.name
        return self._c

    def decl(self, name):
        if self.kind == 'arr':
            return self.elem.decl('%s[%d]' % (name, self.n))
        if self.kind == 'ptr':
            return '%s *%s' % (self.elem.c, name)
        return '%s %s' % (self.c, name)

    def key(self):
        if self.kind == 'arr':
            return ('arr', self.elem.key(), self.n)
        if self.kind == 'ptr':
            return ('ptr', self.elem.key())
        if self.kind in ('struct', 'union'):
            return (self.kind, self.sd.name)
        return (self.kind,)

    def __eq__(self, o):
        return isinstance(o, Ty) and self.key() == o.key()

    def __hash__(self):
        return hash(self.key())


INT = Ty('int', 'int')
UNS = Ty('unsigned', 'unsigned')
CHAR = Ty('char', 'char')
UCHAR = Ty('uchar', 'unsigned char')
BOOL = Ty('bool', '_Bool')
LL = Ty('ll', 'long long')
ULL = Ty('ull', 'unsigned long long')
DBL = Ty('double', 'double')
VOID = Ty('void', 'void')
USHORT = Ty('ushort', 'unsigned short')   # only inside unions
PINT = Ty('ptr', elem=INT)
PUNS = Ty('ptr', elem=UNS)

SCALARS = [INT, UNS, CHAR, UCHAR, BOOL, LL, ULL, DBL]
SCALAR_KINDS = {'int', 'unsigned', 'char', 'uchar', 'bool', 'll', 'ull',
                'double', 'ushort'}
# lvalue types on which compound assignment / ++ / -- cannot overflow
UNSIGNEDISH = {'unsigned', 'uchar', 'ull', 'ushort'}
SIGNED_RAW = {'int', 'char', 'll', 'bool', 'uchar'}   # compared raw

DV_M = 2.0 ** 14      # doubles stored anywhere: |v| <= DV_M ...
DV_G = -6             # ... and a multiple of 2**DV_G


class SDef:
    def __init__(self, name, kind, members):
        self.name = name
        self.kind = kind          # 'struct' | 'union'
        self.members = members    # [(name, Ty, bits)]


def leaves(ty):
    """Scalar leaves of an object of type ty: [(parts, leafty, bits)].
    parts: list of '.member' strings and ints (array slot of that length)."""
    if ty.kind == 'arr':
        return [([ty.n] + p, t, b) for (p, t, b) in leaves(ty.elem)]
    if ty.kind in ('struct', 'union'):
        out = []
        for (mn, mt, bits) in ty.sd.members:
            if bits:
                out.append((['.' + mn], mt, bits))
            else:
                out += [(['.' + mn] + p, t, b) for (p, t, b) in leaves(mt)]
        return out
    if ty.kind in SCALAR_KINDS:
        return [([], ty, 0)]
    return []


def all_leaf_paths(ty):
    """Every concrete scalar path (all indices expanded) for dumping."""
    out = []
    for parts, t, bits in leaves(ty):
        paths = ['']
        for p in parts:
            if isinstance(p, int):
                paths = [q + '[%d]' % k for q in paths for k in range(p)]
            else:
                paths = [q + p for q in paths]
        out += [(q, t) for q in paths]
    return out


def cv(code, t, w):
    T = 'unsigned' if w == 32 else 'unsigned long long'
    if t.kind == 'double':
        return '(%s)(long long)(%s)' % (T, code)
    return '(%s)(%s)' % (T, code)


# ------------------------------------------------------ effects machinery


class E:
    __slots__ = ('c', 'R', 'W', 'comma')

    def __init__(self, c, R=frozenset(), W=frozenset()):
        self.c = c
        self.comma = False  # a whole comma expression in its own parentheses
        self.R = frozenset(R)
        self.W = frozenset(W)


class Cons:
    """Must not write nw, must not read nr; fz: must not write at all."""
    __slots__ = ('nw', 'nr', 'fz')

    def __init__(self, nw=frozenset(), nr=frozenset(), fz=False):
        self.nw = frozenset(nw)
        self.nr = frozenset(nr)
        self.fz = fz

    def after(self, e):
        return Cons(self.nw | e.R | e.W, self.nr | e.W, self.fz)

    def plus(self, nw=(), nr=()):
        return Cons(self.nw | frozenset(nw), self.nr | frozenset(nr), self.fz)

    def ok(self, R, W):
        if W and self.fz:
            return False
        return not (W & self.nw) and not (R & self.nr)


def subst(regs, sub):
    out = set()
    for r in regs:
        if r[0] == 'P':
            out |= sub.get(r, set())
        else:
            out.add(r)
    return frozenset(out)


def globalish(regs):
    return frozenset(r for r in regs if r[0] in 'GS')


class Var:
    def __init__(self, name, ty, region, scope='local', ro=False, vol=False,
                 const=False, static=False):
        self.name = name
        self.ty = ty
        self.region = region
        self.is_global = scope == 'global'
        self.is_param = scope == 'param'
        self.ro = ro or const
        self.vol = vol
        self.const = const
        self.static = static
        self.pregs = frozenset()   # pointers: regions it may point to
        self.plen = 1              # pointers: elements addressable
        self.ftargets = None       # function pointers: possible targets
        self.depth_param = False
        self.leaves = leaves(ty) if ty.kind not in ('ptr', 'fptr') else []
        self.addr_ok = not (self.ro or vol)


class Func:
    def __init__(self, idx, name):
        self.idx = idx
        self.name = name
        self.ret = VOID
        self.params = []
        self.static = False
        self.knr = False
        self.rec = None       # None | ('self', D, k) | ('mut', partner, D)
        self.rec_D = 0
        self.pure = False
        self.gR = set()
        self.gW = set()
        self.trace = None
        self.budget = 0
        self.R = frozenset()
        self.W = frozenset()
        self.retregs = frozenset()
        self.cost = 1
        self.lines = None
        self.done = False
        self.called = False

    def sig(self):
        return (self.ret.key(),
                tuple((p.ty.key(), p.plen, p.depth_param) for p in self.params))


class Table:
    def __init__(self, name, entries):
        self.name = name
        self.entries = entries


# ---------------------------------------------------------- the program


class Prog:
    def __init__(self, seed, size):
        self.r = random.Random(seed)
        self.seed = seed
        self.size = size
        self.counter = 0
        self.structs = []
        self.unions = []
        self.globals = []
        self.funcs = []
        self.tables = []

    def fresh(self, prefix):
        self.counter += 1
        return '%s%d' % (prefix, self.counter)

    def wch(self, pairs):
        tot = sum(w for _, w in pairs)
        x = self.r.uniform(0, tot)
        for k, w in pairs:
            x -= w
            if x <= 0:
                return k
        return pairs[-1][0]

    # ------------------------------------------------------------ types

    def make_types(self):
        r = self.r
        ns = r.randint(2, 4)
        for i in range(ns):
            name = 'S%d' % i
            mems = []
            kinds = ['scalar', 'scalar', 'arr', 'bf', 'nested']
            nm = r.randint(2, 4)
            has_bf = r.random() < 0.4
            for j in range(nm):
                k = r.choice(kinds)
                mn = 'm%d' % j
                if k == 'bf' and has_bf:
                    if r.random() < 0.6:
                        mems.append((mn, UNS, r.randint(1, 16)))
                    else:
                        mems.append((mn, INT, r.randint(2, 12)))
                elif k == 'arr':
                    el = r.choice([UNS, INT, UCHAR, LL])
                    mems.append((mn, Ty('arr', elem=el, n=r.randint(2, 4)), 0))
                elif k == 'nested' and self.structs:
                    sd = r.choice(self.structs)
                    mems.append((mn, Ty('struct', sd=sd), 0))
                else:
                    mems.append((mn, r.choice([INT, UNS, CHAR, UCHAR, LL, ULL,
                                               DBL, BOOL]), 0))
            self.structs.append(SDef(name, 'struct', mems))
        nu = r.randint(1, 2)
        for i in range(nu):
            name = 'U%d' % i
            if r.random() < 0.5:
                mems = [('u', UNS, 0), ('i', INT, 0),
                        ('b', Ty('arr', elem=UCHAR, n=4), 0),
                        ('h', Ty('arr', elem=USHORT, n=2), 0)]
            else:
                mems = [('q', ULL, 0), ('w', Ty('arr', elem=UNS, n=2), 0),
                        ('b', Ty('arr', elem=UCHAR, n=8), 0)]
            self.unions.append(SDef(name, 'union', mems))

    def sty(self):
        return Ty('struct', sd=self.r.choice(self.structs))

    def uty(self):
        return Ty('union', sd=self.r.choice(self.unions))

    # ---------------------------------------------------- constants

    def uconst(self, w):
        r = self.r
        k = r.random()
        if k < 0.5:
            v = r.randint(0, 20)
        elif k < 0.8:
            v = r.randint(0, 100000)
        elif w == 32:
            v = r.choice([0xFFFFFFFF, 0x80000000, 0x7FFFFFFF, r.getrandbits(32)])
        else:
            v = r.choice([0xFFFFFFFFFFFFFFFF, 1 << 63, r.getrandbits(64)])
        return ('%du' % v) if w == 32 else ('%dull' % v)

    def dconst(self):
        k = self.r.randint(-4096, 4096)
        c = repr(k / 16.0)
        return ('(%s)' % c if k < 0 else c), max(abs(k / 16.0), 1 / 16.0), -4

    def const_init(self, ty, bits=0):
        r = self.r
        k = ty.kind
        if bits:
            if k == 'int':
                return str(r.randint(-(1 << (bits - 1)), (1 << (bits - 1)) - 1))
            return '%du' % r.randint(0, (1 << bits) - 1)
        if k == 'int':
            return str(r.randint(-1000, 1000))
        if k in ('unsigned', 'ushort'):
            return self.uconst(32)
        if k == 'char':
            return str(r.randint(-128, 127))
        if k == 'uchar':
            return '%du' % r.randint(0, 255)
        if k == 'bool':
            return str(r.randint(0, 1))
        if k == 'll':
            return '%dLL' % r.randint(-(1 << 40), 1 << 40)
        if k == 'ull':
            return self.uconst(64)
        if k == 'double':
            return self.dconst()[0]
        if k == 'arr':
            n = r.randint(1, ty.n)
            return '{ ' + ', '.join(self.const_init(ty.elem) for _ in range(n)) + ' }'
        if k == 'struct':
            ms = ty.sd.members
            n = r.randint(1, len(ms))
            return '{ ' + ', '.join(self.const_init(mt, b) for (_, mt, b) in ms[:n]) + ' }'
        if k == 'union':
            _, mt, b = ty.sd.members[0]
            return '{ ' + self.const_init(mt, b) + ' }'
        raise ValueError(k)

    # ---------------------------------------------------- globals

    def make_globals(self):
        r = self.r
        G = self.globals

        def add(ty, name=None, vol=False):
            name = name or self.fresh('g')
            v = Var(name, ty, 'G' + name, scope='global', vol=vol)
            v.static = r.random() < 0.5
            G.append(v)
            return v
        add(INT)
        add(UNS)
        add(Ty('arr', elem=INT, n=r.randint(3, 8)))
        add(Ty('arr', elem=UNS, n=r.randint(3, 8)))
        for _ in range(r.randint(2, 3 + 2 * self.size)):
            add(r.choice(SCALARS))
        if r.random() < 0.5:
            add(Ty('arr', elem=r.choice([UCHAR, LL, DBL]), n=r.randint(2, 6)))
        for _ in range(r.randint(1, 2)):
            add(self.sty())
        if r.random() < 0.5:
            add(Ty('arr', elem=self.sty(), n=r.randint(2, 3)))
        add(self.uty())
        if r.random() < 0.3:
            add(UNS, vol=True)

    # ---------------------------------------------------- signatures

    def rand_param_ty(self):
        return self.wch([(INT, 14), (UNS, 14), (LL, 5), (ULL, 4), (DBL, 5),
                         (CHAR, 4), (BOOL, 3), (UCHAR, 3), (PINT, 8),
                         (PUNS, 6), ('S', 8), ('U', 3)])

    def make_funcs(self):
        r = self.r
        lo, hi = {1: (5, 7), 2: (6, 12), 3: (12, 20)}[self.size]
        nf = r.randint(lo, hi)
        sigs = []
        fs = [Func(i, 'f%d' % i) for i in range(nf)]
        self.funcs = fs
        # recursion: a few self-recursive functions and maybe a mutual pair
        i = 0
        while i < nf:
            f = fs[i]
            k = r.random()
            if k < 0.08 and i + 1 < nf and fs[i + 1].rec is None:
                D = r.randint(2, 5)
                f.rec = ('mut', fs[i + 1], D)
                fs[i + 1].rec = ('mut', f, D)
                f.rec_D = fs[i + 1].rec_D = D
                i += 2
                continue
            if k < 0.25:
                kk = 1 if r.random() < 0.7 else 2
                D = r.randint(2, 6) if kk == 1 else r.randint(1, 3)
                f.rec = ('self', D, kk)
                f.rec_D = D
            i += 1
        prev = None
        for f in fs:
            if f.rec and f.rec[0] == 'mut' and f.rec[1].idx < f.idx:
                ret, pts = prev
            elif sigs and f.rec is None and r.random() < 0.4:
                ret, pts = r.choice(sigs)
            else:
                ret = self.wch([(UNS, 20), (INT, 14), (LL, 6), (ULL, 4),
                                (DBL, 5), (CHAR, 4), (BOOL, 3), (PINT, 3),
                                (PUNS, 2), ('S', 9), ('U', 3), (VOID, 10)])
                if ret == 'S':
                    ret = self.sty()
                elif ret == 'U':
                    ret = self.uty()
                pts = []
                for _ in range(r.choice([0, 1, 1, 2, 2, 2, 3, 3, 4])):
                    t = self.rand_param_ty()
                    if t == 'S' and f.rec:
                        # clang 21 (Swift toolchain) miscompiles recursive
                        # functions that read a by-value (memory-class) struct
                        # parameter after a recursive call; see README.md.
                        t = self.r.choice([UNS, INT, 'U'])
                    if t == 'S':
                        t = self.sty()
                    elif t == 'U':
                        t = self.uty()
                    plen = 1
                    if t.kind == 'ptr' and r.random() < 0.4:
                        plen = r.randint(2, 4)
                    pts.append((t, plen))
                if f.rec is None:
                    sigs.append((ret, pts))
            prev = (ret, pts)
            f.ret = ret
            f.params = []
            if f.rec:
                v = Var('a0', INT, 'L%s_a0' % f.name, scope='param', ro=True)
                v.depth_param = True
                f.params.append(v)
            for j, (t, plen) in enumerate(pts):
                pn = 'a%d' % len(f.params)
                v = Var(pn, t, 'L%s_%s' % (f.name, pn), scope='param')
                if t.kind == 'ptr':
                    v.pregs = frozenset(['P%d' % len(f.params)])
                    v.plen = plen
                f.params.append(v)
            f.static = r.random() < 0.5
            f.knr = (r.random() < 0.15 and f.params and
                     all(p.ty.kind in ('int', 'unsigned', 'll', 'ull', 'double',
                                       'ptr', 'struct', 'union')
                         for p in f.params))
            if f.rec and f.rec[0] == 'mut' and f.rec[1].idx < f.idx:
                f.pure = f.rec[1].pure
            else:
                f.pure = (r.random() < 0.35 and f.ret.kind != 'ptr')
            if not f.pure:
                tr = Var('tr_' + f.name, UNS, 'Gtr_' + f.name, scope='global')
                tr.static = True
                self.globals.append(tr)
                f.trace = tr
                cands = [g for g in self.globals if not g.name.startswith('tr_')]
                f.gR = set(g.name for g in r.sample(cands, min(len(cands), r.randint(2, 6))))
                f.gW = set(r.sample(sorted(f.gR), min(len(f.gR), r.randint(1, 3))))
                if f.ret.kind == 'ptr':
                    for g in self.globals:
                        if g.ty == f.ret.elem or (g.ty.kind == 'arr' and g.ty.elem == f.ret.elem):
                            f.gR.add(g.name)
                            f.gW.add(g.name)
                f.gR.add(tr.name)
                f.gW.add(tr.name)
            f.budget = self.wch([(20, 3), (80, 4), (250, 4), (800, 3), (2500, 2), (6000, 1)])

    def make_tables(self):
        r = self.r
        groups = {}
        for f in self.funcs:
            if f.rec is None:
                groups.setdefault(f.sig(), []).append(f)
        cand = [g for g in groups.values() if len(g) >= 2]
        r.shuffle(cand)
        for g in cand[:3]:
            n = r.randint(2, 4)
            entries = [r.choice(g) for _ in range(n)]
            if len(set(e.name for e in entries)) < 2:
                entries = g[:2]
            self.tables.append(Table(self.fresh('tab'), entries))

    # ---------------------------------------------------- bodies

    def gen_funcs(self):
        fs = self.funcs
        i = len(fs) - 1
        while i >= 0:
            f = fs[i]
            if f.rec and f.rec[0] == 'mut':
                a, b = fs[i - 1], f       # pair (i-1, i)
                assert a.rec[1] is b
                D = a.rec_D
                ba = Body(self, a, max(1, a.budget // (D + 1)), skip_partner=b)
                bb = Body(self, b, max(1, b.budget // (D + 1)))
                bb.gen_nonrec()
                ba.gen_nonrec()
                R = frozenset(ba.effR | bb.effR)
                W = frozenset(ba.effW | bb.effW)
                for x in (a, b):
                    x.R, x.W = R, W
                    x.retregs = frozenset(ba.retregs if x is a else bb.retregs)
                cost = (ba.used() + bb.used() + 2) * (D + 2)
                a.cost = b.cost = cost
                bb.insert_rec(a)
                ba.insert_rec(b)
                for x, bx in ((a, ba), (b, bb)):
                    x.R = frozenset(x.R | bx.effR)
                    x.lines = bx.finish()
                    x.done = True
                a.R = b.R = frozenset(a.R | b.R)
                i -= 2
                continue
            if f.rec:
                _, D, k = f.rec
                mult = (D + 2) if k == 1 else (2 ** (D + 2))
                bd = Body(self, f, max(1, f.budget // mult))
                bd.gen_nonrec()
                f.R = frozenset(bd.effR)
                f.W = frozenset(bd.effW)
                f.retregs = frozenset(bd.retregs)
                f.cost = (bd.used() + 1) * mult
                for _ in range(k):
                    bd.insert_rec(f)
                f.R = frozenset(f.R | bd.effR)
                f.lines = bd.finish()
                f.done = True
            else:
                bd = Body(self, f, f.budget)
                bd.gen_nonrec()
                f.R = frozenset(bd.effR)
                f.W = frozenset(bd.effW)
                f.retregs = frozenset(bd.retregs)
                f.cost = bd.used() + 1
                f.lines = bd.finish()
                f.done = True
            i -= 1

    # ---------------------------------------------------- rendering

    def proto(self, f, names=True):
        if f.params:
            ps = ', '.join(p.ty.decl(p.name) if names else p.ty.c for p in f.params)
        else:
            ps = 'void'
        return '%s%s %s(%s)' % ('static ' if f.static else '', f.ret.c, f.name, ps)

    def fptr_decl(self, f, name):
        ps = ', '.join(p.ty.c for p in f.params) if f.params else 'void'
        return '%s (*%s)(%s)' % (f.ret.c, name, ps)

    def render(self, main_lines):
        out = []
        out.append('/* generated by Tests/fuzz/gen.py --seed %d --size %d */'
                   % (self.seed, self.size))
        out.append('#include <stdio.h>')
        out.append('')
        for sd in self.structs + self.unions:
            out.append('%s %s {' % (sd.kind, sd.name))
            for mn, mt, bits in sd.members:
                if bits:
                    out.append('    %s %s : %d;' % (mt.c, mn, bits))
                else:
                    out.append('    %s;' % mt.decl(mn))
            out.append('};')
        out.append('')
        for g in self.globals:
            q = ('static ' if g.static else '') + ('volatile ' if g.vol else '')
            if g.name.startswith('tr_'):
                out.append('%s%s = %du;' % (q, g.ty.decl(g.name), self.r.randint(0, 99)))
            else:
                out.append('%s%s = %s;' % (q, g.ty.decl(g.name), self.const_init(g.ty)))
        out.append('')
        for f in self.funcs:
            out.append(self.proto(f) + ';')
        out.append('static unsigned long long csum(void);')
        out.append('static void dump(int step);')
        out.append('')
        for t in self.tables:
            f0 = t.entries[0]
            out.append('static %s = { %s };' % (
                self.fptr_decl(f0, 'const %s[%d]' % (t.name, len(t.entries))),
                ', '.join(e.name for e in t.entries)))
        out.append('')
        for f in self.funcs:
            if f.knr:
                out.append('%s%s %s(%s)' % ('static ' if f.static else '', f.ret.c,
                                             f.name, ', '.join(p.name for p in f.params)))
                for p in f.params:
                    out.append('    %s;' % p.ty.decl(p.name))
                out.append('{')
            else:
                out.append(self.proto(f) + ' {')
            out += f.lines
            out.append('}')
            out.append('')
        # checksum and dump (several leaves per line to keep programs short)
        items = [(g.name + path, t) for g in self.globals for path, t in all_leaf_paths(g.ty)]
        out.append('static unsigned long long csum(void) {')
        out.append('    unsigned long long h = 1469598103934665603ull;')
        for i in range(0, len(items), 4):
            out.append('    ' + ' '.join('h = (h ^ %s) * 1099511628211ull;' % self.fold(c, t)
                                         for c, t in items[i:i + 4]))
        out.append('    return h;')
        out.append('}')
        out.append('')
        out.append('static void dump(int step) {')
        out.append('    printf("step %d:", step);')
        for i in range(0, len(items), 8):
            fmts, args = [], []
            for c, t in items[i:i + 8]:
                if t.kind == 'double':
                    fmts.append('%a')
                    args.append(c)
                elif t.kind in ('ll', 'ull'):
                    fmts.append('%llu')
                    args.append('(unsigned long long)' + c)
                else:
                    fmts.append('%u')
                    args.append('(unsigned)' + c)
            out.append('    printf(" %s", %s);' % (' '.join(fmts), ', '.join(args)))
        out.append('    printf(" | %llu\\n", csum());')
        out.append('}')
        out.append('')
        out += main_lines
        return '\n'.join(out) + '\n'

    def fold(self, code, t):
        if t.kind == 'double':
            return '(unsigned long long)(long long)(%s * 64.0)' % code
        return '(unsigned long long)(%s)' % code


# ---------------------------------------------------------- a function body


class Body:
    def __init__(self, P, fn, budget, skip_partner=None, is_main=False):
        self.P = P
        self.r = P.r
        self.fn = fn
        self.is_main = is_main
        self.budget0 = budget
        self.budget = budget
        self.skip = skip_partner
        self.idx = fn.idx if fn else -1
        self.pure = fn.pure if fn else False
        if is_main:
            self.gR = set(g.name for g in P.globals)
            self.gW = set(self.gR)
        else:
            self.gR = fn.gR
            self.gW = fn.gW
        self.scopes = [list(fn.params) if fn else [], []]
        self.hidden = set()
        self.effR = set()
        self.effW = set()
        self.retregs = set()
        self.loop = 0
        self.brk = 0
        self.nodecl = False
        self.fwd = []
        self.locals_only = False
        self.top = []          # top-level statement chunks
        self.snaps = []        # scope snapshot after each chunk
        self.xd = 2 + (1 if P.size >= 2 else 0)   # expression depth

    # ---------------------------------------------------- helpers

    def used(self):
        return self.budget0 - self.budget

    def wch(self, pairs):
        return self.P.wch(pairs)

    def note(self, R, W):
        self.effR |= set(r for r in R if r[0] != 'L')
        self.effW |= set(r for r in W if r[0] != 'L')

    def visible(self):
        seen = set(self.hidden)
        out = []
        for sc in reversed(self.scopes):
            for v in reversed(sc):
                if v.name not in seen:
                    seen.add(v.name)
                    out.append(v)
        if not self.locals_only:
            for g in self.P.globals:
                if g.name in self.gR:
                    out.append(g)
        return out

    def writable(self, v):
        if v.ro or v.ty.kind == 'fptr':
            return False
        if v.is_global:
            return v.name in self.gW and not self.locals_only
        return True

    def readable_var(self, v, cons):
        if v.region in cons.nr:
            return False
        if v.vol and (v.region in cons.nw or cons.fz):
            return False
        return True

    def var_reg(self, v):
        return ({v.region}, {v.region} if v.vol else set())

    def uconst(self, w):
        return self.P.uconst(w)

    # ---------------------------------------------------- indices / paths

    def index(self, n, d, cons):
        if d <= 0 or self.r.random() < 0.35:
            return E(str(self.r.randrange(n)))
        e = self.u(d, cons, 32)
        return E('(%s) %% %du' % (e.c, n), e.R, e.W)

    def realize(self, base, parts, d, cons):
        code = base
        R, W = set(), set()
        acc = cons
        for p in parts:
            if isinstance(p, int):
                ix = self.index(p, d - 1, acc)
                acc = acc.after(ix)
                R |= ix.R
                W |= ix.W
                code += '[%s]' % ix.c
            else:
                code += p
        return E(code, R, W)

    # ---------------------------------------------------- reads

    def scalar_read(self, d, cons, pred=None):
        """Read one scalar leaf of some visible variable: (E, leafty) or None."""
        vs = [v for v in self.visible() if v.leaves or v.ty.kind == 'ptr']
        if not vs:
            return None
        v = self.r.choice(vs)
        if v.ty.kind == 'ptr':
            t = v.ty.elem
            if pred and not pred(t, 0):
                return None
            regs = v.pregs | {v.region}
            if regs & cons.nr:
                return None
            if v.plen > 1 and self.r.random() < 0.7:
                ix = self.index(v.plen, d - 1, cons.plus(nw=v.pregs))
                code = '%s[%s]' % (v.name, ix.c)
            else:
                ix = E('')
                code = '(*%s)' % v.name
            self.note(regs, ix.W)
            return E(code, regs | ix.R, ix.W), t
        lv = [l for l in v.leaves if pred is None or pred(l[1], l[2])]
        if not lv or not self.readable_var(v, cons):
            return None
        parts, t, bits = self.r.choice(lv)
        R, W = self.var_reg(v)
        ie = self.realize(v.name, parts, d, cons.plus(nw=[v.region]))
        R |= ie.R
        W |= ie.W
        self.note(R, W)
        return E(ie.c, R, W), t

    def direct_var(self, ty, cons):
        vs = [v for v in self.visible() if v.ty == ty and self.readable_var(v, cons)]
        if not vs:
            return None
        v = self.r.choice(vs)
        R, W = self.var_reg(v)
        self.note(R, W)
        return E(v.name, R, W)

    # ---------------------------------------------------- unsigned exprs

    def u_leaf(self, d, cons, w):
        if self.r.random() < 0.3:
            return E(self.uconst(w))
        for _ in range(3):
            res = self.scalar_read(d, cons)
            if res:
                e, t = res
                return E(cv(e.c, t, w), e.R, e.W)
        return E(self.uconst(w))

    def u(self, d, cons, w=32):
        """Expression of C type unsigned int (w=32) / unsigned long long (64)."""
        r = self.r
        if d <= 0 or r.random() < 0.18:
            return self.u_leaf(d, cons, w)
        k = self.wch([('bin', 30), ('un', 5), ('call', 24), ('cond', 8),
                      ('logic', 7), ('comma', 5), ('cmp', 6), ('asg', 5),
                      ('sizeof', 2), ('dbl', 4), ('wconv', 4), ('incdec', 3)])
        e = getattr(self, 'u_' + k)(d, cons, w)
        return e if e is not None else self.u_leaf(d, cons, w)

    def u_bin(self, d, cons, w):
        a = self.u(d - 1, cons, w)
        b = self.u(d - 1, cons.after(a), w)
        one = '1u' if w == 32 else '1ull'
        op = self.wch([('+', 5), ('-', 4), ('*', 4), ('&', 3), ('|', 3), ('^', 4),
                       ('/', 2), ('%', 2), ('<<', 2), ('>>', 2)])
        if op in ('/', '%'):
            c = '(%s %s (%s | %s))' % (a.c, op, b.c, one)
        elif op in ('<<', '>>'):
            c = '(%s %s (%s & %du))' % (a.c, op, b.c, w - 1)
        else:
            c = '(%s %s %s)' % (a.c, op, b.c)
        return E(c, a.R | b.R, a.W | b.W)

    def u_un(self, d, cons, w):
        a = self.u(d - 1, cons, w)
        T = 'unsigned' if w == 32 else 'unsigned long long'
        op = self.r.choice(['~', '-', '!'])
        if op == '!':
            return E('(%s)(!%s)' % (T, a.c), a.R, a.W)
        return E('(%s%s)' % (op, a.c), a.R, a.W)

    def u_call(self, d, cons, w):
        res = self.call(d, cons, lambda f: f.ret.kind != 'void', deref='r')
        if res is None:
            return None
        e, ret = res
        if ret.kind == 'ptr':
            return E(cv('*' + e.c, ret.elem, w), e.R, e.W)
        if ret.kind in ('struct', 'union'):
            parts, t, bits = self.r.choice(leaves(ret))
            ie = self.realize(e.c, parts, d, cons.after(e))
            return E(cv(ie.c, t, w), e.R | ie.R, e.W | ie.W)
        return E(cv(e.c, ret, w), e.R, e.W)

    def u_cond(self, d, cons, w):
        c = self.cond(d - 1, cons)
        a = self.u(d - 1, cons, w)
        b = self.u(d - 1, cons, w)
        # C allows a comma expression as the middle operand without parentheses (macros write
        # `v < 0x80 ? (*p = v), 1 : put(p, v)`): a rewrite that splits the conditional must keep
        # the comma inside what it assigns.
        middle = a.c[1:-1] if a.c.startswith('(') and a.comma else a.c
        return E('(%s ? %s : %s)' % (c.c, middle, b.c), c.R | a.R | b.R, c.W | a.W | b.W)

    def u_logic(self, d, cons, w):
        a = self.cond(d - 1, cons)
        b = self.cond(d - 1, cons)
        T = 'unsigned' if w == 32 else 'unsigned long long'
        op = self.r.choice(['&&', '||'])
        return E('(%s)(%s %s %s)' % (T, a.c, op, b.c), a.R | b.R, a.W | b.W)

    def u_comma(self, d, cons, w):
        s = self.side(d - 1, cons)
        if s is None:
            return None
        a = self.u(d - 1, cons, w)
        e = E('(%s, %s)' % (s.c, a.c), s.R | a.R, s.W | a.W)
        e.comma = True
        return e

    def u_cmp(self, d, cons, w):
        c = self.cond(d - 1, cons)
        T = 'unsigned' if w == 32 else 'unsigned long long'
        return E('(%s)(%s)' % (T, c.c), c.R, c.W)

    def u_asg(self, d, cons, w):
        e = self.assign_expr(d - 1, cons)
        if e is None:
            return None
        ex, t = e
        return E(cv(ex.c, t, w), ex.R, ex.W)

    def u_incdec(self, d, cons, w):
        e = self.incdec_expr(d - 1, cons)
        if e is None:
            return None
        ex, t = e
        return E(cv(ex.c, t, w), ex.R, ex.W)

    def u_sizeof(self, d, cons, w):
        # the operand is never evaluated: no effects, no cost
        saved = (self.budget, set(self.effR), set(self.effW))
        k = self.r.random()
        if k < 0.5:
            res = self.call(d, Cons(), lambda f: f.ret.kind != 'void', deref=None,
                            free=True)
            inner = res[0].c if res else self.u(d - 1, Cons(), w).c
        elif k < 0.75:
            inner = self.u(d - 1, Cons(), 64 if w == 32 else 32).c
        else:
            ae = self.assign_expr(d - 1, Cons())
            inner = cv(ae[0].c, ae[1], 32) if ae else self.uconst(w)
        self.budget, self.effR, self.effW = saved[0], saved[1], saved[2]
        T = 'unsigned' if w == 32 else 'unsigned long long'
        return E('(%s)sizeof(%s)' % (T, inner))

    def u_dbl(self, d, cons, w):
        e, M, g = self.dbl(d - 1, cons)
        T = 'unsigned' if w == 32 else 'unsigned long long'
        return E('(%s)(long long)(%s)' % (T, e.c), e.R, e.W)

    def u_wconv(self, d, cons, w):
        a = self.u(d - 1, cons, 96 - w)
        T = 'unsigned' if w == 32 else 'unsigned long long'
        return E('(%s)%s' % (T, a.c), a.R, a.W)

    # ---------------------------------------------------- conditions

    def cond(self, d, cons):
        r = self.r
        k = self.wch([('cmp', 30), ('truth', 12), ('logic', 12 if d > 0 else 0),
                      ('not', 5), ('scmp', 12), ('dcmp', 5), ('bool', 5)])
        if k == 'cmp' or d <= 0 and k == 'logic':
            w = 32 if r.random() < 0.8 else 64
            a = self.u(d, cons, w)
            b = self.u(d, cons.after(a), w)
            op = r.choice(['<', '<=', '>', '>=', '==', '!='])
            return E('(%s %s %s)' % (a.c, op, b.c), a.R | b.R, a.W | b.W)
        if k == 'truth':
            a = self.u(d, cons, 32)
            m = r.randint(2, 5)
            return E('(%s %% %du == %du)' % (a.c, m, r.randrange(m)), a.R, a.W)
        if k == 'logic':
            a = self.cond(d - 1, cons)
            b = self.cond(d - 1, cons)
            return E('(%s %s %s)' % (a.c, r.choice(['&&', '||']), b.c),
                     a.R | b.R, a.W | b.W)
        if k == 'not':
            a = self.u(d, cons, 32)
            return E('!%s' % a.c, a.R, a.W)
        if k == 'scmp':
            res = self.scalar_read(d, cons, lambda t, b: t.kind in SIGNED_RAW)
            if res:
                e, t = res
                return E('(%s %s %d)' % (e.c, r.choice(['<', '>', '==', '!=', '<=']),
                                         r.randint(-20, 20)), e.R, e.W)
        if k == 'dcmp':
            a, _, _ = self.dbl(d, cons)
            b, _, _ = self.dbl(d, cons.after(a))
            return E('(%s %s %s)' % (a.c, r.choice(['<', '>', '==', '!=', '>=']), b.c),
                     a.R | b.R, a.W | b.W)
        if k == 'bool':
            e = self.direct_var(BOOL, cons)
            if e:
                return e
        a = self.u(d, cons, 32)
        return E('(%s != 0u)' % a.c, a.R, a.W)

    def rare(self, d, cons, often=False):
        """Condition that holds rarely (early exits) or usually (loop conds),
        unless it is one of the ordinary random conditions."""
        r = self.r
        if r.random() < 0.3:
            return self.cond(d, cons)
        a = self.u(d, cons, 32)
        m = r.randint(3, 7)
        return E('(%s %% %du %s %du)' % (a.c, m, '!=' if often else '==', r.randrange(m)),
                 a.R, a.W)

    # ---------------------------------------------------- doubles

    def dbl(self, d, cons):
        """Double expression: (E, M, g) with |value| <= M and value a multiple
        of 2**g.  Every product is kept exact (so FP contraction cannot
        change results) and M stays below 2**50."""
        r = self.r
        if d <= 0 or r.random() < 0.3:
            return self.dleaf(d, cons)
        k = self.wch([('add', 10), ('mul', 6), ('scale', 4), ('neg', 2),
                      ('cond', 3), ('call', 6), ('comma', 1)])
        if k in ('add', 'mul'):
            a, Ma, ga = self.dbl(d - 1, cons)
            b, Mb, gb = self.dbl(d - 1, cons.after(a))
            R, W = a.R | b.R, a.W | b.W
            if k == 'mul':
                sa = math.log2(Ma) - ga + 1
                sb = math.log2(Mb) - gb + 1
                if sa + sb <= 52 and Ma * Mb <= 2.0 ** 50:
                    return E('(%s * %s)' % (a.c, b.c), R, W), Ma * Mb, ga + gb
            if Ma + Mb <= 2.0 ** 50:
                return (E('(%s %s %s)' % (a.c, r.choice('+-'), b.c), R, W),
                        (Ma + Mb) * 1.0001, min(ga, gb))
            return a, Ma, ga
        if k == 'scale':
            a, M, g = self.dbl(d - 1, cons)
            s = r.randint(1, 3)
            if r.random() < 0.5:
                return E('(%s * %r)' % (a.c, 2.0 ** -s), a.R, a.W), M / 2 ** s, g - s
            return E('(%s / %r)' % (a.c, 2.0 ** s), a.R, a.W), M / 2 ** s, g - s
        if k == 'neg':
            a, M, g = self.dbl(d - 1, cons)
            return E('(-%s)' % a.c, a.R, a.W), M, g
        if k == 'cond':
            c = self.cond(d - 1, cons)
            a, Ma, ga = self.dbl(d - 1, cons)
            b, Mb, gb = self.dbl(d - 1, cons)
            return (E('(%s ? %s : %s)' % (c.c, a.c, b.c), c.R | a.R | b.R,
                      c.W | a.W | b.W), max(Ma, Mb), min(ga, gb))
        if k == 'comma':
            s = self.side(d - 1, cons)
            if s is not None:
                a, M, g = self.dbl(d - 1, cons)
                return E('(%s, %s)' % (s.c, a.c), s.R | a.R, s.W | a.W), M, g
        if k == 'call':
            res = self.call(d, cons, lambda f: f.ret == DBL)
            if res:
                return res[0], DV_M, DV_G
        return self.dleaf(d, cons)

    def dleaf(self, d, cons):
        r = self.r
        k = r.random()
        if k < 0.45:
            res = self.scalar_read(d, cons, lambda t, b: t.kind == 'double')
            if res:
                return res[0], DV_M, DV_G
        if k < 0.65:
            a = self.u(d - 1, cons, 32)
            if r.random() < 0.5:
                return E('(double)(%s)' % a.c, a.R, a.W), 2.0 ** 32, 0
            return E('(double)(%s %% 1000u)' % a.c, a.R, a.W), 1000.0, 0
        if k < 0.8:
            res = self.scalar_read(d, cons, lambda t, b: t.kind in ('int', 'char', 'bool',
                                                                   'uchar'))
            if res:
                return E('(double)%s' % res[0].c, res[0].R, res[0].W), 2.0 ** 31, 0
        c, M, g = self.P.dconst()
        return E(c), M, g

    def dval(self, d, cons):
        e, M, g = self.dbl(d, cons)
        if M <= DV_M and g >= DV_G:
            return e
        return E('((double)((long long)((%s) * 64.0) %% 1048576LL) / 64.0)' % e.c,
                 e.R, e.W)

    # ---------------------------------------------------- typed values

    def val(self, ty, d, cons):
        k = ty.kind
        if k in ('struct', 'union'):
            return self.agg(ty, d, cons)
        if k == 'double':
            return self.dval(d, cons)
        if self.r.random() < 0.25:
            e = self.direct_var(ty, cons)
            if e:
                return e
        if k == 'bool':
            if self.r.random() < 0.6:
                return self.cond(d, cons)
            e = self.u(d, cons, 32)
            return E('(_Bool)(%s)' % e.c, e.R, e.W)
        if k in ('ll', 'ull'):
            e = self.u(d, cons, 64)
            return e if k == 'ull' else E('(long long)(%s)' % e.c, e.R, e.W)
        e = self.u(d, cons, 32)
        if k == 'unsigned':
            return e
        return E('(%s)(%s)' % (ty.c, e.c), e.R, e.W)

    def bf_val(self, t, bits, d, cons):
        e = self.u(d, cons, 32)
        if t.kind == 'int':
            return E('(int)((%s) %% %du)' % (e.c, 1 << (bits - 1)), e.R, e.W)
        return e

    def agg(self, ty, d, cons):
        r = self.r
        k = self.wch([('var', 4), ('call', 4 if d > 0 else 0), ('lit', 3),
                      ('cond', 2 if d > 0 else 0)])
        if k == 'var':
            vs = [v for v in self.visible()
                  if (v.ty == ty or (v.ty.kind == 'arr' and v.ty.elem == ty))
                  and self.readable_var(v, cons)]
            if vs:
                v = r.choice(vs)
                R, W = self.var_reg(v)
                if v.ty == ty:
                    code = v.name
                else:
                    ix = self.index(v.ty.n, d - 1, cons.plus(nw=[v.region]))
                    R |= ix.R
                    W |= ix.W
                    code = '%s[%s]' % (v.name, ix.c)
                self.note(R, W)
                return E(code, R, W)
        if k == 'call':
            res = self.call(d, cons, lambda f: f.ret == ty)
            if res:
                return res[0]
        if k == 'cond':
            c = self.cond(d - 1, cons)
            a = self.agg(ty, d - 1, cons)
            b = self.agg(ty, d - 1, cons)
            return E('(%s ? %s : %s)' % (c.c, a.c, b.c), c.R | a.R | b.R, c.W | a.W | b.W)
        e = self.init_list(ty, d - 1, cons)
        return E('(%s)%s' % (ty.c, e.c), e.R, e.W)

    def init_list(self, ty, d, cons):
        """Brace initializer; the element expressions are indeterminately
        sequenced (C11 6.7.9p23), so they are generated as unsequenced."""
        st = {'acc': cons, 'R': set(), 'W': set()}
        r = self.r

        def scalar(t, bits):
            if bits:
                e = self.bf_val(t, bits, d, st['acc'])
            else:
                e = self.val(t, d, st['acc'])
            st['acc'] = st['acc'].after(e)
            st['R'] |= e.R
            st['W'] |= e.W
            return e.c

        def elem(t, bits=0):
            if t.kind == 'arr':
                n = r.randint(1, t.n)
                return '{ ' + ', '.join(elem(t.elem) for _ in range(n)) + ' }'
            if t.kind == 'struct':
                ms = t.sd.members
                if r.random() < 0.25:
                    sel = r.sample(range(len(ms)), r.randint(1, len(ms)))
                    return '{ ' + ', '.join('.%s = %s' % (ms[i][0], elem(ms[i][1], ms[i][2]))
                                            for i in sel) + ' }'
                n = r.randint(1, len(ms)) if r.random() < 0.3 else len(ms)
                return '{ ' + ', '.join(elem(mt, b) for (_, mt, b) in ms[:n]) + ' }'
            if t.kind == 'union':
                mn, mt, b = t.sd.members[0]
                return '{ ' + elem(mt, b) + ' }'
            return scalar(t, bits)
        c = elem(ty)
        return E(c, st['R'], st['W'])

    # ---------------------------------------------------- pointers

    def ptr(self, elem, plen, cons, d, forbid=frozenset(), need_w=False, need_r=False,
            outer=None, ret_only=False, within=None):
        """Pointer-to-elem expression addressing >= plen elements.
        Returns (E, regions pointed to, plen) or None."""
        outer = outer or Cons()
        r = self.r

        def okregs(regs):
            if not regs or regs & forbid:
                return False
            if need_w and (regs & outer.nw or outer.fz):
                return False
            if need_r and regs & outer.nr:
                return False
            if ret_only and any(x[0] == 'L' for x in regs):
                return False
            if within is not None and not regs <= within:
                return False
            if self.pure and globalish(regs):
                return False
            for x in regs:
                if x[0] == 'G' and x[1:] not in self.gW:
                    return False
            return True

        for attempt in range(8):
            k = self.wch([('addr', 4), ('arr', 3), ('member', 2), ('pvar', 3),
                          ('call', 2 if d > 0 else 0), ('cond', 1 if d > 0 else 0)])
            vs = self.visible()
            if k == 'addr':
                cs = [v for v in vs if v.ty == elem and v.addr_ok and okregs(frozenset([v.region]))]
                if cs and plen == 1:
                    v = r.choice(cs)
                    return E('&' + v.name), frozenset([v.region]), 1
            elif k == 'arr':
                cs = [v for v in vs if v.ty.kind == 'arr' and v.ty.elem == elem
                      and v.ty.n >= plen and okregs(frozenset([v.region]))]
                if cs:
                    v = r.choice(cs)
                    reg = frozenset([v.region])
                    if plen == 1 and r.random() < 0.6:
                        ix = self.index(v.ty.n, d - 1, cons)
                        return E('&%s[%s]' % (v.name, ix.c), ix.R, ix.W), reg, 1
                    off = r.randint(0, v.ty.n - plen)
                    if off == 0 and r.random() < 0.5:
                        return E(v.name), reg, v.ty.n
                    return E('&%s[%d]' % (v.name, off)), reg, v.ty.n - off
            elif k == 'member':
                cs = [v for v in vs if v.leaves and v.ty.kind in ('struct', 'union', 'arr')
                      and v.addr_ok and okregs(frozenset([v.region]))]
                if cs:
                    v = r.choice(cs)
                    ls = [l for l in v.leaves if l[1] == elem and l[2] == 0]
                    if ls:
                        parts, t, _ = r.choice(ls)
                        reg = frozenset([v.region])
                        if parts and isinstance(parts[-1], int) and parts[-1] >= plen \
                                and r.random() < 0.5:
                            ie = self.realize(v.name, parts[:-1], d, cons)
                            return E(ie.c, ie.R, ie.W), reg, parts[-1]
                        if plen == 1:
                            ie = self.realize(v.name, parts, d, cons)
                            return E('&' + ie.c, ie.R, ie.W), reg, 1
            elif k == 'pvar':
                cs = [v for v in vs if v.ty.kind == 'ptr' and v.ty.elem == elem
                      and v.plen >= plen and okregs(v.pregs) and v.region not in cons.nr]
                if cs:
                    v = r.choice(cs)
                    if v.plen > 1 and plen == 1 and r.random() < 0.4:
                        ix = self.index(v.plen, d - 1, cons)
                        return (E('&%s[%s]' % (v.name, ix.c), ix.R | {v.region}, ix.W),
                                v.pregs, 1)
                    self.note({v.region}, ())
                    return E(v.name, {v.region}), v.pregs, v.plen
            elif k == 'call' and plen == 1:
                saved = self.budget
                res = self.call(d, cons, lambda f: f.ret == Ty('ptr', elem=elem), deref=None,
                                want_rr=True)
                if res:
                    e, ret, rr = res
                    if okregs(rr):
                        return e, rr, 1
                    self.budget = saved
            elif k == 'cond':
                c = self.cond(d - 1, cons)
                a = self.ptr(elem, plen, cons, d - 1, forbid, need_w, need_r, outer,
                             ret_only, within)
                b = self.ptr(elem, plen, cons, d - 1, forbid, need_w, need_r, outer,
                             ret_only, within)
                if a and b:
                    regs = a[1] | b[1]
                    if okregs(regs):
                        return (E('(%s ? %s : %s)' % (c.c, a[0].c, b[0].c),
                                  c.R | a[0].R | b[0].R, c.W | a[0].W | b[0].W),
                                regs, min(a[2], b[2]))
        return None

    # ---------------------------------------------------- calls

    def callables(self):
        out = []
        for f in self.P.funcs:
            if f.idx <= self.idx or not f.done or f is self.skip:
                continue
            if self.pure and not f.pure:
                continue
            out.append(f)
        return out

    def call(self, d, cons, pred, deref='r', force=None, rec_depth=None, free=False,
             want_rr=False):
        """Generate a call.  Returns (E, rettype) (+ ret regions if want_rr)."""
        r = self.r
        groups = []
        if force is not None:
            groups = [('d', force, [force])]
        else:
            for f in self.callables():
                groups.append(('d', f, [f]))
            if not self.locals_only:
                for t in self.P.tables:
                    if all(e.done and e.idx > self.idx and (e.pure or not self.pure)
                           for e in t.entries):
                        groups.append(('t', t, t.entries))
                for v in self.visible():
                    if v.ty.kind == 'fptr':
                        groups.append(('v', v, v.ftargets))
        opts = []
        for kind, obj, fs in groups:
            f0 = fs[0]
            if not pred(f0):
                continue
            cost = max(f.cost for f in fs) + 1
            if not free and force is None and cost > self.budget:
                continue
            R = frozenset().union(*[f.R for f in fs])
            W = frozenset().union(*[f.W for f in fs])
            gR = frozenset(x for x in R if x[0] != 'P')
            gW = frozenset(x for x in W if x[0] != 'P')
            if self.pure and globalish(gR | gW):
                continue
            if not free and not cons.ok(gR, gW):
                continue
            opts.append((kind, obj, fs, cost, R, W))
        if not opts:
            return None
        kind, obj, fs, cost, R, W = r.choice(opts)
        saved = self.budget
        if force is None:
            self.budget -= cost
        f0 = fs[0]
        acc = cons if not free else Cons()
        outer = acc
        PR, PW = set(), set()
        if kind == 'd':
            fcode = f0.name
        elif kind == 't':
            ix = self.index(len(fs), d - 1, acc)
            acc = acc.after(ix)
            PR |= ix.R
            PW |= ix.W
            fcode = '%s[%s]' % (obj.name, ix.c)
        else:
            if obj.region in acc.nr:
                self.budget = saved
                return None
            fcode = obj.name
            PR.add(obj.region)
            acc = acc.after(E('', {obj.region}))
        gl = frozenset(x for x in R | W if x[0] != 'P')
        used = set()
        sub = {}
        args = []
        argc = Cons(acc.nw, acc.nr, True) if rec_depth else acc
        for i, p in enumerate(f0.params):
            if p.depth_param:
                if rec_depth:
                    a = E('%s - 1' % rec_depth)
                elif r.random() < 0.5:
                    a = E(str(r.choice([f0.rec_D, f0.rec_D, r.randint(0, f0.rec_D)])))
                else:
                    ue = self.u(d - 1, argc, 32)
                    a = E('(int)((%s) %% %du)' % (ue.c, f0.rec_D + 1), ue.R, ue.W)
            elif p.ty.kind == 'ptr':
                pk = 'P%d' % i
                plen = max(ff.params[i].plen for ff in fs)
                own = self.fn.params[i] if rec_depth else None
                reserved = frozenset()
                if own is not None:
                    # keep our own later pointer params free for the fallback
                    for q in self.fn.params[i:]:
                        reserved |= q.pregs
                res = None
                if own is None or r.random() < 0.4:
                    res = self.ptr(p.ty.elem, plen, argc, d - 1, forbid=gl | used | reserved,
                                   need_w=pk in W, need_r=pk in R, outer=outer)
                if res is None and own is not None and not (own.pregs & used):
                    res = (E(own.name, {own.region}), own.pregs, own.plen)
                if res is None:
                    self.budget = saved
                    return None
                a, regs, _ = res
                sub[pk] = regs
                used |= regs
            else:
                a = self.val(p.ty, d - 1, argc)
            argc = argc.after(a)
            args.append(a)
            PR |= a.R
            PW |= a.W
        sR = subst(R, sub)
        sW = subst(W, sub)
        if not free:
            if (self.pure and globalish(sR | sW)) or not outer.ok(sR, sW):
                self.budget = saved
                return None
        code = '%s(%s)' % (fcode, ', '.join(a.c for a in args))
        ER = PR | sR
        EW = PW | sW
        rr = frozenset()
        if f0.ret.kind == 'ptr':
            rr = subst(frozenset().union(*[f.retregs for f in fs]), sub)
            if not rr:
                self.budget = saved
                return None
            if deref == 'r':
                if rr & outer.nr or (self.pure and globalish(rr)):
                    self.budget = saved
                    return None
                ER |= rr
            elif deref == 'w':
                if rr & outer.nw or outer.fz or (self.pure and globalish(rr)):
                    self.budget = saved
                    return None
        if not free:
            if not rec_depth:
                for f in fs:
                    f.called = True
            self.note(ER, EW)
        if want_rr or deref == 'w':
            return E(code, ER, EW), f0.ret, rr
        return E(code, ER, EW), f0.ret

    # ---------------------------------------------------- lvalues

    def lvalue(self, d, cons, pred):
        """(designator E, leafty, bits, obj regions) for a scalar lvalue."""
        r = self.r
        for _ in range(6):
            k = r.random()
            if k < 0.85:
                vs = [v for v in self.visible() if self.writable(v)
                      and (v.leaves or v.ty.kind == 'ptr')]
                if not vs:
                    continue
                v = r.choice(vs)
                if v.ty.kind == 'ptr':
                    t = v.ty.elem
                    obj = v.pregs
                    if not pred(t, 0) or obj & cons.nw or cons.fz or v.region in cons.nr:
                        continue
                    if v.plen > 1 and r.random() < 0.7:
                        ix = self.index(v.plen, d - 1, cons.plus(nw=obj))
                        return (E('%s[%s]' % (v.name, ix.c), ix.R | {v.region}, ix.W),
                                t, 0, obj)
                    return E('(*%s)' % v.name, {v.region}), t, 0, obj
                obj = frozenset([v.region])
                if obj & cons.nw or cons.fz:
                    continue
                ls = [l for l in v.leaves if pred(l[1], l[2])]
                if not ls:
                    continue
                parts, t, bits = r.choice(ls)
                ie = self.realize(v.name, parts, d, cons.plus(nw=obj))
                return ie, t, bits, obj
            elif d > 0 and not self.locals_only:
                res = self.call(d, cons, lambda f: f.ret.kind == 'ptr' and pred(f.ret.elem, 0),
                                deref='w')
                if res:
                    e, ret, rr = res
                    return E('(*%s)' % e.c, e.R, e.W), ret.elem, 0, rr
        return None

    def rhs_for(self, t, bits, d, cons):
        if bits:
            return self.bf_val(t, bits, d, cons)
        return self.val(t, d, cons)

    def compound_rhs(self, t, bits, d, cons):
        r = self.r
        w = 64 if t.kind == 'ull' else 32
        one = '1ull' if w == 64 else '1u'
        e = self.u(d, cons, w)
        op = self.wch([('+=', 5), ('-=', 4), ('*=', 3), ('&=', 2), ('|=', 3), ('^=', 4),
                       ('/=', 1), ('%=', 1), ('<<=', 1), ('>>=', 2)])
        if op in ('/=', '%='):
            return op, E('(%s | %s)' % (e.c, one), e.R, e.W)
        if op in ('<<=', '>>='):
            m = w - 1
            if t.kind in ('uchar', 'ushort') or bits:
                m = 7
            return op, E('(%s & %du)' % (e.c, m), e.R, e.W)
        return op, e

    def assign_expr(self, d, cons, stmt=False):
        """Assignment (= or op=); returns (E, value type)."""
        r = self.r
        lv = self.lvalue(d, cons, lambda t, b: True)
        if lv is None:
            return None
        de, t, bits, obj = lv
        rc = cons.plus(nw=de.R | de.W | obj, nr=de.W)
        can_compound = t.kind in UNSIGNEDISH or (bits and t.kind == 'unsigned')
        if can_compound and r.random() < 0.5:
            op, e = self.compound_rhs(t, bits, d, rc)
            R = de.R | e.R | obj
        else:
            op = '='
            e = self.rhs_for(t, bits, d, rc)
            R = de.R | e.R
        W = de.W | e.W | obj
        self.note(R, W)
        if stmt:
            return E('%s %s %s' % (de.c, op, e.c), R, W), t
        return E('(%s %s %s)' % (de.c, op, e.c), R, W), t

    def incdec_expr(self, d, cons):
        r = self.r
        lv = self.lvalue(d, cons, lambda t, b: t.kind in UNSIGNEDISH or t.kind == 'char'
                         or (b and t.kind == 'unsigned'))
        if lv is None:
            return None
        de, t, bits, obj = lv
        op = r.choice(['++', '--'])
        c = ('(%s%s)' % (op, de.c)) if r.random() < 0.5 else ('(%s%s)' % (de.c, op))
        self.note(obj, obj)
        return E(c, de.R | obj, de.W | obj), t

    def side(self, d, cons):
        """An expression evaluated for its side effects (comma lhs, for-incr)."""
        k = self.r.random()
        if k < 0.4:
            res = self.call(d, cons, lambda f: True, deref=None)
            if res:
                return res[0]
        if k < 0.8:
            res = self.assign_expr(d, cons)
            if res:
                return res[0]
        res = self.incdec_expr(d, cons)
        if res:
            return res[0]
        return None

    # ---------------------------------------------------- statements

    def stmts(self, n, ind, depth):
        out = []
        for _ in range(n):
            out += self.stmt(ind, depth)
        return out

    def block(self, n, ind, depth, nodecl=False):
        saved = self.nodecl
        self.nodecl = nodecl
        self.scopes.append([])
        out = self.stmts(n, ind, depth)
        self.scopes.pop()
        self.nodecl = saved
        return out

    def declare(self, v):
        self.scopes[-1].append(v)

    def stmt(self, ind, depth):
        r = self.r
        ws = [('decl', 0 if self.nodecl else 16), ('assign', 18), ('compound', 8),
              ('incdec', 5), ('call', 8), ('trace', 6 if self.fn and self.fn.trace else 0),
              ('agg', 3), ('preassign', 3),
              ('if', 10 if depth > 0 else 0), ('for', 6 if depth > 0 else 0),
              ('while', 3 if depth > 0 else 0), ('do', 3 if depth > 0 else 0),
              ('switch', 4 if depth > 0 else 0), ('gotofwd', 2 if depth > 0 else 0),
              ('gotoback', 2 if depth > 0 else 0), ('block', 3 if depth > 0 else 0),
              ('ret', 3), ('brk', 3 if self.brk else 0), ('cont', 3 if self.loop else 0),
              ('gotoout', 2 if self.fwd else 0)]
        k = self.wch(ws)
        res = getattr(self, 's_' + k)(ind, depth)
        if res is None:
            res = self.s_assign(ind, depth) or []
        return res

    def sp(self, ind):
        return '    ' * ind

    def s_decl(self, ind, depth, shadow=None):
        r = self.r
        sp = self.sp(ind)
        name = shadow or self.P.fresh('l')
        region = 'L' + self.P.fresh(name + '_')
        if shadow:
            self.hidden.add(name)
        k = self.wch([('scalar', 45), ('arr', 14), ('struct', 12), ('union', 4),
                      ('ptr', 14), ('fptr', 4 if not self.locals_only else 0)])
        d = self.xd
        line = None
        v = None
        if k == 'scalar':
            ty = r.choice(SCALARS)
            q = r.random()
            if q < 0.07 and not self.pure and not shadow:
                region = 'S' + self.fn.name + name if self.fn else 'Smain' + name
                v = Var(name, ty, region, static=True)
                line = 'static %s = %s;' % (ty.decl(name), self.P.const_init(ty))
            else:
                qual = ''
                if q < 0.17:
                    qual = 'const '
                elif q < 0.24 and ty.kind != 'double':
                    qual = 'volatile '
                e = self.val(ty, d, Cons())
                v = Var(name, ty, region, const=qual == 'const ', vol=qual == 'volatile ')
                line = '%s%s = %s;' % (qual, ty.decl(name), e.c)
        elif k == 'arr':
            el = r.choice([INT, UNS, UNS, UCHAR, CHAR, LL, DBL])
            ty = Ty('arr', elem=el, n=r.randint(2, 6))
            e = self.init_list(ty, d - 1, Cons())
            v = Var(name, ty, region)
            line = '%s = %s;' % (ty.decl(name), e.c)
        elif k in ('struct', 'union'):
            ty = self.P.sty() if k == 'struct' else self.P.uty()
            if r.random() < 0.5:
                e = self.init_list(ty, d - 1, Cons())
            else:
                e = self.agg(ty, d, Cons())
            v = Var(name, ty, region)
            line = '%s = %s;' % (ty.decl(name), e.c)
        elif k == 'ptr':
            elem = r.choice([INT, UNS])
            plen = r.choice([1, 1, 1, 2, 3])
            res = self.ptr(elem, plen, Cons(), d - 1, need_w=True)
            if res is None and plen > 1:
                plen = 1
                res = self.ptr(elem, plen, Cons(), d - 1, need_w=True)
            if res:
                e, regs, pl = res
                v = Var(name, Ty('ptr', elem=elem), region)
                v.pregs = regs
                v.plen = min(plen if plen > 1 else pl, pl)
                # a second possible target, for later reassignments
                if r.random() < 0.6:
                    res2 = self.ptr(elem, v.plen, Cons(), 0, need_w=True)
                    if res2:
                        v.pregs = v.pregs | res2[1]
                line = '%s = %s;' % (v.ty.decl(name), e.c)
        elif k == 'fptr':
            groups = {}
            for f in self.callables():
                if f.rec is None:
                    groups.setdefault(f.sig(), []).append(f)
            if groups:
                g = r.choice(sorted(groups.values(), key=lambda x: x[0].idx))
                if len(g) >= 2 and r.random() < 0.7:
                    a, b = r.sample(g, 2)
                    c = self.cond(1, Cons())
                    init = '%s ? %s : %s' % (c.c, a.name, b.name)
                    tg = [a, b]
                else:
                    a = r.choice(g)
                    init = a.name
                    tg = [a]
                v = Var(name, Ty('fptr'), region)
                v.ftargets = tg
                line = '%s = %s;' % (self.P.fptr_decl(tg[0], name), init)
        if shadow:
            self.hidden.discard(name)
        if line is None:
            return None
        self.declare(v)
        return [sp + line]

    def s_assign(self, ind, depth):
        res = self.assign_expr(self.xd, Cons(), stmt=True)
        if res is None:
            return None
        return [self.sp(ind) + res[0].c + ';']

    def s_compound(self, ind, depth):
        r = self.r
        lv = self.lvalue(self.xd, Cons(), lambda t, b: t.kind in UNSIGNEDISH
                         or (b and t.kind == 'unsigned') or t.kind == 'int' and not b)
        if lv is None:
            return None
        de, t, bits, obj = lv
        rc = Cons(de.R | de.W | obj, de.W)
        if t.kind == 'int':
            # signed: do the arithmetic in unsigned, explicitly
            if '[' in de.c or '(' in de.c:
                return None
            e = self.u(self.xd, rc, 32)
            op = r.choice(['+', '-', '*', '^'])
            self.note(obj, obj)
            return [self.sp(ind) + '%s = (int)((unsigned)%s %s %s);' % (de.c, de.c, op, e.c)]
        op, e = self.compound_rhs(t, bits, self.xd, rc)
        self.note(obj, obj)
        return [self.sp(ind) + '%s %s %s;' % (de.c, op, e.c)]

    def s_incdec(self, ind, depth):
        res = self.incdec_expr(self.xd, Cons())
        if res is None:
            return None
        return [self.sp(ind) + res[0].c + ';']

    def s_call(self, ind, depth):
        res = self.call(self.xd, Cons(), lambda f: True, deref=None)
        if res is None:
            return None
        e, ret = res
        if ret.kind != 'void' and self.r.random() < 0.5:
            return [self.sp(ind) + '(void)%s;' % e.c]
        return [self.sp(ind) + e.c + ';']

    def s_trace(self, ind, depth):
        tr = self.fn.trace
        e = self.u(self.xd, Cons([tr.region]), 32)
        self.note({tr.region}, {tr.region})
        return [self.sp(ind) + '%s = %s * 31u + %s;' % (tr.name, tr.name, e.c)]

    def s_agg(self, ind, depth):
        vs = [v for v in self.visible() if self.writable(v)
              and v.ty.kind in ('struct', 'union')]
        if not vs:
            return None
        v = self.r.choice(vs)
        e = self.agg(v.ty, self.xd, Cons([v.region]))
        self.note((), {v.region})
        return [self.sp(ind) + '%s = %s;' % (v.name, e.c)]

    def s_preassign(self, ind, depth):
        vs = [v for v in self.visible() if v.ty.kind == 'ptr' and not v.is_param]
        if not vs:
            return None
        v = self.r.choice(vs)
        res = self.ptr(v.ty.elem, v.plen, Cons([v.region]), self.xd - 1, within=v.pregs)
        if res is None:
            return None
        return [self.sp(ind) + '%s = %s;' % (v.name, res[0].c)]

    def s_if(self, ind, depth):
        r = self.r
        sp = self.sp(ind)
        c = self.cond(self.xd, Cons())
        out = [sp + 'if (%s) {' % c.c]
        out += self.block(r.randint(1, 3), ind + 1, depth - 1)
        k = r.random()
        if k < 0.4:
            out.append(sp + '} else {')
            out += self.block(r.randint(1, 3), ind + 1, depth - 1)
        elif k < 0.55:
            c2 = self.cond(self.xd - 1, Cons())
            out.append(sp + '} else if (%s) {' % c2.c)
            out += self.block(r.randint(1, 2), ind + 1, depth - 1)
            out.append(sp + '} else {')
            out += self.block(r.randint(1, 2), ind + 1, depth - 1)
        out.append(sp + '}')
        return out

    def loop_budget(self, K):
        outer = self.budget
        sub = outer // (K + 1)
        self.budget = sub
        return outer, sub

    def loop_budget_end(self, outer, sub, K):
        used = sub - self.budget
        self.budget = outer - used * (K + 1)

    def loop_body(self, ind, depth):
        self.loop += 1
        self.brk += 1
        saved_fwd = self.fwd
        out = self.block(self.r.randint(1, 4), ind, depth - 1)
        self.fwd = saved_fwd
        self.loop -= 1
        self.brk -= 1
        return out

    def s_for(self, ind, depth):
        r = self.r
        sp = self.sp(ind)
        K = r.randint(1, 6 if depth < 2 else 4)
        outer, sub = self.loop_budget(K)
        ty = r.choice([UNS, INT])
        i = self.P.fresh('i')
        cv_ = Var(i, ty, 'L' + i, ro=True)
        self.scopes.append([cv_])
        cond = ''
        if r.random() < 0.5:
            cond = ' && ' + self.rare(self.xd - 1, Cons(), often=True).c
        incr = ''
        if r.random() < 0.4:
            s = self.side(self.xd - 1, Cons())
            if s is not None:
                incr = ', ' + s.c
        lit = '%du' % K if ty is UNS else str(K)
        out = [sp + 'for (%s = 0; %s < %s%s; %s++%s) {' % (ty.decl(i), i, lit, cond, i, incr)]
        out += self.loop_body(ind + 1, depth)
        out.append(sp + '}')
        self.scopes.pop()
        self.loop_budget_end(outer, sub, K)
        return out

    def s_while(self, ind, depth):
        r = self.r
        sp = self.sp(ind)
        K = r.randint(1, 6 if depth < 2 else 4)
        outer, sub = self.loop_budget(K)
        w = self.P.fresh('w')
        self.scopes.append([Var(w, UNS, 'L' + w, ro=True)])
        cond = ''
        if r.random() < 0.6:
            cond = ' && ' + self.rare(self.xd - 1, Cons(), often=True).c
        out = [sp + '{', sp + '    unsigned %s = 0u;' % w,
               sp + '    while (%s++ < %du%s) {' % (w, K, cond)]
        out += self.loop_body(ind + 2, depth)
        out += [sp + '    }', sp + '}']
        self.scopes.pop()
        self.loop_budget_end(outer, sub, K)
        return out

    def s_do(self, ind, depth):
        r = self.r
        sp = self.sp(ind)
        K = r.randint(1, 6 if depth < 2 else 4)
        outer, sub = self.loop_budget(K)
        w = self.P.fresh('w')
        self.scopes.append([Var(w, UNS, 'L' + w, ro=True)])
        out = [sp + '{', sp + '    unsigned %s = 0u;' % w, sp + '    do {']
        out += self.loop_body(ind + 2, depth)
        cond = ''
        if r.random() < 0.6:
            cond = ' && ' + self.rare(self.xd - 1, Cons(), often=True).c
        out += [sp + '    } while (++%s < %du%s);' % (w, K, cond), sp + '}']
        self.scopes.pop()
        self.loop_budget_end(outer, sub, K)
        return out

    def s_switch(self, ind, depth):
        r = self.r
        sp = self.sp(ind)
        N = r.randint(2, 6)
        e = self.u(self.xd, Cons(), 32)
        labels = list(range(N))
        r.shuffle(labels)
        labels = labels[:r.randint(1, N)]
        if r.random() < 0.6:
            labels.append('default')
        r.shuffle(labels)
        out = [sp + 'switch ((%s) %% %du) {' % (e.c, N + (1 if r.random() < 0.3 else 0))]
        self.brk += 1
        saved_nd = self.nodecl
        self.nodecl = True
        i = 0
        while i < len(labels):
            lab = labels[i]
            head = 'default:' if lab == 'default' else 'case %d:' % lab
            nested = (i + 1 < len(labels) and r.random() < 0.25)
            if nested:
                lab2 = labels[i + 1]
                head2 = 'default:' if lab2 == 'default' else 'case %d:' % lab2
                if r.random() < 0.5:
                    c = self.cond(self.xd - 1, Cons())
                    out.append(sp + head + ' if (%s) {' % c.c)
                else:
                    out.append(sp + head + ' {')
                body = self.block(r.randint(1, 2), ind + 1, depth - 1, nodecl=True)
                out += body
                out.append(sp + head2 + ' ;')
                out += self.block(r.randint(1, 2), ind + 1, depth - 1, nodecl=True)
                out.append(sp + '}')
                i += 2
            else:
                out.append(sp + head + ' ;')
                out += self.block(r.randint(0, 2), ind + 1, depth - 1, nodecl=True)
                i += 1
            if r.random() < 0.65 or i >= len(labels):
                out.append(sp + '    break;')
        self.nodecl = saved_nd
        self.brk -= 1
        out.append(sp + '}')
        return out

    def s_gotofwd(self, ind, depth):
        r = self.r
        sp = self.sp(ind)
        L = self.P.fresh('skip')
        c = self.rare(self.xd - 1, Cons())
        out = [sp + 'if (%s) goto %s;' % (c.c, L)]
        saved = self.fwd
        self.fwd = saved + [L]
        saved_nd = self.nodecl
        self.nodecl = True
        out += self.stmts(r.randint(1, 3), ind, depth - 1)
        self.nodecl = saved_nd
        self.fwd = saved
        out.append(sp + '%s: ;' % L)
        return out

    def s_gotoout(self, ind, depth):
        c = self.rare(self.xd - 1, Cons())
        return [self.sp(ind) + 'if (%s) goto %s;' % (c.c, self.r.choice(self.fwd))]

    def s_gotoback(self, ind, depth):
        r = self.r
        sp = self.sp(ind)
        K = r.randint(2, 4)
        L = self.P.fresh('again')
        g = self.P.fresh('n')
        outer, sub = self.loop_budget(K)
        self.scopes.append([Var(g, UNS, 'L' + g, ro=True)])
        out = [sp + '{', sp + '    unsigned %s = 0u;' % g, sp + '%s: ;' % L]
        saved_nd = self.nodecl
        self.nodecl = False
        out += self.stmts(r.randint(1, 3), ind + 1, depth - 1)
        self.nodecl = saved_nd
        cond = ''
        if r.random() < 0.5:
            cond = ' && ' + self.rare(self.xd - 1, Cons(), often=True).c
        out.append(sp + '    if (++%s < %du%s) goto %s;' % (g, K, cond, L))
        out.append(sp + '}')
        self.scopes.pop()
        self.loop_budget_end(outer, sub, K)
        return out

    def s_block(self, ind, depth):
        r = self.r
        sp = self.sp(ind)
        out = [sp + '{']
        self.scopes.append([])
        saved_nd = self.nodecl
        self.nodecl = False
        locs = [v for v in self.visible() if not v.is_global]
        if locs and r.random() < 0.7:
            v = r.choice(locs)
            res = self.s_decl(ind + 1, depth, shadow=v.name)
            if res:
                out += res
        out += self.stmts(r.randint(1, 3), ind + 1, depth - 1)
        self.nodecl = saved_nd
        self.scopes.pop()
        out.append(sp + '}')
        return out

    def ret_value(self, cons):
        f = self.fn
        t = f.ret
        if self.is_main:
            return None
        if t.kind == 'void':
            return ''
        if t.kind == 'ptr':
            res = self.ptr(t.elem, 1, cons, self.xd - 1, ret_only=True)
            if res is None:
                gs = [g for g in self.P.globals if g.ty == t.elem and not g.vol]
                g = gs[0]
                res = (E('&' + g.name), frozenset([g.region]), 1)
            self.retregs |= res[1]
            return res[0].c
        return self.val(t, self.xd, cons).c

    def s_ret(self, ind, depth):
        if self.is_main:
            return None
        c = self.rare(self.xd - 1, Cons())
        v = self.ret_value(Cons())
        return [self.sp(ind) + 'if (%s) return%s;' % (c.c, (' ' + v) if v else '')]

    def s_brk(self, ind, depth):
        if self.r.random() < 0.1:
            return [self.sp(ind) + 'break;']
        c = self.rare(self.xd - 1, Cons())
        return [self.sp(ind) + 'if (%s) break;' % c.c]

    def s_cont(self, ind, depth):
        c = self.rare(self.xd - 1, Cons())
        return [self.sp(ind) + 'if (%s) continue;' % c.c]

    # ---------------------------------------------------- whole bodies

    def gen_nonrec(self):
        r = self.r
        f = self.fn
        n = r.randint(2, 3 + 2 * self.P.size)
        if f.rec:
            dp = f.params[0]
            c = self.ret_value(Cons())
            self.top.append(['    if (%s <= 0) return%s;' % (dp.name, (' ' + c) if c else '')])
            self.snaps.append(list(self.scopes[1]))
        # a few declarations first so that there is something to work with
        for _ in range(r.randint(1, 3)):
            s = self.s_decl(1, 2)
            if s:
                self.top.append(s)
                self.snaps.append(list(self.scopes[1]))
        # keep whole programs near the size target (about 600 lines for size 2)
        cap = {1: 330, 2: 540, 3: 900}[self.P.size]
        allowance = max(12, int((cap - 170) / len(self.P.funcs) * 1.25))
        for _ in range(n):
            if sum(len(c) for c in self.top) >= allowance:
                break
            self.top.append(self.stmt(1, 3 if self.P.size >= 2 else 2))
            self.snaps.append(list(self.scopes[1]))
        self.tail = []
        if f.ret.kind != 'void':
            self.tail = ['    return %s;' % self.ret_value(Cons())]

    def insert_rec(self, target):
        """Insert one statement containing exactly one recursive call at top
        level (never inside a loop), after the base-case check."""
        r = self.r
        pos = r.randint(1, len(self.top))
        saved_scope = self.scopes[1]
        self.scopes[1] = list(self.snaps[pos - 1])
        dp = self.fn.params[0].name
        lines = self.rec_stmt(target, dp)
        self.scopes[1] = saved_scope
        self.top.insert(pos, lines)
        self.snaps.insert(pos, list(self.snaps[pos - 1]))

    def rec_stmt(self, target, dp):
        r = self.r
        self.locals_only = True
        res = self.call(2, Cons(), lambda f: True, deref='r', force=target, rec_depth=dp)
        assert res is not None, 'recursive call must always be possible'
        e, ret = res
        if ret.kind == 'void':
            self.locals_only = False
            return ['    %s;' % e.c]
        if ret.kind == 'ptr':
            ue = E(cv('*' + e.c, ret.elem, 32), e.R, e.W)
        elif ret.kind in ('struct', 'union'):
            parts, t, bits = r.choice(leaves(ret))
            ie = self.realize(e.c, parts, 0, Cons())
            ue = E(cv(ie.c, t, 32), e.R, e.W)
        else:
            ue = E(cv(e.c, ret, 32), e.R, e.W)
        fz = Cons(fz=True).after(ue)
        sib = self.u(2, fz, 32)
        op = r.choice(['+', '^', '-', '|'])
        k = r.random()
        mine = self.fn.ret
        if k < 0.3 and mine.kind in ('unsigned', 'int', 'll', 'ull', 'char', 'uchar', 'bool'):
            self.locals_only = False
            if r.random() < 0.5:
                c = '(%s %s %s)' % (sib.c, op, ue.c)
            else:
                c = '(%s %s %s)' % (ue.c, op, sib.c)
            return ['    return (%s)%s;' % (mine.c, c)]
        if k < 0.5:
            c = self.cond(1, fz)
            t = self.P.fresh('l')
            self.locals_only = False
            return ['    unsigned %s = (%s || %s > %du) ? %s : %du;' % (
                t, c.c, ue.c, r.randint(0, 50), sib.c, r.randint(0, 9))]
        t = self.P.fresh('l')
        self.locals_only = False
        return ['    unsigned %s = %s %s %s;' % (t, ue.c, op, sib.c)]

    def finish(self):
        out = []
        for chunk in self.top:
            out += chunk
        return out + self.tail


# ---------------------------------------------------------------- main


def gen_main(P):
    r = P.r
    mainf = Func(-1, 'main')
    mainf.trace = None
    roots = [f for f in P.funcs if not f.called]
    others = [f for f in P.funcs if f.called]
    B = Body(P, mainf, 20000, is_main=True)
    acc = Var('acc', ULL, 'Lacc', ro=True)
    B.scopes[1].append(acc)
    lines = ['int main(void) {', '    unsigned long long acc = %dull;' % r.randint(0, 999)]
    # some objects whose addresses can always be passed to pointer parameters
    for ty in (INT, UNS, Ty('arr', elem=INT, n=4), Ty('arr', elem=UNS, n=4)):
        name = P.fresh('m')
        B.scopes[1].append(Var(name, ty, 'L' + name))
        lines.append('    %s = %s;' % (ty.decl(name), P.const_init(ty)))
    for _ in range(r.randint(2, 4)):
        s = B.s_decl(1, 2)
        if s:
            lines += s
    steps = roots + r.sample(others, min(len(others), r.randint(1, 3)))
    r.shuffle(steps)
    for k, f in enumerate(steps):
        # a forced call of f, folded into acc
        for _ in range(5):
            res = B.call(B.xd, Cons([acc.region]), lambda g: True, deref='r', force=f)
            if res is not None:
                break
        if res is not None:
            e, ret = res
            if ret.kind == 'void':
                lines.append('    %s;' % e.c)
                lines.append('    acc = acc * 1000003ull + 1ull;')
            else:
                if ret.kind == 'ptr':
                    v = cv('*' + e.c, ret.elem, 64)
                elif ret.kind in ('struct', 'union'):
                    parts, t, bits = r.choice(leaves(ret))
                    ie = B.realize(e.c, parts, 1, Cons([acc.region]).after(e))
                    v = cv(ie.c, t, 64)
                else:
                    v = cv(e.c, ret, 64)
                lines.append('    acc = acc * 1000003ull + %s;' % v)
        for _ in range(r.randint(0, 2)):
            if len(lines) < 70:
                lines += B.stmt(1, 2 if len(lines) < 40 else 1)
        lines.append('    dump(%d);' % k)
        lines.append('    printf("acc %llu\\n", acc);')
    lines.append('    return (int)(csum() % 64u);')
    lines.append('}')
    return lines


def generate(seed, size):
    P = Prog(seed, size)
    P.make_types()
    P.make_globals()
    P.make_funcs()
    P.make_tables()
    P.gen_funcs()
    main_lines = gen_main(P)
    return P.render(main_lines)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--seed', type=int, required=True)
    ap.add_argument('--size', type=int, default=2, choices=[1, 2, 3])
    a = ap.parse_args()
    sys.stdout.write(generate(a.seed, a.size))


if __name__ == '__main__':
    main()
