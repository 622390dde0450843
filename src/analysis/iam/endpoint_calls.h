#pragma once
/// The start's calls through the VPC endpoints its traced paths use, each judged by the
/// endpoint's policy alone (VPCE011): the execution role's ECR, logs, Secrets Manager, SSM and
/// S3 calls, and the S3 reads of image layers. A call whose whole evaluation already went
/// through that endpoint (IamRequest::via_endpoint) reads the endpoint layer of it; the others
/// (an endpoint used in some subnets only, a role not in the snapshot) are evaluated against the
/// endpoint policy alone, with the aws:SourceVpce and aws:SourceVpc the endpoint gives them.

#include <string>
#include <vector>

#include "analysis/iam/target_iam.h"
#include "model/model.h"

namespace fd::analysis {

/// The traced service a call travels to ("ecr.api", "ecr.dkr", "logs", "s3", …); "" for none.
std::string ServiceOf(const IamRequest& r);

/// The S3 reads of image layers, one per Region of the images pulled: ECR serves layers from its
/// S3 bucket, read with the execution role's session, so an S3 endpoint's policy gates the pull
/// too. Not a request IAM evaluates otherwise (no identity policy needs to grant it).
std::vector<IamRequest> LayerReads(const std::vector<IamRequest>& requests);

/// The calls of `ti` (its requests and layer reads, evaluated already) through the endpoints on
/// the paths of `ti.ta`, in request order, then endpoint ID.
std::vector<EndpointCall> JudgeEndpointCalls(const model::Model& m, const TargetIam& ti);

}  // namespace fd::analysis
