#include "formats/savedmodel/keras_metadata.h"

#include <algorithm>
#include <string_view>

#include "formats/protobuf/wire_reader.h"

namespace aigis::formats::savedmodel {

namespace {

using protobuf::WireField;
using protobuf::WireReader;
using protobuf::WireType;

constexpr uint32_t kNodes = 1;
constexpr uint32_t kNodeId = 2, kNodePath = 3, kIdentifier = 4, kMetadata = 5, kVersion = 6;

bool StartsWithBrace(ByteView b) {
  for (uint8_t c : b) {
    if (c == ' ' || c == '\n' || c == '\r' || c == '\t') continue;
    return c == '{';
  }
  return false;
}

Status ParseObject(const WireField& outer, const TfLimits& limits, KerasMetadataObject* obj) {
  WireReader r(outer.bytes, outer.data_offset);
  WireField f;
  obj->offset = outer.offset;
  while (true) {
    AIGIS_ASSIGN_OR_RETURN(bool more, r.Next(&f));
    if (!more) break;
    if (f.type != WireType::kLen) continue;
    std::string_view s = f.str().substr(0, limits.max_string_bytes);
    if (f.number == kNodePath) obj->node_path = std::string(s);
    // identifier (4) and metadata (5) are told apart by content too, so a writer that swapped
    // the numbers cannot hide the JSON.
    if (f.number == kIdentifier || f.number == kMetadata) {
      if (StartsWithBrace(f.bytes)) {
        obj->metadata = f.bytes;
      } else {
        obj->identifier = std::string(s);
      }
    }
  }
  return Status::Ok();
}

}  // namespace

KerasMetadata ParseKerasMetadata(ByteView data, const TfLimits& limits) {
  KerasMetadata out;
  WireReader r(data);
  WireField f;
  while (true) {
    auto more = r.Next(&f);
    if (!more.ok()) {
      out.issues.push_back(more.status());
      break;
    }
    if (!*more) break;
    if (f.number != kNodes || f.type != WireType::kLen) continue;
    if (out.objects.size() >= limits.max_nodes) {
      out.issues.push_back(Status::LimitExceeded(
          f.offset, "keras_metadata: more than " + std::to_string(limits.max_nodes) + " objects"));
      break;
    }
    KerasMetadataObject obj;
    Status st = ParseObject(f, limits, &obj);
    if (!st.ok()) {
      if (out.issues.size() < limits.max_issues) out.issues.push_back(std::move(st));
      continue;
    }
    out.objects.push_back(std::move(obj));
  }
  return out;
}

bool LooksLikeKerasMetadata(ByteView head) {
  if (head.size() < 4 || head[0] != 0x0a) return false;
  ByteReader r(head);
  (void)r.Skip(1);
  auto len = protobuf::ReadVarint(r);
  if (!len.ok() || *len == 0) return false;
  ByteView inner =
      r.rest().subspan(0, static_cast<size_t>(std::min<uint64_t>(*len, r.remaining())));
  bool ok = protobuf::LooksLikeMessage(inner, UINT64_MAX, 1, 8, [](uint32_t n, WireType t) {
    if (n == kNodeId) return t == WireType::kVarint;
    return (n == kNodePath || n == kIdentifier || n == kMetadata || n == kVersion) &&
           t == WireType::kLen;
  });
  return ok && AsStringView(head).find("_tf_keras_") != std::string_view::npos;
}

}  // namespace aigis::formats::savedmodel
