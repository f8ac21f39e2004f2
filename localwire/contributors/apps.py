from django.apps import AppConfig


class ContributorsConfig(AppConfig):
    name = "localwire.contributors"
    label = "contributors"
    verbose_name = "Contributors"
