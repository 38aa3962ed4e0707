"""An xdomea hand-over (Aussonderung.0503, as cases.records writes it) becomes units with
pages, whole or not at all; hostile packages are refused and nothing is stored."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import uuid
import zipfile
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile

from tests.archive.conftest import World, pdf
from tests.clients import logged_in
from verbund.archive.exports import services, xdomea_import
from verbund.archive.models import Page, Unit, UnitSource
from verbund.cases import xdomea
from verbund.cases.models import RecordsDisposal
from verbund.core.models import AuditEntry

pytestmark = pytest.mark.django_db
AT = dt.datetime(2026, 3, 2, 9, 30, tzinfo=dt.UTC)


def _version(content: bytes, name: str, content_type: str) -> xdomea.DocumentVersion:
    return xdomea.DocumentVersion(
        number=1,
        filename=name,
        content_type=content_type,
        sha256=hashlib.sha256(content).hexdigest(),
        created_at=AT,
        content=content,
    )


def _file(number: str, title: str, *documents: tuple[str, bytes, str, str]) -> xdomea.RecordsFile:
    return xdomea.RecordsFile(
        id=uuid.uuid5(uuid.NAMESPACE_URL, number),
        file_number=number,
        title=title,
        file_plan_code="622",
        opened_on=dt.date(2019, 5, 6),
        closed_on=dt.date(2020, 1, 31),
        retention_years=10,
        disposal="archive",
        documents=tuple(
            xdomea.Document(
                id=uuid.uuid5(uuid.NAMESPACE_URL, f"{number}/{doc_title}"),
                title=doc_title,
                created_at=AT,
                versions=(_version(content, name, content_type),),
            )
            for doc_title, content, name, content_type in documents
        ),
    )


def package(*files: xdomea.RecordsFile) -> bytes:
    return xdomea.aussonderung_package(
        process_id=uuid.UUID("6f1c2d9e-0000-4000-8000-000000000001"),
        sender=xdomea.Party(institution="Kreis Soest", unit="Bauaufsicht", ars="05974"),
        recipient=xdomea.Party(institution="Kreisarchiv Soest"),
        files=list(files),
        created_at=AT,
    )


def two_files() -> bytes:
    return package(
        _file(
            "63/622-2019/00017",
            "Baugenehmigung beantragen – VB-2019-7KQ2",
            ("Antrag", pdf([(595, 842), (595, 842)]), "Antrag.pdf", "application/pdf"),
            ("Notiz", b"nur Text", "notiz.txt", "text/plain"),
        ),
        _file(
            "63/622-2019/00018",
            "Abrissanzeige",
            ("Bescheid", pdf([(595, 842)]), "B.pdf", "application/pdf"),
        ),
    )


def _nothing_stored(world: World, before_files: set[str], storage_root: Path) -> None:
    assert not Unit.objects.filter(source=UnitSource.XDOMEA).exists()
    assert not Page.objects.filter(unit__fonds=world.fonds).exists()
    assert not AuditEntry.objects.filter(action="archive_exchange.handover_imported").exists()
    assert {str(p) for p in storage_root.rglob("*") if p.is_file()} == before_files


@pytest.fixture
def storage_root(settings: object) -> Path:
    return Path(settings.STORAGES["private"]["OPTIONS"]["location"])  # type: ignore[attr-defined]


def test_a_package_of_the_back_office_becomes_units_with_pages(
    world: World, handed: list[int]
) -> None:
    result = services.handover_import(
        actor=world.pilot_clerk, fonds=world.fonds, data=two_files(), package_name="p.zip"
    )
    assert [u.reference_code for u in result.units] == ["63/622-2019/00017", "63/622-2019/00018"]
    assert result.pages == 3
    assert result.skipped == ("63/622-2019/00017: notiz.txt",)
    first = Unit.objects.get(reference_code="63/622-2019/00017")
    assert (first.source, first.source_id, first.access, first.level) == (
        UnitSource.XDOMEA,
        str(uuid.uuid5(uuid.NAMESPACE_URL, "63/622-2019/00017")),
        "own",
        "file",
    )
    assert (first.title, first.date_text, first.year_from, first.year_to) == (
        "Baugenehmigung beantragen – VB-2019-7KQ2",
        "06.05.2019 – 31.01.2020",
        2019,
        2020,
    )
    assert first.extent == "2 Dokumente"
    assert first.scope_content == "Enthält: Antrag; Notiz"
    assert list(Page.objects.filter(unit=first).values_list("position", "master_type")) == [
        (1, "application/pdf"),
        (2, "application/pdf"),
    ]
    entry = AuditEntry.objects.get(action="archive_exchange.handover_imported")
    assert entry.changes["units"] == ["63/622-2019/00017", "63/622-2019/00018"]
    assert entry.changes["pages"] == 3
    assert entry.changes["process_id"] == "6f1c2d9e-0000-4000-8000-000000000001"
    # The same package again: refused, nothing added.
    with pytest.raises(ValidationError, match="bereits übernommen"):
        services.handover_import(actor=world.pilot_clerk, fonds=world.fonds, data=two_files())
    assert Unit.objects.filter(source=UnitSource.XDOMEA).count() == 2


def test_accepting_a_pending_hand_over_imports_and_confirms(
    world: World, handed: list[int]
) -> None:
    data = two_files()
    disposal = RecordsDisposal(
        authority=world.pilot,
        kind=RecordsDisposal.Kind.ARCHIVED,
        created_at=AT,
        package_sha256=hashlib.sha256(data).hexdigest(),
        package_size=len(data),
        record={"cases": [{"file": "63/622-2019/00017"}, {"file": "63/622-2019/00018"}]},
    )
    disposal.package.save(str(disposal.id), ContentFile(data), save=False)
    disposal.save(force_insert=True)
    page = f"/verwaltung/archiv/austausch/{world.archive.pk}/aussonderungen/"
    clerk = logged_in(world.pilot_clerk)  # no admin: hand-overs are the admins' business
    assert "63/622-2019/00017" not in clerk.get(page).content.decode()
    assert (
        clerk.post(
            f"{page}{disposal.pk}/uebernehmen/", {f"{disposal.pk}-fonds": world.fonds.pk}
        ).status_code
        == 404
    )
    admin = logged_in(world.pilot_admin)
    assert "63/622-2019/00017, 63/622-2019/00018" in admin.get(page).content.decode()
    response = admin.post(
        f"{page}{disposal.pk}/uebernehmen/", {f"{disposal.pk}-fonds": world.fonds.pk}
    )
    assert response.status_code == 303
    disposal.refresh_from_db()
    assert disposal.confirmed_at is not None
    assert disposal.package.name == ""
    assert Unit.objects.filter(fonds=world.fonds, source=UnitSource.XDOMEA).count() == 2
    assert AuditEntry.objects.filter(action="records.receipt_confirmed").count() == 1


def test_upload_of_an_external_package(world: World, handed: list[int], storage_root: Path) -> None:
    page = f"/verwaltung/archiv/austausch/{world.archive.pk}/aussonderungen/"
    admin = logged_in(world.pilot_clerk)
    upload = io.BytesIO(two_files())
    upload.name = "paket.zip"
    assert admin.post(page, {"fonds": world.fonds.pk, "package": upload}).status_code == 303
    assert Unit.objects.filter(source=UnitSource.XDOMEA).count() == 2
    not_zip = io.BytesIO(b"hello")
    not_zip.name = "x.zip"
    response = admin.post(page, {"fonds": world.fonds.pk, "package": not_zip})
    assert response.status_code == 400
    assert "Die Datei ist keine ZIP-Datei." in response.content.decode()


def _zip(entries: list[tuple[str, bytes]], method: int = zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", method) as archive:
        for name, data in entries:
            archive.writestr(name, data)
    return buffer.getvalue()


def _message(data: bytes) -> tuple[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        name = next(n for n in archive.namelist() if n.endswith(".xml"))
        return name, archive.read(name)


XXE = b"""<?xml version="1.0"?>
<!DOCTYPE x [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<xdomea:Aussonderung.Aussonderung.0503 xmlns:xdomea="urn:xoev-de:xdomea:schema:3.0.0">
&secret;</xdomea:Aussonderung.Aussonderung.0503>"""


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (
            lambda: _zip([*[_message(two_files())], ("../../etc/cron.d/x", b"x")]),
            "unzulässigen Dateipfad",
        ),
        (lambda: _zip([_message(two_files()), ("/abs.pdf", b"x")]), "unzulässigen Dateipfad"),
        (lambda: _zip([("1_Aussonderung.Aussonderung.0503.xml", XXE)]), "DOCTYPE"),
        (
            lambda: _zip([_message(two_files()), ("bomb.pdf", b"\0" * (20 * 1024 * 1024))]),
            "ZIP-Bombe",
        ),
        (lambda: b"PK\x03\x04 not really", "keine gültige ZIP-Datei"),
        (lambda: _zip([_message(two_files())]), "fehlt im Paket"),
    ],
    ids=["traversal", "absolute", "xxe", "bomb", "broken", "missing-file"],
)
def test_hostile_packages_are_refused_and_nothing_is_stored(
    world: World, handed: list[int], storage_root: Path, make: object, message: str
) -> None:
    before = {str(p) for p in storage_root.rglob("*") if p.is_file()}
    with pytest.raises(ValidationError, match=message):
        services.handover_import(actor=world.pilot_clerk, fonds=world.fonds, data=make())  # type: ignore[operator]
    _nothing_stored(world, before, storage_root)


def test_oversized_entries_are_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(xdomea_import, "MAX_ENTRY_BYTES", 1000)
    data = _zip(
        [("a_Aussonderung.Aussonderung.0503.xml", b"<x/>"), ("big.pdf", bytes(range(256)) * 8)],
        zipfile.ZIP_STORED,
    )
    with pytest.raises(xdomea_import.PackageRefused, match="entpackt zu groß"):
        xdomea_import.read_package(data)


def test_a_broken_pdf_rolls_the_whole_package_back(
    world: World, handed: list[int], storage_root: Path
) -> None:
    before = {str(p) for p in storage_root.rglob("*") if p.is_file()}
    data = package(
        _file("1/ok", "Gut", ("A", pdf([(595, 842)]), "a.pdf", "application/pdf")),
        _file("2/bad", "Kaputt", ("B", b"%PDF-1.4 broken", "b.pdf", "application/pdf")),
    )
    with pytest.raises(ValidationError, match="2/bad"):
        services.handover_import(actor=world.pilot_clerk, fonds=world.fonds, data=data)
    _nothing_stored(world, before, storage_root)
