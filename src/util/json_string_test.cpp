// AppendJsonString writes what nlohmann::json::dump writes for the same valid UTF-8 text: the
// report writer and JsonValue::Dump must both stay byte-identical to the library's output.
#include "util/json_string.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <string>

namespace fd {
namespace {

TEST(JsonStringTest, EscapesAsNlohmannDumps) {
  std::string every_control;
  for (int c = 0; c < 0x20; ++c) every_control += static_cast<char>(c);
  for (const std::string& s : {std::string(), std::string("plain"), std::string("q\"uote\\back/slash"),
                               every_control, std::string("caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80"),
                               std::string("\x7f del"), std::string("end\n")}) {
    std::string out = "x";
    AppendJsonString(out, s);
    EXPECT_EQ(out, "x" + nlohmann::json(s).dump()) << s;
  }
}

}  // namespace
}  // namespace fd
