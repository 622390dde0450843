// Policy evaluation throughput: the managed execution-role policy plus a repository policy,
// a boundary and two SCP levels, evaluated for the requests a task start makes.
#include <benchmark/benchmark.h>

#include <memory>

#include "iam/evaluate.h"

namespace {

using namespace fd::iam;

NamedPolicy Load(const char* name, const char* text) {
  auto p = ParsePolicy(text);
  return NamedPolicy{name, std::make_shared<Policy>(p ? *p : Policy{})};
}

PolicySet MakeSet() {
  PolicySet set;
  set.identity.push_back(Load("AmazonECSTaskExecutionRolePolicy", R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Resource":"*","Action":[
    "ecr:GetAuthorizationToken","ecr:BatchCheckLayerAvailability","ecr:GetDownloadUrlForLayer",
    "ecr:BatchGetImage","logs:CreateLogStream","logs:PutLogEvents"]}]})"));
  set.identity.push_back(Load("secrets", R"({"Version":"2012-10-17","Statement":[{"Sid":"S","Effect":"Allow","Action":["secretsmanager:GetSecretValue","ssm:GetParameters"],
    "Resource":["arn:aws:secretsmanager:us-east-1:111122223333:secret:app/*","arn:aws:ssm:us-east-1:111122223333:parameter/app/*"]}]})"));
  set.resource = Load("repo", R"({"Version":"2012-10-17","Statement":[{"Sid":"Vpce","Effect":"Deny","Principal":"*","Action":"ecr:*",
    "Condition":{"StringNotEquals":{"aws:SourceVpce":["vpce-1","vpce-2"]},"Bool":{"aws:ViaAWSService":"false"}}},
    {"Sid":"Pull","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:role/exec"},"Action":["ecr:BatchGetImage","ecr:GetDownloadUrlForLayer"]}]})");
  set.permissions_boundary = Load("boundary", R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["ecr:*","logs:*","secretsmanager:*","ssm:Get*"],"Resource":"*"}]})");
  set.scps.push_back({"r-1", {Load("FullAWSAccess", R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]})")}});
  set.scps.push_back({"ou-1", {Load("region", R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"},
    {"Effect":"Deny","NotAction":["iam:*","sts:*"],"Resource":"*","Condition":{"StringNotEquals":{"aws:RequestedRegion":["us-east-1","eu-west-1"]}}}]})")}});
  return set;
}

void BM_EvaluateStartRequests(benchmark::State& state) {
  const PolicySet set = MakeSet();
  std::vector<Request> reqs;
  for (const char* a : {"ecr:GetAuthorizationToken", "ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer",
                        "logs:CreateLogStream", "secretsmanager:GetSecretValue"}) {
    Request r;
    r.principal_arn = "arn:aws:sts::111122223333:assumed-role/exec/task";
    r.action = a;
    r.resource_arn = "arn:aws:ecr:us-east-1:111122223333:repository/app";
    r.context.Set("aws:SourceVpce", "vpce-1");
    r.context.Set("aws:RequestedRegion", "us-east-1");
    reqs.push_back(r);
  }
  std::size_t allowed = 0;
  for (auto _ : state) {
    for (const auto& r : reqs) allowed += Evaluate(r, set).decision == Decision::kAllowed;
  }
  benchmark::DoNotOptimize(allowed);
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * reqs.size()));
}
BENCHMARK(BM_EvaluateStartRequests);

}  // namespace
