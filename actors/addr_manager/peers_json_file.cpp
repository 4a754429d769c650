// peers.json on disk: atomic saves, and loads that set a bad file aside rather than lose it.
#include "actors/addr_manager/peers_json.hpp"
#include "net/storage/atomic_file.hpp"

namespace btcnet::addr_manager {

using storage::atomic_file_writer;
using storage::mapped_file;
using storage::set_aside;

namespace {

// Moves the bad file aside and says so; the caller starts with an empty book.
load_outcome set_aside_outcome(const std::filesystem::path& file, unix_time now,
                               const std::string& why) {
  load_outcome out;
  out.result = load_outcome::status::set_aside;
  std::error_code ec;
  out.set_aside_path = set_aside(file, now, ec);
  out.warning = file.string() + ": " + why + "; ";
  out.warning += ec ? "could not move it aside (" + ec.message() + "), starting empty"
                    : "moved to " + out.set_aside_path.string() + ", starting empty";
  return out;
}

}  // namespace

std::error_code save_peers(const address_book& book, const std::filesystem::path& file) {
  atomic_file_writer writer(file);
  if (writer.error()) return writer.error();
  encode_peers_json(book, serialisation_version,
                    [&](std::string_view chunk) { writer.write(chunk); });
  return writer.commit();
}

load_outcome load_peers(const std::filesystem::path& file, std::uint64_t rng_seed, unix_time now) {
  decode_result decoded;
  {
    mapped_file text;
    if (auto ec = text.open(file)) {
      if (ec == std::errc::no_such_file_or_directory) return {};
      return set_aside_outcome(file, now, "cannot read (" + ec.message() + ")");
    }
    decoded = decode_peers_json(text.text());
  }
  if (!decoded.image) return set_aside_outcome(file, now, decoded.error);
  restore_result restored = address_book::restore(*decoded.image, rng_seed);
  if (!restored.book) return set_aside_outcome(file, now, "inconsistent: " + restored.error);
  load_outcome out;
  out.result = load_outcome::status::loaded;
  out.book = std::move(restored.book);
  return out;
}

}  // namespace btcnet::addr_manager
