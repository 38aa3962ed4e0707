"""Writes of the archive's description and ingest. Each function takes the acting user
(``None``: the platform, e.g. ``verbund archive-ingest``), is atomic, reports every
problem at once in German (a ``ValidationError`` keyed by the form's field names;
nothing is saved then) and records its audit entry in the archive's authority's chain.

The ingest (:func:`pages_ingest`) keeps each file's master exactly as it arrived
(its SHA-512 is the fixity digest), makes a JPEG derivative and a thumbnail of each of
its pages, appends the pages at the end of the unit and hands them to the text
recognition. A file is stored whole or not at all; a refused file says why and the
rest of the batch goes on.
"""

from __future__ import annotations

import dataclasses
import hashlib
import io
import logging
import re
import uuid
import warnings
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import IO, Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile, File
from django.core.files.uploadedfile import UploadedFile
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import F, Max
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext_lazy
from PIL import Image

from verbund.archive.models import (
    AccessLevel,
    Archive,
    DescriptionLevel,
    Fonds,
    OcrProfile,
    Page,
    Script,
    Unit,
    UnitSource,
)
from verbund.archive.selectors import page_master_images
from verbund.authorities.models import Authority
from verbund.core.actors import Actor
from verbund.core.audit import audit_record, field_changes
from verbund.core.storage import private_storage
from verbund.core.uploads import UploadRejected, inspect_upload, sanitize_filename

__all__ = [
    "ACCEPTED_TYPES",
    "ArchiveDetails",
    "FileOutcome",
    "FondsDescription",
    "IngestResult",
    "ProfileSettings",
    "UnitDescription",
    "archive_adopt_profile",
    "archive_create",
    "archive_update",
    "fonds_create",
    "fonds_update",
    "max_file_bytes",
    "pages_ingest",
    "pages_reorder",
    "profile_create",
    "profile_share",
    "profile_update",
    "unit_create",
    "unit_update",
]

logger = logging.getLogger(__name__)

# What a scan may be: the content decides, never the name (core.uploads).
ACCEPTED_TYPES = ("image/tiff", "image/jpeg", "image/png", "application/pdf")
_EXTENSIONS = {
    "image/tiff": ".tif",
    "image/jpeg": ".jpg",
    "image/png": ".png",
    "application/pdf": ".pdf",
}
DEFAULT_MAX_FILE_MB = 500
# The derivative shown beside the text and served to viewers: wide enough to read
# Fraktur on a screen, a fraction of a 600 dpi master's size.
DERIVATIVE_WIDTH = 2000
DERIVATIVE_QUALITY = 85
THUMBNAIL_BOX = (300, 450)
THUMBNAIL_QUALITY = 80
_CHUNK = 1024 * 1024

_MODEL = re.compile(r"^[A-Za-z0-9_]+(?:\+[A-Za-z0-9_]+)*$")
_ISIL = re.compile(r"^[A-Za-z]{1,4}-[A-Za-z0-9:/\-]{1,11}$")
_LANGUAGE = re.compile(r"^[a-z]{3}(?: [a-z]{3})*$")
FIRST_YEAR = 500


def max_file_bytes() -> int:
    """The largest file the ingest takes (``VERBUND_ARCHIVE_MAX_FILE_MB``, 500 MB)."""
    return int(getattr(settings, "VERBUND_ARCHIVE_MAX_FILE_MB", DEFAULT_MAX_FILE_MB)) * 1024 * 1024


# --- what the forms hand over -------------------------------------------------------------


def _stripped(value: Any) -> Any:
    return dataclasses.replace(
        value,
        **{
            f.name: getattr(value, f.name).strip()
            for f in dataclasses.fields(value)
            if isinstance(getattr(value, f.name), str)
        },
    )


@dataclass(frozen=True)
class ArchiveDetails:
    name: str
    isil: str = ""
    address: str = ""
    email: str = ""


@dataclass(frozen=True)
class ProfileSettings:
    """What an OCR profile sets: the model per script, Tesseract's page segmentation and
    the review threshold (mean word confidence in per cent)."""

    name: str
    description: str = ""
    model_fraktur: str = "frk"
    model_antiqua: str = "deu"
    model_typewriter: str = "deu"
    page_segmentation: int = 3
    review_threshold: Decimal = Decimal("80")


@dataclass(frozen=True)
class FondsDescription:
    """A holdings after ISAD(G): reference code (3.1.1), title (3.1.2), dates (3.1.3),
    extent (3.1.5), creator (3.2.1), administrative history (3.2.2), scope and content
    (3.3.1), conditions of access (3.4.1)."""

    reference_code: str
    title: str
    date_text: str = ""
    extent: str = ""
    creator: str = ""
    administrative_history: str = ""
    scope_content: str = ""
    access_conditions: str = ""


@dataclass(frozen=True)
class UnitDescription:
    """A record unit after ISAD(G): reference code (3.1.1), title (3.1.2), dates (3.1.3,
    as written and as years), level (3.1.4), extent (3.1.5), scope and content (3.3.1),
    language (3.4.3, ISO 639-2), the script of its pages and who may see it (3.4.1)."""

    reference_code: str
    title: str
    level: str = DescriptionLevel.FILE
    date_text: str = ""
    year_from: int | None = None
    year_to: int | None = None
    extent: str = ""
    scope_content: str = ""
    language: str = "ger"
    script: str = Script.ANTIQUA
    access: str = AccessLevel.OWN


_ARCHIVE_FIELDS = tuple(f.name for f in dataclasses.fields(ArchiveDetails))
_PROFILE_FIELDS = tuple(f.name for f in dataclasses.fields(ProfileSettings))
_FONDS_FIELDS = tuple(f.name for f in dataclasses.fields(FondsDescription))
_UNIT_FIELDS = tuple(f.name for f in dataclasses.fields(UnitDescription))


def details_of(archive: Archive) -> ArchiveDetails:
    return ArchiveDetails(**{name: getattr(archive, name) for name in _ARCHIVE_FIELDS})


def settings_of(profile: OcrProfile) -> ProfileSettings:
    return ProfileSettings(**{name: getattr(profile, name) for name in _PROFILE_FIELDS})


def description_of_fonds(fonds: Fonds) -> FondsDescription:
    return FondsDescription(**{name: getattr(fonds, name) for name in _FONDS_FIELDS})


def description_of_unit(unit: Unit) -> UnitDescription:
    return UnitDescription(**{name: getattr(unit, name) for name in _UNIT_FIELDS})


# --- checks -------------------------------------------------------------------------------

Problems = dict[str, list[str]]


def _add(problems: Problems, name: str, message: str) -> None:
    problems.setdefault(name, []).append(message)


def _refuse(problems: Problems) -> None:
    if problems:
        raise ValidationError(problems)


def _lengths(problems: Problems, value: Any, model: type[Any], names: Iterable[str]) -> None:
    """Required and longest values as the model's fields say, in the fields' words."""
    for name in names:
        model_field = model._meta.get_field(name)
        text = getattr(value, name)
        if not isinstance(text, str):
            continue
        label = str(model_field.verbose_name)
        if not text and not model_field.blank:
            _add(problems, name, _("Bitte geben Sie „%(field)s“ an.") % {"field": label})
        elif model_field.max_length and len(text) > model_field.max_length:
            _add(
                problems,
                name,
                _("„%(field)s“ darf höchstens %(max)s Zeichen lang sein.")
                % {"field": label, "max": model_field.max_length},
            )


def _archive_problems(
    authority_id: int, details: ArchiveDetails, *, exclude: int | None
) -> Problems:
    problems: Problems = {}
    _lengths(problems, details, Archive, _ARCHIVE_FIELDS)
    if details.isil and not _ISIL.match(details.isil):
        _add(
            problems,
            "isil",
            _("Eine ISIL sieht so aus: DE-2410 (Länderkennung, Bindestrich, Kennung)."),
        )
    if details.email:
        try:
            validate_email(details.email)
        except ValidationError:
            _add(problems, "email", _("Die E-Mail-Adresse ist ungültig."))
    if details.name and (
        Archive.objects.filter(authority_id=authority_id, name__iexact=details.name)
        .exclude(pk=exclude or 0)
        .exists()
    ):
        _add(
            problems,
            "name",
            _("Ihre Behörde hat schon ein Archiv mit dem Namen „%(name)s“.")
            % {"name": details.name},
        )
    return problems


def _profile_problems(profile: ProfileSettings) -> Problems:
    problems: Problems = {}
    _lengths(problems, profile, OcrProfile, _PROFILE_FIELDS)
    for name in ("model_fraktur", "model_antiqua", "model_typewriter"):
        value = getattr(profile, name)
        if value and not _MODEL.match(value):
            _add(
                problems,
                name,
                _(
                    "„%(value)s“ ist kein Modellname. Ein Modell heißt wie seine Tesseract-Datei "
                    "ohne Endung, z. B. „frk“ oder „deu“; mehrere verbindet ein „+“."
                )
                % {"value": value},
            )
    if not 0 <= profile.page_segmentation <= 13:
        _add(
            problems,
            "page_segmentation",
            _("Die Seitensegmentierung ist eine Zahl von 0 bis 13."),
        )
    threshold = profile.review_threshold
    try:
        valid = threshold.is_finite() and Decimal(0) <= threshold <= Decimal(100)
        valid = valid and threshold == threshold.quantize(Decimal("0.01"))
    except InvalidOperation:
        valid = False
    if not valid:
        _add(
            problems,
            "review_threshold",
            _("Die Prüfschwelle ist eine Zahl von 0 bis 100 mit höchstens zwei Nachkommastellen."),
        )
    return problems


def _fonds_problems(
    archive: Archive, description: FondsDescription, *, exclude: int | None
) -> Problems:
    problems: Problems = {}
    _lengths(problems, description, Fonds, _FONDS_FIELDS)
    if description.reference_code and (
        Fonds.objects.filter(archive=archive, reference_code=description.reference_code)
        .exclude(pk=exclude or 0)
        .exists()
    ):
        _add(
            problems,
            "reference_code",
            _("Das Archiv hat schon einen Bestand mit der Signatur „%(code)s“.")
            % {"code": description.reference_code},
        )
    return problems


def _unit_problems(fonds: Fonds, description: UnitDescription, *, exclude: int | None) -> Problems:
    problems: Problems = {}
    _lengths(problems, description, Unit, _UNIT_FIELDS)
    for name, choices, what in (
        ("level", DescriptionLevel, _("Verzeichnungsstufe")),
        ("script", Script, _("Schrift")),
        ("access", AccessLevel, pgettext_lazy("archival access", "Zugang")),
    ):
        if getattr(description, name) not in choices.values:
            _add(problems, name, _("Unbekannte Angabe bei „%(field)s“.") % {"field": what})
    if description.language and not _LANGUAGE.match(description.language):
        _add(
            problems,
            "language",
            _(
                "Die Sprache wird mit ihrem dreibuchstabigen Kürzel nach ISO 639-2 angegeben, "
                "z. B. „ger“ oder „ger lat“."
            ),
        )
    this_year = timezone.localdate().year
    for name, label in (("year_from", _("von (Jahr)")), ("year_to", _("bis (Jahr)"))):
        year = getattr(description, name)
        if year is not None and not FIRST_YEAR <= year <= this_year:
            _add(
                problems,
                name,
                _("„%(field)s“ muss zwischen %(first)s und %(last)s liegen.")
                % {"field": label, "first": FIRST_YEAR, "last": this_year},
            )
    if (
        description.year_from is not None
        and description.year_to is not None
        and description.year_to < description.year_from
    ):
        _add(problems, "year_to", _("Das Endjahr liegt vor dem Anfangsjahr."))
    if description.reference_code and (
        Unit.objects.filter(fonds=fonds, reference_code=description.reference_code)
        .exclude(pk=exclude or 0)
        .exists()
    ):
        _add(
            problems,
            "reference_code",
            _("Der Bestand hat schon eine Verzeichnungseinheit mit der Signatur „%(code)s“.")
            % {"code": description.reference_code},
        )
    return problems


# --- archives and OCR profiles -----------------------------------------------------------


def _profile_state(profile: OcrProfile) -> dict[str, Any]:
    return {name: getattr(profile, name) for name in _PROFILE_FIELDS}


def _profile_new(
    *, actor: Actor, authority: Authority, profile: ProfileSettings, shared: bool
) -> OcrProfile:
    created = OcrProfile(authority=authority, shared=shared, **dataclasses.asdict(profile))
    created.full_clean()
    created.save()
    audit_record(
        actor=actor,
        action="archive.profile_created",
        obj=created,
        authority=authority.pk,
        changes=field_changes(None, {**_profile_state(created), "shared": shared}),
    )
    return created


def profile_create(
    *, actor: Actor, authority: Authority, profile: ProfileSettings, shared: bool = False
) -> OcrProfile:
    """A new OCR profile of ``authority``; ``shared`` offers it to every archive."""
    with transaction.atomic():
        profile = _stripped(profile)
        _refuse(_profile_problems(profile))
        return _profile_new(actor=actor, authority=authority, profile=profile, shared=shared)


def profile_update(*, actor: Actor, profile: OcrProfile, settings: ProfileSettings) -> OcrProfile:
    """Change a profile. Every archive that works with it, adopters included, uses the
    new settings for the pages recognised from now on."""
    with transaction.atomic():
        profile = OcrProfile.objects.select_for_update().get(pk=profile.pk)
        settings = _stripped(settings)
        _refuse(_profile_problems(settings))
        before = _profile_state(profile)
        for name in _PROFILE_FIELDS:
            setattr(profile, name, getattr(settings, name))
        changes = field_changes(before, _profile_state(profile))
        if not changes:
            return profile
        profile.full_clean()
        profile.save()
        audit_record(
            actor=actor,
            action="archive.profile_updated",
            obj=profile,
            authority=profile.authority_id,
            changes=changes,
        )
        return profile


def profile_share(*, actor: Actor, profile: OcrProfile, shared: bool) -> OcrProfile:
    """Offer the profile to every archive, or take the offer back. Archives that
    adopted it keep working with it."""
    with transaction.atomic():
        profile = OcrProfile.objects.select_for_update().get(pk=profile.pk)
        if profile.shared == shared:
            return profile
        profile.shared = shared
        profile.save(update_fields=["shared"])
        audit_record(
            actor=actor,
            action="archive.profile_shared" if shared else "archive.profile_unshared",
            obj=profile,
            authority=profile.authority_id,
            changes={"shared": [not shared, shared]},
        )
        return profile


def archive_create(
    *,
    actor: Actor,
    authority: Authority,
    details: ArchiveDetails,
    profile: OcrProfile | None = None,
) -> Archive:
    """A new archive of ``authority``. It works with ``profile`` (its authority's own
    or a shared one), else with a new profile of its own with the default models."""
    with transaction.atomic():
        details = _stripped(details)
        problems = _archive_problems(authority.pk, details, exclude=None)
        if profile is not None:
            problems.update(_adoption_problems(authority.pk, profile))
        _refuse(problems)
        if profile is None:
            profile = _profile_new(
                actor=actor,
                authority=authority,
                profile=ProfileSettings(
                    name=(_("OCR-Profil %(archive)s") % {"archive": details.name})[:200]
                ),
                shared=False,
            )
        archive = Archive(authority=authority, profile=profile, **dataclasses.asdict(details))
        archive.full_clean()
        archive.save()
        audit_record(
            actor=actor,
            action="archive.archive_created",
            obj=archive,
            authority=authority.pk,
            changes=field_changes(None, {**dataclasses.asdict(details), "profile": profile.name}),
        )
        return archive


def archive_update(*, actor: Actor, archive: Archive, details: ArchiveDetails) -> Archive:
    """Change an archive's name, ISIL, address and e-mail address."""
    with transaction.atomic():
        archive = Archive.objects.select_for_update().get(pk=archive.pk)
        details = _stripped(details)
        _refuse(_archive_problems(archive.authority_id, details, exclude=archive.pk))
        before = dataclasses.asdict(details_of(archive))
        for name in _ARCHIVE_FIELDS:
            setattr(archive, name, getattr(details, name))
        changes = field_changes(before, dataclasses.asdict(details))
        if not changes:
            return archive
        archive.full_clean()
        archive.save()
        audit_record(
            actor=actor,
            action="archive.archive_updated",
            obj=archive,
            authority=archive.authority_id,
            changes=changes,
        )
        return archive


def _adoption_problems(authority_id: int, profile: OcrProfile) -> Problems:
    if profile.authority_id == authority_id or profile.shared:
        return {}
    return {
        "profile": [
            _("Das OCR-Profil „%(name)s“ ist nicht für andere Archive freigegeben.")
            % {"name": profile.name}
        ]
    }


def archive_adopt_profile(*, actor: Actor, archive: Archive, profile: OcrProfile) -> Archive:
    """Let ``archive`` work with ``profile``: its authority's own or one another
    authority shares (its models per script, page segmentation and review threshold:
    build once, reuse). The archive follows the profile's later changes."""
    with transaction.atomic():
        archive = (
            Archive.objects.select_for_update(of=("self",))
            .select_related("profile")
            .get(pk=archive.pk)
        )
        profile = OcrProfile.objects.select_related("authority").get(pk=profile.pk)
        _refuse(_adoption_problems(archive.authority_id, profile))
        if archive.profile_id == profile.pk:
            return archive
        before = archive.profile.name if archive.profile is not None else None
        archive.profile = profile
        archive.save(update_fields=["profile"])
        audit_record(
            actor=actor,
            action="archive.profile_adopted",
            obj=archive,
            authority=archive.authority_id,
            changes={
                "profile": [before, profile.name],
                "profile_authority": [None, profile.authority.name],
            },
        )
        return archive


# --- holdings and units -------------------------------------------------------------------


def fonds_create(*, actor: Actor, archive: Archive, description: FondsDescription) -> Fonds:
    """A new holdings (Bestand) of ``archive``."""
    with transaction.atomic():
        description = _stripped(description)
        _refuse(_fonds_problems(archive, description, exclude=None))
        fonds = Fonds(
            archive=archive, authority_id=archive.authority_id, **dataclasses.asdict(description)
        )
        fonds.full_clean()
        fonds.save()
        audit_record(
            actor=actor,
            action="archive.fonds_created",
            obj=fonds,
            authority=archive.authority_id,
            changes=field_changes(
                None, {"archive": archive.name, **dataclasses.asdict(description)}
            ),
        )
        return fonds


def fonds_update(*, actor: Actor, fonds: Fonds, description: FondsDescription) -> Fonds:
    with transaction.atomic():
        fonds = Fonds.objects.select_for_update().select_related("archive").get(pk=fonds.pk)
        description = _stripped(description)
        _refuse(_fonds_problems(fonds.archive, description, exclude=fonds.pk))
        before = dataclasses.asdict(description_of_fonds(fonds))
        changes = field_changes(before, dataclasses.asdict(description))
        if not changes:
            return fonds
        for name in _FONDS_FIELDS:
            setattr(fonds, name, getattr(description, name))
        fonds.full_clean()
        fonds.save()
        audit_record(
            actor=actor,
            action="archive.fonds_updated",
            obj=fonds,
            authority=fonds.authority_id,
            changes=changes,
        )
        return fonds


def unit_create(
    *,
    actor: Actor,
    fonds: Fonds,
    description: UnitDescription,
    source: str = UnitSource.SCAN,
    source_id: str = "",
) -> Unit:
    """A new record unit (Verzeichnungseinheit) of ``fonds``; ``source`` says whether it
    was digitised here or handed over from the back office (xdomea, ``source_id``: the
    process or file it came from)."""
    with transaction.atomic():
        description = _stripped(description)
        problems = _unit_problems(fonds, description, exclude=None)
        if source not in UnitSource.values:
            _add(problems, "source", _("Unbekannte Herkunft der Verzeichnungseinheit."))
        _refuse(problems)
        unit = Unit(
            fonds=fonds,
            authority_id=fonds.authority_id,
            source=source,
            source_id=source_id.strip(),
            **dataclasses.asdict(description),
        )
        unit.full_clean()
        unit.save()
        audit_record(
            actor=actor,
            action="archive.unit_created",
            obj=unit,
            authority=fonds.authority_id,
            changes=field_changes(
                None,
                {
                    "fonds": str(fonds),
                    **dataclasses.asdict(description),
                    "source": source,
                    "source_id": unit.source_id,
                },
            ),
        )
        return unit


def unit_update(*, actor: Actor, unit: Unit, description: UnitDescription) -> Unit:
    """Change a unit's description; a changed access flag applies at once to its pages,
    their text and every search."""
    with transaction.atomic():
        unit = Unit.objects.select_for_update().select_related("fonds").get(pk=unit.pk)
        description = _stripped(description)
        _refuse(_unit_problems(unit.fonds, description, exclude=unit.pk))
        before = dataclasses.asdict(description_of_unit(unit))
        changes = field_changes(before, dataclasses.asdict(description))
        if not changes:
            return unit
        for name in _UNIT_FIELDS:
            setattr(unit, name, getattr(description, name))
        unit.full_clean()
        unit.save()
        audit_record(
            actor=actor,
            action="archive.unit_updated",
            obj=unit,
            authority=unit.authority_id,
            changes=changes,
        )
        return unit


# --- ingest -------------------------------------------------------------------------------


@dataclass(frozen=True)
class FileOutcome:
    """One file of a batch: the pages it became, or why it was refused (German)."""

    name: str
    pages: tuple[Page, ...] = ()
    error: str = ""

    @property
    def ok(self) -> bool:
        return not self.error


@dataclass(frozen=True)
class IngestResult:
    files: tuple[FileOutcome, ...] = field(default_factory=tuple)

    @property
    def pages(self) -> list[Page]:
        return [page for outcome in self.files for page in outcome.pages]

    @property
    def failed(self) -> list[FileOutcome]:
        return [outcome for outcome in self.files if not outcome.ok]


class _Refused(Exception):
    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass
class _Rendered:
    width: int
    height: int
    image: str  # storage names
    thumbnail: str


def _hand_to_ocr(pages: Sequence[Page]) -> None:
    """Queue the new pages for the text recognition (``archive.ocr``). Imported here:
    the recognition reads the archive's models and services itself."""
    from verbund.archive.ocr import services as ocr

    ocr.pages_enqueue(pages)


def _as_upload(name: str, stream: IO[bytes]) -> UploadedFile:
    if isinstance(stream, UploadedFile):
        return stream
    stream.seek(0, io.SEEK_END)
    size = stream.tell()
    stream.seek(0)
    return UploadedFile(file=stream, name=name, size=size)


def _sha512(stream: IO[bytes]) -> str:
    digest = hashlib.sha512()
    stream.seek(0)
    while chunk := stream.read(_CHUNK):
        digest.update(chunk)
    stream.seek(0)
    return digest.hexdigest()


def _displayable(image: Image.Image) -> Image.Image:
    """The page in a mode a JPEG holds: grey stays grey, colour becomes RGB, a 16-bit
    scan is scaled to 8 bits, transparency is laid on white."""
    if image.mode in ("L", "RGB"):
        return image
    if image.mode == "1":
        return image.convert("L")
    if image.mode in ("I;16", "I;16B", "I;16L", "I"):
        return image.convert("I").point(lambda value: value / 256).convert("L")
    if image.mode in ("RGBA", "LA", "PA") or (image.mode == "P" and "transparency" in image.info):
        rgba = image.convert("RGBA")
        white = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
        return Image.alpha_composite(white, rgba).convert("RGB")
    return image.convert("RGB")


def _jpeg(image: Image.Image, quality: int) -> ContentFile[bytes]:
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=quality)
    return ContentFile(buffer.getvalue())


def _render(image: Image.Image, year: int, stem: str, number: int, saved: list[str]) -> _Rendered:
    width, height = image.size
    shown = _displayable(image)
    if width > DERIVATIVE_WIDTH:
        size = (DERIVATIVE_WIDTH, max(1, round(height * DERIVATIVE_WIDTH / width)))
        derivative = shown.resize(size, Image.Resampling.LANCZOS, reducing_gap=3.0)
    else:
        derivative = shown
    thumbnail = derivative.copy()
    thumbnail.thumbnail(THUMBNAIL_BOX, Image.Resampling.LANCZOS, reducing_gap=2.0)
    storage = private_storage()
    image_name = storage.save(
        f"archive/images/{year}/{stem}-{number}.jpg", _jpeg(derivative, DERIVATIVE_QUALITY)
    )
    saved.append(image_name)
    thumbnail_name = storage.save(
        f"archive/thumbnails/{year}/{stem}-{number}.jpg", _jpeg(thumbnail, THUMBNAIL_QUALITY)
    )
    saved.append(thumbnail_name)
    return _Rendered(width, height, image_name, thumbnail_name)


def _damaged(name: str, content_type: str) -> _Refused:
    label = {"image/tiff": "TIFF", "image/jpeg": "JPEG", "image/png": "PNG"}.get(
        content_type, "PDF"
    )
    return _Refused(
        _(
            "„%(name)s“ lässt sich nicht als %(type)s öffnen; "
            "die Datei ist beschädigt oder unvollständig."
        )
        % {"name": name, "type": label}
    )


def _store_file(
    name: str,
    upload: UploadedFile,
    content_type: str,
    saved: list[str],
    on_page: Callable[[str], None] | None,
) -> tuple[str, list[_Rendered]]:
    """Store the master untouched and a derivative and a thumbnail of each of its pages;
    every stored name goes to ``saved`` (for removal when the file is refused)."""
    storage = private_storage()
    year = timezone.localdate().year
    stem = uuid.uuid4().hex
    upload.seek(0)
    master = storage.save(f"archive/masters/{year}/{stem}{_EXTENSIONS[content_type]}", File(upload))
    saved.append(master)
    rendered: list[_Rendered] = []
    try:
        # Pillow only warns about a truncated file or a decompression bomb; either
        # refuses the file here.
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            with storage.open(master, "rb") as stream:
                for number, image in enumerate(page_master_images(stream, content_type), 1):
                    rendered.append(_render(image, year, stem, number, saved))
                    if on_page is not None:
                        on_page(name)
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise _Refused(
            _(
                "„%(name)s“ hat zu viele Bildpunkte. Bitte speichern oder scannen Sie das Bild "
                "mit geringerer Auflösung (zum Beispiel 300 dpi)."
            )
            % {"name": name}
        ) from None
    except _Refused:
        raise
    except Exception as exc:  # any failure to decode untrusted content refuses the file
        logger.info("archive ingest: %s refused: %r", name, exc)
        raise _damaged(name, content_type) from None
    if not rendered:
        raise _Refused(_("„%(name)s“ enthält keine Seiten.") % {"name": name})
    return master, rendered


def _ingest_one(
    *,
    actor: Actor,
    unit: Unit,
    name: str,
    stream: IO[bytes],
    on_page: Callable[[str], None] | None,
) -> FileOutcome:
    name = sanitize_filename(name)
    saved: list[str] = []
    try:
        upload = _as_upload(name, stream)
        try:
            checked = inspect_upload(upload, accept=ACCEPTED_TYPES, max_bytes=max_file_bytes())
        except UploadRejected as exc:
            raise _Refused(exc.message) from None
        digest = _sha512(upload)
        master, rendered = _store_file(name, upload, checked.content_type, saved, on_page)
        with transaction.atomic():
            locked = Unit.objects.select_for_update().get(pk=unit.pk)
            last = Page.objects.filter(unit=locked).aggregate(last=Max("position"))["last"] or 0
            pages = Page.objects.bulk_create(
                [
                    Page(
                        unit=locked,
                        authority_id=locked.authority_id,
                        position=last + number,
                        master=master,
                        master_name=name,
                        master_type=checked.content_type,
                        master_size=checked.size,
                        master_sha512=digest,
                        master_page=number,
                        width=page.width,
                        height=page.height,
                        image=page.image,
                        thumbnail=page.thumbnail,
                    )
                    for number, page in enumerate(rendered, start=1)
                ]
            )
            _hand_to_ocr(pages)
            audit_record(
                actor=actor,
                action="archive.pages_ingested",
                obj=locked,
                authority=locked.authority_id,
                changes={
                    "file": name,
                    "master_type": checked.content_type,
                    "master_size": checked.size,
                    "master_sha512": digest,
                    "pages": len(pages),
                    "positions": [page.position for page in pages],
                },
            )
        return FileOutcome(name=name, pages=tuple(pages))
    except _Refused as exc:
        _remove(saved)
        return FileOutcome(name=name, error=exc.message)
    except BaseException:
        _remove(saved)
        raise


def _remove(names: list[str]) -> None:
    storage = private_storage()
    for stored in names:
        try:
            storage.delete(stored)
        except OSError:  # pragma: no cover - the file system refused; log and go on
            logger.exception("archive ingest: could not remove %s", stored)


def pages_ingest(
    *,
    actor: Actor,
    unit: Unit,
    files: Iterable[tuple[str, IO[bytes]]],
    on_page: Callable[[str], None] | None = None,
) -> IngestResult:
    """Ingest scans into ``unit``: each ``(name, binary stream)`` is a TIFF (one or more
    pages), JPEG, PNG or PDF, recognised by its content. Its pages are appended at the
    end of the unit in the file's order, stored with the untouched master (SHA-512),
    a JPEG derivative and a thumbnail, recorded in the audit trail (one entry per file)
    and handed to the text recognition. A file that is empty, too large
    (``VERBUND_ARCHIVE_MAX_FILE_MB``), of another type, damaged or without pages is
    refused with a German message naming it; nothing of it is kept, and the batch goes
    on. ``on_page`` is called with the file's name after each page is made (progress)."""
    outcomes = [
        _ingest_one(actor=actor, unit=unit, name=name, stream=stream, on_page=on_page)
        for name, stream in files
    ]
    return IngestResult(files=tuple(outcomes))


def pages_reorder(*, actor: Actor, unit: Unit, order: Sequence[int]) -> Unit:
    """Put the unit's pages in ``order`` (every page id of the unit, once each): the
    first becomes page 1. Anything else is refused and nothing changes."""
    with transaction.atomic():
        unit = Unit.objects.select_for_update().get(pk=unit.pk)
        pages = list(Page.objects.filter(unit=unit).order_by("position"))
        current = [page.pk for page in pages]
        wanted = list(order)
        if len(wanted) != len(current) or set(wanted) != set(current):
            raise ValidationError(
                _(
                    "Die neue Reihenfolge muss jede der %(count)s Seiten der Einheit genau "
                    "einmal enthalten."
                )
                % {"count": len(current)}
            )
        if wanted == current:
            return unit
        # Positions are unique per unit: move every page out of the way first, then
        # to its place (no moment with two pages on one position).
        offset = len(current) + (pages[-1].position if pages else 0)
        Page.objects.filter(unit=unit).update(position=F("position") + offset)
        by_id = {page.pk: page for page in pages}
        for position, page_id in enumerate(wanted, start=1):
            by_id[page_id].position = position
        Page.objects.bulk_update(pages, ["position"])
        audit_record(
            actor=actor,
            action="archive.pages_reordered",
            obj=unit,
            authority=unit.authority_id,
            changes={"order": [current, wanted]},
        )
        return unit
