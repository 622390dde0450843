"""Routes, security-group rules and NACL entries that decide together (issue 18): the tracer reasons
over the set of addresses a destination may have (every public address for an AWS service's
public endpoint), so rules that together cover the set and agree decide, and only rules that
disagree within it leave the answer unknown. Loaded by generate.py (register(g))."""


def register(g):
    def half(cidr, target_key, target, state="active"):
        route = g.r_default(target_key, target, state)
        route["DestinationCidrBlock"] = cidr
        return route

    def nat_with_halves(default_state, low, high):
        """PRIVATE-NAT with a second NAT gateway (nat-b, public-b) and the private table's
        routes replaced: 0.0.0.0/0 plus the two /1 halves, each (target role, state)."""
        d = g.build_nat()
        g.add_nat(d, "b", "public-b", "shop-prod-nat-b", "13.38.140.7")
        nat = lambda role: d.id("nat", role)
        routes = d.rtbs["private"]["routes"]
        routes[1] = g.r_default("NatGatewayId", nat("a"), default_state)
        routes.append(half("0.0.0.0/1", "NatGatewayId", nat(low[0]), low[1]))
        routes.append(half("128.0.0.0/1", "NatGatewayId", nat(high[0]), high[1]))
        return d

    @g.scenario("net003-split-routes-shadow-dead-default-healthy")
    def _():
        d = nat_with_halves("blackhole", ("b", "active"), ("b", "active"))
        del d.nats["a"]  # deleted: its 0.0.0.0/0 route is a blackhole
        return g.Scenario(d, """\
PRIVATE-NAT design whose first NAT gateway was deleted, so the private table's 0.0.0.0/0 route
is a blackhole, but the table also holds 0.0.0.0/1 and 128.0.0.0/1 (the "def1" pair VPN clients
install), both to the working nat-b in public-b. Whatever address an AWS service has, one of the
two /1 routes is its longest match and both lead to nat-b: the dead default route is never used
(docs/design/causes.md §1.9, longest prefix). Healthy: NET003 silent, every dependency reachable via nat-b.
(Before issue 18 this was inconclusive: "the service's addresses are not in the snapshot".)""",
                        "ok", 0,
                        deps=[g.dep("ecr.api", d.sub("private-a"), True, d.id("nat", "b")),
                              g.dep("s3", d.sub("private-c"), True, d.id("nat", "b"))])

    @g.scenario("net003-split-routes-both-blackhole")
    def _():
        d = nat_with_halves("active", ("b", "blackhole"), ("b", "blackhole"))
        del d.nats["b"]  # deleted: both /1 routes are blackholes
        return g.Scenario(d, """\
PRIVATE-NAT design whose 0.0.0.0/0 route still goes to the working nat-a, but 0.0.0.0/1 and
128.0.0.0/1 go to nat-b, which was deleted (both routes State blackhole). Every address matches
one of the /1 routes before the /0, and a blackhole route drops the packet instead of falling
back (docs/design/causes.md#net003, §1.9): NET003 blocker on the private table. (Before issue 18 this was
inconclusive: the /1 routes "may apply".)""",
                        "blocked", 1,
                        findings=[g.F("NET003", d.rtb("private"), "blocker")],
                        deps=[g.dep("ecr.api", d.sub("private-a"), False, None)])

    @g.scenario("net-split-routes-disagree-inconclusive")
    def _():
        d = nat_with_halves("blackhole", ("b", "active"), ("a", "blackhole"))
        del d.nats["a"]
        return g.Scenario(d, """\
PRIVATE-NAT design whose nat-a was deleted: 0.0.0.0/0 and 128.0.0.0/1 go to it (blackhole), while
0.0.0.0/1 goes to the working nat-b. An AWS service whose address is in 0.0.0.0/1 is reached, one
in 128.0.0.0/1 is dropped, and the snapshot does not hold the services' addresses (they come from
DNS and ip-ranges.json). Reporting NET003 would claim a break that may not exist; reporting
reachable would hide one that may: the answer is unknown and names the two routes that disagree.
Verdict inconclusive, exit 3, reachable null; NET002 (the undecided route lookup) in unchecked.
S3 is decided all the same: its addresses are the S3 prefix list's ranges (describe-prefix-lists),
all inside 0.0.0.0/1, so it is reachable through nat-b.""",
                        "inconclusive", 3,
                        maybe=["NET003"],
                        unchecked=["NET002"],
                        deps=[g.dep("ecr.api", d.sub("private-a"), None),
                              g.dep("s3", d.sub("private-b"), True, d.id("nat", "b"))])

    @g.scenario("fw001-sg-egress-split-halves-healthy")
    def _():
        d = g.build_nat()
        d.sgs["api"]["IpPermissionsEgress"] = [
            g.perm("tcp", (443, 443), cidrs=[("0.0.0.0/1", "HTTPS, lower half")]),
            g.perm("tcp", (443, 443), cidrs=[("128.0.0.0/1", "HTTPS, upper half")])]
        return g.Scenario(d, """\
PRIVATE-NAT design whose task SG allows tcp 443 out in two rules, to 0.0.0.0/1 and 128.0.0.0/1.
Neither rule alone covers every address an AWS service may have, but SG rules are a union of
allows (docs/design/causes.md §1.9) and together they cover all of them. Healthy: FW001 silent.
(Before issue 18 this was inconclusive: each rule "may cover" the service.)""",
                        "ok", 0,
                        deps=[g.dep("ecr.api", d.sub("private-a"), True, d.id("nat", "a"))])

    def halves_nacl(d, action_low, action_high):
        g.private_nacl(d, [
            g.nacl_entry(100, True, "6", action_low, cidr="0.0.0.0/1", ports=(443, 443)),
            g.nacl_entry(110, True, "6", action_high, cidr="128.0.0.0/1", ports=(443, 443)),
            g.nacl_entry(200, True, "-1", "allow"),
            g.nacl_entry(32767, True, "-1", "deny"),
            g.nacl_entry(100, False, "-1", "allow"),
            g.nacl_entry(32767, False, "-1", "deny"),
        ])

    @g.scenario("fw006-nacl-denies-443-in-halves")
    def _():
        d = g.build_nat()
        halves_nacl(d, "deny", "deny")
        return g.Scenario(d, """\
PRIVATE-NAT design whose private subnets' NACL denies outbound tcp 443 in two entries, 100 to
0.0.0.0/1 and 110 to 128.0.0.0/1, before 200 allows all traffic. Entries are evaluated in rule
order and the first match decides (docs/design/causes.md#fw006, §1.9): every address meets 100 or 110 first, so
443 is denied whatever the service's address. FW006 blocker on that NACL. (Before issue 18 this
was inconclusive: each deny "may or may not cover the service's addresses".)""",
                        "blocked", 1,
                        findings=[g.F("FW006", d.nacl("private"), "blocker")],
                        deps=[g.dep("ecr.api", d.sub("private-a"), False, None)])

    @g.scenario("fw006-nacl-allows-443-in-halves-healthy")
    def _():
        d = g.build_nat()
        halves_nacl(d, "allow", "allow")
        return g.Scenario(d, """\
The NACL of fw006-nacl-denies-443-in-halves with both /1 entries allowing tcp 443: every address
meets an allow first (docs/design/causes.md §1.9). Healthy: FW006 silent, ecr.api reachable via nat-a.""",
                        "ok", 0,
                        deps=[g.dep("ecr.api", d.sub("private-a"), True, d.id("nat", "a"))])
