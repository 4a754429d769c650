// btcnet-inspect: attach to a running btcnetd (found from its data directory and network, or by
// --rpcserver and credentials) and look at its actors: interactively, as one JSON snapshot, as a
// stream of trace events, or to disconnect, connect or ban.
#include <cstdlib>
#include <iostream>

#include "apps/btcnet-inspect/commands.hpp"
#include "apps/btcnet-inspect/top_app.hpp"

int main(int argc, char** argv) {
  using namespace btcnet::inspect;
  const std::vector<std::string> args(argv + 1, argv + argc);
  const char* home = std::getenv("HOME");
  auto parsed = parse_inspect(args, home ? home : "");
  if (!parsed.options) {
    if (parsed.exit_code != 0) {
      std::cerr << "btcnet-inspect: " << parsed.error << "\n";
      return parsed.exit_code;
    }
    std::cout << parsed.output;
    return 0;
  }
  const auto& o = *parsed.options;
  try {
    node_client node(o.node);
    switch (o.what) {
      case mode::top:
        return run_top(node, o);
      case mode::snapshot:
        return print_snapshot(node, std::cout);
      case mode::trace:
        return print_trace(node, o, std::cout);
      default:
        return run_control(node, o, std::cout);
    }
  } catch (const call_error& e) {
    std::cerr << e.what() << "\n";
    return 1;
  }
}
