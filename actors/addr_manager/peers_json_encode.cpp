// Writing peers.json exactly as btcd's json.Encoder lays it out (see peers_json.hpp), in ~1 MiB
// chunks so that saving streams through one small buffer instead of a 4 MB string.
#include <algorithm>
#include <charconv>

#include "actors/addr_manager/peers_json.hpp"
#include "net/address/address_text.hpp"

namespace btcnet::addr_manager {
namespace {

constexpr std::size_t chunk_size = 1 << 20;

// btcd's NetAddressV2 can hold IPv4, IPv6, Tor v2 and Tor v3 only.
bool btcd_can_read(const wire::endpoint& e) {
  const auto net = address::network_of(e);
  return net != address::network::i2p && net != address::network::cjdns;
}

// Escapes what Go's encoder escapes; address keys are plain ASCII and take the fast path.
void append_json_string(std::string& out, std::string_view s) {
  out += '"';
  const bool plain = std::all_of(s.begin(), s.end(), [](char c) {
    const auto u = static_cast<unsigned char>(c);
    return u >= 0x20 && c != '"' && c != '\\' && c != '<' && c != '>' && c != '&';
  });
  if (plain) {
    out += s;
  } else {
    static constexpr char hex[] = "0123456789abcdef";
    for (char c : s) {
      const auto u = static_cast<unsigned char>(c);
      if (c == '"' || c == '\\') {
        out += '\\', out += c;
      } else if (u < 0x20 || c == '<' || c == '>' || c == '&') {
        out += "\\u00", out += hex[u >> 4], out += hex[u & 15];
      } else {
        out += c;
      }
    }
  }
  out += '"';
}

template <class T>
void append_number(std::string& out, T v) {
  char buf[24];
  out.append(buf, std::to_chars(buf, buf + sizeof buf, v).ptr);
}

class encoder {
 public:
  encoder(const address_book& book, int version, const peers_json_sink& sink)
      : book_(book), version_(version), sink_(sink) {
    std::size_t slots = 0;
    book.for_each(
        [&](entry_id id, const known_address&) { slots = std::max<std::size_t>(slots, id + 1); });
    keys_.resize(slots);
    readable_.resize(slots);
    book.for_each([&](entry_id id, const known_address& ka) {
      address::append_address_key(keys_[id], ka.addr.where);
      readable_[id] = btcd_can_read(ka.addr.where) && btcd_can_read(ka.source.where);
    });
    out_.reserve(chunk_size + 4096);
  }

  void run() {
    out_ += R"({"Version":)";
    append_number(out_, version_);
    out_ += R"(,"Key":[)";
    for (std::size_t i = 0; i < book_.key().size(); ++i) {
      if (i) out_ += ',';
      append_number(out_, book_.key()[i]);
    }
    out_ += R"(],"Addresses":[)";
    bool first = true;
    book_.for_each([&](entry_id id, const known_address& ka) {
      if (!readable_[id]) return;
      entry(id, ka, first);
      out_ += '}';
    });
    out_ += R"(],"NewBuckets":)";
    buckets(new_bucket_count, [&](std::size_t b) { return book_.new_bucket(b); });
    out_ += R"(,"TriedBuckets":)";
    buckets(tried_bucket_count, [&](std::size_t b) { return book_.tried_bucket(b); });
    extras();
    out_ += "}\n";
    sink_(out_);
  }

 private:
  void maybe_flush() {
    if (out_.size() < chunk_size) return;
    sink_(out_);
    out_.clear();
  }

  // The btcd fields of one address, leaving its object open.
  void entry(entry_id id, const known_address& ka, bool& first) {
    maybe_flush();
    out_ += first ? R"({"Addr":)" : R"(,{"Addr":)";
    first = false;
    const bool services = version_ > 1;  // btcd writes zero services in a version 1 file
    append_json_string(out_, keys_[id]);
    out_ += R"(,"Src":")";
    address::append_address_key(out_, ka.source.where);
    out_ += R"(","Attempts":)";
    append_number(out_, ka.attempts);
    out_ += R"(,"TimeStamp":)";
    append_number(out_, ka.addr.time);
    out_ += R"(,"LastAttempt":)";
    append_number(out_, ka.last_attempt);
    out_ += R"(,"LastSuccess":)";
    append_number(out_, ka.last_success);
    out_ += R"(,"Services":)";
    append_number(out_, services ? ka.addr.services : 0);
    out_ += R"(,"SrcServices":)";
    append_number(out_, services ? ka.source.services : 0);
  }

  template <class Members>
  void buckets(std::size_t count, Members members) {
    out_ += '[';
    for (std::size_t b = 0; b < count; ++b) {
      maybe_flush();
      out_ += b ? ",[" : "[";
      bool first = true;
      for (entry_id id : members(b)) {
        if (!readable_[id]) continue;
        if (!first) out_ += ',';
        first = false;
        append_json_string(out_, keys_[id]);
      }
      out_ += ']';
    }
    out_ += ']';
  }

  void extras() {
    bool first = true;
    book_.for_each([&](entry_id id, const known_address& ka) {
      if (readable_[id]) return;
      if (first) out_ += R"(,"BtcnetExtraAddresses":[)";
      entry(id, ka, first);
      extra_fields(ka);
    });
    if (!first) out_ += ']';
  }

  void extra_fields(const known_address& ka) {
    if (ka.addr.where.net == wire::network_id::cjdns) out_ += R"(,"AddrNetwork":"cjdns")";
    if (ka.source.where.net == wire::network_id::cjdns) out_ += R"(,"SrcNetwork":"cjdns")";
    out_ += R"(,"NewBuckets":[)";
    for (std::uint8_t i = 0; i < ka.refs; ++i) {
      if (i) out_ += ',';
      append_number(out_, ka.new_buckets[i]);
    }
    out_ += ']';
    if (ka.tried) {
      out_ += R"(,"TriedBucket":)";
      append_number(out_, ka.tried_bucket);
    }
    out_ += '}';
  }

  const address_book& book_;
  int version_;
  const peers_json_sink& sink_;
  std::string out_;
  std::vector<std::string> keys_;
  std::vector<char> readable_;
};

}  // namespace

void encode_peers_json(const address_book& book, int version, const peers_json_sink& sink) {
  encoder(book, version, sink).run();
}

std::string encode_peers_json(const address_book& book, int version) {
  std::string out;
  out.reserve(256 + book.size() * 200 + new_bucket_count * 3);
  encode_peers_json(book, version, [&](std::string_view chunk) { out += chunk; });
  return out;
}

}  // namespace btcnet::addr_manager
