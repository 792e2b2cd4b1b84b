#include "formats/registry/sniff.h"

#include <cstring>

#include "formats/archive/archive_reader.h"
#include "formats/compress/decompress.h"
#include "formats/pickle/pickle_analyzer.h"
#ifdef AIGIS_HAVE_SAFETENSORS
#include "formats/safetensors/safetensors_reader.h"
#endif
#ifdef AIGIS_HAVE_GGUF
#include "formats/gguf/gguf_reader.h"
#endif
#ifdef AIGIS_HAVE_ONNX
#include "formats/onnx/onnx_reader.h"
#endif
#ifdef AIGIS_HAVE_SAVEDMODEL
#include "formats/savedmodel/savedmodel_reader.h"
#endif

namespace aigis::formats {

namespace {

bool StartsWith(ByteView d, std::string_view magic, size_t at = 0) {
  return d.size() >= at + magic.size() &&
         std::memcmp(d.data() + at, magic.data(), magic.size()) == 0;
}

bool IsSpace(uint8_t c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

// Looks for a valid-looking UTF-8 text without NUL bytes in the first 4 KiB.
bool LooksLikeText(ByteView d) {
  size_t n = d.size() < 4096 ? d.size() : 4096;
  if (n == 0) return false;
  size_t i = 0;
  while (i < n) {
    uint8_t c = d[i];
    if (c == 0) return false;
    if (c < 0x80) {
      if (c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f') return false;
      ++i;
      continue;
    }
    size_t len = (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xe ? 3 : (c >> 3) == 0x1e ? 4 : 0;
    if (len == 0) return false;
    if (i + len > n) break;  // cut in the middle of a character at the window end
    for (size_t k = 1; k < len; ++k)
      if ((d[i + k] & 0xc0) != 0x80) return false;
    i += len;
  }
  return true;
}

bool LooksLikeHdf5(ByteView d) {
  static constexpr std::string_view kSig("\x89HDF\r\n\x1a\n", 8);
  // The superblock may sit at 0, 512, 1024, 2048 ... (user block).
  for (uint64_t at = 0; at + 8 <= d.size() && at <= (1u << 20); at = at ? at * 2 : 512)
    if (StartsWith(d, kSig, at)) return true;
  return false;
}

}  // namespace

std::string_view FormatName(Format f) {
  switch (f) {
    case Format::kUnknown:
      return "unknown";
    case Format::kEmpty:
      return "empty";
    case Format::kZip:
      return "zip";
    case Format::kPickle:
      return "pickle";
    case Format::kNpy:
      return "numpy";
    case Format::kCompressed:
      return "compressed";
    case Format::kTar:
      return "tar";
    case Format::kSevenZip:
      return "7z";
    case Format::kSafetensors:
      return "safetensors";
    case Format::kGguf:
      return "gguf";
    case Format::kHdf5:
      return "hdf5";
    case Format::kOnnx:
      return "onnx";
    case Format::kTfSavedModel:
      return "tensorflow-savedmodel";
    case Format::kTfGraphDef:
      return "tensorflow-graphdef";
    case Format::kJson:
      return "json";
    case Format::kLfsPointer:
      return "git-lfs-pointer";
    case Format::kText:
      return "text";
  }
  return "unknown";
}

bool HasZipEocd(ByteView d) {
  if (d.size() < 22) return false;
  // EOCD is within the last 65535 + 22 bytes (the comment is at most 65535 bytes).
  size_t lo = d.size() > 65557 ? d.size() - 65557 : 0;
  for (size_t i = d.size() - 22 + 1; i-- > lo;) {
    if (d[i] == 'P' && d[i + 1] == 'K' && d[i + 2] == 5 && d[i + 3] == 6) return true;
  }
  return false;
}

Format Sniff(ByteView d, std::string_view name) {
  if (d.empty()) return Format::kEmpty;
  if (StartsWith(d, "PK\x03\x04") || StartsWith(d, "PK\x07\x08") || StartsWith(d, "PK\x05\x06"))
    return Format::kZip;
  if (StartsWith(d, "\x93NUMPY")) return Format::kNpy;
  if (StartsWith(d, "GGUF")) return Format::kGguf;
  if (LooksLikeHdf5(d)) return Format::kHdf5;
  if (archive::Looks7z(d)) return Format::kSevenZip;
  auto codec = compress::SniffCodec(d);
  // A zlib header is only 2 bytes with a mod-31 check: protocol 0 pickles such as "(S'..." pass
  // it. joblib only treats 0x78 as zlib, so other zlib-looking starts defer to the pickle check.
  if (codec && (*codec != compress::Codec::kZlib || d[0] == 0x78)) return Format::kCompressed;
  if (archive::LooksLikeTar(d)) return Format::kTar;
#ifdef AIGIS_HAVE_SAFETENSORS
  if (safetensors::LooksLikeSafetensors(d, d.size())) return Format::kSafetensors;
#endif
  if (pickle::LooksLikePickle(d.first(d.size() < 4096 ? d.size() : 4096))) return Format::kPickle;
  if (codec) return Format::kCompressed;
  // A zip whose start is hidden behind other bytes (prefix data, polyglot) after the pickle check:
  // a file that is both gets both analyses (see the scanner).
  if (HasZipEocd(d)) return Format::kZip;
  if (StartsWith(d, "version https://git-lfs.github.com/spec/")) return Format::kLfsPointer;
  size_t i = 0;
  while (i < d.size() && i < 4096 && IsSpace(d[i])) ++i;
  if (i < d.size() && (d[i] == '{' || d[i] == '[') && LooksLikeText(d)) return Format::kJson;
#ifdef AIGIS_HAVE_ONNX
  if (onnx::LooksLikeOnnx(d, d.size())) return Format::kOnnx;
#endif
#ifdef AIGIS_HAVE_SAVEDMODEL
  switch (savedmodel::SniffTensorflowPb(d)) {
    case savedmodel::GraphKind::kSavedModel:
      return Format::kTfSavedModel;
    case savedmodel::GraphKind::kGraphDef:
      return Format::kTfGraphDef;
    default:
      break;
  }
#endif
  if (LooksLikeText(d)) return Format::kText;
  (void)name;
  return Format::kUnknown;
}

}  // namespace aigis::formats
