# The two commands of the README: `make run` and `make test`. Both create the virtual
# environment and install everything on first use (the French spaCy model is a PyPI package).
PYTHON ?= python3.11
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp

.PHONY: run test install benchmark clean

$(STAMP): pyproject.toml constraints.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -c constraints.txt -e ".[dev]"
	touch $(STAMP)

install: $(STAMP)

run: $(STAMP)
	$(BIN)/innovpub run

test: $(STAMP)
	$(BIN)/python -m pytest -q

benchmark: $(STAMP)
	$(BIN)/python benchmarks/run_benchmark.py $(ARGS)

clean:
	rm -rf $(VENV) outputs/current outputs/versions outputs/dataset outputs/innovpub.duckdb outputs/datapackage.json outputs/site
