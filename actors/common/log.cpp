#include "actors/common/log.hpp"

#include <spdlog/cfg/helpers.h>
#include <spdlog/sinks/stdout_color_sinks.h>

#include <mutex>

namespace btcnet::log {

spdlog::logger& subsystem(std::string_view name) {
  static std::mutex mutex;
  std::lock_guard lock(mutex);
  const std::string key(name);
  if (auto existing = spdlog::get(key)) return *existing;
  auto logger = spdlog::stderr_color_mt(key);
  logger->set_pattern("%Y-%m-%d %H:%M:%S.%e [%^%l%$] %n: %v");
  return *logger;  // the registry keeps it alive for the process
}

bool set_levels(const std::string& spec) {
  for (std::size_t pos = 0; pos <= spec.size();) {
    const std::size_t end = std::min(spec.find(',', pos), spec.size());
    const std::string item = spec.substr(pos, end - pos);
    const std::size_t eq = item.find('=');
    const std::string level_name = eq == std::string::npos ? item : item.substr(eq + 1);
    if (spdlog::level::from_str(level_name) == spdlog::level::off && level_name != "off")
      return false;
    pos = end + 1;
  }
  spdlog::cfg::helpers::load_levels(spec);
  return true;
}

}  // namespace btcnet::log
