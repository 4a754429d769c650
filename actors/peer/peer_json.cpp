#include "actors/peer/peer_json.hpp"

#include <fmt/format.h>

#include "net/address/classification.hpp"
#include "net/wire/protocol.hpp"

namespace btcnet::actors {

using nlohmann::json;

namespace {

json per_command(const std::vector<command_count>& counts) {
  json out = json::object();
  for (const auto& c : counts) out[c.command] = c.bytes;
  return out;
}

}  // namespace

std::string services_hex(std::uint64_t services) {
  return fmt::format("{:016x}", services);
}

std::string network_name(const wire::endpoint& e) {
  if (e.is_ip() && !address::is_routable(e)) return "not_publicly_routable";
  return address::to_string(address::network_of(e));
}

json peer_info_json(const peer_stats& s) {
  json p;
  p["id"] = s.id;
  p["addr"] = s.addr;
  p["addrbind"] = s.addr_bind;
  if (!s.addr_local.empty()) p["addrlocal"] = s.addr_local;
  p["network"] = network_name(s.where);
  p["services"] = services_hex(s.services);
  p["servicesnames"] = wire::service_names(s.services);
  p["relaytxes"] = s.relay;
  p["lastsend"] = s.last_send;
  p["lastrecv"] = s.last_recv;
  p["last_transaction"] = 0;  // this node relays no transactions or blocks
  p["last_block"] = 0;
  p["bytessent"] = s.bytes_sent;
  p["bytesrecv"] = s.bytes_received;
  p["conntime"] = s.conn_time;
  p["timeoffset"] = s.time_offset;
  if (s.ping_seconds >= 0) p["pingtime"] = s.ping_seconds;
  if (s.min_ping_seconds >= 0) p["minping"] = s.min_ping_seconds;
  if (s.ping_wait_seconds >= 0) p["pingwait"] = s.ping_wait_seconds;
  p["version"] = s.version;
  p["subver"] = s.user_agent;
  p["inbound"] = s.inbound;
  p["bip152_hb_to"] = false;
  p["bip152_hb_from"] = false;
  p["startingheight"] = s.starting_height;
  p["presynced_headers"] = -1;
  p["synced_headers"] = -1;
  p["synced_blocks"] = -1;
  p["inflight"] = json::array();
  p["addr_relay_enabled"] = s.addr_relay;
  p["addr_processed"] = s.addr_processed;
  p["addr_rate_limited"] = s.addr_rate_limited;
  p["permissions"] = s.whitelisted ? json::array({"noban"}) : json::array();
  p["minfeefilter"] = 0.0;
  p["bytessent_per_msg"] = per_command(s.sent_per_command);
  p["bytesrecv_per_msg"] = per_command(s.received_per_command);
  p["connection_type"] = to_string(s.type);  // Core's names
  p["transport_protocol_type"] = "v1";
  p["session_id"] = "";
  // Ours, beyond Core: what btcd's getpeerinfo shows too.
  p["banscore"] = s.ban_score;
  return p;
}

json peer_summary(const peer_stats& s) {
  json out = peer_info_json(s);
  out["handshake_done"] = s.handshake_done;
  out["whitelisted"] = s.whitelisted;
  return out;
}

}  // namespace btcnet::actors
