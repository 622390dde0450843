// The AWS managed policies bundled with fargate-doctor (data/aws-managed-policies/): before
// deployment no account can be asked for the documents of the managed policies a template or
// plan attaches, and they are the same in every account of a partition.
#pragma once

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

}  // namespace fd::predeploy
