"""Install pip into a virtualenv made with --without-pip, using only the standard library.

Debian and Ubuntu split ensurepip into the python3-venv package; a new user
without it (and without root) can still get going: fetch pip's wheel from PyPI
and run pip from the wheel itself to install it.
"""

import json
import subprocess
import sys
import tempfile
import urllib.request
from pathlib import Path

INDEX = "https://pypi.org/pypi/pip/json"


def main() -> int:
    with urllib.request.urlopen(INDEX, timeout=60) as response:
        release = json.load(response)
    wheel = next(u for u in release["urls"] if u["filename"].endswith("-py3-none-any.whl"))
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / wheel["filename"]
        with urllib.request.urlopen(wheel["url"], timeout=120) as response:
            path.write_bytes(response.read())
        return subprocess.call([sys.executable, f"{path}/pip", "install", "--quiet", str(path)])


if __name__ == "__main__":
    sys.exit(main())
