#include "formats/npy/npy_header.h"

#include <gtest/gtest.h>

#include <string>

namespace aigis::formats::npy {
namespace {

// Writes a .npy prefix the way numpy.lib.format does: magic, version, length, the dict
// literal padded with spaces and '\n' to a multiple of 64.
std::string MakeNpy(const std::string& dict, int major = 1, bool pad = true) {
  std::string header = dict;
  size_t prefix = major == 1 ? 10 : 12;
  if (pad) {
    size_t total = prefix + header.size() + 1;
    header += std::string((64 - total % 64) % 64, ' ');
    header += '\n';
  }
  std::string out("\x93NUMPY", 6);
  out.push_back(static_cast<char>(major));
  out.push_back(0);
  uint32_t n = static_cast<uint32_t>(header.size());
  out.push_back(static_cast<char>(n & 0xff));
  out.push_back(static_cast<char>((n >> 8) & 0xff));
  if (major != 1) {
    out.push_back(static_cast<char>((n >> 16) & 0xff));
    out.push_back(static_cast<char>((n >> 24) & 0xff));
  }
  return out + header;
}

Result<NpyHeader> Parse(const std::string& bytes, const NpyLimits& lim = NpyLimits{}) {
  return ParseNpyHeader(AsBytes(bytes), lim);
}

TEST(NpyHeader, PlainFloatArrayV1) {
  std::string f = MakeNpy("{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }");
  f += std::string(24, '\0');
  auto h = Parse(f);
  ASSERT_TRUE(h.ok()) << h.error().ToString();
  EXPECT_EQ(h->major, 1);
  EXPECT_EQ(h->minor, 0);
  EXPECT_EQ(h->descr, "'<f4'");
  EXPECT_FALSE(h->fortran_order);
  EXPECT_EQ(h->shape, (std::vector<uint64_t>{2, 3}));
  EXPECT_EQ(h->data_offset, 128u);  // 10 + 59 + 1 rounds up to 128, as numpy writes it
  EXPECT_FALSE(h->has_object);
  EXPECT_EQ(h->itemsize, 4u);
  EXPECT_EQ(h->data_bytes, 24u);
  EXPECT_FALSE(h->over_numpy_header_limit);
  EXPECT_FALSE(h->unexpected_keys);
}

TEST(NpyHeader, Version2And3UseU32Length) {
  for (int major : {2, 3}) {
    auto h =
        Parse(MakeNpy("{\"descr\": \"<i8\", \"fortran_order\": True, \"shape\": (5,)}", major));
    ASSERT_TRUE(h.ok()) << major << ": " << h.error().ToString();
    EXPECT_EQ(h->major, major);
    EXPECT_EQ(h->data_offset % 64, 0u);
    EXPECT_TRUE(h->fortran_order);
    EXPECT_EQ(h->shape, (std::vector<uint64_t>{5}));
    EXPECT_EQ(h->data_bytes, 40u);
  }
}

TEST(NpyHeader, ScalarAndEmptyShapes) {
  auto h = Parse(MakeNpy("{'descr': '<M8[ns]', 'fortran_order': False, 'shape': (), }"));
  ASSERT_TRUE(h.ok());
  EXPECT_TRUE(h->shape.empty());
  EXPECT_EQ(h->itemsize, 8u);
  EXPECT_EQ(h->data_bytes, 8u);
  auto z = Parse(MakeNpy("{'descr': '<U5', 'fortran_order': False, 'shape': (0, 7), }"));
  ASSERT_TRUE(z.ok());
  EXPECT_EQ(z->itemsize, 20u);
  EXPECT_EQ(z->data_bytes, 0u);
}

TEST(NpyHeader, ObjectDtypeMeansPickle) {
  auto h = Parse(MakeNpy("{'descr': '|O', 'fortran_order': False, 'shape': (3,), }"));
  ASSERT_TRUE(h.ok());
  EXPECT_TRUE(h->has_object);
  EXPECT_FALSE(h->data_bytes.has_value());
  auto old = Parse(MakeNpy("{'descr': '|O8', 'fortran_order': False, 'shape': (3L,), }"));
  ASSERT_TRUE(old.ok()) << old.error().ToString();
  EXPECT_TRUE(old->has_object);
  EXPECT_EQ(old->shape, (std::vector<uint64_t>{3}));
}

TEST(NpyHeader, ObjectInsideNestedStructuredDtype) {
  std::string descr = "[('a', '<i4'), ('c', [('d', '<f8', (2, 3)), ('e', [('deep', '|O')])])]";
  auto h = Parse(MakeNpy("{'descr': " + descr + ", 'fortran_order': False, 'shape': (2,), }"));
  ASSERT_TRUE(h.ok()) << h.error().ToString();
  EXPECT_TRUE(h->has_object);
  EXPECT_EQ(h->descr, descr);
  EXPECT_FALSE(h->data_bytes.has_value());
}

TEST(NpyHeader, StructuredItemsizeWithTitlesAndSubarrays) {
  std::string descr = "[(('title', 'x'), '<i4'), ('y', '<f8', (2, 3)), ('z', '|u1', 3)]";
  auto h = Parse(MakeNpy("{'descr': " + descr + ", 'fortran_order': False, 'shape': (10,), }"));
  ASSERT_TRUE(h.ok()) << h.error().ToString();
  EXPECT_FALSE(h->has_object);
  EXPECT_EQ(h->itemsize, 4u + 48u + 3u);
  EXPECT_EQ(h->data_bytes, 550u);
}

TEST(NpyHeader, FieldNamedOIsNotObject) {
  auto h = Parse(MakeNpy("{'descr': [('O', '<f4')], 'fortran_order': False, 'shape': (1,), }"));
  ASSERT_TRUE(h.ok());
  EXPECT_FALSE(h->has_object);
  EXPECT_EQ(h->itemsize, 4u);
}

TEST(NpyHeader, UnknownDtypeStringFailsClosed) {
  auto h = Parse(MakeNpy("{'descr': 'weird', 'fortran_order': False, 'shape': (1,), }"));
  ASSERT_TRUE(h.ok());
  EXPECT_TRUE(h->has_object);
  EXPECT_FALSE(h->itemsize.has_value());
}

TEST(NpyHeader, DictDescrWithObjectFormatIsFlagged) {
  auto h =
      Parse(MakeNpy("{'descr': {'names': ['a'], 'formats': ['O']}, 'fortran_order': False,"
                    " 'shape': (1,), }"));
  ASSERT_TRUE(h.ok()) << h.error().ToString();
  EXPECT_TRUE(h->has_object);
}

TEST(NpyHeader, EscapesAndQuotes) {
  auto h =
      Parse(MakeNpy("{'descr': [('it\\'s', '<f4'), (\"q\\\"\", '<f4')], "
                    "'fortran_order': False, 'shape': (1,)}"));
  ASSERT_TRUE(h.ok()) << h.error().ToString();
  EXPECT_EQ(h->itemsize, 8u);
  EXPECT_EQ(h->descr, "[('it\\'s', '<f4'), ('q\"', '<f4')]");
}

TEST(NpyHeader, DataBytesOverflowIsNotComputed) {
  auto h =
      Parse(MakeNpy("{'descr': '<f8', 'fortran_order': False, "
                    "'shape': (4294967296, 4294967296), }"));
  ASSERT_TRUE(h.ok());
  EXPECT_EQ(h->itemsize, 8u);
  EXPECT_FALSE(h->data_bytes.has_value());
}

TEST(NpyHeader, OverNumpyHeaderLimitIsFlagged) {
  std::string dict = "{'descr': '<f4', 'fortran_order': False, 'shape': (1,), }";
  dict += std::string(12000, ' ');
  auto h = Parse(MakeNpy(dict, 2));
  ASSERT_TRUE(h.ok());
  EXPECT_TRUE(h->over_numpy_header_limit);
}

TEST(NpyHeader, HardHeaderLimit) {
  NpyLimits lim;
  lim.max_header_bytes = 100;
  std::string dict =
      "{'descr': '<f4', 'fortran_order': False, 'shape': (1,), }" + std::string(200, ' ');
  EXPECT_EQ(Parse(MakeNpy(dict, 2), lim).error().code(), StatusCode::kLimitExceeded);
}

TEST(NpyHeader, DepthLimit) {
  std::string deep = std::string(100, '[') + std::string(100, ']');
  auto h = Parse(MakeNpy("{'descr': " + deep + ", 'fortran_order': False, 'shape': (1,)}"));
  EXPECT_EQ(h.error().code(), StatusCode::kLimitExceeded);
}

TEST(NpyHeader, NodeLimit) {
  NpyLimits lim;
  lim.max_nodes = 10;
  auto h =
      Parse(MakeNpy("{'descr': '<f4', 'fortran_order': False, 'shape': (1,2,3,4,5,6,7,8)}"), lim);
  EXPECT_EQ(h.error().code(), StatusCode::kLimitExceeded);
}

TEST(NpyHeader, DimsLimit) {
  NpyLimits lim;
  lim.max_dims = 2;
  auto h = Parse(MakeNpy("{'descr': '<f4', 'fortran_order': False, 'shape': (1, 2, 3)}"), lim);
  EXPECT_EQ(h.error().code(), StatusCode::kLimitExceeded);
}

TEST(NpyHeader, UnexpectedKeysAreFlagged) {
  auto h = Parse(MakeNpy("{'descr': '<f4', 'fortran_order': False, 'shape': (1,), 'x': 1}"));
  ASSERT_TRUE(h.ok());
  EXPECT_TRUE(h->unexpected_keys);
}

TEST(NpyHeader, MalformedHeaders) {
  const char* bad[] = {
      "{'descr': '<f4', 'fortran_order': False}",                   // no shape
      "{'descr': '<f4', 'fortran_order': 0, 'shape': (1,)}",        // not a bool
      "{'descr': '<f4', 'fortran_order': False, 'shape': [1]}",     // list shape
      "{'descr': '<f4', 'fortran_order': False, 'shape': (3)}",     // int, not a tuple
      "{'descr': '<f4', 'fortran_order': False, 'shape': (-1,)}",   // negative
      "{'descr': '<f4', 'fortran_order': False, 'shape': ('a',)}",  // not an int
      "{'descr': '<f4', 'fortran_order': False, 'shape': (99999999999999999999,)}",
      "{'descr': '<f4' 'fortran_order': False, 'shape': (1,)}",         // missing comma
      "{'descr': '<f4, 'fortran_order': False, 'shape': (1,)}",         // bad quoting
      "{'descr': '<f4', 'fortran_order': False, 'shape': (1,)",         // unclosed
      "{'descr': '<f4', 'fortran_order': False, 'shape': (1,)} extra",  // trailing
      "['descr', '<f4']",                                               // not a dict
      "{'descr' '<f4'}",                                                // no colon
      "{'descr': @}",                                                   // bad char
      "{'descr': '<f4', 'fortran_order': False, 'shape': (1,), 'x': -}",
      "",
  };
  for (const char* b : bad) {
    auto h = Parse(MakeNpy(b));
    ASSERT_FALSE(h.ok()) << b;
    EXPECT_EQ(h.error().code(), StatusCode::kMalformed) << b;
  }
}

TEST(NpyHeader, BadMagicVersionAndTruncation) {
  EXPECT_EQ(Parse("\x93NUMPZ\x01\x00\x00\x00").error().code(), StatusCode::kMalformed);
  std::string v4 = MakeNpy("{'descr': '<f4', 'fortran_order': False, 'shape': (1,)}", 2);
  v4[6] = 4;
  EXPECT_EQ(Parse(v4).error().code(), StatusCode::kUnsupported);
  std::string minor = MakeNpy("{'descr': '<f4', 'fortran_order': False, 'shape': (1,)}");
  minor[7] = 1;
  EXPECT_EQ(Parse(minor).error().code(), StatusCode::kUnsupported);
  std::string full = MakeNpy("{'descr': '<f4', 'fortran_order': False, 'shape': (1,), }");
  for (size_t n = 0; n < full.size(); ++n) {
    auto h = Parse(full.substr(0, n));
    EXPECT_FALSE(h.ok()) << n;
  }
  EXPECT_TRUE(Parse(full).ok());
}

}  // namespace
}  // namespace aigis::formats::npy
