"""Snapshots saved the way people save them (issue 18): outputs that name no Region (here `aws ecr
get-repository-policy ... > policy.json`, no envelope, no Region folder) beside files that all
name one Region. Loaded by generate.py (register(g))."""

import json


def register(g):
    A = g.ACCOUNT
    R = "eu-west-3"
    SHARED = "222233334444"   # the organisation's shared registry account
    REPO = "shared/base"
    REPO_ARN = f"arn:aws:ecr:{R}:{SHARED}:repository/{REPO}"
    ROLE = f"arn:aws:iam::{A}:role/api-task-execution"
    PULL = ["ecr:BatchCheckLayerAvailability", "ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"]

    def shared_image(policy_statements):
        """The task pulls from the shared registry; its listings were collected with
        --registry-id, and the repository policy was saved bare, exactly as printed by
        `aws ecr get-repository-policy --registry-id 222233334444 --repository-name shared/base
        > policy.json`."""
        def edit(files):
            for item in files["ecr-describe-repositories.json"]["repositories"]:
                item.update(repositoryArn=REPO_ARN, registryId=SHARED, repositoryName=REPO,
                            repositoryUri=f"{SHARED}.dkr.ecr.{R}.amazonaws.com/{REPO}")
            for item in files["ecr-describe-images.json"]["imageDetails"]:
                item.update(registryId=SHARED, repositoryName=REPO)
            files["policy.json"] = {
                "registryId": SHARED,
                "repositoryName": REPO,
                "policyText": json.dumps({"Version": "2012-10-17", "Statement": policy_statements},
                                         indent=2)}
        d = g.build_nat()
        d.td["image"] = f"{SHARED}.dkr.ecr.{R}.amazonaws.com/{REPO}:1.4"
        d.mutations = [edit]
        return d

    @g.scenario("iam011-bare-repository-policy-one-region")
    def _():
        d = shared_image([{"Sid": "OrgPull", "Effect": "Allow",
                           "Principal": {"AWS": f"arn:aws:iam::{SHARED}:root"}, "Action": PULL}])
        return g.Scenario(d, f"""\
PRIVATE-NAT design whose image is in the shared registry {SHARED} ({REPO}), a cross-account pull
(docs/design/causes.md#iam011). The repository policy was saved bare as policy.json: get-repository-policy names
the registry and repository but no Region, and the file has no envelope or Region folder. Every
other file of the snapshot names eu-west-3 (ARNs, zones), so the policy is the one of
{REPO_ARN}, the repository the image URI names (docs/design/inputs.md §1). It grants the pull only to the
shared account itself, not to the execution role of {A}: IAM011 blocker on the repository.
(Before issue 18 the policy was ignored with the note "names no registry account or region".)""",
                          "blocked", 1, findings=[g.F("IAM011", REPO_ARN, "blocker")])

    @g.scenario("iam011-bare-repository-policy-one-region-healthy")
    def _():
        d = shared_image([{"Sid": "ProdTasksPull", "Effect": "Allow",
                           "Principal": {"AWS": ROLE}, "Action": PULL}])
        return g.Scenario(d, f"""\
The same cross-account pull and bare policy.json as iam011-bare-repository-policy-one-region,
but the policy grants the pull actions to the execution role {ROLE}: the Region every other file
names settles the policy's repository, the grant is evaluated, and nothing is reported. Verdict
ok, IAM011 silent, and no "repository policy not collected" gap.""",
                          "ok", 0)
