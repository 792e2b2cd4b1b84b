#include "guard/classifier/concepts.h"

#include <openssl/evp.h>

#include <algorithm>
#include <atomic>
#include <cstring>
#include <map>
#include <set>
#include <string>
#include <tuple>

#include "guard/classifier/features.h"
#include "guard/classifier/words.h"
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

// Bounds for a lexicon (the built-in one has 26 concepts and about 25,600 entries); an entry longer
// than a few words is a mistake (kMaxConcepts: concepts.h).
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
  lex->Build(std::move(literals));
  return std::shared_ptr<const ConceptLexicon>(std::move(lex));
}

void ConceptLexicon::BuildIndex(const std::vector<std::string>& literals,
                                const std::vector<Entry>& entries, const std::vector<uint32_t>& ids,
                                HeadIndex* ix) {
  // Heads of 1-3 bytes are kept apart from 4-byte heads (the key holds the head length), so
  // "all" and "allow" are separate groups.
  std::map<uint64_t, std::vector<uint32_t>> groups;
  for (uint32_t i : ids) {
    const auto* l = reinterpret_cast<const unsigned char*>(literals[i].data());
    const size_t hl = std::min<size_t>(4, literals[i].size());
    groups[HeadKey(l, hl)].push_back(i);
    if (entries[i].match == ConceptMatch::kAny) ix->any_first[l[0]] = true;
    ix->first_byte[l[0]] = true;
    std::vector<uint64_t>& f = ix->filters[hl - 1];
    if (f.empty()) f.assign((size_t{1} << kFilterLog2[hl - 1]) / 64, 0);
    const uint32_t bit = FilterBit(hl, l);
    f[bit >> 6] |= uint64_t{1} << (bit & 63);
  }
  for (uint8_t hl = 1; hl <= 4; ++hl) {
    if (!ix->filters[hl - 1].empty()) ix->head_lengths.push_back(hl);
  }
  size_t slots = 16;
  while (slots < 2 * groups.size()) slots *= 2;
  ix->slots.assign(slots, Slot{});
  for (const auto& [key, members] : groups) {
    size_t h = SlotOf(key, slots);
    while (ix->slots[h].end != 0) h = (h + 1) & (slots - 1);
    ix->slots[h].key = key;
    ix->slots[h].begin = static_cast<uint32_t>(ix->members.size());
    ix->members.insert(ix->members.end(), members.begin(), members.end());
    ix->slots[h].end = static_cast<uint32_t>(ix->members.size());
  }
}

void ConceptLexicon::Build(std::vector<std::string> literals) {
  static std::atomic<uint64_t> next_cache_id{1};
  cache_id_ = next_cache_id.fetch_add(1);
  for (const std::string& l : literals) {
    lit_offset_.push_back(static_cast<uint32_t>(lit_bytes_.size()));
    lit_bytes_ += l;
  }
  lit_offset_.push_back(static_cast<uint32_t>(lit_bytes_.size()));
  std::vector<uint32_t> all, simple, complex;  // complex: `any` ones only (MatchRest: others)
  std::set<size_t> any_lengths;
  std::map<uint64_t, std::vector<uint32_t>> rest_groups;
  rest_begin_.assign(literals.size(), 0);
  for (uint32_t i = 0; i < literals.size(); ++i) {
    const std::string& l = literals[i];
    all.push_back(i);
    size_t lead = 0;
    while (lead < l.size() && internal::IsWordByte(static_cast<unsigned char>(l[lead]))) ++lead;
    if (lead == 0) scan_all_ = true;
    if (lead == l.size()) {
      simple.push_back(i);
      continue;
    }
    if (entries_[i].match == ConceptMatch::kAny) {
      complex.push_back(i);
      complex_any_leads_.insert(l.substr(0, lead));
      SetLead(std::string_view(l).substr(0, lead), 1);
      any_lengths.insert(lead);
      continue;
    }
    auto [g, added] = complex_groups_.emplace(l.substr(0, lead), complex_groups_.size());
    SetLead(std::string_view(l).substr(0, lead), 0);
    if (complex_groups_.size() >= kNoGroup) scan_all_ = true;  // ids must fit 16 bits
    const auto* rest = reinterpret_cast<const unsigned char*>(l.data()) + lead;
    const size_t hl = std::min<size_t>(4, l.size() - lead);
    rest_begin_[i] = static_cast<uint8_t>(lead);
    if (group_masks_.size() <= g->second) group_masks_.resize(g->second + 1, 0);
    group_masks_[g->second] |= l.size() - lead >= 3 ? RestMaskBit(rest) : ~uint64_t{0};
    rest_groups[RestKey(g->second, rest, hl)].push_back(i);
    if (group_head_lens_.size() <= g->second) group_head_lens_.resize(g->second + 1, 0);
    group_head_lens_[g->second] |= static_cast<uint8_t>(1u << hl);
  }
  complex_any_lead_lengths_.assign(any_lengths.begin(), any_lengths.end());
  if (scan_all_) {
    BuildIndex(literals, entries_, all, &all_);
    return;
  }
  BuildIndex(literals, entries_, simple, &simple_);
  BuildIndex(literals, entries_, complex, &complex_);
  size_t slots = 16;
  while (slots < 2 * rest_groups.size()) slots *= 2;
  rest_slots_.assign(slots, Slot{});
  rest_filter_.assign((size_t{1} << 18) / 64, 0);
  for (const auto& [key, members] : rest_groups) {
    size_t h = SlotOf(key, slots);
    while (rest_slots_[h].end != 0) h = (h + 1) & (slots - 1);
    rest_slots_[h].key = key;
    rest_slots_[h].begin = static_cast<uint32_t>(rest_members_.size());
    rest_members_.insert(rest_members_.end(), members.begin(), members.end());
    rest_slots_[h].end = static_cast<uint32_t>(rest_members_.size());
    const uint32_t bit = RestFilterBit(key);
    rest_filter_[bit >> 6] |= uint64_t{1} << (bit & 63);
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

void ConceptLexicon::MatchAt(const HeadIndex& ix, const unsigned char* s, size_t n, size_t p,
                             bool boundary, std::vector<ConceptHit>* out) const {
  if (ix.slots.empty()) return;
  const size_t mask = ix.slots.size() - 1;
  for (uint8_t hl : ix.head_lengths) {
    if (p + hl > n) break;
    if (!HasFilter(ix, hl, s + p)) continue;
    const uint64_t key = HeadKey(s + p, hl);
    for (size_t h = SlotOf(key, ix.slots.size()); ix.slots[h].end != 0; h = (h + 1) & mask) {
      if (ix.slots[h].key != key) continue;
      for (uint32_t m = ix.slots[h].begin; m < ix.slots[h].end; ++m) {
        const uint32_t li = ix.members[m];
        const Entry& e = entries_[li];
        const size_t len = lit_offset_[li + 1] - lit_offset_[li];
        if (e.match != ConceptMatch::kAny && !boundary) continue;
        if (p + len > n) continue;
        // The head matched (the key); compare the rest inline (literals are short).
        const char* l = lit_bytes_.data() + lit_offset_[li];
        size_t k = hl;
        while (k < len && s[p + k] == static_cast<unsigned char>(l[k])) ++k;
        if (k != len) continue;
        if (e.match == ConceptMatch::kWord && p + len < n && internal::IsWordByte(s[p + len])) {
          continue;
        }
        out->push_back({e.concept_id, static_cast<uint32_t>(p)});
      }
      break;
    }
  }
}

void ConceptLexicon::ScanAll(const unsigned char* s, size_t n, std::vector<ConceptHit>* out) const {
  for (size_t p = 0; p < n; ++p) {
    if (!all_.first_byte[s[p]]) continue;
    const bool boundary = p == 0 || !internal::IsWordByte(s[p - 1]);
    if (!boundary && !all_.any_first[s[p]]) continue;
    MatchAt(all_, s, n, p, boundary, out);
  }
}

ConceptLexicon::WordInfo ConceptLexicon::SimpleHits(const unsigned char* s, size_t n, size_t p,
                                                    size_t len,
                                                    std::vector<ConceptHit>* out) const {
  // A simple literal cannot reach past the word (the byte after it is not a word byte), so the
  // hits depend on the word alone; `word` entries see the true next byte.
  if (simple_.first_byte[s[p]]) MatchAt(simple_, s, n, p, true, out);
  for (size_t q = p + 1; q < p + len; ++q) {
    if (simple_.any_first[s[q]]) MatchAt(simple_, s, n, q, false, out);
  }
  WordInfo info;
  const std::string_view word(reinterpret_cast<const char*>(s + p), len);
  // Few words are leading runs: a bit test rejects the others before the ordered lookups.
  if (MayBeLead(word, 0)) {
    if (auto g = complex_groups_.find(word); g != complex_groups_.end()) {
      info.group = g->second;
      info.rest_mask = group_masks_[g->second];
    }
  }
  for (size_t l : complex_any_lead_lengths_) {
    if (l > len) break;
    const std::string_view end = word.substr(len - l);
    if (MayBeLead(end, 1) && complex_any_leads_.find(end) != complex_any_leads_.end()) {
      info.any_end = true;
    }
  }
  return info;
}

void ConceptLexicon::MatchRest(uint16_t group, const unsigned char* s, size_t n, size_t p, size_t e,
                               std::vector<ConceptHit>* out) const {
  const size_t mask = rest_slots_.size() - 1;
  for (size_t hl = 1; hl <= 4; ++hl) {
    if (((group_head_lens_[group] >> hl) & 1) == 0) continue;
    if (e + hl > n) break;
    const uint64_t key = RestKey(group, s + e, hl);
    const uint32_t bit = RestFilterBit(key);
    if (((rest_filter_[bit >> 6] >> (bit & 63)) & 1) == 0) continue;
    for (size_t h = SlotOf(key, rest_slots_.size()); rest_slots_[h].end != 0; h = (h + 1) & mask) {
      if (rest_slots_[h].key != key) continue;
      for (uint32_t m = rest_slots_[h].begin; m < rest_slots_[h].end; ++m) {
        const uint32_t li = rest_members_[m];
        const size_t rest = lit_offset_[li + 1] - lit_offset_[li] - rest_begin_[li];
        if (e + rest > n) continue;
        const char* l = lit_bytes_.data() + lit_offset_[li] + rest_begin_[li];
        size_t k = hl;
        while (k < rest && s[e + k] == static_cast<unsigned char>(l[k])) ++k;
        if (k != rest) continue;
        if (entries_[li].match == ConceptMatch::kWord && e + rest < n &&
            internal::IsWordByte(s[e + rest])) {
          continue;
        }
        out->push_back({entries_[li].concept_id, static_cast<uint32_t>(p)});
      }
      break;
    }
  }
}

void ConceptLexicon::ComplexAnyHits(const unsigned char* s, size_t n, size_t p, size_t len,
                                    std::vector<ConceptHit>* out) const {
  // A complex `any` literal starts where the rest of the word is its leading run.
  for (size_t l : complex_any_lead_lengths_) {
    if (l > len) break;
    MatchAt(complex_, s, n, p + len - l, l == len, out);
  }
}

void ConceptLexicon::ComplexHits(const unsigned char* s, size_t n, size_t p, size_t len,
                                 const WordInfo& info, std::vector<ConceptHit>* out) const {
  if (info.group != kNoGroup) MatchRest(info.group, s, n, p, p + len, out);
  if (info.any_end) ComplexAnyHits(s, n, p, len, out);
}

void ConceptLexicon::SortHits(std::vector<ConceptHit>* hits) {
  auto less = [](const ConceptHit& a, const ConceptHit& b) {
    return a.start != b.start ? a.start < b.start : a.concept_id < b.concept_id;
  };
  if (!std::is_sorted(hits->begin(), hits->end(), less)) {
    std::sort(hits->begin(), hits->end(), less);
  }
  hits->erase(std::unique(hits->begin(), hits->end(),
                          [](const ConceptHit& a, const ConceptHit& b) {
                            return a.start == b.start && a.concept_id == b.concept_id;
                          }),
              hits->end());
}

namespace {

// Hits's per-thread word cache: the simple hits of a word (offsets in the word, concepts) and
// its WordInfo, for words of at most kCachedWordBytes bytes with at most kCachedHits hits.
// Direct-mapped, 64-byte entries; an entry belongs to the lexicon whose cache_id_ it holds.
// (The scorer has its own cache, which also holds the word's feature hash: features.cc.)
constexpr size_t kCachedWordBytes = 24;
constexpr size_t kCachedHits = 4;
constexpr size_t kCacheLog2 = 12;  // 4,096 entries, 256 KiB per thread
struct alignas(64) CachedWord {
  uint64_t owner = 0;
  uint64_t head = 0;  // the word's first 8 bytes (zero-padded)
  ConceptLexicon::WordInfo info;
  uint8_t len = 0, nhits = 0;
  uint8_t off[kCachedHits] = {};
  uint8_t concept_id[kCachedHits] = {};
  unsigned char tail[kCachedWordBytes - 8] = {};  // bytes 8..len (zero-padded)
};
static_assert(sizeof(CachedWord) == 64);

CachedWord* ThreadCache() {
  thread_local std::unique_ptr<CachedWord[]> cache(new CachedWord[size_t{1} << kCacheLog2]);
  return cache.get();
}

}  // namespace

Status ConceptLexicon::Hits(std::string_view compact, std::vector<ConceptHit>* out) const {
  out->clear();
  if (compact.size() > UINT32_MAX) return Status::InvalidArgument("concept lexicon: text too long");
  const auto* s = reinterpret_cast<const unsigned char*>(compact.data());
  const size_t n = compact.size();
  if (scan_all_) {
    ScanAll(s, n, out);
    SortHits(out);
    return Status::Ok();
  }
  CachedWord* cache = ThreadCache();
  internal::ForEachWord(s, n, [&](size_t p, size_t len) {
    WordInfo info;
    const uint64_t head = internal::LoadPadded(s, n, p, std::min<size_t>(8, len));
    CachedWord* c =
        len <= kCachedWordBytes ? &cache[internal::WordCacheSlot(head, len, kCacheLog2)] : nullptr;
    if (c != nullptr && c->owner == cache_id_ && c->head == head && c->len == len &&
        (len <= 8 || internal::TailEquals(c->tail, s, n, p, len))) {
      for (uint8_t i = 0; i < c->nhits; ++i) {
        out->push_back({c->concept_id[i], static_cast<uint32_t>(p + c->off[i])});
      }
      info = c->info;
    } else {
      const size_t before = out->size();
      info = SimpleHits(s, n, p, len, out);
      if (c != nullptr && out->size() - before <= kCachedHits) {
        *c = CachedWord{};
        c->owner = cache_id_;
        c->head = head;
        c->info = info;
        c->len = static_cast<uint8_t>(len);
        c->nhits = static_cast<uint8_t>(out->size() - before);
        for (size_t i = 0; i < c->nhits; ++i) {
          c->off[i] = static_cast<uint8_t>((*out)[before + i].start - p);
          c->concept_id[i] = static_cast<uint8_t>((*out)[before + i].concept_id);
        }
        if (len > 8) std::memcpy(c->tail, s + p + 8, len - 8);
      }
    }
    if (MayHaveComplex(info, s, n, p + len)) ComplexHits(s, n, p, len, info, out);
  });
  SortHits(out);
  return Status::Ok();
}

}  // namespace aigis::guard::classifier
