# Two commands on a fresh Debian 12 machine: `make demo` and `make test`.
BUILD ?= build
PACKAGES := g++ cmake ninja-build make python3 libcli11-dev libfmt-dev nlohmann-json3-dev \
            libexpected-dev libgtest-dev libgmock-dev libbenchmark-dev libmimalloc-dev nodejs npm
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: all deps build demo test bench bench-account clean iam-oracle live-deps

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

build: deps
	cmake -S . -B $(BUILD) -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
	cmake --build $(BUILD)

demo: build
	./$(BUILD)/fargate-doctor demo

test: build iam-oracle live-deps
	cd $(BUILD) && ctest --output-on-failure -j2

# The IAM differential test's oracle (@cloud-copilot/iam-simulate, pinned by package-lock.json).
# Offline, npm fails and the test reports SKIPPED with the reason; it never passes silently.
iam-oracle:
	@cd tools/iam-oracle && npm ci --no-audit --no-fund --loglevel=error \
	  || echo "WARNING: npm ci in tools/iam-oracle failed: tests/iam_differential_test.cpp will be SKIPPED"

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
	cmake -S . -B $(BUILD)-bench -G Ninja -DCMAKE_BUILD_TYPE=Release -DFD_BUILD_BENCH=ON >/dev/null
	cmake --build $(BUILD)-bench --target benchmarks fargate-doctor
	./$(BUILD)-bench/diagnose_bench

# Whole-process figures at account scale (1x and 10x; see bench/account.sh).
bench-account: deps
	cmake -S . -B $(BUILD)-bench -G Ninja -DCMAKE_BUILD_TYPE=Release -DFD_BUILD_BENCH=ON >/dev/null
	cmake --build $(BUILD)-bench --target fargate-doctor
	bench/account.sh $(BUILD)-bench/fargate-doctor 1 10

clean:
	rm -rf $(BUILD) $(BUILD)-bench
