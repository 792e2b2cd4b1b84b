#include "guard/classifier/model.h"

#include <openssl/evp.h>

#include <array>
#include <bit>
#include <cmath>
#include <cstring>
#include <filesystem>

#include "core/bytes.h"
#include "core/mapped_file.h"
#include "guard/classifier/concepts.h"

namespace aigis::guard::classifier {

constexpr uint8_t kFlagFoldEncoded = 1;  // model version 4 feature flags
constexpr uint8_t kFlagFoldNumbers = 2;
namespace {

constexpr size_t kDigestBytes = 32;

void PutU32(std::string* out, uint32_t v) { AppendLe(out, v, 4); }
void PutU64(std::string* out, uint64_t v) { AppendLe(out, v, 8); }
void PutF32(std::string* out, float f) { PutU32(out, std::bit_cast<uint32_t>(f)); }

bool Sha256(ByteView data, uint8_t out[kDigestBytes]) {
  unsigned int len = 0;
  return EVP_Digest(data.data(), data.size(), out, &len, EVP_sha256(), nullptr) == 1 &&
         len == kDigestBytes;
}

bool ValidName(const std::string& name, size_t max) {
  if (name.empty() || name.size() > max) return false;
  for (char c : name) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-';
    if (!ok) return false;
  }
  return true;
}

Result<float> ReadF32(ByteReader& r, const char* field) {
  AIGIS_ASSIGN_OR_RETURN(uint32_t bits, r.ReadU32Le());
  float f = std::bit_cast<float>(bits);
  if (!std::isfinite(f)) {
    return Status::Malformed(r.offset() - 4,
                             std::string("classifier model: ") + field + " is not finite");
  }
  return f;
}

}  // namespace

Status ValidateConfig(const LinearModel& m, const ModelLimits& lim) {
  const FeatureConfig& f = m.features;
  if (f.log2_buckets < lim.min_log2_buckets || f.log2_buckets > lim.max_log2_buckets) {
    return Status::LimitExceeded(
        "classifier model: log2_buckets " + std::to_string(f.log2_buckets) + " outside [" +
        std::to_string(lim.min_log2_buckets) + ", " + std::to_string(lim.max_log2_buckets) + "]");
  }
  if (f.char_min < 1 || f.char_min > f.char_max || f.char_max > lim.max_char_ngram) {
    return Status::Malformed("classifier model: character n-gram range " +
                             std::to_string(f.char_min) + ".." + std::to_string(f.char_max) +
                             " invalid");
  }
  if (f.word_max > lim.max_word_ngram) {
    return Status::Malformed("classifier model: word n-gram length " + std::to_string(f.word_max) +
                             " > " + std::to_string(lim.max_word_ngram));
  }
  if (m.window_bytes < lim.min_window_bytes || m.window_bytes > lim.max_window_bytes ||
      m.window_stride == 0 || m.window_stride > m.window_bytes ||
      m.window_bytes % m.window_stride != 0) {
    return Status::Malformed("classifier model: window " + std::to_string(m.window_bytes) +
                             " stride " + std::to_string(m.window_stride) + " invalid");
  }
  if (!ValidName(m.name, lim.max_name_bytes)) {
    return Status::Malformed("classifier model: name '" + m.name + "' invalid");
  }
  if (!std::isfinite(m.bias) || !std::isfinite(m.scale) || !std::isfinite(m.threshold) ||
      m.scale <= 0) {
    return Status::Malformed("classifier model: bias/scale/threshold not finite or scale <= 0");
  }
  if (!m.group_thresholds.empty() && m.group_thresholds.size() != kLanguageGroups) {
    return Status::Malformed("classifier model: " + std::to_string(m.group_thresholds.size()) +
                             " group thresholds, expected " + std::to_string(kLanguageGroups));
  }
  for (float t : m.group_thresholds) {
    if (!std::isfinite(t)) return Status::Malformed("classifier model: group threshold not finite");
  }
  if (f.concept_copies > lim.max_concept_copies) {
    return Status::LimitExceeded("classifier model: " + std::to_string(f.concept_copies) +
                                 " concept copies > " + std::to_string(lim.max_concept_copies));
  }
  if (f.concept_copies > 0) {
    Result<std::shared_ptr<const ConceptLexicon>> lex = ConceptLexicon::Builtin();
    if (!lex.ok()) return Status::Internal("classifier model: " + lex.status().ToString());
  }
  return Status::Ok();
}

float ThresholdFor(const LinearModel& m, LanguageGroup g) {
  const auto i = static_cast<size_t>(g);
  return i < m.group_thresholds.size() ? m.group_thresholds[i] : m.threshold;
}

std::string SerializeModel(const LinearModel& m) {
  std::string out(kModelMagic, sizeof(kModelMagic));
  const uint8_t flags = static_cast<uint8_t>((m.features.fold_encoded ? kFlagFoldEncoded : 0) |
                                             (m.features.fold_numbers ? kFlagFoldNumbers : 0));
  const uint32_t version = m.features.concept_copies != 0 ? 5
                           : flags != 0                   ? 4
                           : m.group_thresholds.empty()   ? 2
                                                          : 3;
  PutU32(&out, version);
  out.push_back(static_cast<char>(m.features.char_min));
  out.push_back(static_cast<char>(m.features.char_max));
  out.push_back(static_cast<char>(m.features.word_max));
  out.push_back(static_cast<char>(m.features.log2_buckets));
  PutU32(&out, m.window_bytes);
  PutU32(&out, m.window_stride);
  PutF32(&out, m.bias);
  PutF32(&out, m.scale);
  PutF32(&out, m.threshold);
  if (version >= 3) {
    out.push_back(static_cast<char>(m.group_thresholds.size()));
    for (float t : m.group_thresholds) PutF32(&out, t);
  }
  if (version >= 4) out.push_back(static_cast<char>(flags));
  if (version >= 5) {
    out.push_back(static_cast<char>(m.features.concept_copies));
    std::array<uint8_t, kDigestBytes> lexicon{};  // zeros if none: such a model never loads
    if (Result<std::shared_ptr<const ConceptLexicon>> lex = ConceptLexicon::Builtin(); lex.ok()) {
      lexicon = (*lex)->digest();
    }
    out.append(reinterpret_cast<const char*>(lexicon.data()), lexicon.size());
  }
  out.push_back(static_cast<char>(m.name.size()));
  out += m.name;
  PutU64(&out, m.weights.size());
  for (int16_t w : m.weights) {
    auto u = static_cast<uint16_t>(w);
    out.push_back(static_cast<char>(u & 0xff));
    out.push_back(static_cast<char>(u >> 8));
  }
  uint8_t digest[kDigestBytes] = {};
  (void)Sha256(AsBytes(out), digest);  // cannot fail for SHA-256 in memory
  out.append(reinterpret_cast<const char*>(digest), kDigestBytes);
  return out;
}

Result<LinearModel> ParseModel(ByteView data, const ModelLimits& lim) {
  if (data.size() > lim.max_file_bytes) {
    return Status::LimitExceeded("classifier model: file of " + std::to_string(data.size()) +
                                 " bytes > limit " + std::to_string(lim.max_file_bytes));
  }
  if (data.size() < sizeof(kModelMagic) ||
      std::memcmp(data.data(), kModelMagic, sizeof(kModelMagic)) != 0) {
    return Status::Malformed(0, "classifier model: bad magic (not an aigis classifier model)");
  }
  ByteReader r(data);
  AIGIS_RETURN_IF_ERROR(r.Skip(sizeof(kModelMagic)));
  AIGIS_ASSIGN_OR_RETURN(uint32_t version, r.ReadU32Le());
  if (version < kMinModelVersion || version > kModelVersion) {
    return Status::Unsupported("classifier model: version " + std::to_string(version) +
                               " not supported (this build reads versions " +
                               std::to_string(kMinModelVersion) + ".." +
                               std::to_string(kModelVersion) + ")");
  }
  // The checksum covers everything before the last 32 bytes; check it before the body is used.
  if (data.size() < r.offset() + kDigestBytes) {
    return Status::Malformed(r.offset(), "classifier model: truncated (no checksum)");
  }
  ByteView body = data.first(data.size() - kDigestBytes);
  uint8_t digest[kDigestBytes];
  if (!Sha256(body, digest)) return Status::Internal("classifier model: SHA-256 failed");
  if (std::memcmp(digest, data.data() + body.size(), kDigestBytes) != 0) {
    return Status::Malformed(body.size(),
                             "classifier model: checksum mismatch (file corrupt or truncated)");
  }
  ByteReader br(body);
  AIGIS_RETURN_IF_ERROR(br.Skip(12));
  LinearModel m;
  AIGIS_ASSIGN_OR_RETURN(m.features.char_min, br.ReadU8());
  AIGIS_ASSIGN_OR_RETURN(m.features.char_max, br.ReadU8());
  AIGIS_ASSIGN_OR_RETURN(m.features.word_max, br.ReadU8());
  AIGIS_ASSIGN_OR_RETURN(m.features.log2_buckets, br.ReadU8());
  AIGIS_ASSIGN_OR_RETURN(m.window_bytes, br.ReadU32Le());
  AIGIS_ASSIGN_OR_RETURN(m.window_stride, br.ReadU32Le());
  AIGIS_ASSIGN_OR_RETURN(m.bias, ReadF32(br, "bias"));
  AIGIS_ASSIGN_OR_RETURN(m.scale, ReadF32(br, "scale"));
  AIGIS_ASSIGN_OR_RETURN(m.threshold, ReadF32(br, "threshold"));
  if (version >= 3) {
    AIGIS_ASSIGN_OR_RETURN(uint8_t groups, br.ReadU8());
    if (groups != kLanguageGroups && !(version >= 4 && groups == 0)) {
      return Status::Malformed(br.offset() - 1, "classifier model: " + std::to_string(groups) +
                                                    " group thresholds, expected " +
                                                    std::to_string(kLanguageGroups));
    }
    m.group_thresholds.resize(groups);
    for (float& t : m.group_thresholds) {
      AIGIS_ASSIGN_OR_RETURN(t, ReadF32(br, "group threshold"));
    }
  }
  if (version >= 4) {
    AIGIS_ASSIGN_OR_RETURN(uint8_t flags, br.ReadU8());
    if ((flags & ~(kFlagFoldEncoded | kFlagFoldNumbers)) != 0) {
      return Status::Malformed(br.offset() - 1,
                               "classifier model: unknown feature flags " + std::to_string(flags));
    }
    m.features.fold_encoded = (flags & kFlagFoldEncoded) != 0;
    m.features.fold_numbers = (flags & kFlagFoldNumbers) != 0;
  }
  if (version >= 5) {
    AIGIS_ASSIGN_OR_RETURN(m.features.concept_copies, br.ReadU8());
    if (m.features.concept_copies == 0) {
      return Status::Malformed(br.offset() - 1,
                               "classifier model: version 5 with 0 concept copies");
    }
    const uint64_t at = br.offset();
    AIGIS_ASSIGN_OR_RETURN(std::string_view stored, br.ReadString(kDigestBytes));
    Result<std::shared_ptr<const ConceptLexicon>> lex = ConceptLexicon::Builtin();
    if (!lex.ok()) return Status::Internal("classifier model: " + lex.status().ToString());
    std::array<uint8_t, kDigestBytes> want{};
    std::memcpy(want.data(), stored.data(), kDigestBytes);
    if (want != (*lex)->digest()) {
      // Its concept weights would be read against other entries: refuse rather than misjudge.
      return Status::Unsupported("classifier model: trained with concept lexicon " +
                                 ShortDigest(want) + " at offset " + std::to_string(at) +
                                 ", this build has " + ShortDigest((*lex)->digest()) +
                                 "; retrain the model (scripts/train-classifier.sh)");
    }
  }
  AIGIS_ASSIGN_OR_RETURN(uint8_t name_len, br.ReadU8());
  if (name_len > lim.max_name_bytes) {
    return Status::LimitExceeded(
        br.offset() - 1, "classifier model: name of " + std::to_string(name_len) + " bytes");
  }
  AIGIS_ASSIGN_OR_RETURN(std::string_view name, br.ReadString(name_len));
  m.name = std::string(name);
  AIGIS_RETURN_IF_ERROR(ValidateConfig(m, lim));
  AIGIS_ASSIGN_OR_RETURN(uint64_t count, br.ReadU64Le());
  const uint64_t want = uint64_t{1} << m.features.log2_buckets;
  if (count != want) {
    return Status::Malformed(br.offset() - 8, "classifier model: " + std::to_string(count) +
                                                  " weights, expected 2^" +
                                                  std::to_string(m.features.log2_buckets));
  }
  if (br.remaining() != count * 2) {
    return Status::Malformed(br.offset(), "classifier model: weight table of " +
                                              std::to_string(br.remaining()) + " bytes, expected " +
                                              std::to_string(count * 2));
  }
  m.weights.resize(static_cast<size_t>(count));
  for (size_t i = 0; i < m.weights.size(); ++i) {
    AIGIS_ASSIGN_OR_RETURN(uint16_t u, br.ReadU16Le());
    m.weights[i] = static_cast<int16_t>(u);
  }
  return m;
}

Result<LinearModel> LoadModelFile(const std::string& path, const ModelLimits& limits) {
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) {
    return Status::NotFound("classifier model: " + path + " does not exist");
  }
  Result<MappedFile> f = MappedFile::Open(path);
  if (!f.ok()) return Status::IOError("classifier model: " + f.status().ToString());
  Result<LinearModel> m = ParseModel(f->view(), limits);
  if (!m.ok()) {
    // Same code, message prefixed with the path so the user knows which file is bad.
    const Status& e = m.error();
    std::string msg = path + ": " + e.ToString();
    switch (e.code()) {
      case StatusCode::kLimitExceeded:
        return Status::LimitExceeded(msg);
      case StatusCode::kUnsupported:
        return Status::Unsupported(msg);
      case StatusCode::kMalformed:
        return Status::Malformed(msg);
      default:
        return Status::Internal(msg);
    }
  }
  return m;
}

}  // namespace aigis::guard::classifier
