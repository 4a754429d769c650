// HTTP Basic authentication for the RPC server, and the cookie files through which local clients
// find a node: Bitcoin Core's scheme (src/httprpc.cpp, rpc/request.cpp GenerateAuthCookie).
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <system_error>

namespace btcnet::rpc {

struct credentials {
  std::string user;
  std::string pass;
};

// Bitcoin Core's cookie user name; the password is 32 random bytes in hex.
inline constexpr std::string_view cookie_user = "__cookie__";
credentials make_cookie_credentials();

// "Basic <base64(user:pass)>" -> credentials; nullopt when malformed.
std::optional<credentials> parse_basic_auth(std::string_view header);
std::string basic_auth_header(const credentials& c);

// Compares in time independent of where the inputs differ.
bool credentials_match(const credentials& expected, const credentials& given);

// The files a node keeps in its network data directory while its RPC server runs.
std::filesystem::path cookie_path(const std::filesystem::path& data_dir);
std::filesystem::path endpoint_path(const std::filesystem::path& data_dir);

// Writes "user:pass" readable by the owner only (mode 0600), replacing any old file.
std::error_code write_cookie(const std::filesystem::path& file, const credentials& c);
// nullopt with `error` set when missing or malformed.
std::optional<credentials> read_cookie(const std::filesystem::path& file, std::string& error);

// The RPC address ("127.0.0.1:18443") a running node records for its clients.
std::error_code write_endpoint(const std::filesystem::path& file, const std::string& host_port);
std::optional<std::string> read_endpoint(const std::filesystem::path& file, std::string& error);

}  // namespace btcnet::rpc
