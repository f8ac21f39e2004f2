from django.apps import AppConfig


class SourcesConfig(AppConfig):
    name = "localwire.sources"
    label = "sources"
    verbose_name = "Publishers and feeds"
