from django import forms
from django.contrib import admin
from django.utils import timezone

from localwire.sources.checking import FeedCheckError, check_feed
from localwire.sources.context import make_fetcher
from localwire.sources.models import Entry, Feed, Publisher
from localwire.sources.publisher_edit import CLEANERS, InvalidEdit


class FeedForm(forms.ModelForm):
    """A new or changed feed URL is checked exactly as ``localwire feeds add`` checks it: refused,
    broken or dead URLs are never stored; a page's discovered feed is stored instead."""

    url = forms.URLField(max_length=2000, assume_scheme="https")

    class Meta:
        model = Feed
        fields = "__all__"

    def clean_url(self):
        url = self.cleaned_data["url"]
        if "url" not in self.changed_data:
            return url
        try:
            with make_fetcher() as fetcher:
                return check_feed(url, fetcher).url
        except FeedCheckError as exc:
            raise forms.ValidationError(f"{exc.kind}: {exc}") from None


class PublisherForm(forms.ModelForm):
    """Website and home city are checked as ``localwire publishers edit`` checks them: an
    http(s) address, and a city the gazetteer knows exactly one of."""

    website = forms.CharField(max_length=500, required=False)  # checked by clean_website, not URLField's rules

    class Meta:
        model = Publisher
        fields = "__all__"

    def clean_website(self):
        return self._checked("website")

    def clean_home_city(self):
        return self._checked("home_city")

    def _checked(self, field: str) -> str:
        value = self.cleaned_data[field]
        if field not in self.changed_data:
            return value
        try:
            return CLEANERS[field](value)
        except InvalidEdit as exc:
            raise forms.ValidationError(str(exc)) from None  # shown under the field it is about


class FeedInline(admin.TabularInline):
    model = Feed
    form = FeedForm
    fields = ("url", "status", "enabled", "next_fetch_at", "error_count")
    readonly_fields = ("status", "next_fetch_at", "error_count")
    extra = 0


@admin.register(Publisher)
class PublisherAdmin(admin.ModelAdmin):
    form = PublisherForm
    list_display = ("name", "kind", "home_city", "website")
    list_filter = ("kind",)
    search_fields = ("name", "slug", "website")
    prepopulated_fields = {"slug": ("name",)}
    inlines = [FeedInline]


@admin.register(Feed)
class FeedAdmin(admin.ModelAdmin):
    form = FeedForm
    list_display = ("url", "publisher", "status", "format", "error_count", "last_fetched_at",
                    "next_fetch_at", "enabled")
    list_filter = ("status", "enabled", "format")
    search_fields = ("url", "title", "publisher__name")
    readonly_fields = ("etag", "last_modified", "last_fetched_at", "error_count", "last_error",
                       "status", "format")
    actions = ["fetch_now"]

    @admin.action(description="Fetch on the next worker tick (resumes paused feeds)")
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
