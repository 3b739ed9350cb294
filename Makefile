# Two entry points a fresh machine with Python 3.11 needs: `make example` and `make test`.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin

.PHONY: setup example test lint bench clean

$(BIN)/kg: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	$(BIN)/python -m ipykernel install --sys-prefix --name python3 >/dev/null
	touch $(BIN)/kg

setup: $(BIN)/kg

example: setup  ## build the graph of examples/ into output/examples
	$(BIN)/kg build examples -o output/examples

test: setup  ## the whole test suite (tests needing ../shared skip with a reason when it is absent)
	$(BIN)/python -m pytest

lint: setup
	$(BIN)/ruff check kg tests bench

clean:
	rm -rf $(VENV) output/examples
