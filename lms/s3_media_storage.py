"""django-storages' S3 storage, failing the way the local folder does.

Callers already treat `OSError` as "the file storage did not answer" (the certificate views answer 503 and the render
task retries) and `FileNotFoundError` as "the file is gone". botocore raises its own exceptions instead, which would
turn a bucket that is down or refuses our keys into a 500 page or a render given up for good; this class translates.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from botocore.exceptions import BotoCoreError, ClientError
from storages.backends.s3 import S3Storage


@contextmanager
def storage_errors_as_os_errors(name: str) -> Iterator[None]:
    try:
        yield
    except ClientError as error:
        answer = error.response.get("Error", {})
        status = error.response.get("ResponseMetadata", {}).get("HTTPStatusCode")
        if status == 404:
            raise FileNotFoundError(f"{name} is not in the bucket") from error
        raise OSError(f"The S3 server refused {error.operation_name} for {name}: HTTP {status} "
                      f"{answer.get('Code', '')} {answer.get('Message', '')}".rstrip()) from error
    except BotoCoreError as error:  # no connection, timeouts, unreadable answers
        raise OSError(f"The S3 server could not be reached for {name}: {error}") from error


class PrivateS3Storage(S3Storage):
    """S3Storage whose storage failures are OSError (missing objects FileNotFoundError), as FileSystemStorage's are."""

    def _open(self, name, mode="rb"):
        with storage_errors_as_os_errors(name):
            return super()._open(name, mode)

    def _save(self, name, content):
        with storage_errors_as_os_errors(name):
            return super()._save(name, content)

    def delete(self, name):
        with storage_errors_as_os_errors(name):
            return super().delete(name)

    def exists(self, name):
        with storage_errors_as_os_errors(name):
            return super().exists(name)

    def size(self, name):
        with storage_errors_as_os_errors(name):
            return super().size(name)
