"""The /write pages: who may use them, preview, saving, images, submitting and deleting."""

from __future__ import annotations

import io

import pytest
from django.test import Client
from PIL import Image

from localwire.contributors.models import Post
from localwire.testing.factories import ContributorFactory, ContributorPostFactory, StrikeFactory, UserFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fresh_limits")]  # conftest.py


@pytest.fixture
def writer(client):
    contributor = ContributorFactory()
    client.force_login(contributor.user)
    return contributor


def png(name="photo.png") -> io.BytesIO:
    out = io.BytesIO()
    Image.new("RGB", (64, 48), (200, 80, 40)).save(out, "PNG")
    out.seek(0)
    out.name = name
    return out


def test_visitors_log_in_and_readers_are_sent_to_apply(client):
    assert "login?next=/write" in client.get("/write")["Location"]
    client.force_login(UserFactory())
    for path in ("/write", "/write/new"):
        response = client.get(path)
        assert response.status_code == 302 and response["Location"] == "/contributors#apply"


def test_my_posts_list_status_and_hold_reasons(client, writer):
    ContributorPostFactory(contributor=writer, title="Bridge vote", status="held",
                           hold_reasons=["It links to many outside sites."])
    ContributorPostFactory(title="Someone else's post")
    page = client.get("/write").content.decode()
    assert "Bridge vote" in page and "Held" in page and "It links to many outside sites." in page
    assert "Someone else" not in page and 'href="/write/new"' in page


def test_only_the_author_opens_or_changes_a_post(client, writer):
    other = ContributorPostFactory(title="Not yours")
    assert client.get(f"/write/{other.pk}").status_code == 404
    assert client.post(f"/write/{other.pk}", {"title": "Mine now", "action": "save"}).status_code == 404
    assert client.post(f"/write/{other.pk}/delete").status_code == 404
    other.refresh_from_db()
    assert other.title == "Not yours"


def test_preview_renders_sanitised_markdown_without_saving(client, writer):
    body = "## Council\n\n<script>alert(1)</script> [x](javascript:alert(1)) [site](https://example.org)"
    response = client.post("/write/new", {"title": "Draft", "body": body, "action": "preview"})
    page = response.content.decode()
    start = page.index('class="story__body write__preview">')
    preview = page[start:page.index("</div>", start)]
    assert response.status_code == 200 and "<h3>Council</h3>" in preview
    assert "<script>" not in preview and "&lt;script&gt;" in preview and 'href="javascript' not in preview
    assert 'rel="nofollow ugc noopener"' in preview
    assert not Post.objects.exists()


def test_save_draft_then_edit_in_place(client, writer):
    response = client.post("/write/new", {"title": "Bridge vote", "body": "Five to two.", "action": "save",
                                          "place": "Little Rock, Arkansas"})
    post = Post.objects.get()
    assert response["Location"] == f"/write/{post.pk}" and post.status == "draft"
    assert post.place_label.startswith("Little Rock")
    client.post(f"/write/{post.pk}", {"title": "Bridge vote, again", "body": "Six to one.", "action": "save"})
    post.refresh_from_db()
    assert (post.title, post.body, post.place_label) == ("Bridge vote, again", "Six to one.", "")


def test_an_ambiguous_place_is_refused_with_the_choices(client, writer):
    response = client.post("/write/new", {"title": "Fair", "body": "x", "place": "Springfield", "action": "save"})
    assert response.status_code == 400 and "Springfield, Illinois" in response.content.decode()
    assert not Post.objects.exists()


def test_images_are_added_and_refusals_are_said_in_words(client, writer):
    post = ContributorPostFactory(contributor=writer)
    missing = client.post(f"/write/{post.pk}/images", {"file": png(), "caption": "The bridge", "credit": ""})
    assert missing.status_code == 400 and "needs a credit" in missing.content.decode()
    text = io.BytesIO(b"not a picture at all")
    text.name = "notes.png"
    wrong = client.post(f"/write/{post.pk}/images", {"file": text, "caption": "c", "credit": "me"})
    assert wrong.status_code == 400 and "not a JPEG, PNG, WebP or GIF" in wrong.content.decode()
    added = client.post(f"/write/{post.pk}/images", {"file": png(), "caption": "The bridge", "credit": "Me"})
    assert added.status_code == 302 and post.images.get().caption == "The bridge"
    page = client.get(f"/write/{post.pk}").content.decode()
    assert f'src="/media/uploads/{post.images.get().stored_name}"' in page


def test_submit_shows_in_review(client, writer):
    response = client.post("/write/new", {"title": "Bridge vote", "body": "Five to two.", "action": "submit"},
                           follow=True)
    assert Post.objects.get().status == "in_review" and "In review" in response.content.decode()


def test_a_held_post_shows_the_reasons(client, writer):
    links = " ".join(f"[s{n}](https://site{n}.example/)" for n in range(12))
    client.post("/write/new", {"title": "Links", "body": "See these. " + links, "action": "submit"})
    post = Post.objects.get()
    page = client.get(f"/write/{post.pk}").content.decode()
    assert post.status == "held" and post.hold_reasons and post.hold_reasons[0] in page


def test_a_suspended_contributor_sees_the_reason_and_end_date(client, writer):
    StrikeFactory(contributor=writer)
    StrikeFactory(contributor=writer)
    response = client.post("/write/new", {"title": "Bridge", "body": "x", "action": "submit"})
    page = response.content.decode()
    assert response.status_code == 403 and "suspended" in page and " UTC" in page
    assert Post.objects.get().status == "draft"  # saved, not submitted


def test_deleting_a_draft_but_not_a_post_in_review(client, writer):
    draft = ContributorPostFactory(contributor=writer)
    waiting = ContributorPostFactory(contributor=writer, status="in_review")
    assert client.post(f"/write/{draft.pk}/delete")["Location"] == "/write"
    assert client.post(f"/write/{waiting.pk}/delete").status_code == 409
    assert list(Post.objects.all()) == [waiting]


def test_a_published_post_asks_whether_the_edit_is_a_correction(client, writer):
    post = ContributorPostFactory(contributor=writer, status="published")
    assert "Is this a correction?" in client.get(f"/write/{post.pk}").content.decode()
    refused = client.post(f"/write/{post.pk}", {"title": post.title, "body": "Fixed.", "correction": "on",
                                                "action": "save"})
    assert refused.status_code == 400 and "needs a note" in refused.content.decode()


def test_writes_need_the_csrf_token(writer):
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(writer.user)
    assert strict.post("/write/new", {"title": "x", "action": "save"}).status_code == 403
    assert 'name="csrfmiddlewaretoken"' in strict.get("/write/new").content.decode()
    assert not Post.objects.exists()
