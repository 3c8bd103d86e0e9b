"""Private storage for CVs in an S3-compatible bucket (FILE_STORAGE=s3, recruitment/config/file_storage.py).

Its own module so that boto3 is imported only where it is configured."""

from storages.backends.s3 import S3Storage


class PrivateS3Storage(S3Storage):
    """CVs in a private bucket: no URL, presigned or not; the permission-checked views stream them
    (accounts.files.private_file_response)."""

    def url(self, name, *args, **kwargs):
        raise ValueError("Private files have no public URL; serve them through a permission-checked view.")
