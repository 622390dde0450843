#pragma once
/// Ingest tests' one way to read files held in memory into a model: a load error fails the
/// calling test (with the message) and an empty model is returned so it can go on.
#include <gtest/gtest.h>

#include <utility>
#include <vector>

#include "ingest/snapshot.h"
#include "model/model.h"

namespace fd::testing {

inline model::Model Load(std::vector<ingest::InputFile> files) {
  auto m = ingest::LoadFiles(files);
  EXPECT_TRUE(m.has_value()) << (m ? "" : m.error().message);
  return m ? std::move(*m) : model::ModelBuilder().Build();
}

}  // namespace fd::testing
