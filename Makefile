# The README's commands. CMake does the building; this file only names the
# steps. Every target first makes sure the Debian packages are there.
BUILD_DIR ?= build
JOBS ?= 2
# cmake --build runs make again below this one: no "Entering directory".
MAKEFLAGS += --no-print-directory
CMAKE_FLAGS ?=

# Fuzzing: clang's libFuzzer with ASan and UBSan, in a build of its own.
FUZZ_BUILD_DIR ?= build-fuzz
FUZZ_SECONDS ?= 60
# Seconds per fuzzer in `make test`.
FUZZ_SMOKE_SECONDS ?= 10
FUZZERS := target_parser_fuzzer italian_number_fuzzer csv_import_fuzzer \
  key_codec_fuzzer catalog_request_fuzzer capture_request_fuzzer \
  aggregation_request_fuzzer auth_fuzzer gateway_request_fuzzer

# Sanitizer builds, each in its own folder. A finding stops the test that
# made it; the suppression files only name code inside Debian's libraries.
ASAN_BUILD_DIR ?= build-asan
TSAN_BUILD_DIR ?= build-tsan
SANITIZERS_DIR := $(CURDIR)/tools/sanitizers
ASAN_ENV := ASAN_OPTIONS=halt_on_error=1:detect_leaks=1:check_initialization_order=1 \
  UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
  LSAN_OPTIONS=suppressions=$(SANITIZERS_DIR)/lsan.supp:print_suppressions=0
# -O1 with line tables only (-g1): the ASan build takes about 60% of the
# time -O2 -g takes, and its reports still name each frame's file and line.
ASAN_OPT_FLAGS := -O1 -g1 -DNDEBUG
TSAN_ENV := TSAN_OPTIONS=halt_on_error=1:second_deadlock_stack=1:suppressions=$(SANITIZERS_DIR)/tsan.supp:print_suppressions=0

# Benchmarks (BENCHMARKS.md): a Release build of their own, PostgreSQL 15
# from Debian as the peer.
BENCH_BUILD_DIR ?= build-bench

.PHONY: all deps build demo serve test clean format fuzz fuzz-build fuzz-smoke \
  test-asan test-tsan bench

all: build

deps:
	@scripts/install-deps.sh

build: deps
	@cmake -S . -B $(BUILD_DIR) -DCMAKE_BUILD_TYPE=Release $(CMAKE_FLAGS) >/dev/null
	@cmake --build $(BUILD_DIR) -j$(JOBS)

# All services on loopback with the shipped Terre d'Argine data.
demo: build
	@scripts/demo.sh $(BUILD_DIR)

# The suite on loopback with TLS and tokens, the shipped data and the web app
# (https://127.0.0.1:8443/), until Ctrl-C.
serve: build
	@scripts/serve.sh $(BUILD_DIR)

# Every test, then each fuzzer for a few seconds on its seed corpus.
test: build
	@cd $(BUILD_DIR) && ctest --output-on-failure -j$(JOBS) --timeout 600
	@$(MAKE) --no-print-directory fuzz-smoke

fuzz-build:
	@scripts/install-deps.sh --fuzz
	@CC=clang-14 CXX=clang++-14 cmake -S . -B $(FUZZ_BUILD_DIR) \
	  -DCMAKE_BUILD_TYPE=RelWithDebInfo \
	  "-DCMAKE_CXX_FLAGS_RELWITHDEBINFO=-O2 -gline-tables-only" \
	  -DVALORE_FUZZ=ON >/dev/null
	@cmake --build $(FUZZ_BUILD_DIR) -j$(JOBS) --target valore_fuzzers

# Each fuzzer for FUZZ_SECONDS on a copy of fuzz/corpus/<fuzzer>/; findings
# go to out/fuzz/<fuzzer>/.
fuzz: fuzz-build
	@scripts/fuzz.sh $(FUZZ_BUILD_DIR) $(FUZZ_SECONDS) $(FUZZERS)

fuzz-smoke:
	@$(MAKE) --no-print-directory fuzz FUZZ_SECONDS=$(FUZZ_SMOKE_SECONDS)

# Every test under AddressSanitizer + UndefinedBehaviorSanitizer. The
# environment also applies while building: test discovery runs the binaries.
test-asan: deps
	@cmake -S . -B $(ASAN_BUILD_DIR) -DCMAKE_BUILD_TYPE=RelWithDebInfo \
	  -DVALORE_SANITIZE=address \
	  "-DCMAKE_CXX_FLAGS_RELWITHDEBINFO=$(ASAN_OPT_FLAGS)" >/dev/null
	@$(ASAN_ENV) cmake --build $(ASAN_BUILD_DIR) -j$(JOBS)
	@cd $(ASAN_BUILD_DIR) && $(ASAN_ENV) ctest --output-on-failure -j$(JOBS) \
	  --timeout 900

# The tests under ThreadSanitizer, with abseil's Mutex made visible to it
# (tools/sanitizers/tsan_absl_mutex.cc). Run: every folder but tests/, whose
# end-to-end suites host gRPC servers in-process; Debian's gRPC hands each
# call between its threads through lock-free queues TSan cannot see, so every
# handler would look racy. The services' cores are driven from threads
# directly instead (services/*/*_core_test.cc). For the same reason the
# services' tests that host a gRPC server in-process are left out
# (VersionWatch, GrpcMetricsInterceptor, RemoteValues); and the gateway's
# tests that fill a protobuf Struct (Problem, RequestBuilder), which crash
# inside Debian's uninstrumented protobuf Map under TSan, single-threaded,
# and pass under ASan.
TSAN_TEST_DIRS := common storage services cli
TSAN_LEFT_OUT := ^(VersionWatch|GrpcMetricsInterceptor|RemoteValues|Problem|RequestBuilder)Test\.
test-tsan: deps
	@cmake -S . -B $(TSAN_BUILD_DIR) -DCMAKE_BUILD_TYPE=RelWithDebInfo \
	  -DVALORE_SANITIZE=thread >/dev/null
	@$(TSAN_ENV) cmake --build $(TSAN_BUILD_DIR) -j$(JOBS)
	@for dir in $(TSAN_TEST_DIRS); do \
	  (cd $(TSAN_BUILD_DIR)/$$dir && $(TSAN_ENV) ctest --output-on-failure \
	    -j$(JOBS) --timeout 900 -E '$(TSAN_LEFT_OUT)') || exit 1; \
	done

# The services against raw RocksDB and PostgreSQL: prints a table and one
# name=value line per figure, and writes bench/results/latest.json.
bench:
	@scripts/install-deps.sh --bench
	@cmake -S . -B $(BENCH_BUILD_DIR) -DCMAKE_BUILD_TYPE=Release >/dev/null
	@cmake --build $(BENCH_BUILD_DIR) -j$(JOBS) --target valore-bench \
	  valore-catalog valore-capture valore-aggregation valore-gateway valore
	@bench/run-bench.sh $(BENCH_BUILD_DIR) bench/results/latest.json

format:
	@git ls-files '*.cc' '*.h' | xargs clang-format -i -style=Google

clean:
	@rm -rf $(BUILD_DIR) $(FUZZ_BUILD_DIR) $(ASAN_BUILD_DIR) $(TSAN_BUILD_DIR) \
	  $(BENCH_BUILD_DIR) out
