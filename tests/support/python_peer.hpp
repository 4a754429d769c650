// The scripted python-bitcoinlib peer (tests/integration/bitcoinlib_peer.py, run by Debian's
// /usr/bin/python3) as a test sees it: started with its arguments, read a JSON line at a time.
#pragma once

#include <cstdio>
#include <nlohmann/json.hpp>
#include <optional>
#include <stdexcept>
#include <string>

namespace btcnet::test {

inline const std::string peer_script =
    std::string(BTCNET_SOURCE_DIR) + "/tests/integration/bitcoinlib_peer.py";

// One run of the script; its stdout comes through a pipe, a JSON object per line.
class python_peer {
 public:
  explicit python_peer(const std::string& args)
      : command_("/usr/bin/python3 " + peer_script + " " + args) {
    pipe_ = ::popen(command_.c_str(), "r");
    if (!pipe_) throw std::runtime_error("cannot run " + command_);
  }
  ~python_peer() {
    if (pipe_) ::pclose(pipe_);
  }
  python_peer(const python_peer&) = delete;
  python_peer& operator=(const python_peer&) = delete;

  // The next line the script prints, parsed; nullopt at the end of its output.
  std::optional<nlohmann::json> next_line() {
    std::string line;
    char buf[4096];
    while (std::fgets(buf, sizeof buf, pipe_)) {
      line += buf;
      if (!line.empty() && line.back() == '\n') break;
    }
    if (line.empty()) return std::nullopt;
    return nlohmann::json::parse(line, nullptr, false);
  }

  // Waits for the script to end; its last JSON line (the result), or null.
  nlohmann::json finish() {
    nlohmann::json last;
    while (auto line = next_line()) last = std::move(*line);
    status_ = ::pclose(pipe_);
    pipe_ = nullptr;
    return last;
  }
  int status() const { return status_; }
  const std::string& command() const { return command_; }

 private:
  std::string command_;
  std::FILE* pipe_ = nullptr;
  int status_ = -1;
};

}  // namespace btcnet::test
