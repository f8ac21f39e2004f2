from django.urls import path

from localwire.community import comment_views as views

urlpatterns = [
    path("article/<int:pk>/comments", views.post, name="comment_post"),
    path("comments/<int:pk>/edit", views.edit, name="comment_edit"),
    path("comments/<int:pk>/delete", views.delete, name="comment_delete"),
    path("comments/<int:pk>/report", views.report, name="comment_report"),
    path("moderation/", views.queue, name="moderation"),
    path("moderation/<int:pk>/<str:action>", views.moderate, name="moderate"),
    path("moderation/users/<int:user_id>/unban", views.unban, name="unban"),
    path("community-policy", views.policy, name="community_policy"),
]
