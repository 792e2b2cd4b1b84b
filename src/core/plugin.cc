#include "core/plugin.h"

#include <dlfcn.h>
#include <unistd.h>

#include <climits>
#include <map>
#include <mutex>
#include <vector>

namespace aigis {

std::string ExecutableDir() {
  char buf[PATH_MAX];
  ssize_t n = ::readlink("/proc/self/exe", buf, sizeof(buf) - 1);
  if (n <= 0) return "";
  std::string p(buf, static_cast<size_t>(n));
  size_t slash = p.rfind('/');
  return slash == std::string::npos ? "" : p.substr(0, slash);
}

namespace {

struct Loaded {
  void* handle = nullptr;
  std::string error;
};

std::vector<std::string> PluginDirs() {
  std::vector<std::string> dirs;
  std::string exe = ExecutableDir();
  if (!exe.empty()) {
    dirs.push_back(exe);
    dirs.push_back(exe + "/../lib/aigis");
  }
#ifdef AIGIS_PLUGIN_BUILD_DIR
  dirs.push_back(AIGIS_PLUGIN_BUILD_DIR);
#endif
  return dirs;
}

}  // namespace

Result<std::string> FindPluginFile(const std::string& file) {
  std::string tried;
  for (const auto& d : PluginDirs()) {
    std::string path = d + "/" + file;
    if (::access(path.c_str(), R_OK) == 0) return path;
    tried += (tried.empty() ? "" : ", ") + path;
  }
  return Status::Unsupported(file + " not found (tried " + tried + ")");
}

Result<const void*> LoadPlugin(const std::string& name, const char* entry) {
  static std::mutex mu;
  static std::map<std::string, Loaded> modules;  // never unloaded
  std::lock_guard<std::mutex> lock(mu);
  auto it = modules.find(name);
  if (it == modules.end()) {
    std::string file = "libaigis_" + name + ".so";
    Loaded l;
    std::string tried;
    for (const auto& d : PluginDirs()) {
      std::string path = d + "/" + file;
      if (::access(path.c_str(), R_OK) != 0) {
        tried += (tried.empty() ? "" : ", ") + path;
        continue;
      }
      // RTLD_LOCAL: the module's copies of our static libraries stay private to it.
      l.handle = ::dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL);
      if (l.handle != nullptr) break;
      const char* err = ::dlerror();
      tried += (tried.empty() ? "" : ", ") + path + " (" + (err ? err : "dlopen failed") + ")";
    }
    if (l.handle == nullptr) l.error = file + " not found or not loadable (tried " + tried + ")";
    it = modules.emplace(name, std::move(l)).first;
  }
  if (it->second.handle == nullptr) return Status::Unsupported(it->second.error);
  using EntryFn = const void* (*)();
  auto fn = reinterpret_cast<EntryFn>(::dlsym(it->second.handle, entry));
  if (fn == nullptr) return Status::Unsupported("plugin " + name + ": no symbol " + entry);
  const void* api = fn();
  if (api == nullptr) return Status::Unsupported("plugin " + name + ": " + entry + " gave no API");
  return api;
}

}  // namespace aigis
