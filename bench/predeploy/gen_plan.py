#!/usr/bin/env python3
"""Writes a Terraform plan (`terraform show -json` output, format 1.2) of about N resources, for
timing the plan reader on plans larger than any in the corpus.

The plan has the shape of a real one: in `module.net[i]` (a counted module) a VPC, counted
subnets, a route table with an inline route, route table associations, a security group with
inline ingress and egress blocks; at the root, ECS services with their task definitions, whose
subnets and security groups come from the module outputs. Every ID is known only after apply, so
`after_unknown` and the `configuration` references carry the links, as in a first plan.

  python3 bench/predeploy/gen_plan.py N > plan.json
"""
import json
import sys

SUBNETS = 4  # per module instance


def entry(address, module, rtype, name, values, index=None):
    e = {"address": address, "mode": "managed", "type": rtype, "name": name,
         "provider_name": "registry.terraform.io/hashicorp/aws", "schema_version": 1,
         "values": values, "sensitive_values": {}}
    if index is not None:
        e["index"] = index
    return e


def change(e, module, unknown):
    c = {k: e[k] for k in ("address", "mode", "type", "name", "provider_name") if k in e}
    if "index" in e:
        c["index"] = e["index"]
    if module:
        c["module_address"] = module
    c["change"] = {"actions": ["create"], "before": None, "after": e["values"],
                   "after_unknown": unknown, "before_sensitive": False, "after_sensitive": {}}
    return c


def ref(*refs):
    return {"references": list(refs)}


def network(i):
    """One module.net[i] instance: its planned resources."""
    m = f"module.net[{i}]"
    out = [entry(f"{m}.aws_vpc.this", m, "aws_vpc", "this",
                 {"cidr_block": f"10.{i % 256}.0.0/16", "enable_dns_support": True,
                  "enable_dns_hostnames": True, "tags": {"Name": f"vpc-{i}"}})]
    for s in range(SUBNETS):
        out.append(entry(f"{m}.aws_subnet.private[{s}]", m, "aws_subnet", "private",
                         {"cidr_block": f"10.{i % 256}.{s}.0/24", "map_public_ip_on_launch": False,
                          "availability_zone": f"eu-west-1{'abc'[s % 3]}", "tags": {"Tier": "private"}},
                         index=s))
        out.append(entry(f"{m}.aws_route_table_association.private[{s}]", m,
                         "aws_route_table_association", "private", {"gateway_id": None}, index=s))
    out.append(entry(f"{m}.aws_route_table.private", m, "aws_route_table", "private",
                     {"route": [{"cidr_block": "0.0.0.0/0", "nat_gateway_id": "nat-0123456789abcdef0",
                                 "gateway_id": "", "ipv6_cidr_block": "", "vpc_endpoint_id": ""}],
                      "tags": {"Name": f"private-{i}"}}))
    out.append(entry(f"{m}.aws_security_group.task", m, "aws_security_group", "task",
                     {"name": f"task-{i}", "description": "tasks",
                      "ingress": [{"from_port": 8080, "to_port": 8080, "protocol": "tcp",
                                   "cidr_blocks": [f"10.{i % 256}.0.0/16"], "ipv6_cidr_blocks": [],
                                   "prefix_list_ids": [], "security_groups": [], "self": False,
                                   "description": ""}],
                      "egress": [{"from_port": 0, "to_port": 0, "protocol": "-1",
                                  "cidr_blocks": ["0.0.0.0/0"], "ipv6_cidr_blocks": [],
                                  "prefix_list_ids": [], "security_groups": [], "self": False,
                                  "description": ""}]}))
    return out


def service(i, net):
    td = entry(f"aws_ecs_task_definition.app[{i}]", "", "aws_ecs_task_definition", "app",
               {"family": f"app-{i}", "cpu": "256", "memory": "512", "network_mode": "awsvpc",
                "requires_compatibilities": ["FARGATE"],
                "container_definitions": json.dumps([{
                    "name": "app", "image": "public.ecr.aws/nginx/nginx:latest", "essential": True,
                    "portMappings": [{"containerPort": 8080}],
                    "logConfiguration": {"logDriver": "awslogs", "options": {
                        "awslogs-group": f"/ecs/app-{i}", "awslogs-region": "eu-west-1",
                        "awslogs-stream-prefix": "app"}}}])}, index=i)
    svc = entry(f"aws_ecs_service.app[{i}]", "", "aws_ecs_service", "app",
                {"name": f"app-{i}", "launch_type": "FARGATE", "desired_count": 2,
                 "network_configuration": [{"assign_public_ip": False}]}, index=i)
    return td, svc, net


def unknowns(e):
    t = e["type"]
    u = {"id": True, "arn": True, "tags_all": True}
    if t in ("aws_subnet", "aws_route_table", "aws_security_group"):
        u["vpc_id"] = True
    if t == "aws_route_table_association":
        u.update(subnet_id=True, route_table_id=True)
    if t == "aws_ecs_service":
        u.update(task_definition=True, cluster=True,
                 network_configuration=[{"subnets": True, "security_groups": True}])
    if t == "aws_ecs_task_definition":
        u.update(execution_role_arn=True, revision=True)
    return u


def configuration(instances):
    net_module = {
        "outputs": {"subnet_ids": {"expression": ref("aws_subnet.private")},
                    "sg_id": {"expression": ref("aws_security_group.task.id", "aws_security_group.task")}},
        "resources": [
            {"address": "aws_vpc.this", "mode": "managed", "type": "aws_vpc", "name": "this",
             "expressions": {"cidr_block": ref("var.cidr")}},
            {"address": "aws_subnet.private", "mode": "managed", "type": "aws_subnet", "name": "private",
             "expressions": {"vpc_id": ref("aws_vpc.this.id", "aws_vpc.this"),
                             "cidr_block": ref("var.cidr", "count.index")},
             "count_expression": {"constant_value": SUBNETS}},
            {"address": "aws_route_table_association.private", "mode": "managed",
             "type": "aws_route_table_association", "name": "private",
             "expressions": {"subnet_id": ref("aws_subnet.private", "count.index"),
                             "route_table_id": ref("aws_route_table.private.id", "aws_route_table.private")},
             "count_expression": {"constant_value": SUBNETS}},
            {"address": "aws_route_table.private", "mode": "managed", "type": "aws_route_table",
             "name": "private", "expressions": {"vpc_id": ref("aws_vpc.this.id", "aws_vpc.this")}},
            {"address": "aws_security_group.task", "mode": "managed", "type": "aws_security_group",
             "name": "task", "expressions": {"vpc_id": ref("aws_vpc.this.id", "aws_vpc.this")}},
        ],
        "variables": {"cidr": {}},
    }
    return {"root_module": {
        "resources": [
            {"address": "aws_ecs_task_definition.app", "mode": "managed",
             "type": "aws_ecs_task_definition", "name": "app",
             "expressions": {"family": ref("count.index")},
             "count_expression": {"constant_value": instances}},
            {"address": "aws_ecs_service.app", "mode": "managed", "type": "aws_ecs_service",
             "name": "app", "expressions": {
                 "task_definition": ref("aws_ecs_task_definition.app", "count.index"),
                 "network_configuration": [{
                     "subnets": ref("module.net", "count.index"),
                     "security_groups": ref("module.net", "count.index")}]},
             "count_expression": {"constant_value": instances}},
        ],
        "module_calls": {"net": {"source": "./net", "count_expression": {"constant_value": instances},
                                 "expressions": {"cidr": ref("count.index")}, "module": net_module}}}}


def plan(n):
    per_instance = 1 + 2 * SUBNETS + 2 + 2  # network resources + task definition + service
    instances = max(1, round(n / per_instance))
    root, children, changes = [], [], []
    for i in range(instances):
        net = network(i)
        td, svc, _ = service(i, net)
        root += [td, svc]
        children.append({"address": f"module.net[{i}]", "resources": net})
        changes += [change(e, f"module.net[{i}]", unknowns(e)) for e in net]
        changes += [change(e, "", unknowns(e)) for e in (td, svc)]
    return {"format_version": "1.2", "terraform_version": "1.9.5",
            "planned_values": {"root_module": {"resources": root, "child_modules": children}},
            "resource_changes": changes,
            "configuration": configuration(instances)}


if __name__ == "__main__":
    json.dump(plan(int(sys.argv[1]) if len(sys.argv) > 1 else 5000), sys.stdout, indent=2)
    sys.stdout.write("\n")
