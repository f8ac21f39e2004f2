"""``localwire analyze FILE...``: articles as JSON or JSON Lines in, one analysis per article out, no database."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TextIO

from localwire.nlp.analyze import ArticleInput, analyze_batch

BATCH = 32


def _articles(path: str):
    text = Path(path).read_text()
    stripped = text.lstrip()
    if stripped.startswith("["):
        yield from json.loads(stripped)
        return
    if stripped.startswith("{") and "\n{" not in stripped.strip():
        yield json.loads(stripped)
        return
    for number, line in enumerate(text.splitlines(), 1):
        if line.strip():
            try:
                yield json.loads(line)
            except ValueError as exc:
                raise ValueError(f"{path}:{number}: not JSON ({exc})") from None


def _input(row: dict) -> ArticleInput:
    if not isinstance(row, dict) or not isinstance(row.get("text", ""), str):
        raise ValueError("each article must be an object with a text")
    authors = row.get("authors") or []
    return ArticleInput(title=str(row.get("title") or ""), text=row.get("text") or "",
                        url=str(row.get("url") or ""), publisher=str(row.get("publisher") or ""),
                        authors=tuple(a for a in authors if isinstance(a, str)),
                        agency=str(row.get("agency") or ""), language=str(row.get("language") or ""),
                        home=str(row.get("home") or ""), captions=_captions(row))


def _captions(row: dict) -> tuple[str, ...]:
    """``captions: ["…"]`` or ``images: [{"caption": "…"}]``; anything else is ignored."""
    captions = row.get("captions") or [image.get("caption") for image in row.get("images") or []
                                       if isinstance(image, dict)]
    return tuple(c for c in captions if isinstance(c, str) and c.strip()) if isinstance(captions, list) else ()


def analyze_files(paths: list[str], out: TextIO) -> int:
    """Input order is kept; an input's ``id`` is echoed. Exit 2 if a file could not be read."""
    status, batch = 0, []

    def flush():
        for (row, _), analysis in zip(batch, analyze_batch([item for _, item in batch])):
            result = analysis.to_json()
            if "id" in row:
                result = {"id": row["id"], **result}
            out.write(json.dumps(result, ensure_ascii=False) + "\n")
        batch.clear()

    for path in paths:
        try:
            for row in _articles(path):
                batch.append((row, _input(row)))
                if len(batch) >= BATCH:
                    flush()
        except (OSError, ValueError) as exc:
            flush()
            out.write(json.dumps({"file": path, "error": str(exc)}) + "\n")
            status = 2
    flush()
    return status
