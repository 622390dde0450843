// The snapshot's Region, for the outputs that name none (issue 18).
//
// Many AWS CLI outputs carry no Region: describe-route-tables, describe-images,
// get-repository-policy, get-registry-policy... A folder named after the Region or an envelope
// gives them one (docs/design/inputs.md §1), but people save a snapshot as a flat folder. When every file
// that names a Region names the same one, that Region is the only one the outputs can come from
// (one `aws` profile, one --region), so it is given to every entity still without one. When the
// files name several, nothing is guessed: ResolveIam's notes say which envelope or folder
// would settle it.

#include <string>

#include "model/index_access.h"
#include "model/model.h"

namespace fd::model {
namespace {

template <typename T>
void FillBlank(Index<T>& index, const std::string& region) {
  for (T& item : IndexAccess<T>::items(index))
    if (item.region.empty()) item.region = region;
}

template <typename T>
void FillBlank(std::vector<T>& items, const std::string& region) {
  for (T& item : items)
    if (item.region.empty()) item.region = region;
}

}  // namespace

void ModelBuilder::NoteRegion(const std::string& region) {
  if (!region.empty()) regions_named_.insert(region);
}

std::string ModelBuilder::SnapshotRegion() const {
  return regions_named_.size() == 1 ? *regions_named_.begin() : std::string();
}

std::string ModelBuilder::RegionAdvice() const {
  if (regions_named_.empty())
    return "no file of the snapshot names a Region either: save it in an envelope with "
           "\"region\" or in a folder named after its Region (e.g. eu-west-3/)";
  std::string list, first = *regions_named_.begin();
  for (const std::string& r : regions_named_) list += (list.empty() ? "" : ", ") + r;
  return "the snapshot spans several Regions (" + list +
         "): save it in an envelope with \"region\" (e.g. \"region\": \"" + first +
         "\") or in a folder named after its Region (e.g. " + first + "/)";
}

/// Called first in Build(), before any key that holds a Region is computed (IndexResources,
/// ResolveIam): every keyed index whose key names the Region is sorted after this.
void ModelBuilder::FillSnapshotRegion() {
  const std::string region = SnapshotRegion();
  if (region.empty()) return;
  Model& m = m_;
  FillBlank(m.vpcs_, region);
  FillBlank(m.subnets_, region);
  FillBlank(m.route_tables_, region);
  FillBlank(m.network_acls_, region);
  FillBlank(m.security_groups_, region);
  FillBlank(m.vpc_endpoints_, region);
  FillBlank(m.nat_gateways_, region);
  FillBlank(m.internet_gateways_, region);
  FillBlank(m.dhcp_options_, region);
  FillBlank(m.prefix_lists_, region);
  FillBlank(m.network_interfaces_, region);
  FillBlank(m.services_, region);
  FillBlank(m.tasks_, region);
  FillBlank(m.task_definitions_, region);
  FillBlank(m.clusters_, region);
  FillBlank(m.ecr_repositories_, region);
  FillBlank(m.ecr_images_, region);
  FillBlank(m.ecr_image_failures_, region);
  FillBlank(m.log_groups_, region);
  FillBlank(m.secrets_, region);
  FillBlank(m.ssm_parameters_, region);
  FillBlank(m.efs_file_systems_, region);
  FillBlank(m.efs_mount_targets_, region);
  FillBlank(m.efs_access_points_, region);
  FillBlank(m.target_groups_, region);
  FillBlank(m.load_balancers_, region);
  FillBlank(m.kms_keys_, region);
  FillBlank(pending_repo_policies_, region);
  FillBlank(pending_ptc_rules_, region);
  FillBlank(pending_registry_policies_, region);
  FillBlank(pending_key_policies_, region);
  FillBlank(pending_aliases_, region);
}

}  // namespace fd::model
