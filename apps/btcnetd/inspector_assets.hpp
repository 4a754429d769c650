// The web inspector's page, script and style sheet (apps/btcnetd/inspector/), compiled into
// btcnetd so that the node serves them at /inspector with nothing to install or fetch.
#pragma once

#include <span>
#include <string_view>

namespace btcnet::node {

struct embedded_file {
  std::string_view name;  // relative to apps/btcnetd/inspector/
  std::string_view content_type;
  std::string_view body;
};

std::span<const embedded_file> inspector_assets();

}  // namespace btcnet::node
