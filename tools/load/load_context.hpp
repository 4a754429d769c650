// What every btcnet-load mode shares: the io_context it runs on, the target, the client settings,
// the target's process (when its pid is known), progress on stderr, and a way to run the event
// loop until a condition holds.
#pragma once

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <functional>
#include <nlohmann/json.hpp>
#include <string>

#include "tools/load/load_client.hpp"
#include "tools/load/target_process.hpp"

namespace btcnet::load {

struct load_context {
  boost::asio::io_context io;
  tcp::endpoint target;
  client_options client;
  target_process process;
  bool progress = true;
  std::uint32_t next_source = 0;  // connection slots handed out so far

  std::shared_ptr<load_client> client_for() { return load_client::make(io, client); }
  // A source address no other connection of this run has used.
  boost::asio::ip::address fresh_source();
  // Runs the loop until `done()` or `limit` passes; true when done. A 10 ms ticker bounds how long
  // a check waits. The io_context stops itself whenever it runs out of work, so it is restarted
  // first and kept busy by a work guard meanwhile.
  template <class F>
  bool run_until(F done, std::chrono::milliseconds limit) {
    io.restart();
    auto guard = boost::asio::make_work_guard(io);
    const auto deadline = clock::now() + limit;
    boost::asio::steady_timer tick(io);
    bool ticking = true;
    std::function<void()> arm = [&] {
      tick.expires_after(std::chrono::milliseconds(10));
      tick.async_wait([&](const boost::system::error_code& e) {
        if (e || clock::now() >= deadline || done())
          ticking = false;
        else
          arm();
      });
    };
    arm();
    while (ticking && !done()) io.run_one();
    tick.cancel();
    while (ticking) io.run_one();  // the ticker's last handler runs before it goes
    return done();
  }
  void report(const std::string& line) const;
};

}  // namespace btcnet::load
