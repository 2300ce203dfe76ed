# The two commands a newcomer needs: `make run` and `make test`. Everything else supports them.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test lint format check messages makemessages install serve clean

run: install messages
	$(MANAGE) migrate --no-input
	$(MANAGE) seed_demo
	@echo "Cổng dịch vụ công: http://$(HOST):$(PORT)/  (quản trị: http://$(HOST):$(PORT)/admin/)"
	$(MANAGE) runserver $(HOST):$(PORT)

test: install messages
	$(BIN)/pytest $(PYTEST_ARGS)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

check: install messages
	$(MANAGE) check --fail-level WARNING
	$(MANAGE) makemigrations --check --dry-run

install: $(VENV)/.installed

$(VENV)/.installed: requirements.txt requirements-dev.txt
	@test -n "$(PYTHON)" || { echo "Python 3.11 is required"; exit 1; }
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements-dev.txt
	touch $@

# Compiled catalogues (.mo) are build output: made from the committed .po files, never committed.
PO_FILES := $(shell find locale locale_vendor -name '*.po')
MO_FILES := $(PO_FILES:.po=.mo)

messages: $(MO_FILES)

%.mo: %.po
	msgfmt --check-format -o $@ $<

# Refresh the project's catalogue after changing translatable strings, then translate the new entries.
makemessages: install
	$(MANAGE) makemessages -l vi --ignore=.venv --ignore=locale_vendor --ignore=build --no-obsolete
	$(MANAGE) makemessages -d djangojs -l vi --ignore=.venv --ignore=staticfiles --ignore=build --no-obsolete

clean:
	rm -rf $(VENV) $(MO_FILES) staticfiles .pytest_cache .ruff_cache
