#include "net/rpc/http_client.hpp"

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http.hpp>

namespace btcnet::rpc {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;

constexpr std::size_t max_reply = 64 * 1024 * 1024;  // getpeerinfo of thousands of peers fits

http_result exchange(const std::string& host_port, const credentials& auth, http::verb verb,
                     const std::string& target, const std::string& body,
                     std::chrono::milliseconds timeout) {
  http_result out;
  std::string host, port;
  if (!split_host_port(host_port, host, port)) {
    out.error = "malformed address " + host_port;
    return out;
  }
  asio::io_context io;
  beast::tcp_stream stream(io);
  beast::error_code ec;
  auto endpoints = asio::ip::tcp::resolver(io).resolve(
      host, port, asio::ip::resolver_base::numeric_host | asio::ip::resolver_base::numeric_service,
      ec);
  if (ec) {
    out.error = "malformed address " + host_port + ": " + ec.message();
    return out;
  }
  http::request<http::string_body> req{verb, target, 11};
  req.set(http::field::host, host);
  req.set(http::field::authorization, basic_auth_header(auth));
  req.set(http::field::content_type, "application/json");
  req.body() = body;
  req.prepare_payload();
  beast::flat_buffer buffer;
  http::response_parser<http::string_body> parser;
  parser.body_limit(max_reply);
  // Asynchronous steps run to completion here, so that the stream's deadline covers them all.
  const char* step = "could not connect to ";
  stream.expires_after(timeout);
  stream.async_connect(endpoints, [&](beast::error_code e, const auto&) {
    if ((ec = e)) return;
    step = "no reply from ";
    http::async_write(stream, req, [&](beast::error_code e2, std::size_t) {
      if ((ec = e2)) return;
      http::async_read(stream, buffer, parser, [&](beast::error_code e3, std::size_t) { ec = e3; });
    });
  });
  io.run();
  if (ec) {
    out.error = step + host_port + ": " + ec.message();
    return out;
  }
  out.status = parser.get().result_int();
  out.body = std::move(parser.get().body());
  return out;
}

}  // namespace

bool split_host_port(const std::string& text, std::string& host, std::string& port) {
  const auto colon = text.rfind(':');
  if (colon == std::string::npos || colon + 1 == text.size()) return false;
  host = text.substr(0, colon);
  port = text.substr(colon + 1);
  if (host.size() >= 2 && host.front() == '[' && host.back() == ']')
    host = host.substr(1, host.size() - 2);
  return !host.empty() && port.find_first_not_of("0123456789") == std::string::npos;
}

http_result http_post(const std::string& host_port, const credentials& auth,
                      const std::string& body, std::chrono::milliseconds timeout,
                      const std::string& target) {
  return exchange(host_port, auth, http::verb::post, target, body, timeout);
}

http_result http_get(const std::string& host_port, const credentials& auth,
                     const std::string& target, std::chrono::milliseconds timeout) {
  return exchange(host_port, auth, http::verb::get, target, "", timeout);
}

}  // namespace btcnet::rpc
