#include "apps/btcnetd/rpc_setup.hpp"

#include <caf/actor_system.hpp>
#include <caf/send.hpp>

#include "actors/common/log.hpp"
#include "actors/rpc/rpc_bridge.hpp"
#include "apps/btcnetd/http_routes.hpp"
#include "apps/btcnetd/node_setup.hpp"
#include "btcnet/version.hpp"
#include "net/rpc/jsonrpc_handler.hpp"

namespace btcnet::node {
namespace {

std::string proxy_text(const std::optional<proxy_config>& p) {
  return p ? p->address.host + ":" + std::to_string(p->address.port) : "";
}

boost::asio::ip::tcp::endpoint asio_endpoint(const wire::endpoint& e) {
  return {boost::asio::ip::make_address(e.host()), e.port};
}

std::string endpoint_text(const boost::asio::ip::tcp::endpoint& e) {
  const auto a = e.address();
  return (a.is_v6() ? "[" + a.to_string() + "]" : a.to_string()) + ":" + std::to_string(e.port());
}

}  // namespace

actors::node_info node_info_from(const node_config& config, std::int64_t start_time) {
  actors::node_info info;
  info.version = version_major * 10000 + version_minor * 100 + version_patch;
  info.subversion = user_agent(config);
  info.protocol_version = static_cast<std::int32_t>(wire::protocol_version);
  info.start_time = start_time;
  const std::string proxy = proxy_text(config.proxy);
  const bool isolate = config.proxy && config.proxy->isolation;
  info.networks.push_back({"ipv4", true, proxy, isolate});
  info.networks.push_back({"ipv6", true, proxy, isolate});
  // btcd: .onion goes through --onion, else through --proxy; --noonion turns it off.
  const auto& onion = config.onion ? config.onion : config.proxy;
  info.networks.push_back(
      {"onion", onion && !config.no_onion, proxy_text(onion), onion && onion->isolation});
  info.networks.push_back({"i2p", false, "", false});
  info.networks.push_back({"cjdns", false, "", false});
  return info;
}

rpc_endpoint::rpc_endpoint(caf::actor_system& sys, transport::io_runtime& io,
                           const node_config& config, const actors::node& node,
                           std::function<void()> request_stop)
    : config_(config) {
  actors::rpc_config rc;
  rc.clock = actors::time_source::anchored(sys.clock(), actors::time_source::system_unix_now());
  rc.info = node_info_from(config, rc.clock.unix_at_base);
  rc.request_stop = std::move(request_stop);
  rpc_ =
      actors::spawn_rpc(sys, std::move(rc), {node.server(), node.addr_manager(), node.registry()});
  auth_ = config.rpc_user.empty() ? rpc::make_cookie_credentials()
                                  : rpc::credentials{config.rpc_user, config.rpc_pass};
  rpc::http_server_config hc;
  hc.auth = auth_;
  auto call = actors::make_rpc_caller(sys, rpc_);
  http_ = std::make_unique<rpc::http_server>(
      io.context(), hc, rpc::make_jsonrpc_handler(call, make_http_routes(call)));
}

rpc_endpoint::~rpc_endpoint() {
  stop();
}

std::string rpc_endpoint::start() {
  for (const auto& where : config_.rpc_listen) {
    if (!asio_endpoint(where).address().is_loopback())
      log::rpc().warn(
          "RPC listens on {}, which is not a loopback address: anyone who can reach "
          "it may try credentials",
          where.to_string());
    if (auto ec = http_->listen(asio_endpoint(where)))
      return "can't listen for RPC on " + where.to_string() + ": " + ec.message();
  }
  const auto bound = addresses();
  if (bound.empty()) return {};
  if (config_.rpc_user.empty()) {
    if (auto ec = rpc::write_cookie(rpc::cookie_path(config_.data_dir), auth_))
      return "can't write the RPC cookie: " + ec.message();
    wrote_cookie_ = true;
  }
  if (auto ec = rpc::write_endpoint(rpc::endpoint_path(config_.data_dir), bound.front()))
    return "can't write " + rpc::endpoint_path(config_.data_dir).string() + ": " + ec.message();
  wrote_endpoint_ = true;
  return {};
}

void rpc_endpoint::stop() {
  if (http_) http_->stop();
  std::error_code ignored;
  if (wrote_cookie_) std::filesystem::remove(rpc::cookie_path(config_.data_dir), ignored);
  if (wrote_endpoint_) std::filesystem::remove(rpc::endpoint_path(config_.data_dir), ignored);
  wrote_cookie_ = wrote_endpoint_ = false;
  if (rpc_) caf::anon_send_exit(rpc_, caf::exit_reason::user_shutdown);
}

std::vector<std::string> rpc_endpoint::addresses() const {
  std::vector<std::string> out;
  for (const auto& e : http_->local_endpoints()) out.push_back(endpoint_text(e));
  return out;
}

}  // namespace btcnet::node
