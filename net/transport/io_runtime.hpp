// The io_context and the thread(s) that run it. Owned by the process (node, test or tool) and
// handed by reference to the actors that create connections: the dialer and the listeners.
#pragma once

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <thread>
#include <vector>

namespace btcnet::transport {

class io_runtime {
 public:
  explicit io_runtime(std::size_t threads = 1);
  ~io_runtime();
  io_runtime(const io_runtime&) = delete;
  io_runtime& operator=(const io_runtime&) = delete;

  boost::asio::io_context& context() { return io_; }
  // Stops the threads and joins them. Handlers not yet run are destroyed with the io_context,
  // releasing the connections they hold. Call after the listeners and peers were told to close.
  void stop();

 private:
  boost::asio::io_context io_;
  boost::asio::executor_work_guard<boost::asio::io_context::executor_type> work_;
  std::vector<std::thread> threads_;
};

}  // namespace btcnet::transport
