#pragma once
/// The VPC maps of a report (report::VpcMap): the snapshot's subnets, route tables, gateways and
/// endpoints around the targets, copied out of the model for writers that draw them. Facts only;
/// what is broken is read from the findings and traces by the writer.

#include <vector>

#include "model/model.h"
#include "report/report.h"

namespace fd::engine {

/// One map per VPC holding a subnet of `targets`, by VPC ID. Each map has the targets' subnets
/// of that VPC and the subnets of its NAT gateways and interface endpoints.
std::vector<report::VpcMap> BuildVpcMaps(const model::Model& model,
                                         const std::vector<report::Target>& targets);

}  // namespace fd::engine
