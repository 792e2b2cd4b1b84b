#include "cli/scan_config.h"

#include <yaml-cpp/yaml.h>

#include <set>

namespace aigis::cli {

namespace {

template <typename T>
Status ReadScalar(const YAML::Node& n, const std::string& key, T* out) {
  try {
    *out = n.as<T>();
  } catch (const YAML::Exception& e) {
    return Status::InvalidArgument("scan." + key + ": " + e.what());
  }
  return Status::Ok();
}

}  // namespace

Result<ScanConfig> LoadScanConfig(const std::string& path) {
  YAML::Node root;
  try {
    root = YAML::LoadFile(path);
  } catch (const YAML::BadFile&) {
    return Status::IOError(path + ": cannot read config file");
  } catch (const YAML::Exception& e) {
    return Status::InvalidArgument(path + ": invalid YAML: " + e.what());
  }
  ScanConfig cfg;
  if (!root || root.IsNull()) return cfg;
  if (!root.IsMap()) return Status::InvalidArgument(path + ": top level must be a mapping");
  static const std::set<std::string> kSections = {"scan", "guard", "gateway", "audit", "sign"};
  for (const auto& kv : root) {
    std::string k = kv.first.as<std::string>("");
    if (!kSections.count(k))
      return Status::InvalidArgument(path + ": unknown section '" + k +
                                     "' (expected scan, guard, gateway, audit or sign)");
  }
  YAML::Node s = root["scan"];
  if (!s || s.IsNull()) return cfg;
  if (!s.IsMap()) return Status::InvalidArgument(path + ": scan: must be a mapping");
  for (const auto& kv : s) {
    std::string k = kv.first.as<std::string>("");
    const YAML::Node& v = kv.second;
    if (k == "fail_on") {
      std::string x;
      AIGIS_RETURN_IF_ERROR(ReadScalar(v, k, &x));
      auto sev = ParseSeverity(x);
      if (!sev)
        return Status::InvalidArgument(path +
                                       ": scan.fail_on: expected info, suspicious or "
                                       "malicious, got '" +
                                       x + "'");
      cfg.fail_on = *sev;
    } else if (k == "allow_globals") {
      if (!v.IsSequence())
        return Status::InvalidArgument(path + ": scan.allow_globals must be a list of strings");
      for (const auto& g : v) {
        std::string x;
        AIGIS_RETURN_IF_ERROR(ReadScalar(g, k, &x));
        cfg.allow_globals.push_back(x);
      }
    } else if (k == "threads") {
      AIGIS_RETURN_IF_ERROR(ReadScalar(v, k, &cfg.threads));
    } else if (k == "limits") {
      if (!v.IsMap()) return Status::InvalidArgument(path + ": scan.limits must be a mapping");
      for (const auto& lk : v) {
        std::string n = lk.first.as<std::string>("");
        if (n == "max_depth") {
          AIGIS_RETURN_IF_ERROR(ReadScalar(lk.second, "limits." + n, &cfg.limits.max_depth));
        } else if (n == "max_member_bytes") {
          AIGIS_RETURN_IF_ERROR(ReadScalar(lk.second, "limits." + n, &cfg.limits.max_member_bytes));
        } else if (n == "max_total_decompressed") {
          AIGIS_RETURN_IF_ERROR(
              ReadScalar(lk.second, "limits." + n, &cfg.limits.max_total_decompressed));
        } else if (n == "max_members") {
          AIGIS_RETURN_IF_ERROR(ReadScalar(lk.second, "limits." + n, &cfg.limits.max_members));
        } else if (n == "max_files") {
          AIGIS_RETURN_IF_ERROR(ReadScalar(lk.second, "limits." + n, &cfg.limits.max_files));
        } else {
          return Status::InvalidArgument(path + ": unknown key scan.limits." + n);
        }
      }
    } else {
      return Status::InvalidArgument(path + ": unknown key scan." + k);
    }
  }
  return cfg;
}

}  // namespace aigis::cli
