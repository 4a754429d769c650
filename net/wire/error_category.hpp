// One std::error_category for an error enum: its name and a function that words each value.
// Shared by the wire, transport and address error enums.
#pragma once

#include <string>
#include <system_error>

namespace btcnet::wire {

template <class Enum>
class enum_error_category final : public std::error_category {
 public:
  using describe_fn = const char* (*)(Enum);
  enum_error_category(const char* name, describe_fn describe) : name_(name), describe_(describe) {}
  const char* name() const noexcept override { return name_; }
  std::string message(int ev) const override { return describe_(static_cast<Enum>(ev)); }

 private:
  const char* name_;
  describe_fn describe_;
};

}  // namespace btcnet::wire
