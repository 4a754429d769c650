#include "tools/load/peer_set.hpp"

#include <algorithm>

namespace btcnet::load {

void peer_set::open(load_context& ctx, std::uint32_t count, std::uint32_t concurrency,
                    std::chrono::milliseconds limit) {
  std::uint32_t started = 0, settled = 0;
  std::function<void()> next = [&] {
    if (started == count) return;
    ++started;
    auto c = ctx.client_for();
    auto settle = [&, c](std::error_code ec) {
      ++settled;
      if (ec) {
        ++failed;
        c->close();
      } else {
        peers.push_back(c);
      }
      if (settled % 1000 == 0) ctx.report(std::to_string(settled) + " peers connected");
      next();
    };
    c->connect(ctx.target, ctx.fresh_source(), [c, settle](std::error_code ec) {
      if (ec) return settle(ec);
      c->handshake(settle);
    });
  };
  for (std::uint32_t i = 0; i < std::min(concurrency, count); ++i) next();
  ctx.run_until([&] { return settled == count; }, limit);
}

std::size_t peer_set::live() const {
  return static_cast<std::size_t>(
      std::count_if(peers.begin(), peers.end(), [](const auto& p) { return p->open(); }));
}

void peer_set::close_all() {
  for (auto& p : peers) {
    p->on_frame(nullptr);  // whoever watched the frames may be gone before the last completion
    p->close();
  }
  peers.clear();
}

}  // namespace btcnet::load
