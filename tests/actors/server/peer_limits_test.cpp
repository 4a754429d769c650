#include <gtest/gtest.h>

#include "actors/server/peer_limits.hpp"

namespace btcnet::actors {
namespace {

// btcd HEAD server_test.go TestInboundPeerReservation (btcd-reference §7.6): every row.
TEST(PeerLimits, BtcdReservationTable) {
  struct row {
    std::uint32_t max_peers, permanent;
    bool automatic;
    peer_limits want;
  };
  const row rows[] = {
      {8, 1, false, {0, 1, 7}},  {8, 10, false, {0, 8, 0}},   {8, 0, false, {0, 0, 8}},
      {8, 3, false, {0, 3, 5}},  {125, 0, true, {8, 8, 117}}, {125, 3, true, {8, 11, 114}},
      {10, 9, true, {1, 10, 0}}, {10, 10, true, {0, 10, 0}},  {10, 12, true, {0, 10, 0}},
  };
  for (const auto& r : rows) {
    const auto got = compute_peer_limits(r.max_peers, r.permanent, r.automatic);
    EXPECT_EQ(got.target_outbound, r.want.target_outbound)
        << r.max_peers << "," << r.permanent << "," << r.automatic;
    EXPECT_EQ(got.reserved_outbound, r.want.reserved_outbound)
        << r.max_peers << "," << r.permanent << "," << r.automatic;
    EXPECT_EQ(got.max_inbound, r.want.max_inbound)
        << r.max_peers << "," << r.permanent << "," << r.automatic;
  }
}

TEST(PeerLimits, SmallBudgetsKeepTheTargetBelowEight) {
  EXPECT_EQ(compute_peer_limits(1, 0, true), (peer_limits{1, 1, 0}));
  EXPECT_EQ(compute_peer_limits(5, 2, true), (peer_limits{3, 5, 0}));
  EXPECT_EQ(compute_peer_limits(20, 2, true), (peer_limits{8, 10, 10}));
}

}  // namespace
}  // namespace btcnet::actors
