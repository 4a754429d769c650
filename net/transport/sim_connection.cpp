#include "net/transport/sim_connection.hpp"

#include "net/transport/sim_network.hpp"

namespace btcnet::transport {

struct sim_connection::frame_sink {
  connection_handler& handler;
  std::error_code error;
  void on_frame(const wire::frame& f) { handler.on_frame(f.cmd, f.payload); }
  void on_unknown(std::string_view cmd, std::uint32_t length) { handler.on_unknown(cmd, length); }
  void on_error(std::error_code ec) { error = ec; }
  void on_bad_frame(wire::command cmd, std::error_code ec) { handler.on_bad_frame(cmd, ec); }
};

sim_connection::sim_connection(sim_network& net, std::uint64_t link, int side, std::uint32_t magic,
                               wire::endpoint local, wire::endpoint remote)
    : net_(net),
      link_(link),
      side_(side),
      local_(std::move(local)),
      remote_(std::move(remote)),
      decoder_(magic) {}

sim_connection::~sim_connection() {
  if (!closed_) net_.hang_up(link_, side_);
  if (!released_)
    for (auto& fn : release_hooks_) fn();
}

void sim_connection::start(std::shared_ptr<connection_handler> handler) {
  handler_ = std::move(handler);
  while (!unread_.empty() && !closed_) {
    const wire::bytes bytes = std::move(unread_.front());
    unread_.pop_front();
    decode(bytes);
  }
  if (ended_) {
    const auto reason = *ended_;
    ended_.reset();
    if (auto h = std::move(handler_)) h->on_closed(reason);
  }
}

bool sim_connection::send(wire::bytes frame) {
  if (closed_) return false;
  stats_.bytes_sent += frame.size();
  net_.transmit(link_, side_, std::move(frame));
  return true;
}

void sim_connection::close() {
  if (closed_) return;
  net_.hang_up(link_, side_);
  finish({});
}

void sim_connection::on_release(std::function<void()> fn) {
  if (released_) return fn();
  release_hooks_.push_back(std::move(fn));
}

void sim_connection::arrive(wire::bytes bytes) {
  if (closed_) return;
  stats_.bytes_received += bytes.size();
  if (!handler_) return unread_.push_back(std::move(bytes));
  decode(bytes);
}

void sim_connection::reset(std::error_code reason) {
  if (closed_) return;
  finish(reason);
}

void sim_connection::decode(wire::byte_span bytes) {
  frame_sink sink{*handler_, {}};
  decoder_.feed(bytes, sink);
  handler_->on_read_end();
  if (sink.error) {  // a frame error ends the connection, as on TCP
    net_.hang_up(link_, side_);
    finish(sink.error);
  }
}

void sim_connection::finish(std::error_code reason) {
  closed_ = true;
  unread_.clear();
  released_ = true;
  std::vector<std::function<void()>> hooks;
  hooks.swap(release_hooks_);
  for (auto& fn : hooks) fn();
  if (!handler_) {
    ended_ = reason;
    return;
  }
  auto h = std::move(handler_);
  h->on_closed(reason);
}

}  // namespace btcnet::transport
