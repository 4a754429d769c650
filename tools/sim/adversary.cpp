#include "tools/sim/adversary.hpp"

#include "net/wire/messages.hpp"

namespace btcnet::sim {

std::optional<adversary_kind> adversary_kind_named(std::string_view name) {
  if (name == "silent") return adversary_kind::silent;
  if (name == "addr_spammer") return adversary_kind::addr_spammer;
  if (name == "eclipse") return adversary_kind::eclipse;
  return std::nullopt;
}

class adversary::session final : public transport::connection_handler,
                                 public std::enable_shared_from_this<session> {
 public:
  session(adversary& owner, transport::connection_ptr conn, bool outbound)
      : owner_(owner), conn_(std::move(conn)), outbound_(outbound) {}

  void begin() {
    if (owner_.config_.kind == adversary_kind::silent) return;  // not a word, ever
    if (outbound_) send_version();
  }
  void close() { conn_->close(); }
  bool open() const { return open_; }

  void push() {
    if (ready_) send(wire::msg::addr{owner_.announcement()});
  }

  void on_frame(wire::command cmd, wire::byte_span payload) override {
    if (owner_.config_.kind == adversary_kind::silent) return;
    wire::message m;
    if (wire::decode_payload(cmd, payload, pver_, m)) return;
    if (auto* v = std::get_if<wire::msg::version>(&m)) {
      pver_ =
          std::min<std::uint32_t>(wire::protocol_version, static_cast<std::uint32_t>(v->protocol));
      if (!outbound_) send_version();
      send(wire::msg::verack{});
    } else if (std::holds_alternative<wire::msg::verack>(m)) {
      ready_ = true;
      if (outbound_) owner_.push_later(weak_from_this());
    } else if (auto* p = std::get_if<wire::msg::ping>(&m)) {
      send(wire::msg::pong{p->nonce});
    } else if (std::holds_alternative<wire::msg::getaddr>(m)) {
      push();
    }
  }
  void on_unknown(std::string_view, std::uint32_t) override {}
  void on_bad_frame(wire::command, std::error_code) override {}
  void on_closed(std::error_code) override { open_ = false; }

 private:
  template <class M>
  void send(const M& m) {
    wire::bytes frame;
    if (!wire::encode_frame(frame, owner_.config_.magic, m, pver_)) conn_->send(std::move(frame));
  }
  void send_version() {
    wire::msg::version v;
    v.services = wire::node_network;
    v.timestamp = owner_.config_.unix_now();
    v.receiver.where = conn_->remote();
    v.sender.where = owner_.address_;
    v.nonce = owner_.rng_();
    v.user_agent = "/Satoshi:27.0.0/";  // indistinguishable from an honest node
    send(v);
  }

  adversary& owner_;
  transport::connection_ptr conn_;
  bool outbound_;
  std::uint32_t pver_ = wire::protocol_version;
  bool ready_ = false;
  bool open_ = true;
};

adversary::adversary(transport::sim_network& net, wire::endpoint address, adversary_config config)
    : net_(net), address_(address), config_(std::move(config)), rng_(config_.seed) {}

adversary::~adversary() {
  if (listener_) listener_->stop();
  for (auto& s : sessions_) s->close();  // breaks the connection <-> session cycle
}

void adversary::listen() {
  std::error_code ec;
  listener_ = net_.host(address_).listen(
      address_, [this](transport::connection_ptr c) { start(std::move(c), false); }, {}, ec);
}

void adversary::attack(const wire::endpoint& target) {
  net_.host(address_).connect({target.host(), target.port},
                              [this](std::error_code ec, transport::connection_ptr c) {
                                if (!ec) start(std::move(c), true);
                              });
}

void adversary::start(transport::connection_ptr conn, bool outbound) {
  std::erase_if(sessions_, [](const auto& s) { return !s->open(); });
  auto s = std::make_shared<session>(*this, conn, outbound);
  sessions_.push_back(s);
  conn->start(s);
  s->begin();
}

void adversary::push_later(std::weak_ptr<session> s) {
  net_.at(net_.now() + config_.push_interval, [this, s] {
    auto live = s.lock();
    if (!live || !live->open()) return;
    live->push();
    push_later(s);
  });
}

std::vector<wire::peer_address> adversary::announcement() {
  constexpr std::size_t max_addr = 1000;  // btcd MaxAddrPerMsg
  const auto now = static_cast<std::uint32_t>(config_.unix_now());
  std::vector<wire::peer_address> out;
  if (config_.kind == adversary_kind::eclipse) {
    for (const auto& a : config_.allies) {
      if (out.size() == max_addr) break;
      out.push_back({now, wire::node_network, a});
    }
  } else {
    // Hosts that do not exist, in 130.0.0.0 - 168.255.255.255 (no private or reserved range):
    // every dial to one times out.
    for (std::size_t i = 0; i < max_addr; ++i) {
      const std::uint64_t r = rng_();
      out.push_back({now, wire::node_network,
                     wire::endpoint::ipv4(static_cast<std::uint8_t>(130 + r % 39),
                                          static_cast<std::uint8_t>(r >> 8),
                                          static_cast<std::uint8_t>(r >> 16),
                                          static_cast<std::uint8_t>(1 + (r >> 24) % 254), 8333)});
    }
  }
  return out;
}

}  // namespace btcnet::sim
