from django.apps import AppConfig


class StoriesConfig(AppConfig):
    name = "localwire.stories"
    label = "stories"
    verbose_name = "Stories"
