"""Private file storage for uploads and case files: the ``private`` entry of ``STORAGES``.

It lies below ``VERBUND_PRIVATE_ROOT`` and has no URL: files are only streamed
by views that checked access, never served by the web server.
"""

from __future__ import annotations

from typing import Any

from django.core.files import File
from django.core.files.storage import FileSystemStorage, Storage, storages
from django.core.signals import setting_changed
from django.http import FileResponse
from django.utils.functional import LazyObject, empty


class PrivateFileSystemStorage(FileSystemStorage):
    """A file system storage whose files have no URL at all."""

    def url(self, name: str | None) -> str:
        raise NotImplementedError("Private files have no URL; stream them through a view.")


class _PrivateStorage(LazyObject):
    """Resolves ``STORAGES["private"]`` on first use (like Django's default storage),
    so that a model field does not pin the storage configured at import time."""

    def _setup(self) -> None:
        self._wrapped = storages["private"]


_private = _PrivateStorage()


def private_storage() -> Storage:
    return _private  # type: ignore[return-value]


def private_download(file: File[Any], *, filename: str, content_type: str) -> FileResponse:
    """Stream a private file as a download, after the caller checked access: never
    sniffed as another type, never cached."""
    response = FileResponse(
        file.open("rb"), as_attachment=True, filename=filename, content_type=content_type
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


def _reset(*, setting: str, **kwargs: Any) -> None:
    if setting == "STORAGES":
        _private._wrapped = empty  # type: ignore[assignment]


setting_changed.connect(_reset)
