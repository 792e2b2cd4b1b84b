// `aigis scan PATH...`: scans model files and folders and reports findings.
// No iostreams: nothing the lean `aigis` runs builds a stream, whose start-up (the locale) was
// ~0.6 ms of every scan (docs/performance.md, session 15).
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <mutex>

#include "cli/exit_codes.h"
#include "cli/scan_command.h"
#include "cli/scan_config.h"
#include "report/writers.h"
#include "scan/pickle_policy.h"
#include "scan/scanner.h"
#ifdef AIGIS_HAVE_SIGN_CMD
#include "sign/model_signing.h"
#endif
#ifdef AIGIS_CLI_LEAN
#include "cli/full_exec.h"
#else
#include "cli/commands.h"  // CLI11
#endif

namespace aigis::cli {

namespace {

#ifdef AIGIS_HAVE_SIGN_CMD
// `--verify`: checks each path's OpenSSF Model Signing bundle first and replaces the path by the
// files whose digests verified, so that only what verifies is scanned. Returns false when a path
// did not verify (reported on stderr); *io_error is set when verification could not be attempted.
bool VerifyPaths(const ScanArgs& a, std::vector<std::string>* out, bool* io_error) {
  bool all_ok = true;
  for (const auto& p : a.paths) {
    sign::VerifyOptions vo;
    vo.model_path = p;
    vo.signature_path = a.signature;
    vo.public_key_path = a.verify_key;
    vo.trusted_root_paths = a.verify_chain;
    auto r = sign::VerifyModel(vo);
    if (!r.ok()) {
      std::fprintf(stderr, "aigis scan: --verify %s: %s\n", p.c_str(),
                   r.status().message().c_str());
      *io_error = true;
      all_ok = false;
      continue;
    }
    if (!r->ok()) {
      std::fprintf(stderr, "aigis scan: %s: signature verification failed (%s): %s; not scanned\n",
                   p.c_str(), std::string(sign::VerifyOutcomeName(r->outcome)).c_str(),
                   r->message.c_str());
      all_ok = false;
      continue;
    }
    std::error_code ec;
    bool dir = std::filesystem::is_directory(p, ec);
    for (const auto& f : r->verified)
      out->push_back(dir ? (std::filesystem::path(p) / f.path).string() : p);
    std::fprintf(stderr, "aigis scan: %s: signature verified (%zu files)\n", p.c_str(),
                 r->verified.size());
  }
  return all_ok;
}
#endif

// Ends the process once the report is written and flushed, without destructors: freeing a large
// report (a dozen allocations per file), the pickle policy's tables, the option tree and every
// static object (OpenSSL's cleanup) is work nobody waits for, and it ran on one thread after the
// scan. Under AddressSanitizer the normal return is kept, so its leak check still covers scans.
int EndProcess(int code) {
#if defined(__SANITIZE_ADDRESS__)
  return code;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
  return code;
#endif
#endif
  std::fflush(nullptr);
  _exit(code);
}

}  // namespace

int RunScan(const ScanArgs& a) {
#ifdef AIGIS_CLI_LEAN
  // Signature checks need OpenSSL and config files yaml-cpp, which only aigis-full links: it reruns
  // this command line. (ParseScanArgs already leaves these command lines to it.)
  if (!a.verify_key.empty() || !a.verify_chain.empty() || !a.config.empty()) return ExecFull();
#endif
  ScanConfig cfg;
#ifndef AIGIS_CLI_LEAN
  if (!a.config.empty()) {
    auto c = LoadScanConfig(a.config);
    if (!c.ok()) {
      std::fprintf(stderr, "aigis scan: %s\n", c.status().message().c_str());
      return kExitError;
    }
    cfg = std::move(c).value();
  }
#endif
  if (!a.fail_on.empty()) {
    auto s = ParseSeverity(a.fail_on);
    if (!s) {
      std::fprintf(stderr, "aigis scan: --fail-on must be info, suspicious or malicious\n");
      return kExitError;
    }
    cfg.fail_on = *s;
  }
  for (const auto& g : a.allow) cfg.allow_globals.push_back(g);
  if (a.threads >= 0) cfg.threads = a.threads;

  auto builder = scan::PicklePolicy::DefaultBuilder();
  if (!builder.ok()) {
    std::fprintf(stderr, "aigis scan: policy: %s\n", builder.status().message().c_str());
    return kExitError;
  }
  std::unique_ptr<scan::PicklePolicy> policy = std::move(builder).value();
  for (const auto& g : cfg.allow_globals) {
    Status st = policy->AddAllowed(g);
    if (!st.ok()) {
      std::fprintf(stderr, "aigis scan: allow-list entry '%s': %s\n", g.c_str(),
                   st.message().c_str());
      return kExitError;
    }
  }
  scan::ScanOptions opts;
  opts.limits = cfg.limits;
  opts.pickle_policy = std::move(policy);
  opts.threads = cfg.threads;
  // The text report lists only files that need attention; what it would leave out of clean files
  // is dropped as each file is done (the exit code reads findings at --fail-on and above).
  if (a.format == "text" && !a.verbose) opts.brief_clean_below = cfg.fail_on;
  scan::Scanner scanner(std::move(opts));

  // A progress line on a terminal for long scans; never in files or pipes.
  bool tty = !a.no_progress && isatty(STDERR_FILENO);
  std::mutex mu;
  scan::ProgressFn progress;
  if (tty) {
    progress = [&mu](size_t done, size_t total, const std::string&) {
      if (total < 20) return;
      std::lock_guard<std::mutex> l(mu);
      std::fprintf(stderr, "\r\x1b[2Kscanning %zu/%zu files", done, total);
      if (done == total) std::fprintf(stderr, "\r\x1b[2K");
      std::fflush(stderr);
    };
  }
  std::vector<std::string> paths = a.paths;
  bool verify_failed = false, verify_io_error = false;
#ifdef AIGIS_HAVE_SIGN_CMD
  if (!a.verify_key.empty() || !a.verify_chain.empty()) {
    paths.clear();
    verify_failed = !VerifyPaths(a, &paths, &verify_io_error);
    std::sort(paths.begin(), paths.end());
    paths.erase(std::unique(paths.begin(), paths.end()), paths.end());
  }
#endif
  ScanReport report = scanner.Scan(paths, progress);

  report::WriterOptions wo;
  wo.verbose = a.verbose;
  wo.list_clean_at = cfg.fail_on;
  std::FILE* file = stdout;
  // "-" is the usual spelling of standard output.
  const std::string out_path = a.output == "-" ? std::string() : a.output;
  if (!out_path.empty()) {
    file = std::fopen(out_path.c_str(), "wb");
    if (file == nullptr) {
      std::fprintf(stderr, "aigis scan: cannot write %s\n", out_path.c_str());
      return kExitError;
    }
  } else {
    wo.color = a.format == "text" && isatty(STDOUT_FILENO);
  }
  bool written;
  {
    report::Out out(report::Out::ToFile(file));
    if (a.format == "json") {
      report::WriteJson(report, wo, out);
    } else if (a.format == "sarif") {
      report::WriteSarif(report, wo, out);
    } else {
      report::WriteText(report, wo, out);
    }
    written = out.Flush();
  }
  written = std::fflush(file) == 0 && written;
  if (file != stdout) written = std::fclose(file) == 0 && written;
  if (!written) {
    std::fprintf(stderr, "aigis scan: error writing the report\n");
    return kExitError;
  }
  if (!out_path.empty()) {
    // Keep people informed when the report went to a file.
    std::fprintf(stderr,
                 "aigis scan: %zu files: %zu malicious, %zu suspicious, %zu clean; report in %s\n",
                 report.files.size(), report.CountVerdict(Verdict::kMalicious),
                 report.CountVerdict(Verdict::kSuspicious), report.CountVerdict(Verdict::kClean),
                 out_path.c_str());
  }

  // Exit code: findings at or above the threshold win over errors (an error never hides a finding);
  // then I/O errors; and a scan that analysed nothing never exits 0.
  bool findings = false, errors = !report.errors.empty();
  for (const auto& f : report.files) {
    if (f.HasFindingAtOrAbove(cfg.fail_on)) findings = true;
    if (f.verdict == Verdict::kError) errors = true;
  }
  for (const auto& e : report.errors) std::fprintf(stderr, "aigis scan: %s\n", e.c_str());
  int code = kExitOk;
  if (findings || (verify_failed && !verify_io_error)) {
    code = kExitFindings;
  } else if (verify_io_error || errors) {
    code = kExitError;
  } else if (report.AnalysedCount() == 0) {
    std::fprintf(stderr, "aigis scan: nothing was analysed (no recognised model content)\n");
    code = kExitError;
  }
  return EndProcess(code);
}

#ifndef AIGIS_CLI_LEAN
void RegisterScanCommand(CLI::App& app, int* exit_code) {
  auto args = std::make_shared<ScanArgs>();
  CLI::App* sub =
      app.add_subcommand("scan", "Scan model files and folders for malicious code and tampering");
  AddScanOptions(*sub, args.get());
  sub->callback([args, exit_code] { *exit_code = RunScan(*args); });
}
#endif

}  // namespace aigis::cli
