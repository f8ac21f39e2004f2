"""The contributor programme's pages: the programme with its apply form, the Editorial Standards,
the Content Policy and each contributor's profile. Writes go through ``applying`` and ``actions``."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from localwire.contributors import actions, strikes
from localwire.contributors.applying import CityRefused, apply_typed
from localwire.contributors.forms import ApplyForm
from localwire.contributors.models import Contributor
from localwire.contributors.profile import contributor_stats, published_articles
from localwire.contributors.queries import attach_contributors
from localwire.contributors.standing import standing_of
from localwire.paging import page_of

PAGE_SIZE = 20


def _mine(request) -> Contributor | None:
    if not request.user.is_authenticated:
        return None
    return Contributor.objects.filter(user=request.user).first()


def programme(request, form: ApplyForm | None = None, choices=(), status: int = 200):
    """The programme, and for a signed-in reader who is not yet a contributor, the apply form."""
    return render(request, "contributors/programme.html", {
        "form": form or ApplyForm(), "mine": _mine(request), "choices": choices,
        "labels": ["Community Voice", "Community Voice Pro", "Journalist"],
    }, status=status)


@login_required
@require_POST
def apply(request):
    form = ApplyForm(request.POST)
    if not form.is_valid():
        return programme(request, form, status=400)
    data = form.cleaned_data
    try:
        contributor = apply_typed(request.user, data["name"], data["bio"], data["home_city"], form.links())
    except CityRefused as refused:
        form.add_error("home_city", str(refused))
        return programme(request, form, choices=refused.choices, status=400)
    except actions.Conflict:
        return redirect("contributors")
    except actions.Refused as refused:
        form.add_error(None, str(refused))
        return programme(request, form, status=400)
    return redirect(contributor.get_absolute_url())


def standards(request):
    return render(request, "contributors/standards.html")


def policy(request):
    """The Content Policy; its numbers come from the strike rules themselves."""
    return render(request, "contributors/policy.html", {
        "good_standing_days": strikes.GOOD_STANDING.days, "suspension_days": strikes.SUSPENSION.days,
    })


def profile(request, slug: str):
    contributor = get_object_or_404(Contributor.objects.select_related("channel"), slug=slug)
    page = page_of(published_articles(contributor), request.GET.get("page"), PAGE_SIZE)
    page.object_list = attach_contributors(page.object_list)
    return render(request, "contributors/profile.html", {
        "contributor": contributor, "stats": contributor_stats(contributor), "page": page,
        "standing": standing_of(contributor, timezone.now()),
    })

