from django.contrib import admin
from django.utils import timezone

from localwire.sources.models import Entry, Feed, Publisher


class FeedInline(admin.TabularInline):
    model = Feed
    fields = ("url", "status", "enabled", "next_fetch_at", "error_count")
    readonly_fields = ("status", "next_fetch_at", "error_count")
    extra = 0


@admin.register(Publisher)
class PublisherAdmin(admin.ModelAdmin):
    list_display = ("name", "kind", "home_city", "website")
    list_filter = ("kind",)
    search_fields = ("name", "slug", "website")
    prepopulated_fields = {"slug": ("name",)}
    inlines = [FeedInline]


@admin.register(Feed)
class FeedAdmin(admin.ModelAdmin):
    list_display = ("url", "publisher", "status", "format", "error_count", "last_fetched_at",
                    "next_fetch_at", "enabled")
    list_filter = ("status", "enabled", "format")
    search_fields = ("url", "title", "publisher__name")
    readonly_fields = ("etag", "last_modified", "last_fetched_at", "error_count", "last_error",
                       "status", "format")
    actions = ["fetch_now"]

    @admin.action(description="Fetch on the next worker tick")
    def fetch_now(self, request, queryset):
        updated = queryset.update(next_fetch_at=timezone.now(), enabled=True)
        self.message_user(request, f"{updated} feeds will be fetched on the next tick.")


@admin.register(Entry)
class EntryAdmin(admin.ModelAdmin):
    list_display = ("url", "feed", "state", "attempts", "created_at")
    list_filter = ("state",)
    search_fields = ("url", "entry_id")
    raw_id_fields = ("feed", "article")
    actions = ["retry"]

    @admin.action(description="Retry")
    def retry(self, request, queryset):
        updated = queryset.update(state=Entry.State.PENDING, attempts=0)
        self.message_user(request, f"{updated} entries queued again.")
