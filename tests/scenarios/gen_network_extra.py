"""More network scenarios: endpoints in their own subnets (so their NACL is crossed), and the
ecr.dkr endpoint missing. Loaded by generate.py (register(g))."""


def register(g):
    def endpoints_in_own_subnets(nacl_entries=None):
        d = g.build_endpoints()
        roles = []
        for i, z in enumerate("abc"):
            role = f"endpoints-{z}"
            g.add_subnet(d, role, "vpc", f"10.30.{200 + i}.0/24", i, f"payments-endpoints-{z}",
                         free=251 - 12)
            roles.append(role)
        g.add_rtb(d, "endpoints", "vpc", "payments-endpoints", [], roles)
        for svc in ("ecr.api", "ecr.dkr", "logs", "secretsmanager"):
            del d.endpoints[svc]
            g.add_interface_endpoint(d, svc, "vpc", svc, roles, ["vpce"])
        if nacl_entries is not None:
            g.add_nacl(d, "endpoints", "vpc", "payments-endpoints", nacl_entries, roles)
        return d

    @g.scenario("base-endpoints-dedicated-subnets")
    def _():
        d = endpoints_in_own_subnets()
        return g.Scenario(d, """\
ENDPOINTS design with the interface endpoints in three subnets of their own (default NACL): the
tasks' traffic crosses a subnet boundary to reach them, and every NACL on the way allows it
(docs/design/causes.md §1.9). Healthy: no finding.""", "ok", 0)

    @g.scenario("fw008-endpoint-subnet-nacl-blocks")
    def _():
        # Inbound 443 is admitted only from an on-premises range: the tasks (10.30.0.0/18) are
        # denied at the endpoint subnets' NACL, on every interface endpoint.
        d = endpoints_in_own_subnets([
            g.nacl_entry(100, True, "-1", "allow"),
            g.nacl_entry(32767, True, "-1", "deny"),
            g.nacl_entry(100, False, "6", "allow", cidr="192.168.0.0/16", ports=(443, 443)),
            g.nacl_entry(32767, False, "-1", "deny"),
        ])
        return g.Scenario(d, """\
ENDPOINTS design whose endpoints sit in dedicated subnets with a NACL admitting 443 only from an
on-premises range (192.168.0.0/16): the tasks' connections are dropped entering the endpoint
subnets (docs/design/causes.md#fw008). FW008 blocker on the endpoint subnets' NACL; S3 (gateway endpoint, no
subnet crossed) stays reachable.""",
                          "blocked", 1,
                          findings=[g.F("FW008", d.nacl("endpoints"), "blocker")],
                          deps=[g.dep("ecr.api", d.sub("private-a"), False, None),
                                g.dep("s3", d.sub("private-a"), True, d.vpce("s3"))])

    @g.scenario("vpce001-ecr-dkr-endpoint-missing")
    def _():
        d = g.build_endpoints()
        del d.endpoints["ecr.dkr"]
        return g.Scenario(d, """\
ENDPOINTS design without the ecr.dkr endpoint: the image manifest cannot be fetched (docs/design/causes.md#vpce001;
all platform versions need ecr.dkr). VPCE001 blocker on the VPC.""",
                          "blocked", 1,
                          findings=[g.F("VPCE001", d.vpc_id(), "blocker")],
                          deps=[g.dep("ecr.dkr", d.sub("private-a"), False, None),
                                g.dep("ecr.api", d.sub("private-a"), True, d.vpce("ecr.api"))])
