"""``localwire cluster`` given times with and without a UTC offset in one stream, or a file that is
not text: an answer, not a traceback (the same kind of fault as issue 11's naive cursor)."""

import io
import json

from localwire.cli import main
from localwire.stories.cli import cluster_stream
from localwire.stories.tests.test_clustering import QUAKE, QUAKE_OTHER_OUTLET


def test_times_without_an_offset_are_read_as_utc_beside_those_with_one():
    rows = [
        {"id": 1, "title": "Earthquake hits Iranian island", "text": QUAKE, "published_at": "2026-11-01T08:00:00Z"},
        {"id": 2, "title": "Quake injures dozens", "text": QUAKE_OTHER_OUTLET, "published_at": "2026-11-01T09:00:00"},
        {"id": 3, "title": "Quake: a day later", "text": QUAKE_OTHER_OUTLET + " More.", "published_at": "2026-11-02"},
    ]
    out = io.StringIO()
    status = cluster_stream(io.StringIO("\n".join(json.dumps(r) for r in rows)), out)
    answers = [json.loads(line) for line in out.getvalue().splitlines()]
    assert status == 0 and [a["id"] for a in answers] == [1, 2, 3]
    assert answers[0]["story"] == answers[1]["story"] == answers[2]["story"]


def test_a_file_that_is_not_text_is_one_line(tmp_path, capsys):
    binary = tmp_path / "photo.jpg"
    binary.write_bytes(b"\xff\xd8\xff\xe0" + bytes(range(256)) * 4)
    assert main(["cluster", str(binary)]) == 2
    assert capsys.readouterr().err.strip() == f"localwire cluster: {binary} is not UTF-8 text, so not JSON Lines " \
        "(invalid start byte)"
