#include "formats/compress/decompress.h"

#include <bzlib.h>
#include <gtest/gtest.h>
#include <lzma.h>
#include <zlib.h>
#include <zstd.h>

#include <string>

namespace aigis::formats::compress {
namespace {

// ---- encoders (the real libraries, so fixtures are exactly what Python's modules write) ----

std::string ZlibEncode(const std::string& in, int window_bits = 15) {
  z_stream zs{};
  EXPECT_EQ(deflateInit2(&zs, 6, Z_DEFLATED, window_bits, 8, Z_DEFAULT_STRATEGY), Z_OK);
  std::string out(deflateBound(&zs, in.size()) + 32, '\0');
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
  zs.avail_in = static_cast<uInt>(in.size());
  zs.next_out = reinterpret_cast<Bytef*>(out.data());
  zs.avail_out = static_cast<uInt>(out.size());
  EXPECT_EQ(deflate(&zs, Z_FINISH), Z_STREAM_END);
  out.resize(zs.total_out);
  deflateEnd(&zs);
  return out;
}
std::string GzipEncode(const std::string& in) { return ZlibEncode(in, 31); }

std::string Bz2Encode(const std::string& in) {
  std::string out(in.size() + in.size() / 100 + 700, '\0');
  unsigned len = static_cast<unsigned>(out.size());
  EXPECT_EQ(BZ2_bzBuffToBuffCompress(out.data(), &len, const_cast<char*>(in.data()),
                                     static_cast<unsigned>(in.size()), 9, 0, 0),
            BZ_OK);
  out.resize(len);
  return out;
}

std::string XzEncode(const std::string& in, uint32_t preset = 1) {
  std::string out(lzma_stream_buffer_bound(in.size()), '\0');
  size_t pos = 0;
  EXPECT_EQ(lzma_easy_buffer_encode(preset, LZMA_CHECK_CRC64, nullptr,
                                    reinterpret_cast<const uint8_t*>(in.data()), in.size(),
                                    reinterpret_cast<uint8_t*>(out.data()), &pos, out.size()),
            LZMA_OK);
  out.resize(pos);
  return out;
}

std::string LzmaAloneEncode(const std::string& in) {
  lzma_options_lzma opt;
  EXPECT_FALSE(lzma_lzma_preset(&opt, 1));
  lzma_stream s = LZMA_STREAM_INIT;
  EXPECT_EQ(lzma_alone_encoder(&s, &opt), LZMA_OK);
  std::string out(in.size() + 1024, '\0');
  s.next_in = reinterpret_cast<const uint8_t*>(in.data());
  s.avail_in = in.size();
  s.next_out = reinterpret_cast<uint8_t*>(out.data());
  s.avail_out = out.size();
  EXPECT_EQ(lzma_code(&s, LZMA_FINISH), LZMA_STREAM_END);
  out.resize(out.size() - s.avail_out);
  lzma_end(&s);
  return out;
}

std::string ZstdEncode(const std::string& in) {
  std::string out(ZSTD_compressBound(in.size()), '\0');
  size_t n = ZSTD_compress(out.data(), out.size(), in.data(), in.size(), 3);
  EXPECT_FALSE(ZSTD_isError(n));
  out.resize(n);
  return out;
}

// A zstd frame without a content size, so its window stays at 2^window_log.
std::string ZstdEncodeStreaming(const std::string& in, int window_log) {
  ZSTD_CCtx* c = ZSTD_createCCtx();
  ZSTD_CCtx_setParameter(c, ZSTD_c_windowLog, window_log);
  std::string out(ZSTD_compressBound(in.size()) + 64, '\0');
  ZSTD_outBuffer ob{out.data(), out.size(), 0};
  ZSTD_inBuffer ib{in.data(), in.size(), 0};
  EXPECT_FALSE(ZSTD_isError(ZSTD_compressStream2(c, &ob, &ib, ZSTD_e_continue)));
  ZSTD_inBuffer empty{nullptr, 0, 0};
  EXPECT_EQ(ZSTD_compressStream2(c, &ob, &empty, ZSTD_e_end), 0u);
  out.resize(ob.pos);
  ZSTD_freeCCtx(c);
  return out;
}

std::string Payload(size_t n = 100000) {
  std::string s;
  s.reserve(n);
  uint32_t x = 12345;
  while (s.size() < n) {
    x = x * 1103515245 + 12345;
    s.push_back(static_cast<char>('a' + (x >> 16) % 7));  // compressible but not trivial
  }
  return s;
}

std::string Out(const DecompressResult& r) { return std::string(r.data.begin(), r.data.end()); }

ByteView V(const std::string& s) { return AsBytes(s); }

// ---- sniffing --------------------------------------------------------------------------------

TEST(SniffCodec, RecognisesEachMagic) {
  std::string p = "hello";
  EXPECT_EQ(SniffCodec(V(ZlibEncode(p))), Codec::kZlib);
  EXPECT_EQ(SniffCodec(V(GzipEncode(p))), Codec::kGzip);
  EXPECT_EQ(SniffCodec(V(Bz2Encode(p))), Codec::kBzip2);
  EXPECT_EQ(SniffCodec(V(XzEncode(p))), Codec::kXz);
  EXPECT_EQ(SniffCodec(V(LzmaAloneEncode(p))), Codec::kLzma);
  EXPECT_EQ(SniffCodec(V(ZstdEncode(p))), Codec::kZstd);
}

TEST(SniffCodec, RejectsLookalikes) {
  EXPECT_EQ(SniffCodec(V(std::string("\x80\x04\x95", 3))), std::nullopt);  // pickle
  EXPECT_EQ(SniffCodec(V(std::string("x\x00", 2))), std::nullopt);         // 0x7800 % 31 != 0
  EXPECT_EQ(SniffCodec(V(std::string("x\xbb", 2))), std::nullopt);         // FDICT set
  EXPECT_EQ(SniffCodec(V(std::string("\x1f\x8b\x07", 3))), std::nullopt);  // gzip CM != 8
  EXPECT_EQ(SniffCodec(V(std::string("BZh0"))), std::nullopt);
  EXPECT_EQ(SniffCodec(V(std::string("BZ"))), std::nullopt);
  // lzma-alone with an implausible dictionary size (0x00050000 is not 2^n or 3*2^(n-1)).
  std::string lz("\x5d\x00\x00\x05\x00\xff\xff\xff\xff\xff\xff\xff\xff", 13);
  EXPECT_EQ(SniffCodec(V(lz)), std::nullopt);
  lz[3] = 0x01;  // 0x00010000 = 64 KiB
  EXPECT_EQ(SniffCodec(V(lz)), Codec::kLzma);
  EXPECT_EQ(SniffCodec(V(lz.substr(0, 12))), std::nullopt);  // too short to check
  EXPECT_EQ(SniffCodec(ByteView()), std::nullopt);
  EXPECT_EQ(SniffCodec(V(std::string("x\x9c", 2))), Codec::kZlib);
}

TEST(SniffCodec, Names) {
  EXPECT_EQ(CodecName(Codec::kZlib), "zlib");
  EXPECT_EQ(CodecName(Codec::kGzip), "gzip");
  EXPECT_EQ(CodecName(Codec::kBzip2), "bzip2");
  EXPECT_EQ(CodecName(Codec::kXz), "xz");
  EXPECT_EQ(CodecName(Codec::kLzma), "lzma");
  EXPECT_EQ(CodecName(Codec::kZstd), "zstd");
}

// ---- round trips -----------------------------------------------------------------------------

struct Case {
  Codec codec;
  std::string (*encode)(const std::string&);
};
std::string Xz1(const std::string& s) { return XzEncode(s); }
const Case kCases[] = {{Codec::kZlib, [](const std::string& s) { return ZlibEncode(s); }},
                       {Codec::kGzip, GzipEncode},
                       {Codec::kBzip2, Bz2Encode},
                       {Codec::kXz, Xz1},
                       {Codec::kLzma, LzmaAloneEncode},
                       {Codec::kZstd, ZstdEncode}};

TEST(Decompress, RoundTripsEveryCodec) {
  std::string p = Payload();
  for (const Case& c : kCases) {
    DecompressResult r = Decompress(V(c.encode(p)), c.codec, DecompressLimits{});
    EXPECT_TRUE(r.status.ok()) << CodecName(c.codec) << ": " << r.status.ToString();
    EXPECT_EQ(Out(r), p) << CodecName(c.codec);
    EXPECT_EQ(r.streams, 1u);
    EXPECT_EQ(r.trailing_bytes, 0u);
  }
}

TEST(Decompress, TruncatedStreamsKeepPartialOutput) {
  std::string p = Payload(400000);
  for (const Case& c : kCases) {
    std::string enc = c.encode(p);
    std::string cut = enc.substr(0, enc.size() * 3 / 4);
    DecompressResult r = Decompress(V(cut), c.codec, DecompressLimits{});
    EXPECT_EQ(r.status.code(), StatusCode::kMalformed) << CodecName(c.codec);
    EXPECT_LT(r.data.size(), p.size()) << CodecName(c.codec);
    EXPECT_EQ(Out(r), p.substr(0, r.data.size())) << CodecName(c.codec);
  }
}

TEST(Decompress, TruncationAtEveryByteNeverCrashes) {
  std::string p = Payload(3000);
  for (const Case& c : kCases) {
    std::string enc = c.encode(p);
    for (size_t n = 0; n < enc.size(); ++n) {
      DecompressResult r = Decompress(V(enc.substr(0, n)), c.codec, DecompressLimits{});
      EXPECT_FALSE(r.status.ok()) << CodecName(c.codec) << " cut at " << n;
      EXPECT_LE(r.data.size(), p.size());
    }
  }
}

TEST(Decompress, CorruptDataIsMalformed) {
  std::string p = Payload(20000);
  for (const Case& c : kCases) {
    std::string enc = c.encode(p);
    for (size_t i = enc.size() / 3; i < enc.size() / 3 + 16; ++i) enc[i] ^= 0x5a;
    DecompressResult r = Decompress(V(enc), c.codec, DecompressLimits{});
    EXPECT_FALSE(r.status.ok()) << CodecName(c.codec);
    EXPECT_LE(r.data.size(), p.size() + (1 << 20));
  }
}

TEST(Decompress, EmptyInputIsMalformed) {
  for (const Case& c : kCases) {
    EXPECT_EQ(Decompress(ByteView(), c.codec, DecompressLimits{}).status.code(),
              StatusCode::kMalformed)
        << CodecName(c.codec);
  }
}

// ---- concatenation, like Python's modules ----------------------------------------------------

TEST(Decompress, GzipMembersAndZeroPadding) {
  std::string two = GzipEncode("first ") + GzipEncode("second") + std::string(7, '\0');
  DecompressResult r = Decompress(V(two), Codec::kGzip, DecompressLimits{});
  EXPECT_TRUE(r.status.ok()) << r.status.ToString();
  EXPECT_EQ(Out(r), "first second");
  EXPECT_EQ(r.streams, 2u);
}

TEST(Decompress, GzipTrailingGarbageIsAnErrorLikeTheGzipModule) {
  std::string s = GzipEncode("payload") + "JUNK";
  DecompressResult r = Decompress(V(s), Codec::kGzip, DecompressLimits{});
  EXPECT_EQ(r.status.code(), StatusCode::kMalformed);
  EXPECT_EQ(Out(r), "payload");
}

TEST(Decompress, ZlibStreamsConcatenatedAndTrailingIgnored) {
  std::string s = ZlibEncode("ab") + ZlibEncode("cd") + "tail";
  DecompressResult r = Decompress(V(s), Codec::kZlib, DecompressLimits{});
  EXPECT_TRUE(r.status.ok());
  EXPECT_EQ(Out(r), "abcd");
  EXPECT_EQ(r.streams, 2u);
  EXPECT_EQ(r.trailing_bytes, 4u);
}

TEST(Decompress, Bzip2MultiStream) {
  std::string s = Bz2Encode("one") + Bz2Encode("two") + "xx";
  DecompressResult r = Decompress(V(s), Codec::kBzip2, DecompressLimits{});
  EXPECT_TRUE(r.status.ok()) << r.status.ToString();
  EXPECT_EQ(Out(r), "onetwo");
  EXPECT_EQ(r.trailing_bytes, 2u);
}

TEST(Decompress, XzStreamsWithPadding) {
  std::string s = XzEncode("one") + std::string(4, '\0') + XzEncode("two");
  DecompressResult r = Decompress(V(s), Codec::kXz, DecompressLimits{});
  EXPECT_TRUE(r.status.ok()) << r.status.ToString();
  EXPECT_EQ(Out(r), "onetwo");
  EXPECT_EQ(r.streams, 2u);
}

TEST(Decompress, ZstdFrames) {
  std::string s = ZstdEncode("one") + ZstdEncode("two");
  DecompressResult r = Decompress(V(s), Codec::kZstd, DecompressLimits{});
  EXPECT_TRUE(r.status.ok()) << r.status.ToString();
  EXPECT_EQ(Out(r), "onetwo");
  EXPECT_EQ(r.streams, 2u);
  DecompressResult bad =
      Decompress(V(ZstdEncode("one") + "garbage!"), Codec::kZstd, DecompressLimits{});
  EXPECT_EQ(bad.status.code(), StatusCode::kMalformed);
  EXPECT_EQ(Out(bad), "one");
}

TEST(Decompress, LzmaAloneTrailingIgnored) {
  std::string s = LzmaAloneEncode("body") + "zz";
  DecompressResult r = Decompress(V(s), Codec::kLzma, DecompressLimits{});
  EXPECT_TRUE(r.status.ok()) << r.status.ToString();
  EXPECT_EQ(Out(r), "body");
  EXPECT_EQ(r.trailing_bytes, 2u);
}

TEST(Decompress, MemberCountLimit) {
  std::string s;
  for (int i = 0; i < 5; ++i) s += GzipEncode("m");
  DecompressLimits lim;
  lim.max_gzip_members = 3;
  DecompressResult r = Decompress(V(s), Codec::kGzip, lim);
  EXPECT_EQ(r.status.code(), StatusCode::kLimitExceeded);
  EXPECT_EQ(Out(r), "mmm");
}

// ---- bombs -----------------------------------------------------------------------------------

TEST(Decompress, OutputLimitKeepsPrefix) {
  std::string p = Payload(300000);
  DecompressLimits lim;
  lim.max_output_bytes = 100000;
  for (const Case& c : kCases) {
    DecompressResult r = Decompress(V(c.encode(p)), c.codec, lim);
    EXPECT_EQ(r.status.code(), StatusCode::kLimitExceeded) << CodecName(c.codec);
    EXPECT_EQ(r.data.size(), 100000u) << CodecName(c.codec);
    EXPECT_EQ(Out(r), p.substr(0, 100000));
  }
}

TEST(Decompress, RatioLimitStopsBombs) {
  std::string zeros(8 << 20, '\0');
  for (const Case& c : kCases) {
    DecompressResult r = Decompress(V(c.encode(zeros)), c.codec, DecompressLimits{});
    EXPECT_EQ(r.status.code(), StatusCode::kLimitExceeded) << CodecName(c.codec);
    EXPECT_LT(r.data.size(), zeros.size()) << CodecName(c.codec);
  }
}

TEST(Decompress, LzmaMemoryLimit) {
  DecompressLimits lim;
  lim.max_lzma_memory = 64 * 1024;  // preset 1 needs a 1 MiB dictionary
  DecompressResult r = Decompress(V(XzEncode("x")), Codec::kXz, lim);
  EXPECT_EQ(r.status.code(), StatusCode::kLimitExceeded);
  DecompressResult a = Decompress(V(LzmaAloneEncode("x")), Codec::kLzma, lim);
  EXPECT_EQ(a.status.code(), StatusCode::kLimitExceeded);
}

TEST(Decompress, ZstdWindowLimit) {
  std::string enc = ZstdEncodeStreaming(Payload(1000), 24);
  DecompressLimits lim;
  lim.max_zstd_window_log = 20;
  DecompressResult r = Decompress(V(enc), Codec::kZstd, lim);
  EXPECT_EQ(r.status.code(), StatusCode::kLimitExceeded) << r.status.ToString();
  EXPECT_TRUE(Decompress(V(enc), Codec::kZstd, DecompressLimits{}).status.ok());
}

}  // namespace
}  // namespace aigis::formats::compress

#include <lz4frame.h>

namespace aigis::formats::compress {
namespace {

TEST(DecompressLz4Test, RoundTripsAFrameAndRejectsTruncation) {
  std::string plain(100000, 'a');
  for (size_t i = 0; i < plain.size(); i += 7) plain[i] = static_cast<char>('a' + i % 26);
  std::vector<uint8_t> frame(LZ4F_compressFrameBound(plain.size(), nullptr));
  size_t n = LZ4F_compressFrame(frame.data(), frame.size(), plain.data(), plain.size(), nullptr);
  ASSERT_FALSE(LZ4F_isError(n));
  frame.resize(n);
  ByteView v(frame.data(), frame.size());
  ASSERT_EQ(SniffCodec(v), Codec::kLz4);
  EXPECT_EQ(CodecName(Codec::kLz4), "lz4");
  DecompressResult r = Decompress(v, Codec::kLz4, DecompressLimits{});
  ASSERT_TRUE(r.status.ok()) << r.status.ToString();
  EXPECT_EQ(std::string(r.data.begin(), r.data.end()), plain);
  DecompressResult t = Decompress(v.first(v.size() - 5), Codec::kLz4, DecompressLimits{});
  EXPECT_FALSE(t.status.ok());
  DecompressLimits small;
  small.max_output_bytes = 1000;
  DecompressResult l = Decompress(v, Codec::kLz4, small);
  EXPECT_EQ(l.status.code(), StatusCode::kLimitExceeded);
  EXPECT_EQ(l.data.size(), 1000u);
}

}  // namespace
}  // namespace aigis::formats::compress
