// Placeholder until the node issue assembles the actors: prints the version and the networks the
// codec knows, so that the README's first command has something real to start.
#include <cstdio>
#include <string>

#include "btcnet/version.hpp"
#include "net/params/network_params.hpp"

int main() {
  std::printf("btcnetd %s (node assembly not built yet)\n", btcnet::version_string);
  for (const auto& p : btcnet::params::all_networks())
    std::printf("  %-9s magic 0x%08x  p2p port %u\n", std::string(p.name).c_str(), p.magic,
                p.p2p_port);
  return 0;
}
