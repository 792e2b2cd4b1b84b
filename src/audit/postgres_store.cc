#include "audit/postgres_store.h"

#include "audit/postgres_plugin.h"
#include "core/plugin.h"

namespace aigis::audit {

Result<std::unique_ptr<AuditStore>> PostgresAuditStore::Open(const std::string& conninfo,
                                                             const PostgresOptions& opts) {
  auto api = LoadPlugin("postgres", "aigis_plugin_postgres");
  if (!api.ok())
    return Status::Unsupported("audit postgres: store unavailable: " + api.status().message());
  auto* table = static_cast<const PostgresPluginApi*>(*api);
  if (table->abi != kPostgresPluginAbi || table->options_size != sizeof(PostgresOptions) ||
      table->record_size != sizeof(AuditRecord)) {
    return Status::Unsupported("audit postgres: libaigis_postgres.so is from another aigis build");
  }
  return table->open(conninfo, opts);
}

}  // namespace aigis::audit
