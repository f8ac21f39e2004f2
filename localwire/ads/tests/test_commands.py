"""``localwire ads credit|adjust|ledger|check``: in-process against the test database, and once as
its own process on a fresh home, as an operator runs it."""

from __future__ import annotations

import subprocess
import sys
from decimal import Decimal

import pytest

from localwire.ads import budget, ledger, versions
from localwire.ads.models import Advertiser, LedgerEntry
from localwire.cli import main
from localwire.testing.cli import command_env
from localwire.testing.factories import AdvertiserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def cli(capsys):
    def run(*args: str) -> tuple[int, str, str]:
        code = main(["ads", *args])
        out = capsys.readouterr()
        return code, out.out, out.err
    return run


@pytest.fixture
def bakery():
    advertiser = AdvertiserFactory(name="Corner Bakery")
    ledger.credit(advertiser.pk, Decimal("100.00"))
    return advertiser


def test_credit_adds_to_the_balance_and_says_so(cli, bakery):
    before = versions.campaigns_version()
    budget._refused_until[999] = float("inf")
    code, out, err = cli("credit", str(bakery.pk), "25", "--note", "invoice 12")
    assert (code, err) == (0, "")
    assert out == f"ads credit: 25.00 USD added to Corner Bakery (#{bakery.pk}); balance 125.00 USD\n"
    entry = LedgerEntry.objects.filter(advertiser=bakery).order_by("-id").first()
    assert (entry.kind, entry.amount, entry.note) == ("credit", Decimal("25.00"), "invoice 12")
    assert versions.campaigns_version() != before  # delivering processes look again at once
    assert budget._refused_until == {}


@pytest.mark.parametrize("advertiser, amount, message", [
    ("999", "25.00", "no advertiser #999"),
    (None, "12.345", "at most two decimals"),
    (None, "lots", "must be a number"),
    (None, "-5", "must be more than zero"),
])
def test_credit_refuses_with_one_line_and_exit_1(cli, bakery, advertiser, amount, message):
    code, out, err = cli("credit", advertiser or str(bakery.pk), amount)
    assert code == 1 and out == ""
    assert err.count("\n") == 1 and err.startswith("localwire ads credit: ") and message in err
    assert Advertiser.objects.get(pk=bakery.pk).balance == Decimal("100.00")


def test_usage_errors_exit_2(cli, bakery):
    with pytest.raises(SystemExit) as stopped:
        cli("credit", "bakery", "5.00")
    assert stopped.value.code == 2
    with pytest.raises(SystemExit) as stopped:
        cli("adjust", str(bakery.pk), "5.00")  # no --note
    assert stopped.value.code == 2


def test_adjust_either_way_but_never_into_held_money(cli, bakery):
    assert cli("adjust", str(bakery.pk), "-10.00", "--note", "refund")[:2] == (
        0, f"ads adjust: -10.00 USD adjusted for Corner Bakery (#{bakery.pk}); balance 90.00 USD\n")
    assert cli("adjust", str(bakery.pk), "2.50", "--note", "goodwill")[0] == 0
    Advertiser.objects.filter(pk=bakery.pk).update(held=Decimal("90.00"))
    code, _, err = cli("adjust", str(bakery.pk), "-3.00", "--note", "too much")
    assert code == 1 and "cannot cover" in err
    assert Advertiser.objects.get(pk=bakery.pk).balance == Decimal("92.50")


def test_ledger_prints_every_entry_newest_first(cli, bakery):
    ledger.adjust(bakery.pk, Decimal("-4.00"), note="a duplicate payment")
    code, out, _ = cli("ledger", str(bakery.pk))
    lines = out.splitlines()
    assert code == 0 and lines[0].startswith("Corner Bakery") and "balance 96.00 USD" in lines[0]
    assert "adjustment" in lines[2] and "-4.00" in lines[2] and "a duplicate payment" in lines[2]
    assert "credit" in lines[3] and "100.00" in lines[3]
    assert cli("ledger", "999")[0] == 1


def test_check_passes_on_good_books_and_fails_on_bad(cli, bakery):
    code, out, _ = cli("check")
    assert code == 0 and "agree" in out
    Advertiser.objects.filter(pk=bakery.pk).update(held=Decimal("1.00"))  # held with no lease behind it
    code, out, err = cli("check")
    assert code == 1 and "held 1.000000" in out and "1 discrepancies" in err


def test_credit_as_its_own_process(tmp_path):
    home = tmp_path / "home"

    def localwire(*args):
        return subprocess.run([sys.executable, "-m", "localwire", *args], env=command_env(home),
                              capture_output=True, text=True, timeout=120)

    made = localwire("manage", "shell", "-c",
                     "from django.contrib.auth import get_user_model as g; from localwire.ads.models import Advertiser;"
                     "print(Advertiser.objects.create(owner=g().objects.create_user('b'), name='Corner Bakery',"
                     " website='https://bakery.example/').pk)")
    assert made.returncode == 0, made.stderr
    pk = made.stdout.strip().splitlines()[-1]
    done = localwire("ads", "credit", pk, "25.00")
    assert done.returncode == 0, done.stderr
    assert done.stdout == f"ads credit: 25.00 USD added to Corner Bakery (#{pk}); balance 25.00 USD\n"
    assert localwire("ads", "check").returncode == 0
    assert localwire("ads", "credit", "999", "1.00").returncode == 1
