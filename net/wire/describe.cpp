#include "net/wire/describe.hpp"

namespace btcnet::wire {
namespace {

template <class... Fs>
struct overloaded : Fs... {
  using Fs::operator()...;
};
template <class... Fs>
overloaded(Fs...) -> overloaded<Fs...>;

std::string count(std::size_t n, const char* what) {
  return std::to_string(n) + " " + what;
}

// Formatted by hand: a trace may describe every ping, and printf costs more than the ping.
std::string nonce(std::uint64_t n) {
  constexpr char digits[] = "0123456789abcdef";
  std::string out = "nonce 0000000000000000";
  for (std::size_t i = out.size(); n != 0; n >>= 4) out[--i] = digits[n & 0xf];
  return out;
}

}  // namespace

std::string describe(const message& m) {
  return std::visit(
      overloaded{
          [](const msg::version& v) {
            return std::to_string(v.protocol) + " " + v.user_agent + " services " +
                   services_to_btcd_string(v.services) + " height " +
                   std::to_string(v.start_height) + (v.relay ? "" : " norelay");
          },
          [](const msg::ping& p) { return nonce(p.nonce); },
          [](const msg::pong& p) { return nonce(p.nonce); },
          [](const msg::addr& a) { return count(a.addresses.size(), "addresses"); },
          [](const msg::addrv2& a) { return count(a.addresses.size(), "addresses"); },
          [](const msg::feefilter& f) { return std::to_string(f.fee_rate) + " sat/kB"; },
          [](const msg::reject& r) {
            return r.message + " code " + std::to_string(static_cast<int>(r.code)) + ": " +
                   r.reason;
          },
          [](const msg::inv& i) { return count(i.entries.size(), "entries"); },
          [](const msg::getdata& g) { return count(g.entries.size(), "entries"); },
          [](const msg::notfound& n) { return count(n.entries.size(), "entries"); },
          [](const msg::getheaders& g) { return count(g.locator.size(), "locator hashes"); },
          [](const msg::getblocks& g) { return count(g.locator.size(), "locator hashes"); },
          [](const msg::raw& r) { return count(r.payload.size(), "bytes"); },
          [](const auto&) { return std::string(); },
      },
      m);
}

}  // namespace btcnet::wire
