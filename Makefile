# Two commands on a fresh Debian 12 machine: `make demo` and `make test`.
BUILD ?= build
PREFIX ?= /usr/local
# What building the tool needs; what only the tests, the packages or the benchmarks need is
# installed by their own targets, so `make demo` on a fresh machine installs no more than this.
PACKAGES := g++ cmake ninja-build make python3 libcli11-dev libfmt-dev nlohmann-json3-dev \
            libexpected-dev libgtest-dev libgmock-dev libmimalloc-dev zlib1g-dev \
            libyaml-cpp-dev
# The completion tests run the real shells; the CI integration tests read YAML and run
# pre-commit; `make package` needs dpkg-shlibdeps (dpkg-dev, file); the package test builds a
# bare Debian 12 root with debootstrap; Chromium opens the HTML report (DOM, network log,
# screenshots).
TEST_PACKAGES := python3-jsonschema python3-yaml zsh fish pre-commit git dpkg-dev file debootstrap curl \
                 chromium
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: all deps configure build demo test bench bench-account bench-html clean iam-oracle mermaid-check \
        live-deps test-deps clang-deps test-sanitize fuzz fuzz-build install package static

all: build

# Installs only what is missing; `apt-get update` first because a fresh machine has no lists.
deps:
	@missing=""; for p in $(PACKAGES); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "install ok installed" || \
	    command -v $$p >/dev/null || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing; \
	fi

configure: deps
	cmake -S . -B $(BUILD) -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null

build: configure
	cmake --build $(BUILD)

# Only the binary: the demo needs nothing else. The demo's snapshot holds a blocker on purpose,
# so its exit code 1 (a blocker found) is the expected result, and `make demo` succeeds; 2 (an
# error) or a crash still fails it.
demo: configure
	cmake --build $(BUILD) --target fargate-doctor
	@./$(BUILD)/fargate-doctor demo; rc=$$?; \
	case $$rc in \
	  1) echo; echo "make demo: done. fargate-doctor exited 1 (a blocker found): the bundled snapshot" \
	     "is broken on purpose, so this is the expected result.";; \
	  0|3) echo; echo "make demo: done (fargate-doctor exited $$rc; the report above says why).";; \
	  *) exit $$rc;; esac

test: build package static iam-oracle mermaid-check live-deps test-deps
	cd $(BUILD) && ctest --output-on-failure -j2

# What the tests use that Debian packages. Missing after this, a test says SKIPPED and why.
test-deps:
	@$(MAKE) --no-print-directory deps PACKAGES="$(TEST_PACKAGES)" \
	  || echo "WARNING: some test packages could not be installed: the tests that need them will be SKIPPED"

# make install [PREFIX=/usr/local] [DESTDIR=...]: the binary, its man page and completions.
install: configure
	cmake --build $(BUILD) --target fargate-doctor install-files
	DESTDIR="$(DESTDIR)" cmake --install $(BUILD) --prefix "$(PREFIX)"

# A .deb of the binary, man page, completions, copyright and changelog ($(BUILD)/*.deb).
package: configure
	@$(MAKE) --no-print-directory deps PACKAGES="dpkg-dev file"
	cmake --build $(BUILD) --target fargate-doctor install-files
	cd $(BUILD) && cpack -G DEB

# A fully static x86_64 Linux binary ($(BUILD)/static/fargate-doctor), linked from the objects of
# the normal build, and a tarball of it with the man page and completions
# ($(BUILD)/fargate-doctor-VERSION-x86_64-linux-static.tar.gz).
static: configure
	cmake --build $(BUILD) --target static-tarball

# Sanitizer and fuzzing builds use Debian's clang 14 and its runtimes.
CLANG_PACKAGES := clang-14 libclang-rt-14-dev
clang-deps: deps
	@$(MAKE) --no-print-directory deps PACKAGES="$(CLANG_PACKAGES)"

# ASan + UBSan over every unit, scenario and CLI test (the CLI runs the sanitized binary too);
# TSan over the suites that run threads (the TSan tree builds only those: CMakeLists.txt,
# FD_THREADED_TEST_SRCS). Any report aborts the process, so it fails the test.
SAN_ENV := ASAN_OPTIONS=detect_leaks=1:abort_on_error=1:detect_stack_use_after_return=1 \
           UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 TSAN_OPTIONS=halt_on_error=1:second_deadlock_stack=1
# FixCommandsTest runs the AWS CLI over the goldens' text and none of our code: two minutes
# that a sanitizer would watch for nothing. The live moto tests spend ten minutes of CPU in the
# AWS CLI and moto (Python); under ASan, the collector and sweeps they drive run in-process
# against a fake aws (src/live/*_test.cpp), and the moto sweep still runs under TSan.
SAN_SKIP := FixCommandsTest|LiveMoto|LiveSweepMoto
test-sanitize: clang-deps iam-oracle live-deps test-deps
	CC=clang-14 CXX=clang++-14 cmake -S . -B $(BUILD)-asan -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
	  -DFD_SANITIZE=address,undefined >/dev/null
	cmake --build $(BUILD)-asan
	cd $(BUILD)-asan && $(SAN_ENV) ctest --output-on-failure -j2 -E '$(SAN_SKIP)'
	CC=clang-14 CXX=clang++-14 cmake -S . -B $(BUILD)-tsan -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
	  -DFD_SANITIZE=thread >/dev/null
	cmake --build $(BUILD)-tsan
	cd $(BUILD)-tsan && $(SAN_ENV) setarch -R ctest --output-on-failure -j2

# libFuzzer: each target under fuzz/ runs FUZZ_SECONDS (default 60) from its seed corpus
# ($(BUILD)-fuzz/corpus/<target>, grown by the run; seeds from the scenarios and ../shared/corpus) with
# its dictionary. A crash, leak or timeout leaves its reproducer in $(BUILD)-fuzz/findings/;
# check it in under tests/fuzz-regressions/<target>/, where `make test` replays it. The fuzzers
# have their own ASan + UBSan build with libFuzzer's coverage, at -O1 for speed (test-sanitize's
# is -O0 for build time; CMakeLists.txt).
FUZZ_SECONDS ?= 60
FUZZERS := json_doc_fuzz snapshot_fuzz iam_policy_fuzz policy_simulate_args_fuzz tf_plan_fuzz cfn_template_fuzz report_reader_fuzz
fuzz-build: clang-deps
	CC=clang-14 CXX=clang++-14 cmake -S . -B $(BUILD)-fuzz -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
	  -DFD_SANITIZE=address,undefined -DFD_FUZZ=ON >/dev/null
	cmake --build $(BUILD)-fuzz --target fuzzers
fuzz: fuzz-build
	@mkdir -p $(BUILD)-fuzz/findings
	@for f in $(FUZZERS); do \
	  python3 tools/fuzz_seeds.py $$f $(BUILD)-fuzz/seeds/$$f; mkdir -p $(BUILD)-fuzz/corpus/$$f; \
	  echo "== $$f: $(FUZZ_SECONDS) s"; \
	  ASAN_OPTIONS=detect_leaks=1 ./$(BUILD)-fuzz/$$f -max_total_time=$(FUZZ_SECONDS) -timeout=10 \
	    -rss_limit_mb=4096 -max_len=65536 -print_final_stats=1 -dict=fuzz/$$f.dict \
	    -artifact_prefix=$(BUILD)-fuzz/findings/$$f- $(BUILD)-fuzz/corpus/$$f $(BUILD)-fuzz/seeds/$$f \
	    2>&1 | grep -E '^(#[0-9]+.*DONE|stat::number_of_executed_units|==[0-9]+==ERROR|SUMMARY|artifact_prefix|Test unit written)' \
	    || true; \
	done; \
	if ls $(BUILD)-fuzz/findings/* >/dev/null 2>&1; then echo "FINDINGS in $(BUILD)-fuzz/findings/"; ls $(BUILD)-fuzz/findings; exit 1; fi

# The IAM differential test's oracle (@cloud-copilot/iam-simulate, pinned by package-lock.json).
# Offline, npm fails and the test reports SKIPPED with the reason; it never passes silently.
iam-oracle:
	@$(MAKE) --no-print-directory deps PACKAGES="nodejs npm" || true
	@cd tools/iam-oracle && npm ci --no-audit --no-fund --loglevel=error \
	  || echo "WARNING: npm ci in tools/iam-oracle failed: tests/iam_differential_test.cpp will be SKIPPED"

# Mermaid's own parser for the Markdown report's flowcharts (mermaid + jsdom, pinned by
# package-lock.json). Offline, npm fails and tests/mermaid_test.cpp reports SKIPPED.
mermaid-check:
	@$(MAKE) --no-print-directory deps PACKAGES="nodejs npm" || true
	@cd tools/mermaid-check && npm ci --no-audit --no-fund --loglevel=error \
	  || echo "WARNING: npm ci in tools/mermaid-check failed: tests/mermaid_test.cpp will be SKIPPED"

# The live tests need an aws CLI (Debian's awscli when none is on PATH) and moto's server mode
# (pip); when neither can be installed they are skipped, and say so loudly in the test output.
live-deps:
	@command -v aws >/dev/null 2>&1 || { echo "installing awscli (live tests)"; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq awscli \
	  || echo "WARNING: awscli could not be installed: the live tests will be SKIPPED"; }
	@python3 -c 'import moto.server' 2>/dev/null || { echo "installing moto[server] (live tests)"; \
	  python3 -m pip install --quiet 'moto[server]' 2>/dev/null \
	  || python3 -m pip install --quiet --break-system-packages 'moto[server]' \
	  || echo "WARNING: moto could not be installed: the live tests will be SKIPPED"; }

bench: deps
	@$(MAKE) --no-print-directory deps PACKAGES="libbenchmark-dev"
	cmake -S . -B $(BUILD)-bench -G Ninja -DCMAKE_BUILD_TYPE=Release -DFD_BUILD_BENCH=ON >/dev/null
	cmake --build $(BUILD)-bench --target benchmarks fargate-doctor
	./$(BUILD)-bench/diagnose_bench

# Whole-process figures at account scale (1x and 10x; see bench/account.sh).
bench-account: deps
	@$(MAKE) --no-print-directory deps PACKAGES="libbenchmark-dev"
	cmake -S . -B $(BUILD)-bench -G Ninja -DCMAKE_BUILD_TYPE=Release -DFD_BUILD_BENCH=ON >/dev/null
	cmake --build $(BUILD)-bench --target fargate-doctor
	bench/account.sh $(BUILD)-bench/fargate-doctor 1 10

# Size and render time of the HTML report of the 1x account (see bench/html.sh).
bench-html: deps
	cmake -S . -B $(BUILD)-bench -G Ninja -DCMAKE_BUILD_TYPE=Release -DFD_BUILD_BENCH=ON >/dev/null
	cmake --build $(BUILD)-bench --target fargate-doctor
	bench/html.sh $(BUILD)-bench/fargate-doctor

clean:
	rm -rf $(BUILD) $(BUILD)-bench $(BUILD)-asan $(BUILD)-tsan $(BUILD)-fuzz
