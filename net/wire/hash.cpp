// OpenSSL 3 deprecates the one-call SHA256_* API in favour of EVP, but EVP's per-call algorithm
// fetch costs more than hashing a small message (a ping is 8 bytes); the low-level API runs the
// same SHA-NI code without that overhead, so we ask for the 1.1.1 API level explicitly.
#define OPENSSL_API_COMPAT 10101
#include "net/wire/hash.hpp"

#include <openssl/sha.h>

#include <cstring>

namespace btcnet::wire {

hash256 sha256(std::span<const std::uint8_t> data) {
  hash256 out;
  SHA256_CTX ctx;
  SHA256_Init(&ctx);
  SHA256_Update(&ctx, data.data(), data.size());
  SHA256_Final(out.data(), &ctx);
  return out;
}

hash256 sha256d(std::span<const std::uint8_t> data) {
  return sha256(sha256(data));
}

std::uint32_t checksum(std::span<const std::uint8_t> payload) {
  const hash256 h = sha256d(payload);
  return std::uint32_t{h[0]} | std::uint32_t{h[1]} << 8 | std::uint32_t{h[2]} << 16 |
         std::uint32_t{h[3]} << 24;
}

}  // namespace btcnet::wire
