"""Writes 7z archives through the system libarchive (ctypes); Python has no 7z writer.

Used only by make_model_fixtures.py. Output is deterministic (no timestamps are set on entries).
"""

import ctypes
import ctypes.util


def _lib():
    path = ctypes.util.find_library("archive") or "libarchive.so.13"
    try:
        lib = ctypes.CDLL(path)
    except OSError:
        return None
    vp, cp = ctypes.c_void_p, ctypes.c_char_p
    lib.archive_write_new.restype = vp
    lib.archive_entry_new.restype = vp
    for n in ("archive_write_set_format_7zip", "archive_write_close", "archive_write_free"):
        getattr(lib, n).argtypes = [vp]
    lib.archive_write_set_format_option.argtypes = [vp, cp, cp, cp]
    lib.archive_write_open_memory.argtypes = [vp, vp, ctypes.c_size_t,
                                              ctypes.POINTER(ctypes.c_size_t)]
    lib.archive_entry_set_pathname.argtypes = [vp, cp]
    lib.archive_entry_set_size.argtypes = [vp, ctypes.c_int64]
    lib.archive_entry_set_filetype.argtypes = [vp, ctypes.c_uint]
    lib.archive_entry_set_perm.argtypes = [vp, ctypes.c_uint]
    lib.archive_entry_free.argtypes = [vp]
    lib.archive_write_header.argtypes = [vp, vp]
    lib.archive_write_data.argtypes = [vp, vp, ctypes.c_size_t]
    lib.archive_write_data.restype = ctypes.c_ssize_t
    lib.archive_error_string.argtypes = [vp]
    lib.archive_error_string.restype = cp
    return lib


def available():
    return _lib() is not None


def write_7z(members, compression="lzma1"):
    """members: [(name, bytes)] -> 7z archive bytes."""
    lib = _lib()
    a = lib.archive_write_new()
    try:
        if lib.archive_write_set_format_7zip(a) != 0 or lib.archive_write_set_format_option(
                a, b"7zip", b"compression", compression.encode()) != 0:
            raise RuntimeError(lib.archive_error_string(a))
        cap = 1 << 24
        buf = ctypes.create_string_buffer(cap)
        used = ctypes.c_size_t(0)
        if lib.archive_write_open_memory(a, buf, cap, ctypes.byref(used)) != 0:
            raise RuntimeError(lib.archive_error_string(a))
        for name, data in members:
            e = lib.archive_entry_new()
            lib.archive_entry_set_pathname(e, name.encode())
            lib.archive_entry_set_size(e, len(data))
            lib.archive_entry_set_filetype(e, 0o100000)
            lib.archive_entry_set_perm(e, 0o644)
            ok = (lib.archive_write_header(a, e) == 0
                  and lib.archive_write_data(a, data, len(data)) == len(data))
            lib.archive_entry_free(e)
            if not ok:
                raise RuntimeError(lib.archive_error_string(a))
        if lib.archive_write_close(a) != 0:
            raise RuntimeError(lib.archive_error_string(a))
        return buf.raw[:used.value]
    finally:
        lib.archive_write_free(a)
