// The AWS managed policies bundled with fargate-doctor (data/aws-managed-policies/): before
// deployment no account can be asked for the documents of the managed policies a template or
// plan attaches, and they are the same in every account of a partition.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "model/model.h"
#include "util/embedded.h"

namespace fd::predeploy {

// The files of data/aws-managed-policies/, compiled in (cmake/embed_files.cmake).
const std::vector<EmbeddedFile>& BundledPolicyFiles();

// Adds to `builder` the bundled policy of each of `arns` that names one (in any partition, at
// its own path); returns the ARNs it could not add, AWS managed ones first, for a note.
std::vector<std::string> AddBundledPolicies(const std::vector<std::string>& arns, model::ModelBuilder& builder);

// Adds the roles a mapper built (their attached policy ARNs sorted, each once), then the bundled
// policies they attach or take as boundary. A policy already added (a Terraform
// data.aws_iam_policy read at plan time) came first and wins over the bundled copy.
void AddRolesAndBundledPolicies(std::map<std::string, model::IamRole>& roles, model::ModelBuilder& builder);

}  // namespace fd::predeploy
