#pragma once
/// Rules of the task definition that need no network data: the Fargate CPU/memory table
/// (docs/design/causes.md §1.5), platform-version comparisons (§1.4), the effective values of a target
/// (a task's overrides beat its task definition) and the fix commands shared by TD checks.

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "analysis/analysis.h"
#include "fix/step.h"
#include "model/model.h"

namespace fd::checks::td {

/// CPU units from "256", "1024", "1 vCPU", "0.25 vcpu"; nullopt when unreadable.
std::optional<int> ParseCpuUnits(std::string_view text);
/// MiB from "512", "2 GB", "0.5GB"; nullopt when unreadable.
std::optional<int> ParseMemoryMiB(std::string_view text);
/// True when (cpu units, MiB) is a row of the Fargate table for the OS (docs/design/causes.md §1.5).
/// Ignores the platform-version condition of 8 and 16 vCPU (see NeedsPlatform14Cpu).
bool IsValidFargatePair(int cpu, int memory_mib, bool windows);
/// The valid memory values (MiB) of a CPU row; empty for an unknown CPU or OS.
std::vector<int> ValidMemoriesFor(int cpu, bool windows);
/// 8 and 16 vCPU sizes exist only on Linux platform version 1.4.0.
inline bool NeedsPlatform14Cpu(int cpu) { return cpu >= 8192; }

/// "1.4.0" → {1,4,0}; nullopt for anything else (LATEST included).
std::optional<std::array<int, 3>> ParsePlatformVersion(std::string_view text);
/// A Linux platform version ECS knows (1.0.0–1.4.0, LATEST) or Windows' (1.0.0, LATEST).
bool IsKnownPlatformVersion(std::string_view text, bool windows);
/// True when the target runs Linux on a resolved version below `want`; nullopt when the
/// resolved version is unreadable. Always false for Windows (its numbering is separate).
std::optional<bool> LinuxPlatformBelow(const analysis::Target& t, std::array<int, 3> want);

/// The task-level cpu/memory the start uses: a task's overrides, else the task definition's.
std::string EffectiveCpu(const analysis::Target& t);
std::string EffectiveMemory(const analysis::Target& t);
bool IsArm64(const model::TaskDefinition& td);
bool UsesFargateSpot(const analysis::Target& t);

/// What findings about the task definition name as their resource: its ARN, else family:rev.
std::string TaskDefinitionResource(const model::TaskDefinition& td);
/// A new revision of the target's task definition with `edit` made (and its service moved to it).
fix::Step NewRevision(const analysis::Target& t, const std::string& edit);
/// The target started again on platform `version`.
fix::Step PlatformVersion(const analysis::Target& t, const std::string& version);

}  // namespace fd::checks::td
