// The lean `aigis`'s parser for `aigis scan`. It exists because CLI11 (with the iostreams it
// brings) cost ~0.9 ms of every scan's ~7 ms (docs/performance.md, session 15). It reads only what
// CLI11 reads the same way, and returns nullopt for the rest, so aigis-full's CLI11 parser decides
// every other command line and writes every usage error and help text.
#include <cstring>
#include <string_view>

#include "cli/scan_command.h"

namespace aigis::cli {

namespace {

bool OneOf(std::string_view v, std::initializer_list<std::string_view> set) {
  for (std::string_view s : set)
    if (v == s) return true;
  return false;
}

// A plain decimal thread count: CLI11 also reads 0x.., 0b.., 0o.. and signs; those go to it.
bool ReadThreads(std::string_view v, int* out) {
  if (v.empty() || v.size() > 6 || (v.size() > 1 && v[0] == '0')) return false;
  int n = 0;
  for (char c : v) {
    if (c < '0' || c > '9') return false;
    n = n * 10 + (c - '0');
  }
  *out = n;
  return true;
}

}  // namespace

std::optional<ScanArgs> ParseScanArgs(int argc, char** argv) {
  if (argc < 3 || std::strcmp(argv[1], "scan") != 0) return std::nullopt;
  ScanArgs a;
  bool seen_format = false, seen_output = false, seen_fail_on = false, seen_threads = false;
  for (int i = 2; i < argc; ++i) {
    const std::string_view arg = argv[i];
    // A path. "-", "" and names starting with '-' (which need "--") are CLI11's to read, and so
    // is "++", which CLI11 reads as the end of the subcommand's arguments.
    if (arg == "++") return std::nullopt;
    if (!arg.empty() && arg[0] != '-') {
      a.paths.emplace_back(arg);
      continue;
    }
    if (arg.size() < 2) return std::nullopt;
    std::string_view name = arg, inline_value;
    bool has_inline = false;
    if (arg.starts_with("--")) {
      if (size_t eq = arg.find('='); eq != std::string_view::npos) {
        name = arg.substr(0, eq);
        inline_value = arg.substr(eq + 1);
        has_inline = true;
      }
    } else if (arg.size() != 2) {
      return std::nullopt;  // -fjson, -vj4: CLI11's short forms
    }
    // The option's one value: inline, or the next argument when that cannot be read as an option.
    auto value = [&]() -> std::optional<std::string_view> {
      if (has_inline) {
        if (inline_value.empty()) return std::nullopt;
        return inline_value;
      }
      if (i + 1 >= argc || argv[i + 1][0] == '-' || argv[i + 1][0] == '\0') return std::nullopt;
      return std::string_view(argv[++i]);
    };
    if (name == "-v" || name == "--verbose" || name == "--no-progress") {
      if (has_inline) return std::nullopt;
      bool& flag = name == "--no-progress" ? a.no_progress : a.verbose;
      if (flag) return std::nullopt;
      flag = true;
    } else if (name == "-f" || name == "--format") {
      auto v = value();
      if (!v || seen_format || !OneOf(*v, {"text", "json", "sarif"})) return std::nullopt;
      a.format = std::string(*v);
      seen_format = true;
    } else if (name == "-o" || name == "--output") {
      auto v = value();
      if (!v || seen_output) return std::nullopt;
      a.output = std::string(*v);
      seen_output = true;
    } else if (name == "--fail-on") {
      auto v = value();
      if (!v || seen_fail_on || !OneOf(*v, {"info", "suspicious", "malicious"}))
        return std::nullopt;
      a.fail_on = std::string(*v);
      seen_fail_on = true;
    } else if (name == "-j" || name == "--threads") {
      auto v = value();
      if (!v || seen_threads || !ReadThreads(*v, &a.threads)) return std::nullopt;
      seen_threads = true;
    } else if (name == "--allow") {
      // CLI11 may give a list option the arguments after it too (how many depends on the
      // positionals still required): `--allow X` followed by a path is left to CLI11 to read.
      auto v = value();
      if (!v || (i + 1 < argc && argv[i + 1][0] != '-')) return std::nullopt;
      a.allow.emplace_back(*v);
    } else {
      return std::nullopt;  // --help, --config, --verify-*, "--", typos, ...
    }
  }
  if (a.paths.empty()) return std::nullopt;
  return a;
}

}  // namespace aigis::cli
