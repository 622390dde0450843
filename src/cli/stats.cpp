#include "cli/stats.h"

#include <fmt/format.h>
#include <sys/resource.h>

#include <ostream>
#include <string_view>

#include "util/cpus.h"

namespace fd::cli {

uint64_t PeakRss() {
  struct rusage u {};
  if (::getrusage(RUSAGE_SELF, &u) != 0) return 0;
  return static_cast<uint64_t>(u.ru_maxrss) * 1024;  // Linux reports KiB
}

double Since(std::chrono::steady_clock::time_point t) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t).count();
}

void PrintStats(std::ostream& err, const ingest::LoadStats& load, size_t targets,
                const PhaseTimes& t, const std::string& format, size_t report_bytes) {
  const double mb = static_cast<double>(load.bytes) / 1e6;
  const double peak = static_cast<double>(PeakRss()) / 1e6;
  auto line = [&](std::string_view phase, double wall, double cpu, const std::string& what) {
    err << fmt::format("fargate-doctor: stats: {:<9}{:>7.3f} s wall {:>7.3f} s cpu  {}\n", phase,
                       wall, cpu, what);
  };
  line("ingest", load.ingest_seconds, load.ingest_cpu_seconds,
       fmt::format("{} files, {:.1f} MB, {:.0f} MB/s", load.files, mb,
                   load.ingest_seconds > 0 ? mb / load.ingest_seconds : 0.0));
  line("model", load.build_seconds, load.build_cpu_seconds,
       fmt::format("references resolved, indexes built; peak memory so far {:.0f} MB",
                   static_cast<double>(load.peak_rss_after) / 1e6));
  line("diagnose", t.diagnose, t.diagnose_cpu, fmt::format("{} targets, traces included", targets));
  line("render", t.render, t.render_cpu,
       fmt::format("{} report, {:.1f} MB", format, static_cast<double>(report_bytes) / 1e6));
  err << fmt::format("fargate-doctor: stats: peak memory {:.0f} MB ({:.1f}x the input)\n", peak,
                     mb > 0 ? peak / mb : 0.0);
  // Ingest, diagnosis and the JSON writer run on the CPUs of the affinity mask, at most 8: wall
  // time below CPU time is that parallelism.
  err << fmt::format("fargate-doctor: stats: cpus {} usable (affinity mask), up to {} used\n",
                     UsableCpus(), kMaxThreads);
}

}  // namespace fd::cli
