# Two commands do everything, from a clean clone (Python >= 3.10 with pip and venv):
#   make demo   - memory across two sessions on the embedded store (no API key, no server)
#   make test   - the whole test suite (core, integrations, notebooks)
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
INTEGRATIONS := $(sort $(wildcard integrations/*/pyproject.toml))

.PHONY: install demo test test-llm bench-locomo bench-scale bench-extraction bench-serve lint typecheck typecheck-core \
	typecheck-integrations clean

$(STAMP): pyproject.toml $(INTEGRATIONS)
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev,tokenizer,server]" $(foreach p,$(INTEGRATIONS),-e $(dir $(p)))
	touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)
	$(BIN)/agent-memory demo

# Typing first: a type error fails CI (.ci/run calls `make test`) before the suite runs.
test: typecheck
	$(BIN)/python -m pytest tests integrations -q

# Optional, not part of `make test`: the LLM path against a real local model server
# (SmolLM2-135M on llama-cpp-python, set up outside the project by scripts/llm_server.sh;
# the first run builds llama.cpp, ~15 min on 2 cores)
test-llm: $(STAMP)
	scripts/llm_server.sh env AGENT_MEMORY_LLM_TESTS=1 $(BIN)/python -m pytest tests/test_llm_real.py -m llm -q

bench-locomo: $(STAMP)
	$(BIN)/python benchmarks/locomo.py

bench-scale: $(STAMP)
	$(BIN)/python benchmarks/scale.py

bench-extraction: $(STAMP)
	$(BIN)/python benchmarks/extraction.py

bench-serve: $(STAMP)
	$(BIN)/python benchmarks/serve.py

lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks integrations
	$(MAKE) --no-print-directory typecheck

# mypy --strict with the pydantic plugin (configured in pyproject.toml), clean on the core and on the
# integrations' src; part of `make lint` and of `make test` (so CI checks it). Two targets, so that
# `make -k typecheck` reports both halves even when one fails.
typecheck: typecheck-core typecheck-integrations

typecheck-core: $(STAMP)
	$(BIN)/mypy src/agent_memory

# The integrations live in namespace packages (langgraph.store.*, llama_index.memory.*), which mypy cannot take
# as folders: each package that ships a py.typed is checked by module name, from the working tree (MYPYPATH).
TYPED_INTEGRATIONS := $(shell find integrations/*/src -name py.typed | sed -E 's|^integrations/[^/]+/src/||; s|/py.typed$$||; s|/|.|g')
INTEGRATION_SRCS := $(shell ls -d integrations/*/src | paste -sd:)

typecheck-integrations: $(STAMP)
	MYPYPATH=$(INTEGRATION_SRCS) $(BIN)/mypy $(addprefix -p ,$(TYPED_INTEGRATIONS))

clean:
	rm -rf $(VENV)
