#include "scan/gguf_scan.h"

#include <map>
#include <set>
#include <string>

#include "formats/gguf/gguf_reader.h"
#include "formats/jinja/template_analyzer.h"
#include "formats/safetensors/metadata_text.h"

namespace aigis::scan {

namespace gg = formats::gguf;

bool LooksLikeGguf(ByteView head) { return gg::LooksLikeGguf(head); }

void AnalyzeChatTemplate(std::string_view tmpl, AnalysisContext& ctx, uint64_t base_offset) {
  formats::jinja::TemplateReport rep = formats::jinja::AnalyzeTemplate(tmpl);
  for (formats::jinja::TemplateFinding& f : rep.findings) {
    const bool dos = f.rule.rfind("template.dos", 0) == 0;
    const bool ssti = f.rule.rfind("template.ssti", 0) == 0;
    ctx.Report(std::move(f.rule), f.severity, std::move(f.message), std::move(f.evidence),
               dos    ? "denial-of-service"
               : ssti ? "template-injection"
                      : "format-anomaly",
               base_offset + f.offset);
  }
}

void AnalyzeChatTemplateFile(ByteView data, AnalysisContext& ctx) {
  ctx.SetFormat("jinja-template");
  ctx.AddBytesExamined(data.size());
  AnalyzeChatTemplate(AsStringView(data), ctx, 0);
}

namespace {

std::string Shorten(std::string_view s, size_t n) { return std::string(s.substr(0, n)); }

bool IsTemplateKey(std::string_view key) {
  return key == "tokenizer.chat_template" || key.rfind("tokenizer.chat_template.", 0) == 0;
}

}  // namespace

void AnalyzeGguf(ByteView data, AnalysisContext& ctx) {
  ctx.SetFormat("gguf");
  gg::GgufFile f = gg::ReadGguf(data);
  ctx.AddBytesExamined(f.bytes_parsed);

  for (const gg::Issue& is : f.issues) {
    ctx.Report("gguf." + std::string(gg::IssueCodeName(is.code)), Severity::kSuspicious, is.message,
               std::string(gg::IssueCodeName(is.code)), "format-anomaly", is.offset);
  }
  if (!f.status.ok() && f.issues.empty()) {
    ctx.Report("gguf.unreadable", Severity::kSuspicious, f.status.ToString(), "", "format-anomaly",
               0);
  }

  // Chat templates (CVE-2024-34359): every tokenizer.chat_template[.<name>] KV read so far.
  size_t templates = 0;
  std::set<std::string_view> template_keys;
  for (const gg::KeyValue& kv : f.kvs) {
    if (!IsTemplateKey(kv.key)) continue;
    if (kv.type != gg::ValueType::kString) {
      ctx.Report("gguf.chat-template-type", Severity::kSuspicious,
                 "gguf: " + Shorten(kv.key, 128) + " is a " +
                     std::string(gg::ValueTypeName(kv.type)) + ", not a string",
                 Shorten(kv.key, 128), "format-anomaly", kv.offset);
      continue;
    }
    ++templates;
    template_keys.insert(kv.key);
    AnalyzeChatTemplate(kv.str, ctx, kv.str_offset);
  }
  // Names listed in tokenizer.chat_templates without a matching KV: a loader may look them up.
  if (const gg::KeyValue* names = f.Find("tokenizer.chat_templates")) {
    for (std::string_view n : names->strings) {
      const std::string key = "tokenizer.chat_template." + std::string(n);
      if (template_keys.count(key) == 0) {
        ctx.Report("gguf.chat-template-missing", Severity::kInfo,
                   "gguf: tokenizer.chat_templates lists '" + Shorten(n, 64) + "' but " + key +
                       " is absent",
                   Shorten(n, 64), "format-anomaly", names->offset);
      }
    }
  }

  // Free-text metadata that looks like code (tokenizer vocabularies are data, not prose).
  for (const gg::KeyValue& kv : f.kvs) {
    if (kv.type != gg::ValueType::kString || IsTemplateKey(kv.key) ||
        kv.key.rfind("tokenizer.", 0) == 0)
      continue;
    std::string_view evidence;
    std::string_view kind = formats::safetensors::CodeLikeKind(kv.str, &evidence);
    if (!kind.empty()) {
      ctx.Report("gguf.metadata.code", Severity::kSuspicious,
                 "gguf: " + Shorten(kv.key, 128) + " looks like " + std::string(kind) + " code",
                 std::string(evidence) + ": " + Shorten(kv.str, 160), "code-in-metadata",
                 kv.str_offset);
    }
  }

  // BOM facts.
  if (f.version) ctx.AddProperty("gguf.version", std::to_string(f.version));
  if (auto v = f.FindString("general.architecture"))
    ctx.AddProperty("architecture", Shorten(*v, 128));
  if (auto v = f.FindString("general.name")) ctx.AddProperty("name", Shorten(*v, 256));
  if (auto v = f.FindString("general.license")) ctx.AddProperty("license", Shorten(*v, 256));
  if (f.status.ok()) {
    ctx.AddProperty("tensors", std::to_string(f.tensors.size()));
    ctx.AddProperty("parameters", std::to_string(f.parameter_count));
    std::map<std::string_view, size_t> types;
    for (const gg::TensorInfo& t : f.tensors) {
      std::string_view n = gg::GgmlTypeName(t.type);
      ++types[n.empty() ? std::string_view("unknown") : n];
    }
    std::string joined;
    std::string_view dominant;
    size_t best = 0;
    for (const auto& [n, c] : types) {
      joined += (joined.empty() ? "" : ",") + std::string(n);
      if (c > best) {
        best = c;
        dominant = n;
      }
    }
    ctx.AddProperty("dtypes", joined);
    std::string quant;
    if (const gg::KeyValue* ft = f.Find("general.file_type")) {
      quant = std::string(gg::FileTypeName(
          ft->type == gg::ValueType::kU32 ? ft->u64 : static_cast<uint64_t>(ft->i64)));
    }
    if (quant.empty()) quant = std::string(dominant);
    if (!quant.empty()) ctx.AddProperty("quantization", quant);
  }
  if (templates) ctx.AddProperty("chat_templates", std::to_string(templates));
}

}  // namespace aigis::scan
