#include "net/transport/tcp_network.hpp"

#include "net/transport/resolve.hpp"
#include "net/transport/tcp_listener.hpp"

namespace btcnet::transport {

std::shared_ptr<dial_operation> tcp_network::connect(const dial_target& target, connect_done done) {
  return async_dial(io_.context(), target, config_.dial,
                    [done = std::move(done), magic = config_.magic, limits = config_.limits](
                        std::error_code ec, boost::asio::ip::tcp::socket s) {
                      connection_ptr conn;
                      if (!ec) conn = tcp_connection::make(std::move(s), magic, limits);
                      done(ec, std::move(conn));
                    });
}

std::shared_ptr<listening> tcp_network::listen(const wire::endpoint& where,
                                               accept_handler on_accept,
                                               accept_error_handler on_error, std::error_code& ec) {
  auto acceptor = tcp_listener::open(io_.context(), to_asio(where), ec);
  if (!acceptor) return nullptr;
  acceptor->start(
      [on_accept = std::move(on_accept), magic = config_.magic,
       limits = config_.limits](boost::asio::ip::tcp::socket s) {
        on_accept(tcp_connection::make(std::move(s), magic, limits));
      },
      std::move(on_error));
  return acceptor;
}

void tcp_network::resolve(const std::string& host, std::uint16_t port, resolve_done done) {
  resolve_host(io_.context(), host, port, std::move(done));
}

}  // namespace btcnet::transport
