#include "apps/btcnetd/http_routes.hpp"

#include "apps/btcnetd/inspector_assets.hpp"

namespace btcnet::node {
namespace {

constexpr std::string_view inspector_prefix = "/inspector";

rpc::http_response not_found() {
  return {404, "text/plain", "Not found\n"};
}

rpc::http_response inspector_file(std::string_view target) {
  std::string_view name = target.substr(inspector_prefix.size());
  if (!name.empty() && name.front() == '/') name.remove_prefix(1);
  if (name.empty()) name = "index.html";
  for (const auto& f : inspector_assets())
    if (f.name == name) return {200, std::string(f.content_type), std::string(f.body)};
  return not_found();
}

void metrics(const rpc::call_fn& call, rpc::respond_fn respond) {
  rpc::request req;
  req.method = "getmetrics";
  call(req, [respond = std::move(respond)](rpc::outcome o) {
    if (o.error || !o.result.is_string())
      return respond({500, "text/plain", (o.error ? o.error->message : "no metrics") + "\n"});
    respond({200, "text/plain; version=0.0.4; charset=utf-8", o.result.get<std::string>()});
  });
}

}  // namespace

rpc::handler_fn make_http_routes(rpc::call_fn call) {
  return [call = std::move(call)](rpc::http_request req, rpc::respond_fn respond) {
    const std::string_view target = std::string_view(req.target).substr(0, req.target.find('?'));
    const bool inspector = target == inspector_prefix ||
                           target.substr(0, inspector_prefix.size() + 1) == "/inspector/";
    if (target != "/metrics" && !inspector) return respond(not_found());
    if (req.method != "GET") return respond({405, "text/plain", "Only GET is served here\n"});
    if (inspector) return respond(inspector_file(target));
    metrics(call, std::move(respond));
  };
}

}  // namespace btcnet::node
