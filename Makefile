# riskreg: two commands for a new user, `make demo` and `make test`; everything else is a step of them.
SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

PYTHON ?= python3
TOOLS := $(CURDIR)/.tools
BIN := $(TOOLS)/bin
UV_VERSION := 0.13.8
OPA_VERSION := v1.22.2
CONFTEST_VERSION := v0.71.1
REGAL_VERSION := v0.38.1
HELM_VERSION := v3.22.0
# v5.8.2 is the newest kustomize whose api module (v0.21.2) builds with Go 1.26; v5.8.3 needs Go 1.27.
KUSTOMIZE_VERSION := v5.8.2
UV := $(TOOLS)/uv/bin/uv
VENV := $(CURDIR)/.venv
export UV_PROJECT_ENVIRONMENT := $(VENV)
export UV_PYTHON_DOWNLOADS := never
export RISKREG_OPA := $(BIN)/opa
export RISKREG_HELM := $(BIN)/helm
export RISKREG_KUSTOMIZE := $(BIN)/kustomize
export PATH := $(BIN):$(VENV)/bin:$(PATH)

.PHONY: help install tools system demo bench bench-baseline bench-small bench-smoke real-data compare test lint typecheck rego-test pytest clean

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-10s %s\n", $$1, $$2}'

install: $(VENV)/.synced tools system ## create .venv from uv.lock and install pinned opa, conftest, regal into .tools/

$(UV):
	$(PYTHON) -m venv $(TOOLS)/uv
	$(TOOLS)/uv/bin/pip install --quiet --disable-pip-version-check uv==$(UV_VERSION)

# Bytecode compiled at install (as pip does; uv does not by default): without it, and with
# PYTHONDONTWRITEBYTECODE set, every cold `riskreg check` compiles its imports again (~1.3x the time).
$(VENV)/.synced: $(UV) pyproject.toml uv.lock
	$(UV) sync --frozen --quiet --compile-bytecode
	$(VENV)/bin/python -m compileall -q riskreg >/dev/null
	@touch $@

tools: ## install the pinned Go tools opa, conftest, regal, helm, kustomize (skipped when already there)
	@.ci/install-go-tool opa github.com/open-policy-agent/opa $(OPA_VERSION) $(BIN)
	@.ci/install-go-tool conftest github.com/open-policy-agent/conftest $(CONFTEST_VERSION) $(BIN)
	@.ci/install-go-tool regal github.com/open-policy-agent/regal $(REGAL_VERSION) $(BIN)
	@.ci/install-go-tool helm helm.sh/helm/v3/cmd/helm $(HELM_VERSION) $(BIN)
	@.ci/install-go-tool kustomize sigs.k8s.io/kustomize/kustomize/v5 $(KUSTOMIZE_VERSION) $(BIN)

system: ## Debian packages for PDF reports and browser tests (pango, chromium, poppler), if missing
	@.ci/install-system-packages

DEMO_OUT := reports/demo

demo: install ## install, then check the bundled examples (deployments, a Helm chart, three AI systems and their residual gate) and write HTML/PDF/JSON/Markdown reports and the register as xlsx
	@echo "== riskreg doctor"; $(VENV)/bin/riskreg doctor
	@echo "== the register (three MIT risks, nine mitigations)"; $(VENV)/bin/riskreg risks list
	@echo "== riskreg check examples/deployments (coding-agent and public-chat-api are meant to fail)"
	@code=0; $(VENV)/bin/riskreg check examples/deployments || code=$$?; \
	  if [ $$code -ne 1 ]; then echo "expected exit 1 (violations), got $$code"; exit 1; fi
	@echo "== riskreg check examples/charts/chat-ui (a Helm chart, rendered offline; meant to fail K8S-001 and ISO-004)"
	@code=0; $(VENV)/bin/riskreg check examples/charts/chat-ui || code=$$?; \
	  if [ $$code -ne 1 ]; then echo "expected exit 1 (violations), got $$code"; exit 1; fi
	@echo "== the same chart with values-hardened.yaml (image by digest, gVisor, its RuntimeClass as --context): passes"
	@$(VENV)/bin/riskreg check examples/charts/chat-ui --values examples/charts/chat-ui=examples/charts/chat-ui/values-hardened.yaml --context examples/charts/cluster
	@echo "== riskreg check examples/mcp (an MCP configuration, .vscode/mcp.json: meant to fail)"
	@code=0; $(VENV)/bin/riskreg check examples/mcp || code=$$?; \
	  if [ $$code -ne 1 ]; then echo "expected exit 1 (violations), got $$code"; exit 1; fi
	@echo "== the three example deployments are three AI systems (risks/systems/)"
	@$(VENV)/bin/riskreg systems list
	@echo "== coverage per AI system: each system's risks before and after the measures its own targets verify"
	@$(VENV)/bin/riskreg coverage examples/deployments
	@echo "== the residual gate: coding-agent above appetite, public-chat-api accepted, browsing-agent clean (exit 1 on purpose)"
	@mkdir -p $(DEMO_OUT); code=0; \
	  $(VENV)/bin/riskreg check examples/deployments --gate residual > $(DEMO_OUT)/residual-gate.txt || code=$$?; \
	  sed -n '/^residual risk/,/^  within/p' $(DEMO_OUT)/residual-gate.txt; \
	  if [ $$code -ne 1 ]; then echo "expected exit 1 (residual above appetite), got $$code"; exit 1; fi
	@echo "== the same gate on browsing-agent alone: within appetite"
	@$(VENV)/bin/riskreg check examples/deployments/browsing-agent --gate residual > /dev/null
	@$(VENV)/bin/riskreg report examples/deployments -f html -f pdf -f json -f md --output-dir $(DEMO_OUT)
	@$(VENV)/bin/riskreg register export -o $(DEMO_OUT)/register.xlsx examples/deployments
	@echo "reports written to $(DEMO_OUT)/: riskreg-report.html, .pdf, .json, .md and the register as register.xlsx"

# The commit `make bench` times side by side with this checkout: the parent of the sound-controls
# work (issue 11's budget is "at most 10 % slower than the parent, measured in the same run").
BASELINE ?= b7da7d7

bench: install ## benchmark riskreg check against conftest, opa eval, the parse floor and the BASELINE commit (writes benchmarks/results/)
	$(VENV)/bin/python benchmarks/run.py
	$(VENV)/bin/python benchmarks/baseline.py $(BASELINE) 1000 5
	$(VENV)/bin/python benchmarks/bench_coverage.py
	$(VENV)/bin/python benchmarks/bench_register.py

CHECKOV_VERSION := 3.3.30
CHECKOV := $(TOOLS)/checkov/bin/checkov

$(CHECKOV):
	$(PYTHON) -m venv $(TOOLS)/checkov
	$(TOOLS)/checkov/bin/pip install --quiet --disable-pip-version-check checkov==$(CHECKOV_VERSION)

compare: install $(CHECKOV) ## riskreg vs the pinned Checkov on the adversarial corpus and real manifests (writes benchmarks/results/compare.md)
	$(VENV)/bin/python benchmarks/compare.py

bench-baseline: install ## only the side-by-side run against BASELINE at 1,000 targets (writes benchmarks/results/baseline.md)
	$(VENV)/bin/python benchmarks/baseline.py $(BASELINE) 1000 5

bench-small: install ## the small case: 1, 3 and 30 targets, riskreg cold and warm vs conftest vs opa eval, paired (writes benchmarks/results/small.md)
	$(VENV)/bin/python benchmarks/small.py

bench-smoke: install ## the benchmark at a tiny size, so it cannot rot (part of make test)
	BENCH_SMOKE=1 $(VENV)/bin/python benchmarks/run.py > /dev/null

real-data: install ## riskreg on ../shared/data/ai-k8s and helm-charts, with the reviewer's verdicts (writes benchmarks/results/real-ai-k8s.md)
	$(VENV)/bin/python benchmarks/real_data.py

lint: install ## ruff, import-linter, Rego formatting and lint
	$(VENV)/bin/ruff check riskreg tests benchmarks
	$(VENV)/bin/ruff format --check riskreg tests benchmarks
	$(VENV)/bin/lint-imports
	$(BIN)/opa fmt --list --fail policies || { echo "run: .tools/bin/opa fmt -w policies"; exit 1; }
	$(BIN)/opa check --strict policies
	$(BIN)/regal lint --config-file .regal/config.yaml policies

rego-test: install ## opa test on every control, failing under 90 % coverage
	$(BIN)/opa test policies --fail-on-empty --threshold 90 --ignore samples

typecheck: install ## mypy --strict on riskreg/
	$(VENV)/bin/mypy

pytest: install
	$(VENV)/bin/pytest -q

test: install lint typecheck rego-test pytest bench-smoke ## install, then lint, type check and every test

clean: ## remove the virtualenv, tools and caches
	rm -rf $(VENV) $(TOOLS) .mypy_cache .pytest_cache .ruff_cache
