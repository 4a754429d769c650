// Cross-implementation test: python-bitcoinlib (Debian's python3-bitcoinlib, run by
// /usr/bin/python3) builds messages our decoder must accept field for field, and decodes the
// frames our encoder produces. The oracle script documents the field schema.
#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>

#include "net/wire/frame_decoder.hpp"
#include "net/wire/messages.hpp"
#include "test_vectors.hpp"

namespace btcnet::wire {
namespace {

using json = nlohmann::json;
using test::from_hex;
using test::to_hex;

const std::string oracle = std::string(BTCNET_SOURCE_DIR) + "/tests/net/wire/bitcoinlib_oracle.py";

std::vector<json> run_oracle(const std::string& args) {
  const std::string cmd = "/usr/bin/python3 " + oracle + " " + args;
  std::FILE* pipe = ::popen(cmd.c_str(), "r");
  if (!pipe) throw std::runtime_error("cannot run " + cmd);
  std::string out;
  char buf[4096];
  while (std::size_t n = std::fread(buf, 1, sizeof buf, pipe)) out.append(buf, n);
  if (::pclose(pipe) != 0) throw std::runtime_error("oracle failed: " + cmd);
  std::vector<json> lines;
  std::size_t pos = 0;
  for (std::size_t nl; (nl = out.find('\n', pos)) != std::string::npos; pos = nl + 1)
    lines.push_back(json::parse(out.substr(pos, nl - pos)));
  return lines;
}

json address_fields(const peer_address& a) {
  return {{"services", a.services}, {"ip", a.where.host()}, {"port", a.where.port}};
}

json hash_list(const std::vector<hash256>& hashes) {
  json out = json::array();
  for (const auto& h : hashes) out.push_back(to_hex(h));
  return out;
}

template <class M>
json inventory_fields(const M& m) {
  json entries = json::array();
  for (const auto& e : m.entries) entries.push_back({{"type", e.type}, {"hash", to_hex(e.hash)}});
  return {{"inventory", entries}};
}

template <class M>
json locator_fields(const M& m) {
  return {{"version", static_cast<std::int32_t>(m.version)},
          {"locator", hash_list(m.locator)},
          {"hash_stop", to_hex(m.hash_stop)}};
}

// Our typed message in the oracle's field schema.
json to_fields(const message& m) {
  if (auto v = std::get_if<msg::version>(&m))
    return {{"version", v->protocol},
            {"services", v->services},
            {"timestamp", v->timestamp},
            {"addr_recv", address_fields(v->receiver)},
            {"addr_from", address_fields(v->sender)},
            {"nonce", v->nonce},
            {"user_agent", v->user_agent},
            {"start_height", v->start_height},
            {"relay", v->relay ? 1 : 0}};
  if (auto p = std::get_if<msg::ping>(&m)) return {{"nonce", p->nonce}};
  if (auto p = std::get_if<msg::pong>(&m)) return {{"nonce", p->nonce}};
  if (auto a = std::get_if<msg::addr>(&m)) {
    json list = json::array();
    for (const auto& e : a->addresses) {
      json f = address_fields(e);
      f["time"] = e.time;
      list.push_back(f);
    }
    return {{"addrs", list}};
  }
  if (auto i = std::get_if<msg::inv>(&m)) return inventory_fields(*i);
  if (auto i = std::get_if<msg::getdata>(&m)) return inventory_fields(*i);
  if (auto i = std::get_if<msg::notfound>(&m)) return inventory_fields(*i);
  if (auto r = std::get_if<msg::reject>(&m))
    return {{"message", r->message}, {"ccode", static_cast<int>(r->code)}, {"reason", r->reason}};
  if (auto g = std::get_if<msg::getheaders>(&m)) return locator_fields(*g);
  if (auto g = std::get_if<msg::getblocks>(&m)) return locator_fields(*g);
  return json::object();
}

std::uint32_t magic_of(const json& line) {
  const bytes b = from_hex(line.at("magic").get<std::string>());
  return b[0] | b[1] << 8 | b[2] << 16 | static_cast<std::uint32_t>(b[3]) << 24;
}

struct decoded {
  std::error_code error;
  message msg;
};

decoded decode_frame(const bytes& frame_bytes, std::uint32_t magic) {
  test::recording_sink sink;
  frame_decoder d(magic);
  d.feed(frame_bytes, sink);
  if (!sink.errors.empty()) return {sink.errors.front(), {}};
  if (sink.frames.size() != 1) return {wire_errc::truncated, {}};
  decoded out;
  out.error = decode_payload(sink.frames[0].cmd, sink.frames[0].payload, protocol_version, out.msg);
  return out;
}

// The protocol version a message is encoded at: a version message at its own version (so a
// 60002 version carries no relay byte), everything else at ours.
std::uint32_t encode_version_for(const message& m) {
  if (auto v = std::get_if<msg::version>(&m)) return static_cast<std::uint32_t>(v->protocol);
  return protocol_version;
}

// Frames bitcoinlib builds that btcd (and so we) refuse: a block reject must carry the block's
// hash (btcd MsgReject.BtcDecode reads it for "block" and "tx"); bitcoinlib cannot add one.
const std::map<std::string, wire_errc> refused_as_btcd_does = {
    {"reject_block_nohash", wire_errc::truncated},
};

bool refused(const json& line) {
  return refused_as_btcd_does.count(line.at("name")) > 0;
}

class BitcoinlibOracle : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { generated_ = run_oracle("gen"); }
  static inline std::vector<json> generated_;
};

TEST_F(BitcoinlibOracle, GeneratesAWideSetOfMessages) {
  EXPECT_GE(generated_.size(), 15u);
}

TEST_F(BitcoinlibOracle, OurDecoderAcceptsTheirMessagesFieldForField) {
  for (const auto& line : generated_) {
    const std::string name = line.at("name");
    const auto got =
        decode_frame(from_hex(line.at("frame_hex").get<std::string>()), magic_of(line));
    if (refused(line)) {
      EXPECT_EQ(got.error, refused_as_btcd_does.at(name)) << name;
      continue;
    }
    ASSERT_FALSE(got.error) << name << ": " << got.error.message();
    EXPECT_EQ(command_name(command_of(got.msg)), line.at("command").get<std::string>()) << name;
    EXPECT_EQ(to_fields(got.msg), line.at("fields")) << name;
  }
}

TEST_F(BitcoinlibOracle, TheyDecodeWhatWeEncode) {
  const std::string input_path = ::testing::TempDir() + "btcnet_oracle_input.jsonl";
  std::vector<json> expected;
  {
    std::ofstream input(input_path);
    for (const auto& line : generated_) {
      if (refused(line)) continue;
      const auto got =
          decode_frame(from_hex(line.at("frame_hex").get<std::string>()), magic_of(line));
      ASSERT_FALSE(got.error);
      bytes ours;
      ASSERT_FALSE(encode_frame(ours, magic_of(line), got.msg, encode_version_for(got.msg)));
      input << json{{"name", line.at("name")}, {"frame_hex", to_hex(ours)}}.dump() << "\n";
      expected.push_back(line);
    }
  }
  const auto decoded_by_them = run_oracle("decode < " + input_path);
  ASSERT_EQ(decoded_by_them.size(), expected.size());
  for (std::size_t i = 0; i < expected.size(); ++i) {
    const auto& theirs = decoded_by_them[i];
    const std::string name = expected[i].at("name");
    ASSERT_FALSE(theirs.contains("error")) << name << ": " << theirs.dump();
    EXPECT_EQ(theirs.at("fields"), expected[i].at("fields")) << name;
    EXPECT_EQ(theirs.value("unparsed_hex", ""), "") << name;
  }
}

TEST_F(BitcoinlibOracle, TheyRejectOurCorruptedChecksum) {
  bytes frame;
  encode_frame(frame, test::mainnet_magic, msg::ping{42}, protocol_version);
  frame[20] ^= 1;
  const std::string input_path = ::testing::TempDir() + "btcnet_oracle_bad.jsonl";
  std::ofstream(input_path) << json{{"name", "bad"}, {"frame_hex", to_hex(frame)}}.dump() << "\n";
  const auto out = run_oracle("decode < " + input_path);
  ASSERT_EQ(out.size(), 1u);
  EXPECT_TRUE(out[0].contains("error"));
}

}  // namespace
}  // namespace btcnet::wire
