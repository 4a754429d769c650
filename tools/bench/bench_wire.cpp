// Wire codec throughput: frame decoding with checksum next to OpenSSL's raw SHA-256d on the same
// buffer (the physical limit), small-message decode rates, and version encoding.
//   build/bin/bench_wire --benchmark_min_time=1
#include <benchmark/benchmark.h>

#include <random>

#include "net/wire/frame_decoder.hpp"
#include "net/wire/messages.hpp"

namespace btcnet::wire {
namespace {

constexpr std::uint32_t magic = 0xd9b4bef9;

template <class M>
bytes frame_of(const M& m) {
  bytes out;
  if (encode_frame(out, magic, m, protocol_version)) std::abort();
  return out;
}

msg::inv big_inv() {
  msg::inv inv;
  inv.entries.resize(max_inv_per_message);
  std::mt19937_64 rng(1);
  for (auto& e : inv.entries) {
    e.type = inv_tx;
    for (auto& b : e.hash) b = static_cast<std::uint8_t>(rng());
  }
  return inv;
}

bytes opaque_block_frame() {
  msg::raw block{command::block, bytes(max_protocol_message_length)};
  std::mt19937_64 rng(2);
  for (auto& b : block.payload) b = static_cast<std::uint8_t>(rng());
  return frame_of(block);
}

// Counts frames and decodes typed ones, as the peer does.
struct decoding_sink {
  std::size_t frames = 0;
  bool decode = true;
  void on_frame(const frame& f) {
    ++frames;
    if (!decode) return;
    message m;
    if (decode_payload(f.cmd, f.payload, protocol_version, m)) std::abort();
    benchmark::DoNotOptimize(m);
  }
  void on_unknown(std::string_view, std::uint32_t) {}
  void on_error(std::error_code) { std::abort(); }
  void on_bad_frame(command, std::error_code) { std::abort(); }
};

void run_frames(benchmark::State& state, const bytes& stream, bool decode) {
  for (auto _ : state) {
    frame_decoder d(magic);
    decoding_sink sink{0, decode};
    d.feed(stream, sink);
    benchmark::DoNotOptimize(sink.frames);
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * stream.size()));
}

void BM_Sha256dRaw(benchmark::State& state) {
  const bytes buf(static_cast<std::size_t>(state.range(0)), 0x5a);
  for (auto _ : state) benchmark::DoNotOptimize(sha256d(buf));
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * buf.size()));
}
BENCHMARK(BM_Sha256dRaw)->Arg(8)->Arg(1'800'009)->Arg(4'000'000)->Unit(benchmark::kMillisecond);

void BM_FrameDecodeInv50000(benchmark::State& state) {
  run_frames(state, frame_of(big_inv()), true);
}
BENCHMARK(BM_FrameDecodeInv50000)->Unit(benchmark::kMillisecond);

void BM_FrameDecodeOpaque4MB(benchmark::State& state) {
  run_frames(state, opaque_block_frame(), false);
}
BENCHMARK(BM_FrameDecodeOpaque4MB)->Unit(benchmark::kMillisecond);

void BM_FrameDecodePing(benchmark::State& state) {
  bytes stream;
  constexpr int pings = 1000;
  for (int i = 0; i < pings; ++i)
    encode_frame(stream, magic, msg::ping{std::uint64_t(i)}, protocol_version);
  run_frames(state, stream, true);
  state.SetItemsProcessed(state.iterations() * pings);
}
BENCHMARK(BM_FrameDecodePing);

template <class M>
M thousand_addresses() {
  M m;
  std::mt19937_64 rng(3);
  for (std::size_t i = 0; i < max_addr_per_message; ++i) {
    const auto r = rng();
    m.addresses.push_back({static_cast<std::uint32_t>(r), node_network | node_witness,
                           endpoint::ipv4(std::uint8_t(r >> 8), std::uint8_t(r >> 16),
                                          std::uint8_t(r >> 24), std::uint8_t(r >> 32), 8333)});
  }
  return m;
}

template <class M>
void BM_DecodeAddressPayload(benchmark::State& state) {
  const bytes frame = frame_of(thousand_addresses<M>());
  const byte_span payload = byte_span(frame).subspan(message_header_size);
  for (auto _ : state) {
    message m;
    if (decode_payload(M::cmd, payload, protocol_version, m)) std::abort();
    benchmark::DoNotOptimize(m);
  }
  state.SetItemsProcessed(state.iterations() * max_addr_per_message);
}
BENCHMARK(BM_DecodeAddressPayload<msg::addr>)->Name("BM_DecodeAddr1000");
BENCHMARK(BM_DecodeAddressPayload<msg::addrv2>)->Name("BM_DecodeAddrv2_1000");

template <class M>
void BM_FrameDecodeAddress(benchmark::State& state) {
  run_frames(state, frame_of(thousand_addresses<M>()), true);
  state.SetItemsProcessed(state.iterations() * max_addr_per_message);
}
BENCHMARK(BM_FrameDecodeAddress<msg::addr>)->Name("BM_FrameDecodeAddr1000");
BENCHMARK(BM_FrameDecodeAddress<msg::addrv2>)->Name("BM_FrameDecodeAddrv2_1000");

void BM_EncodeVersionFrame(benchmark::State& state) {
  msg::version v;
  v.services = node_network | node_witness;
  v.timestamp = 1700000000;
  v.receiver.where = endpoint::ipv4(127, 0, 0, 1, 8333);
  v.nonce = 0x1122334455667788;
  v.user_agent = "/btcnet:0.1.0/";
  bytes out;
  for (auto _ : state) {
    out.clear();
    encode_frame(out, magic, v, protocol_version);
    benchmark::DoNotOptimize(out.data());
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_EncodeVersionFrame);

}  // namespace
}  // namespace btcnet::wire

BENCHMARK_MAIN();
