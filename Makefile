# The README's commands. CMake does the building; this file only names the
# steps. Every target first makes sure the Debian packages are there.
BUILD_DIR ?= build
JOBS ?= 2
CMAKE_FLAGS ?=

.PHONY: all deps build demo test clean format

all: build

deps:
	@scripts/install-deps.sh

build: deps
	@cmake -S . -B $(BUILD_DIR) -DCMAKE_BUILD_TYPE=Release $(CMAKE_FLAGS) >/dev/null
	@cmake --build $(BUILD_DIR) -j$(JOBS)

# All services on loopback with the shipped Terre d'Argine data.
demo: build
	@scripts/demo.sh $(BUILD_DIR)

test: build
	@cd $(BUILD_DIR) && ctest --output-on-failure -j$(JOBS) --timeout 600

format:
	@git ls-files '*.cc' '*.h' | xargs clang-format -i -style=Google

clean:
	@rm -rf $(BUILD_DIR) out
