// The addr_manager actor's typed messages (btcd addrmgr.AddrManager as an actor). The address
// book itself is a plain class (address_book.hpp); the actor owns one and answers these.
#pragma once

#include <caf/atom.hpp>
#include <caf/typed_actor.hpp>
#include <string>
#include <vector>

#include "actors/common/caf_types.hpp"

namespace btcnet::actors {

using address_list = std::vector<wire::peer_address>;

// Addresses a peer announced (btcd AddAddresses); `source` is the announcing peer.
struct add_addresses {
  address_list addresses;
  wire::endpoint source;
};
// A candidate for an automatic outbound connection, following btcd's newAddressFunc rules:
// skip groups in `exclude_groups` (outbound peers we already have), prefer addresses not tried
// in the last 10 minutes and on the default port, then mark the winner attempted.
struct select_address {
  std::vector<std::string> exclude_groups;
  std::uint16_t default_port = 0;
};
struct selected_address {
  bool found = false;
  wire::peer_address address;
};
// Connection outcomes (btcd Attempt / Connected / Good / SetServices).
struct mark_attempt {
  wire::endpoint where;
};
struct mark_connected {
  wire::endpoint where;
};
struct mark_good {
  wire::endpoint where;
};
struct set_services {
  wire::endpoint where;
  std::uint64_t services = 0;
};
// For a getaddr reply: 23% of the book, at most 2500 (btcd AddressCache).
struct get_address_cache {};
struct need_more_addresses {};
// Our own addresses (btcd AddLocalAddress / GetBestLocalAddress).
struct add_local_address {
  wire::peer_address address;
  std::uint8_t priority = 0;  // address_priority
};
struct best_local_address {
  wire::endpoint remote;
};
// The group key ("12.1.0.0", "tor:2", "local", …) of an address, as the book computes it.
struct get_group_key {
  wire::endpoint where;
};
// Counts and a bucket summary for the inspector and getaddrmaninfo.
struct get_addr_manager_state {};
struct network_count {
  std::string network;  // ipv4, ipv6, onion, i2p, cjdns
  std::uint64_t new_entries = 0;
  std::uint64_t tried_entries = 0;
};
struct addr_manager_snapshot {
  std::uint64_t new_entries = 0;
  std::uint64_t tried_entries = 0;
  std::uint64_t new_buckets_used = 0;
  std::uint64_t tried_buckets_used = 0;
  std::vector<network_count> networks;
  std::string file;        // peers.json path ("" when not persisted)
  std::string last_error;  // last load/save problem, if any
};
// Random known addresses (Core getnodeaddresses): up to `count` (0: all), of one network
// ("ipv4", "ipv6", "onion", "i2p", "cjdns") or of every network when empty.
struct sample_addresses {
  std::size_t count = 1;
  std::string network;
};
// Our own addresses with their scores (getnetworkinfo "localaddresses").
struct get_local_addresses {};
struct local_address_info {
  wire::endpoint where;
  std::int32_t score = 0;
};
using local_address_list = std::vector<local_address_info>;
// Saves now (also done every 10 minutes and at exit).
struct save_addresses {};
// Bitcoin Core's addpeeraddress (an RPC for tests and clusters): one address, as if announced by
// itself, moved to the tried table when `tried`; replies whether the book holds it afterwards
// (non-routable addresses are never kept).
struct add_peer_address {
  wire::peer_address address;
  bool tried = false;
};
// Whether the book holds an address, and in which table: how the simulation follows an
// address's propagation and measures an eclipse attempt.
struct find_address {
  wire::endpoint where;
};
struct address_place {
  bool known = false;
  bool tried = false;
};

using addr_manager_actor = caf::typed_actor<
    caf::reacts_to<add_addresses>, caf::replies_to<select_address>::with<selected_address>,
    caf::reacts_to<mark_attempt>, caf::reacts_to<mark_connected>, caf::reacts_to<mark_good>,
    caf::reacts_to<set_services>, caf::replies_to<get_address_cache>::with<address_list>,
    caf::replies_to<need_more_addresses>::with<bool>, caf::reacts_to<add_local_address>,
    caf::replies_to<best_local_address>::with<wire::peer_address>,
    caf::replies_to<get_group_key>::with<std::string>,
    caf::replies_to<get_addr_manager_state>::with<addr_manager_snapshot>,
    caf::replies_to<save_addresses>::with<bool>,
    caf::replies_to<sample_addresses>::with<address_list>,
    caf::replies_to<get_local_addresses>::with<local_address_list>,
    caf::replies_to<add_peer_address>::with<bool>,
    caf::replies_to<find_address>::with<address_place>>;

// What a peer needs from the address manager.
using address_sink_actor = caf::typed_actor<caf::reacts_to<add_addresses>,
                                            caf::replies_to<get_address_cache>::with<address_list>>;

BTCNET_INSPECT(add_addresses, x.addresses, x.source)
BTCNET_INSPECT(select_address, x.exclude_groups, x.default_port)
BTCNET_INSPECT(selected_address, x.found, x.address)
BTCNET_INSPECT(mark_attempt, x.where)
BTCNET_INSPECT(mark_connected, x.where)
BTCNET_INSPECT(mark_good, x.where)
BTCNET_INSPECT(set_services, x.where, x.services)
BTCNET_INSPECT(get_address_cache)
BTCNET_INSPECT(need_more_addresses)
BTCNET_INSPECT(add_local_address, x.address, x.priority)
BTCNET_INSPECT(best_local_address, x.remote)
BTCNET_INSPECT(get_group_key, x.where)
BTCNET_INSPECT(get_addr_manager_state)
BTCNET_INSPECT(network_count, x.network, x.new_entries, x.tried_entries)
BTCNET_INSPECT(addr_manager_snapshot, x.new_entries, x.tried_entries, x.new_buckets_used,
               x.tried_buckets_used, x.networks, x.file, x.last_error)
BTCNET_INSPECT(save_addresses)
BTCNET_INSPECT(sample_addresses, x.count, x.network)
BTCNET_INSPECT(get_local_addresses)
BTCNET_INSPECT(local_address_info, x.where, x.score)
BTCNET_INSPECT(add_peer_address, x.address, x.tried)
BTCNET_INSPECT(find_address, x.where)
BTCNET_INSPECT(address_place, x.known, x.tried)

}  // namespace btcnet::actors
