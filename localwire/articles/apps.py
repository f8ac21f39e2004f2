from django.apps import AppConfig


class ArticlesConfig(AppConfig):
    name = "localwire.articles"
    label = "articles"
    verbose_name = "Articles"
