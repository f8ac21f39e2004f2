"""Where the browser tests find Chromium and keep their screenshots, and the sizes they look at."""

import os
from pathlib import Path

CHROMIUM = os.environ.get("LOCALWIRE_CHROMIUM", "/usr/bin/chromium")
ARTIFACTS = Path(os.environ.get("LOCALWIRE_ARTIFACTS", "var/artifacts")).resolve()
# Without these, Chromium tries to reach Google's services at start and on a closed network waits.
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}
