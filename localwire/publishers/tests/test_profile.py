"""A manager's profile changes: checked all or nothing, logged with before and after, shown at once;
a logo rebuilt from its pixels and made small."""

from __future__ import annotations

import io

import pytest
from django.core.cache import caches
from PIL import ExifTags, Image

from localwire.articles.uploads import UPLOAD_URL_PREFIX, UploadRefused, uploads_dir
from localwire.publishers.models import Action
from localwire.publishers.profile import LOGO_SIDE, ProfileRefused, remove_logo, set_logo, update_profile
from localwire.sources.models import Publisher
from localwire.testing.factories import ManagerFactory, PublisherFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def manager(settings, tmp_path):
    settings.LOCALWIRE_HOME = tmp_path
    return ManagerFactory(publisher__name="Harbour Gazette", publisher__kind=Publisher.Kind.PAPER)


def camera_jpeg(size=(1600, 900)) -> bytes:
    """A photo as a camera writes it: EXIF naming the camera and where it stood."""
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = "HarbourCam"
    exif.get_ifd(ExifTags.IFD.GPSInfo).update({1: "N", 2: (51.0, 30.0, 0.0)})
    out = io.BytesIO()
    Image.new("RGB", size, (200, 40, 40)).save(out, "JPEG", exif=exif)
    return out.getvalue()


def test_changes_are_saved_and_logged_with_before_and_after(manager):
    publisher = manager.publisher
    changes = update_profile(publisher, manager.user, name="  Harbour   Gazette Daily ", kind="online",
                             about="We cover the harbour.\n\nFounded 1901.", website="https://harbour.example.org/")
    publisher.refresh_from_db()
    assert (publisher.name, publisher.kind, publisher.website) == (
        "Harbour Gazette Daily", "online", "https://harbour.example.org/")
    assert changes["name"] == ["Harbour Gazette", "Harbour Gazette Daily"]
    [logged] = Action.objects.filter(action="profile.update")
    assert logged.user == manager.user and logged.detail["changes"]["kind"] == ["paper", "online"]


def test_nothing_changed_logs_nothing(manager):
    assert update_profile(manager.publisher, manager.user, name="Harbour Gazette") == {}
    assert not Action.objects.exists()


@pytest.mark.parametrize("field, value, words", [
    ("kind", "podcast", "must be one of"),
    ("website", "javascript:alert(1)", "http:// or https://"),
    ("website", "ftp://harbour.example.org/", "http:// or https://"),
    ("name", "   ", "cannot be empty"),
    ("about", "x" * 2001, "longer than 2000"),
])
def test_a_bad_value_saves_nothing(manager, field, value, words):
    with pytest.raises(ProfileRefused, match=words) as refused:
        update_profile(manager.publisher, manager.user, **{"about": "New about", field: value})
    assert refused.value.field == field
    fresh = Publisher.objects.get(pk=manager.publisher.pk)
    assert fresh.about == "" and not Action.objects.exists()


def test_a_name_another_publisher_has_is_refused(manager):
    PublisherFactory(name="Valley Times")
    with pytest.raises(ProfileRefused, match="already goes by"):
        update_profile(manager.publisher, manager.user, name="Valley Times")


def test_about_is_kept_as_plain_text_without_control_characters(manager):
    update_profile(manager.publisher, manager.user, about="<b>Bold</b>\x00 claims\r\nline two")
    assert manager.publisher.about == "<b>Bold</b> claims\nline two"  # escaped wherever it is shown


def test_home_city_is_read_by_the_gazetteer(manager):
    update_profile(manager.publisher, manager.user, home_city="Springfield, Illinois, US")
    assert manager.publisher.home_city.startswith("Springfield")
    with pytest.raises(ProfileRefused) as refused:
        update_profile(manager.publisher, manager.user, home_city="Springfield")
    assert refused.value.field == "home_city" and len(refused.value.choices) > 1


def test_a_logo_is_rebuilt_without_exif_and_made_small(manager):
    url = set_logo(manager.publisher, manager.user, camera_jpeg())
    name = Publisher.objects.get(pk=manager.publisher.pk).logo
    assert url == UPLOAD_URL_PREFIX + name
    data = (uploads_dir() / name).read_bytes()
    assert b"HarbourCam" not in data
    with Image.open(io.BytesIO(data)) as img:
        assert not img.getexif() and max(img.size) == LOGO_SIDE and img.size == (512, 288)
    [logged] = Action.objects.filter(action="profile.logo")
    assert logged.detail["after"] == name and logged.detail["before"] == ""


def test_a_file_that_is_no_picture_is_refused(manager):
    with pytest.raises(UploadRefused):
        set_logo(manager.publisher, manager.user, b"<svg xmlns='http://www.w3.org/2000/svg'><script/></svg>")
    assert Publisher.objects.get(pk=manager.publisher.pk).logo == ""


def test_removing_the_logo_is_logged(manager):
    set_logo(manager.publisher, manager.user, camera_jpeg((64, 64)))
    assert remove_logo(manager.publisher, manager.user)
    assert Publisher.objects.get(pk=manager.publisher.pk).logo == ""
    assert Action.objects.filter(action="profile.logo", detail__after="").exists()


def test_the_public_page_shows_the_change_at_once(manager, client, settings):
    settings.LOCALWIRE_PAGE_CACHE_SECONDS = 60
    caches["pages"].clear()
    page = f"/publisher/{manager.publisher.slug}/"
    assert "Harbour Gazette" in client.get(page, follow=True).content.decode()
    update_profile(manager.publisher, manager.user, name="Harbour Evening News")
    set_logo(manager.publisher, manager.user, camera_jpeg((64, 64)))
    html = client.get(page, follow=True).content.decode()
    assert "Harbour Evening News" in html
    assert f'src="{UPLOAD_URL_PREFIX}{manager.publisher.logo}" alt="Harbour Evening News logo"' in html
