// What btcnet-load reads about the target from /proc when it is given the target's pid: CPU
// seconds used (utime + stime) and resident memory (VmRSS). Without a pid, nothing.
#pragma once

#include <sys/types.h>
#include <optional>

namespace btcnet::load {

class target_process {
 public:
  explicit target_process(pid_t pid = 0) : pid_(pid) {}
  bool known() const { return pid_ > 0; }
  bool alive() const;
  std::optional<double> cpu_seconds() const;
  std::optional<long> rss_kib() const;

 private:
  pid_t pid_;
};

}  // namespace btcnet::load
