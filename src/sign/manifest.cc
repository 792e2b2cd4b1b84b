#include "sign/manifest.h"

#include <sys/stat.h>

#include <algorithm>
#include <atomic>
#include <charconv>
#include <filesystem>
#include <system_error>

#include "core/thread_pool.h"

namespace aigis::sign {
namespace fs = std::filesystem;

namespace {

bool IsInside(const fs::path& root, const fs::path& p) {
  auto r = root.begin();
  auto q = p.begin();
  for (; r != root.end(); ++r, ++q) {
    if (q == p.end() || *r != *q) return false;
  }
  return true;
}

struct Walker {
  const ManifestOptions& opts;
  fs::path root;        // as given
  fs::path canon_root;  // canonical, for symlink containment
  ModelTree tree;

  Status Visit(const fs::path& abs, const std::string& rel, size_t depth,
               std::vector<std::pair<fs::path, std::pair<std::string, size_t>>>& stack) {
    if (IsIgnored(rel, opts.ignore_paths)) return Status::Ok();
    std::error_code ec;
    fs::file_status st = fs::symlink_status(abs, ec);
    if (ec) {
      tree.problems.push_back({TreeProblem::Kind::kUnreadable, rel, ec.message()});
      return Status::Ok();
    }
    if (fs::is_symlink(st)) {
      if (!opts.allow_symlinks) {
        tree.problems.push_back({TreeProblem::Kind::kSymlink, rel,
                                 "symbolic link (not followed; allow_symlinks is false)"});
        return Status::Ok();
      }
      fs::path target = fs::canonical(abs, ec);
      if (ec || !IsInside(canon_root, target)) {
        tree.problems.push_back({TreeProblem::Kind::kSymlinkOutside, rel,
                                 "symbolic link resolves outside the model directory"});
        return Status::Ok();
      }
      fs::file_status tst = fs::status(target, ec);
      if (ec || !fs::is_regular_file(tst)) {
        tree.problems.push_back({TreeProblem::Kind::kSpecialFile, rel,
                                 "symbolic link to something other than a regular file"});
        return Status::Ok();
      }
      return AddFile(target, rel);
    }
    if (fs::is_directory(st)) {
      if (depth + 1 > opts.limits.max_dir_depth) {
        return Status::LimitExceeded("model: directory depth > " +
                                     std::to_string(opts.limits.max_dir_depth) + " at " + rel);
      }
      stack.push_back({abs, {rel, depth + 1}});
      return Status::Ok();
    }
    if (fs::is_regular_file(st)) return AddFile(abs, rel);
    tree.problems.push_back({TreeProblem::Kind::kSpecialFile, rel, "not a regular file"});
    return Status::Ok();
  }

  Status AddFile(const fs::path& abs, const std::string& rel) {
    if (tree.files.size() >= opts.limits.max_files) {
      return Status::LimitExceeded("model: more than " + std::to_string(opts.limits.max_files) +
                                   " files");
    }
    struct stat sb;
    if (::stat(abs.c_str(), &sb) != 0) {
      tree.problems.push_back({TreeProblem::Kind::kUnreadable, rel, "cannot stat"});
      return Status::Ok();
    }
    tree.files.push_back({rel, abs.string(), static_cast<uint64_t>(sb.st_size)});
    return Status::Ok();
  }
};

}  // namespace

Result<std::string> NormalizeRelativePath(std::string_view path) {
  std::string out;
  size_t i = 0;
  while (i <= path.size()) {
    size_t j = path.find('/', i);
    if (j == std::string_view::npos) j = path.size();
    std::string_view part = path.substr(i, j - i);
    if (part == "..") return Status::InvalidArgument("path '" + std::string(path) + "' has '..'");
    if (!part.empty() && part != ".") {
      if (!out.empty()) out.push_back('/');
      out.append(part);
    } else if (part.empty() && i == 0 && !path.empty() && path[0] == '/') {
      return Status::InvalidArgument("path '" + std::string(path) + "' is absolute");
    }
    i = j + 1;
  }
  return out;
}

bool IsIgnored(std::string_view name, const std::vector<std::string>& ignore_paths) {
  for (const auto& p : ignore_paths) {
    if (p.empty()) continue;
    if (name == p) return true;
    if (name.size() > p.size() && name.compare(0, p.size(), p) == 0 && name[p.size()] == '/') {
      return true;
    }
  }
  return false;
}

Result<ModelTree> EnumerateModel(const std::string& model_path, const ManifestOptions& opts) {
  std::error_code ec;
  fs::path root(model_path);
  fs::file_status st = fs::symlink_status(root, ec);
  if (ec || !fs::exists(st)) return Status::NotFound(model_path + ": no such file or directory");
  // The model path itself may be a symlink the user named on purpose: resolve it once.
  fs::path canon = fs::canonical(root, ec);
  if (ec) return Status::IOError(model_path + ": " + ec.message());
  Walker w{opts, root, canon, {}};
  fs::file_status cst = fs::status(canon, ec);
  if (fs::is_regular_file(cst)) {
    w.tree.single_file = true;
    AIGIS_RETURN_IF_ERROR(w.AddFile(canon, canon.filename().string()));
    return std::move(w.tree);
  }
  if (!fs::is_directory(cst)) {
    return Status::InvalidArgument(model_path + ": not a regular file or directory");
  }
  // Explicit stack: the depth of the tree is input-controlled.
  std::vector<std::pair<fs::path, std::pair<std::string, size_t>>> stack;
  stack.push_back({canon, {"", 0}});
  while (!stack.empty()) {
    auto [dir, meta] = std::move(stack.back());
    stack.pop_back();
    const std::string rel_dir = meta.first;
    const size_t depth = meta.second;
    fs::directory_iterator it(dir, ec);
    if (ec) {
      w.tree.problems.push_back(
          {TreeProblem::Kind::kUnreadable, rel_dir.empty() ? "." : rel_dir, ec.message()});
      continue;
    }
    for (; it != fs::directory_iterator(); it.increment(ec)) {
      if (ec) break;
      std::string name = it->path().filename().string();
      std::string rel = rel_dir.empty() ? name : rel_dir + "/" + name;
      AIGIS_RETURN_IF_ERROR(w.Visit(it->path(), rel, depth, stack));
    }
    if (ec) {
      w.tree.problems.push_back({TreeProblem::Kind::kUnreadable, rel_dir, ec.message()});
    }
  }
  std::sort(w.tree.files.begin(), w.tree.files.end(),
            [](const ModelFile& a, const ModelFile& b) { return a.name < b.name; });
  return std::move(w.tree);
}

std::string ShardName(std::string_view path, uint64_t start, uint64_t end) {
  std::string s(path);
  s += ':';
  s += std::to_string(start);
  s += ':';
  s += std::to_string(end);
  return s;
}

Result<Resource> ParseShardName(std::string_view name) {
  size_t c2 = name.rfind(':');
  if (c2 == std::string_view::npos || c2 == 0) {
    return Status::Malformed("shard name '" + std::string(name) + "' lacks ':start:end'");
  }
  size_t c1 = name.rfind(':', c2 - 1);
  if (c1 == std::string_view::npos || c1 == 0) {
    return Status::Malformed("shard name '" + std::string(name) + "' lacks ':start:end'");
  }
  Resource r;
  r.name = std::string(name);
  r.path = std::string(name.substr(0, c1));
  auto parse = [&](std::string_view s, uint64_t* v) {
    auto [p, e] = std::from_chars(s.data(), s.data() + s.size(), *v);
    return e == std::errc() && p == s.data() + s.size() && !s.empty();
  };
  if (!parse(name.substr(c1 + 1, c2 - c1 - 1), &r.start) || !parse(name.substr(c2 + 1), &r.end) ||
      r.end < r.start) {
    return Status::Malformed("shard name '" + std::string(name) + "' has a bad byte range");
  }
  return r;
}

std::vector<uint8_t> RootDigest(const std::vector<std::vector<uint8_t>>& digests) {
  Hasher h(HashAlgorithm::kSha256);
  for (const auto& d : digests) (void)h.Update(ByteView(d.data(), d.size()));
  auto r = h.Final();
  return r.ok() ? std::move(r).value() : std::vector<uint8_t>{};
}

Result<Manifest> HashModel(const ModelTree& tree, const ManifestOptions& opts) {
  Manifest m;
  m.method = opts.method;
  m.hash = opts.hash;
  m.shard_size = opts.method == SerializationMethod::kShards ? opts.shard_size : 0;
  if (opts.method == SerializationMethod::kShards && opts.shard_size == 0) {
    return Status::InvalidArgument("shard size must be > 0");
  }
  std::vector<size_t> file_of;  // resource index -> file index
  for (size_t i = 0; i < tree.files.size(); ++i) {
    const ModelFile& f = tree.files[i];
    if (opts.method == SerializationMethod::kFiles) {
      Resource r;
      r.name = f.name;
      r.path = f.name;
      r.end = f.size;
      m.resources.push_back(std::move(r));
      file_of.push_back(i);
      continue;
    }
    // Shards: zero-length files are omitted, as in the reference implementation.
    for (uint64_t start = 0; start < f.size; start += opts.shard_size) {
      uint64_t end = f.size - start < opts.shard_size ? f.size : start + opts.shard_size;
      if (m.resources.size() >= opts.limits.max_resources) {
        return Status::LimitExceeded("manifest: more than " +
                                     std::to_string(opts.limits.max_resources) + " shards");
      }
      Resource r;
      r.name = ShardName(f.name, start, end);
      r.path = f.name;
      r.start = start;
      r.end = end;
      m.resources.push_back(std::move(r));
      file_of.push_back(i);
    }
  }
  size_t threads = opts.threads;
  if (threads == 0) threads = std::max<size_t>(1, std::thread::hardware_concurrency());
  threads = std::min(threads, std::max<size_t>(1, m.resources.size()));
  {
    ThreadPool pool(threads);
    std::atomic<size_t> next{0};
    // One task per worker pulling indices: fewer queue operations than one task per file, and
    // large files start first because callers hash them in enumeration order anyway.
    for (size_t t = 0; t < threads; ++t) {
      pool.Submit([&] {
        std::vector<uint8_t> buffer(kHashBufferSize);
        for (size_t i = next.fetch_add(1); i < m.resources.size(); i = next.fetch_add(1)) {
          Resource& r = m.resources[i];
          const ModelFile& f = tree.files[file_of[i]];
          std::optional<uint64_t> len;
          if (opts.method == SerializationMethod::kShards) len = r.end - r.start;
          auto d = HashFile(f.abs_path, opts.hash, r.start, len, buffer);
          if (d.ok()) {
            r.digest = std::move(d).value();
          } else {
            r.error = d.status();
          }
        }
      });
    }
    pool.Wait();
  }
  return m;
}

}  // namespace aigis::sign
