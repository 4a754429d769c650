// Address book figures, on the workload of Bitcoin Core's src/bench/addrman.cpp: 64 source groups
// × 256 random routable IPv4 addresses (16,384). Plus peers.json save (with fsync) and load of a
// book of 20,000 addresses.
//   build/bin/bench_address_book --benchmark_min_time=1
// Targets (issue 5): add ≤ 1 µs/address, select ≤ 150 ns, select from 1 entry ≤ 1 µs,
// address cache ≤ 0.1 ms, good ≤ 1 µs, save ≤ 20 ms, load ≤ 20 ms.
#include <benchmark/benchmark.h>
#include <unistd.h>

#include <filesystem>
#include <random>

#include "actors/addr_manager/address_book.hpp"
#include "actors/addr_manager/peers_json.hpp"
#include "net/wire/protocol.hpp"

namespace btcnet::addr_manager {
namespace {

constexpr int num_sources = 64;
constexpr int addresses_per_source = 256;
constexpr unix_time now = 1'700'000'000;

book_key some_key() {
  book_key k{};
  for (std::size_t i = 0; i < k.size(); ++i) k[i] = static_cast<std::uint8_t>(i * 7 + 1);
  return k;
}

wire::peer_address random_routable_ipv4(std::mt19937_64& rng) {
  for (;;) {
    const auto v = static_cast<std::uint32_t>(rng());
    wire::peer_address a{
        static_cast<std::uint32_t>(now - rng() % 100000), wire::node_network,
        wire::endpoint::ipv4(static_cast<std::uint8_t>(v >> 24), static_cast<std::uint8_t>(v >> 16),
                             static_cast<std::uint8_t>(v >> 8), static_cast<std::uint8_t>(v),
                             8333)};
    if (address::is_routable(a.where)) return a;
  }
}

struct workload {
  std::vector<wire::peer_address> sources;
  std::vector<std::vector<wire::peer_address>> addresses;  // per source
  workload() {
    std::mt19937_64 rng(12345);
    for (int s = 0; s < num_sources; ++s) {
      sources.push_back(random_routable_ipv4(rng));
      auto& list = addresses.emplace_back();
      for (int i = 0; i < addresses_per_source; ++i) list.push_back(random_routable_ipv4(rng));
    }
  }
  void fill(address_book& book) const {
    for (int s = 0; s < num_sources; ++s) book.add_addresses(addresses[s], sources[s], now);
  }
};

const workload& the_workload() {
  static const workload w;
  return w;
}

benchmark::Counter per_item(double items) {
  return benchmark::Counter(
      items, benchmark::Counter::kIsIterationInvariantRate | benchmark::Counter::kInvert);
}

// Core AddrManAdd: a fresh book, all 16,384 addresses added (construction included).
void BM_AddressBookAdd(benchmark::State& state) {
  const workload& w = the_workload();
  for (auto _ : state) {
    address_book book(some_key(), 1);
    w.fill(book);
    benchmark::DoNotOptimize(book.size());
  }
  state.counters["per_address"] = per_item(num_sources * addresses_per_source);
}
BENCHMARK(BM_AddressBookAdd)->Unit(benchmark::kMillisecond);

// Core AddrManSelect: select on the full table.
void BM_AddressBookSelect(benchmark::State& state) {
  address_book book(some_key(), 1);
  the_workload().fill(book);
  for (auto _ : state) benchmark::DoNotOptimize(book.select(now));
  state.counters["entries"] = static_cast<double>(book.size());
}
BENCHMARK(BM_AddressBookSelect);

// Core AddrManSelectFromAlmostEmpty: one address in 1024 new buckets.
void BM_AddressBookSelectFromAlmostEmpty(benchmark::State& state) {
  address_book book(some_key(), 1);
  book.add_address(the_workload().addresses[0][0], the_workload().sources[0], now);
  for (auto _ : state) benchmark::DoNotOptimize(book.select(now));
}
BENCHMARK(BM_AddressBookSelectFromAlmostEmpty);

// Core AddrManGetAddr: the getaddr answer (23%, at most 2500) from the full table.
void BM_AddressBookAddressCache(benchmark::State& state) {
  address_book book(some_key(), 1);
  the_workload().fill(book);
  for (auto _ : state) benchmark::DoNotOptimize(book.address_cache());
  state.counters["returned"] = static_cast<double>(book.address_cache().size());
}
BENCHMARK(BM_AddressBookAddressCache)->Unit(benchmark::kMicrosecond);

// Core AddrManAddThenGood: a fresh full book (untimed), then good() on every address (timed).
void BM_AddressBookAddThenGood(benchmark::State& state) {
  const workload& w = the_workload();
  for (auto _ : state) {
    state.PauseTiming();
    address_book book(some_key(), 1);
    w.fill(book);
    state.ResumeTiming();
    for (const auto& list : w.addresses)
      for (const auto& a : list) book.good(a.where, now);
    benchmark::DoNotOptimize(book.tried_count());
  }
  state.counters["per_good"] = per_item(num_sources * addresses_per_source);
}
BENCHMARK(BM_AddressBookAddThenGood)->Unit(benchmark::kMillisecond);

// A book of exactly 20,000 addresses, a quarter of them tried.
address_book twenty_thousand() {
  address_book book(some_key(), 1);
  std::mt19937_64 rng(777);
  std::vector<wire::peer_address> sources;
  for (int s = 0; s < num_sources; ++s) sources.push_back(random_routable_ipv4(rng));
  for (std::size_t i = 0; book.size() < 20000; ++i) {
    const auto a = random_routable_ipv4(rng);
    book.add_address(a, sources[i % sources.size()], now);
    if (i % 4 == 0) book.good(a.where, now);
  }
  return book;
}

std::filesystem::path bench_file() {
  const auto dir =
      std::filesystem::temp_directory_path() / ("btcnet-bench-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  return dir / "peers.json";
}

void BM_PeersJsonSave(benchmark::State& state) {
  const address_book book = twenty_thousand();
  for (auto _ : state) {
    if (save_peers(book, bench_file())) state.SkipWithError("save failed");
  }
  state.counters["bytes"] = static_cast<double>(std::filesystem::file_size(bench_file()));
}
BENCHMARK(BM_PeersJsonSave)->Unit(benchmark::kMillisecond);

void BM_PeersJsonEncode(benchmark::State& state) {
  const address_book book = twenty_thousand();
  for (auto _ : state) benchmark::DoNotOptimize(encode_peers_json(book));
}
BENCHMARK(BM_PeersJsonEncode)->Unit(benchmark::kMillisecond);

void BM_PeersJsonLoad(benchmark::State& state) {
  if (save_peers(twenty_thousand(), bench_file())) state.SkipWithError("save failed");
  for (auto _ : state) {
    auto out = load_peers(bench_file(), 1, now);
    if (!out.book || out.book->size() != 20000) state.SkipWithError("load failed");
    benchmark::DoNotOptimize(out);
  }
  std::filesystem::remove_all(bench_file().parent_path());
}
BENCHMARK(BM_PeersJsonLoad)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace btcnet::addr_manager

BENCHMARK_MAIN();
