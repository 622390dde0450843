// Parameters, conditions, several stacks, nested stacks: what a run of templates resolves to.
#include "predeploy/cfn/stacks.h"

#include <gtest/gtest.h>

#include "predeploy/cfn/resolver.h"
#include "testing/cfn_fixture.h"

namespace fd::predeploy::cfn {
namespace {

using fd::testing::CfnFiles;
using fd::testing::FindResource;
using fd::testing::Notes;
using fd::testing::ShowProp;

Templates ReadOk(const CfnFiles& files, const std::vector<std::string>& args,
                 const Options& options = {}) {
  auto t = files.Read(args, options);
  EXPECT_TRUE(t.has_value()) << (t ? "" : t.error().message);
  return t ? std::move(*t) : Templates{};
}

const char* kParams =
    "Parameters:\n"
    "  Env: {Type: String, AllowedValues: [prod, dev]}\n"
    "  Size: {Type: Number, Default: 2}\n"
    "  Subnets: {Type: 'List<AWS::EC2::Subnet::Id>', Default: 'subnet-1, subnet-2'}\n"
    "  Latest: {Type: 'AWS::SSM::Parameter::Value<String>', Default: /cdk/version}\n"
    "  Secret: {Type: String, NoEcho: true, Default: hunter2}\n"
    "Resources:\n"
    "  R:\n    Type: T\n    Properties:\n"
    "      Env: !Ref Env\n      Size: !Ref Size\n      Subnets: !Ref Subnets\n"
    "      Latest: !Ref Latest\n      Secret: !Ref Secret\n";

TEST(CfnParameters, DefaultsListsSsmAndNoEcho) {
  CfnFiles files;
  files.Write("app.yml", kParams);
  const Templates t = ReadOk(files, {"app.yml"});
  const StackResource* r = FindResource(t, "app", "R");
  EXPECT_EQ(ShowProp(r, "Env"),
            "<?parameter Env has no value (give --parameter app.Env=VALUE)>");
  // A parameter is text to CloudFormation, whatever its default is written as.
  EXPECT_EQ(ShowProp(r, "Size"), "\"2\"");
  EXPECT_EQ(ShowProp(r, "Subnets"), "[\"subnet-1\", \"subnet-2\"]");
  EXPECT_EQ(ShowProp(r, "Latest"),
            "<?parameter Latest is read from SSM parameter /cdk/version at deployment>");
  EXPECT_EQ(ShowProp(r, "Secret"),
            "<?parameter Secret is NoEcho: fargate-doctor does not read it>");
  EXPECT_EQ(Notes(t).find("hunter2"), std::string::npos);
  // The stack lists its parameters with what they resolved to.
  ASSERT_EQ(t.stacks[0].parameters.size(), 5u);
  const StackParameter& env = t.stacks[0].parameters[0];
  EXPECT_EQ(env.name, "Env");
  EXPECT_EQ(env.allowed, (std::vector<std::string>{"prod", "dev"}));
  EXPECT_TRUE(env.value.IsUnknown());
  EXPECT_EQ(fd::testing::Show(t.stacks[0].parameters[4].value),
            "<?parameter Secret is NoEcho: fargate-doctor does not read it>");
}

TEST(CfnParameters, ArgumentsBeatFilesAndStackBeatsAll) {
  CfnFiles files;
  files.Write("app.yml", kParams);
  files.Write("other.yml", kParams);
  files.Write("cli.json", R"([{"ParameterKey": "Env", "ParameterValue": "dev"},
                              {"ParameterKey": "Size", "ParameterValue": 4},
                              {"ParameterKey": "Subnets", "UsePreviousValue": true}])");
  files.Write("pipeline.json", R"({"Parameters": {"Subnets": "subnet-9"}, "Tags": {"a": "b"}})");
  Options o;
  ASSERT_TRUE(o.parameters.AddFile(files.Path("cli.json")));
  ASSERT_TRUE(o.parameters.AddFile(files.Path("pipeline.json"), "other"));
  ASSERT_TRUE(o.parameters.AddArgument("Size=8"));
  ASSERT_TRUE(o.parameters.AddArgument("app.Env=prod"));
  const Templates t = ReadOk(files, {"app.yml", "other.yml"}, o);
  const StackResource* app = FindResource(t, "app", "R");
  const StackResource* other = FindResource(t, "other", "R");
  EXPECT_EQ(ShowProp(app, "Env"), "\"prod\"");
  EXPECT_EQ(ShowProp(other, "Env"), "\"dev\"");
  EXPECT_EQ(ShowProp(app, "Size"), "\"8\"");
  EXPECT_EQ(ShowProp(app, "Subnets"), "[\"subnet-1\", \"subnet-2\"]");
  EXPECT_EQ(ShowProp(other, "Subnets"), "[\"subnet-9\"]");
}

TEST(CfnParameters, BadArgumentsAndFilesAreErrors) {
  ParameterValues p;
  EXPECT_FALSE(p.AddArgument("novalue"));
  EXPECT_FALSE(p.AddArgument("=x"));
  EXPECT_FALSE(p.AddArgument("stack.=x"));
  EXPECT_TRUE(p.AddArgument("Key="));
  auto bad = p.AddFileText("{\"Nope\": 1}", "p.json");
  ASSERT_FALSE(bad);
  EXPECT_NE(bad.error().message.find("p.json:1:1: expected"), std::string::npos)
      << bad.error().message;
  EXPECT_FALSE(p.AddFileText("[{\"ParameterValue\": 1}]", "p.json"));
}

TEST(CfnParameters, AFileArgumentMayNameItsStack) {
  CfnFiles files;
  files.Write("app.yml", kParams);
  files.Write("other.yml", kParams);
  files.Write("p=1.json", R"({"Parameters": {"Env": "dev"}})");
  Options o;
  ASSERT_TRUE(o.parameters.AddFileArgument("other=" + files.Path("p=1.json")));
  const Templates t = ReadOk(files, {"app.yml", "other.yml"}, o);
  EXPECT_EQ(ShowProp(FindResource(t, "other", "R"), "Env"), "\"dev\"");
  EXPECT_NE(ShowProp(FindResource(t, "app", "R"), "Env"), "\"dev\"");
  // A path with '=' in it is a path when what precedes the '=' is no stack name.
  ParameterValues p;
  EXPECT_TRUE(p.AddFileArgument(files.Path("p=1.json")));
  EXPECT_EQ(*p.Find("any", "Env"), "dev");
}

TEST(CfnParameters, AValueOutsideAllowedValuesIsNoted) {
  CfnFiles files;
  files.Write("app.yml", kParams);
  Options o;
  ASSERT_TRUE(o.parameters.AddArgument("Env=staging"));
  const Templates t = ReadOk(files, {"app.yml"}, o);
  EXPECT_NE(Notes(t).find("parameter Env is staging, not one of its AllowedValues"),
            std::string::npos)
      << Notes(t);
}

const char* kConditional =
    "Parameters:\n  Env: {Type: String}\n  Nat: {Type: String, Default: 'true'}\n"
    "Conditions:\n"
    "  IsProd: !Equals [!Ref Env, prod]\n"
    "  WantNat: !Equals [!Ref Nat, 'true']\n"
    "  ProdNat: !And [!Condition IsProd, !Condition WantNat]\n"
    "  NoNat: !Not [!Condition WantNat]\n"
    "  Off: !And [!Condition NoNat, !Condition IsProd]\n"
    "  On: !Or [!Condition WantNat, !Condition IsProd]\n"
    "Resources:\n"
    "  Always: {Type: T}\n"
    "  ProdOnly: {Type: T, Condition: IsProd}\n"
    "  ProdNatOnly: {Type: T, Condition: ProdNat}\n"
    "  NeverNat: {Type: T, Condition: NoNat}\n"
    "  OffRes: {Type: T, Condition: Off}\n"
    "  OnRes: {Type: T, Condition: On, Properties: {P: !If [IsProd, a, b], Q: !If [WantNat, x, y]}}\n";

TEST(CfnConditions, FalseDropsUnknownKeepsAndSaysWhy) {
  CfnFiles files;
  files.Write("c.yml", kConditional);
  const Templates t = ReadOk(files, {"c.yml"});
  EXPECT_NE(FindResource(t, "c", "Always"), nullptr);
  const StackResource* prod = FindResource(t, "c", "ProdOnly");
  ASSERT_NE(prod, nullptr);
  ASSERT_TRUE(prod->condition_unknown.has_value());
  EXPECT_EQ(prod->condition_unknown->reason,
            "condition IsProd: parameter Env has no value (give --parameter c.Env=VALUE)");
  EXPECT_EQ(prod->condition_parameters, std::vector<std::string>{"Env"});
  const StackResource* prod_nat = FindResource(t, "c", "ProdNatOnly");
  ASSERT_NE(prod_nat, nullptr);
  EXPECT_EQ(prod_nat->condition_parameters, (std::vector<std::string>{"Env", "Nat"}));
  // Kleene logic: Not(true) is false whatever Env is; And(false, unknown) is false;
  // Or(true, unknown) is true.
  EXPECT_EQ(FindResource(t, "c", "NeverNat"), nullptr);
  EXPECT_EQ(FindResource(t, "c", "OffRes"), nullptr);
  const StackResource* on = FindResource(t, "c", "OnRes");
  ASSERT_NE(on, nullptr);
  EXPECT_FALSE(on->condition_unknown.has_value());
  EXPECT_EQ(ShowProp(on, "P"),
            "<?condition IsProd is unknown: parameter Env has no value (give --parameter "
            "c.Env=VALUE)>");
  EXPECT_EQ(ShowProp(on, "Q"), "\"x\"");
}

TEST(CfnConditions, GivenTheParameterTheyDecide) {
  CfnFiles files;
  files.Write("c.yml", kConditional);
  Options o;
  ASSERT_TRUE(o.parameters.AddArgument("Env=prod"));
  const Templates t = ReadOk(files, {"c.yml"}, o);
  ASSERT_NE(FindResource(t, "c", "ProdOnly"), nullptr);
  EXPECT_FALSE(FindResource(t, "c", "ProdOnly")->condition_unknown.has_value());
  EXPECT_EQ(ShowProp(FindResource(t, "c", "OnRes"), "P"), "\"a\"");
  Options dev;
  ASSERT_TRUE(dev.parameters.AddArgument("Env=dev"));
  EXPECT_EQ(FindResource(ReadOk(files, {"c.yml"}, dev), "c", "ProdOnly"), nullptr);
}

TEST(CfnConditions, ParametersOfACondition) {
  CfnFiles files;
  files.Write("c.yml", kConditional);
  auto doc = ReadDocument(files.Path("c.yml"));
  ASSERT_TRUE(doc);
  auto tmpl = ReadTemplate(std::move(*doc));
  ASSERT_TRUE(tmpl);
  EXPECT_EQ(ConditionParameters(*tmpl, "On"), (std::vector<std::string>{"Env", "Nat"}));
  EXPECT_EQ(ConditionParameters(*tmpl, "WantNat"), std::vector<std::string>{"Nat"});
  EXPECT_TRUE(ConditionParameters(*tmpl, "Undeclared").empty());
}

TEST(CfnConditions, UndecidedParametersAndTheValuesThatDecideThem) {
  CfnFiles files;
  files.Write("c.yml", kConditional);  // Env: no value, compared with "prod"; Nat: defaulted
  Templates t = ReadOk(files, {"c.yml"});
  ASSERT_EQ(t.stacks[0].undecided.size(), 1u);
  EXPECT_EQ(t.stacks[0].undecided[0].name, "Env");
  // "prod", and one value no condition compares with, standing for all others.
  EXPECT_EQ(t.stacks[0].undecided[0].candidates, (std::vector<std::string>{"prod", "other-than-compared"}));
  EXPECT_TRUE(t.stacks[0].undecided[0].other);

  // AllowedValues are the candidates themselves; a parameter naming an AWS object, or one no
  // condition reads, is never varied.
  files.Write("a.yml",
              "Parameters:\n  Env: {Type: String, AllowedValues: [dev, prod]}\n"
              "  Vpc: {Type: 'AWS::EC2::VPC::Id'}\n  Free: {Type: String}\n"
              "Conditions:\n  IsProd: !Equals [prod, !Ref Env]\n  HasVpc: !Not [!Equals [!Ref Vpc, '']]\n"
              "Resources:\n  R: {Type: T, Condition: IsProd, Properties: {F: !Ref Free}}\n");
  t = ReadOk(files, {"a.yml"});
  ASSERT_EQ(t.stacks[0].undecided.size(), 1u);
  EXPECT_EQ(t.stacks[0].undecided[0].candidates, (std::vector<std::string>{"dev", "prod"}));
  EXPECT_FALSE(t.stacks[0].undecided[0].other);

  // Given a value, nothing is undecided.
  Options o;
  ASSERT_TRUE(o.parameters.AddArgument("Env=dev"));
  EXPECT_TRUE(ReadOk(files, {"c.yml"}, o).stacks[0].undecided.empty());
}

TEST(CfnStacks, ImportsMatchExportsAcrossStacks) {
  CfnFiles files;
  files.Write("net.yml",
              "Resources:\n  Vpc: {Type: AWS::EC2::VPC}\n  Sub: {Type: AWS::EC2::Subnet}\n"
              "Outputs:\n"
              "  VpcId: {Value: !Ref Vpc, Export: {Name: !Sub '${AWS::StackName}-VpcId'}}\n"
              "  Subnets:\n    Value: !Join [',', [!Ref Sub, !Ref Sub]]\n"
              "    Export: {Name: !Join [':', [!Ref AWS::StackName, Subnets]]}\n");
  files.Write("svc.yml",
              "Parameters:\n  Net: {Type: String, Default: prod-net}\n"
              "Resources:\n  Svc:\n    Type: AWS::ECS::Service\n    Properties:\n"
              "      Vpc: !ImportValue prod-net-VpcId\n"
              "      Subnets: !Split [',', !ImportValue {'Fn::Join': [':', [!Ref Net, Subnets]]}]\n"
              "      Missing: !ImportValue other-VpcId\n");
  const Templates t = ReadOk(files, {"prod-net=net.yml", "svc.yml"});
  const StackResource* svc = FindResource(t, "svc", "Svc");
  EXPECT_EQ(ShowProp(svc, "Vpc"), "{prod-net:Vpc}");
  EXPECT_EQ(ShowProp(svc, "Subnets"), "[{prod-net:Sub}, {prod-net:Sub}]");
  EXPECT_NE(ShowProp(svc, "Missing").find("export other-VpcId is not in the templates read"),
            std::string::npos);
  ASSERT_EQ(t.stacks[0].outputs.size(), 2u);
  EXPECT_EQ(t.stacks[0].outputs[0].export_name, "prod-net-VpcId");
  // The value is placed where the import is written, not at the export.
  EXPECT_EQ(fd::testing::Prop(svc, "Vpc")->pos.file, files.Path("svc.yml"));
}

TEST(CfnStacks, ImportCyclesEnd) {
  CfnFiles files;
  files.Write("a.yml", "Resources:\n  R: {Type: T}\nOutputs:\n"
                       "  X: {Value: !ImportValue b-x, Export: {Name: a-x}}\n");
  files.Write("b.yml", "Resources:\n  R: {Type: T}\nOutputs:\n"
                       "  X: {Value: !ImportValue a-x, Export: {Name: b-x}}\n");
  const Templates t = ReadOk(files, {"a.yml", "b.yml"});
  EXPECT_NE(fd::testing::Show(t.stacks[0].outputs[0].value).find("depends on itself"),
            std::string::npos);
}

TEST(CfnStacks, StackNamesAndErrors) {
  EXPECT_EQ(ParseTemplateArgument("net=a/b.yml").stack, "net");
  EXPECT_EQ(ParseTemplateArgument("net=a/b.yml").path, "a/b.yml");
  EXPECT_EQ(ParseTemplateArgument("dir/x=y.yml").stack, "");
  CfnFiles files;
  files.Write("a.yml", "Resources:\n  R: {Type: T}\n");
  files.Write("b/a.yml", "Resources:\n  R: {Type: T}\n");
  files.Write("bad.yml", "Resources:\n  R: {Type: T\n");
  files.Write("snapshot.json", "{\"Vpcs\": []}");
  auto dup = files.Read({"a.yml", "b/a.yml"});
  ASSERT_FALSE(dup);
  EXPECT_EQ(dup.error().message, "two templates are named stack a: name them with STACK=PATH");
  EXPECT_TRUE(files.Read({"a.yml", "other=b/a.yml"}));
  auto bad = files.Read({"bad.yml"});
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().message.rfind(files.Path("bad.yml") + ":3:", 0), 0u) << bad.error().message;
  auto not_template = files.Read({"snapshot.json"});
  ASSERT_FALSE(not_template);
  EXPECT_NE(not_template.error().message.find("not a CloudFormation template"), std::string::npos);
  EXPECT_FALSE(files.Read({"missing.yml"}));
}

TEST(CfnStacks, RecognisesTemplatesByContent) {
  const auto is = [](const std::string& text) {
    auto doc = ParseDocument(text, "x");
    return doc && IsCloudFormationTemplate(doc->root);
  };
  EXPECT_TRUE(is("AWSTemplateFormatVersion: '2010-09-09'\n"));
  EXPECT_TRUE(is("{\"Resources\": {\"A\": {\"Type\": \"T\"}}}"));
  EXPECT_FALSE(is("{\"Resources\": {\"A\": {\"Name\": \"T\"}}}"));
  EXPECT_FALSE(is("{\"Subnets\": []}"));
  EXPECT_FALSE(is("[1, 2]"));
  // Fn::ForEach (AWS::LanguageExtensions) stands among resources without a Type.
  EXPECT_TRUE(is("Resources:\n  Fn::ForEach::Subnets: [X, [a, b], {}]\n  R: {Type: T}\n"));
}

TEST(CfnStacks, ForEachIsNotedNotExpanded) {
  CfnFiles files;
  files.Write("f.yml", "Transform: AWS::LanguageExtensions\nResources:\n"
                       "  Fn::ForEach::Subnets: [X, [a, b], {'Subnet${X}': {Type: AWS::EC2::Subnet}}]\n"
                       "  R: {Type: T}\n  Bad: {Properties: {}}\n");
  const Templates t = ReadOk(files, {"f.yml"});
  ASSERT_EQ(t.stacks[0].resources.size(), 1u);
  EXPECT_NE(Notes(t).find("Fn::ForEach::Subnets (AWS::LanguageExtensions) is not expanded"),
            std::string::npos)
      << Notes(t);
  EXPECT_NE(Notes(t).find("resource Bad has no Type: left out"), std::string::npos);
}

}  // namespace
}  // namespace fd::predeploy::cfn

namespace fd::predeploy::cfn {
namespace {

TEST(CfnNested, ChildrenGetParametersAndGiveOutputs) {
  CfnFiles files;
  files.Write("parent.yml",
              "Transform: AWS::Serverless-2016-10-31\n"
              "Parameters:\n  Image: {Type: String}\n"
              "Resources:\n"
              "  Net:\n    Type: AWS::CloudFormation::Stack\n"
              "    Properties: {TemplateURL: nested/net.yml}\n"
              "  App:\n    Type: AWS::Serverless::Application\n"
              "    Properties:\n      Location: nested/app.yml\n      Parameters:\n"
              "        Image: !Ref Image\n        Subnets: !GetAtt Net.Outputs.Subnets\n"
              "  Remote:\n    Type: AWS::CloudFormation::Stack\n"
              "    Properties: {TemplateURL: 'https://s3.amazonaws.com/b/t.yml'}\n"
              "  Gone:\n    Type: AWS::CloudFormation::Stack\n"
              "    Properties: {TemplateURL: nested/gone.yml}\n"
              "  Use:\n    Type: T\n    Properties:\n      A: !GetAtt Remote.Outputs.X\n"
              "      B: !GetAtt App.Outputs.Svc\n");
  files.Write("nested/net.yml",
              "Resources:\n  A: {Type: AWS::EC2::Subnet}\n  B: {Type: AWS::EC2::Subnet}\n"
              "Outputs:\n  Subnets: {Value: !Join [',', [!Ref A, !Ref B]]}\n"
              "  Name: {Value: !Ref AWS::StackName}\n");
  files.Write("nested/app.yml",
              "Parameters:\n  Image: {Type: String}\n"
              "  Subnets: {Type: 'List<AWS::EC2::Subnet::Id>'}\n"
              "Resources:\n  Svc:\n    Type: AWS::ECS::Service\n    Properties:\n"
              "      Subnets: !Ref Subnets\n      Image: !Ref Image\n"
              "Outputs:\n  Svc: {Value: !Ref Svc}\n");
  Options o;
  ASSERT_TRUE(o.parameters.AddArgument("Image=nginx"));
  const Templates t = ReadOk(files, {"parent.yml"}, o);
  ASSERT_EQ(t.stacks.size(), 3u);
  EXPECT_EQ(t.stacks[1].name, "parent/Net");
  EXPECT_EQ(t.stacks[1].parent, "parent");
  EXPECT_EQ(t.stacks[1].parent_resource, "Net");
  const StackResource* svc = FindResource(t, "parent/App", "Svc");
  // A list parameter passed a Fn::Join of references: split into the references.
  EXPECT_EQ(ShowProp(svc, "Subnets"), "[{parent/Net:A}, {parent/Net:B}]");
  EXPECT_EQ(ShowProp(svc, "Image"), "\"nginx\"");
  const StackResource* use = FindResource(t, "parent", "Use");
  EXPECT_EQ(ShowProp(use, "A"), "{parent:Remote.Outputs.X}");
  EXPECT_EQ(ShowProp(use, "B"), "{parent/App:Svc}");
  EXPECT_EQ(fd::testing::Show(t.stacks[1].outputs[1].value),
            "<?CloudFormation names nested stack parent/Net at deployment>");
  const std::string notes = Notes(t);
  EXPECT_NE(notes.find("nested stack Remote: its template is not a local file"), std::string::npos)
      << notes;
  EXPECT_NE(notes.find("nested stack Gone: " + files.Path("nested/gone.yml") + " is not there"),
            std::string::npos)
      << notes;
}

TEST(CfnNested, CyclesAreNotedNotFollowed) {
  CfnFiles files;
  files.Write("a.yml", "Resources:\n  B: {Type: AWS::CloudFormation::Stack, Properties: {TemplateURL: b.yml}}\n");
  files.Write("b.yml", "Resources:\n  A: {Type: AWS::CloudFormation::Stack, Properties: {TemplateURL: ./a.yml}}\n");
  files.Write("self.yml", "Resources:\n  S: {Type: AWS::CloudFormation::Stack, Properties: {TemplateURL: self.yml}}\n");
  const Templates t = ReadOk(files, {"a.yml", "self.yml"});
  ASSERT_EQ(t.stacks.size(), 3u);  // a, a/B, self
  EXPECT_NE(Notes(t).find("nested stack A includes ./a.yml, which includes it"), std::string::npos)
      << Notes(t);
  EXPECT_NE(Notes(t).find("nested stack S includes self.yml, which includes it"), std::string::npos);
}

TEST(CfnNested, AChildThatDoesNotParseIsAnError) {
  CfnFiles files;
  files.Write("p.yml", "Resources:\n  C: {Type: AWS::CloudFormation::Stack, Properties: {TemplateURL: c.yml}}\n");
  files.Write("c.yml", "Resources: [\n");
  auto t = files.Read({"p.yml"});
  ASSERT_FALSE(t);
  EXPECT_EQ(t.error().message.rfind(files.Path("c.yml") + ":", 0), 0u) << t.error().message;
}

}  // namespace
}  // namespace fd::predeploy::cfn
