// Whole-file reads and crash-safe replacement, for peers.json and the ban list.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <system_error>

namespace btcnet::storage {

// Reads the whole file; std::errc::no_such_file_or_directory when it does not exist.
std::error_code read_whole_file(const std::filesystem::path& file, std::string& out);

// A whole file mapped read-only: loading 4 MB this way avoids copying it into fresh memory.
class mapped_file {
 public:
  mapped_file() = default;
  ~mapped_file();
  mapped_file(const mapped_file&) = delete;
  mapped_file& operator=(const mapped_file&) = delete;
  // std::errc::no_such_file_or_directory when it does not exist.
  std::error_code open(const std::filesystem::path& file);
  std::string_view text() const { return {static_cast<const char*>(data_), size_}; }

 private:
  void* data_ = nullptr;
  std::size_t size_ = 0;
};

// Replaces a file so that a crash at any moment leaves either the old or the new content: the
// data goes to "<file>.tmp", which commit() fsyncs and renames over the file before fsyncing the
// directory. (Starting writeback early with sync_file_range made saves slower here: it blocks
// on a busy device queue and the final fsync saved little.)
class atomic_file_writer {
 public:
  explicit atomic_file_writer(std::filesystem::path file);
  ~atomic_file_writer();  // removes the temporary file unless committed
  atomic_file_writer(const atomic_file_writer&) = delete;
  atomic_file_writer& operator=(const atomic_file_writer&) = delete;

  void write(std::string_view data);  // the first error sticks; later writes do nothing
  std::error_code commit();
  std::error_code error() const { return error_; }

 private:
  std::filesystem::path file_;
  std::filesystem::path tmp_;
  int fd_ = -1;
  bool committed_ = false;
  std::error_code error_;
};

std::error_code write_file_atomically(const std::filesystem::path& file, std::string_view data);

// Renames `file` to "<file>.corrupt-<now>" (".corrupt-<now>.<n>" if that exists) and returns the
// new path, or an empty path and `ec` set.
std::filesystem::path set_aside(const std::filesystem::path& file, std::int64_t now,
                                std::error_code& ec);

}  // namespace btcnet::storage
