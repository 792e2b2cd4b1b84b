#include "formats/safetensors/safetensors_reader.h"

#include <algorithm>
#include <exception>
#include <nlohmann/json.hpp>
#include <string>
#include <unordered_map>
#include <unordered_set>

#include "core/checked_math.h"

namespace aigis::formats::safetensors {
namespace {

using json = nlohmann::json;

// tensor.rs Dtype::bitsize().
struct DtypeEntry {
  std::string_view name;
  uint32_t bits;
};
constexpr DtypeEntry kDtypes[] = {
    {"BOOL", 8},    {"U8", 8},   {"I8", 8},      {"F8_E5M2", 8}, {"F8_E4M3", 8},
    {"F8_E8M0", 8}, {"F4", 4},   {"F6_E2M3", 6}, {"F6_E3M2", 6}, {"I16", 16},
    {"U16", 16},    {"F16", 16}, {"BF16", 16},   {"I32", 32},    {"U32", 32},
    {"F32", 32},    {"I64", 64}, {"U64", 64},    {"F64", 64},    {"C64", 64},
};

bool ValidUtf8(std::string_view s, size_t* bad_pos) {
  size_t i = 0;
  const size_t n = s.size();
  while (i < n) {
    const auto c = static_cast<uint8_t>(s[i]);
    if (c < 0x80) {
      ++i;
      continue;
    }
    size_t len;
    uint32_t cp;
    if ((c & 0xE0) == 0xC0) {
      len = 2;
      cp = c & 0x1F;
    } else if ((c & 0xF0) == 0xE0) {
      len = 3;
      cp = c & 0x0F;
    } else if ((c & 0xF8) == 0xF0) {
      len = 4;
      cp = c & 0x07;
    } else {
      *bad_pos = i;
      return false;
    }
    if (n - i < len) {
      *bad_pos = i;
      return false;
    }
    for (size_t k = 1; k < len; ++k) {
      const auto cc = static_cast<uint8_t>(s[i + k]);
      if ((cc & 0xC0) != 0x80) {
        *bad_pos = i;
        return false;
      }
      cp = (cp << 6) | (cc & 0x3F);
    }
    // Overlong forms, surrogates, > U+10FFFF.
    if ((len == 2 && cp < 0x80) || (len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000) ||
        (cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF) {
      *bad_pos = i;
      return false;
    }
    i += len;
  }
  return true;
}

// SAX handler building the tensor table directly. nlohmann's parser is iterative; this handler
// tracks depth itself and stops (returns false) at max_json_depth, so nothing recurses.
class HeaderSax {
 public:
  HeaderSax(SafetensorsHeader& out, const SafetensorsLimits& limits, uint64_t header_off)
      : out_(out), limits_(limits), base_(header_off) {}

  bool null() { return Scalar("null"); }
  bool boolean(bool) { return Scalar("boolean"); }
  bool number_integer(json::number_integer_t v) {
    if (v >= 0) return number_unsigned(static_cast<uint64_t>(v));
    if (InArray()) {
      if (array_kind_ == kShape)
        Add(IssueCode::kBadShape, "tensor '" + tensor_name_ + "': negative dimension");
      if (array_kind_ == kOffsets) offsets_bad_ = true;
      return true;
    }
    return Scalar("number");
  }
  bool number_unsigned(json::number_unsigned_t v) {
    if (InArray()) {
      if (array_kind_ == kShape) {
        if (cur_.shape.size() >= limits_.max_rank) {
          rank_exceeded_ = true;
        } else {
          cur_.shape.push_back(v);
        }
      } else if (array_kind_ == kOffsets) {
        offsets_.push_back(v);
      }
      return true;
    }
    return Scalar("number");
  }
  bool number_float(json::number_float_t, const json::string_t&) {
    if (InArray()) {
      if (array_kind_ == kShape)
        Add(IssueCode::kBadShape, "tensor '" + tensor_name_ + "': non-integer dimension");
      if (array_kind_ == kOffsets) offsets_bad_ = true;
      return true;
    }
    return Scalar("number");
  }
  bool string(json::string_t& s) {
    if (InArray()) {
      if (array_kind_ == kShape)
        Add(IssueCode::kBadShape, "tensor '" + tensor_name_ + "': string dimension");
      if (array_kind_ == kOffsets) offsets_bad_ = true;
      return true;
    }
    if (depth_ == 2 && in_metadata_) {
      if (out_.metadata.size() >= limits_.max_metadata_entries) {
        if (!metadata_limit_reported_) {
          metadata_limit_reported_ = true;
          Add(IssueCode::kTooManyMetadata,
              "more than " + std::to_string(limits_.max_metadata_entries) + " metadata entries");
        }
        return true;
      }
      out_.metadata.emplace_back(field_, std::move(s));
      return true;
    }
    if (depth_ == 2 && in_tensor_ && field_ == "dtype") {
      cur_.dtype = std::move(s);
      have_dtype_ = true;
      return true;
    }
    return Scalar("string");
  }
  bool binary(json::binary_t&) { return true; }

  bool start_object(size_t) {
    if (!Push()) return false;
    if (depth_ == 1) {
      keys_.emplace_back();
      return true;
    }
    if (depth_ == 2) {
      keys_.emplace_back();
      if (top_key_ == "__metadata__") {
        in_metadata_ = true;
        metadata_seen_ = true;
      } else {
        BeginTensor();
      }
      return true;
    }
    if (depth_ == 3) {
      keys_.emplace_back();
      WrongNested();
      return true;
    }
    keys_.emplace_back();
    return true;
  }
  bool end_object() {
    if (depth_ == 2) {
      if (in_tensor_) EndTensor();
      in_metadata_ = false;
    }
    if (!keys_.empty()) keys_.pop_back();
    --depth_;
    return true;
  }
  bool start_array(size_t) {
    if (!Push()) return false;
    if (depth_ == 1) {
      root_not_object_ = true;
      return false;  // nothing below a non-object root is a tensor table
    }
    if (depth_ == 2) {
      if (top_key_ == "__metadata__") {
        Add(IssueCode::kMetadataNotObject, "__metadata__ is an array, not an object");
      } else {
        Add(IssueCode::kBadTensorEntry, "tensor '" + top_key_ + "' is an array, not an object");
      }
      return true;
    }
    if (depth_ == 3 && in_tensor_) {
      if (field_ == "shape") {
        array_kind_ = kShape;
        have_shape_ = true;
      } else if (field_ == "data_offsets") {
        array_kind_ = kOffsets;
        have_offsets_ = true;
      } else {
        array_kind_ = kOther;
      }
      return true;
    }
    if (depth_ == 3 && in_metadata_) WrongNested();
    if (depth_ >= 4 && (array_kind_ == kShape || array_kind_ == kOffsets)) {
      if (array_kind_ == kShape)
        Add(IssueCode::kBadShape, "tensor '" + tensor_name_ + "': nested array in shape");
      else
        offsets_bad_ = true;
      array_kind_ = kOther;
    }
    return true;
  }
  bool end_array() {
    if (depth_ == 3) array_kind_ = kNone;
    --depth_;
    return true;
  }
  bool key(json::string_t& k) {
    if (!keys_.empty()) {
      auto [it, inserted] = keys_.back().insert(k);
      if (!inserted) {
        ++duplicates_;
        if (duplicates_ <= limits_.max_reported_duplicates) {
          std::string where = depth_ == 1 ? "top level" : "'" + top_key_ + "'";
          Add(IssueCode::kDuplicateKey,
              "duplicate key '" + k + "' in " + where + " (loaders disagree on which value wins)");
        }
      }
    }
    if (depth_ == 1) {
      top_key_ = k;
    } else if (depth_ == 2) {
      field_ = k;
      if (in_tensor_ && k != "dtype" && k != "shape" && k != "data_offsets") {
        Add(IssueCode::kUnknownField, "tensor '" + tensor_name_ + "': unknown field '" + k + "'");
      }
    }
    return true;
  }
  bool parse_error(size_t position, const std::string& last_token,
                   const nlohmann::detail::exception& ex) {
    error_pos_ = position;
    error_ = std::string("safetensors: header JSON: ") + ex.what() + " near '" +
             last_token.substr(0, 32) + "'";
    return false;
  }

  bool too_deep() const { return too_deep_; }
  bool root_not_object() const { return root_not_object_; }
  const std::string& error() const { return error_; }
  size_t error_pos() const { return error_pos_; }
  uint32_t duplicates() const { return duplicates_; }
  bool tensors_exceeded() const { return tensors_exceeded_; }

 private:
  enum ArrayKind { kNone, kShape, kOffsets, kOther };

  bool InArray() const { return depth_ == 3 && (array_kind_ == kShape || array_kind_ == kOffsets); }

  bool Push() {
    ++depth_;
    if (depth_ > limits_.max_json_depth) {
      too_deep_ = true;
      return false;
    }
    return true;
  }
  // A scalar where an object/array/other type was expected.
  bool Scalar(const char* what) {
    if (depth_ == 0) {
      root_not_object_ = true;
      return false;
    } else if (depth_ == 1) {
      if (top_key_ == "__metadata__") {
        Add(IssueCode::kMetadataNotObject,
            std::string("__metadata__ is a ") + what + ", not an object");
      } else {
        Add(IssueCode::kBadTensorEntry,
            "tensor '" + top_key_ + "' is a " + what + ", not an object");
      }
    } else if (depth_ == 2 && in_metadata_) {
      Add(IssueCode::kMetadataNotString,
          "__metadata__['" + field_ + "'] is a " + what + ", not a string");
    } else if (depth_ == 2 && in_tensor_ &&
               (field_ == "dtype" || field_ == "shape" || field_ == "data_offsets")) {
      Add(IssueCode::kBadTensorEntry,
          "tensor '" + tensor_name_ + "': field '" + field_ + "' is a " + what);
    }
    return true;
  }
  void WrongNested() {
    if (in_metadata_) {
      Add(IssueCode::kMetadataNotString,
          "__metadata__['" + field_ + "'] is a container, not a string");
    } else if (in_tensor_ && (field_ == "dtype" || field_ == "shape" || field_ == "data_offsets")) {
      Add(IssueCode::kBadTensorEntry,
          "tensor '" + tensor_name_ + "': field '" + field_ + "' has the wrong type");
    }
  }
  void BeginTensor() {
    in_tensor_ = true;
    tensor_name_ = top_key_;
    cur_ = TensorInfo{};
    cur_.name = top_key_;
    offsets_.clear();
    have_dtype_ = have_shape_ = have_offsets_ = offsets_bad_ = rank_exceeded_ = false;
    shape_bad_marker_ = false;
  }
  void EndTensor() {
    in_tensor_ = false;
    if (!have_dtype_ || !have_shape_ || !have_offsets_) {
      Add(IssueCode::kBadTensorEntry, "tensor '" + tensor_name_ + "' lacks " +
                                          (!have_dtype_   ? "dtype"
                                           : !have_shape_ ? "shape"
                                                          : "data_offsets"));
    }
    if (rank_exceeded_) {
      Add(IssueCode::kTooManyDims, "tensor '" + tensor_name_ + "' has more than " +
                                       std::to_string(limits_.max_rank) + " dimensions");
    }
    cur_.shape_ok = have_shape_ && !rank_exceeded_ && !shape_bad_marker_;
    if (have_offsets_ && !offsets_bad_ && offsets_.size() == 2) {
      cur_.begin = offsets_[0];
      cur_.end = offsets_[1];
      cur_.offsets_ok = true;
    } else if (have_offsets_) {
      Add(IssueCode::kBadOffsets,
          "tensor '" + tensor_name_ + "': data_offsets must be two unsigned integers");
    }
    auto it = index_.find(cur_.name);
    if (it != index_.end()) {
      out_.tensors[it->second] = std::move(cur_);  // last one wins, like the loaders
      return;
    }
    if (out_.tensors.size() >= limits_.max_tensors) {
      tensors_exceeded_ = true;
      return;
    }
    index_.emplace(cur_.name, out_.tensors.size());
    out_.tensors.push_back(std::move(cur_));
  }
  void Add(IssueCode code, std::string msg) {
    if (code == IssueCode::kBadShape) shape_bad_marker_ = true;
    out_.issues.push_back(Issue{code, base_, "safetensors: " + std::move(msg)});
  }

  SafetensorsHeader& out_;
  const SafetensorsLimits& limits_;
  uint64_t base_;
  uint32_t depth_ = 0;
  std::vector<std::unordered_set<std::string>> keys_;
  std::unordered_map<std::string, size_t> index_;
  std::string top_key_, field_, tensor_name_;
  bool in_metadata_ = false, in_tensor_ = false, metadata_seen_ = false;
  bool metadata_limit_reported_ = false;
  ArrayKind array_kind_ = kNone;
  TensorInfo cur_;
  std::vector<uint64_t> offsets_;
  bool have_dtype_ = false, have_shape_ = false, have_offsets_ = false;
  bool offsets_bad_ = false, rank_exceeded_ = false, shape_bad_marker_ = false;
  bool too_deep_ = false, root_not_object_ = false, tensors_exceeded_ = false;
  std::string error_;
  size_t error_pos_ = 0;
  uint32_t duplicates_ = 0;
};

void AddIssue(SafetensorsHeader& h, IssueCode code, uint64_t off, std::string msg) {
  h.issues.push_back(Issue{code, off, "safetensors: " + std::move(msg)});
}

void ValidateTensors(SafetensorsHeader& h) {
  const uint64_t data_len = h.file_size - h.data_start;
  uint64_t params = 0;
  bool params_saturated = false;
  for (TensorInfo& t : h.tensors) {
    const uint32_t bits = DtypeBits(t.dtype);
    if (bits == 0 && !t.dtype.empty()) {
      AddIssue(h, IssueCode::kUnknownDtype, h.data_start,
               "tensor '" + t.name + "': unknown dtype '" + t.dtype.substr(0, 32) + "'");
    }
    if (!t.shape_ok) continue;
    uint64_t numel = 1;
    bool overflow = false;
    for (uint64_t d : t.shape) {
      auto m = CheckedMul(numel, d);
      if (!m) {
        overflow = true;
        break;
      }
      numel = *m;
    }
    if (overflow) {
      AddIssue(h, IssueCode::kOverflow, 8, "tensor '" + t.name + "': element count overflows");
      t.shape_ok = false;
      continue;
    }
    t.numel = numel;
    if (!params_saturated) {
      auto p = CheckedAdd(params, numel);
      if (p)
        params = *p;
      else {
        params = UINT64_MAX;
        params_saturated = true;
      }
    }
    if (bits == 0 || !t.offsets_ok) continue;
    auto total_bits = CheckedMul(numel, bits);
    if (!total_bits) {
      AddIssue(h, IssueCode::kOverflow, 8, "tensor '" + t.name + "': byte size overflows");
      continue;
    }
    if (*total_bits % 8 != 0) {
      AddIssue(h, IssueCode::kSizeMismatch, 8,
               "tensor '" + t.name + "': " + t.dtype + " element count does not fill whole bytes");
      continue;
    }
    if (t.end < t.begin) {
      AddIssue(h, IssueCode::kBadOffsets, 8, "tensor '" + t.name + "': end offset before begin");
      continue;
    }
    if (t.end - t.begin != *total_bits / 8) {
      AddIssue(h, IssueCode::kSizeMismatch, 8,
               "tensor '" + t.name + "': data_offsets span " + std::to_string(t.end - t.begin) +
                   " bytes, shape x dtype needs " + std::to_string(*total_bits / 8));
    }
  }
  h.parameter_count = params;

  // Offsets sorted: contiguous from 0, no gaps, no overlaps (tensor.rs validate()).
  std::vector<const TensorInfo*> sorted;
  sorted.reserve(h.tensors.size());
  for (const TensorInfo& t : h.tensors)
    if (t.offsets_ok && t.end >= t.begin) sorted.push_back(&t);
  std::sort(sorted.begin(), sorted.end(), [](const TensorInfo* a, const TensorInfo* b) {
    return a->begin != b->begin ? a->begin < b->begin : a->end < b->end;
  });
  uint64_t expected = 0;
  uint32_t reported = 0;
  for (const TensorInfo* t : sorted) {
    if (t->begin != expected && reported < 16) {
      ++reported;
      const bool gap = t->begin > expected;
      AddIssue(h, gap ? IssueCode::kGap : IssueCode::kOverlap,
               h.data_start + std::min(t->begin, expected),
               "tensor '" + t->name + "' starts at " + std::to_string(t->begin) + ", expected " +
                   std::to_string(expected) + (gap ? " (gap)" : " (overlaps previous tensor)"));
    }
    expected = std::max(expected, t->end);
  }
  h.data_end = expected;
  if (expected > data_len) {
    AddIssue(h, IssueCode::kOffsetBeyondFile, h.data_start,
             "tensor data ends at " + std::to_string(expected) + " but the buffer holds " +
                 std::to_string(data_len) + " bytes");
  } else if (expected < data_len) {
    h.trailing_bytes = data_len - expected;
    AddIssue(
        h, IssueCode::kTrailingData, h.data_start + expected,
        std::to_string(h.trailing_bytes) + " bytes after the last tensor (polyglot/appended data)");
  }
}

}  // namespace

std::string_view IssueCodeName(IssueCode code) {
  switch (code) {
    case IssueCode::kHeaderTooSmall:
      return "header-too-small";
    case IssueCode::kHeaderTooLarge:
      return "header-too-large";
    case IssueCode::kHeaderLength:
      return "header-length";
    case IssueCode::kInvalidUtf8:
      return "invalid-utf8";
    case IssueCode::kInvalidJson:
      return "invalid-json";
    case IssueCode::kHeaderStart:
      return "header-start";
    case IssueCode::kNotObject:
      return "not-object";
    case IssueCode::kJsonTooDeep:
      return "json-too-deep";
    case IssueCode::kDuplicateKey:
      return "duplicate-key";
    case IssueCode::kMetadataNotObject:
      return "metadata-not-object";
    case IssueCode::kMetadataNotString:
      return "metadata-not-string";
    case IssueCode::kTooManyMetadata:
      return "too-many-metadata";
    case IssueCode::kBadTensorEntry:
      return "bad-tensor-entry";
    case IssueCode::kUnknownField:
      return "unknown-field";
    case IssueCode::kUnknownDtype:
      return "unknown-dtype";
    case IssueCode::kBadShape:
      return "bad-shape";
    case IssueCode::kTooManyDims:
      return "too-many-dims";
    case IssueCode::kBadOffsets:
      return "bad-offsets";
    case IssueCode::kSizeMismatch:
      return "size-mismatch";
    case IssueCode::kOverflow:
      return "overflow";
    case IssueCode::kGap:
      return "gap";
    case IssueCode::kOverlap:
      return "overlap";
    case IssueCode::kOffsetBeyondFile:
      return "offset-beyond-file";
    case IssueCode::kTrailingData:
      return "trailing-data";
    case IssueCode::kTooManyTensors:
      return "too-many-tensors";
  }
  return "unknown";
}

uint32_t DtypeBits(std::string_view dtype) {
  for (const auto& d : kDtypes)
    if (d.name == dtype) return d.bits;
  return 0;
}

bool LooksLikeSafetensors(ByteView head, uint64_t file_size) {
  if (head.size() < 9 || file_size < 10) return false;
  const uint64_t n = LoadU64Le(head, 0);
  if (n < 2 || n > 100'000'000 || n > file_size - 8) return false;
  size_t i = 8;
  while (i < head.size() && head[i] == ' ') ++i;
  if (i >= head.size() || head[i] != '{') return false;
  // Next non-space byte must open a key or close the object.
  ++i;
  while (i < head.size() &&
         (head[i] == ' ' || head[i] == '\n' || head[i] == '\t' || head[i] == '\r'))
    ++i;
  return i >= head.size() || head[i] == '"' || head[i] == '}';
}

SafetensorsHeader ReadSafetensors(ByteView file, const SafetensorsLimits& limits) {
  SafetensorsHeader h;
  h.file_size = file.size();
  ByteReader r(file);
  auto n_or = r.ReadU64Le();
  if (!n_or.ok()) {
    h.status = Status::Malformed(0, "safetensors: file shorter than the 8-byte header length");
    AddIssue(h, IssueCode::kHeaderTooSmall, 0, "file shorter than 8 bytes");
    return h;
  }
  const uint64_t n = *n_or;
  h.header_len = n;
  if (n > limits.max_header_bytes) {
    h.status = Status::LimitExceeded(0, "safetensors: header length " + std::to_string(n) + " > " +
                                            std::to_string(limits.max_header_bytes));
    AddIssue(h, IssueCode::kHeaderTooLarge, 0,
             "header length " + std::to_string(n) + " exceeds limit");
    return h;
  }
  auto header_or = r.ReadString(n);
  if (!header_or.ok()) {
    h.status = Status::Malformed(0, "safetensors: header length " + std::to_string(n) +
                                        " runs past the end of the file (" +
                                        std::to_string(file.size()) + " bytes)");
    AddIssue(h, IssueCode::kHeaderLength, 0,
             "header length " + std::to_string(n) + " exceeds file size");
    return h;
  }
  h.data_start = 8 + n;
  std::string_view header = *header_or;
  size_t bad = 0;
  if (!ValidUtf8(header, &bad)) {
    h.status = Status::Malformed(8 + bad, "safetensors: header is not valid UTF-8");
    AddIssue(h, IssueCode::kInvalidUtf8, 8 + bad, "header is not valid UTF-8");
    return h;
  }
  if (header.empty() || header[0] != '{') {
    AddIssue(h, IssueCode::kHeaderStart, 8, "header does not start with '{'");
  }
  HeaderSax sax(h, limits, 8);
  bool ok = false;
  try {
    ok = json::sax_parse(header.begin(), header.end(), &sax);
  } catch (const std::exception& e) {
    h.status = Status::Malformed(8, std::string("safetensors: header JSON: ") + e.what());
    AddIssue(h, IssueCode::kInvalidJson, 8, "header is not valid JSON");
    return h;
  }
  if (sax.too_deep()) {
    h.status = Status::LimitExceeded(
        8, "safetensors: header JSON nests deeper than " + std::to_string(limits.max_json_depth));
    AddIssue(h, IssueCode::kJsonTooDeep, 8, "header JSON too deeply nested");
    return h;
  }
  if (sax.root_not_object()) {
    h.status = Status::Malformed(8, "safetensors: header is not a JSON object");
    AddIssue(h, IssueCode::kNotObject, 8, "header is not a JSON object");
    return h;
  }
  if (!ok) {
    h.status =
        Status::Malformed(8 + sax.error_pos(),
                          sax.error().empty() ? "safetensors: header JSON invalid" : sax.error());
    AddIssue(h, IssueCode::kInvalidJson, 8 + sax.error_pos(), "header is not valid JSON");
    return h;
  }
  if (sax.tensors_exceeded()) {
    AddIssue(
        h, IssueCode::kTooManyTensors, 8,
        "more than " + std::to_string(limits.max_tensors) + " tensors; the rest were not checked");
    h.status = Status::LimitExceeded(
        8, "safetensors: more than " + std::to_string(limits.max_tensors) + " tensors");
  }
  if (sax.duplicates() > limits.max_reported_duplicates) {
    AddIssue(h, IssueCode::kDuplicateKey, 8,
             std::to_string(sax.duplicates()) + " duplicate keys in total");
  }
  ValidateTensors(h);
  return h;
}

}  // namespace aigis::formats::safetensors
