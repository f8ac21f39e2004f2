"""Drive the contributor flow end to end through the API of a running Localwire (e.g. `localwire demo`).

    LOCALWIRE_HOME=<the demo's home> .venv/bin/python scripts/contributor_flow.py [--base http://127.0.0.1:8000]

Adds a writer and a moderator with `localwire users add` and gives each a token (`users token`),
then: the writer applies as a contributor, writes a post, uploads an image, submits it; the
moderator finds it in the queue and publishes it; the post's title is then looked for on `/`.
Every step prints one line; the first that fails stops the run with exit status 1.
Run it with the same LOCALWIRE_HOME (and DATABASE_URL, if any) as the running site.
"""

from __future__ import annotations

import argparse
import html
import io
import json
import subprocess
import sys
import time
import urllib.error
import urllib.request
import uuid
from pathlib import Path

from PIL import Image

LOCALWIRE = [sys.executable, "-m", "localwire"]
ROOT = Path(__file__).resolve().parent.parent


class Failed(Exception):
    """A step went wrong; the message says which and what the site answered."""


def localwire(*args: str) -> str:
    done = subprocess.run([*LOCALWIRE, *args], capture_output=True, text=True, cwd=ROOT)
    if done.returncode:
        raise Failed(f"localwire {' '.join(args)}: {done.stderr.strip()}")
    return done.stdout


def account(name: str, role: str) -> str:
    """A new account and a token for it: the token is the last line `users token` prints."""
    localwire("users", "add", name, "--email", f"{name}@example.org", "--role", role)
    return localwire("users", "token", name, "--label", "contributor flow").strip().splitlines()[-1]


def call(base: str, method: str, path: str, token: str, body=None, *, expect: int = 200,
         files: tuple[bytes, dict] | None = None):
    data, headers = None, {"Authorization": f"Bearer {token}"}
    if files is not None:
        data, headers["Content-Type"] = _multipart(*files)
    elif body is not None:
        data, headers["Content-Type"] = json.dumps(body).encode(), "application/json"
    request = urllib.request.Request(base + path, data=data, method=method, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=120) as response:
            status, text = response.status, response.read().decode()
    except urllib.error.HTTPError as exc:
        status, text = exc.code, exc.read().decode()
    if status != expect:
        raise Failed(f"{method} {path}: {status} (expected {expect}): {text[:500]}")
    return json.loads(text) if text else None


def _multipart(file: bytes, fields: dict) -> tuple[bytes, str]:
    boundary = uuid.uuid4().hex
    parts = [f'--{boundary}\r\nContent-Disposition: form-data; name="{k}"\r\n\r\n{v}\r\n'.encode()
             for k, v in fields.items()]
    parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="photo.jpg"\r\n'
                 "Content-Type: image/jpeg\r\n\r\n".encode() + file + b"\r\n")
    return b"".join(parts) + f"--{boundary}--\r\n".encode(), f"multipart/form-data; boundary={boundary}"


def photo() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (640, 400), (40, 110, 160)).save(out, "JPEG")
    return out.getvalue()


def flow(base: str) -> str:
    tag = f"{int(time.time())}"
    writer, moderator = account(f"writer{tag}", "reader"), account(f"moderator{tag}", "moderator")
    print("accounts: a writer and a moderator, each with a token")
    me = call(base, "POST", "/api/v1/me/contributor", writer, {
        "name": f"Flow Writer {tag}", "bio": "I report on the river towns.",
        "home_city": "Little Rock, Arkansas"}, expect=201)
    print(f"applied: {me['slug']} ({me['label']})")
    title = f"Volunteers clear the riverbank trail ({tag})"
    post = call(base, "POST", "/api/v1/me/posts", writer, {
        "title": title, "place": "Little Rock, Arkansas",
        "body": "Forty volunteers spent Saturday morning clearing fallen branches from the riverbank "
                "trail, the parks department said. The trail reopens to walkers on Monday."}, expect=201)
    print(f"draft: post {post['id']}")
    image = call(base, "POST", f"/api/v1/me/posts/{post['id']}/images", writer, expect=201,
                 files=(photo(), {"caption": "Volunteers at the trailhead.", "credit": "Photo: Flow Writer"}))
    print(f"image: {image['url']} {image['width']}x{image['height']}")
    submitted = call(base, "POST", f"/api/v1/me/posts/{post['id']}/submit", writer)
    print(f"submitted: {submitted['status']} {submitted['reasons']}")
    queue = call(base, "GET", f"/api/v1/moderation/posts?status={submitted['status']}", moderator)
    if post["id"] not in [p["id"] for p in queue]:
        raise Failed("the submitted post is not in the moderators' queue")
    decided = call(base, "POST", f"/api/v1/moderation/posts/{post['id']}/decision", moderator,
                   {"decision": "publish", "reason": "Sourced and clear."})
    article_url = call(base, "GET", f"/api/v1/me/posts/{post['id']}", writer)["article_url"]
    print(f"published: {decided['status']}, article at {article_url}")
    return title


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", default="http://127.0.0.1:8000", help="the running site")
    base = parser.parse_args().base.rstrip("/")
    try:
        title = flow(base)
        with urllib.request.urlopen(base + "/", timeout=60) as response:
            home = response.read().decode()
        if html.escape(title) not in home and title not in home:
            raise Failed("the published post's title is not on the home page")
        print("home: the post is on /")
    except Failed as exc:
        print(f"contributor flow failed: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
