"""Deterministic ZIP writer with hooks for container-differential fixtures.

Writes stored or deflated entries with a fixed DOS timestamp (1980-01-01 00:00), optional
PyTorch-style 64-byte data alignment ('FB' extra field padded with 'Z'), and per-entry tampering:
local-header name differing from the central directory name, flag bits in either header, wrong
CRC-32, broken local-header signature. Offsets are absolute (so data may be prefixed).
"""

import struct
import zlib

DOS_TIME = 0
DOS_DATE = (0 << 9) | (1 << 5) | 1  # 1980-01-01


class Entry:
    def __init__(self, name, data, method=0, local_name=None, local_flags=None,
                 central_flags=None, crc=None, bad_local_sig=False, external_attr=0,
                 create_system=0):
        self.name = name
        self.data = data
        self.method = method
        self.local_name = local_name if local_name is not None else name
        self.local_flags = local_flags
        self.central_flags = central_flags
        self.crc = crc
        self.bad_local_sig = bad_local_sig
        self.external_attr = external_attr
        self.create_system = create_system


def build(entries, prefix=b"", torch_like=False, comment=b""):
    """Returns prefix + zip bytes. torch_like: flags 0x0808 + data descriptors + FB alignment."""
    out = bytearray(prefix)
    central = bytearray()
    for e in entries:
        if e.method == 8:
            co = zlib.compressobj(9, zlib.DEFLATED, -15)
            payload = co.compress(e.data) + co.flush()
        else:
            payload = e.data
        crc = e.crc if e.crc is not None else zlib.crc32(e.data) & 0xFFFFFFFF
        base_flags = 0x0808 if torch_like else 0x0800
        lflags = e.local_flags if e.local_flags is not None else base_flags
        cflags = e.central_flags if e.central_flags is not None else base_flags
        lname = e.local_name.encode("utf-8")
        cname = e.name.encode("utf-8")
        offset = len(out)
        extra = b""
        if torch_like:
            start = offset + 30 + len(lname) + 4
            pad = (-start) % 64
            extra = b"FB" + struct.pack("<H", pad) + b"Z" * pad
        sig = b"PK\x03\x05" if e.bad_local_sig else b"PK\x03\x04"
        out += sig + struct.pack("<HHHHHIIIHH", 20, lflags, e.method, DOS_TIME, DOS_DATE, crc,
                                 len(payload), len(e.data), len(lname), len(extra))
        out += lname + extra + payload
        if lflags & 0x8:
            out += b"PK\x07\x08" + struct.pack("<III", crc, len(payload), len(e.data))
        version_made = (e.create_system << 8) | 20
        central += b"PK\x01\x02" + struct.pack(
            "<HHHHHHIIIHHHHHII", version_made, 20, cflags, e.method, DOS_TIME, DOS_DATE, crc,
            len(payload), len(e.data), len(cname), 0, 0, 0, 0, e.external_attr, offset)
        central += cname
    cd_offset = len(out)
    out += central
    out += b"PK\x05\x06" + struct.pack("<HHHHIIH", 0, 0, len(entries), len(entries),
                                       len(central), cd_offset, len(comment)) + comment
    return bytes(out)
