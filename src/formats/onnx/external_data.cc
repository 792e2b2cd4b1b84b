#include "formats/onnx/external_data.h"

#include <filesystem>
#include <system_error>

namespace aigis::formats::onnx {

namespace fs = std::filesystem;

namespace {

bool IsAlpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

// True when one of the components separated by '/' or '\' is exactly "..". Windows also strips
// trailing dots and spaces from names, so ".. " and "..." resolve to ".." there; treat any
// component made only of dots (at least two) and trailing spaces as a parent reference.
bool HasParentComponent(std::string_view s) {
  size_t start = 0;
  while (start <= s.size()) {
    size_t end = s.find_first_of("/\\", start);
    if (end == std::string_view::npos) end = s.size();
    std::string_view comp = s.substr(start, end - start);
    size_t dots = 0;
    while (dots < comp.size() && comp[dots] == '.') ++dots;
    size_t rest = dots;
    while (rest < comp.size() && comp[rest] == ' ') ++rest;
    if (dots >= 2 && rest == comp.size()) return true;
    start = end + 1;
  }
  return false;
}

}  // namespace

LocationText CheckLocationText(std::string_view loc) {
  LocationText t;
  t.empty = loc.empty();
  t.ort_memory_marker = loc.find("_ORT_MEM_ADDR_") != std::string_view::npos;
  for (char c : loc) {
    if (static_cast<unsigned char>(c) < 0x20) t.control_char = true;
    if (c == '\\') t.backslash = true;
  }
  if (!loc.empty() && (loc[0] == '/' || loc[0] == '\\')) {
    bool double_sep = loc.size() >= 2 && (loc[1] == '/' || loc[1] == '\\');
    if (double_sep) t.unc = true;
    if (loc[0] == '/') t.absolute_posix = true;
  }
  if (loc.size() >= 2 && IsAlpha(loc[0]) && loc[1] == ':') t.drive_letter = true;
  t.parent_ref = HasParentComponent(loc);
  size_t scheme = loc.find("://");
  if (scheme != std::string_view::npos && scheme > 0 && scheme < 16) t.url = true;
  if (loc.size() >= 2 && loc[0] == '~' && (loc[1] == '/' || loc[1] == '\\')) t.home_ref = true;
  return t;
}

std::optional<uint64_t> ParseExternalNumber(std::string_view text) {
  if (text.empty() || text.size() > 19) return std::nullopt;
  uint64_t v = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return std::nullopt;
    v = v * 10 + static_cast<uint64_t>(c - '0');
  }
  if (v > static_cast<uint64_t>(INT64_MAX)) return std::nullopt;
  return v;
}

namespace {

// True when `p` equals `dir` or lies below it (both canonical, component-wise).
bool IsWithin(const fs::path& p, const fs::path& dir) {
  auto pi = p.begin();
  for (auto di = dir.begin(); di != dir.end(); ++di, ++pi) {
    if (di->empty()) continue;  // trailing separator
    if (pi == p.end() || *pi != *di) return false;
  }
  return true;
}

}  // namespace

ExternalFile CheckExternalFile(const std::string& model_path, std::string_view location) {
  ExternalFile out;
  if (model_path.empty() || location.find('\0') != std::string_view::npos) return out;
  std::error_code ec;
  fs::path model_dir = fs::path(model_path).parent_path();
  if (model_dir.empty()) model_dir = ".";
  fs::path dir_canon = fs::weakly_canonical(model_dir, ec);
  if (ec) return out;
  // onnx joins base_dir and location with os.path.join: an absolute location replaces the base,
  // which is exactly what operator/ does.
  fs::path joined = model_dir / fs::path(std::string(location));
  out.checked = true;

  // Walk the components that exist and look for symbolic links among them.
  fs::path rel = fs::path(std::string(location));
  fs::path cur = rel.is_absolute() ? fs::path() : model_dir;
  for (const fs::path& comp : rel) {
    cur /= comp;
    if (comp == "." || comp == ".." || comp == "/" || comp.empty()) continue;
    fs::file_status st = fs::symlink_status(cur, ec);
    if (ec || !fs::exists(st)) break;
    if (fs::is_symlink(st)) out.through_symlink = true;
  }

  fs::path resolved = fs::weakly_canonical(joined, ec);
  if (ec) resolved = joined.lexically_normal();
  out.resolved = resolved.string();
  out.outside_model_dir = !IsWithin(resolved, dir_canon);

  fs::file_status st = fs::status(resolved, ec);
  if (!ec && fs::exists(st)) {
    out.exists = true;
    if (fs::is_regular_file(st)) {
      out.regular_file = true;
      uint64_t size = fs::file_size(resolved, ec);
      if (!ec) out.size = size;
    }
  }
  return out;
}

}  // namespace aigis::formats::onnx
