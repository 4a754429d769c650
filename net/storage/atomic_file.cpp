#include "net/storage/atomic_file.hpp"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>

namespace btcnet::storage {
namespace {

std::error_code last_error() {
  return {errno, std::generic_category()};
}

// Closes a descriptor on scope exit.
class fd_guard {
 public:
  explicit fd_guard(int fd) : fd_(fd) {}
  ~fd_guard() {
    if (fd_ >= 0) ::close(fd_);
  }
  fd_guard(const fd_guard&) = delete;
  fd_guard& operator=(const fd_guard&) = delete;
  int get() const { return fd_; }

 private:
  int fd_;
};

std::error_code write_all(int fd, std::string_view data) {
  while (!data.empty()) {
    const ssize_t n = ::write(fd, data.data(), data.size());
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return last_error();
    data.remove_prefix(static_cast<std::size_t>(n));
  }
  return {};
}

std::error_code sync_directory(const std::filesystem::path& dir) {
  fd_guard fd(::open(dir.empty() ? "." : dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  if (fd.get() < 0) return last_error();
  return ::fsync(fd.get()) == 0 ? std::error_code{} : last_error();
}

}  // namespace

std::error_code read_whole_file(const std::filesystem::path& file, std::string& out) {
  fd_guard fd(::open(file.c_str(), O_RDONLY | O_CLOEXEC));
  if (fd.get() < 0) return last_error();
  struct stat st {};
  if (::fstat(fd.get(), &st) != 0) return last_error();
  out.resize(static_cast<std::size_t>(st.st_size));
  std::size_t got = 0;
  for (;;) {
    if (got == out.size()) out.resize(out.size() + 65536);  // the file grew meanwhile
    const ssize_t n = ::read(fd.get(), out.data() + got, out.size() - got);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return last_error();
    if (n == 0) break;
    got += static_cast<std::size_t>(n);
  }
  out.resize(got);
  return {};
}

mapped_file::~mapped_file() {
  if (data_) ::munmap(data_, size_);
}

std::error_code mapped_file::open(const std::filesystem::path& file) {
  fd_guard fd(::open(file.c_str(), O_RDONLY | O_CLOEXEC));
  if (fd.get() < 0) return last_error();
  struct stat st {};
  if (::fstat(fd.get(), &st) != 0) return last_error();
  if (!S_ISREG(st.st_mode)) return std::make_error_code(std::errc::invalid_argument);
  if (st.st_size == 0) return {};
  void* p = ::mmap(nullptr, static_cast<std::size_t>(st.st_size), PROT_READ,
                   MAP_PRIVATE | MAP_POPULATE, fd.get(), 0);
  if (p == MAP_FAILED) return last_error();
  data_ = p;
  size_ = static_cast<std::size_t>(st.st_size);
  return {};
}

atomic_file_writer::atomic_file_writer(std::filesystem::path file) : file_(std::move(file)) {
  tmp_ = file_;
  tmp_ += ".tmp";
  fd_ = ::open(tmp_.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd_ < 0) error_ = last_error();
}

atomic_file_writer::~atomic_file_writer() {
  if (fd_ >= 0) ::close(fd_);
  if (!committed_) ::unlink(tmp_.c_str());
}

void atomic_file_writer::write(std::string_view data) {
  if (error_) return;
  error_ = write_all(fd_, data);
}

std::error_code atomic_file_writer::commit() {
  if (error_) return error_;
  if (::fsync(fd_) != 0) return error_ = last_error();
  const int fd = fd_;
  fd_ = -1;
  if (::close(fd) != 0) return error_ = last_error();
  if (::rename(tmp_.c_str(), file_.c_str()) != 0) return error_ = last_error();
  committed_ = true;
  return sync_directory(file_.parent_path());
}

std::error_code write_file_atomically(const std::filesystem::path& file, std::string_view data) {
  atomic_file_writer writer(file);
  writer.write(data);
  return writer.commit();
}

std::filesystem::path set_aside(const std::filesystem::path& file, std::int64_t now,
                                std::error_code& ec) {
  std::filesystem::path target = file;
  target += ".corrupt-" + std::to_string(now);
  for (int n = 1; std::filesystem::exists(target, ec) && n < 1000; ++n) {
    target = file;
    target += ".corrupt-" + std::to_string(now) + "." + std::to_string(n);
  }
  if (ec) return {};
  if (::rename(file.c_str(), target.c_str()) != 0) {
    ec = last_error();
    return {};
  }
  ec = sync_directory(file.parent_path());
  return target;
}

}  // namespace btcnet::storage
