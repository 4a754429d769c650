// One line of text per wire message for people reading a trace: the fields that tell messages of
// the same command apart (a version's protocol and agent, a ping's nonce, an addr's size).
#pragma once

#include <string>

#include "net/wire/messages.hpp"

namespace btcnet::wire {

std::string describe(const message& m);

}  // namespace btcnet::wire
