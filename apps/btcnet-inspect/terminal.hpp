// The terminal for the interactive view: raw keys without echo, the alternate screen and a hidden
// cursor while it lives, everything restored when it goes — also after Ctrl-C, SIGTERM or SIGHUP,
// which only end the loop (quit_requested()) so that the destructor runs.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace btcnet::inspect {

enum class key_code { up, down, enter, escape, backspace, character };
struct key {
  key_code code = key_code::character;
  char ch = 0;
};

// SIGINT, SIGTERM and SIGHUP end the program's loop instead of the program.
void catch_quit_signals();
bool quit_requested();

class terminal {
 public:
  terminal();
  ~terminal();
  terminal(const terminal&) = delete;
  terminal& operator=(const terminal&) = delete;

  // Columns and rows (80x24 when unknown).
  std::pair<int, int> size() const;
  // Waits up to `timeout` for a key.
  std::optional<key> read_key(std::chrono::milliseconds timeout);
  void draw(const std::vector<std::string>& lines);

 private:
  bool raw_ = false;
};

}  // namespace btcnet::inspect
