#include "core/plugin.h"

#include <gtest/gtest.h>

namespace aigis {
namespace {

// The build tree's plugin directory is searched, so the real tar/7z plugin loads and hands out
// its table; the same table comes back on a second call (opened once).
TEST(PluginTest, LoadsABuiltPluginOnce) {
  auto a = LoadPlugin("archive", "aigis_plugin_archive");
  ASSERT_TRUE(a.ok()) << a.status().ToString();
  ASSERT_NE(*a, nullptr);
  auto b = LoadPlugin("archive", "aigis_plugin_archive");
  ASSERT_TRUE(b.ok());
  EXPECT_EQ(*a, *b);
}

TEST(PluginTest, MissingModuleNamesWhereItLooked) {
  auto r = LoadPlugin("no_such_plugin", "entry");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kUnsupported);
  EXPECT_NE(r.status().message().find("libaigis_no_such_plugin.so"), std::string::npos);
  EXPECT_NE(r.status().message().find("tried"), std::string::npos);
  // Asking again gives the same answer without retrying the file system.
  EXPECT_FALSE(LoadPlugin("no_such_plugin", "entry").ok());
}

TEST(PluginTest, MissingEntrySymbolIsAnError) {
  auto r = LoadPlugin("archive", "not_the_entry");
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("no symbol not_the_entry"), std::string::npos);
}

}  // namespace
}  // namespace aigis
