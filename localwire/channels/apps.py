from django.apps import AppConfig


class ChannelsConfig(AppConfig):
    name = "localwire.channels"
    label = "channels"
    verbose_name = "Channels"
