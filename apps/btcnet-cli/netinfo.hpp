// btcnet-cli -netinfo: a human summary of a node's peers, after bitcoin-cli's -netinfo.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

namespace btcnet::cli {

// From getnetworkinfo's and getpeerinfo's results; `now` in unix seconds.
std::string format_netinfo(const nlohmann::json& network, const nlohmann::json& peers,
                           std::int64_t now);

}  // namespace btcnet::cli
