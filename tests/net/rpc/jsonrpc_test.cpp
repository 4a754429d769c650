// JSON-RPC envelopes: versions, ids, params shapes, batches, Core's status codes, and bodies that
// must be refused before they can hurt (deep nesting).
#include "net/rpc/jsonrpc.hpp"

#include <gtest/gtest.h>

namespace btcnet::rpc {
namespace {

request parsed(const char* text) {
  request r;
  EXPECT_FALSE(parse_request(json::parse(text), r)) << text;
  return r;
}

int error_of(const char* text) {
  request r;
  auto e = parse_request(json::parse(text), r);
  return e ? e->code : 0;
}

TEST(JsonRpc, LegacyAndVersion2Requests) {
  auto legacy = parsed(R"({"method":"getpeerinfo","params":[],"id":7})");
  EXPECT_FALSE(legacy.v2);
  EXPECT_EQ(legacy.method, "getpeerinfo");
  EXPECT_EQ(legacy.id, 7);
  auto v1 = parsed(R"({"jsonrpc":"1.0","method":"x","id":"a"})");
  EXPECT_FALSE(v1.v2);
  EXPECT_EQ(v1.params, json::array());  // absent params are an empty list
  auto v2 = parsed(R"({"jsonrpc":"2.0","method":"x","params":{"count":2},"id":null})");
  EXPECT_TRUE(v2.v2);
  EXPECT_FALSE(v2.notification);  // an explicit null id is still a request
  EXPECT_TRUE(v2.params.is_object());
  EXPECT_TRUE(parsed(R"({"jsonrpc":"2.0","method":"x"})").notification);
  EXPECT_FALSE(parsed(R"({"method":"x"})").notification);  // 1.0 always replies
}

TEST(JsonRpc, InvalidRequestsAreInvalidRequest) {
  for (const char* bad : {R"([1])", R"({"id":1})", R"({"method":5,"id":1})",
                          R"({"method":"x","params":"a"})", R"({"jsonrpc":"3.0","method":"x"})",
                          R"({"method":"x","id":[1]})", R"({"method":"x","id":{"a":1}})"}) {
    request r;
    auto j = json::parse(bad);
    auto e = parse_request(j.is_array() ? j[0] : j, r);
    ASSERT_TRUE(e) << bad;
    EXPECT_EQ(e->code, error_code::invalid_request) << bad;
  }
  EXPECT_EQ(error_of(R"({"method":"x","params":null})"), 0);
}

TEST(JsonRpc, RepliesFollowTheRequestVersion) {
  auto legacy = parsed(R"({"method":"x","id":1})");
  EXPECT_EQ(make_reply(legacy, {42, std::nullopt}),
            json::parse(R"({"result":42,"error":null,"id":1})"));
  EXPECT_EQ(make_reply(legacy, {nullptr, rpc_error{-8, "bad"}}),
            json::parse(R"({"result":null,"error":{"code":-8,"message":"bad"},"id":1})"));
  auto v2 = parsed(R"({"jsonrpc":"2.0","method":"x","id":"q"})");
  EXPECT_EQ(make_reply(v2, {42, std::nullopt}),
            json::parse(R"({"jsonrpc":"2.0","result":42,"id":"q"})"));
  EXPECT_EQ(make_reply(v2, {nullptr, rpc_error{-8, "bad"}}),
            json::parse(R"({"jsonrpc":"2.0","error":{"code":-8,"message":"bad"},"id":"q"})"));
}

TEST(JsonRpc, StatusCodesAsCoreSendsThem) {
  auto legacy = parsed(R"({"method":"x","id":1})");
  auto v2 = parsed(R"({"jsonrpc":"2.0","method":"x","id":1})");
  EXPECT_EQ(http_status(legacy, {1, std::nullopt}), 200);
  EXPECT_EQ(http_status(legacy, {nullptr, rpc_error{error_code::method_not_found, ""}}), 404);
  EXPECT_EQ(http_status(legacy, {nullptr, rpc_error{error_code::invalid_request, ""}}), 400);
  EXPECT_EQ(http_status(legacy, {nullptr, rpc_error{error_code::invalid_parameter, ""}}), 500);
  EXPECT_EQ(http_status(v2, {nullptr, rpc_error{error_code::method_not_found, ""}}), 200);
}

TEST(JsonRpc, BodiesSingleBatchAndGarbage) {
  auto single = parse_body(R"({"method":"x"})");
  EXPECT_FALSE(single.batch);
  EXPECT_EQ(single.items.size(), 1u);
  auto batch = parse_body(R"([{"method":"x"},{"method":"y"},3])");
  EXPECT_TRUE(batch.batch);
  EXPECT_EQ(batch.items.size(), 3u);
  EXPECT_FALSE(batch.error);
  EXPECT_EQ(parse_body("[]").error->code, error_code::invalid_request);
  for (const char* bad : {"", "{", "{\"method\":}", "nul", "\"text\"", "12", "{}{}"})
    EXPECT_EQ(parse_body(bad).error->code, error_code::parse_error) << bad;
}

TEST(JsonRpc, DeepNestingIsRefusedBeforeParsing) {
  EXPECT_EQ(parse_body(std::string(1 << 20, '[')).error->code, error_code::parse_error);
  std::string deep = R"({"method":"x","params":)" + std::string(40, '[') + std::string(40, ']') + "}";
  EXPECT_TRUE(parse_body(deep).error);
  // Brackets inside strings do not count.
  std::string quoted = R"({"method":"x","params":[")" + std::string(100, '[') + R"(\"["]})";
  EXPECT_FALSE(parse_body(quoted).error);
  std::string shallow = R"({"method":"x","params":)" + std::string(10, '[') + std::string(10, ']') + "}";
  EXPECT_FALSE(parse_body(shallow).error);
}

}  // namespace
}  // namespace btcnet::rpc
