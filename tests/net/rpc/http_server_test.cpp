// The RPC HTTP server over real loopback sockets: authentication (with its delay), limits,
// methods and paths, JSON-RPC replies single and batched, keep-alive, and garbage.
#include "net/rpc/http_server.hpp"

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <thread>

#include "net/rpc/http_client.hpp"
#include "net/rpc/jsonrpc_handler.hpp"
#include "net/transport/io_runtime.hpp"

namespace btcnet::rpc {
namespace {

using namespace std::chrono_literals;

constexpr std::size_t test_body_limit = 4096;

// "echo" returns its params, "fail" an invalid-parameter error, "later" answers from another
// thread after a moment; everything else is not found.
void fake_call(request req, std::function<void(outcome)> done) {
  if (req.method == "echo") return done({req.params, std::nullopt});
  if (req.method == "fail") return done({nullptr, rpc_error{error_code::invalid_parameter, "no"}});
  if (req.method == "later") {
    std::thread([done] {
      std::this_thread::sleep_for(20ms);
      done({"late", std::nullopt});
    }).detach();
    return;
  }
  done({nullptr, rpc_error{error_code::method_not_found, "Method not found"}});
}

// A raw client for what the real client will not send.
class raw_socket {
 public:
  explicit raw_socket(std::uint16_t port) : fd_(::socket(AF_INET, SOCK_STREAM, 0)) {
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_port = htons(port);
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    timeval tv{5, 0};
    ::setsockopt(fd_, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    connected_ = ::connect(fd_, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0;
  }
  ~raw_socket() { ::close(fd_); }
  bool connected() const { return connected_; }
  void send(const std::string& s) { (void)::send(fd_, s.data(), s.size(), MSG_NOSIGNAL); }
  // Reads until the peer closes or `marker` appears.
  std::string read_until(const std::string& marker = "") {
    std::string out;
    char buf[4096];
    while (marker.empty() || out.find(marker) == std::string::npos) {
      const ssize_t n = ::recv(fd_, buf, sizeof buf, 0);
      if (n <= 0) break;
      out.append(buf, static_cast<std::size_t>(n));
    }
    return out;
  }

 private:
  int fd_;
  bool connected_ = false;
};

struct HttpServerTest : ::testing::Test {
  transport::io_runtime io{2};
  credentials auth{"user", "pass"};
  std::unique_ptr<http_server> server;
  std::string address;
  std::uint16_t port = 0;

  void SetUp() override {
    http_server_config c;
    c.auth = auth;
    c.body_limit = test_body_limit;
    c.auth_failure_delay = 200ms;
    server = std::make_unique<http_server>(
        io.context(), c, make_jsonrpc_handler(fake_call, [](http_request r, respond_fn respond) {
          if (r.target == "/metrics") return respond({200, "text/plain", "up 1\n"});
          respond({404, "text/plain", "Not found\n"});
        }));
    ASSERT_FALSE(server->listen({boost::asio::ip::make_address("127.0.0.1"), 0}));
    port = server->local_endpoints().at(0).port();
    address = "127.0.0.1:" + std::to_string(port);
  }
  void TearDown() override {
    server->stop();
    io.stop();
  }

  http_result post(const std::string& body, const credentials& who) {
    return http_post(address, who, body, 5s);
  }
  http_result post(const std::string& body) { return post(body, auth); }
};

TEST_F(HttpServerTest, AuthorizedCallsGetJsonRpcReplies) {
  auto r = post(R"({"method":"echo","params":[1,"a"],"id":3})");
  EXPECT_EQ(r.status, 200u);
  EXPECT_EQ(json::parse(r.body), json::parse(R"({"result":[1,"a"],"error":null,"id":3})"));
  r = post(R"({"jsonrpc":"2.0","method":"later","id":"x"})");
  EXPECT_EQ(json::parse(r.body), json::parse(R"({"jsonrpc":"2.0","result":"late","id":"x"})"));
}

TEST_F(HttpServerTest, WrongOrMissingCredentialsGet401AfterTheDelay) {
  for (const credentials& who : {credentials{"user", "wrong"}, credentials{"", ""}}) {
    const auto start = std::chrono::steady_clock::now();
    auto r = post(R"({"method":"echo","id":1})", who);
    EXPECT_EQ(r.status, 401u);
    EXPECT_GE(std::chrono::steady_clock::now() - start, 200ms);  // never faster than the delay
    EXPECT_EQ(r.body.find("echo"), std::string::npos);
  }
  raw_socket s(port);  // no Authorization header at all
  s.send("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n\r\n{}");
  auto reply = s.read_until();
  EXPECT_EQ(reply.rfind("HTTP/1.1 401", 0), 0u) << reply;
  EXPECT_NE(reply.find("WWW-Authenticate: Basic realm=\"jsonrpc\""), std::string::npos);
}

TEST_F(HttpServerTest, OversizedBodiesGet413) {
  auto r = post(std::string(test_body_limit + 1, ' '));
  EXPECT_EQ(r.status, 413u) << r.error;
  // Announced as chunked, the size is only known while reading: still 413, not a crash.
  raw_socket s(port);
  s.send("POST / HTTP/1.1\r\nHost: x\r\nAuthorization: " + basic_auth_header(auth) +
         "\r\nTransfer-Encoding: chunked\r\n\r\n");
  for (int i = 0; i < 3; ++i) s.send("800\r\n" + std::string(0x800, 'a') + "\r\n");
  EXPECT_EQ(s.read_until("\r\n\r\n").rfind("HTTP/1.1 413", 0), 0u);
  EXPECT_EQ(post(R"({"method":"echo","id":1})").status, 200u);  // still serving
}

TEST_F(HttpServerTest, MalformedJsonIsAParseError) {
  for (const char* bad : {"{", "not json", "", "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[["}) {
    auto r = post(bad);
    EXPECT_EQ(r.status, 500u) << bad;
    EXPECT_EQ(json::parse(r.body)["error"]["code"], error_code::parse_error) << bad;
  }
  auto r = post(R"({"id":1})");
  EXPECT_EQ(r.status, 400u);
  EXPECT_EQ(json::parse(r.body)["error"]["code"], error_code::invalid_request);
}

TEST_F(HttpServerTest, CoreStatusCodesForLegacyErrors) {
  EXPECT_EQ(post(R"({"method":"nope","id":1})").status, 404u);
  EXPECT_EQ(post(R"({"method":"fail","id":1})").status, 500u);
  EXPECT_EQ(post(R"({"jsonrpc":"2.0","method":"nope","id":1})").status, 200u);
}

TEST_F(HttpServerTest, BatchesKeepOrderAndDropNotifications) {
  auto r = post(R"([{"method":"later","id":1},{"jsonrpc":"2.0","method":"echo","params":[2]},
                    {"method":"nope","id":3},{"id":4},{"jsonrpc":"2.0","method":"echo","id":5}])");
  EXPECT_EQ(r.status, 200u);
  auto replies = json::parse(r.body);
  ASSERT_EQ(replies.size(), 4u) << r.body;
  EXPECT_EQ(replies[0]["result"], "late");
  EXPECT_EQ(replies[1]["error"]["code"], error_code::method_not_found);
  EXPECT_EQ(replies[2]["error"]["code"], error_code::invalid_request);
  EXPECT_EQ(replies[3]["id"], 5);
  auto note = post(R"({"jsonrpc":"2.0","method":"echo","params":[1]})");
  EXPECT_EQ(note.status, 204u);
  EXPECT_TRUE(note.body.empty());
}

TEST_F(HttpServerTest, OtherMethodsAndPaths) {
  EXPECT_EQ(http_get(address, auth, "/", 5s).status, 405u);
  EXPECT_EQ(http_get(address, auth, "/nothing", 5s).status, 404u);
  auto metrics = http_get(address, auth, "/metrics", 5s);
  EXPECT_EQ(metrics.status, 200u);
  EXPECT_EQ(metrics.body, "up 1\n");
  EXPECT_EQ(http_get(address, {"user", "x"}, "/metrics", 5s).status, 401u);
  EXPECT_EQ(http_post(address, auth, R"({"method":"echo","id":1})", 5s, "/wallet/w").status, 200u);
}

TEST_F(HttpServerTest, KeepAliveServesSeveralRequestsOnOneConnection) {
  raw_socket s(port);
  const std::string body = R"({"method":"echo","params":[7],"id":1})";
  const std::string req = "POST / HTTP/1.1\r\nHost: x\r\nAuthorization: " +
                          basic_auth_header(auth) + "\r\nContent-Length: " +
                          std::to_string(body.size()) + "\r\n\r\n" + body;
  s.send(req);
  EXPECT_NE(s.read_until("\"id\":1}").find("[7]"), std::string::npos);
  s.send(req);
  EXPECT_NE(s.read_until("\"id\":1}").find("[7]"), std::string::npos);
}

TEST_F(HttpServerTest, GarbageAndHugeHeadersCloseOnlyThatConnection) {
  {
    raw_socket s(port);
    s.send("\x16\x03\x01 this is not http\r\n\r\n");
    s.read_until();  // closed
  }
  {
    raw_socket s(port);
    s.send("POST / HTTP/1.1\r\nX: " + std::string(20000, 'a') + "\r\n\r\n");
    EXPECT_EQ(s.read_until().rfind("HTTP/1.1 431", 0), 0u);
  }
  EXPECT_EQ(post(R"({"method":"echo","id":1})").status, 200u);
}

TEST_F(HttpServerTest, StopClosesOpenConnections) {
  raw_socket idle(port);
  ASSERT_TRUE(idle.connected());
  std::this_thread::sleep_for(50ms);
  server->stop();
  EXPECT_EQ(idle.read_until(), "");  // closed without a reply
  EXPECT_NE(post(R"({"method":"echo","id":1})").status, 200u);
}

}  // namespace
}  // namespace btcnet::rpc
