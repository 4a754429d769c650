// Every way a frame or payload can be malformed, as a std::error_code so that the peer layer can
// answer each one the way Bitcoin Core and btcd do (disconnect, drop, ban score).
#pragma once

#include <system_error>

namespace btcnet::wire {

enum class wire_errc {
  ok = 0,
  message_too_long = 1,  // declared length > max_protocol_message_length: disconnect
  wrong_magic,           // frame from another network: disconnect
  invalid_command,       // command not printable ASCII or not NUL padded
  unknown_command,       // well-formed frame with a command we do not know: ignore it
  payload_too_long,      // declared length above the command's own maximum
  bad_checksum,          // checksum mismatch
  truncated,             // payload ended before the message did
  trailing_bytes,        // bytes left over after decoding the payload
  non_canonical_compact_size,
  string_too_long,          // var-string longer than its field allows
  too_many_entries,         // list count above the message's maximum
  invalid_address_size,     // BIP155 address of the wrong length for its network id
  not_in_protocol_version,  // message or field not defined at the negotiated protocol version
  invalid_value,            // field value out of range (e.g. a bool that is not 0/1)
};

const std::error_category& wire_category() noexcept;
std::error_code make_error_code(wire_errc e) noexcept;

}  // namespace btcnet::wire

template <>
struct std::is_error_code_enum<btcnet::wire::wire_errc> : std::true_type {};
