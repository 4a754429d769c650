#include "apps/btcnet-inspect/terminal.hpp"

#include <poll.h>
#include <signal.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <unistd.h>

#include <csignal>
#include <cstring>

namespace btcnet::inspect {
namespace {

volatile std::sig_atomic_t quit_flag = 0;
termios saved{};

void on_signal(int) {
  quit_flag = 1;
}

void write_all(const std::string& s) {
  std::size_t done = 0;
  while (done < s.size()) {
    const ssize_t n = ::write(STDOUT_FILENO, s.data() + done, s.size() - done);
    if (n <= 0) return;
    done += static_cast<std::size_t>(n);
  }
}

bool readable(int timeout_ms) {
  pollfd p{STDIN_FILENO, POLLIN, 0};
  return ::poll(&p, 1, timeout_ms) > 0 && (p.revents & POLLIN);
}

}  // namespace

void catch_quit_signals() {
  struct sigaction sa {};
  sa.sa_handler = on_signal;  // no SA_RESTART: poll() returns at once
  for (int s : {SIGINT, SIGTERM, SIGHUP}) ::sigaction(s, &sa, nullptr);
}

bool quit_requested() {
  return quit_flag != 0;
}

terminal::terminal() {
  catch_quit_signals();
  if (::isatty(STDIN_FILENO) && ::tcgetattr(STDIN_FILENO, &saved) == 0) {
    termios raw = saved;
    raw.c_lflag &= ~static_cast<tcflag_t>(ICANON | ECHO | ISIG);  // Ctrl-C arrives as a key
    raw.c_cc[VMIN] = 0;
    raw.c_cc[VTIME] = 0;
    raw_ = ::tcsetattr(STDIN_FILENO, TCSANOW, &raw) == 0;
  }
  write_all("\x1b[?1049h\x1b[?25l");  // alternate screen, hide the cursor
}

terminal::~terminal() {
  write_all("\x1b[0m\x1b[?25h\x1b[?1049l");
  if (raw_) ::tcsetattr(STDIN_FILENO, TCSANOW, &saved);
}

std::pair<int, int> terminal::size() const {
  winsize w{};
  if (::ioctl(STDOUT_FILENO, TIOCGWINSZ, &w) == 0 && w.ws_col > 0 && w.ws_row > 0)
    return {w.ws_col, w.ws_row};
  return {80, 24};
}

std::optional<key> terminal::read_key(std::chrono::milliseconds timeout) {
  if (!readable(static_cast<int>(timeout.count()))) return std::nullopt;
  char c = 0;
  if (::read(STDIN_FILENO, &c, 1) != 1) return std::nullopt;
  if (c == '\r' || c == '\n') return key{key_code::enter, c};
  if (c == 127 || c == 8) return key{key_code::backspace, c};
  if (c == 3) {  // Ctrl-C
    quit_flag = 1;
    return std::nullopt;
  }
  if (c != 27) return key{key_code::character, c};
  // An escape sequence follows at once, or it was the Escape key itself.
  char seq[2] = {};
  if (!readable(30) || ::read(STDIN_FILENO, &seq[0], 1) != 1) return key{key_code::escape, c};
  if (!readable(30) || ::read(STDIN_FILENO, &seq[1], 1) != 1) return key{key_code::escape, c};
  if (seq[0] == '[' && seq[1] == 'A') return key{key_code::up, 0};
  if (seq[0] == '[' && seq[1] == 'B') return key{key_code::down, 0};
  return key{key_code::escape, c};
}

void terminal::draw(const std::vector<std::string>& lines) {
  std::string frame = "\x1b[H";  // home; each line clears its rest
  for (std::size_t i = 0; i < lines.size(); ++i) {
    frame += lines[i];
    frame += "\x1b[K";
    if (i + 1 < lines.size()) frame += "\r\n";
  }
  frame += "\x1b[J";
  write_all(frame);
}

}  // namespace btcnet::inspect
