#include "scan/pickle_policy.h"

#include <algorithm>
#include <mutex>

#include "core/mapped_file.h"
#include "core/rule_lines.h"

namespace aigis::scan {

Status PicklePolicy::AddAllowed(std::string_view entry) {
  // Owned copy: the lookup tables keep views into it.
  const std::string_view line = TrimRuleText(texts_.emplace_back(entry));
  if (const char* error = PutAllowLine(line))
    return Status::InvalidArgument("pickle allow entry " + std::string(error) + ": " +
                                   std::string(line));
  return Status::Ok();
}

const char* PicklePolicy::PutAllowLine(std::string_view line) {
  const internal::AllowLine a = internal::ParseAllowLine(line);
  if (a.error) return a.error;
  (a.prefix ? allow_prefix_ : allow_exact_).Put(a.name, true);
  return nullptr;
}

// The user's lists go through the splitter and line parsers the compiler used for the built-in
// ones (scan/pickle_policy_tables.h), so a line means the same in both.
Status PicklePolicy::ParseAllow(std::string_view text, std::string_view origin) {
  std::string_view bad;
  const RuleLineError err =
      ScanRuleLines(text, [&](size_t, size_t, std::string_view line) -> const char* {
        const char* error = PutAllowLine(line);
        if (error) bad = line;
        return error;
      });
  if (err.ok()) return Status::Ok();
  return Status::InvalidArgument(std::string(origin) + ":" + std::to_string(err.line) +
                                 ": pickle allow entry " + err.message + ": " + std::string(bad));
}

Status PicklePolicy::ParseDeny(std::string_view text) {
  const RuleLineError err =
      ScanRuleLines(text, [&](size_t, size_t, std::string_view line) -> const char* {
        const internal::DenyLine d = internal::ParseDenyLine(line);
        if (d.error) return d.error;
        deny_.Put(d.prefix, DenyEntry{d.category, d.reason});
        return nullptr;
      });
  if (err.ok()) return Status::Ok();
  return Status::InvalidArgument("deny.txt:" + std::to_string(err.line) + ": " + err.message);
}

Result<std::unique_ptr<PicklePolicy>> PicklePolicy::FromText(std::string_view allow_text,
                                                             std::string_view deny_text) {
  auto p = std::make_unique<PicklePolicy>();
  // Tables sized once for the lists' line counts (an upper bound of their entries), so that
  // parsing never rehashes.
  const auto lines = [](std::string_view t) {
    return static_cast<size_t>(std::count(t.begin(), t.end(), '\n')) + 1;
  };
  p->allow_exact_.Reserve(lines(allow_text));
  p->deny_.Reserve(lines(deny_text));
  std::string_view allow = p->texts_.emplace_back(allow_text);
  std::string_view deny = p->texts_.emplace_back(deny_text);
  AIGIS_RETURN_IF_ERROR(p->ParseAllow(allow, "allow.txt"));
  AIGIS_RETURN_IF_ERROR(p->ParseDeny(deny));
  return p;
}

Result<std::unique_ptr<PicklePolicy>> PicklePolicy::DefaultBuilder() {
  // The built-in lists were parsed by the compiler; nothing to read or allocate here.
  auto p = std::make_unique<PicklePolicy>();
  p->builtin_ = &internal::kBuiltinPickleTables;
  return p;
}

size_t PicklePolicy::allow_size() const {
  size_t n = allow_exact_.size() + allow_prefix_.size();
  if (builtin_) n += builtin_->allow_exact.size() + builtin_->allow_prefix.size();
  return n;
}

size_t PicklePolicy::deny_size() const {
  return deny_.size() + (builtin_ ? builtin_->deny.size() : 0);
}

Result<std::shared_ptr<const PicklePolicy>> PicklePolicy::LoadDefault() {
  static std::once_flag once;
  static std::shared_ptr<const PicklePolicy> cached;
  static Status error;
  std::call_once(once, [] {
    auto r = DefaultBuilder();
    if (r.ok())
      cached = std::move(r.value());
    else
      error = r.status();
  });
  if (!cached) return error;
  return cached;
}

Status PicklePolicy::ExtendFromFile(const std::string& path) {
  auto file = MappedFile::Open(path);
  if (!file.ok()) return Status::IOError("cannot read pickle policy file " + path);
  const ByteView bytes = file->view();
  return ParseAllow(texts_.emplace_back(reinterpret_cast<const char*>(bytes.data()), bytes.size()),
                    path);
}

std::optional<PicklePolicy::DenyMatch> PicklePolicy::FindDenyExact(std::string_view name) const {
  if (builtin_) {
    if (const internal::StaticSlot* s = builtin_->deny.Find(name))
      return DenyMatch{builtin_->deny.Text(s->key),
                       DenyEntry{builtin_->deny.Text(s->category), builtin_->deny.Text(s->reason)}};
  }
  if (const auto* e = deny_.Find(name)) return DenyMatch{e->first, e->second};
  return std::nullopt;
}

std::optional<PicklePolicy::DenyMatch> PicklePolicy::FindDeny(std::string_view dotted) const {
  size_t pos = 0;
  while (true) {
    size_t dot = dotted.find('.', pos);
    if (auto m = FindDenyExact(dotted.substr(0, dot))) return m;
    if (dot == std::string_view::npos) return std::nullopt;
    pos = dot + 1;
  }
}

bool PicklePolicy::IsAllowed(std::string_view dotted) const {
  if (allow_exact_.Find(dotted) || (builtin_ && builtin_->allow_exact.Find(dotted))) return true;
  size_t pos = 0;
  while (true) {
    size_t dot = dotted.find('.', pos);
    const std::string_view prefix = dotted.substr(0, dot);
    if (allow_prefix_.Find(prefix) || (builtin_ && builtin_->allow_prefix.Find(prefix)))
      return true;
    if (dot == std::string_view::npos) return false;
    pos = dot + 1;
  }
}

PickleClassification PicklePolicy::ClassifyName(std::string_view module,
                                                std::string_view name) const {
  PickleClassification c;
  std::string full =
      name.empty() ? std::string(module) : std::string(module) + "." + std::string(name);
  auto deny = [&](const DenyMatch& m) {
    c.verdict = PickleVerdict::kDenied;
    c.category = std::string(m.entry.category);
    c.reason = std::string(m.entry.reason);
    c.matched = std::string(m.matched);
    return c;
  };
  if (auto m = FindDeny(full)) return deny(*m);
  // Dotted names are resolved attribute by attribute (getattr chain): every suffix counts, and
  // each attribute is checked as a builtin ("_rebuild_tensor.eval" after module poisoning).
  if (name.find('.') != std::string_view::npos) {
    std::vector<std::string_view> parts;
    size_t pos = 0;
    while (true) {
      size_t dot = name.find('.', pos);
      parts.push_back(name.substr(pos, dot == std::string_view::npos ? dot : dot - pos));
      if (dot == std::string_view::npos) break;
      pos = dot + 1;
    }
    for (size_t i = 0; i < parts.size(); ++i) {
      std::string_view suffix = name.substr(static_cast<size_t>(parts[i].data() - name.data()));
      if (auto m = FindDeny(suffix)) return deny(*m);
      if (i >= 1) {
        if (auto m2 = FindDeny("builtins." + std::string(parts[i]))) return deny(*m2);
      }
    }
  }
  if (IsAllowed(full)) {
    c.verdict = PickleVerdict::kAllowed;
    return c;
  }
  std::string_view top = module.substr(0, module.find('.'));
  if (!top.empty() && top[0] == '_' && top != "__main__") {
    c.verdict = PickleVerdict::kDenied;
    c.category = "code-execution";
    c.reason = "private module not on the allow-list (private stdlib modules run commands)";
    c.matched = std::string(top);
    return c;
  }
  c.verdict = PickleVerdict::kUnknown;
  c.reason = "not on the allow-list";
  return c;
}

PickleClassification PicklePolicy::Classify(const formats::pickle::Import& im) const {
  using formats::pickle::ImportKind;
  if (im.kind == ImportKind::kExt) {
    PickleClassification c;
    c.reason = "global from the copyreg extension registry (code " + std::to_string(im.ext_code) +
               "): origin unknown statically";
    return c;
  }
  if (!im.constant_operands) {
    PickleClassification c;
    c.verdict = PickleVerdict::kDenied;
    c.category = "code-execution";
    c.reason =
        "STACK_GLOBAL with non-constant operands: the imported name is computed at load time";
    return c;
  }
  return ClassifyName(im.module, im.name);
}

}  // namespace aigis::scan
