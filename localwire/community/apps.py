from django.apps import AppConfig


class CommunityConfig(AppConfig):
    name = "localwire.community"
    label = "community"
    verbose_name = "Community"
