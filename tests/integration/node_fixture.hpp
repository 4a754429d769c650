// A GoogleTest fixture that runs whole nodes (every actor, real sockets, CAF's real scheduler) in
// the test's own process: options() gives a connect-only regtest node listening on an ephemeral
// loopback port, start() binds and starts it, ask<>() queries an actor, peers() lists a node's
// handshaken peers, and eventually() polls a condition. TearDown stops every node in order.
#pragma once

#include <gtest/gtest.h>

#include <caf/all.hpp>
#include <chrono>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "actors/node/node.hpp"
#include "actors/peer/peer.hpp"
#include "net/transport/tcp_network.hpp"
#include "tests/support/eventually.hpp"

namespace btcnet::test {

inline constexpr std::uint32_t regtest_magic = 0xdab5bffa;  // fa bf b5 da on the wire

struct node_fixture : ::testing::Test {
  caf::actor_system_config cfg;
  caf::actor_system sys{cfg};
  transport::io_runtime io{1};
  transport::tcp_network net{io, {regtest_magic, {}, {}}};
  std::vector<std::unique_ptr<actors::node>> nodes;

  actors::node_options options(std::vector<wire::endpoint> listen = {
                                   wire::endpoint::ipv4(127, 0, 0, 1, 0)}) {
    using namespace std::chrono_literals;
    actors::node_options o;
    o.listen = std::move(listen);
    o.automatic = false;
    o.retry_duration = 1s;
    o.server.default_port = 18444;
    o.server.peer.magic = regtest_magic;
    o.server.peer.user_agent = "/btcnet:test/";
    o.server.peer.required_services = 0;
    o.server.peer.clock =
        actors::time_source::anchored(sys.clock(), actors::time_source::system_unix_now());
    o.addresses.clock = o.server.peer.clock;
    return o;
  }

  actors::node& start(actors::node_options o) {
    nodes.push_back(std::make_unique<actors::node>(sys, net, std::move(o)));
    std::string where;
    const auto ec = nodes.back()->start(where);
    EXPECT_FALSE(ec) << where << ": " << ec.message();
    return *nodes.back();
  }

  template <class T, class Handle, class Msg>
  T ask(const Handle& h, Msg m) {
    using namespace std::chrono_literals;
    caf::scoped_actor self{sys};
    T out{};
    self->request(h, 30s, std::move(m))  // generous: ThreadSanitizer slows the node tenfold
        .receive([&](T& x) { out = std::move(x); },
                 [&](caf::error& e) { ADD_FAILURE() << sys.render(e); });
    return out;
  }

  actors::peer_list peers(const actors::node& n) {
    return ask<actors::peer_list>(n.server(), actors::get_peers{});
  }

  template <class Pred>
  bool eventually(Pred pred, std::chrono::milliseconds limit = std::chrono::seconds(10)) {
    return test::eventually(std::move(pred), limit);
  }

  void TearDown() override {
    for (auto& n : nodes) n->stop();
    nodes.clear();
    sys.await_all_actors_done();
    io.stop();
  }
};

}  // namespace btcnet::test
