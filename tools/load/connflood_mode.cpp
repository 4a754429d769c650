// connflood: connection attempts at a fixed rate from many loopback /24s, each closed as soon as
// it is accepted (no handshake): what a node under an inbound connection flood sees. Reports the
// attempts made, accepted and refused; whether the node stayed responsive is checked by whoever
// runs it (RPC, its established peers).
#include "tools/load/modes.hpp"

namespace btcnet::load {
namespace {

class connflood_run {
 public:
  connflood_run(load_context& ctx, const connflood_settings& s)
      : ctx_(ctx), s_(s), ticker_(ctx.io) {}

  void start(clock::time_point until) {
    until_ = until;
    last_ = clock::now();
    tick();
  }
  bool finished() const { return clock::now() >= until_ && open_ == 0; }
  nlohmann::json result(double seconds) const {
    return {{"attempts", attempts_},
            {"accepted", accepted_},
            {"refused", failed_},
            {"skipped_at_cap", skipped_},
            {"attempts_per_second", static_cast<double>(attempts_) / seconds}};
  }

 private:
  void attempt() {
    if (open_ >= s_.max_open) {
      ++skipped_;
      return;
    }
    ++attempts_;
    ++open_;
    auto c = ctx_.client_for();
    c->connect(ctx_.target, ctx_.fresh_source(), [this, c](std::error_code ec) {
      --open_;
      (ec ? failed_ : accepted_)++;
      c->close();
    });
  }

  void tick() {
    const auto now = clock::now();
    if (now >= until_) return;
    budget_ += s_.rate * std::chrono::duration<double>(now - last_).count();
    last_ = now;
    budget_ = std::min(budget_, s_.rate / 10);
    for (; budget_ >= 1; budget_ -= 1) attempt();
    ticker_.expires_after(std::chrono::milliseconds(1));
    ticker_.async_wait([this](const boost::system::error_code& e) {
      if (!e) tick();
    });
  }

  load_context& ctx_;
  connflood_settings s_;
  boost::asio::steady_timer ticker_;
  clock::time_point until_, last_;
  double budget_ = 0;
  std::uint64_t attempts_ = 0, accepted_ = 0, failed_ = 0, skipped_ = 0;
  std::uint32_t open_ = 0;
};

}  // namespace

nlohmann::json run_connflood(load_context& ctx, const connflood_settings& s) {
  connflood_run run(ctx, s);
  const auto began = clock::now();
  const auto until =
      began + std::chrono::duration_cast<clock::duration>(std::chrono::duration<double>(s.seconds));
  run.start(until);
  ctx.run_until([&] { return run.finished(); },
                std::chrono::duration_cast<std::chrono::milliseconds>(
                    std::chrono::duration<double>(s.seconds + 30)));
  const double seconds = std::chrono::duration<double>(clock::now() - began).count();
  auto out = run.result(seconds);
  out["mode"] = "connflood";
  out["rate"] = s.rate;
  out["seconds"] = seconds;
  out["target_alive"] = ctx.process.alive();
  out["ok"] = ctx.process.alive() && out["accepted"].get<std::uint64_t>() > 0;
  return out;
}

}  // namespace btcnet::load
