// Protocol versions, service flags and size limits of the Bitcoin P2P protocol.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace btcnet::wire {

// --- Protocol versions (btcd wire/protocol.go, Bitcoin Core version.h) ---
// The version we speak: BIP155 addrv2 and BIP339 wtxidrelay negotiation.
inline constexpr std::uint32_t protocol_version = 70016;
// Lowest version btcd accepts (MultipleAddressVersion): addr messages may carry many entries.
inline constexpr std::uint32_t min_accepted_protocol_version = 209;
// addr entries carry a timestamp from this version on (NetAddressTimeVersion).
inline constexpr std::uint32_t net_address_time_version = 31402;
// BIP31: ping carries a nonce and pong exists only when the version is greater than this.
inline constexpr std::uint32_t bip0031_version = 60000;
// BIP35: the mempool message.
inline constexpr std::uint32_t bip0035_version = 60002;
// BIP37: version carries the relay flag (bloom filtering).
inline constexpr std::uint32_t bip0037_version = 70001;
// BIP61: the reject message.
inline constexpr std::uint32_t reject_version = 70002;
// BIP111: NODE_BLOOM service bit is required for filter messages.
inline constexpr std::uint32_t bip0111_version = 70011;
// BIP130: sendheaders.
inline constexpr std::uint32_t sendheaders_version = 70012;
// BIP133: feefilter.
inline constexpr std::uint32_t feefilter_version = 70013;
// BIP152: sendcmpct and compact blocks (Core SHORT_IDS_BLOCKS_VERSION).
inline constexpr std::uint32_t short_ids_blocks_version = 70014;
// BIP155 sendaddrv2/addrv2 and BIP339 wtxidrelay are negotiated from this version on.
inline constexpr std::uint32_t addrv2_version = 70016;

// --- Size limits ---
// Largest message a node accepts from the network (Core MAX_PROTOCOL_MESSAGE_LENGTH, btcd
// MaxProtocolMessageLength since v0.26.0).
inline constexpr std::uint32_t max_protocol_message_length = 4'000'000;
inline constexpr std::size_t message_header_size = 24;
inline constexpr std::size_t command_size = 12;
// The largest CompactSize encoding (btcd MaxVarIntPayload).
inline constexpr std::size_t max_compact_size_length = 9;
// BIP14 user agent limit (btcd MaxUserAgentLen, Core MAX_SUBVERSION_LENGTH).
inline constexpr std::size_t max_user_agent_length = 256;
// addr and addrv2 entries per message (btcd MaxAddrPerMsg/MaxV2AddrPerMsg, Core MAX_ADDR_TO_SEND).
inline constexpr std::size_t max_addr_per_message = 1000;
// inv/getdata/notfound vectors per message (btcd MaxInvPerMsg, Core MAX_INV_SZ).
inline constexpr std::size_t max_inv_per_message = 50'000;
// Block locator hashes in getheaders/getblocks (Core MAX_LOCATOR_SZ; btcd allows 500).
inline constexpr std::size_t max_locator_hashes = 101;
// BIP155: an addrv2 address longer than this is an error (Core MAX_ADDRV2_SIZE).
inline constexpr std::size_t max_addrv2_address_size = 512;
// A reject reason longer than this is malformed. Ours: Core truncated reasons at 111 bytes when
// it still sent rejects; btcd's are error strings, so leave generous room.
inline constexpr std::size_t max_reject_reason_length = 1024;

// --- Service flags (btcd wire/protocol.go ServiceFlag, Core protocol.h ServiceFlags) ---
enum service_flag : std::uint64_t {
  node_network = 1 << 0,           // NODE_NETWORK: serves the full chain
  node_getutxo = 1 << 1,           // BIP64 (btcd SFNodeGetUTXO)
  node_bloom = 1 << 2,             // BIP111 NODE_BLOOM
  node_witness = 1 << 3,           // BIP144 NODE_WITNESS
  node_xthin = 1 << 4,             // btcd SFNodeXthin
  node_bit5 = 1 << 5,              // btcd SFNodeBit5
  node_compact_filters = 1 << 6,   // BIP157 NODE_COMPACT_FILTERS (btcd SFNodeCF)
  node_2x = 1 << 7,                // btcd SFNode2X
  node_network_limited = 1 << 10,  // BIP159 NODE_NETWORK_LIMITED
  node_p2p_v2 = 1 << 11,           // BIP324 NODE_P2P_V2
};

// btcd's ServiceFlag.String(): "0x0" for none, else known names joined by '|' in bit order and
// any unknown remainder as "|0x…".
std::string services_to_btcd_string(std::uint64_t services);
// Bitcoin Core's getpeerinfo "servicesnames": NETWORK, BLOOM, WITNESS, … and UNKNOWN[2^n].
std::vector<std::string> service_names(std::uint64_t services);

// BIP61 reject codes.
enum class reject_code : std::uint8_t {
  malformed = 0x01,
  invalid = 0x10,
  obsolete = 0x11,
  duplicate = 0x12,
  nonstandard = 0x40,
  dust = 0x41,
  insufficient_fee = 0x42,
  checkpoint = 0x43,
};

// inv vector types (Core protocol.h GetDataMsg).
enum inv_type : std::uint32_t {
  inv_error = 0,
  inv_tx = 1,
  inv_block = 2,
  inv_filtered_block = 3,
  inv_cmpct_block = 4,
  inv_wtx = 5,
  inv_witness_flag = 1u << 30,
};

}  // namespace btcnet::wire
