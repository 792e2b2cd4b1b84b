#include "core/mapped_file.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <string>
#include <utility>

namespace aigis {

void MappedFile::Reset() {
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
      fd_(std::exchange(o.fd_, -1)) {}

MappedFile& MappedFile::operator=(MappedFile&& o) noexcept {
  if (this != &o) {
    Reset();
    addr_ = std::exchange(o.addr_, nullptr);
    owned_ = std::exchange(o.owned_, nullptr);
    size_ = std::exchange(o.size_, 0);
    fd_ = std::exchange(o.fd_, -1);
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
  if (n >= kBlockBytes || blocks_.size() >= kMaxBlocks) {
    ++preads_;
    return file_->ReadAt(offset, dst, n);
  }
  std::vector<uint8_t> block(static_cast<size_t>(std::min<uint64_t>(kBlockBytes, size - offset)));
  ++preads_;
  if (!file_->ReadAt(offset, block.data(), block.size())) return false;
  std::memcpy(dst, block.data(), n);
  blocks_.insert_or_assign(offset, std::move(block));
  return true;
}

}  // namespace aigis
