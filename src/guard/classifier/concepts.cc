#include "guard/classifier/concepts.h"

#include <openssl/evp.h>

#include <algorithm>
#include <map>
#include <set>
#include <string>
#include <tuple>

#include "guard/classifier/features.h"
#include "guard/normalize/normalizer.h"

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

// Bounds for a lexicon (the built-in one has 26 concepts and about 25,700 entries); an entry longer
// than a few words is a mistake, and the concept id must fit the pair hash.
constexpr size_t kMaxConcepts = 64;
constexpr size_t kMaxEntries = 100000;
constexpr size_t kMaxEntryBytes = 64;

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

Result<std::shared_ptr<const ConceptLexicon>> ConceptLexicon::Parse(std::string_view tsv) {
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
    lex->entries_.push_back({it->second, match});
    literals.push_back(std::move(literal));
  }
  if (lex->entries_.empty()) return Status::InvalidArgument("concept lexicon: no entries");
  lex->Build(literals);
  return std::shared_ptr<const ConceptLexicon>(std::move(lex));
}

void ConceptLexicon::Build(const std::vector<std::string>& literals) {
  // Literals grouped by their first min(4, length) bytes ("head"); a group's literals are
  // compared in full only where the text starts with its head. Heads of 1-3 bytes are kept
  // apart from 4-byte heads (class = head length), so "all" and "allow" are separate groups.
  std::map<uint64_t, std::vector<uint32_t>> groups;
  for (size_t i = 0; i < literals.size(); ++i) {
    const auto* l = reinterpret_cast<const unsigned char*>(literals[i].data());
    const size_t hl = std::min<size_t>(4, literals[i].size());
    groups[HeadKey(l, hl)].push_back(static_cast<uint32_t>(i));
    if (entries_[i].match == ConceptMatch::kAny) any_first_[l[0]] = true;
    SetFilter(hl, l);
  }
  for (size_t i = 0; i < literals.size(); ++i) {
    lit_offset_.push_back(static_cast<uint32_t>(lit_bytes_.size()));
    lit_bytes_ += literals[i];
  }
  lit_offset_.push_back(static_cast<uint32_t>(lit_bytes_.size()));
  for (uint8_t hl = 1; hl <= 4; ++hl) {
    if (!filters_[hl - 1].empty()) head_lengths_.push_back(hl);
  }
  size_t slots = 16;
  while (slots < 2 * groups.size()) slots *= 2;
  slots_.assign(slots, Slot{});
  for (const auto& [key, members] : groups) {
    size_t h = SlotOf(key, slots);
    while (slots_[h].end != 0) h = (h + 1) & (slots - 1);
    slots_[h].key = key;
    slots_[h].begin = static_cast<uint32_t>(members_.size());
    members_.insert(members_.end(), members.begin(), members.end());
    slots_[h].end = static_cast<uint32_t>(members_.size());
  }
}

Result<std::shared_ptr<const ConceptLexicon>> ConceptLexicon::Builtin() {
  static const Result<std::shared_ptr<const ConceptLexicon>> kBuiltin = [] {
#ifdef AIGIS_CONCEPTS_PATH
    return Parse(std::string_view(aigis_concepts_begin,
                                  static_cast<size_t>(aigis_concepts_end - aigis_concepts_begin)));
#else
    return Result<std::shared_ptr<const ConceptLexicon>>(
        Status::NotFound("concept lexicon: built without rules/classifier/concepts.tsv"));
#endif
  }();
  return kBuiltin;
}

void ConceptLexicon::MatchGroup(const unsigned char* s, size_t n, size_t p, size_t head_len,
                                bool boundary, std::vector<ConceptHit>* out) const {
  const uint64_t key = HeadKey(s + p, head_len);
  const size_t mask = slots_.size() - 1;
  for (size_t h = SlotOf(key, slots_.size()); slots_[h].end != 0; h = (h + 1) & mask) {
    if (slots_[h].key != key) continue;
    for (uint32_t m = slots_[h].begin; m < slots_[h].end; ++m) {
      const uint32_t li = members_[m];
      const Entry& e = entries_[li];
      const size_t len = lit_offset_[li + 1] - lit_offset_[li];
      if (e.match != ConceptMatch::kAny && !boundary) continue;
      if (p + len > n) continue;
      // The head matched (the key); compare the rest inline (literals are short).
      const char* l = lit_bytes_.data() + lit_offset_[li];
      size_t k = head_len;
      while (k < len && s[p + k] == static_cast<unsigned char>(l[k])) ++k;
      if (k != len) continue;
      if (e.match == ConceptMatch::kWord && p + len < n && internal::IsWordByte(s[p + len])) {
        continue;
      }
      out->push_back({e.concept_id, static_cast<uint32_t>(p)});
    }
    return;
  }
}

Status ConceptLexicon::Hits(std::string_view compact, std::vector<ConceptHit>* out) const {
  out->clear();
  if (compact.size() > UINT32_MAX) return Status::InvalidArgument("concept lexicon: text too long");
  const auto* s = reinterpret_cast<const unsigned char*>(compact.data());
  const size_t n = compact.size();
  for (size_t p = 0; p < n; ++p) {
    // Only `any` literals may start inside a word; everything else starts after a non-word byte.
    if (!first_byte_[s[p]]) continue;
    const bool boundary = p == 0 || !internal::IsWordByte(s[p - 1]);
    if (!boundary && !any_first_[s[p]]) continue;
    for (uint8_t hl : head_lengths_) {
      if (p + hl > n) break;
      if (HasFilter(hl, s + p)) MatchGroup(s, n, p, hl, boundary, out);
    }
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
