// Traffic accounting and the stats snapshot that getpeerinfo and the inspector read.
#include "actors/peer/peer_state.hpp"

namespace btcnet::actors {
namespace {

double seconds(caf::timespan d) {
  return std::chrono::duration<double>(d).count();
}

std::vector<command_count> to_counts(const std::vector<traffic>& table) {
  std::vector<command_count> out;
  out.reserve(table.size());
  for (const auto& t : table)
    out.push_back({std::string(wire::command_name(t.cmd)), t.messages, t.bytes});
  return out;
}

}  // namespace

void peer_state::count(std::vector<traffic>& table, wire::command cmd, std::size_t bytes) {
  auto it =
      std::find_if(table.begin(), table.end(), [cmd](const traffic& t) { return t.cmd == cmd; });
  if (it == table.end()) it = table.insert(table.end(), traffic{cmd, 0, 0});
  ++it->messages;
  it->bytes += bytes;
}

peer_stats peer_state::stats() const {
  peer_stats s;
  s.id = identity.id;
  s.where = identity.address;
  s.addr = identity.address.to_string();
  s.addr_bind = conn->local().to_string();
  if (seen_as.is_ip() && seen_as.addr != decltype(seen_as.addr){})  // not ::
    s.addr_local = seen_as.to_string();
  s.inbound = identity.inbound;
  s.type = identity.type;
  s.services = remote_services;
  s.version = remote_version;
  s.user_agent = user_agent;
  s.starting_height = start_height;
  s.relay = remote_relay;
  s.time_offset = time_offset;
  s.conn_time = conn_time;
  const auto now = self->clock().now();
  const std::int64_t unix = unix_now();
  auto unix_at = [&](caf::actor_clock::time_point tp) {
    return unix - std::chrono::duration_cast<std::chrono::seconds>(now - tp).count();
  };
  s.last_send = unix_at(last_send);
  s.last_recv = unix_at(last_recv);
  for (const auto& t : sent) s.bytes_sent += t.bytes;
  for (const auto& t : received) s.bytes_received += t.bytes;
  s.sent_per_command = to_counts(sent);
  s.received_per_command = to_counts(received);
  if (last_ping) s.ping_seconds = seconds(*last_ping);
  if (min_ping) s.min_ping_seconds = seconds(*min_ping);
  if (ping_nonce != 0) s.ping_wait_seconds = seconds(now - ping_sent);
  s.ban_score = score.value(seconds_now());
  s.wants_addrv2 = wants_addrv2;
  s.wants_headers = wants_headers;
  s.addr_relay = config->addresses;
  s.addr_processed = addr_processed;
  s.addr_rate_limited = addr_rate_limited;
  s.handshake_done = stage == phase::established;
  s.whitelisted = identity.whitelisted;
  return s;
}

}  // namespace btcnet::actors
