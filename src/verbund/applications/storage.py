"""Private file storage for uploads: the ``private`` entry of ``STORAGES``.

It lies below ``VERBUND_PRIVATE_ROOT`` and has no URL: files are only streamed
by views that checked access, never served by the web server.
"""

from __future__ import annotations

from django.core.files.storage import FileSystemStorage, Storage, storages


class PrivateFileSystemStorage(FileSystemStorage):
    """A file system storage whose files have no URL at all."""

    def url(self, name: str | None) -> str:
        raise NotImplementedError("Private files have no URL; stream them through a view.")


def private_storage() -> Storage:
    return storages["private"]
