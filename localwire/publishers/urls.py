"""The publisher side's pages: the directory, joining, claiming, and each publisher's portal."""

from django.urls import path

urlpatterns: list = [
]
