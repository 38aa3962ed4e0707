"""Citizens' applications: drafts in progress, submissions and their attachments.

A :class:`Draft` holds the answers while a citizen goes through the steps; it
is bound to the browser session and can be resumed through a link sent by
e-mail. Submitting turns it into exactly one :class:`Submission` (its
``submit_key`` is unique, so a double click or a replayed POST cannot create a
second one). Uploaded files are :class:`Attachment` rows whose content lies in
private storage, outside every public URL.
"""

from __future__ import annotations

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _

from verbund.core.storage import private_storage


class Draft(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    service = models.ForeignKey("catalogue.Service", on_delete=models.CASCADE, related_name="+")
    version = models.ForeignKey(
        "formengine.FormVersion", on_delete=models.PROTECT, related_name="drafts"
    )
    # The place the citizen chose (a Gemeinde or kreisfreie Stadt).
    place = models.ForeignKey("authorities.Authority", on_delete=models.PROTECT, related_name="+")
    # The responsible authority (tenant of the row) and the one that processes.
    authority = models.ForeignKey(
        "authorities.Authority", on_delete=models.PROTECT, related_name="+"
    )
    processing = models.ForeignKey(
        "authorities.Authority", on_delete=models.PROTECT, related_name="+"
    )
    answers = models.JSONField(default=dict)
    completed_steps = models.JSONField(default=list)
    # Idempotency key of the submission this draft turns into.
    submit_key = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    # Set once, when the draft was submitted: a repeated submit finds it here.
    submission = models.OneToOneField(
        "Submission", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    resume_email = models.EmailField(blank=True)
    # The resume link's token is an HMAC of the id and this salt; a new salt voids old links.
    resume_salt = models.CharField(max_length=32, blank=True)
    language = models.CharField(max_length=8, default="de")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    expires_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"Draft {self.id}"


class SubmissionStatus(models.TextChoices):
    AWAITING_PAYMENT = "awaiting_payment", _("Zahlung ausstehend")
    SUBMITTED = "submitted", _("eingereicht")


class Submission(models.Model):
    reference = models.CharField(_("Vorgangsnummer"), max_length=20, unique=True)
    submit_key = models.UUIDField(unique=True, editable=False)
    service = models.ForeignKey("catalogue.Service", on_delete=models.PROTECT, related_name="+")
    version = models.ForeignKey(
        "formengine.FormVersion", on_delete=models.PROTECT, related_name="submissions"
    )
    place = models.ForeignKey("authorities.Authority", on_delete=models.PROTECT, related_name="+")
    responsible = models.ForeignKey(
        "authorities.Authority", on_delete=models.PROTECT, related_name="+"
    )
    # The processing authority: tenant of the row, whose inbox the case is in.
    authority = models.ForeignKey(
        "authorities.Authority", on_delete=models.PROTECT, related_name="submissions"
    )
    answers = models.JSONField()
    # [{"label", "amount", "quantity", "total"}] as computed at submission.
    fee_lines = models.JSONField(default=list)
    fee_total = models.DecimalField(max_digits=10, decimal_places=2, default=0)
    status = models.CharField(max_length=20, choices=SubmissionStatus.choices)
    # The status link's token is an HMAC of the reference and this salt (never stored).
    status_salt = models.CharField(max_length=32)
    email = models.EmailField(blank=True)
    applicant_name = models.CharField(max_length=200, blank=True)
    language = models.CharField(max_length=8, default="de")
    submitted_at = models.DateTimeField()
    paid_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("Antrag")
        verbose_name_plural = _("Anträge")
        ordering = ("-submitted_at", "-id")

    def __str__(self) -> str:
        return self.reference


def _attachment_path(instance: Attachment, filename: str) -> str:
    # Never the citizen's file name: it is kept in ``filename`` only.
    return f"attachments/{instance.created_at:%Y/%m}/{instance.id}"


class Attachment(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    draft = models.ForeignKey(
        Draft, on_delete=models.SET_NULL, null=True, blank=True, related_name="attachments"
    )
    submission = models.ForeignKey(
        Submission, on_delete=models.PROTECT, null=True, blank=True, related_name="attachments"
    )
    # The responsible authority of the application (tenant of the row).
    authority = models.ForeignKey(
        "authorities.Authority", on_delete=models.PROTECT, related_name="+"
    )
    field = models.CharField(max_length=100)
    filename = models.CharField(_("Dateiname"), max_length=200)
    content_type = models.CharField(max_length=100)
    size = models.PositiveBigIntegerField()
    sha256 = models.CharField(max_length=64)
    file = models.FileField(storage=private_storage, upload_to=_attachment_path, max_length=200)
    created_at = models.DateTimeField()

    class Meta:
        ordering = ("created_at", "id")

    def __str__(self) -> str:
        return self.filename
