// Introspection of whole nodes running in this process, over real loopback sockets: the registry
// lists every actor kind and exactly one peer actor per connection, each actor reports its own
// state; a trace observes the seed's flow in order (register_pending -> handle_connected ->
// outbound_peer_connected -> version/verack on the wire -> peer_added); a ping flood cannot make
// the trace grow past its ring buffer or the node's trace budget.
#include <map>
#include <set>

#include "tests/integration/node_fixture.hpp"
#include "tests/support/raw_client.hpp"

namespace btcnet::actors {
namespace {

using namespace std::chrono_literals;

struct InspectTest : test::node_fixture {
  report_list reports(const node& n, bool with_state = false) {
    return ask<report_list>(n.registry(), collect_reports{{}, {}, with_state});
  }
  std::multiset<std::string> kinds(const report_list& list) {
    std::multiset<std::string> out;
    for (const auto& r : list) out.insert(to_string(r.kind));
    return out;
  }
  std::set<std::string> peer_names(const node& n) {
    std::set<std::string> out;
    for (const auto& r :
         ask<report_list>(n.registry(), collect_reports{{actor_kind::peer}, {}, false}))
      out.insert(r.name);
    return out;
  }
  std::string endpoint_text(const node& n) {
    return "127.0.0.1:" + std::to_string(n.listen_ports().at(0));
  }
};

TEST_F(InspectTest, EveryActorIsListedAndEachConnectionIsOnePeerActor) {
  auto& a = start(options());
  const auto a_port = a.listen_ports().at(0);
  auto ob = options({});
  ob.connect = {{"127.0.0.1", a_port}};
  auto& b = start(ob);
  auto oc = options({});
  oc.connect = {{"127.0.0.1", a_port}};
  start(oc);
  ASSERT_TRUE(eventually([&] { return peers(a).size() == 2; }));
  const auto list = reports(a, true);
  for (const char* k :
       {"conn_manager", "dialer", "addr_manager", "server", "listener", "registry", "tracer"})
    EXPECT_EQ(kinds(list).count(k), 1u) << k;
  EXPECT_EQ(kinds(list).count("peer"), 2u);
  std::set<std::string> addresses;
  for (const auto& p : peers(a)) addresses.insert(p.addr);
  EXPECT_EQ(peer_names(a), addresses);  // a peer actor is named by its remote address
  for (const auto& r : list) {
    EXPECT_TRUE(r.state.is_object()) << to_string(r.kind);
    EXPECT_FALSE(r.state.contains("summary_error")) << to_string(r.kind) << r.state.dump();
    EXPECT_GT(r.messages, 0u) << to_string(r.kind);
  }
  // The listener is named by where it listens, and says how many it accepted.
  for (const auto& r : list)
    if (r.kind == actor_kind::listener) {
      EXPECT_EQ(r.name, endpoint_text(a));
      EXPECT_EQ(r.state["accepted"], 2);
    }
  b.stop();
  EXPECT_TRUE(eventually([&] { return peer_names(a).size() == 1; }));
}

TEST_F(InspectTest, ATraceShowsTheSeedsFlowInOrder) {
  auto& a = start(options());
  auto& b = start(options({}));
  ASSERT_TRUE(ask<bool>(b.registry(), start_trace{}));
  EXPECT_EQ(ask<std::string>(b.server(), connect_node{endpoint_text(a), false}), "");
  ASSERT_TRUE(eventually([&] { return peers(b).size() == 1; }));
  // The flow as (actor kind, direction, type), in the order the events reached the tracer.
  const std::vector<std::tuple<actor_kind, trace_direction, std::string>> flow{
      {actor_kind::conn_manager, trace_direction::message, "register_pending"},
      {actor_kind::conn_manager, trace_direction::message, "handle_connected"},
      {actor_kind::server, trace_direction::message, "outbound_peer_connected"},
      {actor_kind::peer, trace_direction::wire_out, "version"},
      {actor_kind::peer, trace_direction::wire_in, "version"},
      {actor_kind::peer, trace_direction::wire_out, "verack"},
      {actor_kind::peer, trace_direction::wire_in, "verack"},
      {actor_kind::server, trace_direction::message, "peer_added"},
  };
  std::size_t matched = 0;
  ASSERT_TRUE(eventually([&] {
    const auto page = ask<trace_page>(b.registry(), read_trace{0, 0, {}});
    matched = 0;
    for (const auto& e : page.events)
      if (matched < flow.size() && flow[matched] == std::tuple{e.kind, e.direction, e.type})
        ++matched;
    return matched == flow.size();
  })) << "the flow stopped matching after step "
      << matched;
  // Wire events carry the peer's address; the peer actor's id is the other end.
  const auto page = ask<trace_page>(b.registry(), read_trace{0, 0, {{}, {"version"}, ""}});
  ASSERT_EQ(page.events.size(), 2u);
  EXPECT_EQ(page.events[0].peer, endpoint_text(a));
  EXPECT_NE(page.events[0].summary.find("/btcnet:test/"), std::string::npos);
}

// Floods the node with pings; it must still answer at the end. The pongs are read after every
// thousand pings: left unread, 20,000 of them are charged about 5.8 MB, over the node's 5 MB send
// limit, and whether the node drops the client then depends on how much the kernel's socket
// buffers took (CI's did not take enough). 5,000 pings are 10,000 wire events and more: twenty
// times the ring below, and few enough for the tracer under ThreadSanitizer to keep up.
constexpr int flood_size = 5'000;
void flood_pings(test::raw_client& client, int count = flood_size) {
  constexpr int batch = 1000;
  ASSERT_TRUE(client.handshake());
  for (int i = 0; i < count; ++i) {
    ASSERT_TRUE(client.send_msg(wire::msg::ping{1'000'000u + i}));
    if ((i + 1) % batch == 0) {
      ASSERT_TRUE(client.ping_pong(i, 20s)) << "no answer after " << i;
    }
  }
  ASSERT_TRUE(client.ping_pong(7, 20s)) << "the node stopped answering";
}

TEST_F(InspectTest, AFloodOverwritesTheRingBufferInsteadOfGrowingIt) {
  auto& a = start(options());
  constexpr std::size_t capacity = 500;
  ASSERT_TRUE(
      ask<bool>(a.registry(), start_trace{{}, capacity, 1e9}));  // no rate limit to speak of
  test::raw_client client(a.listen_ports().at(0));
  flood_pings(client);
  trace_page page;
  ASSERT_TRUE(eventually([&] {
    page = ask<trace_page>(a.registry(), read_trace{0, 0, {}});
    return page.overwritten > 0;
  }));
  EXPECT_EQ(page.events.size(), capacity);
  EXPECT_EQ(page.events.back().seq - page.events.front().seq, capacity - 1);
}

TEST_F(InspectTest, AFloodIsCutToTheNodesTraceBudget) {
  auto& a = start(options());
  constexpr double budget = 500;  // events per second for the whole node
  ASSERT_TRUE(ask<bool>(a.registry(), start_trace{{}, 100'000, budget}));
  const auto started = std::chrono::steady_clock::now();
  test::raw_client client(a.listen_ports().at(0));  // kept open: its peer actor's counters count
  flood_pings(client);
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  std::uint64_t traced = 0, limited = 0;
  for (const auto& r : reports(a)) {
    traced += r.traced;
    limited += r.trace_limited;
  }
  // Each covered actor's share refills at budget/actors per second and may burst: in all about
  // budget * seconds plus the bursts, far below the flood's 10,000 events.
  EXPECT_LT(traced, budget * (seconds + 1) + 20 * trace_burst) << seconds << " s";
  EXPECT_GE(traced + limited, 2u * flood_size);  // every wire event was either traced or cut
  EXPECT_GT(limited, 0u);
  const auto page = ask<trace_page>(a.registry(), read_trace{0, 0, {}});
  EXPECT_LE(page.events.size(), traced);
}

}  // namespace
}  // namespace btcnet::actors
