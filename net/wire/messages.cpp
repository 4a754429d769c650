#include "net/wire/messages.hpp"

#include <bit>
#include <type_traits>

#include "net/wire/header.hpp"

namespace btcnet::wire::msg {
namespace {

void encode_hash(byte_writer& w, const hash256& h) {
  w.raw(h.data(), h.size());
}
void decode_hash(byte_reader& r, hash256& h) {
  r.read_into(h.data(), h.size());
}

}  // namespace

std::error_code version::add_user_agent(std::string_view name, std::string_view ver,
                                        std::span<const std::string_view> comments) {
  auto reserved = [](std::string_view part) {
    return part.find_first_of("/:()") != std::string_view::npos;
  };
  if (reserved(name) || reserved(ver)) return wire_errc::invalid_value;
  std::string agent = user_agent.empty() ? "/" : user_agent;
  agent.append(name).append(":").append(ver);
  if (comments.size() > 0) {
    agent += '(';
    for (auto c = comments.begin(); c != comments.end(); ++c) {
      if (reserved(*c)) return wire_errc::invalid_value;
      if (c != comments.begin()) agent += "; ";
      agent.append(*c);
    }
    agent += ')';
  }
  agent += '/';
  if (agent.size() > max_user_agent_length) return wire_errc::string_too_long;
  user_agent = std::move(agent);
  return {};
}

void version::encode(byte_writer& w, std::uint32_t pver) const {
  w.i32(protocol);
  w.u64(services);
  w.i64(timestamp);
  encode_legacy(w, receiver, false);
  encode_legacy(w, sender, false);
  w.u64(nonce);
  w.var_string(user_agent);
  w.i32(start_height);
  if (pver >= bip0037_version) w.u8(relay ? 1 : 0);
}

// Everything after addr_recv is optional (very old clients omit it): a field is read when bytes
// remain, exactly as btcd's MsgVersion.BtcDecode does.
std::error_code version::decode(byte_reader& r, std::uint32_t) {
  protocol = r.i32();
  services = r.u64();
  timestamp = r.i64();
  decode_legacy(r, receiver, false);
  *this = version{protocol, services, timestamp, receiver, {}, 0, {}, 0, true};
  if (!r.empty()) decode_legacy(r, sender, false);
  if (!r.empty()) nonce = r.u64();
  if (!r.empty()) user_agent = r.var_string(max_user_agent_length);
  if (!r.empty()) start_height = r.i32();
  if (!r.empty()) relay = r.bool_byte();
  return r.error();
}

void ping::encode(byte_writer& w, std::uint32_t pver) const {
  if (pver > bip0031_version) w.u64(nonce);
}

std::error_code ping::decode(byte_reader& r, std::uint32_t pver) {
  nonce = pver > bip0031_version ? r.u64() : 0;
  return r.error();
}

void pong::encode(byte_writer& w, std::uint32_t) const {
  w.u64(nonce);
}

std::error_code pong::decode(byte_reader& r, std::uint32_t pver) {
  if (!defined_at(pver)) return wire_errc::not_in_protocol_version;
  nonce = r.u64();
  return r.error();
}

void addr::encode(byte_writer& w, std::uint32_t pver) const {
  const bool with_time = pver >= net_address_time_version;
  w.compact_size(addresses.size());
  for (const auto& a : addresses) encode_legacy(w, a, with_time);
}

std::error_code addr::decode(byte_reader& r, std::uint32_t pver) {
  const bool with_time = pver >= net_address_time_version;
  const std::size_t n = r.count(max_addr_per_message);
  // Each entry takes at least 26 bytes, so a count the payload cannot hold is refused before
  // reserving memory for it.
  if (n > r.remaining() / 26) return wire_errc::truncated;
  addresses.resize(n);
  for (auto& a : addresses)
    if (auto ec = decode_legacy(r, a, with_time)) return ec;
  return r.error();
}

void addrv2::encode(byte_writer& w, std::uint32_t) const {
  w.compact_size(addresses.size());
  for (const auto& a : addresses) encode_v2(w, a);
}

std::error_code addrv2::decode(byte_reader& r, std::uint32_t) {
  const std::size_t n = r.count(max_addr_per_message);
  if (n > r.remaining() / 9) return wire_errc::truncated;  // 9 bytes: the smallest entry
  addresses.clear();
  addresses.reserve(n);
  skipped = 0;
  for (std::size_t i = 0; i < n; ++i) {
    peer_address a;
    bool skip = false;
    if (auto ec = decode_v2(r, a, skip)) return ec;
    if (skip) {
      ++skipped;
    } else {
      addresses.push_back(a);
    }
  }
  return r.error();
}

void feefilter::encode(byte_writer& w, std::uint32_t) const {
  w.i64(fee_rate);
}

std::error_code feefilter::decode(byte_reader& r, std::uint32_t pver) {
  if (!defined_at(pver)) return wire_errc::not_in_protocol_version;
  fee_rate = r.i64();
  return r.error();
}

void sendcmpct::encode(byte_writer& w, std::uint32_t) const {
  w.u8(announce ? 1 : 0);
  w.u64(version);
}

std::error_code sendcmpct::decode(byte_reader& r, std::uint32_t pver) {
  if (!defined_at(pver)) return wire_errc::not_in_protocol_version;
  announce = r.bool_byte();
  version = r.u64();
  return r.error();
}

void reject::encode(byte_writer& w, std::uint32_t) const {
  w.var_string(message);
  w.u8(static_cast<std::uint8_t>(code));
  w.var_string(reason);
  if (has_hash()) encode_hash(w, hash);
}

std::error_code reject::decode(byte_reader& r, std::uint32_t pver) {
  if (!defined_at(pver)) return wire_errc::not_in_protocol_version;
  message = r.var_string(command_size);
  code = static_cast<reject_code>(r.u8());
  reason = r.var_string(max_reject_reason_length);
  hash = {};
  if (has_hash()) decode_hash(r, hash);
  return r.error();
}

// On a little-endian host an inv_vector's memory is its wire form (u32 LE type, 32-byte hash),
// so a 50,000-entry list moves as one block copy.
constexpr bool inv_layout_is_wire = std::endian::native == std::endian::little &&
                                    sizeof(inv_vector) == 36 &&
                                    std::is_trivially_copyable_v<inv_vector>;

template <command C>
void inventory_message<C>::encode(byte_writer& w, std::uint32_t) const {
  w.compact_size(entries.size());
  if constexpr (inv_layout_is_wire) {
    w.raw(entries.data(), entries.size() * sizeof(inv_vector));
  } else {
    for (const auto& e : entries) {
      w.u32(e.type);
      encode_hash(w, e.hash);
    }
  }
}

template <command C>
std::error_code inventory_message<C>::decode(byte_reader& r, std::uint32_t) {
  const std::size_t n = r.count(max_inv_per_message);
  if (n > r.remaining() / 36) return wire_errc::truncated;
  entries.resize(n);
  if constexpr (inv_layout_is_wire) {
    r.read_into(entries.data(), n * sizeof(inv_vector));
  } else {
    for (auto& e : entries) {
      e.type = r.u32();
      decode_hash(r, e.hash);
    }
  }
  return r.error();
}

template <command C>
void locator_message<C>::encode(byte_writer& w, std::uint32_t) const {
  w.u32(version);
  w.compact_size(locator.size());
  for (const auto& h : locator) encode_hash(w, h);
  encode_hash(w, hash_stop);
}

template <command C>
std::error_code locator_message<C>::decode(byte_reader& r, std::uint32_t) {
  version = r.u32();
  const std::size_t n = r.count(max_locator_hashes);
  if (n > r.remaining() / 32) return wire_errc::truncated;
  locator.resize(n);
  for (auto& h : locator) decode_hash(r, h);
  decode_hash(r, hash_stop);
  return r.error();
}

template struct inventory_message<command::inv>;
template struct inventory_message<command::getdata>;
template struct inventory_message<command::notfound>;
template struct locator_message<command::getheaders>;
template struct locator_message<command::getblocks>;

}  // namespace btcnet::wire::msg

namespace btcnet::wire {
namespace {

// Typed messages in `command` order, so that a command indexes its alternative.
template <class M>
std::error_code decode_as(byte_span payload, std::uint32_t pver, message& out) {
  if (!M::defined_at(pver)) return wire_errc::not_in_protocol_version;
  byte_reader r(payload);
  M m;
  if (auto ec = m.decode(r, pver)) return ec;
  if (!r.empty()) return wire_errc::trailing_bytes;
  out = std::move(m);
  return {};
}

using decoder_fn = std::error_code (*)(byte_span, std::uint32_t, message&);

constexpr decoder_fn typed_decoders[] = {
    decode_as<msg::version>,   decode_as<msg::verack>,     decode_as<msg::ping>,
    decode_as<msg::pong>,      decode_as<msg::getaddr>,    decode_as<msg::addr>,
    decode_as<msg::addrv2>,    decode_as<msg::sendaddrv2>, decode_as<msg::sendheaders>,
    decode_as<msg::feefilter>, decode_as<msg::wtxidrelay>, decode_as<msg::sendcmpct>,
    decode_as<msg::reject>,    decode_as<msg::inv>,        decode_as<msg::getdata>,
    decode_as<msg::notfound>,  decode_as<msg::getheaders>, decode_as<msg::getblocks>,
    decode_as<msg::mempool>,
};
static_assert(std::size(typed_decoders) == static_cast<std::size_t>(command::mempool) + 1);

}  // namespace

command command_of(const message& m) {
  return std::visit(
      [](const auto& x) {
        if constexpr (std::is_same_v<std::decay_t<decltype(x)>, msg::raw>) {
          return x.cmd;
        } else {
          return std::decay_t<decltype(x)>::cmd;
        }
      },
      m);
}

std::error_code decode_payload(command cmd, byte_span payload, std::uint32_t pver, message& out) {
  if (is_typed(cmd)) return typed_decoders[static_cast<std::size_t>(cmd)](payload, pver, out);
  out = msg::raw{cmd, bytes(payload.begin(), payload.end())};
  return {};
}

namespace detail {

std::size_t begin_frame(bytes& out) {
  const std::size_t start = out.size();
  out.resize(start + message_header_size);
  return start;
}

std::error_code end_frame(bytes& out, std::size_t start, std::uint32_t magic, command cmd) {
  const std::size_t length = out.size() - start - message_header_size;
  if (length > max_payload_length(cmd)) {
    out.resize(start);
    return wire_errc::payload_too_long;
  }
  message_header h;
  h.magic = magic;
  set_command(h, command_name(cmd));
  h.length = static_cast<std::uint32_t>(length);
  h.checksum = checksum(byte_span(out).subspan(start + message_header_size));
  h.encode(out.data() + start);
  return {};
}

}  // namespace detail
}  // namespace btcnet::wire
