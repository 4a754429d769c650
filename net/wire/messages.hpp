// The P2P messages the network layer speaks, each with its wire encoding and decoding at a given
// protocol version (btcd's wire package and Bitcoin Core's net_processing agree on these bytes).
//
// Every message type M has:
//   static constexpr command cmd;                       its command
//   static bool defined_at(std::uint32_t pver);         whether it exists at that version
//   void encode(byte_writer&, std::uint32_t pver) const;
//   std::error_code decode(byte_reader&, std::uint32_t pver);
#pragma once

#include <cstdint>
#include <initializer_list>
#include <string>
#include <variant>
#include <vector>

#include "net/wire/byte_io.hpp"
#include "net/wire/command.hpp"
#include "net/wire/hash.hpp"
#include "net/wire/net_address.hpp"
#include "net/wire/protocol.hpp"

namespace btcnet::wire::msg {

struct version {
  static constexpr command cmd = command::version;
  std::int32_t protocol = static_cast<std::int32_t>(protocol_version);
  std::uint64_t services = 0;
  std::int64_t timestamp = 0;
  peer_address receiver;  // "addr_recv"; its time is not on the wire
  peer_address sender;    // "addr_from"; its time is not on the wire
  std::uint64_t nonce = 0;
  std::string user_agent;
  std::int32_t start_height = 0;
  bool relay = true;  // absent on the wire means true (BIP37)

  // Appends a BIP14 component "name:ver(comment; comment)/" (starting the agent with "/" when
  // empty), as btcd's AddUserAgent does. Fails with string_too_long past 256 bytes and with
  // invalid_value when a part contains one of BIP14's reserved characters "/:()".
  std::error_code add_user_agent(std::string_view name, std::string_view ver,
                                 std::span<const std::string_view> comments);
  std::error_code add_user_agent(std::string_view name, std::string_view ver,
                                 std::initializer_list<std::string_view> comments = {}) {
    return add_user_agent(name, ver,
                          std::span<const std::string_view>(comments.begin(), comments.size()));
  }

  static bool defined_at(std::uint32_t) { return true; }
  void encode(byte_writer& w, std::uint32_t pver) const;
  std::error_code decode(byte_reader& r, std::uint32_t pver);
  friend bool operator==(const version&, const version&) = default;
};

// Messages without a payload.
template <command C, std::uint32_t MinVersion = 0>
struct empty_message {
  static constexpr command cmd = C;
  static bool defined_at(std::uint32_t pver) { return pver >= MinVersion; }
  void encode(byte_writer&, std::uint32_t) const {}
  std::error_code decode(byte_reader&, std::uint32_t) { return {}; }
  friend bool operator==(const empty_message&, const empty_message&) = default;
};

using verack = empty_message<command::verack>;
using getaddr = empty_message<command::getaddr>;
using mempool = empty_message<command::mempool, bip0035_version>;
using sendheaders = empty_message<command::sendheaders, sendheaders_version>;
using sendaddrv2 = empty_message<command::sendaddrv2, addrv2_version>;
using wtxidrelay = empty_message<command::wtxidrelay, addrv2_version>;

struct ping {
  static constexpr command cmd = command::ping;
  std::uint64_t nonce = 0;  // on the wire only when pver > BIP31's 60000

  static bool defined_at(std::uint32_t) { return true; }
  void encode(byte_writer& w, std::uint32_t pver) const;
  std::error_code decode(byte_reader& r, std::uint32_t pver);
  friend bool operator==(const ping&, const ping&) = default;
};

struct pong {
  static constexpr command cmd = command::pong;
  std::uint64_t nonce = 0;

  static bool defined_at(std::uint32_t pver) { return pver > bip0031_version; }
  void encode(byte_writer& w, std::uint32_t pver) const;
  std::error_code decode(byte_reader& r, std::uint32_t pver);
  friend bool operator==(const pong&, const pong&) = default;
};

struct addr {
  static constexpr command cmd = command::addr;
  std::vector<peer_address> addresses;  // IPv4/IPv6 only

  static bool defined_at(std::uint32_t) { return true; }
  void encode(byte_writer& w, std::uint32_t pver) const;
  std::error_code decode(byte_reader& r, std::uint32_t pver);
  friend bool operator==(const addr&, const addr&) = default;
};

struct addrv2 {
  static constexpr command cmd = command::addrv2;
  std::vector<peer_address> addresses;
  std::size_t skipped = 0;  // entries of unknown or obsolete networks dropped while decoding

  static bool defined_at(std::uint32_t) { return true; }
  void encode(byte_writer& w, std::uint32_t pver) const;
  std::error_code decode(byte_reader& r, std::uint32_t pver);
  friend bool operator==(const addrv2&, const addrv2&) = default;
};

struct feefilter {
  static constexpr command cmd = command::feefilter;
  std::int64_t fee_rate = 0;  // satoshis per 1000 bytes

  static bool defined_at(std::uint32_t pver) { return pver >= feefilter_version; }
  void encode(byte_writer& w, std::uint32_t pver) const;
  std::error_code decode(byte_reader& r, std::uint32_t pver);
  friend bool operator==(const feefilter&, const feefilter&) = default;
};

struct sendcmpct {
  static constexpr command cmd = command::sendcmpct;
  bool announce = false;
  std::uint64_t version = 1;

  static bool defined_at(std::uint32_t pver) { return pver >= short_ids_blocks_version; }
  void encode(byte_writer& w, std::uint32_t pver) const;
  std::error_code decode(byte_reader& r, std::uint32_t pver);
  friend bool operator==(const sendcmpct&, const sendcmpct&) = default;
};

struct reject {
  static constexpr command cmd = command::reject;
  std::string message;  // the command being rejected
  reject_code code = reject_code::malformed;
  std::string reason;
  hash256 hash{};  // on the wire only when message is "block" or "tx"

  bool has_hash() const { return message == "block" || message == "tx"; }
  static bool defined_at(std::uint32_t pver) { return pver >= reject_version; }
  void encode(byte_writer& w, std::uint32_t pver) const;
  std::error_code decode(byte_reader& r, std::uint32_t pver);
  friend bool operator==(const reject&, const reject&) = default;
};

struct inv_vector {
  std::uint32_t type = inv_error;
  hash256 hash{};
  friend bool operator==(const inv_vector&, const inv_vector&) = default;
};

// inv, getdata and notfound share one shape.
template <command C>
struct inventory_message {
  static constexpr command cmd = C;
  std::vector<inv_vector> entries;

  static bool defined_at(std::uint32_t) { return true; }
  void encode(byte_writer& w, std::uint32_t pver) const;
  std::error_code decode(byte_reader& r, std::uint32_t pver);
  friend bool operator==(const inventory_message&, const inventory_message&) = default;
};

using inv = inventory_message<command::inv>;
using getdata = inventory_message<command::getdata>;
using notfound = inventory_message<command::notfound>;

// getheaders and getblocks share one shape.
template <command C>
struct locator_message {
  static constexpr command cmd = C;
  std::uint32_t version = protocol_version;
  std::vector<hash256> locator;
  hash256 hash_stop{};

  static bool defined_at(std::uint32_t) { return true; }
  void encode(byte_writer& w, std::uint32_t pver) const;
  std::error_code decode(byte_reader& r, std::uint32_t pver);
  friend bool operator==(const locator_message&, const locator_message&) = default;
};

using getheaders = locator_message<command::getheaders>;
using getblocks = locator_message<command::getblocks>;

// Any other known command (block, tx, headers, …): the network layer passes its payload through
// untouched.
struct raw {
  command cmd = command::block;
  bytes payload;

  static bool defined_at(std::uint32_t) { return true; }
  void encode(byte_writer& w, std::uint32_t) const { w.raw(payload); }

  friend bool operator==(const raw&, const raw&) = default;
};

}  // namespace btcnet::wire::msg

namespace btcnet::wire {

using message =
    std::variant<msg::version, msg::verack, msg::ping, msg::pong, msg::getaddr, msg::addr,
                 msg::addrv2, msg::sendaddrv2, msg::sendheaders, msg::feefilter, msg::wtxidrelay,
                 msg::sendcmpct, msg::reject, msg::inv, msg::getdata, msg::notfound,
                 msg::getheaders, msg::getblocks, msg::mempool, msg::raw>;

command command_of(const message& m);

// Decodes a frame's payload (already length- and checksum-checked by the frame decoder) at the
// negotiated protocol version. Errors: the field errors of byte_io, `not_in_protocol_version`, and
// `trailing_bytes` when the payload is longer than the message (btcd v0.26 rule).
std::error_code decode_payload(command cmd, byte_span payload, std::uint32_t pver, message& out);

namespace detail {
// Reserves the 24 header bytes of a frame at the end of `out`; returns where the frame starts.
std::size_t begin_frame(bytes& out);
// Fills in the header of the frame starting at `start` (its payload follows the header); undoes
// the frame and fails with `payload_too_long` if the payload exceeds the command's maximum.
std::error_code end_frame(bytes& out, std::size_t start, std::uint32_t magic, command cmd);
}  // namespace detail

// Appends one complete frame (header + payload) for `m` to `out`: one buffer, one socket write.
// Fails with `not_in_protocol_version` for a message that does not exist at `pver`, and with
// `payload_too_long` if the payload exceeds the command's maximum; `out` is then unchanged.
template <class M>
std::error_code encode_frame(bytes& out, std::uint32_t magic, const M& m, std::uint32_t pver) {
  if (!M::defined_at(pver)) return wire_errc::not_in_protocol_version;
  const std::size_t start = detail::begin_frame(out);
  byte_writer w(out);
  m.encode(w, pver);
  if constexpr (std::is_same_v<M, msg::raw>) {
    return detail::end_frame(out, start, magic, m.cmd);
  } else {
    return detail::end_frame(out, start, magic, M::cmd);
  }
}

inline std::error_code encode_frame(bytes& out, std::uint32_t magic, const message& m,
                                    std::uint32_t pver) {
  return std::visit([&](const auto& x) { return encode_frame(out, magic, x, pver); }, m);
}

}  // namespace btcnet::wire
