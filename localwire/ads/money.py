"""Amounts of money as ``Decimal``: parsed from what people type, never from floats.

Counters in the cache hold micro-units (a millionth of the currency), the one integer form every
amount here has exactly: a CPM of 2.50 makes an impression cost 2,500 micro-units.
"""

from __future__ import annotations

from decimal import ROUND_DOWN, Decimal, InvalidOperation

from django.conf import settings
from django.db.models import F
from django.db.models.functions import Round

MICROS = 1_000_000
CENT = Decimal("0.01")
MICRO = Decimal("0.000001")
LARGEST = Decimal("1000000")  # no single credit, budget or bid above a million


class BadAmount(ValueError):
    """An amount that is not a plain positive number of the currency with at most two decimals."""


def parse_amount(value, what: str = "amount", *, allow_zero: bool = False) -> Decimal:
    """'12.50', 12.5 given as text, or 12 → Decimal('12.50'); floats are refused, as they are not exact."""
    if isinstance(value, float) or isinstance(value, bool):
        raise BadAmount(f"{what} must be written as a number in text or a whole number, e.g. \"12.50\"")
    try:
        amount = Decimal(str(value).strip())
    except (InvalidOperation, ValueError):
        raise BadAmount(f"{what} must be a number such as 12.50, not {str(value)[:40]!r}") from None
    if not amount.is_finite():
        raise BadAmount(f"{what} must be a number such as 12.50")
    if amount != amount.quantize(CENT):
        raise BadAmount(f"{what} has at most two decimals (cents)")
    if amount < 0 or (amount == 0 and not allow_zero):
        raise BadAmount(f"{what} must be more than zero")
    if amount > LARGEST:
        raise BadAmount(f"{what} must be at most {LARGEST:,}")
    return amount.quantize(CENT)


def to_micros(amount: Decimal) -> int:
    return int((amount * MICROS).to_integral_value(rounding=ROUND_DOWN))


def from_micros(micros: int) -> Decimal:
    return (Decimal(micros) / MICROS).quantize(MICRO)


def added(field: str, amount) -> Round:
    """``F(field) + amount`` rounded to the micro-unit by the database. SQLite keeps a decimal column
    as floating point, so unrounded sums drift (forty leases of 0.20 make 8.000000000000002) and then
    fail the check constraints they should meet exactly; rounded, every stored amount is the nearest
    double to its six-decimal value, and comparisons between such values are exact."""
    return Round(F(field) + amount, 6)


def exact(value) -> Decimal:
    """A stored or summed amount as an exact Decimal to the micro-unit, zero for none: SQLite adds
    decimal columns as floating point, so its sums come back a hair off."""
    return Decimal(value or 0).quantize(MICRO)


def impression_micros(cpm: Decimal) -> int:
    """What one impression costs at this CPM (a thousand impressions cost ``cpm``)."""
    return to_micros(cpm) // 1000


def shown(amount: Decimal) -> str:
    """For people: two decimals and the site's currency, '12.35 USD' (spend rounds down to the cent)."""
    return f"{amount.quantize(CENT, rounding=ROUND_DOWN):,} {settings.LOCALWIRE_ADS_CURRENCY}"


def plain(amount: Decimal) -> str:
    """For JSON and CSV: a string, so no client reads it into a float; '12.35', or '0.0025' when smaller."""
    text = format(amount.normalize(), "f")
    return text if "." in text and len(text.split(".")[1]) >= 2 else format(amount.quantize(CENT), "f")
