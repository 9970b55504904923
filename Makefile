# Two commands do all the set-up: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test unit integration fuzz lint clean venv deb deb-tools test-deb bench bench-bus

$(STAMP): requirements.txt test-requirements.txt setup.cfg setup.py
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements.txt -r test-requirements.txt
	$(BIN)/pip install --quiet --no-deps -e .
	touch $(STAMP)

venv: $(STAMP)

## Start the daemon on the embedded profile (SQLite, local API keys, no bus).
run: $(STAMP)
	@mkdir -p .state/conf.d
	@echo "wazo-confd: embedded profile, state in .state/ (logs: .state/wazo-confd.log)"
	@echo "  once started, try:"
	@echo "    curl -s -H \"X-Auth-Token: \$$(cat .state/admin-key)\" -H 'Content-Type: application/json' \\"
	@echo "         -d '{\"firstname\": \"Alice\"}' http://127.0.0.1:9486/1.1/users"
	@echo "  and browse the API reference: http://127.0.0.1:9486/1.1/api/"
	$(BIN)/wazo-confd -c etc/wazo-confd/embedded.yml

## Lint: ruff (lint and format check) and mypy (setup.cfg); the same command CI runs.
lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

## The whole suite: unit tests, then integration tests against PostgreSQL and RabbitMQ.
## First in parallel (pytest-xdist, TEST_WORKERS processes, a test file per worker at a time,
## each worker with its own databases and daemons), then alone the tests that stop a shared
## service or install the package. Both runs always run; make fails if either failed.
# Three on two cores: a test spends most of its time waiting for a daemon, the bus or a
# stand-in, and a third worker fills those waits (the suite stays under CI's 20 minutes).
TEST_WORKERS ?= 3
PARALLEL := -n $(TEST_WORKERS) --dist loadfile --no-loadscope-reorder -m 'not outage and not deb' --durations=15
SERIAL := -p no:xdist -m 'outage or deb'
# pytest exits 5 when a selection is empty: not a failure of the serial run.
test: $(STAMP)
	status=0; \
	$(BIN)/pytest -p no:cacheprovider $(PARALLEL) tests integration_tests || status=$$?; \
	$(BIN)/pytest -p no:cacheprovider $(SERIAL) tests integration_tests; serial=$$?; \
	if [ $$serial -ne 0 ] && [ $$serial -ne 5 ]; then status=$$serial; fi; \
	exit $$status

unit: $(STAMP)
	$(BIN)/pytest -p no:cacheprovider tests

integration: $(STAMP)
	$(BIN)/pytest -p no:cacheprovider $(PARALLEL) integration_tests
	$(BIN)/pytest -p no:cacheprovider $(SERIAL) integration_tests

## The benchmark (not part of `test`): daemon on PostgreSQL, workloads, pgbench ceiling.
bench: $(STAMP)
	$(BIN)/pip install --quiet -r bench-requirements.txt
	$(BIN)/python -m bench

## Bus relay benchmark: publish throughput and commit-to-delivery latency (docs/bus.md).
bench-bus: $(STAMP)
	$(BIN)/python -m bench.bus_relay

## Long fuzzing run: every schemathesis phase (coverage included), many more examples.
fuzz: $(STAMP)
	CONFD_FUZZ_EXAMPLES=$${CONFD_FUZZ_EXAMPLES:-300} CONFD_FUZZ_PHASES=examples,coverage,fuzzing,stateful \
		$(BIN)/pytest -p no:cacheprovider integration_tests/test_fuzz.py

clean:
	rm -rf $(VENV) .state build dist *.egg-info

## Debian package: build tools from Debian's packages, then dpkg-buildpackage on a clean
## copy of the tree (so the package never picks up .venv or .state). Result: build/deb/*.deb
DEB_TOOLS := dpkg-dev debhelper python3 python3-venv adduser
DEB_DIR := build/deb
deb-tools:
	@dpkg -s $(DEB_TOOLS) >/dev/null 2>&1 || { \
		apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $(DEB_TOOLS); }

deb: deb-tools
	rm -rf $(DEB_DIR) && mkdir -p $(DEB_DIR)/wazo-confd
	git ls-files -z --cached --others --exclude-standard | \
		tar --null -T - --ignore-failed-read -cf - | tar -xf - -C $(DEB_DIR)/wazo-confd
	cd $(DEB_DIR)/wazo-confd && dpkg-buildpackage -us -uc
	@ls $(DEB_DIR)/*.deb

## Build, install (dpkg -i) and start the package on this machine (root), then purge it.
test-deb: $(STAMP) deb
	$(BIN)/pytest -p no:cacheprovider -m deb integration_tests/test_debian_package.py
