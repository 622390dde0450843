#pragma once
/// `diagnose --stats`: where the time and memory went, on stderr (like `ninja -d stats`). Wall
/// clock and CPU time (all threads) of each phase, so a loaded machine is told apart.

#include <chrono>
#include <cstdint>
#include <iosfwd>
#include <string>

#include "ingest/snapshot.h"

namespace fd::cli {

/// Peak resident memory of this process so far, in bytes (0 when unknown).
uint64_t PeakRss();
/// Seconds since `t`.
double Since(std::chrono::steady_clock::time_point t);

struct PhaseTimes {
  double diagnose = 0, diagnose_cpu = 0, render = 0, render_cpu = 0;
};
void PrintStats(std::ostream& err, const ingest::LoadStats& load, size_t targets, const PhaseTimes& t,
                const std::string& format, size_t report_bytes);

}  // namespace fd::cli
