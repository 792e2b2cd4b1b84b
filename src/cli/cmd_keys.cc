// `aigis keys create|list|revoke`: manages the gateway's virtual API keys in the SQLite file named
// by gateway.keys_db (or --db). A key is shown once, at creation, and stored only as its SHA-256
// hash. A running gateway picks changes up on SIGHUP.
// Exit codes: 0 ok, 2 usage, I/O or unknown key id.
#include <yaml-cpp/yaml.h>

#include <CLI/CLI.hpp>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>

#include "cli/commands.h"
#include "gateway/keys.h"

namespace aigis::cli {
namespace {

struct KeysArgs {
  std::string config;
  std::string db;
  std::string name;
  std::vector<std::string> models;
  std::string policy;
  uint64_t rpm = 0, tpm = 0, concurrency = 0, budget = 0;
  std::string id;
  bool json = false;
};

// The keys database path: --db, else gateway.keys_db of --config (relative to the file). Only
// that key is read, so managing keys needs no upstream API keys in the environment.
Result<std::string> DbPath(const KeysArgs& a) {
  if (!a.db.empty()) return a.db;
  if (a.config.empty()) return Status::InvalidArgument("give --config or --db");
  try {
    YAML::Node root = YAML::LoadFile(a.config);
    YAML::Node db = root["gateway"]["keys_db"];
    if (!db || !db.IsScalar()) return Status::InvalidArgument(a.config + ": no gateway.keys_db");
    std::string p = db.as<std::string>();
    if (!p.empty() && p[0] != '/') p = (std::filesystem::path(a.config).parent_path() / p).string();
    return p;
  } catch (const YAML::Exception& e) {
    return Status::InvalidArgument(a.config + ": " + e.what());
  }
}

Result<std::unique_ptr<gateway::KeyStore>> OpenStore(const KeysArgs& a) {
  AIGIS_ASSIGN_OR_RETURN(std::string path, DbPath(a));
  return gateway::KeyStore::Open(path);
}

int Fail(const Status& st) {
  std::fprintf(stderr, "aigis keys: %s\n", st.message().c_str());
  return kExitError;
}

int Create(const KeysArgs& a) {
  auto store = OpenStore(a);
  if (!store.ok()) return Fail(store.status());
  if (a.models.empty())
    return Fail(Status::InvalidArgument("--models is required (\"*\" for all)"));
  gateway::KeyRecord rec;
  rec.name = a.name;
  rec.models = a.models;
  rec.policy = a.policy;
  rec.limits = {a.rpm, a.tpm, a.concurrency, a.budget};
  auto secret = (*store)->Create(&rec);
  if (!secret.ok()) return Fail(secret.status());
  if (a.json) {
    std::printf("%s\n", nlohmann::json{{"id", rec.id}, {"key", *secret}}.dump().c_str());
  } else {
    std::printf("id:  %s\nkey: %s\n", rec.id.c_str(), secret->c_str());
    std::fprintf(stderr,
                 "Store the key now: it is kept only as a hash and cannot be shown again.\n");
  }
  return kExitOk;
}

int List(const KeysArgs& a) {
  auto store = OpenStore(a);
  if (!store.ok()) return Fail(store.status());
  auto list = (*store)->List();
  if (!list.ok()) return Fail(list.status());
  nlohmann::json arr = nlohmann::json::array();
  for (const auto& k : *list) {
    if (a.json) {
      arr.push_back({{"id", k.id},
                     {"name", k.name},
                     {"models", k.models},
                     {"policy", k.policy},
                     {"requests_per_minute", k.limits.requests_per_minute},
                     {"tokens_per_minute", k.limits.tokens_per_minute},
                     {"max_concurrent", k.limits.max_concurrent},
                     {"token_budget", k.limits.token_budget},
                     {"created", k.created},
                     {"revoked", k.revoked}});
      continue;
    }
    std::string models;
    for (const auto& m : k.models) models += (models.empty() ? "" : ",") + m;
    std::printf("%s  %-16s %-8s models=%s policy=%s rpm=%llu tpm=%llu conc=%llu budget=%llu\n",
                k.id.c_str(), k.name.c_str(), k.revoked ? "revoked" : "active", models.c_str(),
                k.policy.empty() ? "(default)" : k.policy.c_str(),
                static_cast<unsigned long long>(k.limits.requests_per_minute),
                static_cast<unsigned long long>(k.limits.tokens_per_minute),
                static_cast<unsigned long long>(k.limits.max_concurrent),
                static_cast<unsigned long long>(k.limits.token_budget));
  }
  if (a.json) std::printf("%s\n", arr.dump(2).c_str());
  return kExitOk;
}

int Revoke(const KeysArgs& a) {
  auto store = OpenStore(a);
  if (!store.ok()) return Fail(store.status());
  Status st = (*store)->Revoke(a.id);
  if (!st.ok()) return Fail(st);
  std::printf("revoked %s (a running gateway applies this on SIGHUP)\n", a.id.c_str());
  return kExitOk;
}

}  // namespace

void RegisterKeysCommand(CLI::App& app, int* exit_code) {
  auto a = std::make_shared<KeysArgs>();
  CLI::App* keys = app.add_subcommand("keys", "Manage the gateway's virtual API keys");
  keys->require_subcommand(1);
  auto common = [a](CLI::App* c) {
    c->add_option("--config,-c", a->config, "YAML config whose gateway.keys_db names the database");
    c->add_option("--db", a->db, "the keys database (overrides --config)");
    c->add_flag("--json", a->json, "JSON output");
  };
  CLI::App* create = keys->add_subcommand("create", "Create a key (shown once)");
  common(create);
  create->add_option("--name", a->name, "label");
  create->add_option("--models", a->models, "allowed model names (\"*\" = all)")->delimiter(',');
  create->add_option("--policy", a->policy, "guard policy name (default: gateway.default_policy)");
  create->add_option("--rpm", a->rpm, "requests per minute (0 = unlimited)");
  create->add_option("--tpm", a->tpm, "tokens per minute (0 = unlimited)");
  create->add_option("--concurrency", a->concurrency, "requests in flight (0 = unlimited)");
  create->add_option("--budget", a->budget, "total tokens (0 = unlimited)");
  create->callback([a, exit_code] { *exit_code = Create(*a); });
  CLI::App* list = keys->add_subcommand("list", "List keys (never their secrets)");
  common(list);
  list->callback([a, exit_code] { *exit_code = List(*a); });
  CLI::App* revoke = keys->add_subcommand("revoke", "Revoke a key by id");
  common(revoke);
  revoke->add_option("id", a->id, "key id (key_...)")->required();
  revoke->callback([a, exit_code] { *exit_code = Revoke(*a); });
}

}  // namespace aigis::cli
