#include "net/rpc/jsonrpc_handler.hpp"

#include <mutex>

namespace btcnet::rpc {
namespace {

http_response json_response(unsigned status, const json& value) {
  return {status, "application/json", value.dump() + "\n"};
}

// Collects the replies of a batch as they complete, in request order.
struct batch_state {
  std::mutex mutex;
  std::vector<std::optional<json>> replies;
  std::size_t pending = 0;
  respond_fn respond;

  void complete(std::size_t index, std::optional<json> reply) {
    std::unique_lock lock(mutex);
    replies[index] = std::move(reply);
    if (--pending > 0) return;
    json out = json::array();
    for (auto& r : replies)
      if (r) out.push_back(std::move(*r));
    lock.unlock();
    respond(json_response(200, out));
  }
};

void run_batch(const call_fn& call, std::vector<json> items, respond_fn respond) {
  auto state = std::make_shared<batch_state>();
  state->replies.resize(items.size());
  state->pending = items.size();
  state->respond = std::move(respond);
  for (std::size_t i = 0; i < items.size(); ++i) {
    request req;
    if (auto error = parse_request(items[i], req)) {
      state->complete(i, make_reply(req, outcome{{}, error}));
      continue;
    }
    const bool silent = req.notification;
    call(req, [state, i, silent, req](outcome o) {
      state->complete(i, silent ? std::nullopt : std::optional<json>(make_reply(req, o)));
    });
  }
}

void run_single(const call_fn& call, const json& item, respond_fn respond) {
  request req;
  if (auto error = parse_request(item, req)) {
    outcome o{{}, error};
    return respond(json_response(http_status(req, o), make_reply(req, o)));
  }
  call(req, [req, respond = std::move(respond)](outcome o) {
    if (req.notification) return respond(http_response{204, "application/json", ""});
    respond(json_response(http_status(req, o), make_reply(req, o)));
  });
}

bool is_rpc_target(const std::string& target) {
  return target == "/" || target.rfind("/wallet/", 0) == 0;
}

}  // namespace

handler_fn make_jsonrpc_handler(call_fn call, handler_fn other) {
  return [call = std::move(call), other = std::move(other)](http_request req, respond_fn respond) {
    if (!is_rpc_target(req.target)) {
      if (other) return other(std::move(req), std::move(respond));
      return respond(http_response{404, "text/plain", "Not found\n"});
    }
    if (req.method != "POST")
      return respond(http_response{405, "text/plain", "JSONRPC server handles only POST requests\n"});
    auto parsed = parse_body(req.body);
    if (parsed.error)
      return respond(json_response(http_status(request{}, outcome{{}, parsed.error}),
                                   error_reply(*parsed.error)));
    if (parsed.batch) return run_batch(call, std::move(parsed.items), std::move(respond));
    run_single(call, parsed.items.front(), std::move(respond));
  };
}

}  // namespace btcnet::rpc
