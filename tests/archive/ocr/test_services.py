"""The text recognition through the task queue: model per script, stored ALTO and
text, review below the threshold, retries and FAILED, re-queueing, corrections, the
review and the ground truth export."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone
from django_tasks_db.models import DBTaskResult
from PIL import Image

from tests.archive.conftest import World
from tests.archive.ocr.conftest import LINES, ingest_text_page
from tests.tasks import run_tasks
from verbund.archive.models import LineCorrection, OcrProfile, OcrStatus, Page, Unit
from verbund.archive.ocr import alto, services
from verbund.archive.ocr.tasks import ocr_page
from verbund.core.models import AuditEntry
from verbund.core.taskqueue import result_run

pytestmark = pytest.mark.django_db


def _entries(action: str) -> list[AuditEntry]:
    return list(AuditEntry.objects.filter(action=action).order_by("pk"))


def _recognised(unit: Unit) -> Page:
    page = ingest_text_page(unit)
    assert run_tasks() == 1
    page.refresh_from_db()
    return page


def _ocr_tasks() -> list[DBTaskResult]:
    return list(DBTaskResult.objects.filter(task_path__endswith="ocr_page").order_by("pk"))


def test_ingest_queues_one_task_per_page(world: World) -> None:
    page = ingest_text_page(world.own_unit)
    assert page.ocr_status == OcrStatus.PENDING
    tasks = _ocr_tasks()
    assert [(t.status, t.args_kwargs["args"], t.priority) for t in tasks] == [
        ("READY", [page.pk], -10)
    ]


def test_antiqua_page_is_recognised_with_deu_and_stored(world: World) -> None:
    page = _recognised(world.own_unit)
    assert page.ocr_status == OcrStatus.DONE
    assert page.ocr_model == "deu"
    # Tesseract finds two text blocks here: a blank line between them.
    assert page.text == "\n\n".join(LINES)
    assert page.ocr_attempts == 1
    assert page.ocr_error == ""
    assert page.ocr_at is not None
    parsed = alto.parse(page.alto)
    assert [line.text for line in parsed.lines] == list(LINES)
    assert page.mean_confidence == alto.mean_confidence(parsed)
    assert page.mean_confidence is not None
    assert page.mean_confidence >= Decimal(80)
    [entry] = _entries("archive.page_recognised")
    assert entry.object_id == str(page.pk)
    assert entry.authority_id == world.pilot.pk
    assert entry.changes["ocr_status"] == ["running", "done"]
    assert entry.changes["ocr_model"] == ["", "deu"]


def test_model_follows_the_units_script(world: World) -> None:
    OcrProfile.objects.filter(pk=world.profile.pk).update(model_fraktur="eng")
    page = _recognised(world.public_unit)  # Fraktur
    assert page.ocr_model == "eng"


def test_below_the_threshold_goes_to_review(world: World) -> None:
    OcrProfile.objects.filter(pk=world.profile.pk).update(review_threshold=Decimal("99.99"))
    page = _recognised(world.own_unit)
    assert page.ocr_status == OcrStatus.REVIEW
    assert page.mean_confidence is not None
    assert page.mean_confidence < Decimal("99.99")


def _attempt(task: DBTaskResult, worker: str) -> str:
    """One attempt as a worker makes it: claim, run, record (core.taskqueue)."""
    task.refresh_from_db()
    task.claim(worker)
    return result_run(task)


@pytest.mark.parametrize(
    ("program", "error"), [("crashing", "EngineCrashed"), ("hanging", "EngineTimeout")]
)
def test_crash_or_hang_is_retried_then_failed(
    world: World,
    settings: object,
    request: pytest.FixtureRequest,
    program: str,
    error: str,
) -> None:
    settings.VERBUND_TESSERACT_BINARY = str(  # type: ignore[attr-defined]
        request.getfixturevalue(f"{program}_tesseract")
    )
    settings.VERBUND_OCR_TIMEOUT_SECONDS = 0.3  # type: ignore[attr-defined]
    settings.VERBUND_TASK_MAX_ATTEMPTS = 3  # type: ignore[attr-defined]
    page = ingest_text_page(world.own_unit)
    [task] = _ocr_tasks()
    for attempt in (1, 2):
        assert _attempt(task, f"w{attempt}") == "READY"
        page.refresh_from_db()
        assert (page.ocr_status, page.ocr_attempts) == (OcrStatus.PENDING, attempt)
        assert page.ocr_error.startswith(f"{error}: ")
        assert _entries("archive.page_ocr_failed") == []
    assert _attempt(task, "w3") == "FAILED"
    page.refresh_from_db()
    assert (page.ocr_status, page.ocr_attempts) == (OcrStatus.FAILED, 3)
    assert page.ocr_error.startswith(f"{error}: ")
    assert (page.alto, page.text, page.mean_confidence) == ("", "", None)
    [entry] = _entries("archive.page_ocr_failed")
    assert entry.changes["ocr_attempts"] == 3
    assert _entries("archive.page_recognised") == []


def test_a_page_no_longer_queued_is_skipped(world: World) -> None:
    page = _recognised(world.own_unit)
    assert ocr_page.call(page.pk) == "skipped"
    assert ocr_page.call(999_999) == "skipped"
    page.refresh_from_db()
    assert page.ocr_attempts == 1
    assert len(_entries("archive.page_recognised")) == 1


def test_requeue_failed_and_stalled_pages(world: World) -> None:
    failed = ingest_text_page(world.own_unit)
    stalled = ingest_text_page(world.own_unit)
    running = ingest_text_page(world.own_unit)
    DBTaskResult.objects.all().delete()
    long_ago = timezone.now() - dt.timedelta(hours=1)
    Page.objects.filter(pk=failed.pk).update(
        ocr_status=OcrStatus.FAILED, ocr_attempts=3, ocr_error="EngineCrashed: x"
    )
    Page.objects.filter(pk=stalled.pk).update(ocr_status=OcrStatus.RUNNING, ocr_at=long_ago)
    Page.objects.filter(pk=running.pk).update(ocr_status=OcrStatus.RUNNING, ocr_at=timezone.now())
    assert services.pages_requeue_failed(actor=world.pilot_clerk, archive=world.archive) == 2
    states = dict(Page.objects.values_list("pk", "ocr_status"))
    assert states == {
        failed.pk: OcrStatus.PENDING,
        stalled.pk: OcrStatus.PENDING,
        running.pk: OcrStatus.RUNNING,
    }
    failed.refresh_from_db()
    assert (failed.ocr_attempts, failed.ocr_error) == (0, "")
    assert sorted(t.args_kwargs["args"][0] for t in _ocr_tasks()) == [failed.pk, stalled.pk]
    assert sorted(int(e.object_id) for e in _entries("archive.page_ocr_requeued")) == [
        failed.pk,
        stalled.pk,
    ]
    # Nothing left to queue: nothing written.
    assert services.pages_requeue_failed(actor=world.pilot_clerk, archive=world.archive) == 2 - 2
    assert len(_entries("archive.page_ocr_requeued")) == 2


def test_line_correct_keeps_ground_truth_and_rebuilds_the_text(world: World) -> None:
    page = _recognised(world.own_unit)
    line = alto.parse(page.alto).lines[1]
    correction = services.line_correct(
        actor=world.pilot_clerk, page=page, line_id=line.id, text="  Größe  über Strasse "
    )
    assert (correction.line_id, correction.recognised, correction.corrected) == (
        line.id,
        LINES[1],
        "Größe über Strasse",
    )
    assert (correction.hpos, correction.vpos, correction.width, correction.height) == (
        line.hpos,
        line.vpos,
        line.width,
        line.height,
    )
    assert correction.corrected_by_id == world.pilot_clerk.pk
    page.refresh_from_db()
    assert page.text == f"{LINES[0]}\n\nGröße über Strasse"
    assert [line.text for line in alto.parse(page.alto).lines] == [LINES[0], "Größe über Strasse"]
    [entry] = _entries("archive.line_corrected")
    assert entry.changes == {"line_id": line.id, "text": [LINES[1], "Größe über Strasse"]}
    # Again with another text: the same correction row, recognised text kept.
    services.line_correct(actor=world.pilot_clerk, page=page, line_id=line.id, text="Größe")
    correction.refresh_from_db()
    assert (correction.recognised, correction.corrected) == (LINES[1], "Größe")
    assert LineCorrection.objects.count() == 1
    # The same text once more changes nothing.
    services.line_correct(actor=world.pilot_clerk, page=page, line_id=line.id, text="Größe")
    assert len(_entries("archive.line_corrected")) == 2


@pytest.mark.parametrize(
    ("line_id", "text", "field"),
    [("line_1", "   ", "text"), ("line_1", "x" * 1001, "text"), ("line_99", "Text", "line_id")],
)
def test_line_correct_refuses_bad_input(world: World, line_id: str, text: str, field: str) -> None:
    page = _recognised(world.own_unit)
    before = page.alto
    with pytest.raises(ValidationError) as refused:
        services.line_correct(actor=world.pilot_clerk, page=page, line_id=line_id, text=text)
    assert field in refused.value.error_dict
    page.refresh_from_db()
    assert page.alto == before
    assert LineCorrection.objects.count() == 0
    assert _entries("archive.line_corrected") == []


def test_line_correct_needs_a_recognised_page(world: World) -> None:
    page = ingest_text_page(world.own_unit)
    with pytest.raises(ValidationError, match="noch keinen erkannten Text"):
        services.line_correct(actor=world.pilot_clerk, page=page, line_id="line_0", text="x")
    assert LineCorrection.objects.count() == 0


def test_review_done(world: World) -> None:
    OcrProfile.objects.filter(pk=world.profile.pk).update(review_threshold=Decimal("99.99"))
    page = _recognised(world.own_unit)
    services.page_review_done(actor=world.pilot_clerk, page=page)
    page.refresh_from_db()
    assert page.ocr_status == OcrStatus.REVIEWED
    assert page.reviewed_by_id == world.pilot_clerk.pk
    assert page.reviewed_at is not None
    [entry] = _entries("archive.page_reviewed")
    assert entry.changes == {"ocr_status": ["review", "reviewed"]}
    with pytest.raises(ValidationError, match="geprüft"):
        services.page_review_done(actor=world.pilot_clerk, page=page)
    assert len(_entries("archive.page_reviewed")) == 1


def test_corrections_survive_a_new_recognition(world: World) -> None:
    page = _recognised(world.own_unit)
    services.line_correct(actor=world.pilot_clerk, page=page, line_id="line_1", text="Größe")
    services.pages_enqueue([page])
    assert run_tasks() == 1
    page.refresh_from_db()
    assert page.text == f"{LINES[0]}\n\nGröße"


def test_ground_truth_export(world: World, tmp_path: Path) -> None:
    Unit.objects.filter(pk=world.own_unit.pk).update(year_from=1848)
    page = _recognised(world.own_unit)
    line = alto.parse(page.alto).lines[0]
    services.line_correct(
        actor=world.pilot_clerk, page=page, line_id=line.id, text="Der Gemeinderat tagte."
    )
    folder = tmp_path / "gt"
    assert services.ground_truth_export(archive=world.archive, folder=folder) == 1
    stem = f"1848_p{page.pk}_{line.id}"
    assert sorted(p.name for p in folder.iterdir()) == [f"{stem}.gt.txt", f"{stem}.png"]
    assert (folder / f"{stem}.gt.txt").read_text() == "Der Gemeinderat tagte.\n"
    with Image.open(folder / f"{stem}.png") as crop:
        assert crop.size == (line.width, line.height)
    # Another archive's export holds none of these lines.
    assert services.ground_truth_export(archive=world.fellow_archive, folder=tmp_path / "x") == 0
