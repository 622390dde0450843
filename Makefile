# Two commands on a fresh Debian 12 machine: `make demo` and `make test`.
BUILD ?= build
PACKAGES := g++ cmake ninja-build make python3 libcli11-dev libfmt-dev nlohmann-json3-dev \
            libexpected-dev libgtest-dev libgmock-dev libbenchmark-dev
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: all deps build demo test bench clean

all: build

# Installs only what is missing; `apt-get update` first because a fresh machine has no lists.
deps:
	@missing=""; for p in $(PACKAGES); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "install ok installed" || missing="$$missing $$p"; \
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

test: build
	cd $(BUILD) && ctest --output-on-failure -j2

bench: deps
	cmake -S . -B $(BUILD)-bench -G Ninja -DCMAKE_BUILD_TYPE=Release -DFD_BUILD_BENCH=ON >/dev/null
	cmake --build $(BUILD)-bench --target benchmarks fargate-doctor
	./$(BUILD)-bench/diagnose_bench

clean:
	rm -rf $(BUILD) $(BUILD)-bench
