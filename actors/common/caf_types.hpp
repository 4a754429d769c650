// How our value types travel in CAF messages. Everything stays inside one process, so transport
// handles and error codes are allowed as "unsafe" (not serializable) message types; value types
// get inspect() overloads so that traces and deep_to_string can print them.
#pragma once

#include <caf/allowed_unsafe_message_type.hpp>
#include <caf/meta/type_name.hpp>
#include <system_error>

#include "net/transport/connection.hpp"
#include "net/transport/dial.hpp"
#include "net/wire/net_address.hpp"

// Declares inspect() for a message struct (its name and the fields a trace shows) and
// message_name(), found by argument-dependent lookup, which the actor instrumentation uses.
#define BTCNET_INSPECT(type, ...)                                     \
  template <class Inspector>                                          \
  typename Inspector::result_type inspect(Inspector& f, type& x) {    \
    (void)x; /* unused by field-less messages */                      \
    return f(caf::meta::type_name(#type) __VA_OPT__(, ) __VA_ARGS__); \
  }                                                                   \
  constexpr const char* message_name(const type*) {                   \
    return #type;                                                     \
  }

CAF_ALLOW_UNSAFE_MESSAGE_TYPE(btcnet::transport::connection_ptr)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(std::error_code)

// CAF prints a type through its to_string() when there is one: addresses read as addresses.
namespace btcnet::wire {
inline std::string to_string(const endpoint& e) {
  return e.to_string();
}
template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, endpoint& x) {
  return f(caf::meta::type_name("endpoint"), x.net, x.addr, x.port);
}
template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, peer_address& x) {
  return f(caf::meta::type_name("peer_address"), x.time, x.services, x.where);
}
}  // namespace btcnet::wire

namespace btcnet::transport {
inline std::string to_string(const dial_target& t) {
  return t.to_string();
}
template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, dial_target& x) {
  return f(caf::meta::type_name("dial_target"), x.host, x.port);
}
}  // namespace btcnet::transport
