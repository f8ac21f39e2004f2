"""Account pages: sign-up, log-in, profile, follows, export and import, API tokens, deleting an account."""

from __future__ import annotations

import json
from urllib.parse import quote

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login, logout, views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET, require_POST

from localwire.caching import pages as pagecache
from localwire.channels.models import Channel
from localwire.community import actions, localpage, pending, portability, reading, throttle
from localwire.community.forms import (
    DeleteAccountForm, ImportForm, ProfileForm, SignUpForm, ThrottledLoginForm, ThrottledPasswordResetForm,
    TokenForm,
)
from localwire.community.models import ApiToken, Follow
from localwire.community.pool import for_you_articles
from localwire.community.private_feed import for_you_paths
from localwire.nlp import cities


def safe_next(request, fallback: str = "") -> str:
    """The ``next`` the request carries when it points at this site, else the fallback."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()},
                                                   require_https=request.is_secure()):
        return target
    return fallback or reverse("home")


def signup(request):
    if request.user.is_authenticated:
        return redirect("account")
    form = SignUpForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        wait = _signup_budget(request)
        if wait:
            form.add_error(None, f"Too many new accounts from your network; please try again in "
                                 f"{wait // 60 + 1} minutes.")
            response = render(request, "community/signup.html", {
                "form": form, "next": safe_next(request), **pending.context(request)}, status=429)
            response["Retry-After"] = str(wait)
            return response
        user = form.save()
        actions.profile_of(user)
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        messages.success(request, "Welcome! Your account is ready.")
        pending.perform(request, user)
        # First, a page to pick places and topics (skippable); then where the reader was going.
        return redirect(f"{reverse('onboarding')}?next={quote(safe_next(request, reverse('for_you')), safe='/')}")
    asked_next = request.POST.get("next") or request.GET.get("next")  # none: For you, after onboarding
    return render(request, "community/signup.html", {"form": form, "next": safe_next(request) if asked_next else "",
                                                     **pending.context(request)})


def _signup_budget(request) -> int:
    """Seconds to wait before this address may open another account; 0 when it may now."""
    address = throttle.client_address(request)
    return throttle.spend(f"signup:ip:{address}", settings.LOCALWIRE_SIGNUP_IP_LIMIT, 3600)


class LoginView(auth_views.LoginView):
    template_name = "community/login.html"
    authentication_form = ThrottledLoginForm
    redirect_authenticated_user = True

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), **pending.context(self.request)}

    def form_valid(self, form):
        response = super().form_valid(form)
        pending.perform(self.request, form.get_user())
        return response


class LogoutView(auth_views.LogoutView):
    next_page = reverse_lazy("home")


auth_pages = {
    "password_reset": auth_views.PasswordResetView.as_view(
        template_name="community/password_reset.html", form_class=ThrottledPasswordResetForm,
        email_template_name="community/email/password_reset.txt",
        subject_template_name="community/email/password_reset_subject.txt",
        extra_email_context={"site_name": settings.SITE_NAME},
        success_url=reverse_lazy("password_reset_done")),
    "password_reset_done": auth_views.PasswordResetDoneView.as_view(
        template_name="community/password_reset_done.html"),
    "password_reset_confirm": auth_views.PasswordResetConfirmView.as_view(
        template_name="community/password_reset_confirm.html", success_url=reverse_lazy("password_reset_complete")),
    "password_reset_complete": auth_views.PasswordResetCompleteView.as_view(
        template_name="community/password_reset_complete.html"),
    "password_change": auth_views.PasswordChangeView.as_view(
        template_name="community/password_change.html", success_url=reverse_lazy("account")),
}


@login_required
def account(request):
    profile = actions.profile_of(request.user)
    form = ProfileForm(request.POST or None, instance=profile)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, "Profile saved.")
        return redirect("account")
    return render(request, "community/account.html", {
        "form": form, "profile": profile, "reads": reading.history_of(request.user, limit=HISTORY_SHOWN),
        "history_on": settings.LOCALWIRE_READING_HISTORY,
    })


HISTORY_SHOWN = 50  # on the account page; the API and the export give more


@login_required
@require_POST
def clear_history(request):
    actions.clear_history(request.user)
    messages.success(request, "Your reading history has been cleared.")
    return redirect(reverse("account") + "#history")


@login_required
@require_GET
def place_options(request):
    """Up to eight cities whose name starts with ``q``: [{"id": 4119403, "label": "Little Rock, Arkansas, US"}]."""
    found = cities.search(request.GET.get("q", ""))
    return JsonResponse({"places": [{"id": c.geonameid, "label": c.label} for c in found]})


@login_required
def delete_account(request):
    form = DeleteAccountForm(request.user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = request.user
        logout(request)
        actions.delete_account(user)
        messages.success(request, "Your account and everything in it have been deleted.")
        return redirect("home")
    return render(request, "community/delete.html", {"form": form})


def _wants_json(request) -> bool:
    return "application/json" in request.headers.get("Accept", "")


FOLLOW_ACTIONS = {"follow": actions.follow, "unfollow": actions.unfollow,
                  "mute": actions.mute, "unmute": actions.unmute}


@require_POST
def follow_action(request):
    """Follow, unfollow, mute or unmute one channel or publisher: a form post, or fetch asking for JSON."""
    if not request.user.is_authenticated:
        if _wants_json(request):
            return JsonResponse({"error": "log in to follow"}, status=401)
        return redirect(_log_in_first(request))
    act = FOLLOW_ACTIONS.get(request.POST.get("action", ""))
    try:
        target = actions.find_target(request.POST.get("kind", ""), request.POST.get("slug", ""))
    except actions.UnknownTarget:
        target = None
    if act is None or target is None:
        if _wants_json(request):
            return JsonResponse({"error": "no such channel or action"}, status=400)
        return HttpResponse("No such channel or action.", status=400, content_type="text/plain")
    act(request.user, target)
    state = actions.state_of(request.user, target)
    if _wants_json(request):
        return JsonResponse({"kind": actions.kind_of(target), "slug": target.slug, "name": target.name,
                             "following": state == "following", "muted": state == "muted"})
    return redirect(safe_next(request, _page_of(target)))


def _log_in_first(request) -> str:
    """The log-in page for a follow posted by a visitor (a page left open after logging out):
    the follow is carried to the log-in form, never made without it."""
    where = f"{reverse('login')}?next={quote(safe_next(request, reverse('home')), safe='/')}"
    if request.POST.get("action") == "follow":
        where += "&" + pending.FIELD + "=" + quote(pending.encode(request.POST.get("kind", ""),
                                                                   request.POST.get("slug", "")), safe=":")
    return where


def _page_of(target) -> str:
    if isinstance(target, Channel):
        return target.get_absolute_url()
    return reverse("publisher", kwargs={"slug": target.slug})


def _grouped(rows):
    return [(label, items) for _, label, items in actions.group_by_kind(rows)]


@login_required
def following(request):
    rows = list(Follow.objects.filter(user=request.user).select_related("channel", "publisher"))
    return render(request, "community/following.html", {
        "follows": _grouped(r for r in rows if not r.muted),
        "mutes": _grouped(r for r in rows if r.muted),
        "import_form": ImportForm(),
    })


def _download(body: str, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _stamp() -> str:
    return timezone.now().strftime("%Y-%m-%d")


@login_required
@require_GET
def export_json(request):
    doc = portability.export_json(request.user, site=request.build_absolute_uri("/"))
    return _download(json.dumps(doc, indent=2, ensure_ascii=False) + "\n", "application/json",
                     f"localwire-follows-{_stamp()}.json")


@login_required
@require_GET
def export_opml(request):
    body = portability.export_opml(request.user, request.build_absolute_uri)
    return _download(body, "text/x-opml; charset=utf-8", f"localwire-follows-{_stamp()}.opml")


@login_required
def import_follows(request):
    form = ImportForm(request.POST or None, request.FILES or None)
    report = None
    if request.method == "POST" and form.is_valid():
        try:
            report = portability.import_file(request.user, form.cleaned_data["file"].read(portability.MAX_BYTES + 1))
        except portability.ImportRefused as exc:
            form.add_error("file", f"This file cannot be imported: {exc}.")
    status = 400 if request.method == "POST" and report is None else 200
    return render(request, "community/import.html", {"form": form, "report": report}, status=status)


@login_required
def tokens(request):
    form = TokenForm(request.POST or None)
    new_token = None
    if request.method == "POST" and form.is_valid():
        _, new_token = ApiToken.issue(request.user, form.cleaned_data["name"])
        form = TokenForm()
    return render(request, "community/tokens.html", {
        "form": form, "new_token": new_token, "tokens": request.user.api_tokens.all(),
    })


@login_required
@require_POST
def revoke_token(request, pk: int):
    deleted = request.user.api_tokens.filter(pk=pk).delete()[0]
    if deleted:
        messages.success(request, "Token revoked.")
    return redirect("tokens")


@pagecache.for_anonymous()
def for_you(request):
    """Ranked from the reader's follows and mutes; a visitor gets the most covered recent news."""
    return render(request, "community/feed.html", {
        "articles": for_you_articles(request.user), "feed": "for_you",
        "heading": "For you" if request.user.is_authenticated else "Top news",
        "private_feeds": for_you_paths(request.user) if request.user.is_authenticated else None,
    })


local = localpage.local  # in its own module: the page, its city picker and its cookie
