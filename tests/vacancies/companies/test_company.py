"""Company profile and its logo: judged by content and size, stored re-encoded under a
name we choose; hostile files are refused with a message and change nothing."""

from __future__ import annotations

import io
import random
import struct
import zlib

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from tests import factories
from vacancies import services
from vacancies.models import Company

pytestmark = pytest.mark.django_db

URL = reverse("employers:company")


def image_bytes(fmt: str = "PNG", size=(120, 120), mode="RGB", **save) -> bytes:
    buffer = io.BytesIO()
    Image.new(mode, size, (31, 42, 90) if mode == "RGB" else 0).save(buffer, format=fmt, **save)
    return buffer.getvalue()


def png_header_only(width: int, height: int) -> bytes:
    """A tiny PNG that claims huge dimensions (a decompression bomb's header)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    idat = zlib.compress(b"\x00" * 64)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", idat) + chunk(b"IEND", b"")


def upload(content: bytes, name: str = "logo.png", content_type: str = "image/png") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type=content_type)


def form_data(company: Company, **overrides):
    data = {
        "name": company.name,
        "website": company.website,
        "industry": company.industry_id or "",
        "size": company.size,
        "description": company.description,
    }
    data.update(overrides)
    return data


def test_employer_edits_the_company(client, employer, company):
    client.force_login(employer)
    response = client.post(
        URL,
        form_data(
            company,
            name="Lumen Health",
            website="https://lumen.example",
            industry=factories.industry("healthcare").pk,
            size="251-1000",
            description="Clinical workflow software.",
        ),
    )
    assert response.status_code == 302
    company.refresh_from_db()
    assert (company.name, company.website, company.industry.slug, company.size) == (
        "Lumen Health",
        "https://lumen.example",
        "healthcare",
        "251-1000",
    )


def test_renaming_keeps_the_slug(client, employer, company):
    slug = company.slug
    client.force_login(employer)
    client.post(URL, form_data(company, name="A New Name"))
    company.refresh_from_db()
    assert (company.name, company.slug) == ("A New Name", slug)


def test_colleague_edits_the_same_company(client, colleague, company):
    client.force_login(colleague)
    client.post(URL, form_data(company, description="Edited by a colleague."))
    company.refresh_from_db()
    assert company.description == "Edited by a colleague."


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"name": ""}, "name", "required"),
        ({"name": "   "}, "name", "required"),
        ({"name": "x" * 121}, "name", "at most 120"),
        ({"website": "javascript:alert(1)"}, "website", "valid URL"),
        ({"size": "huge"}, "size", "valid choice"),
        ({"industry": 987654}, "industry", "valid choice"),
        ({"description": "x" * 5001}, "description", "at most 5000"),
    ],
)
def test_bad_company_input_changes_nothing(client, employer, company, overrides, field, message):
    client.force_login(employer)
    before = Company.objects.filter(pk=company.pk).values().get()
    response = client.post(URL, form_data(company, **overrides))
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert any(message in e for e in errors[field]), errors
    assert Company.objects.filter(pk=company.pk).values().get() == before


@pytest.mark.parametrize(
    ("fmt", "ext", "save"), [("PNG", "png", {}), ("JPEG", "jpg", {"quality": 80}), ("WEBP", "webp", {})]
)
def test_logo_is_accepted_and_stored_re_encoded_under_our_name(client, employer, company, fmt, ext, save):
    client.force_login(employer)
    content = image_bytes(fmt, **save)
    response = client.post(URL, {**form_data(company), "logo": upload(content, name="../../evil name.php")})
    assert response.status_code == 302
    company.refresh_from_db()
    name = company.logo.name
    assert name.startswith("logos/")
    assert name.endswith(f".{ext}")
    assert "evil" not in name
    assert ".php" not in name
    with default_storage.open(name) as stored, Image.open(stored) as image:
        assert (image.format, image.size) == (fmt, (120, 120))
    page = client.get(reverse("employers:dashboard")).content.decode()
    assert f'src="{company.logo.url}"' in page
    assert f'alt="{company.name} logo"' in page


def test_trailing_payload_and_metadata_are_dropped(client, employer, company):
    exif = Image.Exif()
    exif[0x010E] = "secret description"  # ImageDescription
    hostile = image_bytes("JPEG", exif=exif.tobytes()) + b"<script>alert(1)</script>"
    client.force_login(employer)
    client.post(URL, {**form_data(company), "logo": upload(hostile, name="logo.jpg", content_type="image/jpeg")})
    company.refresh_from_db()
    with default_storage.open(company.logo.name) as stored:
        data = stored.read()
    assert b"<script>" not in data
    assert b"secret description" not in data


@pytest.mark.parametrize(
    ("content", "name", "message"),
    [
        (b"just some text, not an image", "logo.png", "PNG, JPEG or WebP"),
        (b"<svg xmlns='http://www.w3.org/2000/svg'><script>alert(1)</script></svg>", "logo.svg", "PNG, JPEG or WebP"),
        (b"%PDF-1.4\n%%EOF\n", "logo.png", "PNG, JPEG or WebP"),
        (b"GIF89a" + b"\x00" * 40, "logo.gif", "PNG, JPEG or WebP"),
        (None, "logo.gif", "PNG, JPEG or WebP"),  # a real GIF
        (None, "logo.bmp", "PNG, JPEG or WebP"),  # a real BMP
        (b"", "logo.png", "empty"),
        (png_header_only(9_000, 9_000), "logo.png", "9000 by 9000 pixels"),
        (png_header_only(2001, 10), "logo.png", "2001 by 10 pixels"),
        (png_header_only(60_000, 60_000), "logo.png", "far too large"),
        (image_bytes("PNG")[:60], "logo.png", "PNG, JPEG or WebP"),  # truncated
        (image_bytes("JPEG")[:-200], "logo.jpg", "PNG, JPEG or WebP"),  # truncated
    ],
    ids=[
        "text",
        "svg",
        "pdf",
        "gif-magic",
        "gif",
        "bmp",
        "empty",
        "bomb-9k",
        "too-wide",
        "bomb-60k",
        "png-cut",
        "jpg-cut",
    ],
)
def test_hostile_logo_is_refused_and_nothing_changes(client, employer, company, content, name, message):
    if content is None:
        content = image_bytes("GIF" if name.endswith(".gif") else "BMP")
    client.force_login(employer)
    before = Company.objects.filter(pk=company.pk).values().get()
    response = client.post(URL, {**form_data(company, name="Should not save"), "logo": upload(content, name=name)})
    assert response.status_code == 200
    errors = response.context["form"].errors["logo"]
    assert any(message in e for e in errors), errors
    assert Company.objects.filter(pk=company.pk).values().get() == before
    assert not default_storage.exists("logos") or default_storage.listdir("logos") == ([], [])


def test_oversize_logo_is_refused(client, employer, company, settings):
    settings.LOGO_MAX_BYTES = 10_000
    noisy = Image.frombytes("RGB", (200, 200), random.Random(4).randbytes(200 * 200 * 3))
    buffer = io.BytesIO()
    noisy.save(buffer, format="PNG")
    assert buffer.tell() > 10_000
    client.force_login(employer)
    response = client.post(URL, {**form_data(company), "logo": upload(buffer.getvalue())})
    assert response.status_code == 200
    assert any("the limit is 9.8\xa0KB" in e for e in response.context["form"].errors["logo"])
    company.refresh_from_db()
    assert not company.logo


def test_replacing_or_removing_a_logo_deletes_the_old_file(
    client, employer, company, django_capture_on_commit_callbacks
):
    client.force_login(employer)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(URL, {**form_data(company), "logo": upload(image_bytes("PNG"))})
    company.refresh_from_db()
    first = company.logo.name
    with django_capture_on_commit_callbacks(execute=True):
        client.post(URL, {**form_data(company), "logo": upload(image_bytes("WEBP"), name="new.webp")})
    company.refresh_from_db()
    second = company.logo.name
    assert second != first
    assert not default_storage.exists(first)
    assert default_storage.exists(second)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(URL, {**form_data(company), "remove_logo": "on"})
    company.refresh_from_db()
    assert not company.logo
    assert not default_storage.exists(second)


def test_upload_and_remove_together_is_refused(client, employer, company):
    services.company_update(company=company, by=employer, logo=upload(image_bytes("PNG")))
    company.refresh_from_db()
    kept = company.logo.name
    client.force_login(employer)
    response = client.post(URL, {**form_data(company), "remove_logo": "on", "logo": upload(image_bytes("PNG"))})
    assert response.status_code == 200
    assert "remove_logo" in response.context["form"].errors
    company.refresh_from_db()
    assert company.logo.name == kept


def test_company_update_service_checks_who_asks(company, other_employer, candidate):
    for outsider in (other_employer, candidate):
        with pytest.raises(services.WorkflowError):
            services.company_update(company=company, by=outsider)
