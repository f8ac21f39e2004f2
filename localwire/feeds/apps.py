from django.apps import AppConfig


class FeedsConfig(AppConfig):
    name = "localwire.feeds"
    label = "feeds_out"  # "feeds" would read as the publishers' incoming feeds (sources.Feed)
    verbose_name = "Feeds out and sitemaps"
