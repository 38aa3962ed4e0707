"""Checking citizens' uploads before they are stored.

:func:`inspect_upload` accepts a file only when its *content* is one of the
accepted types; the name and the content type the browser declared are never
trusted. A type is recognised twice: by its signature (``puremagic``) and by an
exact check (a PDF starts with ``%PDF-`` and ends with ``%%EOF``; an image is
opened by Pillow and verified). Empty and too large files are rejected, the
file name is cleaned for display and metadata, and the content is scanned with
ClamAV when ``settings.VERBUND_CLAMD`` is set. When the scanner does not give a
verdict the upload is rejected (fail closed).

Every rejection is an :class:`UploadRejected` whose ``message`` can be shown to
the citizen as it is. See docs/uploads.md.
"""

from __future__ import annotations

import hashlib
import logging
import re
import unicodedata
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import puremagic
from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.utils.formats import number_format
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from PIL import Image

from verbund.core import clamd

__all__ = [
    "DEFAULT_ACCEPT",
    "KNOWN_TYPES",
    "CheckedUpload",
    "UploadRejected",
    "format_size",
    "inspect_upload",
    "max_upload_bytes",
    "sanitize_filename",
    "type_label",
]

logger = logging.getLogger(__name__)

DEFAULT_ACCEPT = ("application/pdf", "image/png", "image/jpeg")

CHUNK_SIZE = 64 * 1024
MAX_FILENAME_LENGTH = 150
FALLBACK_FILENAME = "Datei"
# A PDF reader looks for %%EOF in the last 1024 bytes (ISO 32000, implementation note).
_PDF_TAIL = 1024
_HEAD = 1024
# Seconds for one ClamAV scan unless settings.VERBUND_CLAMD_TIMEOUT says otherwise.
DEFAULT_CLAMD_TIMEOUT = 10.0


class UploadRejected(Exception):
    """An upload that must not be stored; ``message`` is for the citizen (German first).

    ``code`` says why, for callers and logs: ``empty``, ``too_large``, ``type``,
    ``damaged``, ``too_many_pixels``, ``infected`` or ``scanner_unavailable``.
    """

    def __init__(self, message: str, *, code: str, signature: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.code = code
        # The malware signature reported by ClamAV (code "infected" only).
        self.signature = signature


@dataclass(frozen=True)
class CheckedUpload:
    # Cleaned name for display and metadata; never use it as a storage path.
    filename: str
    # The type recognised from the content, one of the accepted types.
    content_type: str
    size: int
    sha256: str


def max_upload_bytes() -> int:
    """The size limit from ``settings.VERBUND_UPLOAD_MAX_MB`` (in MiB, shown as "MB")."""
    return int(settings.VERBUND_UPLOAD_MAX_MB) * 1024 * 1024


# --- types -------------------------------------------------------------------


@dataclass(frozen=True)
class _Content:
    """What the checks look at: the first and last bytes and the (seekable) file."""

    head: bytes
    tail: bytes
    file: UploadedFile


@dataclass(frozen=True)
class _FileType:
    label: str
    # "eine PDF-Datei" / "keine PDF-Datei": for "„x“ ist keine PDF-Datei, sondern ein PNG-Bild."
    a: Promise
    no: Promise
    check: Callable[[_Content], bool]


def _check_pdf(content: _Content) -> bool:
    return (
        re.match(rb"%PDF-[12]\.[0-9]", content.head) is not None
        and b"%%EOF" in content.tail[-_PDF_TAIL:]
    )


def _pillow(fmt: str, *signatures: bytes, decode: bool = False) -> Callable[[_Content], bool]:
    """An exact check: Pillow opens the file as ``fmt`` and verifies it.

    ``verify()`` checks the structure (for PNG every chunk's CRC up to IEND).
    With ``decode`` the image is also decoded, at reduced scale where the format
    allows it (JPEG), which finds truncated data that ``verify()`` misses.
    """

    def check(content: _Content) -> bool:
        if not content.head.startswith(signatures):
            return False
        file = content.file
        try:
            file.seek(0)
            with Image.open(file, formats=[fmt]) as image:
                if image.width * image.height > _max_pixels():
                    raise _TooManyPixels
                image.verify()
            if decode:
                file.seek(0)
                with Image.open(file, formats=[fmt]) as image:
                    image.draft(None, (max(1, image.width // 8), max(1, image.height // 8)))
                    image.load()
        except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
            # Pillow's own limit (the warning is raised where warnings are errors).
            raise _TooManyPixels from exc
        except _TooManyPixels:
            raise
        except Exception:  # any failure to read untrusted data means "not this type"
            return False
        finally:
            file.seek(0)
        return True

    return check


class _TooManyPixels(Exception):
    """An image of the right type, but too large to be opened safely (decompression bomb)."""


def _max_pixels() -> int:
    # Pillow's limit (about 89 million pixels: an A4 page scanned at 600 dpi has 35).
    return int(Image.MAX_IMAGE_PIXELS or 89_478_485)


_HEIF_BRANDS = {b"heic", b"heix", b"heim", b"heis", b"hevc", b"hevx", b"mif1", b"msf1"}


def _check_heif(content: _Content) -> bool:
    # ISO base media file: a leading "ftyp" box whose major brand is a HEIF one.
    # Pillow cannot decode HEIF without a plugin, so this is a structural check only.
    head = content.head
    return len(head) >= 12 and head[4:8] == b"ftyp" and head[8:12] in _HEIF_BRANDS


_TYPES: dict[str, _FileType] = {
    "application/pdf": _FileType(
        "PDF", gettext_lazy("eine PDF-Datei"), gettext_lazy("keine PDF-Datei"), _check_pdf
    ),
    "image/png": _FileType(
        "PNG",
        gettext_lazy("ein PNG-Bild"),
        gettext_lazy("kein PNG-Bild"),
        _pillow("PNG", b"\x89PNG\r\n\x1a\n"),
    ),
    "image/jpeg": _FileType(
        "JPEG",
        gettext_lazy("ein JPEG-Bild"),
        gettext_lazy("kein JPEG-Bild"),
        _pillow("JPEG", b"\xff\xd8\xff", decode=True),
    ),
    "image/tiff": _FileType(
        "TIFF",
        gettext_lazy("ein TIFF-Bild"),
        gettext_lazy("kein TIFF-Bild"),
        _pillow("TIFF", b"II*\0", b"MM\0*"),
    ),
    "image/heic": _FileType(
        "HEIC", gettext_lazy("ein HEIC-Bild"), gettext_lazy("kein HEIC-Bild"), _check_heif
    ),
    "image/gif": _FileType(
        "GIF",
        gettext_lazy("ein GIF-Bild"),
        gettext_lazy("kein GIF-Bild"),
        _pillow("GIF", b"GIF87a", b"GIF89a"),
    ),
    "image/webp": _FileType(
        "WebP",
        gettext_lazy("ein WebP-Bild"),
        gettext_lazy("kein WebP-Bild"),
        _pillow("WEBP", b"RIFF"),
    ),
    "image/bmp": _FileType(
        "BMP", gettext_lazy("ein BMP-Bild"), gettext_lazy("kein BMP-Bild"), _pillow("BMP", b"BM")
    ),
}

# Other names for the same types (in ``accept`` and in puremagic's answers).
_ALIASES = {
    "application/x-pdf": "application/pdf",
    "image/jpg": "image/jpeg",
    "image/pjpeg": "image/jpeg",
    "image/x-png": "image/png",
    "image/heif": "image/heic",
    "image/heic-sequence": "image/heic",
    "image/heif-sequence": "image/heic",
    "image/x-ms-bmp": "image/bmp",
    "image/x-bmp": "image/bmp",
}


# Every MIME type ``accept`` may name (for validating form definitions).
KNOWN_TYPES = frozenset(_TYPES) | frozenset(_ALIASES)


def _canonical(content_type: str) -> str:
    content_type = content_type.split(";")[0].strip().lower()
    return _ALIASES.get(content_type, content_type)


def type_label(content_type: str) -> str:
    """The short name people know a type by: "PDF", "PNG", "JPEG", "TIFF", "HEIC", …"""
    known = _TYPES.get(_canonical(content_type))
    if known is not None:
        return known.label
    subtype = content_type.partition("/")[2].split(";")[0].strip()
    return subtype.removeprefix("x-").upper() or content_type


# --- names and sizes -----------------------------------------------------------

_FORBIDDEN_CHARACTERS = frozenset('<>:"|?*')
# Control, format (e.g. U+202E RIGHT-TO-LEFT OVERRIDE, used to disguise
# "rechnung‮fdp.exe") and surrogate characters.
_REMOVED_CATEGORIES = frozenset({"Cc", "Cf", "Cs"})
_MAX_EXTENSION = 16


def sanitize_filename(name: str | None) -> str:
    """A file name fit for display and metadata; never empty, at most 150 characters.

    Only the last path component is kept (``/`` and ``\\`` both count),
    control characters and ``<>:"|?*`` are removed, whitespace is collapsed,
    leading and trailing dots and spaces are dropped. Umlauts stay (NFC, so
    names from macOS compare equal). A long name is shortened before its
    extension.
    """
    text = unicodedata.normalize("NFC", name or "")
    text = re.split(r"[/\\]", text)[-1]
    kept = []
    for char in text:
        if char.isspace():
            kept.append(" ")
        elif char in _FORBIDDEN_CHARACTERS or unicodedata.category(char) in _REMOVED_CATEGORIES:
            continue
        else:
            kept.append(char)
    text = " ".join("".join(kept).split()).strip(" .")
    if len(text) > MAX_FILENAME_LENGTH:
        stem, dot, extension = text.rpartition(".")
        if dot and stem and len(extension) <= _MAX_EXTENSION and " " not in extension:
            extension = "." + extension
        else:
            stem, extension = text, ""
        stem = stem[: MAX_FILENAME_LENGTH - len(extension)].rstrip(" .")
        text = (stem or FALLBACK_FILENAME) + extension
    return text or FALLBACK_FILENAME


def format_size(size: int, *, round_up: bool = False) -> str:
    """A size for people, in the active language's number format: "12,4 MB", "850 KB".

    Units are binary (1 MB = 1024 × 1024 bytes), as Windows shows them. With
    ``round_up`` the last digit is rounded up, so a file just over a limit never
    reads as equal to it; limits are rounded down.
    """
    for unit, factor in (("MB", 1024 * 1024), ("KB", 1024)):
        if size >= factor:
            tenths = -(-size * 10 // factor) if round_up else size * 10 // factor
            value = Decimal(tenths) / 10
            decimals = 0 if tenths % 10 == 0 else 1
            return f"{number_format(value, decimal_pos=decimals)} {unit}"
    return f"{number_format(size)} Byte"


# --- messages ----------------------------------------------------------------


def _join(items: list[str]) -> str:
    if len(items) == 1:
        return items[0]
    # Translators: the end of a list, e.g. "kein PNG-Bild und kein JPEG-Bild".
    return _("%(items)s und %(last)s") % {"items": ", ".join(items[:-1]), "last": items[-1]}


def _negations(accept: Sequence[str]) -> str:
    """The negated type phrases as one list: "keine PDF-Datei, kein PNG- und kein JPEG-Bild".

    Where two neighbours end in the same "-Noun", the first keeps only the hyphen
    (German "Ergänzungsstrich"). Translations without hyphenated nouns are unaffected.
    """
    phrases = [str(_TYPES[content_type].no) for content_type in accept]
    for index in range(len(phrases) - 1):
        word, following = phrases[index], phrases[index + 1]
        hyphen = word.rfind("-")
        noun = word[hyphen:]
        if hyphen > 0 and " " not in noun and len(noun) > 1 and following.endswith(noun):
            phrases[index] = word[: hyphen + 1]
    return _join(phrases)


def _wrong_type_message(name: str, accept: Sequence[str], actual: str | None) -> str:
    values = {
        "name": name,
        "types": _negations(accept),
        "labels": ", ".join(_TYPES[content_type].label for content_type in accept),
    }
    if actual is None:
        message = ngettext(
            "„%(name)s“ ist %(types)s. Erlaubt ist: %(labels)s.",
            "„%(name)s“ ist %(types)s. Erlaubt sind: %(labels)s.",
            len(accept),
        )
    else:
        values["actual"] = str(_TYPES[actual].a)
        message = ngettext(
            "„%(name)s“ ist %(types)s, sondern %(actual)s. Erlaubt ist: %(labels)s.",
            "„%(name)s“ ist %(types)s, sondern %(actual)s. Erlaubt sind: %(labels)s.",
            len(accept),
        )
    return message % values


# --- the check -----------------------------------------------------------------


def inspect_upload(
    uploaded: UploadedFile, *, accept: Sequence[str] = DEFAULT_ACCEPT, max_bytes: int
) -> CheckedUpload:
    """Check an uploaded file; raise :class:`UploadRejected` when it must not be stored.

    ``accept`` lists MIME types (known ones: PDF, PNG, JPEG, TIFF, HEIC, GIF,
    WebP, BMP; another raises ``ValueError``). ``max_bytes`` is the size
    limit, usually :func:`max_upload_bytes`. On success the file is rewound
    so that the caller can save it.
    """
    accepted = _accepted_types(accept)
    name = sanitize_filename(uploaded.name)

    # The size Django counted while receiving: checked before anything is read.
    declared = uploaded.size
    if declared == 0:
        raise UploadRejected(_("„%(name)s“ ist leer.") % {"name": name}, code="empty")
    if declared is not None and declared > max_bytes:
        raise _too_large(name, declared, max_bytes)

    size, sha256, head, tail = _read(uploaded, name, max_bytes)
    if size == 0:
        raise UploadRejected(_("„%(name)s“ ist leer.") % {"name": name}, code="empty")

    content = _Content(head=head, tail=tail, file=uploaded)
    content_type = _recognise(content, name, accepted)

    address = getattr(settings, "VERBUND_CLAMD", "")
    if address:
        _scan(uploaded, name, sha256, address)

    uploaded.seek(0)
    return CheckedUpload(filename=name, content_type=content_type, size=size, sha256=sha256)


def _accepted_types(accept: Sequence[str]) -> list[str]:
    if isinstance(accept, str):
        raise TypeError("accept must be a sequence of MIME types, not a string")
    accepted: list[str] = []
    for content_type in accept:
        canonical = _canonical(content_type)
        if canonical not in _TYPES:
            raise ValueError(f"no content check for the type {content_type!r}")
        if canonical not in accepted:
            accepted.append(canonical)
    if not accepted:
        raise ValueError("accept lists no type")
    return accepted


def _too_large(name: str, size: int, max_bytes: int) -> UploadRejected:
    return UploadRejected(
        _("„%(name)s“ ist %(size)s groß; erlaubt sind höchstens %(limit)s.")
        % {
            "name": name,
            "size": format_size(size, round_up=True),
            "limit": format_size(max_bytes),
        },
        code="too_large",
    )


def _chunks(uploaded: UploadedFile) -> Iterator[bytes]:
    uploaded.seek(0)
    while chunk := uploaded.read(CHUNK_SIZE):
        yield chunk


def _read(uploaded: UploadedFile, name: str, max_bytes: int) -> tuple[int, str, bytes, bytes]:
    """Size, SHA-256, first and last bytes, read in chunks and stopped at the limit."""
    digest = hashlib.sha256()
    size = 0
    head = b""
    tail = b""
    for chunk in _chunks(uploaded):
        size += len(chunk)
        if size > max_bytes:
            # The declared size was wrong (or absent); do not read further.
            raise _too_large(name, size, max_bytes)
        digest.update(chunk)
        if len(head) < _HEAD:
            head += chunk[: _HEAD - len(head)]
        tail = (tail + chunk)[-_PDF_TAIL:]
    return size, digest.hexdigest(), head, tail


def _sniffed(uploaded: UploadedFile) -> list[str]:
    """The known types puremagic recognises by signature, most confident first."""
    uploaded.seek(0)
    try:
        matches: list[Any] = puremagic.magic_stream(uploaded)
    except (puremagic.PureError, ValueError):
        return []
    finally:
        uploaded.seek(0)
    found: list[str] = []
    for match in matches:
        content_type = _canonical(str(match.mime_type or ""))
        if content_type in _TYPES and content_type not in found:
            found.append(content_type)
    return found


def _recognise(content: _Content, name: str, accepted: list[str]) -> str:
    sniffed = _sniffed(content.file)
    for content_type in accepted:
        try:
            if content_type in sniffed and _TYPES[content_type].check(content):
                return content_type
        except _TooManyPixels:
            raise UploadRejected(
                _(
                    "„%(name)s“ hat zu viele Bildpunkte. Bitte speichern oder scannen Sie "
                    "das Bild mit geringerer Auflösung (zum Beispiel 300 dpi)."
                )
                % {"name": name},
                code="too_many_pixels",
            ) from None
    # Rejected. Say as precisely as is safe why: the signature of an accepted
    # type without valid content means a damaged file; another type is named
    # only when its exact check passes.
    for content_type in accepted:
        if content_type in sniffed:
            raise UploadRejected(
                _(
                    "„%(name)s“ lässt sich nicht als %(type)s öffnen; "
                    "die Datei ist beschädigt oder unvollständig."
                )
                % {"name": name, "type": _TYPES[content_type].label},
                code="damaged",
            )
    actual = next(
        (
            content_type
            for content_type in sniffed
            if content_type not in accepted and _is_type(content_type, content)
        ),
        None,
    )
    raise UploadRejected(_wrong_type_message(name, accepted, actual), code="type")


def _is_type(content_type: str, content: _Content) -> bool:
    try:
        return _TYPES[content_type].check(content)
    except _TooManyPixels:
        return True


def _scan(uploaded: UploadedFile, name: str, sha256: str, address: str) -> None:
    timeout = float(getattr(settings, "VERBUND_CLAMD_TIMEOUT", DEFAULT_CLAMD_TIMEOUT))
    try:
        result = clamd.scan_bytes(_chunks(uploaded), address=address, timeout=timeout)
    except clamd.ScannerUnavailable as exc:
        # The citizen's file name is personal data: logs get the hash only.
        logger.error("upload %s not scanned, rejected: %s", sha256, exc)
        raise UploadRejected(
            _(
                "Die Datei konnte gerade nicht auf Viren geprüft werden. "
                "Bitte versuchen Sie es in einigen Minuten erneut."
            ),
            code="scanner_unavailable",
        ) from exc
    finally:
        uploaded.seek(0)
    if not result.clean:
        signature = result.signature or "?"
        logger.warning("upload %s rejected: malware %s", sha256, signature)
        raise UploadRejected(
            _(
                "In „%(name)s“ wurde Schadsoftware gefunden (%(signature)s). "
                "Die Datei wurde nicht gespeichert."
            )
            % {"name": name, "signature": signature},
            code="infected",
            signature=signature,
        )
