"""Where uploaded files live: this machine's disk (the embedded default) or S3-compatible buckets, so that
more than one web machine can serve them (django-storages).

    FILE_STORAGE=s3
    S3_MEDIA_BUCKET=northstar-media        public logos, served by URL (the bucket, or S3_MEDIA_URL's CDN)
    S3_PRIVATE_BUCKET=northstar-private    CVs: no public access; only streamed through the permission-checked views
    S3_ENDPOINT_URL=https://...            for an S3-compatible service other than AWS (path-style addressing)
    S3_REGION, S3_ACCESS_KEY_ID, S3_SECRET_ACCESS_KEY    empty: boto3's own chain (instance role, AWS_*, ~/.aws)
    S3_MEDIA_URL=https://media.example     the public base URL of the logos, when a CDN or custom domain fronts them
"""

from __future__ import annotations

from django.core.exceptions import ImproperlyConfigured


def _origin(url: str) -> str:
    return "/".join(url.rstrip("/").split("/")[:3])


def file_storages(env, kind: str, storages: dict) -> tuple[dict, str]:
    """(STORAGES, the origin logos are served from when it is not this site: for the Content-Security-Policy)."""
    if kind == "local":
        return storages, ""
    if kind != "s3":
        raise ImproperlyConfigured("FILE_STORAGE must be 'local' or 's3'.")
    media_bucket = env.str("S3_MEDIA_BUCKET")
    private_bucket = env.str("S3_PRIVATE_BUCKET")
    if media_bucket == private_bucket:
        raise ImproperlyConfigured("S3_PRIVATE_BUCKET (CVs) must not be the public S3_MEDIA_BUCKET (logos).")
    endpoint = env.str("S3_ENDPOINT_URL", "") or None
    media_url = env.str("S3_MEDIA_URL", "").rstrip("/")
    common = {
        "endpoint_url": endpoint,
        "region_name": env.str("S3_REGION", "") or None,
        "access_key": env.str("S3_ACCESS_KEY_ID", "") or None,
        "secret_key": env.str("S3_SECRET_ACCESS_KEY", "") or None,
        "file_overwrite": False,
        "addressing_style": env.str("S3_ADDRESSING_STYLE", "path" if endpoint else "auto"),
    }
    media = {**common, "bucket_name": media_bucket, "querystring_auth": False}
    if media_url:
        protocol, _, domain = media_url.partition("://")
        media.update(custom_domain=domain, url_protocol=f"{protocol}:")
    storages = {
        **storages,
        "default": {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": media},
        "private": {
            "BACKEND": "accounts.s3_storage.PrivateS3Storage",
            "OPTIONS": {**common, "bucket_name": private_bucket, "default_acl": "private"},
        },
    }
    if media_url:
        origin = _origin(media_url)
    elif endpoint:
        origin = _origin(endpoint)
    else:
        origin = f"https://{media_bucket}.s3.amazonaws.com"
    return storages, origin
