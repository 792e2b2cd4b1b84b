// `aigis guard`: scan text for prompt attacks, personal data, secrets, hidden text and (with
// --direction output) exfiltration links, HTML/JS, canaries and system-prompt leakage.
// `aigis guard eval`: precision/recall/F1/FPR of the detectors on labelled JSONL files.
// Only cli/ prints and picks exit codes: 0 allow/flag/redact, 1 block, 2 usage or I/O error.
#include <sys/stat.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
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
#include "cli/train_recipe.h"
#include "core/mapped_file.h"
#include "core/thread_pool.h"
#include "guard/classifier/embedded_model.h"
#include "guard/classifier/features.h"
#include "guard/classifier/language_group.h"
#include "guard/classifier/linear_classifier.h"
#include "guard/classifier/metrics.h"
#include "guard/classifier/trainer.h"
#include "guard/engine.h"
#include "guard/normalize/normalizer.h"
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
namespace clf = guard::classifier;

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
  std::string field = "text";  // --jsonl: the member holding the text
  std::string model;           // classifier model file (default: policy, then the embedded model)
  bool no_classifier = false;
  bool json = false;
  size_t threads = 0;
  // eval
  std::vector<std::string> data;
  std::string task = "auto";
  size_t show_misses = 0;
  size_t max_rows = 0;
  bool leave_source_out = false;
  RecipeArgs recipe;       // --leave-source-out: the training recipe (shared with `aigis train`)
  std::string scores_out;  // --scores: every held-out row's score, as JSONL
};

Result<std::string> ReadWholeFile(const std::string& path) {
  AIGIS_ASSIGN_OR_RETURN(MappedFile f, MappedFile::Open(path));
  std::string text(AsStringView(f.view()));
  if (f.changed()) return Status::IOError(path + ": the file changed while it was being read");
  return text;
}

// Text input of `aigis guard` (--file, --jsonl): "-" is standard input, and pipes, FIFOs and
// /dev/stdin are read as streams (they cannot be mapped). A stream is capped, like one Scan().
constexpr size_t kMaxStreamInput = size_t{1} << 30;
Result<std::string> ReadInput(const std::string& path) {
  struct stat st {};
  if (path != "-" && (::stat(path.c_str(), &st) != 0 || S_ISREG(st.st_mode))) {
    return ReadWholeFile(path);  // a regular file, or the open error names what is wrong
  }
  FILE* in = path == "-" ? stdin : std::fopen(path.c_str(), "rb");
  if (in == nullptr) return Status::IOError(path + ": " + std::strerror(errno));
  std::string data;
  char buf[1 << 16];
  size_t n = 0;
  while ((n = std::fread(buf, 1, sizeof buf, in)) > 0) {
    if (data.size() + n > kMaxStreamInput) {
      if (in != stdin) std::fclose(in);
      return Status::LimitExceeded(std::string(path == "-" ? "standard input" : path) +
                                   ": more than 1 GiB; give a regular file");
    }
    data.append(buf, n);
  }
  bool failed = std::ferror(in) != 0;
  if (in != stdin) std::fclose(in);
  if (failed) return Status::IOError(path + ": read error");
  return data;
}

// Loads and validates the classifier model: `path`, or the model embedded at build time.
Result<std::shared_ptr<const clf::LinearClassifier>> LoadClassifier(const std::string& path) {
  if (!path.empty()) {
    AIGIS_ASSIGN_OR_RETURN(clf::LinearModel m, clf::LoadModelFile(path));
    return clf::LinearClassifier::Create(std::move(m));
  }
  ByteView embedded = clf::EmbeddedModel();
  if (embedded.empty()) {
    return Status::NotFound(
        "classifier model: none embedded in this build; give --model FILE, set "
        "guard.detectors.classifier.model, or disable it (--no-classifier)");
  }
  Result<clf::LinearModel> m = clf::ParseModel(embedded);
  if (!m.ok()) {
    return Status::Malformed(std::string("embedded classifier model (") + clf::EmbeddedModelPath() +
                             "): " + m.status().ToString());
  }
  return clf::LinearClassifier::Create(std::move(*m));
}

Result<std::shared_ptr<const GuardEngine>> BuildEngine(
    const GuardArgs& a, std::shared_ptr<const clf::LinearClassifier>* clf_out = nullptr) {
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
  if (a.no_classifier) p.classifier.enabled = false;
  std::shared_ptr<const clf::LinearClassifier> classifier;
  if (p.classifier.enabled) {
    AIGIS_ASSIGN_OR_RETURN(classifier,
                           LoadClassifier(a.model.empty() ? p.classifier_model : a.model));
  }
  if (clf_out) *clf_out = classifier;
  return GuardEngine::Create(std::move(p), std::move(classifier));
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
  Result<std::string> data = ReadInput(a.jsonl);
  if (!data.ok()) {
    std::fprintf(stderr, "aigis guard: %s\n", data.status().ToString().c_str());
    return kExitError;
  }
  const std::string& field = a.field;
  const std::string field_error = "not a JSON object with a string \"" + field + "\"";
  std::vector<std::string_view> lines = SplitLines(*data);
  std::vector<std::string> out(lines.size());
  std::vector<uint8_t> blocked(lines.size(), 0), bad(lines.size(), 0);
  Status st = ParallelFor(engine, lines.size(), a.threads, [&](GuardScanner& s, size_t i) {
    Json in = Json::parse(lines[i], nullptr, /*allow_exceptions=*/false);
    if (in.is_discarded() || !in.is_object() || !in.contains(field) || !in[field].is_string()) {
      if (lines[i].find_first_not_of(" \t") == std::string_view::npos) return;  // blank line
      out[i] = Dump(Json{{"line", i + 1}, {"error", field_error}});
      bad[i] = 1;
      return;
    }
    const std::string& text = in[field].get_ref<const std::string&>();
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
    Result<std::string> t = ReadInput(a.file);
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
  return d.detector == "injection" || d.detector == "classifier" ||
         d.detector == "adversarial_suffix";
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
  double BalancedAccuracy() const {
    clf::Confusion c{tp, fp, fn, tn};
    return c.BalancedAccuracy();
  }
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

int RunLeaveSourceOut(const GuardArgs& a);

void PrintScoreMetrics(const char* indent, const std::vector<clf::Scored>& s, Json* j) {
  size_t pos = 0;
  for (const auto& x : s) pos += x.positive;
  if (pos == 0 || pos == s.size()) return;  // AUC and recall@FPR need both classes
  double auc = clf::RocAuc(s), r1 = clf::RecallAtFpr(s, 0.01), r01 = clf::RecallAtFpr(s, 0.001);
  std::printf("%sROC-AUC %.4f  recall@1%%FPR %.4f  recall@0.1%%FPR %.4f\n", indent, auc, r1, r01);
  (*j)["roc_auc"] = auc;
  (*j)["recall_at_1pct_fpr"] = r1;
  (*j)["recall_at_0.1pct_fpr"] = r01;
}

int RunEval(const GuardArgs& a) {
  if (a.leave_source_out) return RunLeaveSourceOut(a);
  std::shared_ptr<const clf::LinearClassifier> classifier;
  Result<std::shared_ptr<const GuardEngine>> engine = BuildEngine(a, &classifier);
  if (!engine.ok()) {
    std::fprintf(stderr, "aigis guard eval: %s\n", engine.status().ToString().c_str());
    return kExitError;
  }
  Json report = Json::array();
  Counts pooled;
  std::vector<clf::Scored> pooled_scores;
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
    std::vector<double> clf_scores(lines.size(), 0.0);
    Status st = ParallelFor(*engine, lines.size(), a.threads, [&](GuardScanner& s, size_t i) {
      Json in = Json::parse(lines[i], nullptr, false);
      if (in.is_discarded() || !in.is_object() || !in.contains("text") || !in["text"].is_string()) {
        return;
      }
      std::vector<Detection> d;
      const std::string& text = in["text"].get_ref<const std::string&>();
      (void)s.Detect(text, &d);
      if (classifier) {
        Result<double> cs = classifier->Score(guard::normalize::FoldForMatching(text));
        if (cs.ok()) clf_scores[i] = *cs;
      }
      dets[i] = std::move(d);
      rows[i] = std::move(in);
    });
    if (!st.ok()) {
      std::fprintf(stderr, "aigis guard eval: %s\n", st.ToString().c_str());
      return kExitError;
    }
    if (f->changed()) {
      std::fprintf(stderr, "aigis guard eval: %s: the file changed while it was being read\n",
                   path.c_str());
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
    std::vector<clf::Scored> scores;  // max(classifier score, signature score) per row
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
      double row_score = clf_scores[i];
      for (const Detection& d : dets[i]) {
        if (InFamily(d, task)) {
          if (!pred) why = d.rule;
          pred = true;
          row_score = std::max(row_score, d.score);
        }
      }
      all.Add(positive, pred);
      scores.push_back({row_score, positive});
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
               {"fpr", all.Fpr()},
               {"balanced_accuracy", all.BalancedAccuracy()}};
    std::printf("%s  [%s]  rows %zu  P %.3f  R %.3f  F1 %.3f  FPR %.4f  BA %.4f\n", path.c_str(),
                task.c_str(), rows.size() - skipped, all.Precision(), all.Recall(), all.F1(),
                all.Fpr(), all.BalancedAccuracy());
    std::printf("    confusion  TP %zu  FP %zu  FN %zu  TN %zu\n", all.tp, all.fp, all.fn, all.tn);
    PrintScoreMetrics("    ", scores, &fj);
    pooled.tp += all.tp;
    pooled.fp += all.fp;
    pooled.fn += all.fn;
    pooled.tn += all.tn;
    pooled_scores.insert(pooled_scores.end(), scores.begin(), scores.end());
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
  if (a.data.size() > 1) {
    Json oj = {{"file", "(all)"},           {"tp", pooled.tp},
               {"fp", pooled.fp},           {"fn", pooled.fn},
               {"tn", pooled.tn},           {"precision", pooled.Precision()},
               {"recall", pooled.Recall()}, {"f1", pooled.F1()},
               {"fpr", pooled.Fpr()},       {"balanced_accuracy", pooled.BalancedAccuracy()}};
    std::printf("overall  P %.3f  R %.3f  F1 %.3f  FPR %.4f  BA %.4f\n", pooled.Precision(),
                pooled.Recall(), pooled.F1(), pooled.Fpr(), pooled.BalancedAccuracy());
    std::printf("    confusion  TP %zu  FP %zu  FN %zu  TN %zu\n", pooled.tp, pooled.fp, pooled.fn,
                pooled.tn);
    PrintScoreMetrics("    ", pooled_scores, &oj);
    report.push_back(std::move(oj));
  }
  if (a.json) std::printf("%s\n", Dump(report).c_str());
  return kExitOk;
}

// Leave one source family out: for every family, train on all the others (the shipped recipe:
// same options, own dev split and threshold) and score the held-out family with that model.
// Pooled over families this is the honest estimate of how the classifier does on sources it has
// never seen. Signatures are not involved (they were written with these files in view).
int RunLeaveSourceOut(const GuardArgs& a) {
  std::vector<clf::Example> rows;
  for (const std::string& path : a.data) {
    size_t skipped = 0;
    Status st = clf::ReadExamples(path, &rows, &skipped);
    if (!st.ok()) {
      std::fprintf(stderr, "aigis guard eval: %s: %s\n", path.c_str(), st.ToString().c_str());
      return kExitError;
    }
  }
  std::map<std::string, std::vector<size_t>> families;
  for (size_t i = 0; i < rows.size(); ++i) families[rows[i].family].push_back(i);
  if (families.size() < 2) {
    std::fprintf(stderr, "aigis guard eval: --leave-source-out needs at least two families\n");
    return kExitError;
  }
  clf::TrainOptions o = ToTrainOptions(a.recipe);
  if (Status st = clf::CheckBudgetExclude(rows, o); !st.ok()) {
    std::fprintf(stderr, "aigis guard eval: %s\n", st.ToString().c_str());
    return kExitError;
  }
  // --scores: one line per held-out row, so pooled figures over any subset of families can be
  // computed afterwards (the ranking figures need the scores, not the confusion counts).
  auto close = [](std::FILE* f) { std::fclose(f); };  // on error paths; success checks fclose
  std::unique_ptr<std::FILE, decltype(close)> scores(nullptr, close);
  if (!a.scores_out.empty()) {
    scores.reset(std::fopen(a.scores_out.c_str(), "w"));
    if (!scores) {
      std::fprintf(stderr, "aigis guard eval: cannot write %s\n", a.scores_out.c_str());
      return kExitError;
    }
  }
  std::vector<clf::Scored> pooled;
  clf::Confusion pooled_c;
  Json report = Json::array();
  std::printf("%-34s %6s %6s %6s  %-8s %-8s %-8s %-8s %-8s\n", "held-out family", "rows", "attack",
              "benign", "recall", "FPR", "BA", "AUC", "R@1%FPR");
  for (const auto& fam_rows : families) {
    // Named references, not a structured binding: clang-14 cannot capture bindings in lambdas.
    const auto& fam = fam_rows.first;
    const auto& idx = fam_rows.second;
    std::vector<clf::Example> train;
    train.reserve(rows.size() - idx.size());
    for (size_t i = 0; i < rows.size(); ++i) {
      if (rows[i].family != fam) train.push_back(rows[i]);
    }
    clf::TrainReport rep;
    Result<clf::LinearModel> m = clf::Train(train, o, &rep);
    if (!m.ok()) {
      std::fprintf(stderr, "aigis guard eval: family %s: %s\n", fam.c_str(),
                   m.status().ToString().c_str());
      return kExitError;
    }
    Result<std::shared_ptr<const clf::LinearClassifier>> c = clf::LinearClassifier::Create(*m);
    if (!c.ok()) return kExitError;
    std::vector<clf::Scored> s(idx.size());
    std::vector<double> margins(idx.size());
    std::vector<clf::LanguageGroup> groups(idx.size());
    ThreadPool pool(a.threads);
    for (size_t k = 0; k < idx.size(); ++k) {
      pool.Submit([&, k] {
        const std::string& text = rows[idx[k]].folded;
        Result<double> sc = (*c)->Score(text);
        s[k] = {sc.ok() ? *sc : 0.0, rows[idx[k]].attack};
        std::string compact;
        clf::CompactForModel(text, (*m).features, &compact);
        margins[k] = (*c)->CompactMargin(compact);
        groups[k] = clf::GroupOfCompact(compact);
      });
    }
    pool.Wait();
    clf::Confusion cf = clf::ConfusionAt(s, 0.5);
    size_t att = cf.tp + cf.fn, ben = cf.fp + cf.tn;
    Json fj = {{"family", fam},
               {"rows", idx.size()},
               {"attacks", att},
               {"benign", ben},
               {"tp", cf.tp},
               {"fp", cf.fp},
               {"fn", cf.fn},
               {"tn", cf.tn},
               {"recall", cf.Recall()},
               {"fpr", cf.Fpr()},
               {"balanced_accuracy", cf.BalancedAccuracy()}};
    // Where the held-out margins lie against the model's thresholds and bias (an unseen
    // language's margins stay near the bias), and which language groups the family's rows fall in.
    fj["threshold"] = m->threshold;
    fj["bias"] = m->bias;
    if (!m->group_thresholds.empty()) fj["group_thresholds"] = m->group_thresholds;
    for (int cls = 0; cls < 2; ++cls) {
      std::vector<double> v;
      for (size_t k = 0; k < idx.size(); ++k) {
        if (rows[idx[k]].attack == (cls == 1)) v.push_back(margins[k]);
      }
      if (v.empty()) continue;
      std::nth_element(v.begin(), v.begin() + v.size() / 2, v.end());
      fj[cls ? "median_margin_attack" : "median_margin_benign"] = v[v.size() / 2];
    }
    Json by_group = Json::object();
    for (clf::LanguageGroup g : groups) {
      std::string name(clf::LanguageGroupName(g));
      by_group[name] = by_group.value(name, 0) + 1;
    }
    fj["rows_by_group"] = std::move(by_group);
    if (!m->group_thresholds.empty()) {
      // The same model at its global threshold: what the run would give without the groups.
      clf::Confusion gc;
      for (size_t k = 0; k < idx.size(); ++k) gc.Add(s[k].positive, margins[k] >= m->threshold);
      fj["at_global_threshold"] = {{"tp", gc.tp}, {"fp", gc.fp}, {"fn", gc.fn}, {"tn", gc.tn}};
    }
    std::string auc = "-", r1 = "-";
    if (att && ben) {
      char buf[32];
      std::snprintf(buf, sizeof(buf), "%.4f", clf::RocAuc(s));
      auc = buf;
      std::snprintf(buf, sizeof(buf), "%.4f", clf::RecallAtFpr(s, 0.01));
      r1 = buf;
      fj["roc_auc"] = clf::RocAuc(s);
      fj["recall_at_1pct_fpr"] = clf::RecallAtFpr(s, 0.01);
    }
    auto num = [](bool has, double v) {
      if (!has) return std::string("-");
      char buf[32];
      std::snprintf(buf, sizeof(buf), "%.4f", v);
      return std::string(buf);
    };
    std::printf("%-34s %6zu %6zu %6zu  %-8s %-8s %-8.4f %-8s %-8s\n", fam.c_str(), idx.size(), att,
                ben, num(att, cf.Recall()).c_str(), num(ben, cf.Fpr()).c_str(),
                cf.BalancedAccuracy(), auc.c_str(), r1.c_str());
    pooled.insert(pooled.end(), s.begin(), s.end());
    if (scores) {
      for (size_t k = 0; k < idx.size(); ++k) {
        Json line = {{"family", fam}, {"attack", s[k].positive}, {"score", s[k].score}};
        std::fprintf(scores.get(), "%s\n", Dump(line).c_str());
      }
    }
    pooled_c.tp += cf.tp;
    pooled_c.fp += cf.fp;
    pooled_c.fn += cf.fn;
    pooled_c.tn += cf.tn;
    report.push_back(std::move(fj));
  }
  if (scores) {
    const bool failed = std::ferror(scores.get()) != 0;
    if (std::fclose(scores.release()) != 0 || failed) {
      std::fprintf(stderr, "aigis guard eval: cannot write %s\n", a.scores_out.c_str());
      return kExitError;
    }
  }
  std::printf("pooled held-out: rows %zu  P %.4f  recall %.4f  FPR %.4f  F1 %.4f  BA %.4f\n",
              pooled.size(), pooled_c.Precision(), pooled_c.Recall(), pooled_c.Fpr(), pooled_c.F1(),
              pooled_c.BalancedAccuracy());
  std::printf("    confusion  TP %zu  FP %zu  FN %zu  TN %zu\n", pooled_c.tp, pooled_c.fp,
              pooled_c.fn, pooled_c.tn);
  Json pj = {{"family", "(pooled)"}, {"tp", pooled_c.tp},
             {"fp", pooled_c.fp},    {"fn", pooled_c.fn},
             {"tn", pooled_c.tn},    {"balanced_accuracy", pooled_c.BalancedAccuracy()}};
  PrintScoreMetrics("    ", pooled, &pj);
  report.push_back(std::move(pj));
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
    c->add_option("--model", args->model,
                  "Classifier model file (default: guard.detectors.classifier.model, then the "
                  "model shipped in the binary)");
    c->add_flag("--no-classifier", args->no_classifier, "Signatures only");
  };
  add_common(sub);
  sub->add_option("text", args->text, "Text to check");
  sub->add_option("--file", args->file, "Read the text from this file ('-': standard input)");
  sub->add_option("--jsonl", args->jsonl,
                  "JSONL file of {\"text\": ...} ('-': standard input); prints one result line per "
                  "input line");
  sub->add_option("--field", args->field, "--jsonl: the member that holds the text (default text)");
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
  eval->add_option("--model", args->model, "Classifier model file (default: the shipped model)");
  eval->add_flag("--no-classifier", args->no_classifier, "Signatures only");
  CLI::Option* lso =
      eval->add_flag("--leave-source-out", args->leave_source_out,
                     "For every source family: train on the others, test on it (classifier only)");
  // Without --leave-source-out nothing is trained, so a recipe option would be ignored: refuse.
  std::vector<CLI::Option*> lso_only =
      AddRecipeOptions(eval, &args->recipe, "--leave-source-out: ");
  lso_only.push_back(eval->add_option(
      "--scores", args->scores_out,
      "--leave-source-out: write each held-out row's family, label and score (JSONL)"));
  for (CLI::Option* o : lso_only) o->needs(lso);
  eval->callback([args, exit_code] { *exit_code = RunEval(*args); });
  sub->callback([args, exit_code, eval] {
    if (eval->parsed()) return;
    *exit_code = RunGuard(*args);
  });
}

}  // namespace aigis::cli
