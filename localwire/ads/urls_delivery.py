"""Addresses of the advertising part named in urls.py: the reader's side of an ad."""

from django.urls import path

from localwire.ads import delivery_views

urlpatterns = [
    path("ad/c/<str:signed>", delivery_views.click, name="ad_click"),
    path("ad/why/<str:signed>", delivery_views.why, name="ad_why"),
    path("ad/hide", delivery_views.hide, name="ad_hide"),
    path("ad/hidden", delivery_views.hidden, name="ad_hidden"),
    path("ad/hidden/<int:pk>/show", delivery_views.show_again, name="ad_show_again"),
]
