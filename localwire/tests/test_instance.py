"""One home, one server: a second ``serve`` or ``demo`` on a home in use refuses and changes nothing,
while the other commands keep working beside the server (issue 11, item 1)."""

import signal
import sqlite3
import time

import pytest

from localwire.demo.run import DEMO_MARKER
from localwire.testing.cli import Server, localwire

pytestmark = pytest.mark.slow


def users(home) -> list[str]:
    with sqlite3.connect(home / "localwire.sqlite3") as db:
        return [name for (name,) in db.execute("select username from auth_user")]


def add_reader(home, name: str) -> None:
    made = localwire(home, "manage", "shell", "-c",
                     f"from django.contrib.auth.models import User; User.objects.create_user({name!r})")
    assert made.returncode == 0, made.stderr


def test_a_running_server_keeps_its_home(tmp_path):
    home = tmp_path / "home"
    add_reader(home, "ada")  # a new home: the database is made first
    (home / DEMO_MARKER).write_text("made by a demo")  # the very home a second demo would reset
    with Server(home, "--no-worker") as server:
        second = localwire(home, "serve", "--port", "0", timeout=60)
        assert second.returncode != 0
        assert f"pid {server.proc.pid}" in second.stderr and f":{server.port}/" in second.stderr
        assert "--processes" in second.stderr and "Traceback" not in second.stderr

        demo = localwire(home, "demo", "--port", "0", timeout=60)
        assert demo.returncode != 0 and "in use" in demo.stderr, demo.stderr
        assert f"pid {server.proc.pid}" in demo.stderr
        assert users(home) == ["ada"], "the running instance's data is untouched"

        for command in (("feeds", "list"), ("crawl", "--once", "--quiet")):
            done = localwire(home, *command)
            assert done.returncode == 0, (command, done.stderr)
        add_reader(home, "grace")  # writes go through beside the server
        assert sorted(users(home)) == ["ada", "grace"]

        server.proc.send_signal(signal.SIGKILL)  # no clean-up at all: the kernel drops the lock
        server.proc.wait(timeout=30)
    with Server(home, "--no-worker") as after:
        assert after.proc.poll() is None


def test_forked_copies_share_the_lock_and_a_second_server_is_still_refused(tmp_path):
    home = tmp_path / "home"
    with Server(home, "--no-worker", "--processes", "2") as server:
        time.sleep(1)  # the copy has started serving
        assert server.proc.poll() is None, server.log()
        second = localwire(home, "serve", "--port", "0", timeout=60)
        assert second.returncode != 0 and f"pid {server.proc.pid}" in second.stderr


def test_demo_never_resets_a_folder_it_did_not_make_even_with_force(tmp_path):
    (tmp_path / "precious.txt").write_text("real data")
    refused = localwire(tmp_path, "demo", "--force", "--port", "0", timeout=60)
    assert refused.returncode != 0 and "not from a demo" in refused.stderr
    assert (tmp_path / "precious.txt").read_text() == "real data"
