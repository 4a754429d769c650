#include "net/address/address_errors.hpp"

#include "net/wire/error_category.hpp"

namespace btcnet::address {
namespace {

const char* describe(address_errc e) {
  switch (e) {
    case address_errc::ok:
      return "ok";
    case address_errc::missing_port:
      return "missing port in address";
    case address_errc::too_many_colons:
      return "too many colons in address";
    case address_errc::bad_brackets:
      return "unbalanced brackets in address";
    case address_errc::invalid_ip:
      return "invalid ip address";
    case address_errc::invalid_port:
      return "invalid port";
    case address_errc::not_routable:
      return "address is not routable";
  }
  return "unknown address error";
}

}  // namespace

const std::error_category& address_category() noexcept {
  static const wire::enum_error_category<address_errc> category("address", describe);
  return category;
}

std::error_code make_error_code(address_errc e) noexcept {
  return {static_cast<int>(e), address_category()};
}

}  // namespace btcnet::address
