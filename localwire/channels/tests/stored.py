"""Tests write analyses as the JSON the analyser prints; this stores one through the typed form."""

from localwire.channels.store import store_analysis
from localwire.nlp.analysis import Analysis


def store_json(article, row: dict) -> set[int]:
    """``store_analysis`` for an analysis written as JSON (``Analysis.from_json`` fills what it leaves out)."""
    return store_analysis(article, Analysis.from_json(row))
