"""``localwire cluster FILE``: articles as JSON Lines in, in the order given, each one's story and
syndication group out as it is read (a stream), no database needed."""

from __future__ import annotations

import json
from datetime import datetime, timezone
from typing import TextIO

from localwire.stories.clustering import StoryIndex
from localwire.stories.syndication import SyndicationIndex


def _when(value) -> datetime | None:
    """A time without a UTC offset is read as UTC: every time is compared with the others, and
    naive and aware times cannot be."""
    try:
        when = datetime.fromisoformat(str(value).replace("Z", "+00:00")) if value else None
    except ValueError:
        return None
    return when.replace(tzinfo=timezone.utc) if when is not None and when.tzinfo is None else when


def cluster_stream(lines, out: TextIO) -> int:
    """Exit 2 if any line could not be read; every other line is still answered, in order."""
    from localwire.nlp.topics import topic_model

    stories, copies, status = StoryIndex(topic_model().idf_table()), SyndicationIndex(), 0
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
            if not isinstance(row, dict) or "id" not in row or not isinstance(row.get("text", ""), str):
                raise ValueError("each line must be an object with an id and a text")
        except ValueError as exc:
            out.write(json.dumps({"line": number, "error": str(exc)}) + "\n")
            status = 2
            continue
        group = copies.add(row["id"], row.get("text") or "")
        # A copy belongs to its original's story; only new text is clustered.
        story = stories.find(group) if group != row["id"] else None
        if story is None:
            story = stories.add(row["id"], str(row.get("title") or ""), row.get("text") or "",
                                published_at=_when(row.get("published_at")))
        out.write(json.dumps({"id": row["id"], "story": story, "syndication_group": group}) + "\n")
        out.flush()
    return status
