// Benchmark of the CloudFormation front end (predeploy/cfn) on a generated template of N
// resources: subnets placed with Fn::Cidr of the VPC's CidrBlock and Fn::GetAZs, route tables,
// conditional associations, security groups built with Fn::Join and pass-through Fn::GetAtt,
// and exported outputs. Issue 14 asks for a 5,000-resource template in well under a second
// whole-process; this times the read and resolution alone. Never part of the tests.
#include <benchmark/benchmark.h>

#include <string>

#include "predeploy/cfn/stacks.h"

namespace {

std::string Template(int resources) {
  std::string t =
      "AWSTemplateFormatVersion: '2010-09-09'\n"
      "Parameters:\n  Env: {Type: String, Default: prod}\n"
      "Conditions:\n  IsProd: !Equals [!Ref Env, prod]\n"
      "Resources:\n  Vpc: {Type: AWS::EC2::VPC, Properties: {CidrBlock: 10.0.0.0/8}}\n";
  std::string outputs = "Outputs:\n";
  for (int i = 0, n = 1; n < resources; ++i, n += 5) {
    const std::string k = std::to_string(i);
    t += "  Sub" + k + ":\n    Type: AWS::EC2::Subnet\n    Properties:\n      VpcId: !Ref Vpc\n"
         "      CidrBlock: !Select [" + std::to_string(i % 256) +
         ", !Cidr [!GetAtt Vpc.CidrBlock, 256, 8]]\n"
         "      AvailabilityZone: !Select [" + std::to_string(i % 3) + ", !GetAZs '']\n"
         "      Tags: [{Key: Name, Value: !Sub '${AWS::StackName}-sub-" + k + "'}]\n";
    t += "  Rt" + k + ": {Type: AWS::EC2::RouteTable, Properties: {VpcId: !Ref Vpc}}\n";
    t += "  Assoc" + k + ":\n    Type: AWS::EC2::SubnetRouteTableAssociation\n"
         "    Condition: IsProd\n    Properties: {SubnetId: !Ref Sub" + k +
         ", RouteTableId: !Ref Rt" + k + "}\n";
    t += "  Sg" + k + ":\n    Type: AWS::EC2::SecurityGroup\n    Properties:\n"
         "      GroupDescription: !Join [' ', [sg, !Ref Sub" + k + "]]\n"
         "      VpcId: !GetAtt Sub" + k + ".VpcId\n"
         "      SecurityGroupEgress: [{IpProtocol: '-1', CidrIp: 0.0.0.0/0}]\n";
    t += "  P" + k + ":\n    Type: AWS::SSM::Parameter\n"
         "    Properties: {Type: String, Value: !If [IsProd, !Ref Sg" + k +
         ", !Ref 'AWS::NoValue']}\n";
    if (i < 200)
      outputs += "  O" + k + ": {Value: !Ref Sub" + k + ", Export: {Name: !Sub '${AWS::StackName}-O" +
                 k + "'}}\n";
  }
  return t + outputs;
}

void BM_CfnReadTemplate(benchmark::State& state) {
  fd::predeploy::cfn::TemplateInput in;
  in.stack = "big";
  in.path = "big.yml";
  in.text = Template(static_cast<int>(state.range(0)));
  const fd::predeploy::cfn::Options options;
  for (auto _ : state) {
    auto t = fd::predeploy::cfn::ReadTemplates({in}, options);
    if (!t) state.SkipWithError(t.error().message.c_str());
    benchmark::DoNotOptimize(t);
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * in.text->size()));
}
BENCHMARK(BM_CfnReadTemplate)->Arg(500)->Arg(5000)->Unit(benchmark::kMillisecond);

}  // namespace
