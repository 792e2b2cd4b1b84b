#!/usr/bin/env python3
"""Proves the fixtures in tests/testdata/models/ are what manifest.json claims.

For every manifest entry, loads the file the way Python tooling would (entry["loader"]) in a
subprocess whose cwd is a fresh temporary directory, then checks whether the marker file
`aigis_pwned_marker` appeared. Prints a JSON summary and exits non-zero when a malicious fixture
with runs_payload=true did not create the marker, a fixture with runs_payload=false did, or a
benign fixture failed to load (or created the marker).

Entries whose "requires" modules (e.g. torch) are not importable, and loaders that need torch when
it is absent, are reported as skipped, never as passed.

Usage: python3 check_loads.py [--models DIR] [--timeout SECONDS] [FILTER...]
"""

import argparse
import concurrent.futures
import ctypes.util
import importlib.util
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time

MARKER = "aigis_pwned_marker"

# Runs inside the child process: argv = [loader, path, ext_registry_json]. Prints one JSON line.
CHILD = r'''
import io, json, os, pickle, sys, traceback
loader, path, ext = sys.argv[1], sys.argv[2], json.loads(sys.argv[3])

def zip_member(data, spec):
    import zipfile
    for part in spec.split("!"):
        data = zipfile.ZipFile(io.BytesIO(data)).read(part)
    return data

def naive_extract(names_data, dest):
    for name, data in names_data:
        target = os.path.join(dest, name)
        os.makedirs(os.path.dirname(target), exist_ok=True)
        with open(target, "wb") as f:
            f.write(data)

def sevenzip_member(path, name):
    # Python has no 7z reader; use the system libarchive through ctypes.
    import ctypes, ctypes.util
    lib = ctypes.CDLL(ctypes.util.find_library("archive") or "libarchive.so.13")
    vp = ctypes.c_void_p
    lib.archive_read_new.restype = vp
    lib.archive_read_support_format_7zip.argtypes = [vp]
    lib.archive_read_open_filename.argtypes = [vp, ctypes.c_char_p, ctypes.c_size_t]
    lib.archive_read_next_header.argtypes = [vp, ctypes.POINTER(vp)]
    lib.archive_entry_pathname.argtypes = [vp]
    lib.archive_entry_pathname.restype = ctypes.c_char_p
    lib.archive_read_data.argtypes = [vp, vp, ctypes.c_size_t]
    lib.archive_read_data.restype = ctypes.c_ssize_t
    lib.archive_read_free.argtypes = [vp]
    a = lib.archive_read_new()
    try:
        lib.archive_read_support_format_7zip(a)
        if lib.archive_read_open_filename(a, path.encode(), 65536) != 0:
            raise IOError("libarchive cannot open " + path)
        entry = vp()
        while lib.archive_read_next_header(a, ctypes.byref(entry)) == 0:
            if lib.archive_entry_pathname(entry).decode() != name:
                continue
            out, buf = bytearray(), ctypes.create_string_buffer(65536)
            while True:
                n = lib.archive_read_data(a, buf, 65536)
                if n < 0:
                    raise IOError("libarchive read error")
                if n == 0:
                    return bytes(out)
                out += buf.raw[:n]
        raise KeyError(name)
    finally:
        lib.archive_read_free(a)

def load():
    import copyreg
    for module, name, code in ext:
        copyreg.add_extension(module, name, code)
    kind, _, arg = loader.partition(":")
    if kind == "pickle":
        with open(path, "rb") as f:
            return pickle.load(f)
    if kind == "pickle-all":
        out = []
        with open(path, "rb") as f:
            size = os.fstat(f.fileno()).st_size
            while f.tell() < size:
                out.append(pickle.load(f))
        return out
    if kind == "pickle-bytesio":
        with open(path, "rb") as f:
            return pickle.load(io.BytesIO(f.read()))
    if kind in ("torch", "torch-legacy"):
        import torch
        return torch.load(path, weights_only=False)
    if kind == "torch-pickle-file":
        import torch
        return torch.load(path, weights_only=False, pickle_file=arg)
    if kind == "numpy":
        import numpy
        return numpy.load(path, allow_pickle=True)
    if kind == "numpy-npz":
        import numpy
        with numpy.load(path, allow_pickle=True) as z:
            return {k: z[k] for k in z.files}
    if kind == "joblib":
        import joblib
        return joblib.load(path)
    if kind == "dill":
        import dill
        with open(path, "rb") as f:
            return dill.load(f)
    if kind in ("gzip-pickle", "bz2-pickle", "xz-pickle"):
        import bz2, gzip, lzma
        opener = {"gzip-pickle": gzip.open, "bz2-pickle": bz2.open, "xz-pickle": lzma.open}[kind]
        with opener(path, "rb") as f:
            return pickle.load(f)
    if kind == "zip-member":
        with open(path, "rb") as f:
            return pickle.loads(zip_member(f.read(), arg))
    if kind == "gzip-zip-member":
        import gzip
        with gzip.open(path, "rb") as f:
            return pickle.loads(zip_member(f.read(), arg))
    if kind == "zip-extract-naive":
        import zipfile
        with zipfile.ZipFile(path) as z:
            return naive_extract([(n, z.read(n)) for n in z.namelist()], arg)
    if kind == "tar-member":
        import tarfile
        with tarfile.open(path) as t:
            return pickle.load(t.extractfile(arg))
    if kind == "tar-extract-naive":
        import tarfile
        with tarfile.open(path) as t:
            return naive_extract([(m.name, t.extractfile(m).read()) for m in t.getmembers()
                                  if m.isfile()], arg)
    if kind == "7z-member":
        return pickle.loads(sevenzip_member(path, arg))
    if kind in ("zstd-pickle", "lz4-pickle"):
        import subprocess
        tool = kind.split("-")[0]
        raw = subprocess.run([tool, "-dc", path], capture_output=True, check=True).stdout
        return pickle.loads(raw)
    if kind == "none":
        return None
    raise SystemExit("unknown loader " + loader)

try:
    load()
    result = {"ok": True}
except BaseException as e:
    result = {"ok": False, "error": (type(e).__name__ + ": " + str(e))[:300]}
sys.stdout.flush()
print("\n@@AIGIS@@" + json.dumps(result))
'''

# Python modules each loader needs (entries may add more with "requires").
LOADER_MODULES = {"torch": ["torch"], "torch-legacy": ["torch"], "torch-pickle-file": ["torch"],
                  "numpy": ["numpy"], "numpy-npz": ["numpy"], "joblib": ["joblib"],
                  "dill": ["dill"]}


_HAVE = {}


def have(module):
    # Importable, not merely present: a half-installed package (Debian's python3-sklearn-lib left
    # behind without python3-sklearn) has a spec but is not the real package.
    if module not in _HAVE:
        if importlib.util.find_spec(module) is None:
            _HAVE[module] = False
        else:
            # A leftover directory imports as an empty namespace package (no __file__): absent.
            code = "import %s as m, sys; sys.exit(0 if getattr(m, '__file__', None) else 3)" % module
            r = subprocess.run([sys.executable, "-c", code], capture_output=True)
            _HAVE[module] = r.returncode == 0
    return _HAVE[module]


def run_one(entry, models, timeout, ext):
    path = os.path.join(models, entry["file"])
    with tempfile.TemporaryDirectory(prefix="aigis_fixture_") as cwd:
        marker = os.path.join(cwd, MARKER)
        start = time.monotonic()
        try:
            proc = subprocess.run([sys.executable, "-c", CHILD, entry["loader"], path,
                                   json.dumps(ext)], cwd=cwd, stdin=subprocess.DEVNULL,
                                  capture_output=True, timeout=timeout)
            out = proc.stdout.decode("utf-8", "replace")
            tag = out.rfind("@@AIGIS@@")
            status = (json.loads(out[tag + 9:].strip().splitlines()[0]) if tag >= 0 else
                      {"ok": False, "error": "child exited %d: %s" % (
                          proc.returncode, proc.stderr.decode("utf-8", "replace")[-300:])})
        except subprocess.TimeoutExpired:
            status = {"ok": False, "error": "timeout after %ss" % timeout}
        # Some payloads start a process asynchronously (Popen); give it a moment.
        deadline = time.monotonic() + (2.0 if entry["expect"] != "clean" else 0.0)
        while not os.path.exists(marker) and time.monotonic() < deadline:
            time.sleep(0.05)
        status["marker"] = os.path.exists(marker)
        status["seconds"] = round(time.monotonic() - start, 2)
        return status


def check(entry, args):
    """Loads one fixture; returns (result dict, list of problems)."""
    result = {"file": entry["file"], "loader": entry["loader"], "expect": entry["expect"]}
    status = run_one(entry, args.models, args.timeout, [])
    result.update(status)
    problems = []
    if entry["expect"] == "clean":
        if not status["ok"]:
            problems.append("benign fixture failed to load")
        if status["marker"]:
            problems.append("benign fixture created the marker")
    elif entry["runs_payload"] and not status["marker"]:
        problems.append("payload did not create the marker")
    elif not entry["runs_payload"] and status["marker"]:
        problems.append("marker created although manifest says runs_payload=false")
    if entry.get("ext_registry"):
        ext_status = run_one(entry, args.models, args.timeout, entry["ext_registry"])
        result["with_ext_registry"] = ext_status
        if not ext_status["marker"]:
            problems.append("payload did not run even with the copyreg extension registered")
    return result, problems


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser()
    ap.add_argument("--models", default=os.path.normpath(os.path.join(here, "..", "models")))
    ap.add_argument("--timeout", type=float, default=120.0)
    ap.add_argument("--jobs", type=int, default=2, help="loads run in parallel")
    ap.add_argument("filters", nargs="*", help="only entries whose file contains one of these")
    args = ap.parse_args()

    with open(os.path.join(args.models, "manifest.json")) as f:
        manifest = json.load(f)
    summary = {"python": sys.version.split()[0], "passed": [], "failed": [], "skipped": []}
    todo = []
    for entry in manifest:
        if args.filters and not any(s in entry["file"] for s in args.filters):
            continue
        needs = set(entry.get("requires", []))
        needs.update(LOADER_MODULES.get(entry["loader"].split(":")[0], ()))
        missing = sorted(m for m in needs if not have(m))
        missing += sorted(t for t in entry.get("requires_tools", []) if not shutil.which(t))
        if entry["loader"].startswith("7z-member") and not ctypes.util.find_library("archive"):
            missing.append("libarchive")
        if missing:
            summary["skipped"].append({"file": entry["file"],
                                       "reason": "absent: " + ", ".join(missing)})
        else:
            todo.append(entry)
    with concurrent.futures.ThreadPoolExecutor(max_workers=max(1, args.jobs)) as pool:
        results = list(pool.map(lambda e: check(e, args), todo))
    for entry, (result, problems) in zip(todo, results):
        if problems:
            result["problems"] = problems
            summary["failed"].append(result)
        else:
            summary["passed"].append(result)
    summary["counts"] = {k: len(summary[k]) for k in ("passed", "failed", "skipped")}
    print(json.dumps(summary, indent=1))
    for r in summary["failed"]:
        print("FAILED %s: %s (%s)" % (r["file"], "; ".join(r["problems"]), r.get("error", "")),
              file=sys.stderr)
    return 1 if summary["failed"] else 0


if __name__ == "__main__":
    sys.exit(main())
