#!/bin/sh
# Create the virtualenv, even where Debian/Ubuntu ship Python without ensurepip
# (the python3-venv package missing): then pip is bootstrapped from PyPI.
set -eu
PYTHON=${PYTHON:-python3}
VENV=${VENV:-.venv}

if [ -x "$VENV/bin/python" ] && "$VENV/bin/python" -m pip --version >/dev/null 2>&1; then
    exit 0
fi
"$PYTHON" -c 'import sys; sys.exit(sys.version_info < (3, 11))' || {
    echo "Localwire needs Python 3.11 or newer; $PYTHON is $("$PYTHON" -V 2>&1)." >&2
    exit 1
}
if ! "$PYTHON" -m venv "$VENV" 2>/dev/null; then
    echo "python3 -m venv could not install pip here; bootstrapping pip from PyPI." >&2
    rm -rf "$VENV"
    "$PYTHON" -m venv --without-pip "$VENV"
    "$VENV/bin/python" scripts/bootstrap_pip.py
fi
"$VENV/bin/python" -m pip install --quiet --disable-pip-version-check --upgrade pip
