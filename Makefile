# Two commands on a fresh machine with Python 3.11+: `make run` and `make test`.
# Each creates the virtual environment, installs the dependencies and compiles the
# translations first, as needed.

PYTHON ?= python3
# Test processes: one per core by default.
TEST_WORKERS ?= auto
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
FLASK := $(BIN)/flask --app app
TRANSLATIONS := casetrack/translations
MO_FILES := $(patsubst %.po,%.mo,$(wildcard $(TRANSLATIONS)/*/LC_MESSAGES/messages.po))
STATIC := casetrack/static
STATIC_STAMP := $(STATIC)/node_modules/.installed-stamp

.PHONY: run test fuzz setup translations extract-messages lint clean worker bench

setup: $(STAMP) $(MO_FILES) $(STATIC_STAMP)

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; assert sys.version_info >= (3, 11), "casetrack needs Python 3.11 or newer"'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

# Front-end libraries (charts, graph) come from the npm registry, pinned by the lock file.
$(STATIC_STAMP): $(STATIC)/package.json $(STATIC)/package-lock.json
	npm ci --prefix $(STATIC) --no-audit --no-fund --loglevel=error
	touch $@

%.mo: %.po $(STAMP)
	$(BIN)/pybabel compile --use-fuzzy -i $< -o $@

# `make run PORT=8080` (or HOST=0.0.0.0) serves elsewhere.
HOST ?= 127.0.0.1
PORT ?= 5000

run: setup
	$(FLASK) db upgrade
	$(FLASK) casetrack demo
	$(FLASK) run --host $(HOST) --port $(PORT)

# A deployment's job worker: runs the jobs the app servers queue on Redis (CASETRACK_JOBS=rq).
worker: setup
	$(FLASK) casetrack worker

# Scale benchmark (bench/scale_bench.py): BENCH_SIZES=1000,100000 BENCH_BACKENDS=sqlite,postgresql
bench: setup
	$(BIN)/python bench/scale_bench.py $(BENCH_ARGS)

test: setup
	$(BIN)/python -m pytest -n $(TEST_WORKERS) $(PYTEST_ARGS)

# The fuzz suites with many more examples than CI runs (README, "Fuzzing").
FUZZ_EXAMPLES ?= 300
WALK_EXAMPLES ?= 60
FUZZ_SEED ?= 20261201
fuzz: setup
	CASETRACK_FUZZ_EXAMPLES=$(FUZZ_EXAMPLES) CASETRACK_WALK_EXAMPLES=$(WALK_EXAMPLES) \
	CASETRACK_FUZZ_SEED=$(FUZZ_SEED) $(BIN)/python -m pytest -p no:cacheprovider -s \
	  tests/test_security_fuzz_api.py tests/test_security_fuzz_pages.py $(PYTEST_ARGS)

lint: setup
	$(BIN)/ruff check casetrack tests app.py

# Collect the interface's strings and merge them into the Russian catalogue.
extract-messages: $(STAMP)
	$(BIN)/pybabel extract -F $(TRANSLATIONS)/babel.cfg -k _l -o $(TRANSLATIONS)/messages.pot .
	$(BIN)/pybabel update -i $(TRANSLATIONS)/messages.pot -d $(TRANSLATIONS) --no-fuzzy-matching

clean:
	rm -rf $(VENV) $(MO_FILES) $(STATIC)/node_modules
