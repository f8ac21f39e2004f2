"""Syndication groups for operators: which copies were folded together, and the credited original."""

from django.contrib import admin
from django.db.models import Count

from localwire.stories.models import SyndicatedCopy, SyndicationGroup


class CopyInline(admin.TabularInline):
    model = SyndicatedCopy
    fields = ("article", "containment")
    readonly_fields = fields
    extra = 0
    can_delete = False


@admin.register(SyndicationGroup)
class SyndicationGroupAdmin(admin.ModelAdmin):
    list_display = ("id", "original", "copy_count", "created_at")
    readonly_fields = ("original", "created_at")
    inlines = [CopyInline]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("original").annotate(n=Count("copies"))

    @admin.display(description="Copies", ordering="n")
    def copy_count(self, obj) -> int:
        return obj.n
