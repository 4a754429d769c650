#include "tools/load/target_process.hpp"

#include <signal.h>
#include <unistd.h>

#include <fstream>
#include <sstream>
#include <string>

namespace btcnet::load {

bool target_process::alive() const {
  if (!known()) return true;
  std::ifstream stat("/proc/" + std::to_string(pid_) + "/stat");
  std::string line;
  if (!std::getline(stat, line)) return false;
  const auto close = line.rfind(')');
  return close != std::string::npos && close + 2 < line.size() && line[close + 2] != 'Z';
}

std::optional<double> target_process::cpu_seconds() const {
  if (!known()) return std::nullopt;
  std::ifstream stat("/proc/" + std::to_string(pid_) + "/stat");
  std::string line;
  if (!std::getline(stat, line)) return std::nullopt;
  // Fields after the command (which may hold spaces) start at state (field 3); utime and stime
  // are fields 14 and 15.
  std::istringstream rest(line.substr(line.rfind(')') + 2));
  std::string field;
  unsigned long utime = 0, stime = 0;
  for (int i = 3; i <= 15 && rest >> field; ++i) {
    if (i == 14) utime = std::stoul(field);
    if (i == 15) stime = std::stoul(field);
  }
  return static_cast<double>(utime + stime) / static_cast<double>(::sysconf(_SC_CLK_TCK));
}

std::optional<long> target_process::rss_kib() const {
  if (!known()) return std::nullopt;
  std::ifstream status("/proc/" + std::to_string(pid_) + "/status");
  for (std::string line; std::getline(status, line);)
    if (line.rfind("VmRSS:", 0) == 0) return std::stol(line.substr(6));
  return std::nullopt;
}

}  // namespace btcnet::load
