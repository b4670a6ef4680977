# Gõ Cửa — two commands do all the set-up on a fresh Linux machine:
#   make run    create .venv if missing, install, start the program on its embedded SQLite default
#   make test   same set-up plus the system tools the tests use, then the whole suite (Qt offscreen)
# make bench prints the speed figures recorded in the README.
# make soak runs the kill and concurrency tests long (SOAK_KILLS kills per test, default 100) and prints their
# outcomes, then the property-based tests with HYPOTHESIS_PROFILE=soak where the tests register that profile.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp

# Debian packages. RUNDEPS: what Qt's xcb window needs on a desktop (a fresh Debian/Ubuntu lacks some).
# TESTDEPS: LibreOffice (exports must open, packs round-trip), poppler (PDF -> PNG/text), PostgreSQL
# (the shared-server backend), fonts.
RUNDEPS  := libegl1 libgl1 libfontconfig1 libdbus-1-3 libxkbcommon0 libxkbcommon-x11-0 libxcb-cursor0 \
            libxcb-icccm4 libxcb-keysyms1 libxcb-image0 libxcb-render-util0 libxcb-shape0 libxcb-randr0 \
            libxcb-xinerama0 libxcb-xkb1
TESTDEPS := libreoffice-calc-nogui poppler-utils postgresql fonts-dejavu-core

.PHONY: run test bench soak sysdeps rundeps install clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[test]'
	touch $(STAMP)

install: $(STAMP)

run: $(STAMP) rundeps
	$(BIN)/python main.py

# apt-get install what is missing (as root, or with sudo -n); without apt-get just say what to install.
define apt_install
	@missing=$$(for p in $(1); do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done); \
	if [ -z "$$missing" ]; then exit 0; fi; \
	if ! command -v apt-get >/dev/null; then echo "please install: $$missing"; exit 0; fi; \
	SUDO=; [ "$$(id -u)" = 0 ] || SUDO="sudo -n"; \
	$$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing >/dev/null \
	  || echo "could not install: $$missing"
endef

rundeps:
	$(call apt_install,$(RUNDEPS))

sysdeps: rundeps
	$(call apt_install,$(TESTDEPS))

test: $(STAMP) sysdeps
	QT_QPA_PLATFORM=offscreen CANVASS_REQUIRE_TOOLS=1 $(BIN)/python -m pytest -q

bench: $(STAMP)
	$(BIN)/python -m bench

SOAK_KILLS ?= 100

soak: $(STAMP)
	QT_QPA_PLATFORM=offscreen CANVASS_KILLS=$(SOAK_KILLS) $(BIN)/python -m pytest -q -s -p no:cacheprovider \
	  tests/core/test_kills.py tests/core/test_concurrency.py
	@props=$$(grep -rlE '^(from|import) hypothesis' tests 2>/dev/null); \
	if [ -n "$$props" ] && grep -rqsE 'register_profile\(.soak' tests; then \
	  echo "property tests with HYPOTHESIS_PROFILE=soak: $$props"; \
	  HYPOTHESIS_PROFILE=soak QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -q -p no:cacheprovider \
	    --hypothesis-show-statistics $$props; \
	else echo "no hypothesis 'soak' profile registered in tests/: property tests skipped"; fi

clean:
	rm -rf $(VENV) build *.egg-info bench/out
