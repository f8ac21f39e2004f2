"""The contributor's own pages: /write lists my posts, /write/new and /write/<id> edit one.

Every change goes through ``posts.py``, as the API's do; these views only read the form and show
the answer in words. The edit page works without JavaScript: Preview is a POST that renders the
Markdown on the server (``render_markdown``, sanitised) back into the page, next to the unsaved text.
A post is found only among the signed-in contributor's own, so someone else's is a 404, as in the API.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_POST

from localwire.articles.markdown import render_markdown
from localwire.articles.uploads import UPLOAD_URL_PREFIX
from localwire.community import throttle
from localwire.contributors import posts
from localwire.contributors.actions import Refused
from localwire.contributors.applying import CityRefused
from localwire.contributors.models import Contributor, Post
from localwire.contributors.write_forms import CorrectionForm, ImageForm, PostForm

STATUS_NOTES = {Post.Status.IN_REVIEW: "a moderator will read it before it is published.",
                Post.Status.HELD: "a moderator reads the reasons below before deciding."}
SUBMITTED = {Post.Status.IN_REVIEW: "Submitted. In review: " + STATUS_NOTES[Post.Status.IN_REVIEW],
             Post.Status.HELD: "Submitted. Held: " + STATUS_NOTES[Post.Status.HELD]}


def _contributor(request) -> Contributor | None:
    return Contributor.objects.filter(user=request.user).first()


def contributor_only(view):
    """Signed-in contributors only; a reader who is not one yet is sent to apply."""
    @login_required
    def wrapped(request, *args, **kwargs):
        contributor = _contributor(request)
        if contributor is None:
            return redirect("/contributors#apply")
        return view(request, contributor, *args, **kwargs)
    wrapped.__doc__, wrapped.__name__ = view.__doc__, view.__name__
    return wrapped


def _own_post(contributor: Contributor, pk: int) -> Post:
    return get_object_or_404(Post.objects.prefetch_related("images"), pk=pk, contributor=contributor)


@contributor_only
def my_posts(request, contributor):
    """My posts, newest first, with their status and the reasons of any hold."""
    mine = contributor.posts.select_related("article").order_by("-updated_at", "-id")
    return render(request, "contributors/write_list.html", {"contributor": contributor, "posts": mine})


def _page(request, contributor, post, form, *, preview="", choices=(), image_form=None, status=200):
    published = post is not None and post.status == Post.Status.PUBLISHED
    correction = CorrectionForm(request.POST or None) if published else None
    return render(request, "contributors/write_edit.html", {
        "contributor": contributor, "post": post, "form": form, "preview": preview, "choices": choices,
        "correction_form": correction, "image_form": image_form or ImageForm(),
        "upload_prefix": UPLOAD_URL_PREFIX, "status_note": STATUS_NOTES.get(post.status) if post else "",
    }, status=status)


def _save(request, contributor, post, data) -> Post:
    """Create or update from the form's cleaned data; raises ``Refused`` (``CityRefused``) in words."""
    if post is None:
        return posts.create_post(contributor, title=data["title"], body=data["body"], place=data["place"])
    correction = CorrectionForm(request.POST)
    correction.is_valid()
    extra = correction.cleaned_data if post.status == Post.Status.PUBLISHED else {}
    return posts.update_post(post, title=data["title"], body=data["body"], place=data["place"],
                             note=extra.get("note", ""), correction=bool(extra.get("correction")),
                             site_host=request.get_host())


def _submit(request, post) -> None:
    """Submit a saved post and say what became of it; a refusal is ``Refused`` with its words."""
    done = posts.submit_post(post, address=throttle.client_address(request), site_host=request.get_host())
    messages.success(request, SUBMITTED[done.status])


def _initial(post: Post | None) -> dict:
    if post is None:
        return {}
    return {"title": post.title, "body": post.body, "place": post.place_label}


def _edit(request, contributor, post):
    if request.method != "POST":
        return _page(request, contributor, post, PostForm(initial=_initial(post)))
    form = PostForm(request.POST)
    if not form.is_valid():
        return _page(request, contributor, post, form, status=400)
    action = request.POST.get("action", "save")
    if action == "preview":
        html = mark_safe(render_markdown(form.cleaned_data["body"], request.get_host()))  # sanitised
        return _page(request, contributor, post, form, preview=html)
    try:
        post = _save(request, contributor, post, form.cleaned_data)
    except CityRefused as refused:
        form.add_error("place", str(refused))
        return _page(request, contributor, post, form, choices=refused.choices, status=400)
    except Refused as refused:
        form.add_error(None, str(refused))
        return _page(request, contributor, post, form, status=400)
    if action == "submit":
        return _submit_and_show(request, contributor, post)
    messages.success(request, "Saved.")
    return redirect("write_post", pk=post.pk)


def _submit_and_show(request, contributor, post):
    try:
        _submit(request, post)
    except posts.RateLimited as refused:
        return _refusal(request, contributor, post, str(refused), 429)
    except posts.SubmitRefused as refused:
        return _refusal(request, contributor, post, str(refused), 403)
    except Refused as refused:  # Conflict is a Refused too: this post cannot be submitted now
        return _refusal(request, contributor, post, str(refused), 409)
    return redirect("write_post", pk=post.pk)


def _refusal(request, contributor, post, message: str, status: int):
    """The post is saved; the page says, in the refusal's words, why it was not submitted."""
    post.refresh_from_db()
    return _with_error(request, contributor, post, message, status)


def _with_error(request, contributor, post, message, status):
    form = PostForm(data=_initial(post))
    form.is_valid()
    form.add_error(None, message)
    return _page(request, contributor, post, form, status=status)


@contributor_only
def new_post(request, contributor):
    """An empty editor; nothing is stored until Save draft or Submit."""
    return _edit(request, contributor, None)


@contributor_only
def edit_post(request, contributor, pk: int):
    return _edit(request, contributor, _own_post(contributor, pk))


@contributor_only
@require_POST
def add_image(request, contributor, pk: int):
    """Add an image (rebuilt from its pixels by ``attach_image``); a refusal is shown in words."""
    post = _own_post(contributor, pk)
    form = ImageForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            posts.attach_image(post, form.cleaned_data["file"].read(), form.cleaned_data["caption"],
                               form.cleaned_data["credit"])
        except (ValueError, Refused) as refused:  # UploadRefused is a ValueError
            form.add_error("file", str(refused))
        else:
            messages.success(request, "Image added.")
            return redirect("write_post", pk=post.pk)
    return _page(request, contributor, post, PostForm(initial=_initial(post)), image_form=form, status=400)


@contributor_only
@require_POST
def delete_post(request, contributor, pk: int):
    post = _own_post(contributor, pk)
    try:
        posts.delete_post(post)
    except Refused as refused:
        return _with_error(request, contributor, post, str(refused), 409)
    messages.success(request, f"Deleted “{post.title}”.")
    return redirect("write")
