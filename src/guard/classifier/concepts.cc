#include "guard/classifier/concepts.h"

#include <hs/hs.h>
#include <openssl/evp.h>

#include <algorithm>
#include <map>
#include <set>
#include <string>
#include <tuple>

#include "guard/classifier/features.h"
#include "guard/normalize/normalizer.h"
#include "guard/pattern_set.h"

#ifdef AIGIS_CONCEPTS_PATH
// The lexicon is embedded like the model (embedded_model.cc); AIGIS_CONCEPTS_SHA256 is in the
// compile definitions so that ccache recompiles this file when the lexicon changes.
__asm__(
    ".pushsection .rodata\n"
    ".global aigis_concepts_begin\n"
    "aigis_concepts_begin:\n"
    ".incbin \"" AIGIS_CONCEPTS_PATH
    "\"\n"
    ".global aigis_concepts_end\n"
    "aigis_concepts_end:\n"
    ".popsection\n");
extern "C" const char aigis_concepts_begin[];
extern "C" const char aigis_concepts_end[];
static_assert(sizeof(AIGIS_CONCEPTS_SHA256) > 1, "lexicon digest");
#endif

namespace aigis::guard::classifier {

namespace {

// Bounds for a lexicon (the built-in one has about 18 concepts and 15,000 entries); an entry longer
// than a few words is a mistake, and the concept id must fit the pair hash.
constexpr size_t kMaxConcepts = 64;
constexpr size_t kMaxEntries = 100000;
constexpr size_t kMaxEntryBytes = 64;

struct ScratchHolder {
  hs_scratch_t* scratch = nullptr;
  ~ScratchHolder() {
    if (scratch != nullptr) hs_free_scratch(scratch);
  }
};

struct MatchContext {
  std::string_view text;
  std::vector<ConceptHit>* out;
};

std::vector<std::string_view> SplitTabs(std::string_view line) {
  std::vector<std::string_view> f;
  size_t b = 0;
  for (size_t i = 0; i <= line.size(); ++i) {
    if (i == line.size() || line[i] == '\t') {
      f.push_back(line.substr(b, i - b));
      b = i + 1;
    }
  }
  return f;
}

}  // namespace

std::string ShortDigest(const std::array<uint8_t, 32>& d) {
  static const char kHex[] = "0123456789abcdef";
  std::string s;
  for (size_t i = 0; i < 8; ++i) {
    s.push_back(kHex[d[i] >> 4]);
    s.push_back(kHex[d[i] & 15]);
  }
  return s;
}

ConceptLexicon::~ConceptLexicon() {
  if (db_ != nullptr) hs_free_database(db_);
}

Result<std::shared_ptr<const ConceptLexicon>> ConceptLexicon::Parse(std::string_view tsv,
                                                                    const std::string& cache_dir) {
  std::shared_ptr<ConceptLexicon> lex(new ConceptLexicon());
  unsigned int dlen = 0;
  if (EVP_Digest(tsv.data(), tsv.size(), lex->digest_.data(), &dlen, EVP_sha256(), nullptr) != 1 ||
      dlen != 32) {
    return Status::Internal("concept lexicon: SHA-256 failed");
  }
  std::map<std::string, uint32_t> concept_ids;
  // Literal -> entry: the same folded literal with the same concept and kind once only.
  std::set<std::tuple<std::string, uint32_t, ConceptMatch>> seen;
  std::vector<std::string> literals;
  size_t line_no = 0;
  size_t pos = 0;
  while (pos < tsv.size()) {
    size_t nl = tsv.find('\n', pos);
    if (nl == std::string_view::npos) nl = tsv.size();
    std::string_view line = tsv.substr(pos, nl - pos);
    pos = nl + 1;
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty() || line[0] == '#') continue;
    auto where = [&] { return "concept lexicon: line " + std::to_string(line_no) + ": "; };
    std::vector<std::string_view> f = SplitTabs(line);
    if (f.size() != 4) return Status::InvalidArgument(where() + "want 4 tab-separated fields");
    if (f[0].empty() || f[1].empty() || f[3].empty()) {
      return Status::InvalidArgument(where() + "empty field");
    }
    ConceptMatch match;
    if (f[2] == "prefix") {
      match = ConceptMatch::kPrefix;
    } else if (f[2] == "word") {
      match = ConceptMatch::kWord;
    } else if (f[2] == "any") {
      match = ConceptMatch::kAny;
    } else {
      return Status::InvalidArgument(where() + "match kind must be prefix, word or any");
    }
    std::string literal;
    CompactText(normalize::FoldForMatching(f[3]), &literal);
    while (!literal.empty() && literal.back() == ' ') literal.pop_back();
    while (!literal.empty() && literal.front() == ' ') literal.erase(literal.begin());
    if (literal.empty() || literal.size() > kMaxEntryBytes) {
      return Status::InvalidArgument(where() + "entry is empty after folding or longer than " +
                                     std::to_string(kMaxEntryBytes) + " bytes");
    }
    auto [it, added] = concept_ids.emplace(std::string(f[0]), lex->concepts_.size());
    if (added) {
      if (lex->concepts_.size() >= kMaxConcepts) {
        return Status::InvalidArgument(where() + "more than " + std::to_string(kMaxConcepts) +
                                       " concepts");
      }
      lex->concepts_.emplace_back(f[0]);
    }
    if (!seen.emplace(literal, it->second, match).second) continue;
    if (lex->entries_.size() >= kMaxEntries) {
      return Status::InvalidArgument(where() + "more than " + std::to_string(kMaxEntries) +
                                     " entries");
    }
    lex->entries_.push_back({it->second, static_cast<uint32_t>(literal.size()), match});
    literals.push_back(std::move(literal));
  }
  if (lex->entries_.empty()) return Status::InvalidArgument("concept lexicon: no entries");
  std::vector<const char*> ptrs;
  std::vector<size_t> lens;
  std::vector<unsigned int> flags(literals.size(), 0), ids(literals.size());
  for (size_t i = 0; i < literals.size(); ++i) {
    ptrs.push_back(literals[i].data());
    lens.push_back(literals[i].size());
    ids[i] = static_cast<unsigned int>(i);
  }
  // Compiling ~20,000 literals takes about half a second (Vectorscan's literal analysis), paid by
  // every process that loads a concept model; the compiled database is cached like the guard's.
  // Keyed by the folded literals themselves (ids are their positions), not the file: a change
  // in the folding changes them without changing the file.
  std::string key = "concepts-v1";
  for (const std::string& l : literals) {
    key.push_back('\0');
    key += l;
  }
  if ((lex->db_ = LoadCachedHsDatabase(cache_dir, "concepts", key)) != nullptr) {
    return std::shared_ptr<const ConceptLexicon>(std::move(lex));
  }
  hs_compile_error_t* err = nullptr;
  if (hs_compile_lit_multi(ptrs.data(), flags.data(), ids.data(), lens.data(),
                           static_cast<unsigned int>(literals.size()), HS_MODE_BLOCK, nullptr,
                           &lex->db_, &err) != HS_SUCCESS) {
    std::string msg = err != nullptr && err->message != nullptr ? err->message : "unknown";
    hs_free_compile_error(err);
    return Status::Internal("concept lexicon: Vectorscan compile failed: " + msg);
  }
  StoreCachedHsDatabase(cache_dir, "concepts", key, lex->db_);
  return std::shared_ptr<const ConceptLexicon>(std::move(lex));
}

Result<std::shared_ptr<const ConceptLexicon>> ConceptLexicon::Builtin() {
  static const Result<std::shared_ptr<const ConceptLexicon>> kBuiltin = [] {
#ifdef AIGIS_CONCEPTS_PATH
    return Parse(std::string_view(aigis_concepts_begin,
                                  static_cast<size_t>(aigis_concepts_end - aigis_concepts_begin)),
                 PatternSet::DefaultCacheDir());
#else
    return Result<std::shared_ptr<const ConceptLexicon>>(
        Status::NotFound("concept lexicon: built without rules/classifier/concepts.tsv"));
#endif
  }();
  return kBuiltin;
}

int ConceptLexicon::OnMatch(unsigned int id, unsigned long long /*from*/, unsigned long long to,
                            unsigned int /*flags*/, void* ctx) {
  auto* c = static_cast<std::pair<const ConceptLexicon*, MatchContext*>*>(ctx);
  const Entry& e = c->first->entries_[id];
  const std::string_view s = c->second->text;
  const size_t end = static_cast<size_t>(to);
  const size_t start = end - e.length;
  auto word_byte = [&](size_t i) { return internal::IsWordByte(static_cast<unsigned char>(s[i])); };
  if (e.match != ConceptMatch::kAny && start > 0 && word_byte(start - 1)) return 0;
  if (e.match == ConceptMatch::kWord && end < s.size() && word_byte(end)) return 0;
  c->second->out->push_back({e.concept_id, static_cast<uint32_t>(start)});
  return 0;
}

Status ConceptLexicon::Hits(std::string_view compact, std::vector<ConceptHit>* out) const {
  out->clear();
  if (compact.empty()) return Status::Ok();
  if (compact.size() > UINT32_MAX) return Status::InvalidArgument("concept lexicon: text too long");
  thread_local ScratchHolder scratch;
  if (hs_alloc_scratch(db_, &scratch.scratch) != HS_SUCCESS) {
    return Status::Internal("concept lexicon: hs_alloc_scratch failed");
  }
  MatchContext mc{compact, out};
  std::pair<const ConceptLexicon*, MatchContext*> ctx{this, &mc};
  if (hs_scan(db_, compact.data(), static_cast<unsigned int>(compact.size()), 0, scratch.scratch,
              &ConceptLexicon::OnMatch, &ctx) != HS_SUCCESS) {
    return Status::Internal("concept lexicon: hs_scan failed");
  }
  std::sort(out->begin(), out->end(), [](const ConceptHit& a, const ConceptHit& b) {
    return a.start != b.start ? a.start < b.start : a.concept_id < b.concept_id;
  });
  out->erase(std::unique(out->begin(), out->end(),
                         [](const ConceptHit& a, const ConceptHit& b) {
                           return a.start == b.start && a.concept_id == b.concept_id;
                         }),
             out->end());
  return Status::Ok();
}

}  // namespace aigis::guard::classifier
