"""Writes of the archive's exchange: taking over an xdomea hand-over (Aussonderung.0503)
as new units of a holdings.

A package is taken over whole or not at all: every ``Akte``/``Vorgang`` becomes one
unit (``source`` xdomea, ``source_id`` its id, access ``own``), its documents' current
versions become the unit's pages through the ingest (PDF, TIFF, JPEG, PNG; other
formats are listed as not taken over). If anything is refused — the package, a unit's
description, a file of the ingest — the transaction is rolled back and the files the
ingest had already stored are deleted again.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from verbund.archive import services as archive_services
from verbund.archive.exports import xdomea_import
from verbund.archive.exports.xdomea_import import HandOver, RecordsObject
from verbund.archive.models import (
    AccessLevel,
    DescriptionLevel,
    Fonds,
    Page,
    Script,
    Unit,
    UnitSource,
)
from verbund.cases import records
from verbund.cases.models import RecordsDisposal
from verbund.core.actors import Actor
from verbund.core.audit import audit_record
from verbund.core.storage import private_storage

__all__ = ["INGESTED_EXTENSIONS", "HandOverResult", "handover_accept", "handover_import"]

# The formats the ingest makes pages of, by the extension the package gives them.
INGESTED_EXTENSIONS = frozenset({"pdf", "tif", "tiff", "jpg", "jpeg", "jpe", "png"})
_CODE_LENGTH = Unit._meta.get_field("reference_code").max_length or 60
_TITLE_LENGTH = Unit._meta.get_field("title").max_length or 500


@dataclass(frozen=True)
class HandOverResult:
    units: tuple[Unit, ...]
    pages: int
    skipped: tuple[str, ...]  # "<Akte>: <file>" of files not made into pages


def _date_text(item: RecordsObject) -> str:
    if item.begin and item.end:
        return f"{item.begin:%d.%m.%Y} – {item.end:%d.%m.%Y}"
    only = item.begin or item.end
    return f"{only:%d.%m.%Y}" if only else ""


def _description(item: RecordsObject) -> archive_services.UnitDescription:
    titles = [f.document_title for f in item.files if f.document_title]
    return archive_services.UnitDescription(
        reference_code=(item.reference or item.id)[:_CODE_LENGTH],
        title=item.title[:_TITLE_LENGTH],
        level=DescriptionLevel.FILE,
        date_text=_date_text(item),
        year_from=item.begin.year if item.begin else None,
        year_to=item.end.year if item.end else None,
        extent=ngettext("%(n)d Dokument", "%(n)d Dokumente", item.documents)
        % {"n": item.documents},
        scope_content=_("Enthält: %(titles)s") % {"titles": "; ".join(titles)} if titles else "",
        script=Script.ANTIQUA,
        access=AccessLevel.OWN,
    )


def _refused(message: str) -> ValidationError:
    return ValidationError(message, code="handover_refused")


def _check_new(fonds: Fonds, hand_over: HandOver) -> None:
    ids = [item.id for item in hand_over.objects]
    taken = sorted(
        Unit.objects.filter(
            fonds__archive_id=fonds.archive_id, source=UnitSource.XDOMEA, source_id__in=ids
        ).values_list("reference_code", flat=True)
    )
    if taken:
        raise _refused(
            _("Diese Aussonderung ist bereits übernommen (Verzeichnungseinheiten %(codes)s).")
            % {"codes": ", ".join(taken)}
        )
    codes = [_description(item).reference_code for item in hand_over.objects]
    clashes = sorted(
        set(
            Unit.objects.filter(fonds=fonds, reference_code__in=codes).values_list(
                "reference_code", flat=True
            )
        )
        | {code for code in codes if codes.count(code) > 1}
    )
    if clashes:
        raise _refused(
            _("Im Bestand %(fonds)s gibt es die Signatur %(codes)s schon.")
            % {"fonds": fonds.reference_code, "codes": ", ".join(clashes)}
        )


def _stored_names(pages: Sequence[Page]) -> list[str]:
    return [
        name
        for page in pages
        for name in (page.master.name, page.image.name, page.thumbnail.name)
        if name
    ]


def _import(
    *,
    actor: Actor,
    fonds: Fonds,
    hand_over: HandOver,
    package_name: str,
    disposal: RecordsDisposal | None,
) -> HandOverResult:
    units: list[Unit] = []
    pages: list[Page] = []
    skipped: list[str] = []
    try:
        with transaction.atomic():
            fonds = Fonds.objects.select_for_update().select_related("archive").get(pk=fonds.pk)
            _check_new(fonds, hand_over)
            for item in hand_over.objects:
                try:
                    unit = archive_services.unit_create(
                        actor=actor,
                        fonds=fonds,
                        description=_description(item),
                        source=UnitSource.XDOMEA,
                        source_id=item.id,
                    )
                except ValidationError as exc:
                    raise _refused(
                        _("%(kind)s %(code)s: %(problems)s")
                        % {
                            "kind": item.kind,
                            "code": item.reference or item.id,
                            "problems": " ".join(exc.messages),
                        }
                    ) from None
                units.append(unit)
                files = [f for f in item.files if f.extension in INGESTED_EXTENSIONS]
                skipped += [
                    f"{unit.reference_code}: {f.original_name}"
                    for f in item.files
                    if f.extension not in INGESTED_EXTENSIONS
                ]
                result = archive_services.pages_ingest(
                    actor=actor,
                    unit=unit,
                    files=[(f.original_name, io.BytesIO(f.content)) for f in files],
                )
                pages += result.pages
                if result.failed:
                    raise _refused(
                        _("%(code)s: %(errors)s")
                        % {
                            "code": unit.reference_code,
                            "errors": " ".join(o.error for o in result.failed),
                        }
                    )
            if disposal is not None:
                records.records_confirm_receipt(actor=actor, disposal=disposal)
            audit_record(
                actor=actor,
                action="archive_exchange.handover_imported",
                obj=fonds,
                authority=fonds.authority_id,
                changes={
                    "process_id": hand_over.process_id,
                    "package_sha256": hand_over.sha256,
                    "package_name": package_name,
                    "disposal": str(disposal.pk) if disposal is not None else "",
                    "sender": hand_over.sender,
                    "units": [unit.reference_code for unit in units],
                    "pages": len(pages),
                    "skipped": skipped,
                },
            )
    except BaseException:
        # The rows are gone with the rollback; the ingest's files are not.
        storage = private_storage()
        for name in _stored_names(pages):
            storage.delete(name)
        raise
    return HandOverResult(units=tuple(units), pages=len(pages), skipped=tuple(skipped))


def handover_import(
    *, actor: Actor, fonds: Fonds, data: bytes, package_name: str = ""
) -> HandOverResult:
    """Take over an uploaded xdomea package (``data``, the ZIP) into ``fonds``.
    Raises ``ValidationError`` with a German message; then nothing is kept."""
    try:
        hand_over = xdomea_import.read_package(data)
    except xdomea_import.PackageRefused as exc:
        raise _refused(str(exc)) from None
    return _import(
        actor=actor, fonds=fonds, hand_over=hand_over, package_name=package_name, disposal=None
    )


def handover_accept(*, actor: Actor, fonds: Fonds, disposal: RecordsDisposal) -> HandOverResult:
    """Take over a hand-over of the archive's own authority (``cases.records``) into
    ``fonds`` and confirm its receipt, which deletes the package in the back office —
    both in one transaction."""
    if disposal.authority_id != fonds.authority_id:
        raise _refused(_("Diese Aussonderung gehört nicht zum Träger dieses Archivs."))
    if (
        disposal.kind != RecordsDisposal.Kind.ARCHIVED
        or disposal.confirmed_at is not None
        or not disposal.package.name
    ):
        raise _refused(_("Für diese Aussonderung liegt kein Paket mehr vor."))
    with disposal.package.open("rb") as handle:
        data = handle.read(xdomea_import.MAX_PACKAGE_BYTES + 1)
    try:
        hand_over = xdomea_import.read_package(data)
    except xdomea_import.PackageRefused as exc:
        raise _refused(str(exc)) from None
    return _import(
        actor=actor,
        fonds=fonds,
        hand_over=hand_over,
        package_name=f"{disposal.pk}_{xdomea_import.MESSAGE_TYPE}.zip",
        disposal=disposal,
    )
