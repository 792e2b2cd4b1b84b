#include "scan/scanner.h"

#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <deque>
#include <filesystem>
#include <map>
#include <mutex>
#include <optional>
#include <string_view>
#include <system_error>
#include <unordered_set>

#include "core/mapped_file.h"
#include "core/thread_pool.h"
#include "formats/registry/sniff.h"
#include "scan/analyzer.h"
#include "scan/dispatch.h"

namespace aigis::scan {

namespace fs = std::filesystem;

namespace {

struct WorkItem {
  ByteView data;
  std::shared_ptr<const void> owner;
  std::string member;  // '!'-joined chain
  int depth = 0;
  std::string hint;
  std::function<LazyChild()> lazy;
  bool fresh = false;  // the child's bytes were produced (owned), not a view of its parent
};

class ItemContext : public AnalysisContext {
 public:
  ItemContext(const ScanOptions& opts, const std::string& path, const std::string& root,
              const WorkItem& item, const MappedFile* file, BlockReader* reader, FileReport* out,
              std::vector<WorkItem>* children)
      : opts_(opts),
        path_(path),
        root_(root),
        item_(item),
        file_(file),
        reader_(reader),
        out_(out),
        children_(children) {}

  const ScanOptions& options() const override { return opts_; }
  const std::string& path() const override { return path_; }
  const std::string& member() const override { return item_.member; }
  int depth() const override { return item_.depth; }
  const std::string& root() const override { return root_; }
  std::shared_ptr<const void> owner() const override { return item_.owner; }

  void AddFinding(Finding f) override {
    f.location.path = path_;
    if (f.location.member.empty()) f.location.member = item_.member;
    out_->findings.push_back(std::move(f));
  }
  void AddChild(ChildItem c) override {
    WorkItem w;
    w.data = c.data;
    w.fresh = c.owner != nullptr && c.owner != item_.owner;
    w.owner = c.owner ? std::move(c.owner) : item_.owner;
    if (item_.member.empty()) {
      w.member = std::move(c.name);
    } else {
      w.member.reserve(item_.member.size() + 1 + c.name.size());
      w.member.append(item_.member).append(1, '!').append(c.name);
    }
    w.depth = item_.depth + 1;
    w.hint = std::move(c.format_hint);
    w.lazy = std::move(c.lazy);
    children_->push_back(std::move(w));
  }
  void ExpectChildren(size_t n) override {
    children_->reserve(children_->size() + std::min<size_t>(n, 1u << 16));
  }
  void SetFormat(std::string format) override { format_ = std::move(format); }
  void AddProperty(std::string key, std::string value) override {
    // Properties describe the model; the first analyzer to set a key wins (the top-level file).
    out_->properties.emplace(std::move(key), std::move(value));
  }
  void AddBytesExamined(uint64_t n) override { out_->bytes_examined += n; }
  ReadAtFn ReaderFor(ByteView data) const override {
    if (file_ == nullptr || reader_ == nullptr || !file_->mapped()) return {};
    // Only bytes that are a view of the mapping (a stored member, the file itself) have a file
    // offset; decompressed members live elsewhere.
    const auto whole = file_->view();
    const auto begin = reinterpret_cast<uintptr_t>(whole.data());
    const auto p = reinterpret_cast<uintptr_t>(data.data());
    if (p < begin || p - begin > whole.size() || data.size() > whole.size() - (p - begin))
      return {};
    BlockReader* r = reader_;
    const uint64_t base = p - begin, len = data.size();
    return [r, base, len](uint64_t off, uint8_t* dst, size_t n) {
      return off <= len && n <= len - off && r->ReadAt(base + off, dst, n);
    };
  }

  const std::string& format() const { return format_; }

 private:
  const ScanOptions& opts_;
  const std::string& path_;
  const std::string& root_;
  const WorkItem& item_;
  const MappedFile* file_;
  BlockReader* reader_;
  FileReport* out_;
  std::vector<WorkItem>* children_;
  std::string format_;
};

Finding MakeFinding(std::string rule, Severity sev, std::string msg, const std::string& path,
                    const std::string& member) {
  Finding f;
  f.rule = std::move(rule);
  f.severity = sev;
  f.message = std::move(msg);
  f.location.path = path;
  f.location.member = member;
  f.category = "scan";
  return f;
}

bool IsInside(const fs::path& child, const fs::path& root) {
  auto c = child.lexically_normal();
  auto r = root.lexically_normal();
  auto ci = c.begin();
  for (auto ri = r.begin(); ri != r.end(); ++ri, ++ci) {
    if (ri->empty()) continue;  // trailing separator
    if (ci == c.end() || *ci != *ri) return false;
  }
  return true;
}

// ScanOptions::brief_clean_below. Swapped with empty containers, not cleared: the memory goes
// back to the worker's heap now, for the next file, instead of staying reserved to the end.
void Brief(Severity keep_at, FileReport* r) {
  if (r->verdict != Verdict::kClean) return;
  std::erase_if(r->findings, [keep_at](const Finding& f) { return f.severity < keep_at; });
  if (r->findings.empty()) std::vector<Finding>().swap(r->findings);
  std::vector<std::string>().swap(r->members);
  std::map<std::string, std::string>().swap(r->properties);
}

}  // namespace

Scanner::Scanner(ScanOptions options) : options_(std::move(options)) {}

void Scanner::AnalyzeTree(ByteView data, std::shared_ptr<const void> owner, const MappedFile* file,
                          const std::string& path, const std::string& root, FileReport* out) const {
  const ScanLimits& lim = options_.limits;
  std::vector<WorkItem> stack;
  WorkItem top;
  top.data = data;
  top.owner = std::move(owner);
  stack.push_back(std::move(top));
  uint64_t items = 0;
  uint64_t expanded = 0;
  bool top_level = true;
  std::optional<BlockReader> reader;
  if (file != nullptr && file->mapped()) reader.emplace(file);
  // One children buffer for the whole tree (its capacity is kept between items): a fresh vector
  // per item was an allocation of 16 WorkItems (~2 KiB) for every member of every file.
  std::vector<WorkItem> children;
  children.reserve(16);  // a torch zip has ~8 members; avoids regrowth moves per file

  while (!stack.empty()) {
    WorkItem item = std::move(stack.back());
    stack.pop_back();
    if (!top_level && ++items > lim.max_members) {
      out->findings.push_back(MakeFinding("scan.limit", Severity::kSuspicious,
                                          "more than " + std::to_string(lim.max_members) +
                                              " nested members; the rest was not analysed",
                                          path, item.member));
      break;
    }
    if (item.depth > lim.max_depth) {
      out->findings.push_back(MakeFinding("scan.limit", Severity::kSuspicious,
                                          "containers nested deeper than " +
                                              std::to_string(lim.max_depth) +
                                              " levels; this member was not analysed",
                                          path, item.member));
      continue;
    }
    bool fresh = item.fresh;  // bytes produced for this item (decompressed, decoded)
    if (item.lazy) {
      LazyChild lc = item.lazy();
      item.lazy = nullptr;
      item.data = lc.data;
      // Stored zip members come back as views owned by the parent (the mapped file): not new bytes.
      fresh = lc.owner && lc.owner != item.owner;
      if (lc.owner) item.owner = std::move(lc.owner);
      if (!lc.status.ok()) {
        bool limit = lc.status.code() == StatusCode::kLimitExceeded;
        Finding f = MakeFinding(
            lc.error_rule.empty() ? (limit ? "scan.limit" : "scan.read-error") : lc.error_rule,
            Severity::kSuspicious,
            "could not read the member completely (" + lc.status.ToString() +
                "); only the part read was analysed",
            path, item.member);
        out->findings.push_back(std::move(f));
      }
      for (auto& f : lc.findings) {
        f.location.path = path;
        if (f.location.member.empty()) f.location.member = item.member;
        out->findings.push_back(std::move(f));
      }
    }
    if (fresh) {
      expanded += item.data.size();
      if (expanded > lim.max_total_decompressed) {
        out->findings.push_back(MakeFinding("scan.limit", Severity::kSuspicious,
                                            "more than " +
                                                std::to_string(lim.max_total_decompressed) +
                                                " bytes decompressed from one file (decompression "
                                                "bomb?); the rest was not analysed",
                                            path, item.member));
        break;
      }
    }

    children.clear();
    ItemContext ctx(options_, path, root, item, file, reader ? &*reader : nullptr, out, &children);
    formats::Format fmt = formats::Format::kUnknown;
    bool analysed =
        DispatchItem(item.data, item.hint, item.member.empty() ? path : item.member, ctx, &fmt);
    std::string fmt_name =
        ctx.format().empty() ? std::string(formats::FormatName(fmt)) : ctx.format();
    if (top_level) {
      out->format = fmt_name;
      out->analysed = analysed;
      if (!analysed) {
        out->findings.push_back(MakeFinding(
            "scan.unsupported", Severity::kInfo,
            "content is not a recognised model format (" + fmt_name + "); not analysed", path, ""));
      }
    } else {
      if (out->members.empty()) out->members.reserve(8);  // a torch zip has ~6-8 members
      std::string& m = out->members.emplace_back();
      m.reserve(item.member.size() + 2 + fmt_name.size());
      m.append(item.member).append(": ").append(fmt_name);
      if (!analysed && fmt == formats::Format::kUnknown && HasModelExtension(item.member)) {
        out->findings.push_back(MakeFinding(
            "scan.unrecognised-model", Severity::kSuspicious,
            "member is named like a model but its content is not a recognised format; it was not "
            "analysed",
            path, item.member));
      } else if (!analysed && fmt != formats::Format::kText && fmt != formats::Format::kEmpty &&
                 fmt != formats::Format::kJson) {
        out->findings.push_back(MakeFinding(
            "scan.unsupported", Severity::kInfo,
            "member content is not a recognised format (" + fmt_name + "); not analysed", path,
            item.member));
      }
    }
    top_level = false;
    // LIFO stack: push children in reverse so they are analysed in their natural order. With an
    // empty stack (a file's top-level container, most often) the children buffer becomes the stack
    // instead of being moved into a second buffer of the same size (a checkpoint has hundreds).
    if (stack.empty()) {
      std::reverse(children.begin(), children.end());
      stack.swap(children);
    } else {
      stack.reserve(stack.size() + children.size());
      for (auto it = children.rbegin(); it != children.rend(); ++it)
        stack.push_back(std::move(*it));
    }
  }
}

FileReport Scanner::ScanBuffer(ByteView data, const std::string& name) const {
  FileReport r;
  r.path = name;
  r.size = data.size();
  AnalyzeTree(data, nullptr, nullptr, name, "", &r);
  r.verdict = VerdictFor(r);
  return r;
}

FileReport Scanner::ScanFile(const std::string& path, const std::string& root) const {
  FileReport r;
  r.path = path;
  auto mf = MappedFile::Open(path);
  if (!mf.ok()) {
    r.error = mf.status().message();
    r.format = "unknown";
    r.findings.push_back(
        MakeFinding("scan.io-error", Severity::kInfo, "cannot read file: " + r.error, path, ""));
    r.verdict = VerdictFor(r);
    return r;
  }
  return ScanOpened(std::make_shared<const MappedFile>(std::move(mf).value()), path, root);
}

FileReport Scanner::ScanOpened(std::shared_ptr<const MappedFile> file, const std::string& path,
                               const std::string& root) const {
  FileReport r;
  r.path = path;
  r.size = file->size();
  ByteView view = file->view();
  const MappedFile* f = file.get();
  AnalyzeTree(view, file, f, path, root, &r);  // `file` keeps the view alive below
  if (options_.file_sha256 != nullptr) r.sha256 = options_.file_sha256(view);
  CheckExtension(path, r.format, &r);
  // A file truncated or rewritten while mapped: what was analysed (zeros past its new end) is
  // neither version, so no verdict of clean may stand on it.
  if (f->changed()) {
    r.error = "the file changed while it was being scanned";
    r.findings.push_back(
        MakeFinding("scan.io-error", Severity::kInfo,
                    r.error + "; its result describes neither version, scan it again", path, ""));
  }
  r.verdict = VerdictFor(r);
  return r;
}

ScanReport Scanner::Scan(const std::vector<std::string>& paths, const ProgressFn& progress) const {
  auto t0 = std::chrono::steady_clock::now();
  ScanReport report;
  struct Job {
    std::string path;
    size_t root;  // index into roots
  };
  // A deque keeps each job's path where it is, so `seen` holds views of them: one hash-set node
  // per file instead of a tree node and a copy of the path.
  std::deque<Job> jobs;
  std::vector<std::string> roots;
  std::vector<FileReport> pre;  // reports made while walking (links, unreadable entries)
  std::unordered_set<std::string_view> seen;
  // Queues `path` unless it is queued already (a link target reached twice, a repeated argument).
  auto add_job = [&](std::string path, size_t root) {
    jobs.push_back({std::move(path), root});
    if (!seen.insert(jobs.back().path).second) jobs.pop_back();
  };

  for (const auto& p : paths) {
    std::error_code ec;
    fs::file_status st = fs::symlink_status(p, ec);
    if (ec || !fs::exists(st)) {
      report.errors.push_back(p + ": no such file or directory");
      continue;
    }
    if (fs::is_regular_file(st) || (fs::is_symlink(st) && fs::is_regular_file(fs::status(p, ec)))) {
      roots.push_back(fs::path(p).parent_path().string());
      add_job(p, roots.size() - 1);
      continue;
    }
    if (!fs::is_directory(st)) {
      report.errors.push_back(p + ": not a regular file or directory");
      continue;
    }
    fs::path root = fs::weakly_canonical(p, ec);
    if (ec || root.empty()) {
      report.errors.push_back(p + ": cannot resolve the folder: " + ec.message());
      continue;
    }
    roots.push_back(root.string());
    const size_t root_index = roots.size() - 1;
    fs::recursive_directory_iterator it(p, fs::directory_options::skip_permission_denied, ec);
    if (ec) {
      report.errors.push_back(p + ": " + ec.message());
      continue;
    }
    for (; it != fs::recursive_directory_iterator(); it.increment(ec)) {
      if (ec) {
        report.errors.push_back(p + ": " + ec.message());
        break;
      }
      if (jobs.size() >= options_.limits.max_files) {
        report.errors.push_back("more than " + std::to_string(options_.limits.max_files) +
                                " files; the rest was not scanned");
        break;
      }
      const fs::directory_entry& e = *it;
      std::error_code ec2;
      std::string ep = e.path().string();
      if (e.is_symlink(ec2)) {
        // Never follow links out of the scanned root; links inside it are scanned at the target.
        fs::path target = fs::weakly_canonical(e.path(), ec2);
        FileReport fr;
        fr.path = ep;
        fr.format = "symlink";
        if (ec2 || !IsInside(target, root)) {
          fr.findings.push_back(MakeFinding(
              "scan.symlink-outside-root", Severity::kSuspicious,
              "symbolic link points outside the scanned folder (" +
                  (ec2 ? std::string("unresolvable") : target.string()) + "); not followed",
              ep, ""));
          fr.analysed = true;
        } else {
          fr.findings.push_back(MakeFinding("scan.symlink", Severity::kInfo,
                                            "symbolic link to " + target.string() +
                                                " inside the scanned folder; the target is scanned",
                                            ep, ""));
          fr.analysed = true;
          // The target may sit where the walk does not go (.git): scan it here, once.
          std::error_code ec3;
          if (fs::is_regular_file(target, ec3)) add_job(target.string(), root_index);
        }
        fr.verdict = VerdictFor(fr);
        pre.push_back(std::move(fr));
        continue;
      }
      if (e.is_directory(ec2)) {
        if (e.path().filename() == ".git") {
          it.disable_recursion_pending();
        } else if (::access(ep.c_str(), R_OK | X_OK) != 0) {
          report.errors.push_back(ep + ": cannot read this folder; its content was not scanned");
        }
        continue;
      }
      if (!e.is_regular_file(ec2)) {
        // Sockets, FIFOs and devices are not read (a FIFO blocks, a device may never end) but
        // listed: a FIFO named like a model hands its loader whatever a writer sends at load time,
        // which no scan can see.
        FileReport fr;
        fr.path = ep;
        fr.format = "special";
        const bool model_name = HasModelExtension(ep);
        fr.findings.push_back(MakeFinding(
            "scan.special-file", model_name ? Severity::kSuspicious : Severity::kInfo,
            model_name ? "named like a model but not a regular file (FIFO, socket or device): a "
                         "loader opening it reads whatever is sent at load time; not analysed"
                       : "not a regular file (FIFO, socket or device); not analysed",
            ep, ""));
        fr.verdict = VerdictFor(fr);
        pre.push_back(std::move(fr));
        continue;
      }
      add_job(std::move(ep), root_index);
    }
  }

  std::vector<FileReport> results(jobs.size());
  std::atomic<size_t> done{0};
  auto run = [&](size_t i) {
    results[i] = ScanFile(jobs[i].path, roots[jobs[i].root]);
    if (options_.brief_clean_below) Brief(*options_.brief_clean_below, &results[i]);
    size_t d = ++done;
    if (progress) progress(d, jobs.size(), jobs[i].path);
  };
  // Default: one worker more than cores. Each file blocks briefly in the kernel (open, read,
  // mmap); on a folder of 1,000 small checkpoints cores + 1 was ~2 ms (10 %) faster than cores
  // on the 2-core machine (docs/performance.md).
  int threads = options_.threads > 0 ? options_.threads
                                     : static_cast<int>(std::thread::hardware_concurrency()) + 1;
  if (jobs.size() <= 1 || threads <= 1) {
    for (size_t i = 0; i < jobs.size(); ++i) run(i);
  } else {
    // One task per worker taking the next file from a shared counter (in the same order a queue
    // of per-file tasks gave), instead of a queued task, a lock and a wake-up per file.
    const size_t workers = static_cast<size_t>(std::min<size_t>(threads, jobs.size()));
    std::atomic<size_t> next{0};
    ThreadPool pool(workers);
    for (size_t w = 0; w < workers; ++w) {
      pool.Submit([&run, &next, &jobs] {
        for (size_t i = next.fetch_add(1); i < jobs.size(); i = next.fetch_add(1)) run(i);
      });
    }
    pool.Wait();
  }
  for (auto& r : pre) {
    if (options_.brief_clean_below) Brief(*options_.brief_clean_below, &r);
    results.push_back(std::move(r));
  }
  // Sorted by path through a permutation: std::sort is deterministic, so sorting indices by the
  // same comparison gives the order sorting the reports did, with about one move per report
  // instead of a swap per exchange. Applied in place, cycle by cycle (a second vector of reports
  // would be fresh pages).
  std::vector<uint32_t> order(results.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = static_cast<uint32_t>(i);
  std::sort(order.begin(), order.end(),
            [&results](uint32_t a, uint32_t b) { return results[a].path < results[b].path; });
  for (size_t k = 0; k < order.size(); ++k) {
    if (order[k] == k) continue;
    FileReport held = std::move(results[k]);
    size_t j = k;
    while (order[j] != k) {
      const size_t next = order[j];
      results[j] = std::move(results[next]);
      order[j] = static_cast<uint32_t>(j);
      j = next;
    }
    results[j] = std::move(held);
    order[j] = static_cast<uint32_t>(j);
  }
  for (auto& r : results) {
    report.bytes_total += r.size;
    report.bytes_examined += r.bytes_examined;
  }
  report.files = std::move(results);
  report.elapsed_seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  return report;
}

}  // namespace aigis::scan
