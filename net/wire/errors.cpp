#include "net/wire/errors.hpp"

#include "net/wire/error_category.hpp"

namespace btcnet::wire {
namespace {

const char* describe(wire_errc e) {
  switch (e) {
    case wire_errc::ok:
      return "ok";
    case wire_errc::message_too_long:
      return "message length exceeds the protocol maximum";
    case wire_errc::wrong_magic:
      return "message from another network (wrong magic)";
    case wire_errc::invalid_command:
      return "invalid command";
    case wire_errc::unknown_command:
      return "unknown command";
    case wire_errc::payload_too_long:
      return "payload exceeds the command's maximum length";
    case wire_errc::bad_checksum:
      return "payload checksum mismatch";
    case wire_errc::truncated:
      return "payload ended early";
    case wire_errc::trailing_bytes:
      return "payload has extra bytes after decode";
    case wire_errc::non_canonical_compact_size:
      return "non-canonical CompactSize";
    case wire_errc::string_too_long:
      return "string exceeds its maximum length";
    case wire_errc::too_many_entries:
      return "too many entries in list";
    case wire_errc::invalid_address_size:
      return "address size invalid for its network id";
    case wire_errc::not_in_protocol_version:
      return "not valid at the negotiated protocol version";
    case wire_errc::invalid_value:
      return "field value out of range";
  }
  return "unknown wire error";
}

}  // namespace

const std::error_category& wire_category() noexcept {
  static const enum_error_category<wire_errc> category("wire", describe);
  return category;
}

std::error_code make_error_code(wire_errc e) noexcept {
  return {static_cast<int>(e), wire_category()};
}

}  // namespace btcnet::wire
