#include "net/wire/protocol.hpp"

#include <array>
#include <cstdio>

namespace btcnet::wire {
namespace {

struct flag_name {
  std::uint64_t flag;
  const char* btcd;
  const char* core;  // nullptr where Bitcoin Core has no name for the bit
};

constexpr std::array<flag_name, 10> flag_names{{
    {node_network, "SFNodeNetwork", "NETWORK"},
    {node_getutxo, "SFNodeGetUTXO", nullptr},
    {node_bloom, "SFNodeBloom", "BLOOM"},
    {node_witness, "SFNodeWitness", "WITNESS"},
    {node_xthin, "SFNodeXthin", nullptr},
    {node_bit5, "SFNodeBit5", nullptr},
    {node_compact_filters, "SFNodeCF", "COMPACT_FILTERS"},
    {node_2x, "SFNode2X", nullptr},
    {node_network_limited, "SFNodeNetworkLimited", "NETWORK_LIMITED"},
    {node_p2p_v2, "SFNodeP2PV2", "P2P_V2"},
}};

}  // namespace

std::string services_to_btcd_string(std::uint64_t services) {
  if (services == 0) return "0x0";
  std::string out;
  for (const auto& f : flag_names) {
    if (!(services & f.flag)) continue;
    if (!out.empty()) out += '|';
    out += f.btcd;
    services &= ~f.flag;
  }
  if (services != 0) {
    char hex[24];
    std::snprintf(hex, sizeof hex, "0x%llx", static_cast<unsigned long long>(services));
    if (!out.empty()) out += '|';
    out += hex;
  }
  return out;
}

std::vector<std::string> service_names(std::uint64_t services) {
  std::vector<std::string> names;
  for (int bit = 0; bit < 64; ++bit) {
    const std::uint64_t flag = std::uint64_t{1} << bit;
    if (!(services & flag)) continue;
    const char* name = nullptr;
    for (const auto& f : flag_names)
      if (f.flag == flag) name = f.core;
    names.push_back(name ? name : "UNKNOWN[2^" + std::to_string(bit) + "]");
  }
  return names;
}

}  // namespace btcnet::wire
