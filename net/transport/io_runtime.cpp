#include "net/transport/io_runtime.hpp"

namespace btcnet::transport {

io_runtime::io_runtime(std::size_t threads) : work_(boost::asio::make_work_guard(io_)) {
  for (std::size_t i = 0; i < threads; ++i) threads_.emplace_back([this] { io_.run(); });
}

io_runtime::~io_runtime() {
  stop();
}

void io_runtime::stop() {
  work_.reset();
  io_.stop();
  for (auto& t : threads_)
    if (t.joinable()) t.join();
  threads_.clear();
}

}  // namespace btcnet::transport
