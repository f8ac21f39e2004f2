"""The publisher side's pages: the directory, joining, claiming, and each publisher's portal."""

from django.urls import path

from localwire.publishers import article_views

urlpatterns: list = [
    path("portal/<slug:slug>/articles", article_views.articles, name="portal_articles"),
    path("portal/<slug:slug>/articles/<int:pk>/refetch", article_views.refetch, name="portal_article_refetch"),
    path("portal/<slug:slug>/articles/<int:pk>/takedown", article_views.take_down, name="portal_article_takedown"),
]
