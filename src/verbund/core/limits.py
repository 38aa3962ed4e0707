"""How large a request body may be, per route (docs/operations.md, "Request size").

Three limits, from the settings at the time of the request:

- ``/api/``: the largest body the API accepts, the decision of a specialist
  system with a PDF of ``VERBUND_UPLOAD_MAX_MB`` in Base64 (4/3 of its size)
  plus :data:`API_FIELDS_BYTES` for the other fields. Each API view has its
  own, smaller or equal limit (``verbund.api.partner_views``).
- the pages that accept uploads (``VERBUND_UPLOAD_URL_NAMES``):
  ``VERBUND_UPLOAD_REQUEST_MAX_MB`` for all files of one form together, at
  least one file of the upload limit plus :data:`FORM_FIELDS_BYTES`.
- the archive's pages that take scans and hand-over packages
  (``VERBUND_ARCHIVE_UPLOAD_URL_NAMES``): ``VERBUND_ARCHIVE_REQUEST_MAX_MB``, at
  least one scan of ``VERBUND_ARCHIVE_MAX_FILE_MB`` plus :data:`FORM_FIELDS_BYTES`
  (a scanned volume is far larger than a citizen's proof).
- everything else: ``VERBUND_REQUEST_MAX_KB``.

``core.middleware.RequestSizeLimitMiddleware`` enforces them before a view runs.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

from django.conf import settings
from django.http import HttpRequest
from django.urls import Resolver404, resolve

from verbund.core.uploads import max_upload_bytes

API_PREFIX = "/api/"
# The fields of an API body besides a Base64 document; also the limit of the small writes.
API_FIELDS_BYTES = 64 * 1024
# What a form with files carries besides them: its other fields and the multipart framing.
FORM_FIELDS_BYTES = 1024 * 1024


def base64_length(size: int) -> int:
    """The length of ``size`` bytes in Base64 with padding: four characters per three bytes."""
    return 4 * (-(-size // 3))


def api_body_limit() -> int:
    """The largest body any API endpoint reads, in bytes."""
    return base64_length(max_upload_bytes()) + API_FIELDS_BYTES


def upload_body_limit() -> int:
    """The largest body of a page that accepts uploads, in bytes."""
    configured = int(settings.VERBUND_UPLOAD_REQUEST_MAX_MB) * 1024 * 1024
    return max(configured, max_upload_bytes() + FORM_FIELDS_BYTES)


def scan_file_limit() -> int:
    """The largest single scan or package the archive takes, in bytes."""
    return int(settings.VERBUND_ARCHIVE_MAX_FILE_MB) * 1024 * 1024


def scan_body_limit() -> int:
    """The largest body of a page of the archive that takes scans, in bytes."""
    configured = int(settings.VERBUND_ARCHIVE_REQUEST_MAX_MB) * 1024 * 1024
    return max(configured, scan_file_limit() + FORM_FIELDS_BYTES)


def page_body_limit() -> int:
    """The largest body of every other request, in bytes."""
    return int(settings.VERBUND_REQUEST_MAX_KB) * 1024


def _view_name(request: HttpRequest) -> str:
    try:
        return resolve(request.path_info).view_name
    except Resolver404:
        return ""


def accepts_uploads(request: HttpRequest) -> bool:
    """Whether the request's URL is one of ``VERBUND_UPLOAD_URL_NAMES`` (namespaced
    URL names such as ``applications:step``)."""
    return _view_name(request) in settings.VERBUND_UPLOAD_URL_NAMES


def accepts_scans(request: HttpRequest) -> bool:
    """Whether the request's URL is one of ``VERBUND_ARCHIVE_UPLOAD_URL_NAMES``."""
    return _view_name(request) in settings.VERBUND_ARCHIVE_UPLOAD_URL_NAMES


class Route(enum.Enum):
    API = "api"
    UPLOAD = "upload"
    SCANS = "scans"
    PAGE = "page"


@dataclass(frozen=True)
class BodyLimit:
    route: Route
    size: int


def body_limit(request: HttpRequest) -> BodyLimit:
    """The kind of the request's route and its limit in bytes."""
    if request.path_info.startswith(API_PREFIX):
        return BodyLimit(Route.API, api_body_limit())
    if accepts_uploads(request):
        return BodyLimit(Route.UPLOAD, upload_body_limit())
    if accepts_scans(request):
        return BodyLimit(Route.SCANS, scan_body_limit())
    return BodyLimit(Route.PAGE, page_body_limit())
