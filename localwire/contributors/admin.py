"""Read-mostly admin lists for operators; moderators decide through the API, where decisions are logged."""

from django.contrib import admin

from localwire.contributors.models import Appeal, Contributor, Decision, Post, Strike


@admin.register(Contributor)
class ContributorAdmin(admin.ModelAdmin):
    list_display = ("name", "slug", "label", "status", "suspended_until", "home_label", "created_at")
    list_filter = ("label", "status")
    search_fields = ("name", "slug", "user__username", "user__email")
    raw_id_fields = ("user", "channel")


@admin.register(Post)
class PostAdmin(admin.ModelAdmin):
    list_display = ("title", "contributor", "status", "submitted_at", "published_at")
    list_filter = ("status",)
    search_fields = ("title", "contributor__name")
    raw_id_fields = ("contributor", "article")


@admin.register(Decision)
class DecisionAdmin(admin.ModelAdmin):
    list_display = ("at", "action", "contributor", "post", "moderator", "reason")
    list_filter = ("action",)
    raw_id_fields = ("contributor", "post", "moderator")


@admin.register(Strike)
class StrikeAdmin(admin.ModelAdmin):
    list_display = ("contributor", "policy", "at", "by", "overturned_at")
    raw_id_fields = ("contributor", "post", "by")


@admin.register(Appeal)
class AppealAdmin(admin.ModelAdmin):
    list_display = ("strike", "status", "created_at", "decided_by", "decided_at")
    list_filter = ("status",)
    raw_id_fields = ("strike", "decided_by")
