#pragma once
/// A set of IPv4 addresses as sorted, disjoint, non-adjacent inclusive ranges (issue 18).
///
/// Route, security-group and NACL matching reason over the set of addresses a destination may
/// have rather than over one representative: every public address when only "an AWS service"
/// is known, the prefix list's ranges when they are. Rules that together cover the set decide
/// as surely as one rule that covers it alone. Operations are linear merges of the two range
/// lists, so a lookup costs the number of routes times the few ranges involved.

#include <cstdint>
#include <string>
#include <vector>

#include "util/ip.h"

namespace fd::net {

class AddrSet4 {
 public:
  struct Range {
    std::uint32_t lo = 0, hi = 0;  ///< inclusive
    bool operator==(const Range&) const = default;
  };

  AddrSet4() = default;
  static AddrSet4 Of(const Cidr4& cidr);
  static AddrSet4 Of(const std::vector<Cidr4>& cidrs);
  static AddrSet4 All();
  /// Every address but private, shared (100.64/10), loopback and link-local space: where the
  /// public endpoint of an AWS service may be (the complement of IsPrivateIpv4's ranges).
  static const AddrSet4& Public();

  bool empty() const { return ranges_.empty(); }
  const std::vector<Range>& ranges() const { return ranges_; }
  /// True when every address of `other` is in this set.
  bool Contains(const AddrSet4& other) const { return other.Minus(*this).empty(); }
  bool Overlaps(const AddrSet4& other) const { return !Intersect(other).empty(); }

  AddrSet4 Union(const AddrSet4& other) const;
  AddrSet4 Intersect(const AddrSet4& other) const;
  /// The same with one prefix, without building a set for it (the inner loop of every rule).
  AddrSet4 Intersect(const Cidr4& cidr) const;
  AddrSet4 Minus(const AddrSet4& other) const;

  /// The fewest CIDRs that make up the set, in address order.
  std::vector<Cidr4> ToCidrs() const;
  /// "0.0.0.0/1, 128.0.0.0/1"; past `max` CIDRs, "… and N more".
  std::string ToString(size_t max = 4) const;

  bool operator==(const AddrSet4&) const = default;

 private:
  /// Appends [lo, hi], merging with the last range when they touch; ranges come in order.
  void Append(std::uint64_t lo, std::uint64_t hi);
  std::vector<Range> ranges_;
};

}  // namespace fd::net
