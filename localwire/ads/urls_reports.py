"""Addresses of the advertising part named in urls.py."""

urlpatterns: list = []
