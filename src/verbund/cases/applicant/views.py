"""The applicant's pages behind the status link: answer a question, download the Bescheid.

No account and no JavaScript: the status link's secret is the access check
(``applications.links.submission_of_status_link``; 404 for a wrong secret and for
an unknown reference alike), and the request or decision must belong to that
very application.
"""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from verbund.applications.links import status_path, submission_of_status_link
from verbund.applications.models import Submission
from verbund.cases.applicant.forms import AnswerForm
from verbund.cases.applicant.selectors import applicant_decision, applicant_request
from verbund.cases.models import RequestStatus
from verbund.cases.services import StoredFile, information_request_answer
from verbund.core.storage import private_download
from verbund.core.uploads import (
    DEFAULT_ACCEPT,
    UploadRejected,
    inspect_upload,
    max_upload_bytes,
    type_label,
)


def _submission(reference: str, token: str) -> Submission:
    submission = submission_of_status_link(reference, token)
    if submission is None:
        raise Http404
    return submission


@require_http_methods(["GET", "POST"])
def answer(request: HttpRequest, reference: str, token: str, request_id: uuid.UUID) -> HttpResponse:
    """The applicant answers a question of the authority: text and uploads, all or nothing."""
    submission = _submission(reference, token)
    info = applicant_request(submission, request_id)
    if info is None:
        raise Http404
    form = AnswerForm(request.POST or None)
    errors: list[str] = []
    if request.method == "POST" and info.status == RequestStatus.OPEN and form.is_valid():
        files = []
        for uploaded in request.FILES.getlist("dateien")[: AnswerForm.MAX_FILES + 1]:
            try:
                checked = inspect_upload(
                    uploaded, accept=DEFAULT_ACCEPT, max_bytes=max_upload_bytes()
                )
            except UploadRejected as rejected:
                errors.append(rejected.message)
                continue
            files.append(
                StoredFile(
                    filename=checked.filename,
                    content_type=checked.content_type,
                    size=checked.size,
                    sha256=checked.sha256,
                    content=uploaded,
                )
            )
        if len(files) > AnswerForm.MAX_FILES:
            errors.append(
                _("Bitte laden Sie höchstens %(n)d Dateien auf einmal hoch.")
                % {"n": AnswerForm.MAX_FILES}
            )
        if not errors:
            try:
                information_request_answer(
                    request=info, text=form.cleaned_data["text"], files=files
                )
            except ValidationError as exc:
                errors.extend(exc.messages)
            else:
                messages.success(
                    request, _("Vielen Dank, Ihre Antwort ist bei der Behörde eingegangen.")
                )
                return redirect(status_path(submission))
    return render(
        request,
        "cases/applicant/answer.html",
        {
            "submission": submission,
            "service": submission.service,
            "info": info,
            "form": form,
            "errors": errors,
            "status_url": status_path(submission),
            "accept_names": ", ".join(type_label(t) for t in DEFAULT_ACCEPT),
            "max_mb": max_upload_bytes() // (1024 * 1024),
        },
    )


def decision_download(request: HttpRequest, reference: str, token: str) -> FileResponse:
    submission = _submission(reference, token)
    version = applicant_decision(submission)
    if version is None or not version.file.name:
        raise Http404
    return private_download(
        version.file,
        filename=f"Bescheid {submission.reference}.pdf",
        content_type="application/pdf",
    )
