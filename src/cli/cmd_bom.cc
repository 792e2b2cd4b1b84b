// `aigis bom PATH...`: a CycloneDX 1.6 AI-BOM of the models found, with scan verdicts.
#include <openssl/evp.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "cli/commands.h"
#include "report/cyclonedx.h"
#include "scan/pickle_policy.h"
#include "scan/scanner.h"

namespace aigis::cli {

namespace {

namespace fs = std::filesystem;

// Lowercase hex SHA-256 of a whole file's bytes; "" when OpenSSL fails (the BOM then omits it).
std::string Sha256Hex(ByteView data) {
  unsigned char md[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  EVP_MD_CTX* c = EVP_MD_CTX_new();
  if (c == nullptr) return "";
  bool ok = EVP_DigestInit_ex(c, EVP_sha256(), nullptr) == 1;
  // Hash in 64 MiB steps so that pages of a mapped file can be dropped as we go.
  for (size_t off = 0; ok && off < data.size(); off += 64u << 20) {
    size_t n = std::min<size_t>(64u << 20, data.size() - off);
    ok = EVP_DigestUpdate(c, data.data() + off, n) == 1;
  }
  ok = ok && EVP_DigestFinal_ex(c, md, &len) == 1;
  EVP_MD_CTX_free(c);
  if (!ok) return "";
  static const char* kHex = "0123456789abcdef";
  std::string out;
  for (unsigned int i = 0; i < len; ++i) {
    out += kHex[md[i] >> 4];
    out += kHex[md[i] & 15];
  }
  return out;
}

// Reads at most `max` bytes of a small text file.
std::string ReadSmall(const fs::path& p, size_t max = 1 << 20) {
  // Only a regular file, not a link (it could point anywhere) nor a FIFO/device (could block).
  std::error_code ec;
  if (!fs::is_regular_file(fs::symlink_status(p, ec))) return {};
  std::ifstream in(p, std::ios::binary);
  if (!in) return {};
  std::string s(max, '\0');
  in.read(s.data(), static_cast<std::streamsize>(max));
  s.resize(static_cast<size_t>(in.gcount()));
  return s;
}

// Model-card facts from README.md YAML front matter and config.json in `dir`.
report::ModelCardInfo ReadCard(const fs::path& dir) {
  report::ModelCardInfo card;
  std::string readme = ReadSmall(dir / "README.md");
  if (readme.rfind("---", 0) == 0) {
    size_t end = readme.find("\n---", 3);
    if (end != std::string::npos) {
      try {
        YAML::Node fm = YAML::Load(readme.substr(3, end - 3));
        if (fm.IsMap()) {
          if (fm["license"] && fm["license"].IsScalar())
            card.license = fm["license"].as<std::string>();
          if (fm["base_model"] && fm["base_model"].IsScalar())
            card.base_model = fm["base_model"].as<std::string>();
          if (fm["pipeline_tag"] && fm["pipeline_tag"].IsScalar())
            card.pipeline_tag = fm["pipeline_tag"].as<std::string>();
          if (fm["datasets"]) {
            if (fm["datasets"].IsSequence()) {
              for (const auto& d : fm["datasets"])
                if (d.IsScalar()) card.datasets.push_back(d.as<std::string>());
            } else if (fm["datasets"].IsScalar()) {
              card.datasets.push_back(fm["datasets"].as<std::string>());
            }
          }
        }
      } catch (const YAML::Exception&) {
        // A broken model card is not an error for the BOM; its fields are just absent.
      }
    }
  }
  std::string config = ReadSmall(dir / "config.json");
  if (!config.empty()) {
    auto j = nlohmann::json::parse(config, nullptr, false);
    if (j.is_object()) {
      if (j.contains("architectures") && j["architectures"].is_array() &&
          !j["architectures"].empty() && j["architectures"][0].is_string())
        card.architecture = j["architectures"][0].get<std::string>();
      else if (j.contains("model_type") && j["model_type"].is_string())
        card.architecture = j["model_type"].get<std::string>();
    }
  }
  return card;
}

struct BomArgs {
  std::vector<std::string> paths;
  std::string output;
  std::string timestamp;
};

int RunBom(const BomArgs& a) {
  auto policy = scan::PicklePolicy::LoadDefault();
  if (!policy.ok()) {
    std::fprintf(stderr, "aigis bom: policy: %s\n", policy.status().message().c_str());
    return kExitError;
  }
  scan::ScanOptions opts;
  opts.pickle_policy = std::move(policy).value();
  opts.file_sha256 = &Sha256Hex;
  scan::Scanner scanner(std::move(opts));
  ScanReport r = scanner.Scan(a.paths);
  for (const auto& e : r.errors) std::fprintf(stderr, "aigis bom: %s\n", e.c_str());

  report::BomOptions bo;
  bo.timestamp = a.timestamp;
  bo.subject = a.paths.size() == 1 ? a.paths[0] : "aigis-bom";
  std::set<std::string> dirs;
  for (const auto& f : r.files)
    if (report::IsModelFormat(f.format)) dirs.insert(fs::path(f.path).parent_path().string());
  for (const auto& d : dirs) bo.cards[d] = ReadCard(d.empty() ? fs::path(".") : fs::path(d));

  std::ofstream file;
  std::ostream* out = &std::cout;
  // "-" is the usual spelling of standard output.
  const std::string out_path = a.output == "-" ? std::string() : a.output;
  if (!out_path.empty()) {
    file.open(out_path, std::ios::binary | std::ios::trunc);
    if (!file) {
      std::fprintf(stderr, "aigis bom: cannot write %s\n", out_path.c_str());
      return kExitError;
    }
    out = &file;
  }
  report::WriteCycloneDx(r, bo, *out);
  out->flush();
  if (!*out) return kExitError;
  // Same contract as scan: an incomplete BOM (unreadable files, nothing analysed) is not a pass.
  bool io_error = !r.errors.empty();
  for (const auto& f : r.files) io_error |= f.verdict == Verdict::kError;
  if (io_error) return kExitError;
  if (r.AnalysedCount() == 0) {
    std::fprintf(stderr, "aigis bom: nothing was analysed (no recognised model content)\n");
    return kExitError;
  }
  return kExitOk;
}

}  // namespace

void RegisterBomCommand(CLI::App& app, int* exit_code) {
  auto args = std::make_shared<BomArgs>();
  CLI::App* sub = app.add_subcommand("bom", "Write a CycloneDX 1.6 AI-BOM of the models found");
  sub->add_option("paths", args->paths, "Files or folders")->required();
  sub->add_option("-o,--output", args->output, "Write the BOM to this file (- = standard output)");
  sub->add_option("--timestamp", args->timestamp,
                  "metadata.timestamp (ISO 8601); omitted by default so output is deterministic");
  sub->callback([args, exit_code] { *exit_code = RunBom(*args); });
}

}  // namespace aigis::cli
