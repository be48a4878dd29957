# The only entry points. Each target sets up .venv first if it is missing or stale.
#   make lab         JupyterLab on the notebooks (localhost, token on)
#   make test        every test: module, nbval over all notebooks, browser, quick benchmarks, ruff
#   make notebooks   re-execute every notebook in place, so the committed outputs are fresh
#   make demo        the explorers as code-free apps (Voila), for the classroom: a start page,
#                    or one app with APP=graph or APP=playground
#   make bench       the full benchmarks: benchmarks/results.md and benchmarks/results.png
#   make exercises   regenerate the student edition, notebooks/exercises/, from the teaching notebooks

PYTHON ?= python3
VENV   ?= .venv
PY      = $(VENV)/bin/python
STAMP   = $(VENV)/.installed
# Jupyter refuses to start as root unless told; the token stays on and we bind to localhost.
ROOT_FLAG = $(if $(filter 0,$(shell id -u)),--allow-root,)
JUPYTER_FLAGS = --ServerApp.ip=127.0.0.1 $(ROOT_FLAG)

.PHONY: lab test notebooks demo bench exercises setup clean

setup: $(STAMP)

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; assert sys.version_info >= (3, 11), "Python 3.11 or newer is needed, found " + sys.version.split()[0]'
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet --editable ".[notebooks,test]"
	touch $(STAMP)

lab: $(STAMP)
	$(VENV)/bin/jupyter lab $(JUPYTER_FLAGS) --ServerApp.root_dir=notebooks

test: $(STAMP)
	scripts/ensure-chromium
	$(PY) -m ruff check .
	$(PY) -m pytest

notebooks: $(STAMP)
	$(VENV)/bin/jupyter nbconvert --to notebook --execute --inplace \
	    --ExecutePreprocessor.timeout=600 --ExecutePreprocessor.record_timing=False notebooks/*.ipynb

APP ?=
DEMO_ARGS ?=
demo: $(STAMP)
	$(PY) scripts/demo.py $(APP) $(DEMO_ARGS)

bench: $(STAMP)
	$(PY) -m benchmarks

exercises: $(STAMP)
	$(PY) scripts/make_exercises.py

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .hypothesis
