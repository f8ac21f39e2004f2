from django.contrib import admin

from localwire.articles.models import Article, Image, RawPage, TakenDown


class ImageInline(admin.TabularInline):
    model = Image
    extra = 0


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    list_display = ("title", "publisher", "published_at", "word_count", "from_feed_only")
    list_filter = ("publisher", "from_feed_only", "language")
    search_fields = ("title", "canonical_url", "agency")
    date_hierarchy = "published_at"
    raw_id_fields = ("raw_page",)
    readonly_fields = ("content_hash", "extractor_version", "created_at")
    inlines = [ImageInline]


@admin.register(RawPage)
class RawPageAdmin(admin.ModelAdmin):
    list_display = ("url", "status", "content_type", "fetched_at")
    search_fields = ("url",)
    exclude = ("body",)


class ReadOnlyAdmin(admin.ModelAdmin):
    """Records that are read in the admin and never added, edited or deleted there (audit trails)."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(TakenDown)
class TakenDownAdmin(ReadOnlyAdmin):
    """Articles their publishers took down: the record of who and why, read and never edited (deleting
    one would let the pipeline store the article again)."""

    list_display = ("title", "publisher", "by_name", "taken_down_at")
    list_filter = ("publisher",)
    search_fields = ("title", "canonical_url", "by_name", "reason")
    date_hierarchy = "taken_down_at"
