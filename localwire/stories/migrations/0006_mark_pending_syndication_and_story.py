"""Backfill: every article in no syndication group owes its syndication, and every article in no
story owes its story, marked once with its publication time as its place in the queue (oldest
first, as the sweeps always went), so an upgraded site loses none to the marks replacing the old
anti-joins over the archive."""

from django.db import migrations
from django.utils import timezone


def mark_ungrouped(apps, schema_editor):
    article = apps.get_model("articles", "Article")._meta.db_table
    work = apps.get_model("articles", "PendingWork")._meta.db_table
    owed = {"syndication": apps.get_model("stories", "SyndicatedCopy")._meta.db_table,
            "story": apps.get_model("stories", "StoryMember")._meta.db_table}
    connection = schema_editor.connection
    # Its place in the queue: its publication time, never later than now (a feed may misdate one).
    least = "MIN" if connection.vendor == "sqlite" else "LEAST"
    now = connection.ops.adapt_datetimefield_value(timezone.now())
    with connection.cursor() as cursor:
        for step, table in owed.items():
            cursor.execute(
                f"INSERT INTO {work} (article_id, step, since, attempts) "
                f"SELECT a.id, %s, {least}(a.published_at, %s), 0 FROM {article} a "
                f"WHERE NOT EXISTS (SELECT 1 FROM {table} t WHERE t.article_id = a.id) "
                "ON CONFLICT DO NOTHING", [step, now])


class Migration(migrations.Migration):

    dependencies = [
        ("articles", "0007_pending_attempts_and_versions"),
        ("stories", "0005_story_anchors"),
    ]

    operations = [
        migrations.RunPython(mark_ungrouped, migrations.RunPython.noop),
    ]
