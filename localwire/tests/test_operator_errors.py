"""An operator's ordinary mistakes get one line saying what to do and a non-zero exit, never a
traceback (issue 11, item 2, and the same kind of fault elsewhere)."""

import socket

import pytest

from localwire.testing.cli import localwire

pytestmark = pytest.mark.slow


@pytest.fixture
def busy_port():
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        yield taken.getsockname()[1]


def one_line(proc) -> str:
    assert proc.returncode != 0, proc.stdout
    assert "Traceback" not in proc.stderr, proc.stderr
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1, proc.stderr
    return lines[0]


@pytest.mark.parametrize("command", ["serve", "demo"])
def test_a_busy_port_is_one_line(tmp_path, busy_port, command):
    line = one_line(localwire(tmp_path / "home", command, "--port", str(busy_port), timeout=60))
    assert line.startswith(f"localwire {command}: port {busy_port} on 127.0.0.1 is in use (")
    assert not (tmp_path / "home" / "localwire.sqlite3").exists(), "the demo checked the port before its ingest"


def test_manage_help_shows_djangos_help_and_help_on_a_command_still_works(tmp_path):
    listed = localwire(tmp_path, "manage", "--help")
    assert listed.returncode == 0, listed.stderr
    assert "localwire manage help <subcommand>" in listed.stdout and "migrate" in listed.stdout
    one = localwire(tmp_path, "manage", "help", "migrate")
    assert one.returncode == 0 and "usage: localwire manage migrate" in one.stdout


@pytest.mark.parametrize("variables, expected", [
    ({"LOG_LEVEL": "verbose"}, "LOG_LEVEL must be one of"),
    ({"TIME_ZONE": "Mars/Olympus"}, "TIME_ZONE must be a time zone name"),
    ({"DATABASE_URL": "postgres://nobody@127.0.0.1:1/none"}, "cannot use the database"),
    ({"LOCALWIRE_HOME": "/proc/no-such-folder"}, "LOCALWIRE_HOME: cannot make the folder /proc/no-such-folder"),
])
def test_settings_an_operator_got_wrong_are_one_line(tmp_path, variables, expected):
    home = variables.pop("LOCALWIRE_HOME", tmp_path)
    proc = localwire(tmp_path, "feeds", "list", LOCALWIRE_HOME=str(home), **variables)
    assert expected in one_line(proc)


@pytest.mark.parametrize("arguments, expected", [
    (("--port", "70000"), "70000 is not a port number"),
    (("--host", "192.0.2.1", "--port", "0"), "cannot listen on 192.0.2.1 port 0"),  # not this machine's
])
def test_a_bad_address_for_serve_is_one_line(tmp_path, arguments, expected):
    proc = localwire(tmp_path, "serve", *arguments, timeout=60)
    assert proc.returncode != 0 and "Traceback" not in proc.stderr
    assert expected in proc.stderr


def test_manage_createsuperuser_works_on_a_new_home(tmp_path):
    made = localwire(tmp_path / "new", "manage", "createsuperuser", "--noinput", "--username", "admin",
                     "--email", "admin@news.example.org", DJANGO_SUPERUSER_PASSWORD="quiet-harbour-lantern-42")
    assert made.returncode == 0 and "Traceback" not in made.stderr, made.stderr
