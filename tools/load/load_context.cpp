#include "tools/load/load_context.hpp"

#include <iostream>

#include "tools/load/sources.hpp"

namespace btcnet::load {

boost::asio::ip::address load_context::fresh_source() {
  return source_address(next_source++);
}

void load_context::report(const std::string& line) const {
  if (progress) std::cerr << "btcnet-load: " << line << std::endl;
}

}  // namespace btcnet::load
