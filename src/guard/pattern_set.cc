#include "guard/pattern_set.h"

#include <hs/hs.h>
#include <re2/re2.h>

#include <algorithm>
#include <climits>

namespace aigis::guard {

PatternSet::~PatternSet() {
  if (db_ != nullptr) hs_free_database(db_);
}

Result<std::shared_ptr<const PatternSet>> PatternSet::Compile(const std::vector<PatternSpec>& specs,
                                                              uint32_t max_width) {
  std::shared_ptr<PatternSet> set(new PatternSet());
  set->size_ = specs.size();
  if (specs.empty()) return std::shared_ptr<const PatternSet>(set);
  std::vector<const char*> exprs;
  std::vector<unsigned> flags;
  std::vector<unsigned> ids;
  for (size_t i = 0; i < specs.size(); ++i) {
    unsigned f = HS_FLAG_ALLOWEMPTY;
    if (specs[i].caseless) f |= HS_FLAG_CASELESS;
    hs_expr_info_t* info = nullptr;
    hs_compile_error_t* err = nullptr;
    if (hs_expression_info(specs[i].expression.c_str(), f, &info, &err) != HS_SUCCESS) {
      std::string msg = "guard: pattern " + specs[i].id + ": " + (err ? err->message : "error");
      hs_free_compile_error(err);
      return Status::InvalidArgument(msg);
    }
    unsigned width = info->max_width;
    unsigned min_width = info->min_width;
    free(info);
    if (width == UINT_MAX || width > max_width) {
      return Status::InvalidArgument("guard: pattern " + specs[i].id +
                                     ": unbounded or too wide (max " + std::to_string(max_width) +
                                     " bytes); use bounded repeats");
    }
    if (min_width == 0) {
      return Status::InvalidArgument("guard: pattern " + specs[i].id + ": matches empty text");
    }
    RE2::Options o;
    o.set_encoding(RE2::Options::EncodingLatin1);  // byte semantics, as Vectorscan without UTF8
    o.set_case_sensitive(!specs[i].caseless);
    o.set_log_errors(false);
    o.set_max_mem(8 << 20);
    auto re = std::make_unique<RE2>("(" + specs[i].expression + ")\\z", o);
    if (!re->ok()) {
      return Status::InvalidArgument("guard: pattern " + specs[i].id + ": RE2: " + re->error());
    }
    set->anchored_.push_back(std::move(re));
    set->width_.push_back(width);
    exprs.push_back(specs[i].expression.c_str());
    flags.push_back(f & ~static_cast<unsigned>(HS_FLAG_ALLOWEMPTY));
    ids.push_back(static_cast<unsigned>(i));
  }
  hs_compile_error_t* err = nullptr;
  hs_database_t* db = nullptr;
  if (hs_compile_multi(exprs.data(), flags.data(), ids.data(), static_cast<unsigned>(exprs.size()),
                       HS_MODE_BLOCK, nullptr, &db, &err) != HS_SUCCESS) {
    std::string msg = "guard: compiling patterns failed";
    if (err != nullptr) {
      if (err->expression >= 0 && static_cast<size_t>(err->expression) < specs.size()) {
        msg += " at " + specs[static_cast<size_t>(err->expression)].id;
      }
      msg += std::string(": ") + err->message;
      hs_free_compile_error(err);
    }
    return Status::InvalidArgument(msg);
  }
  set->db_ = db;
  return std::shared_ptr<const PatternSet>(set);
}

bool PatternSet::FindStart(uint32_t index, std::string_view text, uint64_t end,
                           uint64_t* start) const {
  if (index >= anchored_.size() || end > text.size()) return false;
  uint64_t from = end > width_[index] ? end - width_[index] : 0;
  re2::StringPiece window(text.data() + from, static_cast<size_t>(end - from));
  re2::StringPiece whole;
  if (!RE2::PartialMatch(window, *anchored_[index], &whole)) return false;
  *start = from + static_cast<uint64_t>(whole.data() - window.data());
  return true;
}

Result<PatternScanner> PatternScanner::Create(std::shared_ptr<const PatternSet> set) {
  PatternScanner s;
  s.set_ = std::move(set);
  if (s.set_->db() != nullptr) {
    if (hs_alloc_scratch(s.set_->db(), &s.scratch_) != HS_SUCCESS) {
      return Status::Internal("guard: hs_alloc_scratch failed");
    }
  }
  return s;
}

PatternScanner::PatternScanner(PatternScanner&& o) noexcept
    : set_(std::move(o.set_)), scratch_(o.scratch_) {
  o.scratch_ = nullptr;
}
PatternScanner& PatternScanner::operator=(PatternScanner&& o) noexcept {
  if (this != &o) {
    if (scratch_ != nullptr) hs_free_scratch(scratch_);
    set_ = std::move(o.set_);
    scratch_ = o.scratch_;
    o.scratch_ = nullptr;
  }
  return *this;
}
PatternScanner::~PatternScanner() {
  if (scratch_ != nullptr) hs_free_scratch(scratch_);
}

namespace {
struct MatchCtx {
  std::vector<RawMatch>* out;
  size_t max;
  bool overflow;
};
int OnMatch(unsigned id, unsigned long long from, unsigned long long to, unsigned, void* ctx) {
  auto* m = static_cast<MatchCtx*>(ctx);
  if (m->out->size() >= m->max) {
    m->overflow = true;
    return 1;  // stop scanning
  }
  (void)from;
  m->out->push_back(RawMatch{id, 0, to});
  return 0;
}
}  // namespace

Status PatternScanner::Scan(std::string_view text, size_t max_matches, std::vector<RawMatch>* out) {
  if (set_ == nullptr || set_->db() == nullptr || text.empty()) return Status::Ok();
  if (text.size() > UINT_MAX) return Status::LimitExceeded("guard: text too large for one scan");
  size_t first = out->size();
  MatchCtx ctx{out, max_matches, false};
  hs_error_t rc = hs_scan(set_->db(), text.data(), static_cast<unsigned>(text.size()), 0, scratch_,
                          OnMatch, &ctx);
  // Resolve starts; drop the rare end that RE2 cannot confirm.
  size_t w = first;
  for (size_t i = first; i < out->size(); ++i) {
    RawMatch m = (*out)[i];
    if (set_->FindStart(m.index, text, m.to, &m.from)) (*out)[w++] = m;
  }
  out->resize(w);
  if (ctx.overflow) {
    return Status::LimitExceeded("guard: more than " + std::to_string(max_matches) +
                                 " raw pattern matches");
  }
  if (rc != HS_SUCCESS && rc != HS_SCAN_TERMINATED) {
    return Status::Internal("guard: hs_scan failed: " + std::to_string(rc));
  }
  return Status::Ok();
}

}  // namespace aigis::guard
