# dhbrowser: `make run` opens the app on the demo catalog, `make test` runs the whole suite.
# Both bootstrap what they need: Debian/Ubuntu system libraries (make deps) and .venv.

PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed-stamp

# What Qt needs to draw a window (xcb), play video (QtMultimedia: libpulse0) and what the
# tests need (a virtual X server, a Secret Service for the keyring tests, dpkg-deb and
# binutils for the packaging test).
RUN_PACKAGES  := libpulse0 libpipewire-0.3-0 libegl1 libgl1 libfontconfig1 libdbus-1-3 libxkbcommon0 \
                 libxkbcommon-x11-0 libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 \
                 libxcb-randr0 libxcb-render-util0 libxcb-shape0 libxcb-xinerama0 libxcb-xkb1 \
                 fonts-dejavu-core fonts-wqy-microhei
TEST_PACKAGES := xvfb xauth xdotool dbus gnome-keyring binutils dpkg

.PHONY: run test deps deps-run deps-test venv translations update-translations lint pytest package test-package bench clean

run: deps-run venv translations
	$(PY) -m dhbrowser --demo

test: deps venv lint pytest

deps: deps-run deps-test
deps-run:
	@PACKAGES="$(RUN_PACKAGES)" sh packaging/install-system-deps.sh
deps-test:
	@PACKAGES="$(TEST_PACKAGES)" sh packaging/install-system-deps.sh

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
	$(VENV)/bin/ruff check dhbrowser tests benchmarks packaging resources
	$(VENV)/bin/ruff format --check dhbrowser tests benchmarks packaging resources
	$(VENV)/bin/mypy
	$(VENV)/bin/lint-imports

# The whole suite, the packaging test included (it builds, installs and runs the .deb).
# The keyring tests talk to a real Secret Service: a private D-Bus session with an
# unlocked gnome-keyring, torn down when pytest ends.
pytest: venv translations
	DHBROWSER_RUN_PACKAGING=1 dbus-run-session -- sh tests/with-secret-service.sh $(PY) -m pytest $(PYTEST_ARGS)

package: deps venv
	$(PY) packaging/build.py

test-package: deps venv
	DHBROWSER_RUN_PACKAGING=1 $(PY) -m pytest tests/test_packaging.py -p no:cacheprovider $(PYTEST_ARGS)

bench: deps venv
	$(PY) -m benchmarks $(BENCH_ARGS)

clean:
	rm -rf build dist .mypy_cache .ruff_cache .pytest_cache
