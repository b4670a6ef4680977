# Gõ Cửa — two commands do all the set-up on a fresh Linux machine:
#   make run    create .venv if missing, install, start the program on its embedded SQLite default
#   make test   same set-up plus the system tools the tests use, then the whole suite (Qt offscreen)
# make bench prints the speed figures recorded in the README.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp

# Debian packages: LibreOffice (exports must open, packs round-trip), poppler (PDF -> PNG/text),
# PostgreSQL (the shared-server backend), DejaVu fonts, and the X/EGL libraries Qt needs.
SYSDEPS := libreoffice-calc-nogui poppler-utils postgresql fonts-dejavu-core \
           libegl1 libgl1 libxkbcommon0 libxkbcommon-x11-0 libxcb-cursor0 libfontconfig1 libdbus-1-3

.PHONY: run test bench sysdeps install clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[test]'
	touch $(STAMP)

install: $(STAMP)

run: $(STAMP)
	$(BIN)/python main.py

sysdeps:
	@missing=$$(for p in $(SYSDEPS); do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done); \
	if [ -z "$$missing" ]; then exit 0; fi; \
	if ! command -v apt-get >/dev/null; then echo "install these for the full suite: $$missing"; exit 0; fi; \
	SUDO=; [ "$$(id -u)" = 0 ] || SUDO="sudo -n"; \
	$$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing >/dev/null

test: $(STAMP) sysdeps
	QT_QPA_PLATFORM=offscreen CANVASS_REQUIRE_TOOLS=1 $(BIN)/python -m pytest -q

bench: $(STAMP)
	$(BIN)/python -m bench

clean:
	rm -rf $(VENV) build *.egg-info bench/out
