// hostile: the catalogue of malformed and abusive behaviour, each case on connections of its own
// (from its own /24, so a ban it earns touches nothing else). After every case a well-behaved peer
// must still complete a handshake and a ping, the target must be alive, and — with its pid — its
// memory must stay under the bound. The short form (CI) trims the cases that wait for the
// target's 30 s handshake timeout; the long form waits for it.
#include <algorithm>
#include <ctime>
#include <functional>
#include <random>

#include "net/transport/tcp_connection.hpp"
#include "net/wire/hash.hpp"
#include "net/wire/header.hpp"
#include "tools/load/modes.hpp"

namespace btcnet::load {
namespace {

using namespace std::chrono_literals;
using ms = std::chrono::milliseconds;

constexpr std::uint32_t mainnet_magic = 0xd9b4bef9;

// One connection driven step by step: each call runs the loop until its step is done.
class sync_peer {
 public:
  explicit sync_peer(load_context& ctx) : ctx_(ctx), c_(ctx.client_for()) {
    c_->on_closed([this](std::error_code) { closed_ = true; });
  }
  ~sync_peer() { c_->close(); }
  sync_peer(const sync_peer&) = delete;
  sync_peer& operator=(const sync_peer&) = delete;

  bool connect() {
    bool done = false, ok = false;
    c_->connect(ctx_.target, ctx_.fresh_source(), [&](std::error_code ec) {
      done = true;
      ok = !ec;
    });
    return ctx_.run_until([&] { return done; }, 5s) && ok;
  }
  bool handshake(ms limit = 10s) {
    bool done = false, ok = false;
    c_->handshake([&](std::error_code ec) { done = true, ok = !ec; }, limit);
    return ctx_.run_until([&] { return done; }, limit + 1s) && ok;
  }
  bool ping(ms limit = 10s) {
    bool done = false, ok = false;
    c_->ping([&](std::error_code ec, clock::duration) { done = true, ok = !ec; });
    return ctx_.run_until([&] { return done; }, limit) && ok;
  }
  void send_raw(wire::bytes b) { c_->send_bytes(std::move(b)); }
  template <class M>
  void send(const M& m) {
    c_->send(m);
  }
  bool wait_closed(ms limit) {
    return ctx_.run_until([&] { return closed_; }, limit);
  }
  bool closed() const { return closed_; }

 private:
  load_context& ctx_;
  std::shared_ptr<load_client> c_;
  bool closed_ = false;
};

struct outcome {
  bool ok = false;
  std::string detail;
};

wire::bytes version_frame(load_context& ctx, std::uint32_t magic) {
  wire::msg::version v;
  v.user_agent = "/btcnet-load-hostile:0.1/";
  v.nonce = 0x686f7374696c65;  // "hostile"
  v.receiver.where = transport::to_endpoint(ctx.target);
  wire::bytes frame;
  wire::encode_frame(frame, magic, v, wire::protocol_version);
  return frame;
}

// Sends `bytes` on a fresh connection and expects the target to hang up within `limit`.
outcome dropped_after(load_context& ctx, wire::bytes bytes, ms limit = 10s) {
  sync_peer p(ctx);
  if (!p.connect()) return {false, "could not connect"};
  p.send_raw(std::move(bytes));
  if (p.wait_closed(limit)) return {true, "disconnected"};
  return {false, "still connected after " + std::to_string(limit.count()) + " ms"};
}

outcome wrong_magic(load_context& ctx, bool) {
  return dropped_after(ctx, version_frame(ctx, mainnet_magic));
}

outcome bad_checksum(load_context& ctx, bool) {
  auto frame = version_frame(ctx, ctx.client.magic);
  frame[20] ^= 0xff;  // the first checksum byte
  return dropped_after(ctx, std::move(frame));
}

outcome length(load_context& ctx, std::uint32_t declared) {
  return dropped_after(ctx, wire::make_raw_frame(ctx.client.magic, "version", declared, 0));
}

outcome length_33mb(load_context& ctx, bool) {
  return length(ctx, 33 * 1024 * 1024);
}

outcome length_4000001(load_context& ctx, bool) {
  return length(ctx, 4'000'001);  // one above btcd's MaxMessagePayload
}

outcome garbage(load_context& ctx, bool) {
  std::mt19937 rng(42);
  wire::bytes junk(4096);
  for (auto& b : junk) b = static_cast<std::uint8_t>(rng());
  return dropped_after(ctx, std::move(junk));
}

// Sends part of a frame and waits: the short form only checks that others are served meanwhile;
// the long form waits for the target's handshake timeout (30 s, btcd) to drop it.
outcome stalled(load_context& ctx, bool short_form, const std::function<void(sync_peer&)>& act) {
  sync_peer p(ctx);
  if (!p.connect()) return {false, "could not connect"};
  act(p);
  if (short_form) {
    sync_peer other(ctx);
    const bool served = other.connect() && other.handshake() && other.ping();
    return {served, served ? "others served while it stalls" : "others not served meanwhile"};
  }
  if (p.wait_closed(40s)) return {true, "dropped at the handshake timeout"};
  return {false, "still connected after 40 s"};
}

outcome truncated_frame(load_context& ctx, bool short_form) {
  auto frame = version_frame(ctx, ctx.client.magic);
  frame.resize(wire::message_header_size + 10);  // the header promises more than ever comes
  return stalled(ctx, short_form, [&](sync_peer& p) { p.send_raw(frame); });
}

outcome slowloris(load_context& ctx, bool short_form) {
  const auto frame = version_frame(ctx, ctx.client.magic);
  return stalled(ctx, short_form, [&](sync_peer& p) {
    const std::size_t bytes = short_form ? 3 : 35;  // one byte per second
    for (std::size_t i = 0; i < bytes && i < frame.size() && !p.closed(); ++i) {
      p.send_raw({frame[i]});
      ctx.run_until([] { return false; }, 1s);
    }
  });
}

outcome handshake_timeout(load_context& ctx, bool short_form) {
  return stalled(ctx, short_form, [](sync_peer&) {});  // connects and says nothing
}

outcome version_flood(load_context& ctx, bool) {
  sync_peer p(ctx);
  if (!p.connect() || !p.handshake()) return {false, "no handshake"};
  const auto frame = version_frame(ctx, ctx.client.magic);
  for (int i = 0; i < 1000; ++i) p.send_raw(frame);
  if (p.wait_closed(10s)) return {true, "disconnected at the second version"};
  return {false, "a second version was tolerated"};
}

// Undecodable messages after the handshake: reject "malformed" and 20 ban points each (ours;
// btcd disconnects at once), so the sixth passes btcd's threshold of 100 and gets a ban.
outcome malformed_messages(load_context& ctx, bool) {
  sync_peer p(ctx);
  if (!p.connect() || !p.handshake()) return {false, "no handshake"};
  const wire::bytes short_nonce{1, 2, 3};  // a ping's nonce is 8 bytes
  for (int i = 0; i < 10 && !p.closed(); ++i) {
    p.send_raw(wire::make_raw_frame(ctx.client.magic, "ping", 3, wire::checksum(short_nonce),
                                    short_nonce));
    ctx.run_until([] { return false; }, std::chrono::milliseconds(50));
  }
  if (!p.wait_closed(5s)) return {false, "ten undecodable messages were tolerated"};
  sync_peer again(ctx);  // a new connection from another address is still welcome
  return {again.connect() && again.handshake(), "banned after the score passed 100"};
}

outcome addr_flood(load_context& ctx, bool short_form) {
  sync_peer p(ctx);
  if (!p.connect() || !p.handshake()) return {false, "no handshake"};
  wire::msg::addr a;
  for (std::uint32_t i = 0; i < 1000; ++i)  // RFC 1918: never routable, never dialled
    a.addresses.push_back({static_cast<std::uint32_t>(std::time(nullptr)), wire::node_network,
                           wire::endpoint::ipv4(10, static_cast<std::uint8_t>(i >> 8),
                                                static_cast<std::uint8_t>(i), 1, 8333)});
  const int seconds = short_form ? 3 : 10;
  for (int s = 0; s < seconds && !p.closed(); ++s) {  // 1000 entries per second
    p.send(a);
    ctx.run_until([] { return false; }, 1s);
  }
  if (p.closed()) return {false, "a peer sending addr at 1000 entries/s was disconnected"};
  return {p.ping(), "rate-limited, still answering"};
}

outcome unread_ping_flood(load_context& ctx, bool) {
  sync_peer p(ctx);
  if (!p.connect() || !p.handshake()) return {false, "no handshake"};
  wire::bytes pings;
  for (int i = 0; i < 400'000; ++i) {  // 12 MB of pings; 8 MB of pongs we never read
    wire::encode_frame(pings, ctx.client.magic, wire::msg::ping{static_cast<std::uint64_t>(i)},
                       wire::protocol_version);
  }
  p.send_raw(std::move(pings));
  ctx.run_until([&] { return p.closed(); }, 10s);
  return {true, p.closed() ? "dropped for not reading" : "held within the send limit"};
}

outcome connection_flood(load_context& ctx, bool short_form) {
  const int count = short_form ? 500 : 5000;
  std::vector<std::shared_ptr<load_client>> open;
  int settled = 0;
  for (int i = 0; i < count; ++i) {
    auto c = ctx.client_for();
    c->connect(ctx.target, ctx.fresh_source(), [&settled, c](std::error_code) { ++settled; });
    open.push_back(c);
  }
  ctx.run_until([&] { return settled == count; }, 30s);
  for (auto& c : open) c->close();
  return {settled == count, std::to_string(settled) + " of " + std::to_string(count) +
                                " connection attempts settled"};
}

using case_fn = outcome (*)(load_context&, bool);
const std::vector<std::pair<std::string, case_fn>>& catalogue() {
  static const std::vector<std::pair<std::string, case_fn>> cases{
      {"wrong_magic", wrong_magic},
      {"bad_checksum", bad_checksum},
      {"length_33mb", length_33mb},
      {"length_4000001", length_4000001},
      {"garbage", garbage},
      {"truncated_frame", truncated_frame},
      {"slowloris", slowloris},
      {"handshake_timeout", handshake_timeout},
      {"version_flood", version_flood},
      {"malformed_messages", malformed_messages},
      {"addr_flood", addr_flood},
      {"unread_ping_flood", unread_ping_flood},
      {"connection_flood", connection_flood},
  };
  return cases;
}

bool good_peer_served(load_context& ctx) {
  sync_peer p(ctx);
  return p.connect() && p.handshake() && p.ping();
}

}  // namespace

std::vector<std::string> hostile_cases() {
  std::vector<std::string> names;
  for (const auto& [name, fn] : catalogue()) names.push_back(name);
  return names;
}

nlohmann::json run_hostile(load_context& ctx, const hostile_settings& s) {
  nlohmann::json cases = nlohmann::json::array();
  bool all_ok = true;
  long rss_max = 0;
  for (const auto& [name, fn] : catalogue()) {
    if (!s.cases.empty() && std::find(s.cases.begin(), s.cases.end(), name) == s.cases.end())
      continue;
    ctx.report("case " + name);
    const auto began = clock::now();
    const outcome o = fn(ctx, s.short_form);
    const bool alive = ctx.process.alive();
    const bool served = alive && good_peer_served(ctx);
    const auto rss = ctx.process.rss_kib();
    if (rss) rss_max = std::max(rss_max, *rss);
    const bool bounded = !rss || *rss <= s.rss_limit_mib * 1024;
    const bool ok = o.ok && alive && served && bounded;
    all_ok = all_ok && ok;
    nlohmann::json c = {{"name", name},
                        {"ok", ok},
                        {"detail", o.detail},
                        {"target_alive", alive},
                        {"served_after", served},
                        {"seconds", std::chrono::duration<double>(clock::now() - began).count()}};
    if (rss) c["target_rss_kib"] = *rss;
    cases.push_back(std::move(c));
    if (!alive) break;
  }
  nlohmann::json out = {{"mode", "hostile"},
                        {"short", s.short_form},
                        {"cases", cases},
                        {"rss_limit_mib", s.rss_limit_mib},
                        {"ok", all_ok}};
  if (rss_max) out["target_rss_max_kib"] = rss_max;
  return out;
}

}  // namespace btcnet::load
