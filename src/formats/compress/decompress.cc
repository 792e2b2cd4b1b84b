#include "formats/compress/decompress.h"

#include <bzlib.h>
#include <lz4frame.h>
#include <lzma.h>
#include <zlib.h>
#include <zstd.h>
#include <zstd_errors.h>

#include <algorithm>
#include <array>
#include <memory>
#include <string>

#include "core/checked_math.h"

namespace aigis::formats::compress {
namespace {

constexpr size_t kChunk = 64 * 1024;
constexpr uint8_t kXzMagic[6] = {0xFD, 0x37, 0x7A, 0x58, 0x5A, 0x00};
constexpr uint8_t kZstdMagic[4] = {0x28, 0xB5, 0x2F, 0xFD};
constexpr uint8_t kLz4Magic[4] = {0x04, 0x22, 0x4D, 0x18};

bool StartsWith(ByteView b, const uint8_t* magic, size_t n) {
  return b.size() >= n && std::equal(magic, magic + n, b.begin());
}

// RFC 1950 2.2: CM=8 (deflate), CINFO<=7, FDICT unset, (CMF*256+FLG) % 31 == 0.
bool IsZlibHeader(ByteView b) {
  if (b.size() < 2) return false;
  uint8_t cmf = b[0], flg = b[1];
  return (cmf & 0x0f) == 8 && (cmf >> 4) <= 7 && (flg & 0x20) == 0 &&
         ((static_cast<unsigned>(cmf) << 8) | flg) % 31 == 0;
}
bool IsGzipHeader(ByteView b) {  // RFC 1952 2.3.1: ID1 ID2 CM=8
  return b.size() >= 3 && b[0] == 0x1f && b[1] == 0x8b && b[2] == 8;
}
bool IsBzip2Header(ByteView b) {
  return b.size() >= 4 && b[0] == 'B' && b[1] == 'Z' && b[2] == 'h' && b[3] >= '1' && b[3] <= '9';
}
// lzma-alone (xz-utils "LZMA_Alone"): props byte 0x5D (lc=3 lp=0 pb=2, what every encoder
// writes), u32 dictionary size, u64 uncompressed size (-1 = unknown).
bool IsLzmaAloneHeader(ByteView b) {
  if (b.size() < 13 || b[0] != 0x5D || b[1] != 0 || b[2] != 0) return false;
  uint32_t dict = LoadU32Le(b, 1);
  // Encoders write 2^n or 2^n + 2^(n-1); with the low 16 bits zero that is >= 64 KiB.
  bool plausible = false;
  for (int n = 16; n <= 31 && !plausible; ++n) {
    uint64_t p = uint64_t{1} << n;
    plausible = dict == p || dict == p + p / 2;
  }
  uint64_t usize = LoadU64Le(b, 5);
  return plausible && (usize == UINT64_MAX || usize < (uint64_t{1} << 48));
}

// Collects output and enforces the size and ratio limits.
class Sink {
 public:
  Sink(DecompressResult& r, uint64_t in_size, const DecompressLimits& limits)
      : r_(r),
        limits_(limits),
        ratio_cap_(CheckedMul(std::max<uint64_t>(in_size, 1), limits.max_ratio)) {}

  // Appends n bytes; false (with r.status set) once a limit is hit.
  bool Append(const uint8_t* p, size_t n) {
    uint64_t room =
        limits_.max_output_bytes - std::min<uint64_t>(r_.data.size(), limits_.max_output_bytes);
    if (n > room) {
      r_.data.insert(r_.data.end(), p, p + room);
      r_.status = Status::LimitExceeded("decompress: output exceeds max_output_bytes " +
                                        std::to_string(limits_.max_output_bytes));
      return false;
    }
    r_.data.insert(r_.data.end(), p, p + n);
    if (r_.data.size() > limits_.ratio_min_bytes && ratio_cap_ && r_.data.size() > *ratio_cap_) {
      r_.status = Status::LimitExceeded("decompress: compression ratio exceeds " +
                                        std::to_string(limits_.max_ratio) + ":1");
      return false;
    }
    return true;
  }

 private:
  DecompressResult& r_;
  const DecompressLimits& limits_;
  std::optional<uint64_t> ratio_cap_;
};

size_t SkipZeros(ByteView in, size_t pos) {
  while (pos < in.size() && in[pos] == 0) ++pos;
  return pos;
}

// ---- zlib / gzip (RFC 1950 / 1952) ---------------------------------------------------------

struct ZDeleter {
  void operator()(z_stream* z) const {
    inflateEnd(z);
    delete z;
  }
};

void DecodeZlib(ByteView in, bool gzip, const DecompressLimits& limits, DecompressResult& r) {
  Sink sink(r, in.size(), limits);
  std::unique_ptr<z_stream, ZDeleter> zs(new z_stream{});
  if (inflateInit2(zs.get(), gzip ? 16 + MAX_WBITS : MAX_WBITS) != Z_OK) {
    zs.release();  // nothing allocated for inflateEnd to free
    r.status = Status::Internal("decompress: inflateInit2 failed");
    return;
  }
  std::array<uint8_t, kChunk> buf;
  size_t pos = 0;  // input consumed so far
  const char* name = gzip ? "gzip" : "zlib";
  while (true) {
    size_t feed = std::min<size_t>(in.size() - pos, size_t{1} << 30);
    zs->next_in = const_cast<Bytef*>(in.data() + pos);  // zlib's API is not const
    zs->avail_in = static_cast<uInt>(feed);
    zs->next_out = buf.data();
    zs->avail_out = static_cast<uInt>(buf.size());
    int ret = inflate(zs.get(), Z_NO_FLUSH);
    pos += feed - zs->avail_in;
    if (!sink.Append(buf.data(), buf.size() - zs->avail_out)) return;
    if (ret == Z_STREAM_END) {
      ++r.streams;
      size_t next = gzip ? SkipZeros(in, pos) : pos;
      ByteView rest = in.subspan(next);
      if (rest.empty()) return;
      bool again = gzip ? IsGzipHeader(rest) : IsZlibHeader(rest);
      if (!again) {
        if (gzip) {
          // The gzip module raises BadGzipFile here ("Not a gzipped file").
          r.status = Status::Malformed(next, "decompress: gzip: trailing garbage after member");
        } else {
          r.trailing_bytes = rest.size();
        }
        return;
      }
      if (r.streams >= limits.max_gzip_members) {
        r.status = Status::LimitExceeded(next, std::string("decompress: ") + name + ": more than " +
                                                   std::to_string(limits.max_gzip_members) +
                                                   " concatenated streams");
        return;
      }
      pos = next;
      inflateReset(zs.get());
      continue;
    }
    if (ret == Z_BUF_ERROR || (ret == Z_OK && feed == 0 && zs->avail_out != 0)) {
      if (pos == in.size() && zs->avail_out != 0) {
        r.status =
            Status::Malformed(pos, std::string("decompress: ") + name + ": stream truncated");
        return;
      }
      continue;
    }
    if (ret != Z_OK) {
      r.status = Status::Malformed(
          pos, std::string("decompress: ") + name + ": " + (zs->msg ? zs->msg : "data error"));
      return;
    }
  }
}

// ---- bzip2 ---------------------------------------------------------------------------------

struct BzDeleter {
  void operator()(bz_stream* b) const {
    BZ2_bzDecompressEnd(b);
    delete b;
  }
};

void DecodeBzip2(ByteView in, const DecompressLimits& limits, DecompressResult& r) {
  Sink sink(r, in.size(), limits);
  std::array<uint8_t, kChunk> buf;
  size_t pos = 0;
  while (true) {
    std::unique_ptr<bz_stream, BzDeleter> bs(new bz_stream{});
    if (BZ2_bzDecompressInit(bs.get(), 0, 0) != BZ_OK) {
      bs.release();
      r.status = Status::Internal("decompress: BZ2_bzDecompressInit failed");
      return;
    }
    while (true) {
      size_t feed = std::min<size_t>(in.size() - pos, size_t{1} << 30);
      bs->next_in = const_cast<char*>(reinterpret_cast<const char*>(in.data() + pos));
      bs->avail_in = static_cast<unsigned>(feed);
      bs->next_out = reinterpret_cast<char*>(buf.data());
      bs->avail_out = static_cast<unsigned>(buf.size());
      int ret = BZ2_bzDecompress(bs.get());
      pos += feed - bs->avail_in;
      if (!sink.Append(buf.data(), buf.size() - bs->avail_out)) return;
      if (ret == BZ_STREAM_END) break;
      if (ret != BZ_OK) {
        r.status = Status::Malformed(pos, "decompress: bzip2: data error " + std::to_string(ret));
        return;
      }
      if (pos == in.size() && bs->avail_out != 0) {
        r.status = Status::Malformed(pos, "decompress: bzip2: stream truncated");
        return;
      }
    }
    ++r.streams;
    ByteView rest = in.subspan(pos);
    if (rest.empty()) return;
    if (!IsBzip2Header(rest)) {
      r.trailing_bytes = rest.size();  // bz2.decompress ignores leftover non-bzip2 data
      return;
    }
    if (r.streams >= limits.max_gzip_members) {
      r.status = Status::LimitExceeded(pos, "decompress: bzip2: too many concatenated streams");
      return;
    }
  }
}

// ---- xz / lzma-alone -------------------------------------------------------------------------

struct LzmaStream {
  lzma_stream s = LZMA_STREAM_INIT;
  ~LzmaStream() { lzma_end(&s); }
};

void DecodeLzma(ByteView in, bool xz, const DecompressLimits& limits, DecompressResult& r) {
  Sink sink(r, in.size(), limits);
  std::array<uint8_t, kChunk> buf;
  size_t pos = 0;
  const char* name = xz ? "xz" : "lzma";
  while (true) {
    LzmaStream ls;
    lzma_ret init = xz ? lzma_stream_decoder(&ls.s, limits.max_lzma_memory, 0)
                       : lzma_alone_decoder(&ls.s, limits.max_lzma_memory);
    if (init != LZMA_OK) {
      r.status = Status::Internal(std::string("decompress: ") + name + ": decoder init failed");
      return;
    }
    ls.s.next_in = in.data() + pos;
    ls.s.avail_in = in.size() - pos;
    while (true) {
      ls.s.next_out = buf.data();
      ls.s.avail_out = buf.size();
      lzma_ret ret = lzma_code(&ls.s, LZMA_RUN);
      if (!sink.Append(buf.data(), buf.size() - ls.s.avail_out)) return;
      pos = in.size() - ls.s.avail_in;
      if (ret == LZMA_STREAM_END) break;
      if (ret == LZMA_OK) continue;
      if (ret == LZMA_MEMLIMIT_ERROR) {
        r.status = Status::LimitExceeded(
            pos, std::string("decompress: ") + name + ": decoder needs more than max_lzma_memory");
      } else if (ret == LZMA_BUF_ERROR) {
        r.status =
            Status::Malformed(pos, std::string("decompress: ") + name + ": stream truncated");
      } else {
        r.status = Status::Malformed(pos, std::string("decompress: ") + name + ": data error " +
                                              std::to_string(static_cast<int>(ret)));
      }
      return;
    }
    ++r.streams;
    // xz streams may be followed by zero stream padding (xz file format 2.2).
    size_t next = xz ? SkipZeros(in, pos) : pos;
    ByteView rest = in.subspan(next);
    if (rest.empty()) return;
    if (!(xz ? StartsWith(rest, kXzMagic, 6) : IsLzmaAloneHeader(rest))) {
      r.trailing_bytes = rest.size();  // lzma.decompress ignores leftover data
      return;
    }
    if (r.streams >= limits.max_gzip_members) {
      r.status = Status::LimitExceeded(
          next, std::string("decompress: ") + name + ": too many concatenated streams");
      return;
    }
    pos = next;
  }
}

// ---- zstd ------------------------------------------------------------------------------------

struct ZstdDeleter {
  void operator()(ZSTD_DCtx* d) const { ZSTD_freeDCtx(d); }
};

void DecodeZstd(ByteView in, const DecompressLimits& limits, DecompressResult& r) {
  Sink sink(r, in.size(), limits);
  std::unique_ptr<ZSTD_DCtx, ZstdDeleter> dctx(ZSTD_createDCtx());
  if (!dctx || ZSTD_isError(ZSTD_DCtx_setParameter(dctx.get(), ZSTD_d_windowLogMax,
                                                   static_cast<int>(limits.max_zstd_window_log)))) {
    r.status = Status::Internal("decompress: zstd: context setup failed");
    return;
  }
  std::array<uint8_t, kChunk> buf;
  ZSTD_inBuffer zin{in.data(), in.size(), 0};
  while (true) {
    ZSTD_outBuffer zout{buf.data(), buf.size(), 0};
    size_t ret = ZSTD_decompressStream(dctx.get(), &zout, &zin);
    if (ZSTD_isError(ret)) {
      if (ZSTD_getErrorCode(ret) == ZSTD_error_frameParameter_windowTooLarge) {
        r.status = Status::LimitExceeded(zin.pos,
                                         "decompress: zstd: window larger than "
                                         "max_zstd_window_log");
      } else {
        r.status =
            Status::Malformed(zin.pos, std::string("decompress: zstd: ") + ZSTD_getErrorName(ret));
      }
      return;
    }
    if (!sink.Append(buf.data(), zout.pos)) return;
    if (ret == 0) {
      ++r.streams;  // a frame ended; more frames may follow
      if (zin.pos == zin.size) return;
      if (r.streams >= limits.max_gzip_members) {
        r.status = Status::LimitExceeded(zin.pos, "decompress: zstd: too many frames");
        return;
      }
      continue;
    }
    if (zin.pos == zin.size && zout.pos < zout.size) {
      r.status = Status::Malformed(zin.pos, "decompress: zstd: stream truncated");
      return;
    }
  }
}

struct Lz4Deleter {
  void operator()(LZ4F_dctx* c) const { LZ4F_freeDecompressionContext(c); }
};

// LZ4 frame format (joblib's compress='lz4'), frame after frame like the lz4 module.
void DecodeLz4(ByteView in, const DecompressLimits& limits, DecompressResult& r) {
  Sink sink(r, in.size(), limits);
  LZ4F_dctx* raw = nullptr;
  if (LZ4F_isError(LZ4F_createDecompressionContext(&raw, LZ4F_VERSION))) {
    r.status = Status::Internal("decompress: lz4: context setup failed");
    return;
  }
  std::unique_ptr<LZ4F_dctx, Lz4Deleter> dctx(raw);
  std::array<uint8_t, kChunk> buf;
  size_t pos = 0;
  while (true) {
    size_t out_size = buf.size();
    size_t in_size = in.size() - pos;
    size_t ret =
        LZ4F_decompress(dctx.get(), buf.data(), &out_size, in.data() + pos, &in_size, nullptr);
    if (LZ4F_isError(ret)) {
      r.status = Status::Malformed(pos, std::string("decompress: lz4: ") + LZ4F_getErrorName(ret));
      return;
    }
    pos += in_size;
    if (!sink.Append(buf.data(), out_size)) return;
    if (ret == 0) {
      ++r.streams;
      if (pos == in.size()) return;
      if (r.streams >= limits.max_gzip_members) {
        r.status = Status::LimitExceeded(pos, "decompress: lz4: too many frames");
        return;
      }
      continue;
    }
    if (pos == in.size() && out_size == 0) {
      r.status = Status::Malformed(pos, "decompress: lz4: stream truncated");
      return;
    }
  }
}

}  // namespace

std::optional<Codec> SniffCodec(ByteView head) {
  if (StartsWith(head, kLz4Magic, 4)) return Codec::kLz4;
  if (IsGzipHeader(head)) return Codec::kGzip;
  if (IsBzip2Header(head)) return Codec::kBzip2;
  if (StartsWith(head, kXzMagic, 6)) return Codec::kXz;
  if (StartsWith(head, kZstdMagic, 4)) return Codec::kZstd;
  if (IsLzmaAloneHeader(head)) return Codec::kLzma;
  if (IsZlibHeader(head)) return Codec::kZlib;
  return std::nullopt;
}

std::string_view CodecName(Codec codec) {
  switch (codec) {
    case Codec::kZlib:
      return "zlib";
    case Codec::kGzip:
      return "gzip";
    case Codec::kBzip2:
      return "bzip2";
    case Codec::kXz:
      return "xz";
    case Codec::kLzma:
      return "lzma";
    case Codec::kZstd:
      return "zstd";
    case Codec::kLz4:
      return "lz4";
  }
  return "unknown";
}

DecompressResult Decompress(ByteView in, Codec codec, const DecompressLimits& limits) {
  DecompressResult r;
  switch (codec) {
    case Codec::kZlib:
      DecodeZlib(in, false, limits, r);
      break;
    case Codec::kGzip:
      DecodeZlib(in, true, limits, r);
      break;
    case Codec::kBzip2:
      DecodeBzip2(in, limits, r);
      break;
    case Codec::kXz:
      DecodeLzma(in, true, limits, r);
      break;
    case Codec::kLzma:
      DecodeLzma(in, false, limits, r);
      break;
    case Codec::kZstd:
      DecodeZstd(in, limits, r);
      break;
    case Codec::kLz4:
      DecodeLz4(in, limits, r);
      break;
  }
  return r;
}

}  // namespace aigis::formats::compress
