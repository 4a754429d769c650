// libFuzzer target for one message decoder, chosen at build time by FUZZ_COMMAND (one binary per
// command: fuzz_msg_<command>). Input: one byte choosing the protocol version, then the payload.
#include <cstdint>

#include "fuzz_common.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace btcnet::wire;
  if (size < 1) return 0;
  fuzz::check_round_trip(command::FUZZ_COMMAND, byte_span(data + 1, size - 1),
                         fuzz::pick_protocol_version(data[0]));
  return 0;
}
