#include "core/mapped_file.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstring>
#include <mutex>
#include <string>
#include <utility>

namespace aigis {
namespace {

// A mapped file that shrinks while it is read (truncated by another process) raises SIGBUS on the
// pages past its new end, which would kill a scan of a whole folder. The handler maps a page of
// zeros over the faulting page of a registered mapping and marks it, so the read continues and the
// caller reports the file as changed instead of crashing. Any other SIGBUS goes to the previous
// disposition. Fixed slots: the handler must not allocate or lock.
struct GuardSlot {
  std::atomic<bool> used{false};
  std::atomic<uintptr_t> begin{0};
  std::atomic<uintptr_t> end{0};
  std::atomic<bool> faulted{false};
};
constexpr int kGuardSlots = 256;  // files mapped at once: one per scan worker, plus a few
GuardSlot g_slots[kGuardSlots];
struct sigaction g_previous_bus;
uintptr_t g_page_size = 4096;

void OnSigbus(int, siginfo_t* info, void*) {
  const auto a = reinterpret_cast<uintptr_t>(info->si_addr);
  for (auto& s : g_slots) {
    const uintptr_t b = s.begin.load(std::memory_order_acquire);
    if (b == 0 || a < b || a >= s.end.load(std::memory_order_acquire)) continue;
    void* page = reinterpret_cast<void*>(a & ~(g_page_size - 1));
    if (mmap(page, g_page_size, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0) !=
        MAP_FAILED) {
      s.faulted.store(true, std::memory_order_release);
      return;  // the load is re-executed and reads zeros
    }
    break;
  }
  // Not ours (or no page): the re-executed fault meets the previous disposition.
  sigaction(SIGBUS, &g_previous_bus, nullptr);
}

int RegisterMapping(const void* addr, size_t size) {
  static std::once_flag installed;
  std::call_once(installed, [] {
    g_page_size = static_cast<uintptr_t>(sysconf(_SC_PAGESIZE));
    struct sigaction sa {};
    sa.sa_sigaction = OnSigbus;
    sa.sa_flags = SA_SIGINFO | SA_NODEFER;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGBUS, &sa, &g_previous_bus);
  });
  for (int i = 0; i < kGuardSlots; ++i) {
    bool expected = false;
    if (!g_slots[i].used.compare_exchange_strong(expected, true)) continue;
    g_slots[i].faulted.store(false);
    g_slots[i].end.store(reinterpret_cast<uintptr_t>(addr) + size, std::memory_order_release);
    g_slots[i].begin.store(reinterpret_cast<uintptr_t>(addr), std::memory_order_release);
    return i;
  }
  return -1;  // all slots busy: this mapping is unguarded (as before the guard existed)
}

void UnregisterMapping(int slot) {
  if (slot < 0) return;
  g_slots[slot].begin.store(0, std::memory_order_release);
  g_slots[slot].end.store(0, std::memory_order_release);
  g_slots[slot].used.store(false, std::memory_order_release);
}

}  // namespace

bool MappedFile::changed() const {
  if (guard_slot_ >= 0 && g_slots[guard_slot_].faulted.load(std::memory_order_acquire)) return true;
  if (fd_ < 0) return false;
  struct stat st;
  return fstat(fd_, &st) != 0 || static_cast<uint64_t>(st.st_size) != size_;
}

void MappedFile::Reset() {
  UnregisterMapping(guard_slot_);
  guard_slot_ = -1;
  if (addr_ != nullptr && size_ > 0) munmap(addr_, size_);
  if (fd_ >= 0) ::close(fd_);
  delete[] owned_;
  fd_ = -1;
  addr_ = nullptr;
  owned_ = nullptr;
  size_ = 0;
}

MappedFile::~MappedFile() { Reset(); }

MappedFile::MappedFile(MappedFile&& o) noexcept
    : addr_(std::exchange(o.addr_, nullptr)),
      owned_(std::exchange(o.owned_, nullptr)),
      size_(std::exchange(o.size_, 0)),
      fd_(std::exchange(o.fd_, -1)),
      guard_slot_(std::exchange(o.guard_slot_, -1)) {}

MappedFile& MappedFile::operator=(MappedFile&& o) noexcept {
  if (this != &o) {
    Reset();
    addr_ = std::exchange(o.addr_, nullptr);
    owned_ = std::exchange(o.owned_, nullptr);
    size_ = std::exchange(o.size_, 0);
    fd_ = std::exchange(o.fd_, -1);
    guard_slot_ = std::exchange(o.guard_slot_, -1);
  }
  return *this;
}

Result<MappedFile> MappedFile::Open(const std::string& path) {
  // O_NONBLOCK: a path swapped for a FIFO after the walk must not block the scan in open().
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY);
  if (fd < 0) return Status::IOError(path + ": " + std::strerror(errno));
  struct stat st;
  if (fstat(fd, &st) != 0) {
    int e = errno;
    ::close(fd);
    return Status::IOError(path + ": " + std::strerror(e));
  }
  if (!S_ISREG(st.st_mode)) {
    ::close(fd);
    return Status::IOError(path + ": not a regular file");
  }
  MappedFile f;
  f.size_ = static_cast<size_t>(st.st_size);
  if (f.size_ > 0 && f.size_ <= kReadWholeBytes) {
    f.owned_ = new uint8_t[f.size_];
    size_t got = 0;
    while (got < f.size_) {
      ssize_t n = ::read(fd, f.owned_ + got, f.size_ - got);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) {
        int e = n < 0 ? errno : 0;
        ::close(fd);
        return Status::IOError(path + ": " +
                               (e ? std::string(std::strerror(e)) : "file shrank while reading"));
      }
      got += static_cast<size_t>(n);
    }
  } else if (f.size_ > 0) {
    void* p = mmap(nullptr, f.size_, PROT_READ, MAP_PRIVATE, fd, 0);
    if (p == MAP_FAILED) {
      int e = errno;
      ::close(fd);
      f.size_ = 0;
      return Status::IOError(path + ": mmap: " + std::strerror(e));
    }
    f.addr_ = p;
    f.guard_slot_ = RegisterMapping(p, f.size_);
    // Parsers jump to headers and skip tensor data; kernel read-ahead would pull in megabytes
    // around each touched page, so ask for random access.
    (void)madvise(p, f.size_, MADV_RANDOM);
    f.fd_ = fd;
    return f;
  }
  ::close(fd);
  return f;
}

bool MappedFile::ReadAt(uint64_t offset, uint8_t* dst, size_t n) const {
  if (fd_ < 0 || offset > size_ || n > size_ - offset) return false;
  size_t got = 0;
  while (got < n) {
    ssize_t r = ::pread(fd_, dst + got, n - got, static_cast<off_t>(offset + got));
    if (r < 0 && errno == EINTR) continue;
    if (r <= 0) return false;
    got += static_cast<size_t>(r);
  }
  return true;
}

bool BlockReader::ReadAt(uint64_t offset, uint8_t* dst, size_t n) {
  const uint64_t size = file_->size();
  if (!file_->mapped() || offset > size || n > size - offset) return false;
  if (auto it = blocks_.upper_bound(offset); it != blocks_.begin()) {
    --it;
    if (offset - it->first + n <= it->second.size()) {
      std::memcpy(dst, it->second.data() + (offset - it->first), n);
      return true;
    }
  }
  ++preads_;
  if (n >= kMaxKeptRead || blocks_.size() >= kMaxBlocks) return file_->ReadAt(offset, dst, n);
  std::vector<uint8_t> block(n);
  if (!file_->ReadAt(offset, block.data(), n)) return false;
  std::memcpy(dst, block.data(), n);
  blocks_.insert_or_assign(offset, std::move(block));
  return true;
}

}  // namespace aigis
