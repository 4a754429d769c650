#include "net/transport/resolve.hpp"

#include <boost/asio/ip/tcp.hpp>
#include <memory>

namespace btcnet::transport {

void resolve_host(boost::asio::io_context& io, const std::string& host, std::uint16_t port,
                  resolve_done done) {
  using tcp = boost::asio::ip::tcp;
  auto resolver = std::make_shared<tcp::resolver>(io);
  resolver->async_resolve(
      host, std::to_string(port), tcp::resolver::numeric_service,
      [resolver, port, done = std::move(done)](const boost::system::error_code& ec,
                                               const tcp::resolver::results_type& results) {
        std::vector<wire::endpoint> out;
        if (ec) return done(std::error_code(ec.value(), std::system_category()), out);
        for (const auto& entry : results) {
          const auto address = entry.endpoint().address();
          std::array<std::uint8_t, 16> ip16{};
          if (address.is_v4()) {
            auto v4 = address.to_v4().to_bytes();
            ip16[10] = ip16[11] = 0xff;
            std::copy(v4.begin(), v4.end(), ip16.begin() + 12);
          } else {
            ip16 = address.to_v6().to_bytes();
          }
          const auto e = wire::endpoint::from_ip16(ip16, port);
          if (std::find(out.begin(), out.end(), e) == out.end()) out.push_back(e);
        }
        done({}, std::move(out));
      });
}

}  // namespace btcnet::transport
