"""The vocabulary the spelling correction reads. DOCUMENT_VERSION 2 has every article written once
more, which counts the words of the articles a site already has."""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("search", "0001_initial"),
    ]

    operations = [
        migrations.CreateModel(
            name="SearchTerm",
            fields=[
                ("word", models.CharField(max_length=40, primary_key=True, serialize=False)),
                ("spelling", models.CharField(max_length=40)),
                ("documents", models.PositiveIntegerField(default=0)),
                ("named", models.BooleanField(default=False)),
                ("bucket", models.CharField(db_index=True, max_length=3)),
            ],
        ),
    ]
