"""Copies already grouped under another original get ``Article.folded``, which lists now read."""

from django.db import migrations
from django.db.models import Exists, OuterRef


def mark_folded(apps, schema_editor):
    Article = apps.get_model("articles", "Article")
    SyndicatedCopy = apps.get_model("stories", "SyndicatedCopy")
    under_another = (SyndicatedCopy.objects.filter(article=OuterRef("pk"), group__original__isnull=False)
                     .exclude(group__original_id=OuterRef("pk")))
    Article.objects.filter(Exists(under_another)).update(folded=True)


class Migration(migrations.Migration):
    dependencies = [("stories", "0007_page_blocks"), ("articles", "0009_article_folded")]

    operations = [migrations.RunPython(mark_folded, migrations.RunPython.noop)]
