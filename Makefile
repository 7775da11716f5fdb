# dhbrowser: `make run` opens the app on the demo catalog, `make test` runs the whole suite.
# Both bootstrap what they need: Debian/Ubuntu system libraries (make deps) and .venv.

PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed-stamp

# The system packages come from packaging/system_deps.py, which reads what the PySide6 in
# .venv links to (so the venv comes first: pip needs no system library) and maps it to
# Debian packages with the same table the .deb's Depends uses. "run": Qt's libraries, VA-API
# and PipeWire if the system has them, fonts. "test": Xvfb, a Secret Service, binutils and
# dpkg, and the libpython PyInstaller needs. "fresh": mmdebstrap. As root it runs apt-get;
# otherwise it prints the exact `sudo apt-get install ...` line and fails.
SYSTEM_DEPS := $(PY) packaging/system_deps.py

.PHONY: run test deps deps-run deps-test venv translations update-translations lint pytest package test-package wheel test-fresh bench clean

run: venv deps-run translations
	$(PY) -m dhbrowser --demo

test: venv deps lint pytest

deps: venv
	@$(SYSTEM_DEPS) run test
deps-run: venv
	@$(SYSTEM_DEPS) run
deps-test: venv
	@$(SYSTEM_DEPS) test

venv: $(STAMP)
$(STAMP): pyproject.toml
	@test -x $(PY) || $(PYTHON) -c 'import sys; assert sys.version_info >= (3, 11), "dhbrowser needs Python 3.11 or newer"'
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev,package]'
	@touch $@

# The .qm (Qt) and .mo (gettext) catalogues, compiled from resources/translations/*.ts and *.po.
translations: venv
	$(PY) packaging/translations.py build

# After changing user-visible strings: new ones arrive in the .ts/.po files, unfinished.
update-translations: venv
	$(PY) packaging/translations.py update

lint: venv
	$(VENV)/bin/ruff check dhbrowser tests benchmarks packaging tools
	$(VENV)/bin/ruff format --check dhbrowser tests benchmarks packaging tools
	$(VENV)/bin/mypy
	$(VENV)/bin/lint-imports

# The whole suite, the packaging test included (it builds, installs and runs the .deb).
# The keyring tests talk to a real Secret Service: a private D-Bus session with an
# unlocked gnome-keyring, torn down when pytest ends.
pytest: venv translations
	DHBROWSER_RUN_PACKAGING=1 dbus-run-session -- sh tests/with-secret-service.sh $(PY) -m pytest $(PYTEST_ARGS)

package: venv deps
	$(PY) packaging/build.py

test-package: venv deps
	DHBROWSER_RUN_PACKAGING=1 $(PY) -m pytest tests/test_packaging.py -p no:cacheprovider $(PYTEST_ARGS)

# A wheel for any OS (the demo catalog, icons and compiled translations inside): dist/dhbrowser-<version>-py3-none-any.whl
wheel: venv translations
	$(PY) -m pip wheel --quiet --no-deps --wheel-dir dist .

# A newcomer, rehearsed: brand-new Debian 12 and 13 roots run `make run` and `make test`
# from a clone of this repository's HEAD (root only; see tools/test-fresh.sh).
test-fresh: venv
	@$(SYSTEM_DEPS) fresh
	tools/test-fresh.sh $(FRESH_ARGS)

bench: deps venv
	$(PY) -m benchmarks $(BENCH_ARGS)

clean:
	rm -rf build dist .mypy_cache .ruff_cache .pytest_cache
