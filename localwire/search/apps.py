from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "localwire.search"
    label = "search"
    verbose_name = "Search"
