// A connection_handler that records what a connection delivers, for tests that watch real
// sockets from the test thread.
#pragma once

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "net/transport/connection.hpp"

namespace btcnet::test {

class recording_handler : public transport::connection_handler {
 public:
  struct received {
    wire::command cmd;
    wire::bytes payload;
  };

  void on_frame(wire::command cmd, wire::byte_span payload) override {
    std::lock_guard lock(mutex_);
    frames_.push_back({cmd, wire::bytes(payload.begin(), payload.end())});
    changed_.notify_all();
  }
  void on_read_end() override {
    std::lock_guard lock(mutex_);
    read_ends_.push_back(frames_.size());
    changed_.notify_all();
  }
  void on_unknown(std::string_view command, std::uint32_t) override {
    std::lock_guard lock(mutex_);
    unknown_.emplace_back(command);
    changed_.notify_all();
  }
  void on_bad_frame(wire::command cmd, std::error_code) override {
    std::lock_guard lock(mutex_);
    bad_frames_.push_back(cmd);
    changed_.notify_all();
  }
  void on_closed(std::error_code reason) override {
    std::lock_guard lock(mutex_);
    closed_ = reason;
    changed_.notify_all();
  }

  // Waits until at least `n` frames arrived; false on timeout.
  bool wait_frames(std::size_t n, std::chrono::milliseconds limit = std::chrono::seconds(10)) {
    std::unique_lock lock(mutex_);
    return changed_.wait_for(lock, limit, [&] { return frames_.size() >= n; });
  }
  // Waits for on_closed and returns its reason; nullopt on timeout.
  std::optional<std::error_code> wait_closed(
      std::chrono::milliseconds limit = std::chrono::seconds(10)) {
    std::unique_lock lock(mutex_);
    changed_.wait_for(lock, limit, [&] { return closed_.has_value(); });
    return closed_;
  }
  std::vector<received> frames() {
    std::lock_guard lock(mutex_);
    return frames_;
  }
  std::vector<wire::command> bad_frames() {
    std::lock_guard lock(mutex_);
    return bad_frames_;
  }
  // For each on_read_end, how many frames had arrived by then.
  std::vector<std::size_t> read_ends() {
    std::lock_guard lock(mutex_);
    return read_ends_;
  }
  std::vector<std::string> unknown() {
    std::lock_guard lock(mutex_);
    return unknown_;
  }

 private:
  std::mutex mutex_;
  std::condition_variable changed_;
  std::vector<received> frames_;
  std::vector<std::size_t> read_ends_;
  std::vector<std::string> unknown_;
  std::vector<wire::command> bad_frames_;
  std::optional<std::error_code> closed_;
};

}  // namespace btcnet::test
