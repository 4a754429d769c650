#include "actors/common/log.hpp"

#include <spdlog/cfg/helpers.h>
#include <spdlog/sinks/rotating_file_sink.h>
#include <spdlog/sinks/stdout_color_sinks.h>

#include <mutex>
#include <vector>

namespace btcnet::log {
namespace {

constexpr const char* pattern = "%Y-%m-%d %H:%M:%S.%e [%^%l%$] %n: %v";

// Every subsystem logger writes to the same sinks: the console, and the log file once opened.
struct registry {
  std::mutex mutex;
  std::vector<spdlog::sink_ptr> sinks{std::make_shared<spdlog::sinks::stderr_color_sink_mt>()};
  std::vector<std::shared_ptr<spdlog::logger>> loggers;
};

registry& shared() {
  static registry r;
  return r;
}

}  // namespace

spdlog::logger& subsystem(std::string_view name) {
  auto& r = shared();
  std::lock_guard lock(r.mutex);
  const std::string key(name);
  if (auto existing = spdlog::get(key)) return *existing;
  auto logger = std::make_shared<spdlog::logger>(key, r.sinks.begin(), r.sinks.end());
  // initialize_logger (not register_logger) applies the levels set_levels() gave before this
  // logger existed; it also resets the pattern, so ours goes on after it.
  spdlog::initialize_logger(logger);
  logger->set_pattern(pattern);
  r.loggers.push_back(logger);
  return *logger;  // the registry keeps it alive for the process
}

void add_file(const std::filesystem::path& file, std::size_t max_bytes, std::size_t max_files) {
  auto sink =
      std::make_shared<spdlog::sinks::rotating_file_sink_mt>(file.string(), max_bytes, max_files);
  sink->set_pattern(pattern);
  auto& r = shared();
  std::lock_guard lock(r.mutex);
  r.sinks.push_back(sink);
  for (auto& l : r.loggers) l->sinks().push_back(sink);
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
