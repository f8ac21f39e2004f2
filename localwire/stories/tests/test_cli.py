"""``localwire cluster`` as a user runs it: a subprocess reading JSON Lines."""

import json
import subprocess
import sys

import pytest

from localwire.stories.tests.test_clustering import ELECTION, QUAKE, QUAKE_OTHER_OUTLET
from localwire.stories.tests.test_syndication import WIRE


@pytest.mark.slow
def test_cluster_streams_stories_and_syndication_groups(tmp_path):
    rows = [
        {"id": 1, "title": "Earthquake hits Iranian island", "text": QUAKE, "published_at": "2026-11-01T08:00:00Z"},
        {"id": 2, "title": "Quake injures dozens", "text": QUAKE_OTHER_OUTLET, "published_at": "2026-11-01T09:00:00Z"},
        {"id": 3, "title": "Reformists register", "text": ELECTION},
        {"id": 4, "title": "Police detain 200 in Almaty", "text": WIRE},
        {"id": 5, "title": "Almaty protests spread", "text": "Wire copy follows. " + WIRE},
    ]
    path = tmp_path / "in.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\nnot json\n[6]\n")
    done = subprocess.run([sys.executable, "-m", "localwire.cli", "cluster", str(path)],
                          capture_output=True, text=True, timeout=120)
    out = [json.loads(line) for line in done.stdout.splitlines()]
    assert done.returncode == 2
    # Each unreadable line is answered in its place with its number and the reason it was refused.
    with pytest.raises(ValueError) as not_json:
        json.loads("not json")
    assert out[-2:] == [{"line": 6, "error": str(not_json.value)},
                        {"line": 7, "error": "each line must be an object with an id and a text"}]
    by_id = {o["id"]: o for o in out[:-2]}
    assert [o["id"] for o in out[:-2]] == [1, 2, 3, 4, 5]
    assert by_id[2]["story"] == by_id[1]["story"] != by_id[3]["story"]
    assert by_id[5]["syndication_group"] == 4 and by_id[5]["story"] == by_id[4]["story"]
    assert by_id[1]["syndication_group"] == 1 and by_id[2]["syndication_group"] == 2
