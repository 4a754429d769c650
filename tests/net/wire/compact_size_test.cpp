#include <gtest/gtest.h>

#include "net/wire/byte_io.hpp"
#include "test_vectors.hpp"

namespace btcnet::wire {
namespace {

using test::from_hex;
using test::to_hex;

struct compact_case {
  std::uint64_t value;
  const char* hex;  // btcd common_test.go TestVarIntWire
};

const compact_case boundaries[] = {
    {0, "00"},
    {0xfc, "fc"},
    {0xfd, "fdfd00"},
    {0xffff, "fdffff"},
    {0x10000, "fe00000100"},
    {0xffffffff, "feffffffff"},
    {0x100000000, "ff0000000001000000"},
    {0xffffffffffffffff, "ffffffffffffffffff"},
};

TEST(CompactSize, EncodesBoundariesExactly) {
  for (const auto& c : boundaries) {
    bytes out;
    byte_writer(out).compact_size(c.value);
    EXPECT_EQ(to_hex(out), c.hex) << c.value;
    EXPECT_EQ(compact_size_length(c.value), out.size());
  }
}

TEST(CompactSize, DecodesBoundariesExactly) {
  for (const auto& c : boundaries) {
    const bytes in = from_hex(c.hex);
    byte_reader r(in);
    EXPECT_EQ(r.compact_size(), c.value) << c.hex;
    EXPECT_TRUE(r.ok());
    EXPECT_TRUE(r.empty());
  }
}

TEST(CompactSize, RejectsEveryNonCanonicalEncoding) {
  // btcd common_test.go TestVarIntNonCanonical: each value fits a shorter encoding.
  for (const char* hex : {"fd0000", "fdfc00", "fe00000000", "feffff0000", "ff0000000000000000",
                          "ffffffffff00000000"}) {
    const bytes in = from_hex(hex);
    byte_reader r(in);
    r.compact_size();
    EXPECT_EQ(r.error(), wire_errc::non_canonical_compact_size) << hex;
  }
}

TEST(CompactSize, TruncatedEncodingIsTruncated) {
  for (const char* hex : {"", "fd", "fdff", "fe000001", "ff00000000010000"}) {
    const bytes in = from_hex(hex);
    byte_reader r(in);
    r.compact_size();
    EXPECT_EQ(r.error(), wire_errc::truncated) << hex;
  }
}

TEST(CompactSize, CountAboveMaximumIsRefusedBeforeAllocation) {
  const bytes in = from_hex("fde903");  // 1001
  byte_reader r(in);
  EXPECT_EQ(r.count(1000), 0u);
  EXPECT_EQ(r.error(), wire_errc::too_many_entries);
}

TEST(VarString, RoundTripsAndEnforcesMaximum) {
  bytes out;
  byte_writer(out).var_string("/btcnet:0.1.0/");
  EXPECT_EQ(to_hex(out), "0e2f6274636e65743a302e312e302f");
  byte_reader ok(out);
  EXPECT_EQ(ok.var_string(14), "/btcnet:0.1.0/");
  byte_reader too_long(out);
  too_long.var_string(13);
  EXPECT_EQ(too_long.error(), wire_errc::string_too_long);
}

TEST(ByteReader, ErrorIsStickyAndNeverReadsPastTheEnd) {
  const bytes in = from_hex("0102");
  byte_reader r(in);
  EXPECT_EQ(r.u32(), 0u);
  EXPECT_EQ(r.error(), wire_errc::truncated);
  EXPECT_EQ(r.u8(), 0u);  // still failed, reads nothing
  EXPECT_EQ(r.remaining(), 2u);
}

}  // namespace
}  // namespace btcnet::wire
