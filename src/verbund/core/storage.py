"""Private file storage for uploads and case files: the ``private`` entry of ``STORAGES``.

It lies below ``VERBUND_PRIVATE_ROOT`` and has no URL: files are only streamed
by views that checked access, never served by the web server.
"""

from __future__ import annotations

from typing import Any

from django.core.files.storage import FileSystemStorage, Storage, storages
from django.core.signals import setting_changed
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


def _reset(*, setting: str, **kwargs: Any) -> None:
    if setting == "STORAGES":
        _private._wrapped = empty  # type: ignore[assignment]


setting_changed.connect(_reset)
