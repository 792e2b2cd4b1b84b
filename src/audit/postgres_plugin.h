// The API table the plugin libaigis_postgres.so (postgres_store_pqxx.cc) hands to
// postgres_store.cc. Both sides are built from the same tree with the same compiler, so C++ types
// cross the boundary; the stamp and sizes catch a module left over from another build.
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "audit/audit_store.h"
#include "audit/postgres_store.h"

namespace aigis::audit {

inline constexpr uint32_t kPostgresPluginAbi = 1;  // bump when AuditStore/PostgresOptions change

struct PostgresPluginApi {
  uint32_t abi;
  uint32_t options_size;
  uint32_t record_size;
  Result<std::unique_ptr<AuditStore>> (*open)(const std::string& conninfo,
                                              const PostgresOptions& opts);
};

}  // namespace aigis::audit
