from django.urls import path

from localwire.contributors import moderation_views, permalink, views, write_views

urlpatterns = [
    path("contributors", views.programme, name="contributors"),
    path("contributors/apply", views.apply, name="contributor_apply"),
    path("contributors/standards", views.standards, name="contributor_standards"),
    path("contributors/policy", views.policy, name="contributor_policy"),
    path("contributor/<slug:slug>/", views.profile, name="contributor"),
    path("contributor/<slug:slug>/posts/<int:post_id>", permalink.post_page, name="contributor_post"),
    path("write", write_views.my_posts, name="write"),
    path("write/new", write_views.new_post, name="write_new"),
    path("write/<int:pk>", write_views.edit_post, name="write_post"),
    path("write/<int:pk>/images", write_views.add_image, name="write_image"),
    path("write/<int:pk>/delete", write_views.delete_post, name="write_delete"),
    path("moderation/posts", moderation_views.post_queue, name="moderation_posts"),
    path("moderation/posts/<int:pk>/decision", moderation_views.decide_post, name="moderation_post_decision"),
]
