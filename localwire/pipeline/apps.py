from django.apps import AppConfig


class PipelineConfig(AppConfig):
    name = "localwire.pipeline"
    label = "pipeline"
    verbose_name = "Ingest pipeline"
