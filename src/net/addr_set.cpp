#include "net/addr_set.h"

#include <algorithm>

namespace fd::net {
namespace {

constexpr std::uint64_t kTop = 0xFFFFFFFFull;

}  // namespace

void AddrSet4::Append(std::uint64_t lo, std::uint64_t hi) {
  if (lo > hi) return;
  if (!ranges_.empty() && lo <= static_cast<std::uint64_t>(ranges_.back().hi) + 1) {
    ranges_.back().hi = static_cast<std::uint32_t>(std::max<std::uint64_t>(ranges_.back().hi, hi));
    return;
  }
  ranges_.push_back({static_cast<std::uint32_t>(lo), static_cast<std::uint32_t>(hi)});
}

AddrSet4 AddrSet4::Of(const Cidr4& cidr) {
  AddrSet4 s;
  s.ranges_.push_back({cidr.addr, cidr.Last()});
  return s;
}

AddrSet4 AddrSet4::Of(const std::vector<Cidr4>& cidrs) {
  std::vector<Cidr4> sorted = cidrs;
  std::sort(sorted.begin(), sorted.end());
  AddrSet4 s;
  for (const Cidr4& c : sorted) s.Append(c.addr, c.Last());
  return s;
}

AddrSet4 AddrSet4::All() { return Of(Cidr4::Any()); }

const AddrSet4& AddrSet4::Public() {
  static const AddrSet4 kPublic = [] {
    std::vector<Cidr4> reserved;
    for (const char* c : {"10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "100.64.0.0/10",
                          "127.0.0.0/8", "169.254.0.0/16"})
      reserved.push_back(*Cidr4::Parse(c));
    return All().Minus(Of(reserved));
  }();
  return kPublic;
}

AddrSet4 AddrSet4::Union(const AddrSet4& other) const {
  AddrSet4 out;
  size_t i = 0, j = 0;
  while (i < ranges_.size() || j < other.ranges_.size()) {
    const bool take_mine =
        j == other.ranges_.size() || (i < ranges_.size() && ranges_[i].lo <= other.ranges_[j].lo);
    const Range& r = take_mine ? ranges_[i++] : other.ranges_[j++];
    out.Append(r.lo, r.hi);
  }
  return out;
}

AddrSet4 AddrSet4::Intersect(const AddrSet4& other) const {
  AddrSet4 out;
  size_t i = 0, j = 0;
  while (i < ranges_.size() && j < other.ranges_.size()) {
    const Range& a = ranges_[i];
    const Range& b = other.ranges_[j];
    out.Append(std::max(a.lo, b.lo), std::min(a.hi, b.hi));  // empty when they miss
    if (a.hi < b.hi) ++i;
    else ++j;
  }
  return out;
}

AddrSet4 AddrSet4::Intersect(const Cidr4& cidr) const {
  AddrSet4 out;
  const std::uint32_t lo = cidr.addr, hi = cidr.Last();
  for (const Range& r : ranges_) {
    if (r.hi < lo) continue;
    if (r.lo > hi) break;
    out.Append(std::max(r.lo, lo), std::min(r.hi, hi));
  }
  return out;
}

AddrSet4 AddrSet4::Minus(const AddrSet4& other) const {
  AddrSet4 out;
  size_t j = 0;
  for (const Range& a : ranges_) {
    std::uint64_t lo = a.lo;
    while (j < other.ranges_.size() && other.ranges_[j].hi < lo) ++j;
    for (size_t k = j; k < other.ranges_.size() && other.ranges_[k].lo <= a.hi; ++k) {
      const Range& b = other.ranges_[k];
      if (b.lo > lo) out.Append(lo, b.lo - 1ull);
      lo = static_cast<std::uint64_t>(b.hi) + 1;
    }
    if (lo <= a.hi) out.Append(lo, a.hi);
  }
  return out;
}

std::vector<Cidr4> AddrSet4::ToCidrs() const {
  std::vector<Cidr4> out;
  for (const Range& r : ranges_) {
    std::uint64_t lo = r.lo;
    while (lo <= r.hi) {
      // The largest block aligned at `lo` that stays inside the range.
      int len = lo == 0 ? 0 : 32 - __builtin_ctz(static_cast<std::uint32_t>(lo));
      while ((lo | (kTop >> len)) > r.hi) ++len;
      out.push_back(Cidr4{static_cast<std::uint32_t>(lo), static_cast<std::uint8_t>(len)});
      lo += (kTop >> len) + 1;
    }
  }
  return out;
}

std::string AddrSet4::ToString(size_t max) const {
  const std::vector<Cidr4> cidrs = ToCidrs();
  std::string out;
  for (size_t i = 0; i < cidrs.size() && i < max; ++i)
    out += (i ? ", " : "") + cidrs[i].ToString();
  if (cidrs.size() > max) out += " and " + std::to_string(cidrs.size() - max) + " more";
  return cidrs.empty() ? "no address" : out;
}

}  // namespace fd::net
