// libFuzzer target: the JSON-RPC request parser, from the HTTP body to the calls a method sees.
// Besides "no crash, no leak": every body gets either an error or at least one item, and every
// item gets either a parsed request or an error the reply can carry.
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "net/rpc/jsonrpc.hpp"

using namespace btcnet::rpc;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const body parsed = parse_body(text);
  if (parsed.error) {
    (void)error_reply(*parsed.error).dump();
    return 0;
  }
  if (parsed.items.empty()) std::abort();
  for (const json& item : parsed.items) {
    request req;
    if (auto error = parse_request(item, req)) {
      (void)make_reply(req, outcome{json(), error}).dump();
      continue;
    }
    // An empty method name is well-formed (Core answers "Method not found"); params are always
    // an array or an object by the time a method sees them.
    if (!(req.params.is_array() || req.params.is_object())) std::abort();
    (void)make_reply(req, outcome{json(1), std::nullopt}).dump();
  }
  return 0;
}
