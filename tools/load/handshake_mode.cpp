// handshake: connect, version/verack both ways, one ping/pong, close — as many times as asked,
// `concurrency` at once, each slot from its own /24. Reports handshakes per second, latency, and
// with the target's pid, the target's CPU seconds and handshakes per target CPU-second.
#include <map>

#include "tools/load/latency.hpp"
#include "tools/load/modes.hpp"
#include "tools/load/sources.hpp"

namespace btcnet::load {
namespace {

class handshake_run {
 public:
  handshake_run(load_context& ctx, const handshake_settings& s) : ctx_(ctx), s_(s) {}

  void start() {
    for (std::uint32_t slot = 0; slot < s_.concurrency; ++slot) next(slot);
  }
  bool finished() const { return done_ == s_.total; }

  nlohmann::json result() const {
    nlohmann::json errors = nlohmann::json::object();
    for (const auto& [what, n] : error_kinds_) errors[what] = n;
    return {{"completed", done_ - failed_},
            {"errors", failed_},
            {"error_kinds", errors},
            {"latency", latency_.summary()}};
  }

 private:
  void next(std::uint32_t slot) {
    if (started_ == s_.total) return;
    ++started_;
    auto c = ctx_.client_for();
    const auto began = clock::now();
    auto finish = [this, slot, c, began](std::error_code ec, const char* step) {
      if (ec) {
        ++failed_;
        ++error_kinds_[std::string(step) + ": " + ec.message()];
      } else {
        latency_.add(clock::now() - began);
      }
      ++done_;
      c->close();
      if (done_ % 10000 == 0) ctx_.report(std::to_string(done_) + " handshakes");
      next(slot);
    };
    c->connect(ctx_.target, source_address(slot), [c, finish](std::error_code ec) {
      if (ec) return finish(ec, "connect");
      c->handshake([c, finish](std::error_code ec) {
        if (ec) return finish(ec, "handshake");
        c->ping([finish](std::error_code ec, clock::duration) { finish(ec, "ping"); });
      });
    });
  }

  load_context& ctx_;
  handshake_settings s_;
  std::uint64_t started_ = 0, done_ = 0, failed_ = 0;
  std::map<std::string, std::uint64_t> error_kinds_;
  latency latency_;
};

}  // namespace

nlohmann::json run_handshake(load_context& ctx, const handshake_settings& s) {
  handshake_run run(ctx, s);
  const auto cpu_before = ctx.process.cpu_seconds();
  const auto began = clock::now();
  run.start();
  ctx.run_until([&] { return run.finished(); }, std::chrono::hours(24));
  const double seconds = std::chrono::duration<double>(clock::now() - began).count();
  auto out = run.result();
  out["mode"] = "handshake";
  out["total"] = s.total;
  out["concurrency"] = s.concurrency;
  out["seconds"] = seconds;
  out["handshakes_per_second"] =
      static_cast<double>(out["completed"].get<std::uint64_t>()) / seconds;
  if (cpu_before) {
    const double cpu = *ctx.process.cpu_seconds() - *cpu_before;
    out["target_cpu_seconds"] = cpu;
    out["handshakes_per_target_cpu_second"] =
        cpu > 0 ? static_cast<double>(out["completed"].get<std::uint64_t>()) / cpu : 0.0;
  }
  out["ok"] = out["errors"] == 0;
  return out;
}

}  // namespace btcnet::load
