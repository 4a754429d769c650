// A small pull parser for the JSON subset peers.json uses, fast enough to load 20,000 addresses
// well inside the 20 ms budget (nlohmann's SAX lexer alone takes ~35 ms on the 4 MB file here).
// It validates full JSON syntax (unknown members are skipped, not trusted) and reports the first
// error with its byte offset.
#pragma once

#include <cstdint>
#include <deque>
#include <string>
#include <string_view>

namespace btcnet::addr_manager {

class json_reader {
 public:
  explicit json_reader(std::string_view text) : text_(text) {}

  bool ok() const { return error_.empty(); }
  const std::string& error() const { return error_; }
  // Records the first error only; every read after an error returns false / empty.
  void fail(std::string_view what);

  bool peek_null();  // consumes `null` if it is next
  bool begin_object();
  // Call with first = true after begin_object(); true with the member name while members remain,
  // false after the closing brace (or on error).
  bool next_member(std::string_view& name, bool& first);
  bool begin_array();
  bool next_element(bool& first);  // the same protocol for arrays
  // The string is a view into the text, or into storage owned by the reader when it had escapes;
  // either stays valid as long as the reader.
  bool read_string(std::string_view& out);
  bool read_int(std::int64_t& out);  // integer literal only, as Go decodes into an int
  bool read_uint(std::uint64_t& out);
  void skip_value();
  bool at_end();  // only whitespace left

  // For fast paths that expect an exact layout: consume `literal` if the text continues with it
  // (no whitespace skipped), and go back to a saved position, forgetting any error since.
  bool match(std::string_view literal) {
    if (!ok() || text_.substr(pos_, literal.size()) != literal) return false;
    pos_ += literal.size();
    return true;
  }
  std::size_t position() const { return pos_; }
  void rewind(std::size_t pos, int depth) {
    pos_ = pos;
    depth_ = depth;
    error_.clear();
  }
  int depth() const { return depth_; }

 private:
  void skip_space();
  bool expect(char c);
  bool read_escaped_string(std::size_t start, std::string_view& out);
  bool read_escape(std::string& out);
  bool read_digits(std::uint64_t& magnitude, bool& negative);
  void skip_number();
  void skip_literal();

  std::string_view text_;
  std::size_t pos_ = 0;
  int depth_ = 0;
  std::string error_;
  std::deque<std::string> unescaped_;
};

// Go's encoding/json matches member names to struct fields case-insensitively.
bool json_name_is(std::string_view name, std::string_view field);

}  // namespace btcnet::addr_manager
