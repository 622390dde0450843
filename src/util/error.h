#pragma once
/// Errors that stop a command: unreadable input, usage mistakes. Bad *data* is not an
/// error (it becomes an InputNote); only input the tool cannot read at all is.
/// Our code does not throw: library exceptions are caught where the library is called.

#include <string>

#include <tl/expected.hpp>

#include "util/source_ref.h"

namespace fd {

enum class ErrorCode { kUsage, kIo, kInvalidJson, kInvalidInput, kUnknownTarget };

struct Error {
  ErrorCode code;
  std::string message;  ///< one line, names the file (and byte offset or pointer)
};

template <typename T>
using Expected = tl::expected<T, Error>;

inline tl::unexpected<Error> MakeError(ErrorCode code, std::string message) {
  return tl::unexpected<Error>(Error{code, std::move(message)});
}

}  // namespace fd
