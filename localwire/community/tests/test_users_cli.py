"""``localwire users add`` and ``users token``, run through the ``localwire`` entry point: in-process
against the test database, and once as its own process on a fresh home, as an operator runs it."""

from __future__ import annotations

import io
import sqlite3
import subprocess
import sys

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from localwire.cli import main
from localwire.community.models import ApiToken, Profile, hash_token
from localwire.testing.cli import command_env

GOOD_PASSWORD = "correct horse battery staple"


def run(capsys, monkeypatch, *args, stdin: str = "") -> tuple[int, str, str]:
    monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    code = main(list(args))
    out = capsys.readouterr()
    return code, out.out, out.err


@pytest.fixture
def cli(capsys, monkeypatch, db):
    return lambda *args, stdin="": run(capsys, monkeypatch, *args, stdin=stdin)


def user(name: str):
    return get_user_model().objects.get(username=name)


def test_add_a_reader_without_a_password(cli):
    code, out, err = cli("users", "add", "ann", "--email", "ann@example.org")
    assert code == 0 and "localwire users" not in err  # standard error has the log line, no complaint
    assert "ann added as reader" in out
    ann = user("ann")
    assert ann.email == "ann@example.org" and not ann.has_usable_password()
    assert not ann.is_staff and ann.profile.role == Profile.Role.READER


def test_add_with_a_password_from_stdin_can_log_in(cli):
    code, _, _ = cli("users", "add", "bob", "--password-stdin", stdin=GOOD_PASSWORD + "\n")
    assert code == 0
    assert user("bob").check_password(GOOD_PASSWORD)  # the newline that ended the line is not part of it
    assert Client().login(username="bob", password=GOOD_PASSWORD)


@pytest.mark.parametrize("role, staff, profile_role", [
    ("moderator", False, Profile.Role.MODERATOR),
    ("operator", True, Profile.Role.MODERATOR),
])
def test_roles_map_onto_the_profile_and_django_staff(cli, role, staff, profile_role):
    assert cli("users", "add", "cat", "--role", role)[0] == 0
    cat = user("cat")
    assert (cat.is_staff, cat.is_superuser, cat.profile.role) == (staff, staff, profile_role)
    assert cat.profile.is_moderator


@pytest.mark.parametrize("args, stdin, message", [
    (["--role", "admin"], "", "unknown role 'admin'; one of reader, moderator, operator"),
    (["--email", "not-an-address"], "", "Enter a valid email address."),
    (["--password-stdin"], "", "--password-stdin read an empty password"),
    (["--password-stdin"], "\n", "--password-stdin read an empty password"),
    (["--password-stdin"], "short\n", "too short"),
    (["--password-stdin"], "password123\n", "too common"),
])
def test_bad_input_is_refused_in_one_line_and_nothing_is_made(cli, args, stdin, message):
    code, out, err = cli("users", "add", "dan", *args, stdin=stdin)
    assert code != 0 and out == ""
    assert err.startswith("localwire users add: ") and message in err and err.count("\n") == 1
    assert not get_user_model().objects.filter(username="dan").exists()


@pytest.mark.parametrize("name, message", [
    ("ann", "a user called 'ann' already exists"),
    ("ANN", "a user called 'ANN' already exists"),  # the sign-up form refuses a name differing in case too
    ("bad name!", "Enter a valid username"),
    ("x" * 151, "at most 150 characters"),
])
def test_names_taken_or_malformed_are_refused(cli, name, message):
    cli("users", "add", "ann")
    code, _, err = cli("users", "add", name)
    assert code == 1 and message in err and err.count("\n") == 1
    assert get_user_model().objects.count() == 1


def test_an_email_address_already_used_is_refused(cli):
    cli("users", "add", "ann", "--email", "ann@example.org")
    code, _, err = cli("users", "add", "ann2", "--email", "ANN@example.org")
    assert code == 1 and "another account already uses ANN@example.org" in err


def test_token_prints_one_working_token_and_nothing_else(cli):
    cli("users", "add", "ann")
    code, out, err = cli("users", "token", "ann", "--label", "my feed reader")
    assert code == 0 and "localwire users" not in err
    lines = out.split("\n")
    assert len(lines) == 2 and lines[1] == "" and lines[0].startswith("lw_")
    row = ApiToken.objects.get(token_hash=hash_token(lines[0]))
    assert (row.user.username, row.name) == ("ann", "my feed reader")
    response = Client().get("/api/v1/me/follows", HTTP_AUTHORIZATION=f"Bearer {lines[0]}")
    assert response.status_code == 200


def test_each_token_is_new_and_the_label_has_a_default(cli):
    cli("users", "add", "ann")
    first, second = cli("users", "token", "ann")[1], cli("users", "token", "ann")[1]
    assert first != second
    assert list(ApiToken.objects.values_list("name", flat=True)) == ["command line", "command line"]


@pytest.mark.parametrize("args, message", [
    (["nobody"], "no user called 'nobody'"),
    (["ann", "--label", "  "], "the label must be 1 to 80 characters"),
    (["ann", "--label", "x" * 81], "the label must be 1 to 80 characters"),
])
def test_token_refusals(cli, args, message):
    cli("users", "add", "ann")
    code, out, err = cli("users", "token", *args)
    assert (code, out) == (1, "")
    assert err == f"localwire users token: {message}\n"
    assert not ApiToken.objects.exists()


def test_no_token_for_a_deactivated_account(cli):
    cli("users", "add", "ann")
    get_user_model().objects.filter(username="ann").update(is_active=False)
    code, _, err = cli("users", "token", "ann")
    assert code == 1 and "'ann' is deactivated" in err


def localwire(home, *args: str, input: str = "") -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "localwire", *args], env=command_env(home), input=input,
                          capture_output=True, text=True, timeout=120)


@pytest.mark.slow
def test_the_installed_command_on_a_fresh_home(tmp_path):
    home = tmp_path / "home"
    made = localwire(home, "users", "add", "ops", "--role", "operator", "--password-stdin", input=GOOD_PASSWORD)
    assert made.returncode == 0, made.stderr
    token = localwire(home, "users", "token", "ops")
    assert token.returncode == 0 and token.stdout.startswith("lw_") and token.stdout.count("\n") == 1
    again = localwire(home, "users", "add", "ops")
    assert again.returncode == 1 and again.stderr == "localwire users add: a user called 'ops' already exists\n"
    with sqlite3.connect(home / "localwire.sqlite3") as database:
        assert database.execute("select is_staff from auth_user where username='ops'").fetchone() == (1,)
