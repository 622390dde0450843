#pragma once
/// What ARNs, zone names and Regions say: Region, account, partition, DNS suffix.

#include <string>

namespace fd::model {

/// The region an ARN names ("arn:aws:ecs:eu-west-3:…" → "eu-west-3"); "" when none.
std::string RegionOfArn(const std::string& arn);
/// The account an ARN names; "" when none.
std::string AccountOfArn(const std::string& arn);
/// The partition an ARN names ("aws", "aws-cn", "aws-us-gov"); "aws" when unknown.
std::string PartitionOfArn(const std::string& arn);
/// The region an availability zone name belongs to ("eu-west-3a" → "eu-west-3"; local zones
/// such as "us-west-2-lax-1a" → "us-west-2").
std::string RegionOfZoneName(const std::string& zone);
/// The partition of a region ("cn-north-1" → "aws-cn").
std::string PartitionOfRegion(const std::string& region);
/// The ARN of a regional `resource` of `service` ("secretsmanager", "secret:db"), its partition
/// the Region's: "arn:aws:secretsmanager:eu-west-3:111122223333:secret:db".
std::string MakeArn(const std::string& service, const std::string& region,
                    const std::string& account, const std::string& resource);
/// The DNS suffix of a partition ("amazonaws.com", "amazonaws.com.cn").
std::string DnsSuffixOfRegion(const std::string& region);

}  // namespace fd::model
