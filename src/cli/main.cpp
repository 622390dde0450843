// fargate-doctor: why does this ECS Fargate task stay PENDING? See commands.h.
#include <exception>
#include <iostream>

#include "cli/commands.h"

int main(int argc, char** argv) {
  try {
    return fd::cli::Run(argc, argv, fd::cli::DetectTerminal(), std::cout, std::cerr);
  } catch (const std::exception& e) {
    // Our code does not throw; this is a bug (or memory exhaustion), reported in one line.
    std::cerr << "fargate-doctor: error: internal error: " << e.what() << '\n';
    return fd::cli::kExitUsage;
  }
}
