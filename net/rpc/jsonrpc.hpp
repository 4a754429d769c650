// JSON-RPC envelopes as Bitcoin Core's HTTP server handles them (src/httprpc.cpp, rpc/request.cpp):
// a body holds one request or a batch; requests are JSON-RPC 1.0 (no "jsonrpc" member, or "1.0")
// or 2.0. Pure: no I/O, no knowledge of methods.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace btcnet::rpc {

using json = nlohmann::json;

// Bitcoin Core's error codes (src/rpc/protocol.h).
namespace error_code {
inline constexpr int invalid_request = -32600;
inline constexpr int method_not_found = -32601;
inline constexpr int invalid_params = -32602;
inline constexpr int internal_error = -32603;
inline constexpr int parse_error = -32700;
inline constexpr int misc_error = -1;
inline constexpr int type_error = -3;
inline constexpr int invalid_address_or_key = -5;
inline constexpr int invalid_parameter = -8;
inline constexpr int client_p2p_disabled = -9;
inline constexpr int client_node_already_added = -23;
inline constexpr int client_node_not_added = -24;
inline constexpr int client_node_not_connected = -29;
inline constexpr int client_invalid_ip_or_subnet = -30;
inline constexpr int client_node_capacity_reached = -34;
}  // namespace error_code

struct rpc_error {
  int code = error_code::internal_error;
  std::string message;
};

// One call as a method sees it.
struct request {
  json id;  // null when absent
  std::string method;
  json params = json::array();  // an array or an object
  bool v2 = false;              // "jsonrpc": "2.0"
  bool notification = false;    // 2.0 without "id": no reply is sent
};

// The outcome of one call: a result or an error.
struct outcome {
  json result;
  std::optional<rpc_error> error;
};

// Reads one request object; an error when it is not a valid request (then `id` still holds the
// request's id when it had one, for the reply).
std::optional<rpc_error> parse_request(const json& value, request& out);

// Builds a reply object for one call (2.0: result xor error; 1.0: both, one of them null).
json make_reply(const request& req, const outcome& result);

// The HTTP status Bitcoin Core sends with a single (non-batch) reply: 200, or for 1.0 errors
// 400 (invalid request), 404 (method not found), 500 (anything else).
int http_status(const request& req, const outcome& result);

// A parsed HTTP body.
struct body {
  bool batch = false;
  std::vector<json> items;  // the request objects (one when not a batch)
  std::optional<rpc_error> error;  // parse error, or an empty batch
};
// Deeper nesting is refused as a parse error; no method takes more than a few levels.
inline constexpr int max_nesting = 32;
body parse_body(std::string_view text);

// The reply sent when the body itself is unusable (1.0 shape, id null).
json error_reply(const rpc_error& e);

}  // namespace btcnet::rpc
