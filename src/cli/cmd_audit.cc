// `aigis audit verify|query|export|checkpoint|keygen` and `aigis incident
// open|list|show|note|close|report`. Only this file prints and picks exit codes; the work is in
// audit/. Exit codes: 0 ok; 1 `audit verify` found tampering; 2 usage, configuration or I/O error.
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdio>
#include <ctime>
#include <fstream>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "audit/audit_log.h"
#include "audit/export.h"
#include "audit/incident.h"
#include "audit/verify.h"
#include "cli/audit_config.h"
#include "cli/commands.h"

namespace aigis::cli {
namespace {

int Error(const std::string& cmd, const std::string& msg) {
  std::fprintf(stderr, "aigis %s: %s\n", cmd.c_str(), msg.c_str());
  return kExitError;
}

struct StoreArgs {
  std::string config;
  std::string db;            // overrides audit.path (and selects the sqlite store)
  std::string postgres_env;  // overrides: postgres store, DSN from this environment variable
};

void AddStoreOptions(CLI::App* c, StoreArgs* a) {
  c->add_option("--config", a->config, "aigis YAML config (reads the audit: section)");
  c->add_option("--db", a->db, "SQLite audit store file (overrides audit.path)");
  c->add_option("--postgres-env", a->postgres_env,
                "use the PostgreSQL store; the DSN is read from this environment variable");
}

Result<AuditConfig> ResolveConfig(const StoreArgs& a) {
  AuditConfig cfg;
  if (!a.config.empty()) {
    AIGIS_ASSIGN_OR_RETURN(cfg, LoadAuditConfig(a.config));
  }
  if (!a.db.empty()) {
    cfg.store = "sqlite";
    cfg.path = a.db;
  }
  if (!a.postgres_env.empty()) {
    cfg.store = "postgres";
    cfg.postgres_dsn_env = a.postgres_env;
  }
  return cfg;
}

// "2026-11-26", "2026-11-26T16:46:20Z", "2026-11-26T16:46:20.5Z" (UTC) or Unix milliseconds.
Result<int64_t> ParseTime(const std::string& s) {
  if (!s.empty() && s.find_first_not_of("0123456789") == std::string::npos) {
    if (s.size() > 15) return Status::InvalidArgument("time out of range: " + s);
    return static_cast<int64_t>(std::stoll(s));
  }
  std::tm tm{};
  int ms = 0;
  char rest[16] = {0};
  int n = std::sscanf(s.c_str(), "%4d-%2d-%2dT%2d:%2d:%2d%15s", &tm.tm_year, &tm.tm_mon,
                      &tm.tm_mday, &tm.tm_hour, &tm.tm_min, &tm.tm_sec, rest);
  std::string r = rest;
  if (n == 3 && s.size() == 10) {
    tm.tm_hour = tm.tm_min = tm.tm_sec = 0;
  } else if (n == 7 && (r == "Z" || (r.size() >= 3 && r[0] == '.' && r.back() == 'Z'))) {
    if (r.size() > 1) {
      std::string frac = r.substr(1, r.size() - 2);
      if (frac.empty() || frac.size() > 9 ||
          frac.find_first_not_of("0123456789") != std::string::npos)
        return Status::InvalidArgument("bad time: " + s);
      frac.resize(3, '0');
      ms = std::stoi(frac.substr(0, 3));
    }
  } else {
    return Status::InvalidArgument("bad time '" + s +
                                   "' (use 2026-11-26, 2026-11-26T16:46:20Z or Unix milliseconds)");
  }
  tm.tm_year -= 1900;
  tm.tm_mon -= 1;
  return static_cast<int64_t>(timegm(&tm)) * 1000 + ms;
}

struct FilterArgs {
  std::string since, until, client, model, verdict, category, request_id, kind;
  int64_t from_seq = 0, to_seq = 0;
  size_t limit = 1000;
};

void AddFilterOptions(CLI::App* c, FilterArgs* f) {
  c->add_option("--since", f->since, "records at or after this time (UTC ISO 8601 or Unix ms)");
  c->add_option("--until", f->until, "records before this time");
  c->add_option("--client", f->client, "client key id");
  c->add_option("--model", f->model, "model name");
  c->add_option("--verdict", f->verdict, "allow, block, redact, error, or an alert name");
  c->add_option("--category", f->category, "detection category, e.g. prompt-injection");
  c->add_option("--request-id", f->request_id, "request id");
  c->add_option("--kind", f->kind, "request or alert");
  c->add_option("--from-seq", f->from_seq, "first record number");
  c->add_option("--to-seq", f->to_seq, "last record number");
  c->add_option("--limit", f->limit, "at most this many records (default 1000)");
}

Result<audit::QueryFilter> ToFilter(const FilterArgs& a) {
  audit::QueryFilter f;
  if (!a.since.empty()) {
    AIGIS_ASSIGN_OR_RETURN(int64_t t, ParseTime(a.since));
    f.from_ms = t;
  }
  if (!a.until.empty()) {
    AIGIS_ASSIGN_OR_RETURN(int64_t t, ParseTime(a.until));
    f.to_ms = t;
  }
  auto opt = [](const std::string& s) {
    return s.empty() ? std::nullopt : std::optional<std::string>(s);
  };
  f.client_key_id = opt(a.client);
  f.model = opt(a.model);
  f.verdict = opt(a.verdict);
  f.category = opt(a.category);
  f.request_id = opt(a.request_id);
  f.kind = opt(a.kind);
  if (a.from_seq > 0) f.from_seq = a.from_seq;
  if (a.to_seq > 0) f.to_seq = a.to_seq;
  f.limit = a.limit;
  return f;
}

std::string VerifySummary(const audit::VerifyResult& v, bool have_keys) {
  if (!v.ok) return "FAILED at record " + std::to_string(v.first_bad_seq) + ": " + v.reason;
  std::string s = "OK: " + std::to_string(v.records) + " records, " +
                  std::to_string(v.checkpoints) + " signed checkpoint(s) verified";
  if (!have_keys)
    s += " (no --pubkey given: checkpoint signatures not checked)";
  else
    s += ", " + std::to_string(v.unsigned_tail) + " record(s) after the last checkpoint";
  return s;
}

nlohmann::json RecordJson(const audit::StoredRecord& r) {
  nlohmann::json j = {{"seq", r.seq}, {"hash", r.hash}};
  auto p = audit::ParseBody(r.body);
  if (p.ok()) {
    const auto& rec = p->record;
    j["time"] = audit::FormatTimeUtc(rec.time_ms);
    j["kind"] = rec.kind;
    j["request_id"] = rec.request_id;
    j["client"] = rec.client_key_id;
    j["model"] = rec.model;
    j["route"] = rec.route;
    j["verdict"] = rec.verdict;
    nlohmann::json d = nlohmann::json::array();
    for (const auto& x : rec.detections)
      d.push_back({{"rule", x.rule}, {"category", x.category}, {"severity", x.severity}});
    j["detections"] = d;
    j["tokens"] = {{"prompt", rec.prompt_tokens}, {"completion", rec.completion_tokens}};
    j["latency_ms"] = rec.latency_ms;
    j["upstream_status"] = rec.upstream_status;
    if (rec.prompt) j["prompt"] = *rec.prompt;
    if (rec.response) j["response"] = *rec.response;
    if (!rec.note.empty()) j["note"] = rec.note;
  } else {
    j["error"] = p.error().message();
  }
  return j;
}

std::string Categories(const std::string& col) {
  if (col.size() <= 2) return "-";
  return col.substr(1, col.size() - 2);
}

// ---- audit ----

void RegisterAudit(CLI::App& app, int* exit_code) {
  CLI::App* audit = app.add_subcommand("audit", "Tamper-evident audit log: verify, query, export");
  audit->require_subcommand(1);

  struct VerifyArgs {
    StoreArgs store;
    std::vector<std::string> pubkeys;
    bool json = false;
  };
  auto va = std::make_shared<VerifyArgs>();
  CLI::App* verify = audit->add_subcommand(
      "verify", "Check the hash chain and checkpoint signatures; name the first bad record");
  AddStoreOptions(verify, &va->store);
  verify->add_option("--pubkey", va->pubkeys, "Ed25519 public key (PEM) of the checkpoint signer")
      ->check(CLI::ExistingFile);
  verify->add_flag("--json", va->json, "JSON output");
  verify->callback([va, exit_code] {
    auto cfg = ResolveConfig(va->store);
    if (!cfg.ok()) return void(*exit_code = Error("audit verify", cfg.error().message()));
    audit::CheckpointVerifier keys;
    for (const auto& k : va->pubkeys) {
      Status st = keys.AddPemFile(k);
      if (!st.ok()) return void(*exit_code = Error("audit verify", st.message()));
    }
    auto store = OpenAuditStore(*cfg, true);
    if (!store.ok()) return void(*exit_code = Error("audit verify", store.error().message()));
    auto v = audit::VerifyChain(**store, keys);
    if (!v.ok()) return void(*exit_code = Error("audit verify", v.error().message()));
    if (va->json) {
      nlohmann::json j = {{"ok", v->ok},
                          {"records", v->records},
                          {"checkpoints_verified", v->checkpoints},
                          {"signatures_checked", !keys.empty()},
                          {"unsigned_tail", v->unsigned_tail}};
      if (!v->ok) {
        j["first_bad_seq"] = v->first_bad_seq;
        j["reason"] = v->reason;
      }
      std::printf("%s\n", j.dump(2).c_str());
    } else {
      std::printf("audit verify: %s\n", VerifySummary(*v, !keys.empty()).c_str());
    }
    *exit_code = v->ok ? kExitOk : kExitFindings;
  });

  struct QueryArgs {
    StoreArgs store;
    FilterArgs filter;
    std::string format = "text";
  };
  auto qa = std::make_shared<QueryArgs>();
  CLI::App* query = audit->add_subcommand("query", "Find audit records");
  AddStoreOptions(query, &qa->store);
  AddFilterOptions(query, &qa->filter);
  query->add_option("--format", qa->format, "text or json (JSON lines)")
      ->check(CLI::IsMember({"text", "json"}));
  query->callback([qa, exit_code] {
    auto cfg = ResolveConfig(qa->store);
    if (!cfg.ok()) return void(*exit_code = Error("audit query", cfg.error().message()));
    auto f = ToFilter(qa->filter);
    if (!f.ok()) return void(*exit_code = Error("audit query", f.error().message()));
    auto store = OpenAuditStore(*cfg, true);
    if (!store.ok()) return void(*exit_code = Error("audit query", store.error().message()));
    auto rows = (*store)->Query(*f);
    if (!rows.ok()) return void(*exit_code = Error("audit query", rows.error().message()));
    for (const auto& r : *rows) {
      if (qa->format == "json") {
        std::printf(
            "%s\n",
            RecordJson(r).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace).c_str());
      } else {
        std::printf("%6lld  %s  %-8s %-14s %-20s %-8s %-24s %s  %.12s\n",
                    static_cast<long long>(r.seq), audit::FormatTimeUtc(r.time_ms).c_str(),
                    r.kind.c_str(), r.client_key_id.c_str(), r.model.c_str(), r.verdict.c_str(),
                    Categories(r.categories).c_str(), r.request_id.c_str(), r.hash.c_str());
      }
    }
    if (qa->format == "text")
      std::fprintf(stderr, "%zu record(s)%s\n", rows->size(),
                   rows->size() == f->limit ? " (limit reached; use --limit)" : "");
    *exit_code = kExitOk;
  });

  struct ExportArgs {
    StoreArgs store;
    FilterArgs filter;
    std::string format;
    std::string out;
    std::string hostname;
  };
  auto ea = std::make_shared<ExportArgs>();
  CLI::App* exp = audit->add_subcommand("export", "Export records for a SIEM (OCSF or CEF lines)");
  AddStoreOptions(exp, &ea->store);
  AddFilterOptions(exp, &ea->filter);
  ea->filter.limit = SIZE_MAX;
  exp->add_option("--format", ea->format, "ocsf (Detection Finding 2004 JSON lines) or cef")
      ->required()
      ->check(CLI::IsMember({"ocsf", "cef"}));
  exp->add_option("-o,--output", ea->out, "output file (default stdout)");
  exp->add_option("--hostname", ea->hostname, "syslog HOSTNAME for CEF lines (default: this host)");
  exp->callback([ea, exit_code] {
    auto cfg = ResolveConfig(ea->store);
    if (!cfg.ok()) return void(*exit_code = Error("audit export", cfg.error().message()));
    auto f = ToFilter(ea->filter);
    if (!f.ok()) return void(*exit_code = Error("audit export", f.error().message()));
    auto store = OpenAuditStore(*cfg, true);
    if (!store.ok()) return void(*exit_code = Error("audit export", store.error().message()));
    audit::ExportOptions opts;
    opts.hostname = ea->hostname;
    if (opts.hostname.empty()) {
      char host[256] = {0};
      if (gethostname(host, sizeof(host) - 1) == 0) opts.hostname = host;
    }
    std::ofstream file;
    if (!ea->out.empty()) {
      file.open(ea->out, std::ios::binary | std::ios::trunc);
      if (!file) return void(*exit_code = Error("audit export", ea->out + ": cannot write"));
    }
    std::ostream& out = ea->out.empty() ? std::cout : file;
    // Page through by seq so an export of millions of records keeps memory bounded.
    audit::QueryFilter page = *f;
    size_t remaining = f->limit, written = 0;
    for (;;) {
      page.limit = std::min<size_t>(remaining, 1000);
      if (page.limit == 0) break;
      auto rows = (*store)->Query(page);
      if (!rows.ok()) return void(*exit_code = Error("audit export", rows.error().message()));
      for (const auto& r : *rows) {
        auto line = ea->format == "ocsf" ? audit::ToOcsf(r, opts) : audit::ToCef(r, opts);
        if (!line.ok())
          return void(*exit_code = Error("audit export", "record " + std::to_string(r.seq) + ": " +
                                                             line.error().message()));
        out << *line << '\n';
        ++written;
      }
      if (rows->size() < page.limit) break;
      remaining -= rows->size();
      page.from_seq = rows->back().seq + 1;
    }
    out.flush();
    if (!out) return void(*exit_code = Error("audit export", "write failed"));
    std::fprintf(stderr, "exported %zu record(s) as %s\n", written, ea->format.c_str());
    *exit_code = kExitOk;
  });

  struct CheckpointArgs {
    StoreArgs store;
    std::string key;
  };
  auto ca = std::make_shared<CheckpointArgs>();
  CLI::App* cp = audit->add_subcommand("checkpoint", "Sign a checkpoint over the current head now");
  AddStoreOptions(cp, &ca->store);
  cp->add_option("--key", ca->key, "Ed25519 private key (PEM); default audit.checkpoint.key");
  cp->callback([ca, exit_code] {
    auto cfg = ResolveConfig(ca->store);
    if (!cfg.ok()) return void(*exit_code = Error("audit checkpoint", cfg.error().message()));
    std::string key = ca->key.empty() ? cfg->checkpoint_key : ca->key;
    if (key.empty()) return void(*exit_code = Error("audit checkpoint", "no signing key (--key)"));
    auto signer = audit::CheckpointSigner::FromPemFile(key);
    if (!signer.ok()) return void(*exit_code = Error("audit checkpoint", signer.error().message()));
    auto store = OpenAuditStore(*cfg, false);
    if (!store.ok()) return void(*exit_code = Error("audit checkpoint", store.error().message()));
    audit::AuditLog log(std::move(*store), std::move(*signer), cfg->log);
    auto seq = log.Checkpoint();
    if (!seq.ok()) return void(*exit_code = Error("audit checkpoint", seq.error().message()));
    std::printf("signed checkpoint at record %lld\n", static_cast<long long>(*seq));
    *exit_code = kExitOk;
  });

  auto out_path = std::make_shared<std::string>();
  CLI::App* kg = audit->add_subcommand("keygen", "Create an Ed25519 checkpoint key pair");
  kg->add_option("--out", *out_path,
                 "private key file (written 0600); the public key goes to FILE.pub")
      ->required();
  kg->callback([out_path, exit_code] {
    auto pem = audit::GenerateEd25519Pem();
    if (!pem.ok()) return void(*exit_code = Error("audit keygen", pem.error().message()));
    int fd = open(out_path->c_str(), O_WRONLY | O_CREAT | O_EXCL, 0600);
    if (fd < 0)
      return void(*exit_code = Error("audit keygen", *out_path + ": cannot create (exists?)"));
    bool ok = write(fd, pem->data(), pem->size()) == static_cast<ssize_t>(pem->size());
    ok = (fsync(fd) == 0) && ok;
    close(fd);
    if (!ok) return void(*exit_code = Error("audit keygen", *out_path + ": write failed"));
    auto signer = audit::CheckpointSigner::FromPem(*pem);
    auto pub = signer.ok() ? signer->PublicKeyPem() : Result<std::string>(signer.status());
    if (!pub.ok()) return void(*exit_code = Error("audit keygen", pub.error().message()));
    std::ofstream p(*out_path + ".pub", std::ios::trunc);
    p << *pub;
    if (!p) return void(*exit_code = Error("audit keygen", *out_path + ".pub: write failed"));
    std::printf("key id %s: private key %s, public key %s.pub\n", signer->key_id().c_str(),
                out_path->c_str(), out_path->c_str());
    *exit_code = kExitOk;
  });
}

// ---- incident ----

struct IncidentArgs {
  StoreArgs store;
  std::string title, owner, severity = "medium", author, text, status;
  std::vector<int64_t> records;
  std::vector<std::string> request_ids;
  int64_t id = 0;
  bool json = false;
  std::string out;
  std::vector<std::string> pubkeys;
};

struct IncidentCtx {
  AuditConfig cfg;
  std::unique_ptr<audit::IncidentStore> incidents;
};

Result<IncidentCtx> OpenIncidents(const IncidentArgs& a) {
  IncidentCtx c;
  AIGIS_ASSIGN_OR_RETURN(c.cfg, ResolveConfig(a.store));
  AIGIS_ASSIGN_OR_RETURN(c.incidents, audit::IncidentStore::Open(IncidentsPath(c.cfg)));
  return c;
}

std::string Author(const IncidentArgs& a) {
  if (!a.author.empty()) return a.author;
  const char* u = std::getenv("USER");
  return u ? u : "unknown";
}

// Resolves --record and --request-id to stored records; every one must exist.
Result<std::vector<audit::StoredRecord>> Evidence(const AuditConfig& cfg, const IncidentArgs& a) {
  std::vector<audit::StoredRecord> out;
  if (a.records.empty() && a.request_ids.empty()) return out;
  AIGIS_ASSIGN_OR_RETURN(auto store, OpenAuditStore(cfg, true));
  for (int64_t seq : a.records) {
    audit::QueryFilter f;
    f.from_seq = f.to_seq = seq;
    AIGIS_ASSIGN_OR_RETURN(auto rows, store->Query(f));
    if (rows.empty()) return Status::NotFound("audit record " + std::to_string(seq) + " not found");
    out.push_back(rows.front());
  }
  for (const auto& id : a.request_ids) {
    audit::QueryFilter f;
    f.request_id = id;
    AIGIS_ASSIGN_OR_RETURN(auto rows, store->Query(f));
    if (rows.empty()) return Status::NotFound("no audit record for request id " + id);
    for (auto& r : rows) out.push_back(std::move(r));
  }
  return out;
}

void AddEvidenceOptions(CLI::App* c, IncidentArgs* a) {
  c->add_option("--record", a->records, "attach audit record SEQ as evidence (repeatable)");
  c->add_option("--request-id", a->request_ids, "attach the records of a request id (repeatable)");
}

void RegisterIncident(CLI::App& app, int* exit_code) {
  CLI::App* inc = app.add_subcommand("incident", "Incidents: group audit records with a timeline");
  inc->require_subcommand(1);
  auto a = std::make_shared<IncidentArgs>();
  auto add_common = [&](CLI::App* c) {
    AddStoreOptions(c, &a->store);
    c->add_option("--author", a->author, "who is acting (default $USER)");
  };

  CLI::App* open_cmd = inc->add_subcommand("open", "Open an incident");
  add_common(open_cmd);
  open_cmd->add_option("--title", a->title, "one-line title")->required();
  open_cmd->add_option("--owner", a->owner, "owner (default: the author)");
  open_cmd->add_option("--severity", a->severity, "low, medium, high or critical")
      ->check(CLI::IsMember({"low", "medium", "high", "critical"}));
  AddEvidenceOptions(open_cmd, a.get());
  open_cmd->callback([a, exit_code] {
    auto c = OpenIncidents(*a);
    if (!c.ok()) return void(*exit_code = Error("incident open", c.error().message()));
    auto ev = Evidence(c->cfg, *a);
    if (!ev.ok()) return void(*exit_code = Error("incident open", ev.error().message()));
    std::string owner = a->owner.empty() ? Author(*a) : a->owner;
    int64_t now = audit::NowMs();
    auto id = c->incidents->Create(a->title, owner, a->severity, now);
    if (!id.ok()) return void(*exit_code = Error("incident open", id.error().message()));
    if (!ev->empty()) {
      Status st = c->incidents->AddEvidence(*id, *ev, Author(*a), now);
      if (!st.ok()) return void(*exit_code = Error("incident open", st.message()));
    }
    std::printf("opened incident %lld (%zu evidence record(s))\n", static_cast<long long>(*id),
                ev->size());
    *exit_code = kExitOk;
  });

  CLI::App* list = inc->add_subcommand("list", "List incidents");
  add_common(list);
  list->add_option("--status", a->status, "open or closed")
      ->check(CLI::IsMember({"open", "closed"}));
  list->add_flag("--json", a->json, "JSON output");
  list->callback([a, exit_code] {
    auto c = OpenIncidents(*a);
    if (!c.ok()) return void(*exit_code = Error("incident list", c.error().message()));
    auto l = c->incidents->List(a->status.empty() ? std::nullopt
                                                  : std::optional<std::string>(a->status));
    if (!l.ok()) return void(*exit_code = Error("incident list", l.error().message()));
    nlohmann::json arr = nlohmann::json::array();
    for (const auto& i : *l) {
      if (a->json) {
        arr.push_back({{"id", i.id},
                       {"title", i.title},
                       {"owner", i.owner},
                       {"severity", i.severity},
                       {"status", i.status},
                       {"opened", audit::FormatTimeUtc(i.opened_ms)}});
      } else {
        std::printf("%4lld  %-6s  %-8s  %-12s  %s  %s\n", static_cast<long long>(i.id),
                    i.status.c_str(), i.severity.c_str(), i.owner.c_str(),
                    audit::FormatTimeUtc(i.opened_ms).c_str(), i.title.c_str());
      }
    }
    if (a->json) std::printf("%s\n", arr.dump(2).c_str());
    *exit_code = kExitOk;
  });

  CLI::App* show = inc->add_subcommand("show", "Show an incident and its timeline");
  add_common(show);
  show->add_option("id", a->id, "incident id")->required();
  show->add_flag("--json", a->json, "JSON output");
  show->callback([a, exit_code] {
    auto c = OpenIncidents(*a);
    if (!c.ok()) return void(*exit_code = Error("incident show", c.error().message()));
    auto i = c->incidents->Get(a->id);
    if (!i.ok()) return void(*exit_code = Error("incident show", i.error().message()));
    auto tl = c->incidents->Timeline(a->id);
    if (!tl.ok()) return void(*exit_code = Error("incident show", tl.error().message()));
    if (a->json) {
      nlohmann::json j = {{"id", i->id},         {"title", i->title},
                          {"owner", i->owner},   {"severity", i->severity},
                          {"status", i->status}, {"opened", audit::FormatTimeUtc(i->opened_ms)}};
      nlohmann::json t = nlohmann::json::array();
      for (const auto& e : *tl) {
        nlohmann::json x = {{"time", audit::FormatTimeUtc(e.time_ms)},
                            {"kind", e.kind},
                            {"author", e.author},
                            {"text", e.text}};
        if (e.kind == "evidence") {
          x["record_seq"] = e.record_seq;
          x["record_hash"] = e.record_hash;
        }
        t.push_back(std::move(x));
      }
      j["timeline"] = std::move(t);
      std::printf("%s\n", j.dump(2, ' ', false, nlohmann::json::error_handler_t::replace).c_str());
    } else {
      std::printf("incident %lld: %s\nstatus %s, severity %s, owner %s, opened %s\n",
                  static_cast<long long>(i->id), i->title.c_str(), i->status.c_str(),
                  i->severity.c_str(), i->owner.c_str(),
                  audit::FormatTimeUtc(i->opened_ms).c_str());
      for (const auto& e : *tl) {
        std::printf("  %s  %-8s %-10s %s", audit::FormatTimeUtc(e.time_ms).c_str(), e.kind.c_str(),
                    e.author.c_str(), e.text.c_str());
        if (e.kind == "evidence")
          std::printf(" [record %lld %.16s]", static_cast<long long>(e.record_seq),
                      e.record_hash.c_str());
        std::printf("\n");
      }
    }
    *exit_code = kExitOk;
  });

  CLI::App* note =
      inc->add_subcommand("note", "Add a note (and optionally evidence) to the timeline");
  add_common(note);
  note->add_option("id", a->id, "incident id")->required();
  note->add_option("--text", a->text, "the note");
  note->add_option("--owner", a->owner, "hand the incident to a new owner");
  AddEvidenceOptions(note, a.get());
  note->callback([a, exit_code] {
    auto c = OpenIncidents(*a);
    if (!c.ok()) return void(*exit_code = Error("incident note", c.error().message()));
    if (a->text.empty() && a->owner.empty() && a->records.empty() && a->request_ids.empty())
      return void(*exit_code =
                      Error("incident note", "nothing to add (--text, --owner, --record)"));
    auto ev = Evidence(c->cfg, *a);
    if (!ev.ok()) return void(*exit_code = Error("incident note", ev.error().message()));
    int64_t now = audit::NowMs();
    Status st;
    if (!a->text.empty()) st = c->incidents->AddNote(a->id, Author(*a), a->text, now);
    if (st.ok() && !a->owner.empty()) st = c->incidents->SetOwner(a->id, a->owner, Author(*a), now);
    if (st.ok() && !ev->empty()) st = c->incidents->AddEvidence(a->id, *ev, Author(*a), now);
    if (!st.ok()) return void(*exit_code = Error("incident note", st.message()));
    *exit_code = kExitOk;
  });

  CLI::App* close = inc->add_subcommand("close", "Close an incident");
  add_common(close);
  close->add_option("id", a->id, "incident id")->required();
  close->add_option("--resolution", a->text, "how it was resolved")->required();
  close->callback([a, exit_code] {
    auto c = OpenIncidents(*a);
    if (!c.ok()) return void(*exit_code = Error("incident close", c.error().message()));
    Status st = c->incidents->Close(a->id, Author(*a), a->text, audit::NowMs());
    if (!st.ok()) return void(*exit_code = Error("incident close", st.message()));
    *exit_code = kExitOk;
  });

  CLI::App* report = inc->add_subcommand("report", "Write a Markdown report with the evidence");
  add_common(report);
  report->add_option("id", a->id, "incident id")->required();
  report->add_option("-o,--output", a->out, "output file (default stdout)");
  report
      ->add_option("--pubkey", a->pubkeys,
                   "checkpoint public key, to verify the chain in the report")
      ->check(CLI::ExistingFile);
  report->callback([a, exit_code] {
    auto c = OpenIncidents(*a);
    if (!c.ok()) return void(*exit_code = Error("incident report", c.error().message()));
    auto i = c->incidents->Get(a->id);
    if (!i.ok()) return void(*exit_code = Error("incident report", i.error().message()));
    auto tl = c->incidents->Timeline(a->id);
    if (!tl.ok()) return void(*exit_code = Error("incident report", tl.error().message()));
    auto store = OpenAuditStore(c->cfg, true);
    if (!store.ok()) return void(*exit_code = Error("incident report", store.error().message()));
    std::vector<audit::StoredRecord> current;
    for (const auto& e : *tl) {
      if (e.kind != "evidence") continue;
      audit::QueryFilter f;
      f.from_seq = f.to_seq = e.record_seq;
      auto rows = (*store)->Query(f);
      if (!rows.ok()) return void(*exit_code = Error("incident report", rows.error().message()));
      for (auto& r : *rows) current.push_back(std::move(r));
    }
    audit::CheckpointVerifier keys;
    for (const auto& k : a->pubkeys) {
      Status st = keys.AddPemFile(k);
      if (!st.ok()) return void(*exit_code = Error("incident report", st.message()));
    }
    auto v = audit::VerifyChain(**store, keys);
    if (!v.ok()) return void(*exit_code = Error("incident report", v.error().message()));
    std::string md = audit::IncidentReportMarkdown(
        *i, *tl, current,
        "`aigis audit verify` at report time: " + VerifySummary(*v, !keys.empty()));
    if (a->out.empty()) {
      std::fwrite(md.data(), 1, md.size(), stdout);
    } else {
      std::ofstream f(a->out, std::ios::binary | std::ios::trunc);
      f << md;
      if (!f) return void(*exit_code = Error("incident report", a->out + ": write failed"));
    }
    *exit_code = kExitOk;
  });
}

}  // namespace

void RegisterAuditCommands(CLI::App& app, int* exit_code) {
  RegisterAudit(app, exit_code);
  RegisterIncident(app, exit_code);
}

}  // namespace aigis::cli
