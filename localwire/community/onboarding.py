"""The page a new reader sees right after signing up: a home city, then places and topics to follow.

An empty For you page tells a new reader nothing, so sign-up leads here first. Everything on it
is optional ("Skip for now" goes straight on). The home city is the profile's own field (the
same form, the same matching in ``places``); the places offered are the cities with news nearest
to it, or the most covered ones while no home city is set; the topics are those with articles.
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.text import get_text_list

from localwire.channels.models import Channel
from localwire.community import actions
from localwire.community.forms import ProfileForm
from localwire.community.ranking import distance_km
from localwire.community.views import safe_next

PLACES_OFFERED = 8
TOPICS_OFFERED = 12
NEAR_DEGREES = 4.0  # latitude either side of home read from the table before measuring (about 440 km)


def _with_news(kind: str):
    return (Channel.objects.filter(kind=kind).annotate(articles=Count("article_links"))
            .filter(articles__gt=0).order_by("-articles", "name"))


def topics_offered(limit: int = TOPICS_OFFERED) -> list[Channel]:
    return list(_with_news(Channel.Kind.TOPIC)[:limit])


def places_offered(profile, limit: int = PLACES_OFFERED) -> list[Channel]:
    """The cities with news nearest the reader's home city; the most covered ones without a home."""
    cities = _with_news(Channel.Kind.CITY).filter(lat__isnull=False, lon__isnull=False)
    if profile.home_lat is None or profile.home_lon is None:
        return list(cities[:limit])
    box = cities.filter(lat__range=(profile.home_lat - NEAR_DEGREES, profile.home_lat + NEAR_DEGREES))
    near = sorted(box, key=lambda c: distance_km(profile.home_lat, profile.home_lon, c.lat, c.lon))
    return near[:limit] or list(cities[:limit])


class OnboardingForm(ProfileForm):
    """The profile's home-city field, and boxes for the places and topics on offer."""

    places = forms.MultipleChoiceField(required=False, widget=forms.CheckboxSelectMultiple)
    topics = forms.MultipleChoiceField(required=False, widget=forms.CheckboxSelectMultiple)

    class Meta(ProfileForm.Meta):
        fields = ()

    def __init__(self, *args, offered: dict[str, list[Channel]], **kwargs):
        super().__init__(*args, **kwargs)
        self.offered = offered
        for name, channels in offered.items():
            self.fields[name].choices = [(str(c.pk), c.name) for c in channels]

    def picked(self) -> list[Channel]:
        ids = {int(pk) for name in self.offered for pk in self.cleaned_data.get(name, [])}
        return [c for channels in self.offered.values() for c in channels if c.pk in ids]


@login_required
def onboarding(request):
    profile = actions.profile_of(request.user)
    after = safe_next(request, reverse("for_you"))
    offered = {"places": places_offered(profile), "topics": topics_offered()}
    form = OnboardingForm(request.POST or None, instance=profile, offered=offered)
    if request.method == "POST" and form.is_valid():
        form.save()
        if "find_places" in request.POST:  # the home city changed: offer the places near it
            return redirect(f"{reverse('onboarding')}?{urlencode({'next': after})}")
        picked = form.picked()
        for channel in picked:
            actions.follow(request.user, channel)
        if picked:
            messages.success(request, f"You now follow {get_text_list([c.name for c in picked], 'and')}.")
        return redirect(after)
    return render(request, "community/onboarding.html", {
        "form": form, "profile": profile, "offered": offered, "next": after,
    })
