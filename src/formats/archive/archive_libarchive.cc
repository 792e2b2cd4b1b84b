// The libarchive half of formats/archive, built as the plugin libaigis_archive.so (see
// core/plugin.h): only this file links libarchive and its dependencies (libxml2, ICU, ...).
#include <archive.h>
#include <archive_entry.h>

#include <memory>
#include <string>

#include "formats/archive/archive_plugin.h"

namespace aigis::formats::archive {
namespace {

struct ArchiveDeleter {
  void operator()(struct archive* a) const { archive_read_free(a); }
};
using ArchivePtr = std::unique_ptr<struct archive, ArchiveDeleter>;

std::string ErrorText(struct archive* a) {
  const char* s = archive_error_string(a);
  return s ? s : "unknown error";
}

// libarchive gives NULL when a name cannot be converted to the locale; try the raw forms.
std::string PathOf(struct archive_entry* e) {
  if (const char* p = archive_entry_pathname(e)) return p;
  if (const char* p = archive_entry_pathname_utf8(e)) return p;
  return "";
}

ArchiveEntry::Type TypeOf(struct archive_entry* e) {
  if (archive_entry_hardlink(e) != nullptr) return ArchiveEntry::Type::kHardlink;
  switch (archive_entry_filetype(e)) {
    case AE_IFREG:
      return ArchiveEntry::Type::kFile;
    case AE_IFDIR:
      return ArchiveEntry::Type::kDir;
    case AE_IFLNK:
      return ArchiveEntry::Type::kSymlink;
    default:
      return ArchiveEntry::Type::kOther;
  }
}

// Keeps the first error; a later one is less informative.
void SetOnce(Status& s, Status err) {
  if (s.ok()) s = std::move(err);
}

Result<ArchiveListing> ReadWithLibarchive(ByteView data, const ArchiveLimits& limits) {
  ArchivePtr a(archive_read_new());
  if (!a) return Status::Internal("archive: archive_read_new failed");
  // Only tar and 7z: zip goes through formats/zip, compressed wrappers through formats/compress.
  if (archive_read_support_format_tar(a.get()) != ARCHIVE_OK ||
      archive_read_support_format_7zip(a.get()) != ARCHIVE_OK) {
    return Status::Internal("archive: cannot enable tar/7zip: " + ErrorText(a.get()));
  }
  if (archive_read_open_memory(a.get(), data.data(), data.size()) != ARCHIVE_OK) {
    return Status::Malformed(0, "archive: not a tar or 7z archive: " + ErrorText(a.get()));
  }
  ArchiveListing listing;
  uint64_t total = 0;
  std::array<uint8_t, 64 * 1024> buf;
  while (true) {
    struct archive_entry* e = nullptr;
    int rh = archive_read_next_header(a.get(), &e);
    if (rh == ARCHIVE_EOF) break;
    if (rh != ARCHIVE_OK && rh != ARCHIVE_WARN) {
      Status err = Status::Malformed("archive: entry " + std::to_string(listing.entries.size()) +
                                     ": " + ErrorText(a.get()));
      if (listing.entries.empty()) return err;
      SetOnce(listing.status, std::move(err));
      break;
    }
    if (listing.format.empty()) {
      const char* f = archive_format_name(a.get());
      listing.format = f ? f : "";
    }
    if (listing.entries.size() >= limits.max_entries) {
      SetOnce(listing.status,
              Status::LimitExceeded("archive: more than " + std::to_string(limits.max_entries) +
                                    " entries"));
      break;
    }
    ArchiveEntry out;
    out.name = PathOf(e);
    if (out.name.size() > limits.max_name_bytes) {
      out.name.resize(limits.max_name_bytes);
      out.name_truncated = true;
      SetOnce(listing.status, Status::LimitExceeded("archive: entry name longer than " +
                                                    std::to_string(limits.max_name_bytes)));
    }
    out.type = TypeOf(e);
    if (archive_entry_size_is_set(e) && archive_entry_size(e) > 0) {
      out.size = static_cast<uint64_t>(archive_entry_size(e));
    }
    if (const char* t = archive_entry_hardlink(e)) {
      out.link_target = t;
    } else if (const char* s = archive_entry_symlink(e)) {
      out.link_target = s;
    }
    if (out.link_target.size() > limits.max_name_bytes) {
      out.link_target.resize(limits.max_name_bytes);
      out.name_truncated = true;
      SetOnce(listing.status, Status::LimitExceeded("archive: link target longer than " +
                                                    std::to_string(limits.max_name_bytes)));
    }
    if (out.type == ArchiveEntry::Type::kFile) {
      out.data = std::make_shared<std::vector<uint8_t>>();
      uint64_t budget = limits.max_total_bytes - std::min(total, limits.max_total_bytes);
      uint64_t cap = std::min(limits.max_entry_bytes, budget);
      bool stop_all = false;
      while (true) {
        la_ssize_t n = archive_read_data(a.get(), buf.data(), buf.size());
        if (n == 0) break;
        if (n < 0) {
          out.truncated = true;
          SetOnce(listing.status,
                  Status::Malformed("archive: data of '" + out.name + "': " + ErrorText(a.get())));
          // A fatal state leaves the handle unusable; a plain failure lets us go on.
          stop_all = n == ARCHIVE_FATAL;
          break;
        }
        uint64_t room = cap - out.data->size();
        size_t take = static_cast<size_t>(std::min<uint64_t>(room, static_cast<uint64_t>(n)));
        out.data->insert(out.data->end(), buf.data(), buf.data() + take);
        if (take < static_cast<size_t>(n)) {
          out.truncated = true;
          SetOnce(listing.status,
                  Status::LimitExceeded("archive: '" + out.name + "' exceeds " +
                                        (cap == budget && budget < limits.max_entry_bytes
                                             ? "max_total_bytes"
                                             : "max_entry_bytes")));
          break;  // next_header skips the rest
        }
      }
      total += out.data->size();
      listing.entries.push_back(std::move(out));
      if (stop_all) break;
      continue;
    }
    listing.entries.push_back(std::move(out));
  }
  return listing;
}

}  // namespace
}  // namespace aigis::formats::archive

extern "C" __attribute__((visibility("default"))) const void* aigis_plugin_archive() {
  using namespace aigis::formats::archive;
  static const ArchivePluginApi api{kArchivePluginAbi, sizeof(ArchiveListing),
                                    sizeof(ArchiveLimits), &ReadWithLibarchive};
  return &api;
}
