// Image references split the way a registry client reads them (Docker reference grammar), and
// the ECR registry host forms of AWS's partitions (docs/design/causes.md §1.7, #img013).
#include "model/image_ref.h"

#include <gtest/gtest.h>

namespace fd::model {
namespace {

const std::string kDigest =
    "sha256:6a92cd1fcdc8d8cdec60f33dda4db2cb1fcdcacf3410a8e05b3741f44a9b5998";

TEST(ImageRefTest, EcrPrivateAwsPartition) {
  ImageRef r = ParseImageRef("123456789012.dkr.ecr.eu-west-3.amazonaws.com/team/api:1.4");
  EXPECT_EQ(r.kind, RegistryKind::kEcrPrivate);
  EXPECT_EQ(r.registry, "123456789012.dkr.ecr.eu-west-3.amazonaws.com");
  EXPECT_EQ(r.repository, "team/api");
  EXPECT_EQ(r.tag, "1.4");
  EXPECT_EQ(r.digest, "");
  EXPECT_EQ(r.account, "123456789012");
  EXPECT_EQ(r.region, "eu-west-3");
  EXPECT_FALSE(r.fips);
  EXPECT_FALSE(r.dual_stack);
}

TEST(ImageRefTest, EcrPrivateWithoutTagMeansLatest) {
  ImageRef r = ParseImageRef("123456789012.dkr.ecr.us-east-1.amazonaws.com/api");
  EXPECT_EQ(r.kind, RegistryKind::kEcrPrivate);
  EXPECT_EQ(r.repository, "api");
  EXPECT_EQ(r.tag, "latest");
}

TEST(ImageRefTest, EcrPrivateChinaPartition) {
  ImageRef r = ParseImageRef("123456789012.dkr.ecr.cn-north-1.amazonaws.com.cn/app:v2");
  EXPECT_EQ(r.kind, RegistryKind::kEcrPrivate);
  EXPECT_EQ(r.region, "cn-north-1");
  EXPECT_EQ(r.account, "123456789012");
  EXPECT_EQ(r.registry, "123456789012.dkr.ecr.cn-north-1.amazonaws.com.cn");
  EXPECT_EQ(r.tag, "v2");
}

TEST(ImageRefTest, EcrPrivateGovCloud) {
  ImageRef r = ParseImageRef("123456789012.dkr.ecr.us-gov-west-1.amazonaws.com/app:1");
  EXPECT_EQ(r.kind, RegistryKind::kEcrPrivate);
  EXPECT_EQ(r.region, "us-gov-west-1");
}

TEST(ImageRefTest, EcrPrivateFips) {
  ImageRef r = ParseImageRef("123456789012.dkr.ecr-fips.us-east-1.amazonaws.com/app:1");
  EXPECT_EQ(r.kind, RegistryKind::kEcrPrivate);
  EXPECT_TRUE(r.fips);
  EXPECT_EQ(r.region, "us-east-1");
  ImageRef gov = ParseImageRef("123456789012.dkr.ecr-fips.us-gov-east-1.amazonaws.com/app");
  EXPECT_EQ(gov.kind, RegistryKind::kEcrPrivate);
  EXPECT_TRUE(gov.fips);
  EXPECT_EQ(gov.region, "us-gov-east-1");
}

TEST(ImageRefTest, EcrPrivateDualStack) {
  ImageRef r = ParseImageRef("123456789012.dkr-ecr.us-east-1.on.aws/app:1");
  EXPECT_EQ(r.kind, RegistryKind::kEcrPrivate);
  EXPECT_TRUE(r.dual_stack);
  EXPECT_EQ(r.region, "us-east-1");
  EXPECT_EQ(r.account, "123456789012");
  ImageRef cn = ParseImageRef("123456789012.dkr-ecr.cn-north-1.on.amazonwebservices.com.cn/app");
  EXPECT_EQ(cn.kind, RegistryKind::kEcrPrivate);
  EXPECT_TRUE(cn.dual_stack);
  EXPECT_EQ(cn.region, "cn-north-1");
}

TEST(ImageRefTest, EcrPrivateHostIsCaseInsensitive) {
  ImageRef r = ParseImageRef("123456789012.DKR.ECR.EU-WEST-3.AMAZONAWS.COM/app:1");
  EXPECT_EQ(r.kind, RegistryKind::kEcrPrivate);
  EXPECT_EQ(r.region, "eu-west-3");
}

TEST(ImageRefTest, EcrPublic) {
  ImageRef r = ParseImageRef("public.ecr.aws/nginx/nginx:1.25");
  EXPECT_EQ(r.kind, RegistryKind::kEcrPublic);
  EXPECT_EQ(r.registry, "public.ecr.aws");
  EXPECT_EQ(r.repository, "nginx/nginx");
  EXPECT_EQ(r.tag, "1.25");
  EXPECT_EQ(r.account, "");
  EXPECT_EQ(r.region, "");
}

TEST(ImageRefTest, DockerHubShortNames) {
  struct Case {
    const char* image;
    const char* repository;
    const char* tag;
  };
  for (const Case& c : {Case{"nginx", "library/nginx", "latest"},
                        Case{"nginx:1.25", "library/nginx", "1.25"},
                        Case{"library/nginx", "library/nginx", "latest"},
                        Case{"user/app", "user/app", "latest"},
                        Case{"user/app:2.0.1", "user/app", "2.0.1"},
                        Case{"docker.io/library/nginx:1.25", "library/nginx", "1.25"},
                        Case{"docker.io/nginx", "library/nginx", "latest"},
                        Case{"index.docker.io/user/app", "user/app", "latest"},
                        Case{"registry-1.docker.io/user/app:x", "user/app", "x"}}) {
    ImageRef r = ParseImageRef(c.image);
    EXPECT_EQ(r.kind, RegistryKind::kDockerHub) << c.image;
    EXPECT_EQ(r.registry, "registry-1.docker.io") << c.image;
    EXPECT_EQ(r.repository, c.repository) << c.image;
    EXPECT_EQ(r.tag, c.tag) << c.image;
  }
}

TEST(ImageRefTest, OtherRegistries) {
  ImageRef gh = ParseImageRef("ghcr.io/org/app:1.0");
  EXPECT_EQ(gh.kind, RegistryKind::kOther);
  EXPECT_EQ(gh.registry, "ghcr.io");
  EXPECT_EQ(gh.repository, "org/app");
  EXPECT_EQ(gh.tag, "1.0");
  ImageRef quay = ParseImageRef("quay.io/prometheus/node-exporter");
  EXPECT_EQ(quay.kind, RegistryKind::kOther);
  EXPECT_EQ(quay.registry, "quay.io");
  EXPECT_EQ(quay.repository, "prometheus/node-exporter");
  EXPECT_EQ(quay.tag, "latest");
  ImageRef mcr = ParseImageRef("mcr.microsoft.com/windows/servercore:ltsc2019");
  EXPECT_EQ(mcr.kind, RegistryKind::kOther);
  EXPECT_EQ(mcr.registry, "mcr.microsoft.com");
  EXPECT_EQ(mcr.repository, "windows/servercore");
}

TEST(ImageRefTest, HostWithPortIsARegistry) {
  ImageRef r = ParseImageRef("localhost:5000/x");
  EXPECT_EQ(r.kind, RegistryKind::kOther);
  EXPECT_EQ(r.registry, "localhost:5000");
  EXPECT_EQ(r.repository, "x");
  EXPECT_EQ(r.tag, "latest");
  ImageRef l = ParseImageRef("localhost/x:3");
  EXPECT_EQ(l.kind, RegistryKind::kOther);
  EXPECT_EQ(l.registry, "localhost");
  EXPECT_EQ(l.tag, "3");
  ImageRef p = ParseImageRef("registry.example.com:8443/team/app:2.0");
  EXPECT_EQ(p.kind, RegistryKind::kOther);
  EXPECT_EQ(p.registry, "registry.example.com:8443");
  EXPECT_EQ(p.repository, "team/app");
  EXPECT_EQ(p.tag, "2.0");
}

TEST(ImageRefTest, Digests) {
  ImageRef d = ParseImageRef("nginx@" + kDigest);
  EXPECT_EQ(d.kind, RegistryKind::kDockerHub);
  EXPECT_EQ(d.repository, "library/nginx");
  EXPECT_EQ(d.digest, kDigest);
  EXPECT_EQ(d.tag, "");  // a digest alone pins the image; no implicit "latest"
  ImageRef both = ParseImageRef("123456789012.dkr.ecr.eu-west-3.amazonaws.com/api:1.4@" + kDigest);
  EXPECT_EQ(both.kind, RegistryKind::kEcrPrivate);
  EXPECT_EQ(both.repository, "api");
  EXPECT_EQ(both.tag, "1.4");
  EXPECT_EQ(both.digest, kDigest);
  ImageRef port = ParseImageRef("localhost:5000/x@" + kDigest);
  EXPECT_EQ(port.registry, "localhost:5000");
  EXPECT_EQ(port.repository, "x");
  EXPECT_EQ(port.tag, "");
  EXPECT_EQ(port.digest, kDigest);
}

TEST(ImageRefTest, MalformedEcrLikeHosts) {
  for (const char* bad : {
           "12345678901.dkr.ecr.us-east-1.amazonaws.com/app",    // 11-digit account
           "1234567890123.dkr.ecr.us-east-1.amazonaws.com/app",  // 13 digits
           "abcdefghijkl.dkr.ecr.us-east-1.amazonaws.com/app",   // not an account
           "123456789012.dkr.ecr.amazonaws.com/app",             // no region
           "123456789012.dkr.ecr.us-east-1.amazonaws.co/app",    // wrong suffix
           "123456789012.dkr.ecr.us-east-1.amazon.com/app",
           "123456789012.dkr.ecr.cn-north-1.amazonaws.cn/app",
       }) {
    EXPECT_EQ(ParseImageRef(bad).kind, RegistryKind::kMalformed) << bad;
  }
}

TEST(ImageRefTest, MalformedReferences) {
  for (const std::string& bad : {std::string(""), std::string("nginx latest"),
                                 std::string("Nginx"), std::string("user/App:1"),
                                 std::string("ghcr.io/"), std::string("nginx:"),
                                 std::string("nginx@")}) {
    EXPECT_EQ(ParseImageRef(bad).kind, RegistryKind::kMalformed) << '"' << bad << '"';
  }
}

TEST(ImageRefTest, DockerReferenceGrammar) {
  for (const std::string& bad :
       {std::string("nginx:1.25:extra"), std::string("user//app"), std::string("-app"),
        std::string("app-"), std::string("user/app_"), std::string("nginx:-x"),
        std::string("nginx:.x"), std::string("nginx:" + std::string(129, 'a')),
        std::string("nginx@sha256:abc"), std::string("nginx@" + kDigest.substr(7)),
        std::string("123456789012.dkr.ecr.eu-west-3.amazonaws.com/Api:1")}) {
    EXPECT_EQ(ParseImageRef(bad).kind, RegistryKind::kMalformed) << '"' << bad << '"';
  }
  ImageRef ok = ParseImageRef("my-org/my_app__x.y:V1.0_rc-2");
  EXPECT_EQ(ok.kind, RegistryKind::kDockerHub);
  EXPECT_EQ(ok.repository, "my-org/my_app__x.y");
  EXPECT_EQ(ok.tag, "V1.0_rc-2");
  EXPECT_EQ(ParseImageRef("nginx:" + std::string(128, 'a')).kind, RegistryKind::kDockerHub);
  EXPECT_EQ(ParseImageRef("a--b/c").kind, RegistryKind::kDockerHub);
}

}  // namespace
}  // namespace fd::model
