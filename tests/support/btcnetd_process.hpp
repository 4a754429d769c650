// A btcnetd process for tests: regtest, its own data directory, a fixed loopback P2P port and an
// RPC port the kernel picks (found through the rpc.endpoint file, as btcnet-cli finds it), driven
// through JSON-RPC. Stopped by pid when the object goes.
#pragma once

#include <gtest/gtest.h>

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "net/rpc/http_client.hpp"
#include "net/rpc/jsonrpc.hpp"
#include "net/rpc/node_locator.hpp"
#include "tests/support/child_process.hpp"
#include "tests/support/eventually.hpp"
#include "tests/support/loopback.hpp"

namespace btcnet::test {

// One btcnetd on regtest with its own data directory, a fixed P2P port and an RPC port the
// kernel picks (found through the rpc.endpoint file, as btcnet-cli finds it).
class node_process {
 public:
  node_process(std::filesystem::path root, std::vector<std::string> extra)
      : root_(std::move(root)), extra_(std::move(extra)), port_(free_port()) {}

  // Starts the node and waits for its RPC server; `auth` when it runs without a cookie.
  void start(rpc::credentials auth = {}) {
    auth_ = std::move(auth);
    std::filesystem::remove(data_dir() / "rpc.endpoint");  // left behind by a killed node
    std::vector<std::string> args{BTCNETD,
                                  "--regtest",
                                  "--datadir=" + root_.string(),
                                  "--listen=127.0.0.1:" + std::to_string(port_),
                                  "--rpclisten=127.0.0.1:0",
                                  "--debuglevel=warn"};
    args.insert(args.end(), extra_.begin(), extra_.end());
    process_ = std::make_unique<child_process>(args);
    ASSERT_TRUE(eventually([&] { return try_call("uptime").has_value(); })) << "no RPC";
  }

  std::optional<rpc::node_location> locate() const {
    std::string error;
    return rpc::locate_node({data_dir(), "", "", auth_.user, auth_.pass}, error);
  }

  // The result of a call, or nullopt (with `why`) when there is no reply or an error.
  std::optional<rpc::json> try_call(const std::string& method,
                                    rpc::json params = rpc::json::array(),
                                    std::string* why = nullptr) {
    auto where = locate();
    if (!where) return std::nullopt;
    const rpc::json req = {{"method", method}, {"params", params}, {"id", 1}};
    auto reply =
        rpc::http_post(where->host_port, where->auth, req.dump(), std::chrono::seconds(10));
    auto body = rpc::json::parse(reply.body, nullptr, false);
    if (reply.status != 200 || body.is_discarded() || !body["error"].is_null()) {
      if (why) *why = "HTTP " + std::to_string(reply.status) + " " + reply.body + reply.error;
      return std::nullopt;
    }
    return body["result"];
  }

  // The result of a call; a failed call fails the test and returns null.
  rpc::json call(const std::string& method, rpc::json params = rpc::json::array()) {
    std::string why;
    auto result = try_call(method, std::move(params), &why);
    if (!result) ADD_FAILURE() << method << ": " << why;
    return result.value_or(nullptr);
  }

  std::size_t peer_count() { return call("getpeerinfo").size(); }
  std::optional<int> stop_and_wait() {
    call("stop");
    return process_->wait_exit(std::chrono::seconds(20));
  }
  void kill_now() { process_->kill_now(); }
  void signal(int number) { process_->signal(number); }
  pid_t pid() const { return process_ ? process_->pid() : -1; }

  std::filesystem::path root() const { return root_; }  // --datadir
  std::filesystem::path data_dir() const { return root_ / "regtest"; }
  std::uint16_t port() const { return port_; }
  std::string p2p() const { return "127.0.0.1:" + std::to_string(port_); }

 private:
  std::filesystem::path root_;
  std::vector<std::string> extra_;
  std::uint16_t port_;
  rpc::credentials auth_;
  std::unique_ptr<child_process> process_;
};

}  // namespace btcnet::test
