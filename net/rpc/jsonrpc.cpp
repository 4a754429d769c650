#include "net/rpc/jsonrpc.hpp"

namespace btcnet::rpc {
namespace {

rpc_error invalid(std::string message) {
  return {error_code::invalid_request, std::move(message)};
}

json error_object(const rpc_error& e) {
  return {{"code", e.code}, {"message", e.message}};
}

// True when arrays/objects nest deeper than `limit` (strings skipped). nlohmann parses without
// recursion, but copying and printing a value recurse: a 1 MB body of '[' must not reach them.
bool nests_deeper_than(std::string_view text, int limit) {
  int depth = 0;
  bool in_string = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (in_string) {
      if (c == '\\')
        ++i;
      else if (c == '"')
        in_string = false;
    } else if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      if (++depth > limit) return true;
    } else if (c == ']' || c == '}') {
      --depth;
    }
  }
  return false;
}

}  // namespace

std::optional<rpc_error> parse_request(const json& value, request& out) {
  if (!value.is_object()) return invalid("Invalid Request object");
  if (auto id = value.find("id"); id != value.end()) {
    if (id->is_structured()) return invalid("id must be a string, a number or null");
    out.id = *id;
  }
  if (auto version = value.find("jsonrpc"); version != value.end()) {
    if (*version == "2.0")
      out.v2 = true;
    else if (*version != "1.0")
      return invalid("JSON-RPC version not supported");
  }
  out.notification = out.v2 && !value.contains("id");
  auto method = value.find("method");
  if (method == value.end()) return invalid("Missing method");
  if (!method->is_string()) return invalid("Method must be a string");
  out.method = method->get<std::string>();
  auto params = value.find("params");
  if (params == value.end() || params->is_null())
    out.params = json::array();
  else if (params->is_array() || params->is_object())
    out.params = *params;
  else
    return invalid("Params must be an array or object");
  return std::nullopt;
}

json make_reply(const request& req, const outcome& result) {
  if (!req.v2) {
    return {{"result", result.error ? json() : result.result},
            {"error", result.error ? error_object(*result.error) : json()},
            {"id", req.id}};
  }
  json reply = {{"jsonrpc", "2.0"}};
  if (result.error)
    reply["error"] = error_object(*result.error);
  else
    reply["result"] = result.result;
  reply["id"] = req.id;
  return reply;
}

int http_status(const request& req, const outcome& result) {
  if (req.v2 || !result.error) return 200;
  switch (result.error->code) {
    case error_code::invalid_request:
      return 400;
    case error_code::method_not_found:
      return 404;
    default:
      return 500;
  }
}

body parse_body(std::string_view text) {
  body out;
  if (nests_deeper_than(text, max_nesting)) {
    out.error = rpc_error{error_code::parse_error, "Parse error: nested too deeply"};
    return out;
  }
  json value = json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (value.is_discarded()) {
    out.error = rpc_error{error_code::parse_error, "Parse error"};
  } else if (value.is_array()) {
    out.batch = true;
    if (value.empty()) out.error = invalid("Empty batch");
    for (auto& item : value) out.items.push_back(std::move(item));
  } else if (value.is_object()) {
    out.items.push_back(std::move(value));
  } else {
    out.error = rpc_error{error_code::parse_error, "Top-level object parse error"};
  }
  return out;
}

json error_reply(const rpc_error& e) {
  return {{"result", nullptr}, {"error", error_object(e)}, {"id", nullptr}};
}

}  // namespace btcnet::rpc
