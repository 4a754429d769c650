#include "net/rpc/auth.hpp"

#include <fcntl.h>
#include <openssl/evp.h>
#include <openssl/rand.h>
#include <unistd.h>

#include <array>
#include <fstream>
#include <sstream>

namespace btcnet::rpc {
namespace {

constexpr std::string_view basic_prefix = "Basic ";
constexpr std::size_t cookie_bytes = 32;  // Bitcoin Core COOKIE_SIZE

std::string to_hex(const unsigned char* data, std::size_t size) {
  static constexpr char digits[] = "0123456789abcdef";
  std::string out;
  out.reserve(size * 2);
  for (std::size_t i = 0; i < size; ++i) {
    out.push_back(digits[data[i] >> 4]);
    out.push_back(digits[data[i] & 0xf]);
  }
  return out;
}

// Accumulates every byte difference so that the time taken does not reveal where a guess went
// wrong (the length difference is folded in too).
bool timing_resistant_equal(std::string_view a, std::string_view b) {
  if (b.empty()) return a.empty();
  std::size_t acc = a.size() ^ b.size();
  for (std::size_t i = 0; i < a.size(); ++i)
    acc |= static_cast<unsigned char>(a[i]) ^ static_cast<unsigned char>(b[i % b.size()]);
  return acc == 0;
}

std::optional<std::string> read_first_line(const std::filesystem::path& file, std::string& error) {
  std::ifstream in(file);
  if (!in) {
    error = "cannot read " + file.string();
    return std::nullopt;
  }
  std::string line;
  std::getline(in, line);
  if (!line.empty() && line.back() == '\r') line.pop_back();
  return line;
}

}  // namespace

credentials make_cookie_credentials() {
  std::array<unsigned char, cookie_bytes> secret{};
  if (RAND_bytes(secret.data(), static_cast<int>(secret.size())) != 1)
    throw std::runtime_error("RAND_bytes failed");
  return {std::string(cookie_user), to_hex(secret.data(), secret.size())};
}

std::optional<credentials> parse_basic_auth(std::string_view header) {
  if (header.substr(0, basic_prefix.size()) != basic_prefix) return std::nullopt;
  std::string_view encoded = header.substr(basic_prefix.size());
  while (!encoded.empty() && encoded.back() == ' ') encoded.remove_suffix(1);
  if (encoded.empty() || encoded.size() % 4 != 0 || encoded.size() > 4096) return std::nullopt;
  std::string decoded(encoded.size() / 4 * 3, '\0');
  const int n = EVP_DecodeBlock(reinterpret_cast<unsigned char*>(decoded.data()),
                                reinterpret_cast<const unsigned char*>(encoded.data()),
                                static_cast<int>(encoded.size()));
  if (n < 0) return std::nullopt;
  // EVP_DecodeBlock counts the bytes that padding stands for; drop them.
  std::size_t size = static_cast<std::size_t>(n);
  for (auto it = encoded.rbegin(); it != encoded.rend() && *it == '='; ++it) --size;
  decoded.resize(size);
  const auto colon = decoded.find(':');
  if (colon == std::string::npos) return std::nullopt;
  return credentials{decoded.substr(0, colon), decoded.substr(colon + 1)};
}

std::string basic_auth_header(const credentials& c) {
  const std::string plain = c.user + ":" + c.pass;
  std::string encoded((plain.size() + 2) / 3 * 4 + 1, '\0');
  const int n = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(encoded.data()),
                                reinterpret_cast<const unsigned char*>(plain.data()),
                                static_cast<int>(plain.size()));
  encoded.resize(static_cast<std::size_t>(n));
  return std::string(basic_prefix) + encoded;
}

bool credentials_match(const credentials& expected, const credentials& given) {
  // Both comparisons always run.
  const bool user = timing_resistant_equal(given.user, expected.user);
  const bool pass = timing_resistant_equal(given.pass, expected.pass);
  return user && pass;
}

std::filesystem::path cookie_path(const std::filesystem::path& data_dir) {
  return data_dir / ".cookie";
}

std::filesystem::path endpoint_path(const std::filesystem::path& data_dir) {
  return data_dir / "rpc.endpoint";
}

namespace {

// Written to a temporary file and renamed, so a reader never sees half of it (and a secret is
// never readable by others, even for a moment, when `mode` is 0600).
std::error_code replace_file(const std::filesystem::path& file, const std::string& text,
                             mode_t mode) {
  const auto tmp = file.string() + ".tmp";
  const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode);
  if (fd < 0) return {errno, std::generic_category()};
  const bool written = ::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size());
  const int saved = errno;
  ::close(fd);
  if (!written || ::rename(tmp.c_str(), file.c_str()) != 0) {
    const std::error_code ec{written ? errno : saved, std::generic_category()};
    ::unlink(tmp.c_str());
    return ec;
  }
  return {};
}

}  // namespace

std::error_code write_cookie(const std::filesystem::path& file, const credentials& c) {
  return replace_file(file, c.user + ":" + c.pass, 0600);
}

std::optional<credentials> read_cookie(const std::filesystem::path& file, std::string& error) {
  auto line = read_first_line(file, error);
  if (!line) return std::nullopt;
  const auto colon = line->find(':');
  if (colon == std::string::npos) {
    error = "malformed cookie file " + file.string();
    return std::nullopt;
  }
  return credentials{line->substr(0, colon), line->substr(colon + 1)};
}

std::error_code write_endpoint(const std::filesystem::path& file, const std::string& host_port) {
  return replace_file(file, host_port + "\n", 0644);
}

std::optional<std::string> read_endpoint(const std::filesystem::path& file, std::string& error) {
  auto line = read_first_line(file, error);
  if (line && line->empty()) {
    error = "empty RPC endpoint file " + file.string();
    return std::nullopt;
  }
  return line;
}

}  // namespace btcnet::rpc
