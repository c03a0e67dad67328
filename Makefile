# Every target creates .venv when it is missing, so a fresh clone needs only `make demo` or `make test`.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
SEEDS ?= ../shared/corpus/seeds
N ?= 2000

.PHONY: demo test lint bench-speed bench-time bench-quotes bench-events bench-timeline bench-stories clean

$(BIN)/storyline: pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[test]'
	touch $@

demo: $(BIN)/storyline
	@rm -f demo.db
	$(BIN)/storyline ingest $(SEEDS) --db demo.db
	$(BIN)/storyline articles --db demo.db
	@for f in $(SEEDS)/*.txt; do $(BIN)/storyline analyze $$f --format text; done

test: $(BIN)/storyline
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/mypy
	$(BIN)/pytest -q

bench-speed: $(BIN)/storyline
	$(BIN)/python -m benchmarks.speed --n $(N)

bench-time: $(BIN)/storyline
	$(BIN)/python -m benchmarks.time

bench-quotes: $(BIN)/storyline
	$(BIN)/python -m benchmarks.quotes

bench-events: $(BIN)/storyline
	$(BIN)/python -m benchmarks.events

bench-timeline: $(BIN)/storyline
	$(BIN)/python -m benchmarks.timeline

bench-stories: $(BIN)/storyline
	$(BIN)/python -m benchmarks.stories

clean:
	rm -rf $(VENV) demo.db build *.egg-info src/*.egg-info
