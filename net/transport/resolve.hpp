// Asynchronous host name resolution through the system resolver (Asio), for DNS seeding.
#pragma once

#include <boost/asio/io_context.hpp>
#include <functional>
#include <string>
#include <system_error>
#include <vector>

#include "net/transport/network.hpp"

namespace btcnet::transport {

// Calls `done` once, on an I/O thread, with every IPv4/IPv6 address of `host` (port `port`),
// de-duplicated in the resolver's order, or with the error.
void resolve_host(boost::asio::io_context& io, const std::string& host, std::uint16_t port,
                  resolve_done done);

}  // namespace btcnet::transport
