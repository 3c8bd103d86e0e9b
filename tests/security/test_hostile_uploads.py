"""Hostile uploads through the real HTTP forms: the profile CV upload, the CV sent with an application
and the company logo. Requests are built byte by byte (multipart bodies written here, not by the test
client, which would tidy the file names), so the server sees exactly what an attacker would send.

Every hostile file must be refused with a message the person can read (a 4xx or a form error, never
a 5xx), and nothing may be stored: no new file under PRIVATE_STORAGE_ROOT or MEDIA_ROOT, no database
change. Valid content under a hostile name is stored (or refused) under a server-generated name only.
"""

from __future__ import annotations

import io
import re
import secrets
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils.html import escape
from PIL import Image

from accounts.models import CandidateProfile
from tests.security import world as w
from tests.security.conftest import DETAILS, count
from tests.support.hostile_files import MINIMAL_PDF, hostile_cv_files, hostile_file_names, hostile_logo_files
from vacancies.models import Application, Company

pytestmark = [pytest.mark.django_db]

SUITE = "hostile uploads"
FORMS = ("profile CV", "application CV", "company logo")


def corpus() -> list[tuple[str, str, bytes]]:
    return [*hostile_cv_files(), *hostile_logo_files()]


CORPUS_IDS = [label for label, _name, _content in corpus()]
# The one corpus file that is genuinely valid for one form: a real PNG (named .pdf) is a valid logo.
GENUINE = {("company logo", "PNG image renamed .pdf")}


def multipart(fields: dict[str, str | list[str]], files: list[tuple[str, str, bytes]]) -> tuple[bytes, str]:
    """A multipart/form-data body with file names exactly as given (quotes, CR/LF, folders and all)."""
    boundary = f"----hostile{secrets.token_hex(8)}"
    body = io.BytesIO()
    for name, value in fields.items():
        for item in value if isinstance(value, list) else [value]:
            body.write(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n'.encode())
            body.write(str(item).encode() + b"\r\n")
    for field, filename, content in files:
        body.write(f"--{boundary}\r\n".encode())
        body.write(f'Content-Disposition: form-data; name="{field}"; filename="{filename}"\r\n'.encode())
        body.write(b"Content-Type: application/octet-stream\r\n\r\n")
        body.write(content + b"\r\n")
    body.write(f"--{boundary}--\r\n".encode())
    return body.getvalue(), f"multipart/form-data; boundary={boundary}"


def files_under(*roots: Path) -> set[Path]:
    return {p for root in roots if Path(root).exists() for p in Path(root).rglob("*") if p.is_file()}


def stored_files() -> set[Path]:
    return files_under(settings.PRIVATE_STORAGE_ROOT, settings.MEDIA_ROOT)


@pytest.fixture
def world():
    return w.build_world()


# One client for the module (a new client rebuilds the middleware chain, the slow part of a request);
# a crash must show up as a 500, which the tests refuse.
CLIENT = Client(raise_request_exception=False)


@pytest.fixture
def raw_client():
    CLIENT.cookies.clear()
    return CLIENT


class Target:
    """One upload form: who posts it, where, with which other fields, and how to read its answer."""

    def __init__(self, form: str, world: w.World):
        self.form = form
        self.world = world

    @property
    def user(self):
        # B has not applied to X's vacancy yet, so the apply form is open to B.
        return {"profile CV": self.world.cand_a, "application CV": self.world.cand_b}.get(self.form, self.world.emp_x)

    @property
    def url(self) -> str:
        if self.form == "profile CV":
            return reverse("accounts:profile")
        if self.form == "application CV":
            return reverse("vacancies:apply", args=[self.world.vacancy_x.slug])
        return reverse("employers:company")

    @property
    def file_field(self) -> str:
        return {"profile CV": "cv", "application CV": "cv_file"}.get(self.form, "logo")

    def fields(self) -> dict:
        if self.form == "profile CV":
            return {**w.profile_data(headline="Typed with a hostile CV"), "action": "upload_cv"}
        if self.form == "application CV":
            return {"cv_source": "upload", "cover_letter": "Please consider me."}
        company = self.world.company_x
        return {"name": company.name, "website": company.website, "industry": str(company.industry_id or "")}

    def state(self) -> dict:
        """What an accepted upload would change in the database."""
        profile = CandidateProfile.objects.filter(user=self.world.cand_a).values().get()
        profile.pop("updated_at")
        return {
            "profile": profile,
            "applications": list(Application.objects.order_by("pk").values_list("pk", "cv")),
            "company": Company.objects.filter(pk=self.world.company_x.pk).values().get(),
        }

    def error_messages(self, response) -> list[str]:
        context = response.context
        if context is None:
            return []
        form = context.get("form")
        if form is None:
            return []
        return [str(e) for e in form.errors.get(self.file_field, [])] + [str(e) for e in form.non_field_errors()]

    def post(self, client, filename: str, content: bytes, *, extra_files: int = 0):
        client.force_login(self.user)
        files = [(self.file_field, filename, content)] * (1 + extra_files)
        body, content_type = multipart(self.fields(), files)
        return client.post(self.url, data=body, content_type=content_type)


@pytest.mark.parametrize("form", FORMS)
@pytest.mark.parametrize(("label", "filename", "content"), corpus(), ids=CORPUS_IDS)
def test_hostile_file_is_refused_with_a_message_and_nothing_is_stored(
    world, raw_client, form, label, filename, content
):
    target = Target(form, world)
    files_before, state_before = stored_files(), target.state()
    count(SUITE, f"{form} tried")
    response = target.post(raw_client, filename, content)
    assert response.status_code < 500, f"{label}: {response.status_code}"
    if (form, label) in GENUINE:
        # A real image is a fine logo whatever it is called: stored re-encoded, under a name we chose.
        assert response.status_code == 302
        assert STORED_NAME[form].match(stored_name(form, world))
        count(SUITE, f"{form} accepted as genuine")
        return
    messages = target.error_messages(response)
    assert messages, f"{label} through the {form} form was not refused (HTTP {response.status_code})"
    html = response.content.decode()
    assert any(escape(message) in html for message in messages), "the refusal must be shown on the page"
    assert response.status_code in (200, 400)
    assert stored_files() == files_before, f"{label}: a file was stored"
    assert target.state() == state_before, f"{label}: the database changed"
    count(SUITE, f"{form} rejected")


def png_bytes() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (32, 32), (200, 30, 30)).save(buffer, format="PNG")
    return buffer.getvalue()


STORED_NAME = {
    "profile CV": re.compile(r"^cvs/[0-9a-f]{32}\.pdf$"),
    "application CV": re.compile(r"^applications/[0-9a-f]{32}\.pdf$"),
    "company logo": re.compile(r"^logos/[0-9a-f]{32}\.png$"),
}


def stored_name(form: str, world: w.World) -> str:
    if form == "profile CV":
        return CandidateProfile.objects.get(user=world.cand_a).cv.name
    if form == "application CV":
        application = Application.objects.filter(candidate=world.cand_b, vacancy=world.vacancy_x).first()
        return application.cv.name if application else ""
    return Company.objects.get(pk=world.company_x.pk).logo.name


@pytest.mark.parametrize("form", FORMS)
@pytest.mark.parametrize(
    ("label", "filename", "content"), hostile_file_names(), ids=[n[0] for n in hostile_file_names()]
)
def test_valid_content_under_a_hostile_name_gets_a_server_generated_name(
    world, raw_client, tmp_path, form, label, filename, content
):
    if form == "company logo":
        filename, content = filename.replace(".pdf", ".png"), png_bytes()
    target = Target(form, world)
    before = stored_files()
    outside_before = files_under(tmp_path.parent)
    count(SUITE, "hostile names tried")
    response = target.post(raw_client, filename, content)
    assert response.status_code < 500
    new_files = stored_files() - before
    if response.status_code == 302:
        name = stored_name(form, world)
        assert STORED_NAME[form].match(name), name
        root = Path(settings.MEDIA_ROOT if form == "company logo" else settings.PRIVATE_STORAGE_ROOT)
        assert new_files == {root / name}
        count(SUITE, "hostile names stored under a generated name")
        DETAILS[SUITE].append(f"{form}, {label}: stored as {name}")
    else:
        assert target.error_messages(response), f"{label}: refused without a message"
        assert new_files == set()
        count(SUITE, "hostile names refused")
        DETAILS[SUITE].append(f"{form}, {label}: refused ({target.error_messages(response)[0][:70]})")
    # Nothing was written anywhere else (a path traversal would land next to this test's folder).
    assert files_under(tmp_path.parent) - outside_before == new_files


@pytest.mark.parametrize(
    ("label", "filename", "content"), hostile_file_names()[:4], ids=[n[0] for n in hostile_file_names()[:4]]
)
def test_download_name_of_a_hostile_named_cv_is_plain(world, raw_client, label, filename, content):
    """When a hostile name is accepted, the name offered back on download has no folders or control characters."""
    Target("profile CV", world).post(raw_client, filename, content)
    response = raw_client.get(reverse("accounts:cv_download"))
    assert response.status_code == 200
    disposition = response["Content-Disposition"]
    offered = re.search(r'filename="?([^";]*)', disposition).group(1)
    assert offered.endswith(".pdf")
    assert not set(offered) & set('/\\\r\n\x00\x07"')
    b"".join(response.streaming_content)


@pytest.mark.parametrize("form", FORMS)
def test_too_many_files_in_one_request_is_400(world, raw_client, form):
    target = Target(form, world)
    files_before, state_before = stored_files(), target.state()
    valid = png_bytes() if form == "company logo" else MINIMAL_PDF
    extension = ".png" if form == "company logo" else ".pdf"
    count(SUITE, "too-many-files requests tried")
    response = target.post(raw_client, f"file{extension}", valid, extra_files=settings.DATA_UPLOAD_MAX_NUMBER_FILES)
    assert response.status_code == 400
    assert stored_files() == files_before
    assert target.state() == state_before
    count(SUITE, "too-many-files requests rejected")


@pytest.mark.parametrize("form", FORMS)
def test_as_many_files_as_allowed_is_not_refused_for_the_count(world, raw_client, form):
    """The control for the test above: the limit itself is not what refuses a normal upload."""
    target = Target(form, world)
    valid = png_bytes() if form == "company logo" else MINIMAL_PDF
    extension = ".png" if form == "company logo" else ".pdf"
    response = target.post(raw_client, f"file{extension}", valid, extra_files=settings.DATA_UPLOAD_MAX_NUMBER_FILES - 1)
    assert response.status_code == 302


def test_oversized_form_fields_are_400_and_nothing_is_stored(world, raw_client):
    """A body of plain fields larger than DATA_UPLOAD_MAX_MEMORY_SIZE is refused before any view runs."""
    target = Target("application CV", world)
    before = stored_files(), target.state()
    raw_client.force_login(world.cand_b)
    huge = "x" * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 1)
    response = raw_client.post(target.url, {"cv_source": "profile", "cover_letter": huge})
    assert response.status_code == 400
    assert (stored_files(), target.state()) == before
