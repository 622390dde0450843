#include "predeploy/declared_model.h"

#include <utility>

namespace fd::predeploy {

Expected<DeclaredModel> Finish(DeclaredModel out, model::ModelBuilder& builder,
                               const AddExisting& existing) {
  if (existing)
    if (auto added = existing(builder); !added) return tl::unexpected(added.error());
  out.model = std::move(builder).Build();
  return out;
}

void Locate(report::Report& report, const std::unordered_map<std::string, Origin>& origins) {
  for (report::Finding& f : report.findings) {
    auto it = origins.find(f.resource);
    if (it == origins.end()) it = origins.find(f.target);
    if (it == origins.end()) continue;
    const Origin& o = it->second;
    f.location = report::SourceLocation{o.pos.file, o.pos.line, o.pos.column, o.declared_id, o.source};
  }
}

}  // namespace fd::predeploy
