// libFuzzer target: the peers.json loader (btcd's serialised address manager). Besides "no crash,
// no leak": a file the loader accepts and restores into a book must survive save -> load with the
// same number of addresses, new and tried (what we write, we can read back).
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "actors/addr_manager/peers_json.hpp"

using namespace btcnet::addr_manager;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const decode_result first = decode_peers_json(text);
  if (!first.image) return 0;
  restore_result restored = address_book::restore(*first.image, 1);
  if (!restored.book) return 0;
  const address_book& book = *restored.book;

  const decode_result second = decode_peers_json(encode_peers_json(book));
  if (!second.image) std::abort();
  restore_result again = address_book::restore(*second.image, 1);
  if (!again.book) std::abort();
  if (again.book->new_count() != book.new_count() ||
      again.book->tried_count() != book.tried_count())
    std::abort();
  return 0;
}
