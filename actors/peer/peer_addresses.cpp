// Address exchange: getaddr answered once per inbound connection from the address manager's
// cache, received addr/addrv2 rate-limited (Bitcoin Core's token bucket) and stored with this
// peer as source, fresh ones offered to the server for relay, and outgoing announcements
// trickled on a Poisson timer without repeating what the peer already knows.
#include <algorithm>

#include "actors/common/log.hpp"
#include "actors/peer/peer_state.hpp"

namespace btcnet::actors {
namespace {

// btcd OnAddr: a timestamp more than 10 minutes ahead becomes now − 5 days.
constexpr std::int64_t future_slack_seconds = 10 * 60;
constexpr std::int64_t future_replacement_age = 5 * 24 * 60 * 60;
// Core RelayAddress: only addresses seen in the last 10 minutes, from small messages.
constexpr std::int64_t relay_max_age_seconds = 10 * 60;
constexpr std::size_t relay_max_message_entries = 10;

bool legacy_encodable(const wire::peer_address& a) {
  return a.where.is_ip();
}

}  // namespace

void peer_state::on_getaddr() {
  // btcd OnGetAddr: only inbound peers, only once (fingerprinting defence), not on simnet.
  if (!config->addresses || !identity.inbound || getaddr_answered || !links.addresses) return;
  getaddr_answered = true;
  self->request(links.addresses, caf::infinite, get_address_cache{})  // local: see handle()
      .then(
          [this](address_list& cache) {
            send_addresses(std::move(cache));
            write_outbox();
          },
          [this](caf::error&) { log::peer().debug("No address cache for {}", label()); });
}

bool peer_state::take_addr_token() {
  if (addr_tokens < 1) return false;
  addr_tokens -= 1;
  return true;
}

void peer_state::on_addresses(address_list& list, bool v2) {
  if (!config->addresses) return;
  if (!v2 && negotiated < wire::net_address_time_version) return;  // btcd OnAddr
  const auto now_tp = self->clock().now();
  const double elapsed = std::chrono::duration<double>(now_tp - tokens_at).count();
  addr_tokens = std::min(addr_tokens + elapsed * max_addr_rate_per_second, max_addr_token_bucket);
  tokens_at = now_tp;
  const std::int64_t now = unix_now();
  address_list accepted, relay;
  for (auto& a : list) {
    known.add(a.where);
    if (!identity.whitelisted && !take_addr_token()) {
      ++addr_rate_limited;
      continue;
    }
    ++addr_processed;
    if (static_cast<std::int64_t>(a.time) > now + future_slack_seconds)
      a.time = static_cast<std::uint32_t>(now - future_replacement_age);
    if (static_cast<std::int64_t>(a.time) > now - relay_max_age_seconds && !getaddr_sent &&
        list.size() <= relay_max_message_entries)
      relay.push_back(a);
    accepted.push_back(a);
  }
  if (getaddr_sent && list.size() < wire::max_addr_per_message) getaddr_sent = false;  // reply done
  if (!accepted.empty() && links.addresses)
    self->send(links.addresses, add_addresses{std::move(accepted), identity.address});
  if (!relay.empty() && links.server)
    self->send(links.server, relay_addresses{identity.id, std::move(relay)});
}

void peer_state::queue_addresses(const address_list& list) {
  if (!config->addresses || !handshake_done()) return;
  for (const auto& a : list) {
    if (known.contains(a.where) || addr_queue.size() >= wire::max_addr_per_message) continue;
    addr_queue.push_back(a);
  }
  if (addr_queue.empty() || flush_scheduled) return;
  flush_scheduled = true;
  const double mean = std::chrono::duration<double>(config->addr_broadcast_interval).count();
  flush_at = self->clock().now() + std::chrono::duration_cast<caf::timespan>(
                                       std::chrono::duration<double>(rng.exponential(mean)));
  arm_timer();
}

void peer_state::flush_addresses() {
  flush_scheduled = false;
  address_list queued;
  queued.swap(addr_queue);
  send_addresses(std::move(queued));
}

void peer_state::send_addresses(address_list list) {
  if (stage == phase::closed) return;
  // Over the limit, a uniformly random subset goes out (std::shuffle is a correct Fisher–Yates;
  // btcd's addrv2 shuffle is not). Duplicates and what the peer knows are skipped.
  if (list.size() > wire::max_addr_per_message) std::shuffle(list.begin(), list.end(), rng);
  address_list batch;
  for (const auto& a : list) {
    if (batch.size() == wire::max_addr_per_message) break;
    if ((!wants_addrv2 && !legacy_encodable(a)) || known.contains(a.where)) continue;
    known.add(a.where);
    batch.push_back(a);
  }
  if (batch.empty()) return;
  if (wants_addrv2) {
    send(wire::msg::addrv2{std::move(batch), 0});
  } else {
    send(wire::msg::addr{std::move(batch)});
  }
}

}  // namespace btcnet::actors
