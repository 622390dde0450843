#pragma once
/// The explicit registry (ninja kTools[], Ruff codes.rs): one line per check, sorted by code.
/// No static self-registration: an unregistered check shows in review and in `checks`.

#include "checks/check.h"

// clang-format off
#define FD_CHECK_LIST(X) \
  X(kCap001) \
  X(kCap002) \
  X(kCap003) \
  X(kCap004) \
  X(kCap005) \
  X(kCap006) \
  X(kCap007) \
  X(kCap008) \
  X(kCap009) \
  X(kCap010) \
  X(kFw001) \
  X(kFw002) \
  X(kFw003) \
  X(kFw004) \
  X(kFw005) \
  X(kFw006) \
  X(kFw007) \
  X(kFw008) \
  X(kIam001) \
  X(kIam002) \
  X(kIam003) \
  X(kIam004) \
  X(kIam005) \
  X(kIam006) \
  X(kIam007) \
  X(kIam008) \
  X(kIam009) \
  X(kIam010) \
  X(kIam011) \
  X(kIam012) \
  X(kIam013) \
  X(kIam014) \
  X(kIam015) \
  X(kIam016) \
  X(kImg001) \
  X(kImg002) \
  X(kImg003) \
  X(kImg004) \
  X(kImg005) \
  X(kImg006) \
  X(kImg007) \
  X(kImg008) \
  X(kImg009) \
  X(kImg010) \
  X(kImg011) \
  X(kImg012) \
  X(kImg013) \
  X(kLog001) \
  X(kLog002) \
  X(kLog003) \
  X(kLog004) \
  X(kLog005) \
  X(kLog006) \
  X(kNet001) \
  X(kNet002) \
  X(kNet003) \
  X(kNet004) \
  X(kNet005) \
  X(kNet006) \
  X(kNet007) \
  X(kNet008) \
  X(kNet009) \
  X(kNet010) \
  X(kNet011) \
  X(kSec001) \
  X(kSec002) \
  X(kSec003) \
  X(kSec004) \
  X(kSec005) \
  X(kSec006) \
  X(kSto001) \
  X(kSto002) \
  X(kSto003) \
  X(kSto004) \
  X(kSto005) \
  X(kSto006) \
  X(kSto007) \
  X(kSto008) \
  X(kSto009) \
  X(kSvc001) \
  X(kSvc002) \
  X(kSvc003) \
  X(kSvc004) \
  X(kSvc005) \
  X(kSvc006) \
  X(kSvc007) \
  X(kSvc008) \
  X(kSvc009) \
  X(kSvc010) \
  X(kSvc011) \
  X(kSvc012) \
  X(kTd001) \
  X(kTd002) \
  X(kTd003) \
  X(kTd004) \
  X(kTd005) \
  X(kTd006) \
  X(kTd007) \
  X(kTd008) \
  X(kTd009) \
  X(kTd010) \
  X(kTd011) \
  X(kTd012) \
  X(kVpce001) \
  X(kVpce002) \
  X(kVpce003) \
  X(kVpce004) \
  X(kVpce005) \
  X(kVpce006) \
  X(kVpce007) \
  X(kVpce008) \
  X(kVpce010) \
  X(kVpce011) \
  X(kVpce012) \
  X(kVpce013) \
  X(kVpce015)


namespace fd::checks {
#define FD_DECLARE(var) extern const CheckDef var;
FD_CHECK_LIST(FD_DECLARE)
#undef FD_DECLARE
}  // namespace fd::checks
// clang-format on
