// A peer's stats as JSON: getpeerinfo's object for one peer, in Bitcoin Core's field names and
// units, and the inspector's summary.
#pragma once

#include <nlohmann/json.hpp>

#include "actors/peer/protocol.hpp"

namespace btcnet::actors {

nlohmann::json peer_info_json(const peer_stats& s);
// The inspector's view: getpeerinfo's object plus the handshake and whitelist flags.
nlohmann::json peer_summary(const peer_stats& s);
// "0000000000000409": services as Core prints them (16 hex digits).
std::string services_hex(std::uint64_t services);
// Core's network names: ipv4, ipv6, onion, i2p, cjdns, not_publicly_routable.
std::string network_name(const wire::endpoint& e);

}  // namespace btcnet::actors
