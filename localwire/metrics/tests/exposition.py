"""A strict reader of the Prometheus text format (0.0.4) for the tests, written here rather than
borrowed: prometheus_client is not installed, and a dependency for one test is not worth it.

It refuses what a Prometheus would refuse or misread: a sample before its family's TYPE line, a
name or label outside the allowed characters, a bad escape, a family described twice, a value
that is not a number, a histogram whose buckets shrink or whose +Inf bucket is not its count.
"""

from __future__ import annotations

import math
import re

NAME = r"[a-zA-Z_:][a-zA-Z0-9_:]*"
SAMPLE = re.compile(rf"^({NAME})(?:\{{(.*)\}})? (\S+)$")
LABEL = re.compile(r'([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\["\\n])*)"(,|$)')
TYPES = {"counter", "gauge", "histogram", "summary", "untyped"}
HISTOGRAM_SUFFIXES = ("_bucket", "_sum", "_count")


def parse(text: str) -> dict[str, dict]:
    """``{family: {"type", "help", "samples": {(name, ((label, value), …)): number}}}``."""
    assert text.endswith("\n"), "the exposition ends with a newline"
    families: dict[str, dict] = {}
    for line in text.splitlines():
        if not line.strip():
            continue
        if line.startswith("# HELP ") or line.startswith("# TYPE "):
            _describe(families, line)
        elif not line.startswith("#"):
            _sample(families, line)
    for name, family in families.items():
        assert "type" in family, f"{name}: no TYPE line"
        if family["type"] == "histogram":
            _check_histogram(name, family["samples"])
    return families


def _describe(families, line: str) -> None:
    keyword, name, rest = line[2:6], *line[7:].split(" ", 1)
    assert re.fullmatch(NAME, name), f"bad metric name {name!r}"
    family = families.setdefault(name, {"samples": {}})
    key = "help" if keyword == "HELP" else "type"
    assert key not in family, f"{name}: {keyword} given twice"
    assert not family["samples"], f"{name}: {keyword} after its samples"
    if key == "type":
        assert rest in TYPES, f"{name}: unknown type {rest!r}"
    family[key] = rest


def _sample(families, line: str) -> None:
    match = SAMPLE.match(line)
    assert match, f"not a sample line: {line!r}"
    name, inside, value = match.groups()
    family = _family_of(families, name)
    labels = []
    position = 0
    while inside and position < len(inside):
        label = LABEL.match(inside, position)
        assert label, f"bad labels in {line!r}"
        labels.append((label.group(1), _unescape(label.group(2))))
        position = label.end()
    number = float(value)  # raises on anything but a number, +Inf, -Inf or NaN
    key = (name, tuple(labels))
    assert key not in family["samples"], f"sample given twice: {line!r}"
    family["samples"][key] = number


def _family_of(families, name: str) -> dict:
    if name in families:
        return families[name]
    for suffix in HISTOGRAM_SUFFIXES:
        base = name.removesuffix(suffix)
        if base != name and families.get(base, {}).get("type") == "histogram":
            return families[base]
    raise AssertionError(f"sample {name} before its TYPE line")


def _unescape(text: str) -> str:
    return re.sub(r"\\(.)", lambda m: {"n": "\n"}.get(m.group(1), m.group(1)), text)


def _check_histogram(name: str, samples: dict) -> None:
    series: dict[tuple, list[tuple[float, float]]] = {}
    counts = {}
    for (sample, labels), value in samples.items():
        rest = tuple(pair for pair in labels if pair[0] != "le")
        if sample == f"{name}_bucket":
            bound = dict(labels)["le"]
            series.setdefault(rest, []).append((math.inf if bound == "+Inf" else float(bound), value))
        elif sample == f"{name}_count":
            counts[rest] = value
    for rest, buckets in series.items():
        buckets.sort()
        values = [value for _, value in buckets]
        assert values == sorted(values), f"{name}{rest}: buckets shrink"
        assert buckets[-1][0] == math.inf and buckets[-1][1] == counts[rest], f"{name}{rest}: +Inf is not the count"


def value(families, name: str, **labels) -> float | None:
    """One sample's value by its name and exactly these labels, or None."""
    family = _family_of(families, name)
    found = [number for (sample, pairs), number in family["samples"].items() if sample == name and dict(pairs) == labels]
    return found[0] if found else None


def label_values(families, name: str, label: str) -> set[str]:
    family = _family_of(families, name)
    return {dict(labels)[label] for (sample, labels) in family["samples"] if sample == name and label in dict(labels)}
