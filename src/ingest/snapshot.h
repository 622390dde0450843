#pragma once
/// Reads a snapshot: any set of files or folders of AWS CLI JSON output (inputs.md §1). A file
/// is recognised by its top-level keys, never by its name; folders are searched recursively,
/// and a folder named like a region (Batfish's aws_configs/<region>/ and
/// aws_configs/accounts/<account>/<region>/) gives the region to what is inside it.
/// Unrecognised files become input notes; a file that is not JSON is an error naming the file
/// and the byte offset.

#include <string>
#include <vector>

#include "model/model.h"
#include "util/error.h"

namespace fd::ingest {

/// One input file already in memory. `name` is what reports show (relative, '/'-separated);
/// its folder components also give region and account hints.
struct InputFile {
  std::string name;
  std::string content;
};

/// Reads files and folders from disk. Names in reports are relative to each given path's
/// parent folder for files and to the folder itself for folders.
Expected<model::Model> LoadPaths(const std::vector<std::string>& paths);

/// Reads files already in memory (the embedded demo, tests).
Expected<model::Model> LoadFiles(const std::vector<InputFile>& files);

/// Reads a task definition file as kept in a repository (register-task-definition input, or a
/// describe-task-definition answer) for `diagnose --task-definition FILE`.
Expected<model::TaskDefinition> LoadTaskDefinitionFile(const std::string& path);

}  // namespace fd::ingest
