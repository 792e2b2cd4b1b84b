// `aigis guard`: scan text for prompt attacks, personal data, secrets, hidden text and (with
// --direction output) exfiltration links, HTML/JS, canaries and system-prompt leakage.
// `aigis guard eval`: precision/recall/F1/FPR of the detectors on labelled JSONL files.
// Only cli/ prints and picks exit codes: 0 allow/flag/redact, 1 block, 2 usage or I/O error.
#include <CLI/CLI.hpp>
#include <algorithm>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <map>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "cli/commands.h"
#include "core/mapped_file.h"
#include "core/thread_pool.h"
#include "guard/engine.h"
#include "guard/policy.h"

namespace aigis::cli {
namespace {

using guard::Action;
using guard::Detection;
using guard::GuardEngine;
using guard::GuardPolicy;
using guard::GuardResult;
using guard::GuardScanner;
using Json = nlohmann::json;

struct GuardArgs {
  std::string policy;
  std::string direction;
  std::string source;
  std::string system_prompt_file;
  std::vector<std::string> canaries;
  std::vector<std::string> allow_hosts;
  std::string rules_dir;
  std::string text;
  std::string file;
  std::string jsonl;
  bool json = false;
  size_t threads = 0;
  // eval
  std::vector<std::string> data;
  std::string task = "auto";
  size_t show_misses = 0;
  size_t max_rows = 0;
};

Result<std::string> ReadWholeFile(const std::string& path) {
  AIGIS_ASSIGN_OR_RETURN(MappedFile f, MappedFile::Open(path));
  return std::string(AsStringView(f.view()));
}

Result<std::shared_ptr<const GuardEngine>> BuildEngine(const GuardArgs& a) {
  GuardPolicy p = GuardPolicy::Defaults();
  if (!a.policy.empty()) {
    AIGIS_ASSIGN_OR_RETURN(p, guard::LoadGuardPolicyFile(a.policy));
  }
  if (a.direction == "output")
    p.direction = guard::Direction::kOutput;
  else if (a.direction == "input")
    p.direction = guard::Direction::kInput;
  else if (!a.direction.empty())
    return Status::InvalidArgument("--direction must be input|output");
  if (a.source == "document")
    p.source = guard::Source::kDocument;
  else if (a.source == "user")
    p.source = guard::Source::kUser;
  if (!a.system_prompt_file.empty()) {
    AIGIS_ASSIGN_OR_RETURN(p.system_prompt, ReadWholeFile(a.system_prompt_file));
  }
  for (const std::string& c : a.canaries) p.canaries.push_back(c);
  for (const std::string& h : a.allow_hosts) p.allowed_hosts.push_back(h);
  if (!a.rules_dir.empty()) p.rules_dir = a.rules_dir;
  return GuardEngine::Create(std::move(p));
}

Json DetectionJson(const Detection& d, Action a) {
  Json j = {{"detector", d.detector},
            {"rule", d.rule},
            {"category", d.category},
            {"start", d.start},
            {"end", d.end},
            {"score", d.score},
            {"action", std::string(guard::ActionName(a))}};
  if (!d.via.empty()) j["via"] = d.via;
  if (!d.evidence.empty()) j["evidence"] = d.evidence;
  return j;
}

Json ResultJson(const GuardResult& r) {
  Json j;
  j["verdict"] = std::string(guard::ActionName(r.verdict));
  j["score"] = r.score;
  Json dets = Json::array();
  for (size_t i = 0; i < r.detections.size(); ++i) {
    dets.push_back(DetectionJson(r.detections[i], r.actions[i]));
  }
  j["detections"] = std::move(dets);
  if (r.has_redacted) j["redacted"] = r.redacted;
  if (!r.status.ok()) j["warning"] = r.status.ToString();
  return j;
}

// Valid UTF-8 for JSON output: nlohmann throws on invalid UTF-8 unless told to replace.
std::string Dump(const Json& j) { return j.dump(-1, ' ', false, Json::error_handler_t::replace); }

void PrintHuman(const GuardResult& r, std::string_view text) {
  std::printf("verdict: %s  score: %.2f  detections: %zu\n",
              std::string(guard::ActionName(r.verdict)).c_str(), r.score, r.detections.size());
  for (size_t i = 0; i < r.detections.size(); ++i) {
    const Detection& d = r.detections[i];
    std::printf("  [%s] %-40s %-24s %6llu-%-6llu score %.2f%s%s\n",
                std::string(guard::ActionName(r.actions[i])).c_str(), d.rule.c_str(),
                d.category.c_str(), static_cast<unsigned long long>(d.start),
                static_cast<unsigned long long>(d.end), d.score,
                d.via.empty() ? "" : ("  via " + d.via).c_str(),
                d.evidence.empty() ? "" : ("  (" + d.evidence + ")").c_str());
  }
  if (r.has_redacted) std::printf("redacted: %s\n", r.redacted.c_str());
  if (!r.status.ok())
    std::fprintf(stderr, "aigis guard: warning: %s\n", r.status.ToString().c_str());
  (void)text;
}

// Splits `data` into lines (without '\n' / trailing '\r').
std::vector<std::string_view> SplitLines(std::string_view data) {
  std::vector<std::string_view> lines;
  size_t pos = 0;
  while (pos < data.size()) {
    size_t nl = data.find('\n', pos);
    size_t end = nl == std::string_view::npos ? data.size() : nl;
    std::string_view l = data.substr(pos, end - pos);
    if (!l.empty() && l.back() == '\r') l.remove_suffix(1);
    lines.push_back(l);
    pos = end + 1;
  }
  return lines;
}

// Runs fn(scanner, index) for every index in [0, n) on all cores; one scanner per task.
template <typename Fn>
Status ParallelFor(const std::shared_ptr<const GuardEngine>& engine, size_t n, size_t threads,
                   Fn fn) {
  ThreadPool pool(threads);
  const size_t kBatch = 64;
  std::mutex mu;
  Status first_error;
  for (size_t b = 0; b < n; b += kBatch) {
    pool.Submit([&, b] {
      Result<GuardScanner> s = GuardScanner::Create(engine);
      if (!s.ok()) {
        std::lock_guard<std::mutex> l(mu);
        if (first_error.ok()) first_error = s.status();
        return;
      }
      for (size_t i = b; i < std::min(n, b + kBatch); ++i) fn(*s, i);
    });
  }
  pool.Wait();
  return first_error;
}

int RunJsonl(const GuardArgs& a, const std::shared_ptr<const GuardEngine>& engine) {
  Result<MappedFile> f = MappedFile::Open(a.jsonl);
  if (!f.ok()) {
    std::fprintf(stderr, "aigis guard: %s\n", f.status().ToString().c_str());
    return kExitError;
  }
  std::vector<std::string_view> lines = SplitLines(AsStringView(f->view()));
  std::vector<std::string> out(lines.size());
  std::vector<uint8_t> blocked(lines.size(), 0), bad(lines.size(), 0);
  Status st = ParallelFor(engine, lines.size(), a.threads, [&](GuardScanner& s, size_t i) {
    Json in = Json::parse(lines[i], nullptr, /*allow_exceptions=*/false);
    if (in.is_discarded() || !in.is_object() || !in.contains("text") || !in["text"].is_string()) {
      if (lines[i].find_first_not_of(" \t") == std::string_view::npos) return;  // blank line
      out[i] = Dump(Json{{"line", i + 1}, {"error", "not a JSON object with a string \"text\""}});
      bad[i] = 1;
      return;
    }
    const std::string& text = in["text"].get_ref<const std::string&>();
    GuardResult r = s.Scan(text);
    Json j = ResultJson(r);
    if (in.contains("id")) j["id"] = in["id"];
    out[i] = Dump(j);
    blocked[i] = r.verdict == Action::kBlock;
  });
  if (!st.ok()) {
    std::fprintf(stderr, "aigis guard: %s\n", st.ToString().c_str());
    return kExitError;
  }
  bool any_block = false, any_bad = false;
  for (size_t i = 0; i < lines.size(); ++i) {
    if (!out[i].empty()) std::printf("%s\n", out[i].c_str());
    any_block |= blocked[i] != 0;
    any_bad |= bad[i] != 0;
  }
  if (any_bad) return kExitError;
  return any_block ? kExitFindings : kExitOk;
}

int RunGuard(const GuardArgs& a) {
  int sources = !a.text.empty() + !a.file.empty() + !a.jsonl.empty();
  if (sources != 1) {
    std::fprintf(stderr, "aigis guard: give exactly one of TEXT, --file or --jsonl\n");
    return kExitError;
  }
  Result<std::shared_ptr<const GuardEngine>> engine = BuildEngine(a);
  if (!engine.ok()) {
    std::fprintf(stderr, "aigis guard: %s\n", engine.status().ToString().c_str());
    return kExitError;
  }
  if (!a.jsonl.empty()) return RunJsonl(a, *engine);
  std::string text = a.text;
  if (!a.file.empty()) {
    Result<std::string> t = ReadWholeFile(a.file);
    if (!t.ok()) {
      std::fprintf(stderr, "aigis guard: %s\n", t.status().ToString().c_str());
      return kExitError;
    }
    text = std::move(*t);
  }
  Result<GuardScanner> s = GuardScanner::Create(*engine);
  if (!s.ok()) {
    std::fprintf(stderr, "aigis guard: %s\n", s.status().ToString().c_str());
    return kExitError;
  }
  GuardResult r = s->Scan(text);
  if (a.json)
    std::printf("%s\n", Dump(ResultJson(r)).c_str());
  else
    PrintHuman(r, text);
  return r.verdict == Action::kBlock ? kExitFindings : kExitOk;
}

// ---------------------------------------------------------------------------------------------
// eval

bool InFamily(const Detection& d, const std::string& task) {
  if (task == "pii") return d.detector == "pii";
  if (task == "secrets") return d.detector == "secrets";
  return d.detector == "injection" || d.detector == "classifier";
}

struct Counts {
  size_t tp = 0, fp = 0, fn = 0, tn = 0;
  void Add(bool label, bool pred) {
    if (label && pred)
      ++tp;
    else if (label)
      ++fn;
    else if (pred)
      ++fp;
    else
      ++tn;
  }
  double Precision() const { return tp + fp ? double(tp) / double(tp + fp) : 0; }
  double Recall() const { return tp + fn ? double(tp) / double(tp + fn) : 0; }
  double F1() const {
    double p = Precision(), r = Recall();
    return p + r > 0 ? 2 * p * r / (p + r) : 0;
  }
  double Fpr() const { return fp + tn ? double(fp) / double(fp + tn) : 0; }
};

// Presidio-style entity names -> our placeholder entities.
std::string GoldEntity(const std::string& t) {
  static const std::map<std::string, std::string> kMap = {
      {"EMAIL_ADDRESS", "EMAIL"},     {"EMAIL", "EMAIL"},    {"PHONE_NUMBER", "PHONE"},
      {"CREDIT_CARD", "CREDIT_CARD"}, {"IBAN_CODE", "IBAN"}, {"IBAN", "IBAN"},
      {"IP_ADDRESS", "IP_ADDRESS"},   {"US_SSN", "US_SSN"}};
  auto it = kMap.find(t);
  return it == kMap.end() ? "" : it->second;
}

// Byte offset -> code point offset (gold spans count code points).
std::vector<uint64_t> CharIndex(std::string_view s) {
  std::vector<uint64_t> idx(s.size() + 1, 0);
  uint64_t c = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    idx[i] = c;
    if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80) ++c;
  }
  // idx[i] for a continuation byte is the index of its code point; the end maps past the last.
  idx[s.size()] = c;
  for (size_t i = 0; i < s.size(); ++i) {
    if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80) idx[i] = idx[i];
  }
  return idx;
}

int RunEval(const GuardArgs& a) {
  Result<std::shared_ptr<const GuardEngine>> engine = BuildEngine(a);
  if (!engine.ok()) {
    std::fprintf(stderr, "aigis guard eval: %s\n", engine.status().ToString().c_str());
    return kExitError;
  }
  Json report = Json::array();
  for (const std::string& path : a.data) {
    Result<MappedFile> f = MappedFile::Open(path);
    if (!f.ok()) {
      std::fprintf(stderr, "aigis guard eval: %s\n", f.status().ToString().c_str());
      return kExitError;
    }
    std::vector<std::string_view> lines = SplitLines(AsStringView(f->view()));
    if (a.max_rows && lines.size() > a.max_rows) lines.resize(a.max_rows);
    std::vector<Json> rows(lines.size());
    std::vector<std::vector<Detection>> dets(lines.size());
    Status st = ParallelFor(*engine, lines.size(), a.threads, [&](GuardScanner& s, size_t i) {
      Json in = Json::parse(lines[i], nullptr, false);
      if (in.is_discarded() || !in.is_object() || !in.contains("text") || !in["text"].is_string()) {
        return;
      }
      std::vector<Detection> d;
      (void)s.Detect(in["text"].get_ref<const std::string&>(), &d);
      dets[i] = std::move(d);
      rows[i] = std::move(in);
    });
    if (!st.ok()) {
      std::fprintf(stderr, "aigis guard eval: %s\n", st.ToString().c_str());
      return kExitError;
    }
    std::string task = a.task;
    if (task == "auto") {
      task = "attack";
      for (const Json& r : rows) {
        if (r.is_object() && r.value("label", "") == "pii") task = "pii";
      }
    }
    Counts all;
    std::map<std::string, Counts> per_label;
    std::map<std::string, Counts> per_entity;
    std::vector<std::string> misses, false_alarms;
    size_t skipped = 0;
    for (size_t i = 0; i < rows.size(); ++i) {
      if (!rows[i].is_object() || !rows[i].contains("label")) {
        ++skipped;
        continue;
      }
      std::string label = rows[i].value("label", "");
      bool positive = label != "benign";
      bool pred = false;
      std::string why;
      for (const Detection& d : dets[i]) {
        if (InFamily(d, task)) {
          pred = true;
          why = d.rule;
          break;
        }
      }
      all.Add(positive, pred);
      per_label[label].Add(positive, pred);
      const std::string& text = rows[i]["text"].get_ref<const std::string&>();
      if (positive && !pred && misses.size() < a.show_misses) misses.push_back(text.substr(0, 300));
      if (!positive && pred && false_alarms.size() < a.show_misses) {
        false_alarms.push_back(why + " | " + text.substr(0, 300));
      }
      // Entity-level PII scoring against meta.spans.
      if (task == "pii" && rows[i].contains("meta") && rows[i]["meta"].is_object() &&
          rows[i]["meta"].contains("spans")) {
        std::vector<uint64_t> ci = CharIndex(text);
        struct Span {
          std::string entity;
          uint64_t s, e;
          bool hit = false;
        };
        std::vector<Span> gold;
        for (const Json& sp : rows[i]["meta"]["spans"]) {
          std::string e = GoldEntity(sp.value("type", ""));
          if (!e.empty()) gold.push_back({e, sp.value("start", 0ull), sp.value("end", 0ull)});
        }
        for (const Detection& d : dets[i]) {
          if (d.detector != "pii" || d.end > text.size()) continue;
          uint64_t s = ci[d.start], e = ci[d.end];
          bool matched = false;
          for (Span& g : gold) {
            if (g.entity == d.entity && s < g.e && g.s < e) {
              g.hit = true;
              matched = true;
            }
          }
          static const std::set<std::string> kScored = {"EMAIL", "PHONE",      "CREDIT_CARD",
                                                        "IBAN",  "IP_ADDRESS", "US_SSN"};
          if (!matched && kScored.count(d.entity)) {
            ++per_entity[d.entity].fp;
            if (false_alarms.size() < a.show_misses) {
              false_alarms.push_back(d.entity + " '" + text.substr(d.start, d.end - d.start) + "'");
            }
          }
        }
        for (const Span& g : gold) {
          if (g.hit)
            ++per_entity[g.entity].tp;
          else {
            ++per_entity[g.entity].fn;
            if (misses.size() < a.show_misses) {
              misses.push_back(g.entity + " missed in: " + text.substr(0, 200));
            }
          }
        }
      }
    }
    Json fj = {{"file", path},
               {"task", task},
               {"rows", rows.size() - skipped},
               {"tp", all.tp},
               {"fp", all.fp},
               {"fn", all.fn},
               {"tn", all.tn},
               {"precision", all.Precision()},
               {"recall", all.Recall()},
               {"f1", all.F1()},
               {"fpr", all.Fpr()}};
    std::printf("%s  [%s]  rows %zu  P %.3f  R %.3f  F1 %.3f  FPR %.4f\n", path.c_str(),
                task.c_str(), rows.size() - skipped, all.Precision(), all.Recall(), all.F1(),
                all.Fpr());
    for (const auto& [label, c] : per_label) {
      bool pos = label != "benign";
      size_t n = c.tp + c.fp + c.fn + c.tn;
      if (pos)
        std::printf("    label %-12s n %6zu  recall %.3f\n", label.c_str(), n, c.Recall());
      else
        std::printf("    label %-12s n %6zu  FPR    %.4f\n", label.c_str(), n, c.Fpr());
      fj["labels"][label] = {{"n", n}, {"recall", c.Recall()}, {"fpr", c.Fpr()}};
    }
    for (const auto& [entity, c] : per_entity) {
      std::printf("    entity %-14s tp %4zu fp %4zu fn %4zu  P %.3f  R %.3f  F1 %.3f\n",
                  entity.c_str(), c.tp, c.fp, c.fn, c.Precision(), c.Recall(), c.F1());
      fj["entities"][entity] = {{"tp", c.tp},           {"fp", c.fp},
                                {"fn", c.fn},           {"precision", c.Precision()},
                                {"recall", c.Recall()}, {"f1", c.F1()}};
    }
    for (const std::string& m : misses) std::printf("    MISS: %s\n", m.c_str());
    for (const std::string& m : false_alarms) std::printf("    FALSE: %s\n", m.c_str());
    report.push_back(std::move(fj));
  }
  if (a.json) std::printf("%s\n", Dump(report).c_str());
  return kExitOk;
}

}  // namespace

void RegisterGuardCommand(CLI::App& app, int* exit_code) {
  auto args = std::make_shared<GuardArgs>();
  CLI::App* sub = app.add_subcommand("guard",
                                     "Check text for prompt attacks, PII, secrets, "
                                     "hidden text and output exfiltration");
  auto add_common = [&](CLI::App* c) {
    c->add_option("--policy", args->policy, "aigis YAML config file (uses its guard: section)");
    c->add_option("--direction", args->direction, "input (prompt) or output (model answer)")
        ->check(CLI::IsMember({"input", "output"}));
    c->add_option("--source", args->source,
                  "user (a prompt) or document (third-party text: RAG, e-mail, tool output)")
        ->check(CLI::IsMember({"user", "document"}));
    c->add_option("--system-prompt", args->system_prompt_file,
                  "File with the system prompt, for leakage detection in output");
    // One value per flag occurrence, so a following TEXT is not swallowed.
    c->add_option("--canary", args->canaries, "Canary token planted in the system prompt (repeat)")
        ->allow_extra_args(false);
    c->add_option("--allow-host", args->allow_hosts,
                  "Host allowed in output links and images (repeat)")
        ->allow_extra_args(false);
    c->add_option("--rules-dir", args->rules_dir, "Load rules from this directory");
    c->add_option("-j,--threads", args->threads, "Worker threads (default: all cores)");
    c->add_flag("--json", args->json, "Print JSON");
  };
  add_common(sub);
  sub->add_option("text", args->text, "Text to check");
  sub->add_option("--file", args->file, "Read the text from this file");
  sub->add_option("--jsonl", args->jsonl,
                  "JSONL file of {\"text\": ...}; prints one result line per input line");
  CLI::App* eval = sub->add_subcommand("eval", "Precision/recall/F1/FPR on labelled JSONL files");
  eval->add_option("--data", args->data, "Labelled JSONL files ({text, label[, meta.spans]})")
      ->required();
  eval->add_option("--task", args->task, "auto | attack | pii | secrets")
      ->check(CLI::IsMember({"auto", "attack", "pii", "secrets"}));
  eval->add_option("--show-misses", args->show_misses, "Print up to N misses and false alarms");
  eval->add_option("--max-rows", args->max_rows, "Only the first N rows of each file");
  eval->add_option("--policy", args->policy, "aigis YAML config file (uses its guard: section)");
  eval->add_option("--direction", args->direction, "input or output");
  eval->add_option("--source", args->source, "user or document");
  eval->add_option("-j,--threads", args->threads, "Worker threads (default: all cores)");
  eval->add_flag("--json", args->json, "Also print a JSON report");
  eval->callback([args, exit_code] { *exit_code = RunEval(*args); });
  sub->callback([args, exit_code, eval] {
    if (eval->parsed()) return;
    *exit_code = RunGuard(*args);
  });
}

}  // namespace aigis::cli
