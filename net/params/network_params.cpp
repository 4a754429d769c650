#include "net/params/network_params.hpp"

#include <array>

namespace btcnet::params {
namespace {

constexpr dns_seed mainnet_seeds[] = {
    {"seed.bitcoin.sipa.be", true},          {"dnsseed.bluematt.me", true},
    {"dnsseed.bitcoin.dashjr.org", false},   {"seed.bitnodes.io", false},
    {"seed.bitcoin.jonasschnelli.ch", true}, {"seed.btc.petertodd.net", true},
    {"seed.bitcoin.sprovoost.nl", true},     {"seed.bitcoin.wiz.biz", true},
};
constexpr dns_seed testnet3_seeds[] = {
    {"testnet-seed.bitcoin.jonasschnelli.ch", true},
    {"seed.tbtc.petertodd.net", true},
    {"seed.testnet.bitcoin.sprovoost.nl", true},
    {"testnet-seed.bluematt.me", false},
};
constexpr dns_seed testnet4_seeds[] = {
    {"seed.testnet4.bitcoin.sprovoost.nl", true},
    {"seed.testnet4.wiz.biz", true},
};
constexpr dns_seed signet_seeds[] = {
    {"seed.signet.bitcoin.sprovoost.nl", true},
};

// Magic values from btcd's wire.BitcoinNet; signet's is derived from the default signet
// challenge (first four bytes of SHA-256d of its script), as btcd and Core compute it.
constexpr std::array<network_params, 6> networks{{
    {network::mainnet, "mainnet", "mainnet", 0xd9b4bef9, 8333, 8334, mainnet_seeds},
    {network::testnet3, "testnet3", "testnet", 0x0709110b, 18333, 18334, testnet3_seeds},
    {network::testnet4, "testnet4", "testnet4", 0x283f161c, 48333, 48334, testnet4_seeds},
    {network::regtest, "regtest", "regtest", 0xdab5bffa, 18444, 18334, {}},
    {network::signet, "signet", "signet", 0x40cf030a, 38333, 38332, signet_seeds},
    {network::simnet, "simnet", "simnet", 0x12141c16, 18555, 18556, {}},
}};

}  // namespace

const network_params& params_for(network net) {
  return networks[static_cast<std::size_t>(net)];
}

std::optional<network> network_by_name(std::string_view name) {
  for (const auto& p : networks)
    if (p.name == name || p.data_dir == name) return p.net;
  return std::nullopt;
}

std::optional<network> network_by_magic(std::uint32_t magic) {
  for (const auto& p : networks)
    if (p.magic == magic) return p.net;
  return std::nullopt;
}

std::span<const network_params> all_networks() {
  return networks;
}

}  // namespace btcnet::params
