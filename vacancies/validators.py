"""Checks on files employers upload. A company logo is judged by its content, never by its
name or the browser's content type, and is re-encoded before it is stored, so what we serve
is an image Pillow wrote (no metadata, no trailing payload), under a name we chose."""

from __future__ import annotations

import io
import secrets
import warnings
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.template.defaultfilters import filesizeformat
from PIL import Image, ImageOps, UnidentifiedImageError

# Pillow format name -> file extension of what we store.
LOGO_FORMATS = {"PNG": "png", "JPEG": "jpg", "WEBP": "webp"}
# A logo is shown at most a few hundred pixels wide; this also bounds decoding memory (~16 MB RGBA).
LOGO_MAX_SIDE = 2000


@dataclass(frozen=True)
class CheckedLogo:
    format: str
    width: int
    height: int


def _max_bytes() -> int:
    return settings.LOGO_MAX_BYTES


def validate_logo(upload) -> CheckedLogo:
    """Raise ValidationError unless `upload` is a PNG, JPEG or WebP image within the size limits."""
    size = getattr(upload, "size", None)
    if size is None:
        raise ValidationError("The logo could not be read. Please upload it again.", code="unreadable")
    if size == 0:
        raise ValidationError("The logo file is empty.", code="empty")
    if size > _max_bytes():
        raise ValidationError(
            "The logo is %(size)s; the limit is %(limit)s. Please upload a smaller image.",
            code="too_large",
            params={"size": filesizeformat(size), "limit": filesizeformat(_max_bytes())},
        )
    not_an_image = ValidationError("Upload a PNG, JPEG or WebP image.", code="invalid_image")
    try:
        upload.seek(0)
        with warnings.catch_warnings():
            # Pillow warns (and above twice the limit raises) on decompression bombs: refuse both.
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(upload) as image:
                if image.format not in LOGO_FORMATS:
                    raise not_an_image
                width, height = image.size
                if width > LOGO_MAX_SIDE or height > LOGO_MAX_SIDE:
                    raise ValidationError(
                        "The logo is %(width)s by %(height)s pixels; at most %(max)s by %(max)s is allowed.",
                        code="too_many_pixels",
                        params={"width": width, "height": height, "max": LOGO_MAX_SIDE},
                    )
                if width < 1 or height < 1:
                    raise not_an_image
                image.verify()
                checked = CheckedLogo(format=image.format, width=width, height=height)
            # verify() does not decode pixel data; decoding catches truncated or corrupt files.
            upload.seek(0)
            with Image.open(upload) as image:
                image.load()
    except ValidationError:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise ValidationError("The logo's dimensions are far too large.", code="too_many_pixels") from exc
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, EOFError) as exc:
        raise not_an_image from exc
    finally:
        upload.seek(0)
    return checked


def sanitised_logo(upload) -> ContentFile:
    """Re-encode a validated logo in its own format, without metadata, under a random name."""
    checked = validate_logo(upload)
    with Image.open(upload) as source:
        image = ImageOps.exif_transpose(source) if checked.format == "JPEG" else source.copy()
    buffer = io.BytesIO()
    if checked.format == "JPEG":
        image.convert("RGB").save(buffer, format="JPEG", quality=90, optimize=True)
    elif checked.format == "PNG":
        if image.mode not in {"1", "L", "LA", "P", "RGB", "RGBA"}:
            image = image.convert("RGBA")
        image.save(buffer, format="PNG", optimize=True)
    else:
        image = image.convert("RGBA" if "A" in image.getbands() else "RGB")
        image.save(buffer, format="WEBP", quality=90)
    upload.seek(0)
    return ContentFile(buffer.getvalue(), name=f"{secrets.token_hex(16)}.{LOGO_FORMATS[checked.format]}")
