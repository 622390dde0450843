// TEMPORARY stub while the analysis lands: returns an empty report.
#include "engine/diagnose.h"

namespace fd::engine {

Expected<report::Report> Diagnose(const model::Model& model, const DiagnoseOptions&) {
  report::Report r;
  r.input_notes = model.notes();
  return r;
}

}  // namespace fd::engine
