"""The staff pages of the text recognition: the review queue, the correction page
with its line crops, saving a line (400 on bad input, nothing saved), marking a page
reviewed, re-queueing failed pages; 404 for pages of units others may not change."""

from __future__ import annotations

import io
from decimal import Decimal

import pytest
from django.urls import reverse
from PIL import Image

from tests.archive.conftest import World
from tests.archive.ocr.conftest import LINES, ingest_text_page
from tests.clients import logged_in
from tests.tasks import run_tasks
from verbund.archive.models import LineCorrection, OcrProfile, OcrStatus, Page, Unit
from verbund.archive.ocr import alto
from verbund.core.models import AuditEntry

pytestmark = pytest.mark.django_db


def _in_review(unit: Unit, world: World) -> Page:
    OcrProfile.objects.filter(pk=world.profile.pk).update(review_threshold=Decimal("99.99"))
    page = ingest_text_page(unit)
    run_tasks()
    page.refresh_from_db()
    assert page.ocr_status == OcrStatus.REVIEW
    return page


def _url(name: str, **kwargs: object) -> str:
    return reverse(f"staff:{name}", kwargs=kwargs)


def test_review_queue_lists_review_and_failed_pages(world: World) -> None:
    review = _in_review(world.own_unit, world)
    failed = ingest_text_page(world.members_unit)
    Page.objects.filter(pk=failed.pk).update(
        ocr_status=OcrStatus.FAILED, ocr_error="EngineTimeout: zu langsam"
    )
    response = logged_in(world.pilot_clerk).get(
        _url("archive_ocr_queue", archive_pk=world.archive.pk)
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert _url("archive_ocr_page", pk=review.pk) in body
    assert "EngineTimeout: zu langsam" in body
    assert "Fehlgeschlagene Seiten erneut erkennen" in body
    assert "A 1/2 Verwaltungsbericht 1950" in body


@pytest.mark.parametrize(("user", "status"), [("fellow_clerk", 403), ("outsider_clerk", 404)])
def test_review_queue_of_another_archive_is_refused(world: World, user: str, status: int) -> None:
    # The network fellow sees the archive (403: not theirs to change); the outsider not.
    response = logged_in(getattr(world, user)).get(
        _url("archive_ocr_queue", archive_pk=world.archive.pk)
    )
    assert response.status_code == status


def test_correction_page_shows_each_line_with_its_crop(world: World) -> None:
    page = _in_review(world.own_unit, world)
    client = logged_in(world.pilot_clerk)
    response = client.get(_url("archive_ocr_page", pk=page.pk))
    assert response.status_code == 200
    body = response.content.decode()
    for line_id, text in (("line_0", LINES[0]), ("line_1", LINES[1])):
        assert f'value="{line_id}"' in body
        assert _url("archive_ocr_line_image", pk=page.pk, line_id=line_id) in body
        assert f'value="{text}"' in body
    assert _url("archive_page_image", page_pk=page.pk) in body


def test_line_crop_is_the_box_scaled_to_the_derivative(world: World) -> None:
    page = _in_review(world.own_unit, world)
    client = logged_in(world.pilot_clerk)
    line = alto.parse(page.alto).lines[0]
    response = client.get(_url("archive_ocr_line_image", pk=page.pk, line_id="line_0"))
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert response["Cache-Control"] == "private, no-store"
    with page.image.open("rb") as stream, Image.open(stream) as derivative:
        scale = derivative.width / page.width
    data = b"".join(response.streaming_content)  # type: ignore[attr-defined]
    with Image.open(io.BytesIO(data)) as crop:
        assert abs(crop.width - line.width * scale) <= 2
        assert abs(crop.height - line.height * scale) <= 2
    assert (
        client.get(_url("archive_ocr_line_image", pk=page.pk, line_id="line_9")).status_code == 404
    )


def test_saving_a_line(world: World) -> None:
    page = _in_review(world.own_unit, world)
    client = logged_in(world.pilot_clerk)
    url = _url("archive_ocr_page", pk=page.pk)
    response = client.post(url, {"line_id": "line_1", "line_1-text": "Größe über Strasse"})
    assert response.status_code == 302
    assert response["Location"] == f"{url}#zeile-line_1"
    correction = LineCorrection.objects.get()
    assert (correction.line_id, correction.corrected) == ("line_1", "Größe über Strasse")
    page.refresh_from_db()
    assert page.text.endswith("Größe über Strasse")
    assert AuditEntry.objects.filter(action="archive.line_corrected").count() == 1


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"line_id": "line_1", "line_1-text": "  "}, "Geben Sie den Text der Zeile ein"),
        ({"line_id": "line_1", "line_1-text": "x" * 1001}, "höchstens 1000 Zeichen"),
        ({"line_id": "line_7", "line_7-text": "Text"}, "Die Zeile gibt es auf dieser Seite nicht"),
        ({"line-1-text": "Text"}, "Die Zeile gibt es auf dieser Seite nicht"),
    ],
)
def test_bad_line_input_is_400_and_saves_nothing(
    world: World, data: dict[str, str], message: str
) -> None:
    page = _in_review(world.own_unit, world)
    before = page.alto
    response = logged_in(world.pilot_clerk).post(_url("archive_ocr_page", pk=page.pk), data)
    assert response.status_code == 400
    assert message in response.content.decode()
    page.refresh_from_db()
    assert page.alto == before
    assert LineCorrection.objects.count() == 0
    assert not AuditEntry.objects.filter(action="archive.line_corrected").exists()


@pytest.mark.parametrize(
    ("unit", "user", "page_status", "archive_status"),
    [
        # A unit the user cannot see: 404; one they may see but not change: 403.
        ("own_unit", "fellow_clerk", 404, 403),
        ("members_unit", "fellow_clerk", 403, 403),
        ("members_unit", "outsider_clerk", 404, 404),
        ("public_unit", "outsider_clerk", 403, 404),
    ],
)
def test_pages_of_others_are_refused_and_nothing_happens(
    world: World, unit: str, user: str, page_status: int, archive_status: int
) -> None:
    page = _in_review(getattr(world, unit), world)
    client = logged_in(getattr(world, user))
    assert client.get(_url("archive_ocr_page", pk=page.pk)).status_code == page_status
    assert (
        client.get(_url("archive_ocr_line_image", pk=page.pk, line_id="line_0")).status_code
        == page_status
    )
    post = client.post(
        _url("archive_ocr_page", pk=page.pk), {"line_id": "line_0", "line_0-text": "falsch"}
    )
    assert post.status_code == page_status
    assert client.post(_url("archive_ocr_page_reviewed", pk=page.pk)).status_code == page_status
    assert (
        client.get(_url("archive_ocr_queue", archive_pk=world.archive.pk)).status_code
        == archive_status
    )
    assert (
        client.post(_url("archive_ocr_requeue", archive_pk=world.archive.pk)).status_code
        == archive_status
    )
    page.refresh_from_db()
    assert page.ocr_status == OcrStatus.REVIEW
    assert LineCorrection.objects.count() == 0
    assert not AuditEntry.objects.filter(
        action__in=["archive.line_corrected", "archive.page_reviewed", "archive.page_ocr_requeued"]
    ).exists()


def test_mark_reviewed(world: World) -> None:
    page = _in_review(world.own_unit, world)
    client = logged_in(world.pilot_clerk)
    response = client.post(_url("archive_ocr_page_reviewed", pk=page.pk))
    assert response.status_code == 302
    assert response["Location"] == _url("archive_ocr_queue", archive_pk=world.archive.pk)
    page.refresh_from_db()
    assert page.ocr_status == OcrStatus.REVIEWED
    # Twice: refused with a message, nothing recorded again.
    again = client.post(_url("archive_ocr_page_reviewed", pk=page.pk), follow=True)
    assert "Nur erkannte Seiten" in again.content.decode()
    assert AuditEntry.objects.filter(action="archive.page_reviewed").count() == 1


def test_requeue_button(world: World) -> None:
    page = ingest_text_page(world.own_unit)
    run_tasks()
    Page.objects.filter(pk=page.pk).update(ocr_status=OcrStatus.FAILED, ocr_error="x")
    client = logged_in(world.pilot_clerk)
    response = client.post(_url("archive_ocr_requeue", archive_pk=world.archive.pk), follow=True)
    assert "1 Seiten sind wieder zur Texterkennung eingereiht" in response.content.decode()
    page.refresh_from_db()
    assert page.ocr_status == OcrStatus.PENDING
    assert run_tasks() == 1
    page.refresh_from_db()
    assert page.ocr_status == OcrStatus.DONE
