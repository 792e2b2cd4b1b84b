#include "gateway/request_log.h"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <thread>
#include <vector>

namespace aigis::gateway {
namespace {

using Json = nlohmann::json;

std::string Dump(const Json& j) { return j.dump(-1, ' ', false, Json::error_handler_t::replace); }

// Strings come out byte for byte as nlohmann printed them, escapes and bad UTF-8 included.
TEST(JsonLine, StringsAsNlohmannPrintsThem) {
  const std::vector<std::string> values = {
      "",
      "plain",
      "quote \" and backslash \\",
      "ctl \b\f\n\r\t \x01\x1f\x7f",
      "é ü 中文 😀",
      "bad \xff utf8",
      "cut \xe4\xb8",
      std::string("nul \0 in", 8),
      "[EMAIL_1]",
  };
  for (const std::string& v : values) {
    std::string line = JsonLine().Str("k", v).Done();
    EXPECT_EQ(line, Dump(Json{{"k", v}})) << v;
  }
}

TEST(JsonLine, FieldsInOrderAndNumbers) {
  std::set<std::string> cats = {"pii", "secret\"x"};
  std::string line = JsonLine()
                         .StrArray("categories", cats)
                         .Int("i", -42)
                         .Uint("u", 18446744073709551615ull)
                         .Double("d", 0.123)
                         .Double("whole", 5.0)
                         .Double("tiny", 1e-7)
                         .Bool("b", true)
                         .StrArray("none", std::set<std::string>{})
                         .Done();
  Json j = Json::parse(line);
  EXPECT_EQ(j["categories"], Json(cats));
  EXPECT_EQ(j["i"], -42);
  EXPECT_EQ(j["u"].get<uint64_t>(), 18446744073709551615ull);
  EXPECT_DOUBLE_EQ(j["d"].get<double>(), 0.123);
  EXPECT_TRUE(j["whole"].is_number_float());
  EXPECT_DOUBLE_EQ(j["tiny"].get<double>(), 1e-7);
  EXPECT_EQ(j["b"], true);
  EXPECT_EQ(j["none"], Json::array());
  EXPECT_EQ(line.find("\"categories\""), 1u);  // the order fields were added in
  EXPECT_LT(line.find("\"i\""), line.find("\"u\""));
  EXPECT_NE(line.find("\"whole\":5.0"), std::string::npos) << line;
  EXPECT_EQ(JsonLine().Done(), "{}");
}

class LineWriterTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("aigis_line_writer_" + std::to_string(::getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::create_directories(dir_);
    path_ = (dir_ / "out.log").string();
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  int OpenOut() { return ::open(path_.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600); }
  std::string Read() {
    std::ifstream f(path_);
    return std::string((std::istreambuf_iterator<char>(f)), std::istreambuf_iterator<char>());
  }
  static LineWriterLimits NeverByTime() {
    LineWriterLimits l;
    l.max_delay = std::chrono::hours(1);
    return l;
  }
  std::filesystem::path dir_;
  std::string path_;
};

// The shutdown guarantee: lines written by several threads and never flushed by the delay are all
// in the file once the writer is destroyed, each whole, each thread's in the order it wrote them.
TEST_F(LineWriterTest, EveryLineReachesTheFileAtDestruction) {
  constexpr int kThreads = 4, kLines = 2000;
  {
    LineWriter w(OpenOut(), true, NeverByTime());
    std::vector<std::thread> ts;
    for (int t = 0; t < kThreads; ++t)
      ts.emplace_back([&w, t] {
        for (int i = 0; i < kLines; ++i)
          w.Write("{\"t\":" + std::to_string(t) + ",\"i\":" + std::to_string(i) + "}");
      });
    for (auto& t : ts) t.join();
  }
  std::istringstream in(Read());
  std::map<int, int> next;
  size_t n = 0;
  for (std::string l; std::getline(in, l); ++n) {
    Json j = Json::parse(l, nullptr, false);
    ASSERT_TRUE(j.is_object()) << l;
    int t = j["t"];
    EXPECT_EQ(j["i"].get<int>(), next[t]++) << "thread " << t;
  }
  EXPECT_EQ(n, static_cast<size_t>(kThreads * kLines));
}

TEST_F(LineWriterTest, FlushWritesWhatIsBuffered) {
  LineWriter w(OpenOut(), true, NeverByTime());
  w.Write("one");
  w.Write("two");
  EXPECT_EQ(Read(), "");  // buffered: the delay is an hour and the buffer far from full
  ASSERT_TRUE(w.Flush().ok());
  EXPECT_EQ(Read(), "one\ntwo\n");
  w.Write("three");
  ASSERT_TRUE(w.Flush().ok());
  EXPECT_EQ(Read(), "one\ntwo\nthree\n");
}

// Without Flush a line still arrives, by the background thread (waited for, not timed).
TEST_F(LineWriterTest, LinesArriveWithinTheDelayWithoutFlush) {
  LineWriterLimits l;
  l.max_delay = std::chrono::milliseconds(5);
  LineWriter w(OpenOut(), true, l);
  w.Write("hello");
  std::string got;
  for (int i = 0; i < 1000 && got.empty(); ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
    got = Read();
  }
  EXPECT_EQ(got, "hello\n");
}

// A full buffer is written by the thread that filled it, before Write returns.
TEST_F(LineWriterTest, FullBufferIsWrittenByTheWriter) {
  LineWriterLimits l = NeverByTime();
  l.max_buffer_bytes = 64;
  LineWriter w(OpenOut(), true, l);
  const std::string line(40, 'x');
  w.Write(line);
  EXPECT_EQ(Read(), "");
  w.Write(line);  // 82 bytes buffered: past the limit
  EXPECT_EQ(Read(), line + "\n" + line + "\n");
}

TEST_F(LineWriterTest, FlushReportsAFailedWrite) {
  int fd = ::open(path_.c_str(), O_RDONLY | O_CREAT | O_CLOEXEC, 0600);  // write(2) fails
  ASSERT_GE(fd, 0);
  LineWriter w(fd, true, NeverByTime());
  w.Write("lost");
  Status st = w.Flush();
  EXPECT_FALSE(st.ok());
  EXPECT_TRUE(w.Flush().ok());  // reported once; nothing new failed
}

TEST_F(LineWriterTest, FileRequestLogIsOwnerOnlyAndFlushes) {
  auto rlog = FileRequestLog::Open(path_, NeverByTime());
  ASSERT_TRUE(rlog.ok());
  (*rlog)->Write("{\"a\":1}");
  (*rlog)->Flush();
  EXPECT_EQ(Read(), "{\"a\":1}\n");
  struct stat sb;
  ASSERT_EQ(::stat(path_.c_str(), &sb), 0);
  EXPECT_EQ(sb.st_mode & 0777, 0600u);
}

}  // namespace
}  // namespace aigis::gateway
