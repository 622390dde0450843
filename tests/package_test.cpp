// How fargate-doctor reaches a machine: `make install` (cmake --install) puts every file where
// the tools that use it look; the .deb of `make package` installs with apt-get into a bare
// Debian 12 root and runs there (tests/package/deb_in_debian.sh); the binary of `make static`
// asks for no dynamic loader and no shared library, and runs in a root that holds nothing but
// itself. Each needs its artefact built (`make test` builds them) and, for the roots, root and
// debootstrap; without them the test says SKIPPED and why.

#include <elf.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "testing/shell.h"

namespace {

namespace fs = std::filesystem;

/// The command's stdout and stderr.
std::string Sh(const std::string& cmd, int* rc) { return fd::testing::ShellOutput(cmd + " 2>&1", rc); }

std::string Slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

const std::string kBuild = FD_BUILD_DIR;
const std::string kDeb = kBuild + "/fargate-doctor_" + FD_PROJECT_VERSION + "_amd64.deb";
const std::string kStatic = kBuild + "/static/fargate-doctor";

TEST(PackageTest, InstallPutsEveryFileWhereItsToolLooksForIt) {
  const fs::path dest = fs::temp_directory_path() / ("fd-install-" + std::to_string(::getpid()));
  fs::remove_all(dest);
  int rc = -1;
  const std::string out =
      Sh("DESTDIR='" + dest.string() + "' cmake --install '" + kBuild + "' --prefix /opt/fd", &rc);
  ASSERT_EQ(rc, 0) << out;
  const fs::path p = dest / "opt/fd";
  for (const char* f : {"bin/fargate-doctor", "share/man/man1/fargate-doctor.1.gz",
                        "share/bash-completion/completions/fargate-doctor",
                        "share/zsh/vendor-completions/_fargate-doctor",
                        "share/fish/vendor_completions.d/fargate-doctor.fish",
                        "share/doc/fargate-doctor/copyright", "share/doc/fargate-doctor/changelog.gz"})
    EXPECT_TRUE(fs::is_regular_file(p / f) && fs::file_size(p / f) > 0) << f;
  // Installed completions are the binary's own, and the man page is docs/fargate-doctor.1.
  const std::string bash = Sh("'" + (p / "bin/fargate-doctor").string() + "' completion bash", &rc);
  EXPECT_EQ(bash, Slurp(p / "share/bash-completion/completions/fargate-doctor"));
  EXPECT_EQ(Sh("gzip -dc '" + (p / "share/man/man1/fargate-doctor.1.gz").string() + "'", &rc),
            Slurp(std::string(FD_SOURCE_DIR) + "/docs/fargate-doctor.1"));
  fs::remove_all(dest);
}

TEST(PackageTest, DebInstallsWithAptAndRunsTheDemoInABareDebian12Root) {
  if (!fs::exists(kDeb)) GTEST_SKIP() << "SKIPPED: " << kDeb << " is not built (make package); NOT CHECKED";
  int rc = -1;
  const std::string out = Sh(std::string(FD_SOURCE_DIR) + "/tests/package/deb_in_debian.sh '" + kDeb +
                                  "' '" + kBuild + "/debian-12-root'",
                              &rc);
  if (rc == 77) GTEST_SKIP() << out << "the .deb is NOT CHECKED in a bare Debian 12 root";
  EXPECT_EQ(rc, 0) << out;
  EXPECT_NE(out.find("PASSED: fargate-doctor"), std::string::npos) << out;
}

/// The program headers of an ELF64 file: whether it names a dynamic loader (PT_INTERP) and how
/// many shared libraries its dynamic section needs (DT_NEEDED). Reads only those parts: a
/// RelWithDebInfo binary is hundreds of megabytes of debug information.
struct Linkage {
  bool elf = false, interp = false;
  int needed = 0;
};

template <typename T>
bool ReadAt(std::ifstream& in, uint64_t offset, T& out) {
  in.seekg(static_cast<std::streamoff>(offset));
  return static_cast<bool>(in.read(reinterpret_cast<char*>(&out), sizeof out));
}

Linkage ReadLinkage(const std::string& path) {
  Linkage l;
  std::ifstream in(path, std::ios::binary);
  Elf64_Ehdr eh;
  if (!ReadAt(in, 0, eh) || std::memcmp(eh.e_ident, ELFMAG, SELFMAG) != 0 || eh.e_ident[EI_CLASS] != ELFCLASS64)
    return l;
  l.elf = true;
  for (uint64_t i = 0; i < eh.e_phnum; ++i) {
    Elf64_Phdr ph;
    if (!ReadAt(in, eh.e_phoff + i * eh.e_phentsize, ph)) break;
    l.interp = l.interp || ph.p_type == PT_INTERP;
    if (ph.p_type != PT_DYNAMIC) continue;
    Elf64_Dyn dyn;
    for (uint64_t d = 0; d + sizeof dyn <= ph.p_filesz && ReadAt(in, ph.p_offset + d, dyn) && dyn.d_tag != DT_NULL;
         d += sizeof dyn)
      l.needed += dyn.d_tag == DT_NEEDED;
  }
  return l;
}

TEST(PackageTest, ReadLinkageSeesTheSharedLibrariesOfADynamicBinary) {
  // The test below is only as good as this reading: the normal build needs libstdc++ and more.
  const Linkage l = ReadLinkage(FD_BINARY);
  ASSERT_TRUE(l.elf);
  EXPECT_TRUE(l.interp);
  EXPECT_GE(l.needed, 2);
}

TEST(PackageTest, StaticBinaryNeedsNoLibraryAndRunsInAnEmptyRoot) {
  if (!fs::exists(kStatic)) GTEST_SKIP() << "SKIPPED: " << kStatic << " is not built (make static); NOT CHECKED";
  const Linkage l = ReadLinkage(kStatic);
  ASSERT_TRUE(l.elf);
  EXPECT_FALSE(l.interp) << "the static binary asks for a dynamic loader";
  EXPECT_EQ(l.needed, 0) << "the static binary needs shared libraries";
  if (::geteuid() != 0) GTEST_SKIP() << "SKIPPED: chroot needs root; the empty-root run is NOT CHECKED";
  // A root with the binary and nothing else: no libc, no libstdc++, no loader, no /proc.
  const fs::path root = fs::temp_directory_path() / ("fd-static-root-" + std::to_string(::getpid()));
  fs::remove_all(root);
  fs::create_directories(root);
  fs::copy_file(kStatic, root / "fargate-doctor");
  int rc = -1;
  const std::string version = Sh("chroot '" + root.string() + "' /fargate-doctor --version", &rc);
  EXPECT_EQ(rc, 0) << version;
  EXPECT_NE(version.find(", static, "), std::string::npos) << version;
  const std::string demo = Sh("chroot '" + root.string() + "' /fargate-doctor demo", &rc);
  EXPECT_EQ(rc, 1) << demo;  // the demo's blocker
  EXPECT_NE(demo.find("BLOCKED"), std::string::npos) << demo;
  fs::remove_all(root);
}

}  // namespace
