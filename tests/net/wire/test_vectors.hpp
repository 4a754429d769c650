// Expected wire bytes, each from a source independent of the code under test (see each comment),
// and small helpers the wire tests share.
#pragma once

#include <string>
#include <string_view>
#include <system_error>
#include <vector>

#include "net/wire/byte_io.hpp"
#include "net/wire/frame_decoder.hpp"

namespace btcnet::wire::test {

bytes from_hex(std::string_view hex);
std::string to_hex(byte_span data);

inline constexpr std::uint32_t mainnet_magic = 0xd9b4bef9;

struct vector_case {
  const char* name;
  const char* frame_hex;
};
// Complete mainnet frames: btcd wire tests, BIPs, or built with Python's hashlib/struct from the
// BIP field layouts (never with btcnet's encoder).
extern const std::vector<vector_case> frame_vectors;
// The TorV3 address of btcd's netaddressv2 test and its public key.
inline constexpr const char* torv3_name =
    "zljnhsg4ttcng4btgdcshlyc5xcj36ggwbhhi3j3kfl2ofp6ta26jlid.onion";
inline constexpr const char* torv3_pubkey_hex =
    "cad2d3c8dc9cc4d3703330c523af02edc49df8c6b04e746d3b5157a715fe9835";
// I2P key 0x20..0x3f and its name (Python base64.b32encode, lower case, unpadded).
inline constexpr const char* i2p_name =
    "eaqseizeeutcokbjfivsyljof4ydcmrtgq2tmnzyhe5dwpb5hy7q.b32.i2p";

const char* frame_hex(std::string_view name);

// A frame_decoder sink that records everything it is told.
struct recorded_frame {
  command cmd;
  bytes payload;
};
struct recording_sink {
  std::vector<recorded_frame> frames;
  std::vector<std::string> unknown;
  std::vector<std::error_code> errors;
  std::vector<command> bad_frames;

  void on_frame(const frame& f) {
    frames.push_back({f.cmd, bytes(f.payload.begin(), f.payload.end())});
  }
  void on_unknown(std::string_view cmd, std::uint32_t) { unknown.emplace_back(cmd); }
  void on_error(std::error_code ec) { errors.push_back(ec); }
  void on_bad_frame(command cmd, std::error_code) { bad_frames.push_back(cmd); }
};

}  // namespace btcnet::wire::test
