// A connection that carries nothing: records what the code under test does with it.
#pragma once

#include <functional>
#include <vector>

#include "net/transport/connection.hpp"

namespace btcnet::test {

class fake_connection : public transport::connection {
 public:
  explicit fake_connection(wire::endpoint remote = wire::endpoint::ipv4(127, 0, 0, 1, 8333))
      : remote_(remote), local_(wire::endpoint::ipv4(127, 0, 0, 1, 18444)) {}
  ~fake_connection() override { release(); }

  void start(std::shared_ptr<transport::connection_handler> h) override { handler = std::move(h); }
  bool send(wire::bytes frame) override {
    sent.push_back(std::move(frame));
    return true;
  }
  void close() override {
    ++close_calls;
    release();
  }
  void consumed(std::size_t n) override { consumed_bytes += n; }
  const wire::endpoint& remote() const override { return remote_; }
  const wire::endpoint& local() const override { return local_; }
  transport::connection_stats stats() const override { return {}; }
  void on_release(std::function<void()> fn) override {
    if (released) return fn();
    hooks.push_back(std::move(fn));
  }

  bool closed() const { return close_calls > 0; }

  std::shared_ptr<transport::connection_handler> handler;
  std::vector<wire::bytes> sent;
  int close_calls = 0;
  std::size_t consumed_bytes = 0;

 private:
  void release() {
    if (released) return;
    released = true;
    for (auto& fn : hooks) fn();
    hooks.clear();
  }

  bool released = false;
  std::vector<std::function<void()>> hooks;
  wire::endpoint remote_, local_;
};

}  // namespace btcnet::test
