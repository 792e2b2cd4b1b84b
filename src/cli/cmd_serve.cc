// `aigis serve --config F`: runs the LLM security gateway (docs/gateway.md) until SIGTERM or
// SIGINT (graceful: in-flight requests finish); SIGHUP reloads the config file and the keys
// database without dropping connections (a bad new config is logged and the old one kept).
// With an `audit:` section every request is recorded (docs/audit.md) before its response is sent;
// a signed checkpoint is written at shutdown when a checkpoint key is configured.
// Exit codes: 0 after a clean shutdown, 2 for a config or startup error.
#include <fcntl.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <csignal>
#include <cstdio>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "cli/audit_config.h"
#include "cli/commands.h"
#include "gateway/gateway.h"
#include "gateway/limits.h"
#include "gateway/request_log.h"

namespace aigis::cli {
namespace {

int RunServe(const std::string& config_path) {
  using namespace aigis::gateway;
  // Signals are taken synchronously by this thread (sigwait below), so every other thread must
  // block them: blocked here, before anything starts a thread (the log writer, the audit log,
  // the limit store), which inherit the mask. A thread created before this line (the LineWriter's
  // once was) could be handed SIGTERM or SIGHUP by the kernel, whose default action kills the
  // process: CmdServeTest.SighupReloadsKeysAndSigtermStops saw that once in CI.
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGINT);
  sigaddset(&set, SIGTERM);
  sigaddset(&set, SIGHUP);
  pthread_sigmask(SIG_BLOCK, &set, nullptr);
  std::signal(SIGPIPE, SIG_IGN);
  auto cfg = LoadGatewayConfig(config_path);
  if (!cfg.ok()) {
    std::fprintf(stderr, "aigis serve: %s\n", cfg.error().message().c_str());
    return kExitError;
  }
  // Log lines are batched (LineWriter: on disk within 50 ms, all of them at exit).
  std::shared_ptr<LineWriter> log;
  if (!cfg->log_file.empty()) {
    int fd = ::open(cfg->log_file.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0666);
    if (fd < 0) {
      std::fprintf(stderr, "aigis serve: cannot open log_file %s\n", cfg->log_file.c_str());
      return kExitError;
    }
    log = std::make_shared<LineWriter>(fd, /*own_fd=*/true);
  } else {
    log = std::make_shared<LineWriter>(STDERR_FILENO, /*own_fd=*/false);
  }
  std::unique_ptr<RequestLog> rlog;
  if (!cfg->request_log.empty()) {
    auto r = FileRequestLog::Open(cfg->request_log);
    if (!r.ok()) {
      std::fprintf(stderr, "aigis serve: %s\n", r.error().message().c_str());
      return kExitError;
    }
    rlog = std::move(*r);
  }
  auto rt = BuildRuntime(*cfg);
  if (!rt.ok()) {
    std::fprintf(stderr, "aigis serve: %s\n", rt.error().message().c_str());
    return kExitError;
  }
  auto limits = MakeLimitStore(cfg->limits_store);
  if (!limits.ok()) {
    std::fprintf(stderr, "aigis serve: %s\n", limits.error().message().c_str());
    return kExitError;
  }
  auto acfg = LoadAuditConfig(config_path);
  if (!acfg.ok()) {
    std::fprintf(stderr, "aigis serve: %s\n", acfg.error().message().c_str());
    return kExitError;
  }
  GatewayAudit gaudit;
  if (acfg->present) {
    auto store = OpenAuditStore(*acfg, /*read_only=*/false);
    if (!store.ok()) {
      std::fprintf(stderr, "aigis serve: audit store: %s\n", store.error().message().c_str());
      return kExitError;
    }
    std::optional<audit::CheckpointSigner> signer;
    if (!acfg->checkpoint_key.empty()) {
      auto s = audit::CheckpointSigner::FromPemFile(acfg->checkpoint_key);
      if (!s.ok()) {
        std::fprintf(stderr, "aigis serve: audit checkpoint key: %s\n",
                     s.error().message().c_str());
        return kExitError;
      }
      signer = std::move(*s);
    }
    gaudit.log = std::make_shared<audit::AuditLog>(std::move(*store), std::move(signer), acfg->log);
    gaudit.fail_open = acfg->fail_open;
    gaudit.writer_threads = acfg->writer_threads;
    gaudit.include_content = acfg->log.include_content;
    gaudit.abuse_signals = acfg->abuse_signals;
    gaudit.abuse_throttle_ms = acfg->abuse_throttle_ms;
  }
  std::shared_ptr<audit::AuditLog> audit_log = gaudit.log;
  auto gw = Gateway::Create(
      *rt, std::move(*limits), std::move(rlog), [log](std::string_view l) { log->Write(l); },
      std::move(gaudit));
  if (!gw.ok()) {
    std::fprintf(stderr, "aigis serve: %s\n", gw.error().message().c_str());
    return kExitError;
  }
  if (Status st = (*gw)->Start(); !st.ok()) {
    std::fprintf(stderr, "aigis serve: %s\n", st.message().c_str());
    return kExitError;
  }
  for (;;) {
    int sig = 0;
    if (sigwait(&set, &sig) != 0) continue;
    if (sig == SIGHUP) {
      auto ncfg = LoadGatewayConfig(config_path);
      Result<std::shared_ptr<const Runtime>> nrt =
          ncfg.ok() ? BuildRuntime(*ncfg) : Result<std::shared_ptr<const Runtime>>(ncfg.status());
      if (nrt.ok()) {
        (*gw)->Reload(*nrt);
      } else {
        // The message names the key or file at fault (a TLS file, a policy), never a secret.
        nlohmann::json j = {{"level", "error"},
                            {"msg", "reload failed; keeping the running configuration"},
                            {"error", nrt.status().message()}};
        log->Write(j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
      }
      continue;
    }
    break;
  }
  (*gw)->Shutdown();
  if (audit_log) {
    // Signs the tail written since the last checkpoint, so a clean stop leaves no unsigned tail.
    if (auto cp = audit_log->Checkpoint(); !cp.ok())
      log->Write(std::string("{\"level\":\"error\",\"msg\":\"final audit checkpoint failed\"}"));
  }
  return kExitOk;
}

}  // namespace

void RegisterServeCommand(CLI::App& app, int* exit_code) {
  auto config = std::make_shared<std::string>();
  CLI::App* cmd =
      app.add_subcommand("serve", "Run the LLM security gateway (OpenAI/Anthropic APIs)");
  cmd->add_option("--config,-c", *config, "YAML config with a gateway: section")->required();
  cmd->callback([config, exit_code] { *exit_code = RunServe(*config); });
}

}  // namespace aigis::cli
