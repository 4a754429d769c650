#include "actors/addr_manager/json_reader.hpp"

#include <algorithm>
#include <cstring>
#include <limits>

namespace btcnet::addr_manager {
namespace {

constexpr int max_depth = 64;  // peers.json nests 3 deep; deeper input is not ours

bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}
bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

void append_utf8(std::string& out, std::uint32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xc0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3f));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xe0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3f));
    out += static_cast<char>(0x80 | (cp & 0x3f));
  } else {
    out += static_cast<char>(0xf0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3f));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3f));
    out += static_cast<char>(0x80 | (cp & 0x3f));
  }
}

}  // namespace

bool json_name_is(std::string_view name, std::string_view field) {
  return std::equal(name.begin(), name.end(), field.begin(), field.end(), [](char a, char b) {
    auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c; };
    return lower(a) == lower(b);
  });
}

void json_reader::fail(std::string_view what) {
  if (error_.empty()) error_ = std::string(what) + " at byte " + std::to_string(pos_);
}

void json_reader::skip_space() {
  while (pos_ < text_.size() && is_space(text_[pos_])) ++pos_;
}

bool json_reader::expect(char c) {
  skip_space();
  if (!ok()) return false;
  if (pos_ < text_.size() && text_[pos_] == c) {
    ++pos_;
    return true;
  }
  fail(pos_ < text_.size() ? std::string("expected '") + c + "'" : "unexpected end of input");
  return false;
}

bool json_reader::peek_null() {
  skip_space();
  if (ok() && text_.substr(pos_, 4) == "null") {
    pos_ += 4;
    return true;
  }
  return false;
}

bool json_reader::begin_object() {
  if (!expect('{')) return false;
  if (++depth_ > max_depth) fail("nesting too deep");
  return ok();
}

bool json_reader::begin_array() {
  if (!expect('[')) return false;
  if (++depth_ > max_depth) fail("nesting too deep");
  return ok();
}

bool json_reader::next_member(std::string_view& name, bool& first) {
  skip_space();
  if (!ok()) return false;
  if (pos_ < text_.size() && text_[pos_] == '}') {
    ++pos_, --depth_;
    return false;
  }
  if (!first && !expect(',')) return false;
  first = false;
  return read_string(name) && expect(':');
}

bool json_reader::next_element(bool& first) {
  skip_space();
  if (!ok()) return false;
  if (pos_ < text_.size() && text_[pos_] == ']') {
    ++pos_, --depth_;
    return false;
  }
  if (!first && !expect(',')) return false;
  first = false;
  return true;
}

bool json_reader::read_string(std::string_view& out) {
  if (!expect('"')) return false;
  const std::size_t start = pos_;
  const void* quote = std::memchr(text_.data() + start, '"', text_.size() - start);
  const std::size_t end =
      quote ? static_cast<std::size_t>(static_cast<const char*>(quote) - text_.data())
            : text_.size();
  // Branch-free scan (vectorised by the compiler) for escapes and control characters.
  bool special = false;
  for (std::size_t i = start; i < end; ++i) {
    const auto c = static_cast<unsigned char>(text_[i]);
    special |= (c < 0x20) | (c == '\\');
  }
  if (!special && quote) {
    out = text_.substr(start, end - start);
    pos_ = end + 1;
    return true;
  }
  return read_escaped_string(start, out);
}

// The slow path: decode escapes into storage the reader keeps.
bool json_reader::read_escaped_string(std::size_t start, std::string_view& out) {
  pos_ = start;
  std::string& decoded = unescaped_.emplace_back();
  while (pos_ < text_.size() && text_[pos_] != '"') {
    const char c = text_[pos_++];
    if (static_cast<unsigned char>(c) < 0x20) {
      fail("control character in string");
      return false;
    }
    if (c != '\\') {
      decoded += c;
    } else if (!read_escape(decoded)) {
      return false;
    }
  }
  if (!expect('"')) return false;
  out = decoded;
  return true;
}

bool json_reader::read_escape(std::string& out) {
  if (pos_ >= text_.size()) {
    fail("unexpected end of input");
    return false;
  }
  const char c = text_[pos_++];
  switch (c) {
    case '"':
    case '\\':
    case '/':
      out += c;
      return true;
    case 'b':
      out += '\b';
      return true;
    case 'f':
      out += '\f';
      return true;
    case 'n':
      out += '\n';
      return true;
    case 'r':
      out += '\r';
      return true;
    case 't':
      out += '\t';
      return true;
    case 'u':
      break;
    default:
      fail("bad escape");
      return false;
  }
  auto hex4 = [&](std::uint32_t& v) {
    if (pos_ + 4 > text_.size()) return false;
    v = 0;
    for (int i = 0; i < 4; ++i) {
      const int h = hex_value(text_[pos_++]);
      if (h < 0) return false;
      v = v << 4 | static_cast<std::uint32_t>(h);
    }
    return true;
  };
  std::uint32_t cp = 0, low = 0;
  if (!hex4(cp)) return fail("bad \\u escape"), false;
  // A surrogate pair makes one code point; a lone surrogate becomes U+FFFD, as Go does.
  if (cp >= 0xd800 && cp < 0xdc00 && text_.substr(pos_, 2) == "\\u") {
    const std::size_t save = pos_;
    pos_ += 2;
    if (hex4(low) && low >= 0xdc00 && low < 0xe000) {
      cp = 0x10000 + ((cp - 0xd800) << 10) + (low - 0xdc00);
    } else {
      pos_ = save;
    }
  }
  if (cp >= 0xd800 && cp < 0xe000) cp = 0xfffd;
  append_utf8(out, cp);
  return true;
}

bool json_reader::read_digits(std::uint64_t& magnitude, bool& negative) {
  skip_space();
  if (!ok()) return false;
  negative = pos_ < text_.size() && text_[pos_] == '-';
  if (negative) ++pos_;
  const std::size_t start = pos_;
  magnitude = 0;
  // 19 digits cannot overflow 64 bits; only a 20th needs checking.
  while (pos_ < text_.size() && is_digit(text_[pos_]) && pos_ - start < 19)
    magnitude = magnitude * 10 + static_cast<std::uint64_t>(text_[pos_++] - '0');
  if (pos_ < text_.size() && is_digit(text_[pos_])) {
    const auto d = static_cast<std::uint64_t>(text_[pos_++] - '0');
    if (magnitude > (std::numeric_limits<std::uint64_t>::max() - d) / 10 ||
        (pos_ < text_.size() && is_digit(text_[pos_]))) {
      fail("number out of range");
      return false;
    }
    magnitude = magnitude * 10 + d;
  }
  const std::size_t digits = pos_ - start;
  if (digits == 0 || (digits > 1 && text_[start] == '0')) {
    fail("bad number");
    return false;
  }
  if (pos_ < text_.size() && (text_[pos_] == '.' || text_[pos_] == 'e' || text_[pos_] == 'E')) {
    fail("number is not an integer");
    return false;
  }
  return true;
}

bool json_reader::read_int(std::int64_t& out) {
  std::uint64_t m = 0;
  bool negative = false;
  if (!read_digits(m, negative)) return false;
  const std::uint64_t limit = std::uint64_t{std::numeric_limits<std::int64_t>::max()} + negative;
  if (m > limit) {
    fail("number out of range");
    return false;
  }
  out = negative ? static_cast<std::int64_t>(0 - m) : static_cast<std::int64_t>(m);
  return true;
}

bool json_reader::read_uint(std::uint64_t& out) {
  bool negative = false;
  if (!read_digits(out, negative)) return false;
  if (negative && out != 0) fail("negative number for an unsigned field");
  return ok();
}

void json_reader::skip_number() {
  if (pos_ < text_.size() && text_[pos_] == '-') ++pos_;
  const std::size_t start = pos_;
  while (pos_ < text_.size() && is_digit(text_[pos_])) ++pos_;
  if (pos_ == start || (pos_ - start > 1 && text_[start] == '0')) return fail("bad number");
  auto digits = [&] {
    const std::size_t from = pos_;
    while (pos_ < text_.size() && is_digit(text_[pos_])) ++pos_;
    if (pos_ == from) fail("bad number");
  };
  if (pos_ < text_.size() && text_[pos_] == '.') ++pos_, digits();
  if (pos_ < text_.size() && (text_[pos_] == 'e' || text_[pos_] == 'E')) {
    ++pos_;
    if (pos_ < text_.size() && (text_[pos_] == '+' || text_[pos_] == '-')) ++pos_;
    digits();
  }
}

void json_reader::skip_literal() {
  for (std::string_view lit : {"true", "false", "null"}) {
    if (text_.substr(pos_, lit.size()) == lit) {
      pos_ += lit.size();
      return;
    }
  }
  fail("unexpected character");
}

void json_reader::skip_value() {
  skip_space();
  if (!ok() || pos_ >= text_.size()) return fail("unexpected end of input");
  const char c = text_[pos_];
  std::string_view name;
  bool first = true;
  if (c == '{') {
    if (begin_object())
      while (next_member(name, first)) skip_value();
  } else if (c == '[') {
    if (begin_array())
      while (next_element(first)) skip_value();
  } else if (c == '"') {
    read_string(name);
  } else if (c == '-' || is_digit(c)) {
    skip_number();
  } else {
    skip_literal();
  }
}

bool json_reader::at_end() {
  skip_space();
  return ok() && pos_ == text_.size();
}

}  // namespace btcnet::addr_manager
