from django.contrib import admin
from django.urls import include, path

from localwire.api.api import api
from localwire.articles import imageproxy
from localwire.articles.upload_view import upload_view
from localwire.community import private_feed, views as community_views
from localwire.metrics.endpoint import metrics_view
from localwire.search import views as search_views
from localwire.web import views

urlpatterns = [
    path("", views.home, name="home"),
    path("article/<int:pk>/", views.article, name="article"),  # old links: sent on to the one with the slug
    path("article/<int:pk>/<str:slug>/", views.article, name="article"),
    path("publisher/<slug:slug>/", views.publisher, name="publisher"),
    path("c/<str:kind>/<slug:slug>/", views.channel, name="channel"),
    path("story/<int:pk>/", views.story, name="story"),
    path("search", search_views.search, name="search"),
    path("for-you", community_views.for_you, name="for_you"),
    path("local", community_views.local, name="local"),
    path("img/<str:signature>/<str:encoded>", imageproxy.image_view, name="image"),
    path("media/uploads/<str:name>", upload_view, name="upload"),
    path("account/", include("localwire.community.urls")),
    path("", include("localwire.community.comment_urls")),  # comments, /moderation/, /community-policy
    path("", include("localwire.contributors.urls")),  # /contributors, its standards and policy, profiles
    path("", include("localwire.publishers.urls")),  # /publishers, joining, claiming, /portal/<slug>/
    path("", include("localwire.ads.urls")),  # /advertise, campaigns, /ad/c/<signed>, moderation, revenue
    path("api/v1/", api.urls),
    path("admin/", admin.site.urls),
    path("healthz", views.healthz, name="healthz"),
    path("metrics", metrics_view, name="metrics"),  # Prometheus, with LOCALWIRE_METRICS_TOKEN (docs/monitoring.md)
    path("favicon.ico", views.favicon, name="favicon"),
    path("", include("localwire.feeds.urls")),  # feeds, sitemaps, robots.txt (docs/feeds.md)
    # after the feeds' addresses, whose include registers the feedformat converter
    path("feed/for-you/<int:user_id>/<str:token>.<feedformat:fmt>", private_feed.for_you_feed, name="for_you_feed"),
]

# A database that went away answers 503 + Retry-After, never a 500 (web/unavailable.py).
handler500 = "localwire.web.unavailable.server_error"
