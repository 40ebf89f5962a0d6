# communique: two commands on a fresh machine.
#   make demo   installs everything (hash-locked) and analyses a bundled example
#   make test   installs everything and runs the test suite
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
PIP    := $(BIN)/python -m pip --disable-pip-version-check -q

.PHONY: install demo test eval bench lock clean

$(VENV)/.installed: requirements.lock pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(PIP) install --require-hashes -r requirements.lock
	$(PIP) install --no-deps --no-build-isolation -e .
	touch $@

install: $(VENV)/.installed

demo: install
	$(BIN)/communique analyze examples/ostravia-rejects.txt \
	  --gazetteer examples/gazetteer.jsonl --issuer "XOS GOV" --date 2024-03-02

test: install
	$(BIN)/python -m pytest -q

eval: install
	$(BIN)/communique eval actors
	$(BIN)/communique eval events
	$(BIN)/communique eval checkworthy
	$(BIN)/communique eval techniques

bench: install
	$(BIN)/python benchmarks/bench_pipeline.py --repeat 2

# Re-resolve and hash-pin every dependency (needs uv: pip install uv).
lock:
	uv pip compile pyproject.toml --extra test --extra train --generate-hashes --universal \
	  --python-version 3.11 -o requirements.lock
	$(PYTHON) scripts/pin_model_wheel.py requirements.lock

clean:
	rm -rf $(VENV) build *.egg-info src/*.egg-info
