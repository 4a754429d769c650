#include "apps/btcnet-cli/netinfo.hpp"

#include <fmt/format.h>

namespace btcnet::cli {
namespace {

std::string millis(const nlohmann::json& peer, const char* field) {
  if (!peer.contains(field)) return "";
  return fmt::format("{:.0f}", peer[field].get<double>() * 1000);
}

std::string age(std::int64_t now, std::int64_t then) {
  return then <= 0 ? "" : std::to_string(std::max<std::int64_t>(now - then, 0));
}

}  // namespace

std::string format_netinfo(const nlohmann::json& network, const nlohmann::json& peers,
                           std::int64_t now) {
  std::string out = fmt::format("{} client {} - protocol version {}\n\n",
                                network.value("subversion", "?"), network.value("version", 0),
                                network.value("protocolversion", 0));
  out += fmt::format("{:>4} {:<3} {:<8} {:<6} {:>6} {:>6} {:>5} {:>5} {:>9} {:>9}  {:<24} {}\n",
                     "id", "dir", "type", "net", "ping", "minping", "send", "recv", "bytesout",
                     "bytesin", "address", "version");
  int in = 0, out_count = 0;
  for (const auto& p : peers) {
    const bool inbound = p.value("inbound", false);
    (inbound ? in : out_count)++;
    const std::string type = p.value("connection_type", "");
    out += fmt::format(
        "{:>4} {:<3} {:<8} {:<6} {:>6} {:>6} {:>5} {:>5} {:>9} {:>9}  {:<24} {}{}\n",
        p.value("id", 0), inbound ? "in" : "out",
        type == "outbound-full-relay" ? "full" : type.substr(0, 8), p.value("network", ""),
        millis(p, "pingtime"), millis(p, "minping"), age(now, p.value("lastsend", 0)),
        age(now, p.value("lastrecv", 0)), p.value("bytessent", 0), p.value("bytesrecv", 0),
        p.value("addr", ""), p.value("version", 0), p.value("subver", ""));
  }
  out += fmt::format("\n{:>8} {:>4} {:>4} {:>6}\n", "", "in", "out", "total");
  out += fmt::format("{:>8} {:>4} {:>4} {:>6}\n", "peers", in, out_count, in + out_count);
  if (network.contains("localaddresses") && !network["localaddresses"].empty()) {
    out += "\nLocal addresses:";
    for (const auto& l : network["localaddresses"])
      out += fmt::format(" {}:{} (score {})", l.value("address", ""), l.value("port", 0),
                         l.value("score", 0));
    out += "\n";
  }
  return out;
}

}  // namespace btcnet::cli
