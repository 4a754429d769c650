// Parameters of the Bitcoin networks this node can join (btcd chaincfg/params.go, Bitcoin Core
// kernel/chainparams.cpp).
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string_view>

namespace btcnet::params {

enum class network : std::uint8_t { mainnet, testnet3, testnet4, regtest, signet, simnet };

struct dns_seed {
  std::string_view host;
  bool has_filtering;  // answers service-bit subdomains such as x9.<host>
};

struct network_params {
  network net;
  std::string_view name;      // btcd's chaincfg name
  std::string_view data_dir;  // btcd netName(): the per-network directory under --datadir
  std::uint32_t magic;        // as a little-endian u32; the wire carries its bytes LE
  std::uint16_t p2p_port;
  std::uint16_t rpc_port;
  std::span<const dns_seed> dns_seeds;
};

const network_params& params_for(network net);
// Accepts btcd's names and data-directory names ("mainnet", "testnet3"/"testnet", "testnet4",
// "regtest", "signet", "simnet").
std::optional<network> network_by_name(std::string_view name);
std::optional<network> network_by_magic(std::uint32_t magic);
std::span<const network_params> all_networks();

}  // namespace btcnet::params
