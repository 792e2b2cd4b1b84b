"""Tiny pickle opcode assembler for crafting detection fixtures.

Each helper returns the raw bytes of one or more opcodes; fixtures are built by concatenation so the
exact opcode sequence (memo slots, string opcodes, frames, trailing bytes) is under our control.
Only used by make_model_fixtures.py; nothing here executes a pickle.
"""

import struct

MARK = b"("
STOP = b"."
POP = b"0"
DUP = b"2"
TUPLE = b"t"
TUPLE1 = b"\x85"
TUPLE2 = b"\x86"
EMPTY_TUPLE = b")"
EMPTY_DICT = b"}"
EMPTY_LIST = b"]"
SETITEMS = b"u"
APPENDS = b"e"
REDUCE = b"R"
BUILD = b"b"
OBJ = b"o"
STACK_GLOBAL = b"\x93"
MEMOIZE = b"\x94"
NONE = b"N"
NEWTRUE = b"\x88"
NEWFALSE = b"\x89"


def proto(n):
    return b"\x80" + bytes([n])


def frame(n):
    return b"\x95" + struct.pack("<Q", n)


def glob(module, name):
    """GLOBAL opcode (text operands, any protocol)."""
    return b"c" + module.encode() + b"\n" + name.encode() + b"\n"


def inst(module, name, *args):
    """INST: MARK args INST module name (protocol 0 call primitive)."""
    return MARK + b"".join(args) + b"i" + module.encode() + b"\n" + name.encode() + b"\n"


def u(s):
    """Push a str with SHORT_BINUNICODE / BINUNICODE."""
    b = s.encode("utf-8")
    if len(b) < 256:
        return b"\x8c" + bytes([len(b)]) + b
    return b"X" + struct.pack("<I", len(b)) + b


def binunicode(s):
    b = s.encode("utf-8")
    return b"X" + struct.pack("<I", len(b)) + b


def s0(s):
    """Protocol-0 STRING opcode (decoded to str by Python 3's default encoding)."""
    return b"S" + repr(s).encode("ascii") + b"\n"


def by(b):
    """Push bytes with SHORT_BINBYTES / BINBYTES."""
    if len(b) < 256:
        return b"C" + bytes([len(b)]) + b
    return b"B" + struct.pack("<I", len(b)) + b


def i(n):
    if 0 <= n < 256:
        return b"K" + bytes([n])
    if -(2**31) <= n < 2**31:
        return b"J" + struct.pack("<i", n)
    raw = n.to_bytes((n.bit_length() + 8) // 8, "little", signed=True)
    return b"\x8a" + bytes([len(raw)]) + raw


def put(idx):
    return b"q" + bytes([idx]) if idx < 256 else b"r" + struct.pack("<I", idx)


def get(idx):
    return b"h" + bytes([idx]) if idx < 256 else b"j" + struct.pack("<I", idx)


def tup(*items):
    return MARK + b"".join(items) + TUPLE


def call(fn, *args):
    """fn(*args) via REDUCE; fn and args are already-assembled opcode bytes."""
    return fn + tup(*args) + REDUCE


def sg(module, name):
    """STACK_GLOBAL with SHORT_BINUNICODE operands (needs PROTO >= 4 for dotted names)."""
    return u(module) + u(name) + STACK_GLOBAL


def dct(*pairs):
    """Build a dict from (key_bytes, value_bytes) pairs."""
    return EMPTY_DICT + MARK + b"".join(k + v for k, v in pairs) + SETITEMS


def ext1(code):
    return b"\x82" + bytes([code])


def wrap(body, p=2, result=EMPTY_DICT):
    """PROTO p, evaluate body (one pushed value), drop it, return `result`."""
    return proto(p) + body + POP + result + STOP
