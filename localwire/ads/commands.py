"""``localwire ads …``: an advertiser's prepaid money from the command line, for the operator.

``ads credit ID AMOUNT`` adds money an advertiser paid; ``ads adjust ID AMOUNT --note WHY`` corrects
a balance either way (never taking money that leases or counted spend hold); ``ads ledger ID`` prints
the advertiser's ledger; ``ads check`` tests every advertiser's books (``settle.check_books``).
Exit codes as for ``users``: 0 done; 1 refused (an unknown advertiser, a bad amount, a posting the
balance cannot cover, books that disagree); 2 a usage error. Every refusal is one line on standard
error. The writes go through ``ads.ledger``, like the admin's.
"""

from __future__ import annotations

import argparse
import sys

FAILED, USAGE_ERROR = 1, 2


def add_parsers(sub) -> None:
    """Declare ``ads`` on the ``localwire`` parser's sub-commands."""
    p = sub.add_parser("ads", help="advertisers' money: credit, adjust, ledger, check")
    asub = p.add_subparsers(dest="ads_command", required=True)
    c = asub.add_parser("credit", help="add prepaid money to an advertiser's balance")
    c.add_argument("advertiser", type=int, metavar="ADVERTISER_ID")
    c.add_argument("amount", metavar="AMOUNT", help="e.g. 25.00, in the site's currency")
    c.add_argument("--note", default="", help="what the money is (an invoice number, say)")
    a = asub.add_parser("adjust", help="correct a balance, up or down (e.g. -5.00), saying why")
    a.add_argument("advertiser", type=int, metavar="ADVERTISER_ID")
    a.add_argument("amount", metavar="AMOUNT", help="e.g. 5.00 or -5.00")
    a.add_argument("--note", required=True, help="why (kept in the ledger)")
    led = asub.add_parser("ledger", help="print an advertiser's ledger, newest first")
    led.add_argument("advertiser", type=int, metavar="ADVERTISER_ID")
    asub.add_parser("check", help="check every advertiser's books; exit 1 on any discrepancy")
    p.set_defaults(func=ads_command)


def ads_command(args: argparse.Namespace) -> int:
    from localwire.boot import setup_django

    setup_django()
    from localwire.ads import ledger  # its models need Django set up first
    from localwire.ads.models import Advertiser
    from localwire.ads.money import BadAmount

    name = args.ads_command
    try:
        if name == "check":
            return _check()
        advertiser = Advertiser.objects.get(pk=args.advertiser)
        if name == "ledger":
            return _ledger(advertiser)
        return _post(name, advertiser, args.amount, args.note)
    except Advertiser.DoesNotExist:
        return _fail(name, f"no advertiser #{args.advertiser}")
    except (BadAmount, ledger.LedgerRefused) as exc:
        return _fail(name, str(exc))


def _post(name: str, advertiser, text: str, note: str) -> int:
    from localwire.ads import budget, ledger, versions
    from localwire.ads.money import parse_amount, shown

    if name == "credit":
        amount = parse_amount(text)
        ledger.credit(advertiser.pk, amount, note=note)
        done = f"{shown(amount)} added to"
    else:
        negative = text.strip().startswith("-")
        amount = parse_amount(text.strip().removeprefix("-"))
        amount = -amount if negative else amount
        ledger.adjust(advertiser.pk, amount, note=note)
        done = f"{'+' if amount > 0 else '-'}{shown(abs(amount))} adjusted for"
    versions.campaigns_changed()  # more money may let campaigns deliver again; less may stop them
    budget.forget_refusals()
    advertiser.refresh_from_db()
    print(f"ads {name}: {done} {advertiser.name} (#{advertiser.pk}); balance {shown(advertiser.balance)}")
    return 0


def _ledger(advertiser) -> int:
    from localwire.ads.money import plain, shown

    print(f"{advertiser.name} (#{advertiser.pk}): balance {shown(advertiser.balance)}, held {shown(advertiser.held)}")
    print(f"{'when (UTC)':<17} {'kind':<11} {'amount':>14} {'balance after':>14}  {'campaign':>8} {'day':<10}  note")
    for entry in advertiser.ledger.order_by("-created_at", "-id"):
        print(f"{entry.created_at:%Y-%m-%d %H:%M} {entry.kind:<11} {plain(entry.amount):>14} "
              f"{plain(entry.balance_after):>14}  {entry.campaign_id or '':>8} {entry.day or '':<10}  {entry.note}")
    return 0


def _check() -> int:
    from localwire.ads.models import Advertiser
    from localwire.ads.settle import check_all

    found = check_all()
    for problem in found:
        print(problem)
    if found:
        return _fail("check", f"{len(found)} discrepancies in the books")
    print(f"ads check: the books of {Advertiser.objects.count()} advertisers agree")
    return 0


def _fail(command: str, message: str, code: int = FAILED) -> int:
    print(f"localwire ads {command}: {message}", file=sys.stderr)
    return code
