"""The portal's Profile tab: ``/portal/<slug>/profile``, one multipart form for the public profile
and its logo.

The values are checked and saved by ``profile.update_profile`` (all or nothing, logged); the logo by
``profile.set_logo``, after them, so a refused picture never loses the other changes, and says so.
"""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render

from localwire.articles.uploads import UploadRefused
from localwire.publishers import profile
from localwire.publishers.access import managed_publisher
from localwire.sources.models import Publisher


class ProfileForm(forms.Form):
    name = forms.CharField(max_length=200)
    kind = forms.ChoiceField(choices=Publisher.Kind.choices)
    about = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 6}), max_length=profile.ABOUT_MAX,
                            help_text="Plain text: who you are, what you cover, who owns you. Blank lines "
                                      "start paragraphs.")
    website = forms.CharField(required=False, max_length=500, widget=forms.URLInput,
                              help_text="Your home page, starting with https:// or http://.")
    home_city = forms.CharField(required=False, max_length=200,
                                help_text="The town you cover most, e.g. “Springfield, Illinois, US”.")
    logo = forms.FileField(required=False, help_text="JPEG, PNG, WebP or GIF; we keep only the pixels and "
                                                     "make it at most 512 pixels wide or high.")
    remove_logo = forms.BooleanField(required=False, label="Remove the current logo")

    def __init__(self, *args, has_logo: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if not has_logo:
            del self.fields["remove_logo"]


def _initial(publisher) -> dict:
    return {name: getattr(publisher, name) for name in profile.FIELDS}


def _page(request, publisher, form, status=200):
    context = {"publisher": publisher, "portal_tab": "profile", "form": form,
               "logo_url": profile.logo_url(publisher)}
    return render(request, "publishers/portal_profile.html", context, status=status)


@login_required
def edit_profile(request, slug: str):
    publisher = managed_publisher(request.user, slug)
    if request.method != "POST":
        return _page(request, publisher, ProfileForm(initial=_initial(publisher), has_logo=bool(publisher.logo)))
    form = ProfileForm(request.POST, request.FILES, has_logo=bool(publisher.logo))
    if not form.is_valid():
        return _page(request, publisher, form, status=400)
    values = {name: form.cleaned_data[name] for name in profile.FIELDS}
    try:
        changes = profile.update_profile(publisher, request.user, **values)
    except profile.ProfileRefused as exc:
        form.add_error(exc.field, str(exc))
        return _page(request, publisher, form, status=400)
    if not _logo(request, publisher, form):
        if changes:
            messages.success(request, "Your other changes were saved.")
        return _page(request, publisher, form, status=400)
    if changes or form.cleaned_data["logo"] or form.cleaned_data.get("remove_logo"):
        messages.success(request, "Saved. Your public profile shows the changes now.")
    return redirect("portal_profile", slug=publisher.slug)


def _logo(request, publisher, form) -> bool:
    """Store or remove the logo as asked; False (with the reason on the form) when the upload is refused."""
    upload = form.cleaned_data["logo"]
    if upload:
        try:
            profile.set_logo(publisher, request.user, upload.read(settings.LOCALWIRE_UPLOAD_MAX_BYTES + 1))
        except UploadRefused as exc:
            form.add_error("logo", str(exc))
            return False
    elif form.cleaned_data.get("remove_logo"):
        profile.remove_logo(publisher, request.user)
    return True

