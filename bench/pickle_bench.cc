// Throughput of the static pickle emulator on opcode-dense pickles (the worst case for scanners:
// picklescan does ~3 MB/s). Streams are generated to match what CPython's pickle.dumps writes
// for a large list of small ints, floats, short strings and small dicts (protocols 2 and 4).
// Set AIGIS_PICKLE_BENCH_FILE=<path> to also measure a real file.
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <fstream>
#include <iterator>
#include <string>

#include "formats/pickle/pickle_analyzer.h"

namespace {

using aigis::formats::pickle::AnalyzePickle;

class Gen {
 public:
  explicit Gen(int proto) : proto_(proto) {}
  void Op(uint8_t c) { s_.push_back(static_cast<char>(c)); }
  void U32(uint32_t v) {
    for (int i = 0; i < 4; ++i) Op(static_cast<uint8_t>(v >> (8 * i)));
  }
  void U64(uint64_t v) {
    for (int i = 0; i < 8; ++i) Op(static_cast<uint8_t>(v >> (8 * i)));
  }
  void Memo() {
    if (proto_ >= 4) {
      Op(0x94);
    } else if (memo_ < 256) {
      Op('q');
      Op(static_cast<uint8_t>(memo_));
    } else {
      Op('r');
      U32(memo_);
    }
    ++memo_;
  }
  void Get(uint32_t i) {
    if (i < 256) {
      Op('h');
      Op(static_cast<uint8_t>(i));
    } else {
      Op('j');
      U32(i);
    }
  }
  void Int(uint32_t v) {
    if (v < 256) {
      Op('K');
      Op(static_cast<uint8_t>(v));
    } else if (v < 65536) {
      Op('M');
      Op(static_cast<uint8_t>(v));
      Op(static_cast<uint8_t>(v >> 8));
    } else {
      Op('J');
      U32(v);
    }
  }
  void Str(const std::string& t) {
    if (proto_ >= 4 && t.size() < 256) {
      Op(0x8c);
      Op(static_cast<uint8_t>(t.size()));
    } else {
      Op('X');
      U32(static_cast<uint32_t>(t.size()));
    }
    s_ += t;
    Memo();
  }
  std::string Build(size_t target) {
    Op(0x80);
    Op(static_cast<uint8_t>(proto_));
    size_t frame_at = 0;
    auto open_frame = [&] {
      if (proto_ < 4) return;
      Op(0x95);
      frame_at = s_.size();
      U64(0);
    };
    auto close_frame = [&] {
      if (proto_ < 4) return;
      uint64_t n = s_.size() - frame_at - 8;
      for (int i = 0; i < 8; ++i) s_[frame_at + i] = static_cast<char>(n >> (8 * i));
    };
    open_frame();
    Op(']');
    Memo();
    uint32_t key_a = 0, key_b = 0;
    bool keys = false;
    uint32_t i = 0;
    while (s_.size() < target) {
      Op('(');
      for (int k = 0; k < 1000; ++k, ++i) {
        switch (i % 4) {
          case 0:
            Int(i % 100000);
            break;
          case 1:
            Op('G');
            U64(0x3ff8000000000000ull + i);
            break;
          case 2:
            Str("s" + std::to_string(i));
            break;
          case 3:
            Op('}');
            Memo();
            Op('(');
            if (!keys) {
              key_a = memo_;
              Str("a");
              key_b = memo_;
              Str("b");
              keys = true;
            } else {
              Get(key_a);
              Int(i & 0xff);
              Get(key_b);
              Op('G');
              U64(0x4000000000000000ull);
            }
            if (i == 3) {
              Int(1);
              Op('G');
              U64(0x4000000000000000ull);
            }
            Op('u');
            break;
        }
      }
      Op('e');
      if (proto_ >= 4 && s_.size() - frame_at > 65536) {
        close_frame();
        open_frame();
      }
    }
    Op('.');
    close_frame();
    return s_;
  }

 private:
  int proto_;
  uint32_t memo_ = 0;
  std::string s_;
};

void Run(benchmark::State& state, const std::string& data) {
  aigis::ByteView v = aigis::AsBytes(data);
  for (auto _ : state) {
    auto r = AnalyzePickle(v);
    if (!r.error.ok()) state.SkipWithError(r.error.ToString().c_str());
    benchmark::DoNotOptimize(r.opcodes);
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations()) *
                          static_cast<int64_t>(data.size()));
}

void BM_DenseProto2(benchmark::State& state) {
  static const std::string data = Gen(2).Build(32 << 20);
  Run(state, data);
}
void BM_DenseProto4(benchmark::State& state) {
  static const std::string data = Gen(4).Build(32 << 20);
  Run(state, data);
}
void BM_File(benchmark::State& state) {
  const char* path = std::getenv("AIGIS_PICKLE_BENCH_FILE");
  if (!path) {
    state.SkipWithError("set AIGIS_PICKLE_BENCH_FILE");
    return;
  }
  std::ifstream f(path, std::ios::binary);
  static const std::string data((std::istreambuf_iterator<char>(f)), {});
  Run(state, data);
}

BENCHMARK(BM_DenseProto2)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_DenseProto4)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_File)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
