from django.urls import path

from localwire.contributors import permalink, views

urlpatterns = [
    path("contributors", views.programme, name="contributors"),
    path("contributors/apply", views.apply, name="contributor_apply"),
    path("contributors/standards", views.standards, name="contributor_standards"),
    path("contributors/policy", views.policy, name="contributor_policy"),
    path("contributor/<slug:slug>/", views.profile, name="contributor"),
    path("contributor/<slug:slug>/posts/<int:post_id>", permalink.post_page, name="contributor_post"),
]
