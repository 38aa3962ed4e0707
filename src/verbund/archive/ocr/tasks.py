"""The background task of the text recognition: one page per task.

An attempt that fails (Tesseract crashed, timed out, the model is missing, the
master cannot be read) is recorded on the page and raised, so that the queue tries
again with back-off (``core.taskqueue``, ADR 0023); after the last attempt the page
is FAILED with the error. A task that runs again for a page that is no longer queued
(at-least-once delivery) does nothing.
"""

from __future__ import annotations

from django_tasks import task

from verbund.archive.models import OcrStatus, Page
from verbund.archive.ocr import services

# Below the default priority (0): e-mails and webhooks are not kept waiting behind a
# batch of thousands of pages.
OCR_PRIORITY = -10


@task(priority=OCR_PRIORITY)
def ocr_page(page_id: int) -> str:
    """Recognise one page; its new OCR status ("skipped" for a page not queued)."""
    page = Page.objects.filter(pk=page_id).first()
    if page is None or page.ocr_status not in (OcrStatus.PENDING, OcrStatus.RUNNING):
        return "skipped"
    page = services.page_attempt_start(page)
    try:
        page = services.page_recognise(page)
    except Exception as error:
        services.page_attempt_failed(page, error)
        raise
    return str(page.ocr_status)
