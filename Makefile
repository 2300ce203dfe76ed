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

test: install messages node_modules/.installed
	$(BIN)/pytest $(PYTEST_ARGS)

# lint-imports checks the import contracts of pyproject.toml (which room may import which; README, Layout).
lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

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

# axe-core for the accessibility checks of tests/e2e; without npm those checks are skipped (not in CI).
node_modules/.installed: package.json package-lock.json
	@if command -v npm >/dev/null; then npm ci --silent --no-audit --no-fund && touch $@; \
	else echo "npm not found: the accessibility checks will be skipped"; fi

# Each app keeps its own catalogue (<app>/locale), so work on different apps never edits one file (a
# room inside an app, such as flows/feedback, is left out of the app's catalogue);
# locale/ holds the strings of templates/ and portal/; portal/vendor_locale and locale_vendor/ (its
# JavaScript strings) give Vietnamese to third-party apps.
# Compiled catalogues (.mo) are build output, made from the committed .po files, never committed.
APPS := home services_catalog flows flows/feedback flows/payments flows/documents search portal/accounts portal/notifications
PO_FILES := $(shell find locale locale_vendor portal/vendor_locale $(APPS) -path '*/LC_MESSAGES/*.po' 2>/dev/null)
MO_FILES := $(PO_FILES:.po=.mo)

messages: $(MO_FILES)

%.mo: %.po
	msgfmt --check-format -o $@ $<

# Refresh the catalogues after changing translatable strings, then translate the new entries.
makemessages: install
	for app in $(APPS); do \
		[ -d $$app ] || continue; mkdir -p $$app/locale; \
		rooms=""; for other in $(APPS); do case $$other in $$app/*) rooms="$$rooms --ignore=$${other#$$app/}";; esac; done; \
		(cd $$app && $(CURDIR)/$(BIN)/django-admin makemessages -l vi --no-obsolete --ignore=tests $$rooms); \
	done
	$(MANAGE) makemessages -l vi --no-obsolete --ignore=.venv --ignore=build --ignore=tests --ignore=bench \
		--ignore=node_modules --ignore=locale_vendor --ignore=portal/vendor_locale \
		$(foreach app,$(APPS),--ignore=$(app))

clean:
	rm -rf $(VENV) $(MO_FILES) node_modules staticfiles build .pytest_cache .ruff_cache
