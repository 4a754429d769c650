// libFuzzer target: the streaming frame decoder and payload decoding, with two properties checked
// on every input besides "no crash, no leak":
//  - feeding the input in chunks (sizes drawn from its first bytes) gives exactly the events of
//    feeding it whole;
//  - every payload that decodes re-encodes to a frame that decodes to the same message.
#include <cstdint>
#include <cstdlib>
#include <vector>

#include "fuzz_common.hpp"
#include "net/wire/frame_decoder.hpp"

using namespace btcnet::wire;

namespace {

constexpr std::uint32_t magic = 0xd9b4bef9;

struct event {
  int kind;  // 0 frame, 1 unknown, 2 error, 3 bad checksum
  command cmd;
  bytes data;
  bool operator==(const event&) const = default;
};

struct recording_sink {
  std::vector<event> events;
  std::uint32_t pver;
  void on_frame(const frame& f) {
    events.push_back({0, f.cmd, bytes(f.payload.begin(), f.payload.end())});
    fuzz::check_round_trip(f.cmd, f.payload, pver);
  }
  void on_unknown(std::string_view c, std::uint32_t) {
    events.push_back({1, command::version, bytes(c.begin(), c.end())});
  }
  void on_error(std::error_code ec) {
    events.push_back({2, command::version, bytes{static_cast<std::uint8_t>(ec.value())}});
  }
  void on_bad_frame(command c, std::error_code) { events.push_back({3, c, {}}); }
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 2) return 0;
  const std::uint32_t pver = fuzz::pick_protocol_version(data[0]);
  const std::size_t max_chunk = 1 + data[1] % 64;
  const byte_span stream(data + 2, size - 2);

  recording_sink whole{{}, pver};
  frame_decoder(magic).feed(stream, whole);

  recording_sink chunked{{}, pver};
  frame_decoder d(magic);
  std::size_t pos = 0, i = 0;
  while (pos < stream.size()) {
    const std::size_t n =
        std::min(stream.size() - pos, 1 + (stream[i++ % stream.size()] % max_chunk));
    d.feed(stream.subspan(pos, n), chunked);
    pos += n;
  }
  if (whole.events != chunked.events) std::abort();
  return 0;
}
