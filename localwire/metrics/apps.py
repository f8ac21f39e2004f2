from django.apps import AppConfig


class MetricsConfig(AppConfig):
    name = "localwire.metrics"
    label = "metrics"
    verbose_name = "Counts"
