# The only entry points. Each target sets up .venv first if it is missing or stale.
#   make lab         JupyterLab on the notebooks (localhost, token on)
#   make test        every test: ruff; then scripts/numeric_environments.py runs pytest in
#                    several numerical environments: this machine as it is (module tests, nbval
#                    over all notebooks, browser, quick benchmarks), three imitating other CPUs
#                    and thread counts (the notebooks), and the oldest allowed versions
#                    (.venv-oldest: module tests and notebooks)
#   make notebooks   re-execute every notebook in place, so the committed outputs are fresh
#   make demo        the explorers as code-free apps (Voila), for the classroom: a start page,
#                    or one app with APP=graph or APP=playground
#   make bench       the full benchmarks: benchmarks/results.md and benchmarks/results.png
#   make exercises   regenerate the student edition, notebooks/exercises/, from the teaching notebooks
#   make mutation    mutation testing of the math modules (slow): tests/mutation/results.md

PYTHON ?= python3
VENV   ?= .venv
PY      = $(VENV)/bin/python
STAMP   = $(VENV)/.installed
# The oldest versions pyproject.toml allows, on the oldest Python it allows.
OLDEST_PYTHON ?= python3.11
OLDEST        ?= .venv-oldest
OLDEST_STAMP   = $(OLDEST)/.installed
# Jupyter settings the project ships, copied into each venv's own prefix (never into your home):
# kernels over Unix sockets instead of TCP, and no "Jupyter news?" question in JupyterLab.
JUPYTER_ENV = $(shell find jupyter-env -type f)
# Jupyter refuses to start as root unless told; the token stays on and we bind to localhost.
ROOT_FLAG = $(if $(filter 0,$(shell id -u)),--allow-root,)
JUPYTER_FLAGS = --ServerApp.ip=127.0.0.1 $(ROOT_FLAG)

.PHONY: lab test notebooks demo bench exercises setup setup-oldest clean

setup: $(STAMP)

setup-oldest: $(OLDEST_STAMP)

$(STAMP): pyproject.toml $(JUPYTER_ENV)
	@$(PYTHON) -c 'import sys; assert sys.version_info >= (3, 11), "Python 3.11 or newer is needed, found " + sys.version.split()[0]'
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet --editable ".[notebooks,scale,test]"
	cp -R jupyter-env/. $(VENV)/
	touch $(STAMP)

$(OLDEST_STAMP): pyproject.toml constraints-oldest.txt $(JUPYTER_ENV)
	@command -v $(OLDEST_PYTHON) >/dev/null || { echo "make test needs $(OLDEST_PYTHON) for the oldest-versions run (set OLDEST_PYTHON=... to another Python 3.11)" >&2; exit 1; }
	@$(OLDEST_PYTHON) -c 'import sys; assert sys.version_info[:2] == (3, 11), "OLDEST_PYTHON must be Python 3.11, the oldest allowed; found " + sys.version.split()[0]'
	test -x $(OLDEST)/bin/python || $(OLDEST_PYTHON) -m venv $(OLDEST)
	$(OLDEST)/bin/python -m pip install --quiet --upgrade pip
	$(OLDEST)/bin/python -m pip install --quiet --constraint constraints-oldest.txt --editable ".[notebooks,scale,test]"
	cp -R jupyter-env/. $(OLDEST)/
	touch $(OLDEST_STAMP)

lab: $(STAMP)
	$(VENV)/bin/jupyter lab $(JUPYTER_FLAGS) --ServerApp.root_dir=notebooks

test: $(STAMP) $(OLDEST_STAMP)
	scripts/ensure-chromium
	$(PY) -m ruff check .
	$(PY) scripts/numeric_environments.py --oldest $(OLDEST)/bin/python

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

# mutmut copies the package into mutants/ and, for each mutant, runs the tests that call the
# changed function ([tool.mutmut] in pyproject.toml); then the score of each module is recorded.
.PHONY: mutation
mutation: $(STAMP)
	rm -rf mutants && mkdir mutants
	start=$$(date +%s); HYPOTHESIS_PROFILE=mutation $(VENV)/bin/mutmut run --max-children 2 > mutants/run.log 2>&1 \
	    || { tail -c 3000 mutants/run.log; exit 1; }; \
	$(PY) tests/mutation/report.py --seconds $$(( $$(date +%s) - start ))

clean:
	rm -rf $(VENV) $(OLDEST) .pytest_cache .ruff_cache .hypothesis
