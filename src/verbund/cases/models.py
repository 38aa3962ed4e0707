"""Cases: what an authority's back office works on, and the eAkte that records it.

Every submitted application opens exactly one :class:`Case` (Vorgang) in the
inbox of its *processing* authority (the responsible authority itself, or the
member that processes for it under an agreement). The case is also the file
(Akte): it has a file number (Aktenzeichen) after the authority's pattern,
documents with versions and SHA-256 (:class:`CaseDocument`,
:class:`DocumentVersion`) and a full history (:class:`CaseEvent`, of which the
public entries are what the citizen sees on the status page).

Around the case: questions to the applicant (:class:`InformationRequest`),
statements asked of other authorities (:class:`Participation`, Beteiligung),
the decision letter (:class:`Decision`, Bescheid) and, when the retention
period ends, the hand-over to the archive or the deletion of personal data
(:class:`RecordsDisposal`). Per service the builder sets the case type
(:class:`CaseType`: letter texts, file plan code, retention); per authority its
admins set file numbers, letterhead and archive (:class:`CaseSettings`).
"""

from __future__ import annotations

import uuid
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from verbund.core.storage import private_storage


class CaseStatus(models.TextChoices):
    AWAITING_PAYMENT = "awaiting_payment", _("Zahlung ausstehend")
    RECEIVED = "received", _("Eingegangen")
    IN_PROGRESS = "in_progress", _("In Bearbeitung")
    WAITING_APPLICANT = "waiting_applicant", _("Rückfrage an Sie")
    WAITING_STATEMENT = "waiting_statement", _("Stellungnahme angefragt")
    GRANTED = "granted", _("Entschieden: bewilligt")
    REFUSED = "refused", _("Entschieden: abgelehnt")
    CLOSED = "closed", _("Abgeschlossen")


class Via(models.TextChoices):
    """How a transition happens: which action of the back office makes it."""

    PAYMENT = "payment", _("Zahlung der Gebühr")
    STATUS = "status", _("Status setzen")
    REQUEST = "request", _("Rückfrage an die Antragstellerin oder den Antragsteller")
    PARTICIPATION = "participation", _("Beteiligung einer anderen Behörde")
    ANSWER = "answer", _("Antwort oder Stellungnahme eingegangen, Anfrage beendet")
    DECISION = "decision", _("Bescheid erlassen")


# Every allowed transition and the one action that makes it. A clerk sets a status
# directly only where ``Via.STATUS`` says so; the waiting states follow from open
# requests, the decided ones from a Bescheid.
TRANSITIONS: dict[tuple[str, str], str] = {
    (CaseStatus.AWAITING_PAYMENT, CaseStatus.RECEIVED): Via.PAYMENT,
    (CaseStatus.RECEIVED, CaseStatus.IN_PROGRESS): Via.STATUS,
    (CaseStatus.IN_PROGRESS, CaseStatus.WAITING_APPLICANT): Via.REQUEST,
    (CaseStatus.WAITING_STATEMENT, CaseStatus.WAITING_APPLICANT): Via.REQUEST,
    (CaseStatus.IN_PROGRESS, CaseStatus.WAITING_STATEMENT): Via.PARTICIPATION,
    (CaseStatus.WAITING_APPLICANT, CaseStatus.IN_PROGRESS): Via.ANSWER,
    (CaseStatus.WAITING_APPLICANT, CaseStatus.WAITING_STATEMENT): Via.ANSWER,
    (CaseStatus.WAITING_STATEMENT, CaseStatus.IN_PROGRESS): Via.ANSWER,
    (CaseStatus.IN_PROGRESS, CaseStatus.GRANTED): Via.DECISION,
    (CaseStatus.IN_PROGRESS, CaseStatus.REFUSED): Via.DECISION,
    (CaseStatus.GRANTED, CaseStatus.CLOSED): Via.STATUS,
    (CaseStatus.REFUSED, CaseStatus.CLOSED): Via.STATUS,
}
# While work goes on: the states in which requests and participations may be opened.
WORKING = frozenset(
    {CaseStatus.IN_PROGRESS, CaseStatus.WAITING_APPLICANT, CaseStatus.WAITING_STATEMENT}
)
DECIDED = frozenset({CaseStatus.GRANTED, CaseStatus.REFUSED})
# Decided or closed cases have no deadline left to miss.
DONE = DECIDED | {CaseStatus.CLOSED}


def allowed_targets(status: str, via: str) -> list[str]:
    """The statuses that ``via`` may move a case in ``status`` to, in declaration order."""
    return [target for target in CaseStatus.values if TRANSITIONS.get((status, target)) == via]


class Disposal(models.TextChoices):
    """What happens to a file when its retention period ends (Aussonderungsart)."""

    ARCHIVE = "archive", _("dem Archiv anbieten: archivwürdig")
    APPRAISE = "appraise", _("dem Archiv zur Bewertung anbieten")
    DESTROY = "destroy", _("vernichten: personenbezogene Daten löschen")


DEFAULT_RETENTION_YEARS = 10
DEFAULT_FILE_NUMBER_PATTERN = "{jahr}/{nr:5}"


class CaseType(models.Model):
    """What the builder of a service sets once for every member's cases of it
    (as Open Zaak's ZaakType): decision letter texts, file plan code and retention."""

    service = models.OneToOneField(
        "catalogue.Service", on_delete=models.CASCADE, related_name="case_type"
    )
    # The service's builder (tenant of the row).
    authority = models.ForeignKey(
        "authorities.Authority", on_delete=models.PROTECT, related_name="+"
    )
    file_plan_code = models.CharField(
        _("Aktenplankennzeichen"),
        max_length=30,
        blank=True,
        help_text=_("Kennzeichen im Aktenplan, z. B. 632.1 (Baugenehmigungen)."),
    )
    retention_years = models.PositiveSmallIntegerField(
        _("Aufbewahrungsfrist in Jahren"),
        default=DEFAULT_RETENTION_YEARS,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
        help_text=_("Die Frist beginnt mit Ablauf des Jahres, in dem die Akte geschlossen wurde."),
    )
    disposal = models.CharField(
        _("Nach Ablauf der Frist"),
        max_length=10,
        choices=Disposal.choices,
        default=Disposal.APPRAISE,
    )
    granted_text = models.TextField(_("Text des Bescheids bei Bewilligung"), blank=True)
    refused_text = models.TextField(_("Text des Bescheids bei Ablehnung"), blank=True)
    remedy_notice = models.TextField(_("Rechtsbehelfsbelehrung"), blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("Vorgangsart")
        verbose_name_plural = _("Vorgangsarten")

    def __str__(self) -> str:
        return str(self.service)


class CaseSettings(models.Model):
    """An authority's file numbers, letterhead and archive."""

    authority = models.OneToOneField(
        "authorities.Authority", on_delete=models.CASCADE, related_name="case_settings"
    )
    file_number_pattern = models.CharField(
        _("Muster des Aktenzeichens"),
        max_length=60,
        default=DEFAULT_FILE_NUMBER_PATTERN,
        help_text=_(
            "Platzhalter: {jahr}, {nr} (laufende Nummer je Jahr, mit Stellenzahl: {nr:5}), "
            "{aktenplan} (Aktenplankennzeichen der Vorgangsart). "
            "Beispiel: 63-{aktenplan}/{jahr}/{nr:5}"
        ),
    )
    department = models.CharField(
        _("Organisationseinheit im Briefkopf"), max_length=200, blank=True
    )
    street = models.CharField(_("Straße und Hausnummer"), max_length=200, blank=True)
    postcode = models.CharField(_("PLZ"), max_length=5, blank=True)
    city = models.CharField(_("Ort"), max_length=100, blank=True)
    phone = models.CharField(_("Telefon"), max_length=40, blank=True)
    email = models.EmailField(_("E-Mail"), blank=True)
    website = models.URLField(_("Internetseite"), blank=True)
    signatory = models.CharField(
        _("Zeichnung (Zeile unter dem Gruß)"),
        max_length=200,
        blank=True,
        help_text=_(
            "Unter dem Bescheid, z. B. „Im Auftrag“ und ein Name; "
            "leer: der Name der Person, die den Vorgang bearbeitet."
        ),
    )
    archive_name = models.CharField(
        _("Zuständiges Archiv"), max_length=200, blank=True, help_text=_("z. B. Kreisarchiv Düren")
    )
    # The administrative court a Klage against the authority's Bescheide goes to (as a
    # rule the court of the district where they are issued, § 52 VwGO; a Kreis or
    # Gemeinde lies in one district). The Rechtsbehelfsbelehrung names it with its seat
    # and address (§ 58 Abs. 1 VwGO); without it no Bescheid is issued.
    court_name = models.CharField(
        _("Name des Verwaltungsgerichts"),
        max_length=200,
        blank=True,
        help_text=_("z. B. Verwaltungsgericht Aachen"),
    )
    court_street = models.CharField(
        _("Straße und Hausnummer des Gerichts"), max_length=200, blank=True
    )
    court_postcode = models.CharField(
        _("PLZ des Gerichts"),
        max_length=5,
        blank=True,
        validators=[RegexValidator(r"^[0-9]{5}$", _("Die PLZ hat fünf Ziffern."))],
    )
    court_city = models.CharField(_("Sitz des Gerichts (Ort)"), max_length=100, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    COURT_FIELDS = ("court_name", "court_street", "court_postcode", "court_city")

    class Meta:
        verbose_name = _("Einstellungen der Aktenführung")
        verbose_name_plural = _("Einstellungen der Aktenführung")

    def __str__(self) -> str:
        return f"{self.authority}"

    def clean(self) -> None:
        """The court is given whole (name, street, postcode, seat) or not at all."""
        values = {name: str(getattr(self, name) or "").strip() for name in self.COURT_FIELDS}
        for name, value in values.items():
            setattr(self, name, value)
        if any(values.values()):
            missing = {
                name: ValidationError(
                    _(
                        "Geben Sie das Verwaltungsgericht vollständig an: Name, Straße und "
                        "Hausnummer, PLZ und Sitz."
                    ),
                    code="court_incomplete",
                )
                for name, value in values.items()
                if not value
            }
            if missing:
                raise ValidationError(missing)


class FileNumberCounter(models.Model):
    """The running number of file numbers per authority and year."""

    authority = models.ForeignKey(
        "authorities.Authority", on_delete=models.CASCADE, related_name="+"
    )
    year = models.PositiveSmallIntegerField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["authority", "year"], name="one_counter_per_year")
        ]

    def __str__(self) -> str:
        return f"{self.authority_id}/{self.year}: {self.last}"


class DisposalState(models.TextChoices):
    NONE = "", _("in Aufbewahrung")
    ARCHIVED = "archived", _("an das Archiv abgegeben")
    DESTROYED = "destroyed", _("personenbezogene Daten gelöscht")


class Case(models.Model):
    submission = models.OneToOneField(
        "applications.Submission", on_delete=models.PROTECT, related_name="case"
    )
    # The processing authority: whose inbox the case is in (tenant of the row).
    authority = models.ForeignKey(
        "authorities.Authority",
        on_delete=models.PROTECT,
        related_name="cases",
        verbose_name=_("bearbeitende Behörde"),
    )
    responsible = models.ForeignKey(
        "authorities.Authority",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("zuständige Behörde"),
    )
    # Processed on the responsible authority's behalf (mandating): letters say
    # "im Auftrag von …". Set when the case opens; agreements refine it (issue #6).
    on_behalf = models.BooleanField(default=False)
    service = models.ForeignKey("catalogue.Service", on_delete=models.PROTECT, related_name="+")
    # Copies of the submission's, so that the inbox lists and searches one table.
    reference = models.CharField(_("Vorgangsnummer"), max_length=20, unique=True)
    applicant_name = models.CharField(_("Antragsteller/in"), max_length=200, blank=True)
    # Folded (lower case, umlauts spelt out) for the search in the inbox.
    applicant_key = models.CharField(max_length=200, blank=True, editable=False)
    file_number = models.CharField(_("Aktenzeichen"), max_length=80)
    status = models.CharField(_("Status"), max_length=20, choices=CaseStatus.choices)
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="assigned_cases",
        verbose_name=_("Bearbeitung durch"),
    )
    received_at = models.DateTimeField(_("eingegangen am"))
    due_on = models.DateField(_("zu erledigen bis"), null=True, blank=True)
    # Something arrived that the clerk has not looked at yet (an answer, a statement).
    attention = models.CharField(_("Neu eingegangen"), max_length=200, blank=True)
    closed_at = models.DateTimeField(_("geschlossen am"), null=True, blank=True)
    retention_until = models.DateField(_("aufzubewahren bis"), null=True, blank=True)
    disposal_state = models.CharField(
        _("Aussonderung"), max_length=10, choices=DisposalState.choices, blank=True, default=""
    )
    disposal = models.ForeignKey(
        "RecordsDisposal", on_delete=models.PROTECT, null=True, blank=True, related_name="cases"
    )
    # Optimistic lock: every write moves it on; a form posts the value it showed.
    version = models.PositiveIntegerField(default=1)
    updated_at = models.DateTimeField(_("geändert am"), auto_now=True)

    class Meta:
        verbose_name = _("Vorgang")
        verbose_name_plural = _("Vorgänge")
        ordering = ("-received_at", "-id")
        indexes = [
            models.Index(fields=("authority", "status", "-received_at")),
            models.Index(fields=("authority", "service", "status", "-received_at")),
            models.Index(fields=("authority", "-received_at")),
            models.Index(fields=("authority", "retention_until")),
            # Cases per responsible member and period (cost allocation by cases).
            models.Index(fields=("responsible", "-received_at")),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["authority", "file_number"], name="unique_file_number_per_authority"
            )
        ]

    def __str__(self) -> str:
        return self.reference


class EventKind(models.TextChoices):
    STATUS = "status", _("Status")
    NOTE = "note", _("Notiz")
    ASSIGNMENT = "assignment", _("Zuweisung")
    DOCUMENT = "document", _("Dokument")
    REQUEST = "request", _("Rückfrage")
    ANSWER = "answer", _("Antwort der Antragstellerin oder des Antragstellers")
    PARTICIPATION = "participation", _("Beteiligung")
    DECISION = "decision", _("Bescheid")
    RECORDS = "records", _("Aktenführung")
    INTERFACE = "interface", _("Fachverfahren")


class CaseEvent(models.Model):
    """One entry of a case's history. ``public`` entries (status changes with their
    note for the applicant, requests, the decision) appear on the status page; the
    rest (notes, assignments, documents, participations) only in the back office."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="events")
    authority = models.ForeignKey(
        "authorities.Authority", on_delete=models.PROTECT, related_name="+"
    )
    kind = models.CharField(max_length=20, choices=EventKind.choices, default=EventKind.STATUS)
    public = models.BooleanField(default=True)
    # The case's status after the event.
    status = models.CharField(_("Status"), max_length=20, choices=CaseStatus.choices)
    note = models.TextField(_("Hinweis"), blank=True)
    created_at = models.DateTimeField(_("am"))
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # Who acted when it was not a staff user: "system", the applicant, a specialist system.
    actor_label = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ("created_at", "id")
        indexes = [models.Index(fields=("case", "public", "created_at"))]

    def __str__(self) -> str:
        return f"{self.case}: {self.kind} {self.status}"


class DocumentSource(models.TextChoices):
    APPLICATION = "application", _("mit dem Antrag eingereicht")
    APPLICANT = "applicant", _("von der Antragstellerin oder dem Antragsteller nachgereicht")
    CLERK = "clerk", _("von der Sachbearbeitung abgelegt")
    STATEMENT = "statement", _("Stellungnahme einer beteiligten Behörde")
    DECISION = "decision", _("Bescheid")
    INTERFACE = "interface", _("aus dem Fachverfahren")


class CaseDocument(models.Model):
    """A document of the file; its content is in one or more immutable versions."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="documents")
    # The case's processing authority (tenant of the row).
    authority = models.ForeignKey(
        "authorities.Authority", on_delete=models.PROTECT, related_name="+"
    )
    title = models.CharField(_("Bezeichnung"), max_length=200)
    source = models.CharField(_("Herkunft"), max_length=20, choices=DocumentSource.choices)
    information_request = models.ForeignKey(
        "InformationRequest",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="documents",
    )
    created_at = models.DateTimeField(_("angelegt am"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    current_number = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = _("Dokument")
        verbose_name_plural = _("Dokumente")
        ordering = ("created_at", "id")

    def __str__(self) -> str:
        return self.title


def _version_path(instance: DocumentVersion, filename: str) -> str:
    # Never the uploaded name: it is kept in ``filename`` only.
    return f"documents/{instance.created_at:%Y/%m}/{instance.id}"


class DocumentVersion(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    document = models.ForeignKey(CaseDocument, on_delete=models.PROTECT, related_name="versions")
    authority = models.ForeignKey(
        "authorities.Authority", on_delete=models.PROTECT, related_name="+"
    )
    number = models.PositiveIntegerField(_("Version"))
    filename = models.CharField(_("Dateiname"), max_length=200)
    content_type = models.CharField(max_length=100)
    size = models.PositiveBigIntegerField()
    sha256 = models.CharField(max_length=64)
    file = models.FileField(storage=private_storage, upload_to=_version_path, max_length=200)
    created_at = models.DateTimeField(_("am"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # Set when the content was deleted with the file's personal data.
    deleted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ("document", "number")
        constraints = [
            models.UniqueConstraint(fields=["document", "number"], name="unique_version_number")
        ]

    def __str__(self) -> str:
        return f"{self.filename} (v{self.number})"


class RequestStatus(models.TextChoices):
    OPEN = "open", _("offen")
    ANSWERED = "answered", _("beantwortet")
    WITHDRAWN = "withdrawn", _("zurückgezogen")


class InformationRequest(models.Model):
    """The clerk asks the applicant for missing documents or information; the
    applicant answers through the status link."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="information_requests")
    authority = models.ForeignKey(
        "authorities.Authority", on_delete=models.PROTECT, related_name="+"
    )
    message = models.TextField(_("Ihre Nachricht"))
    items = models.JSONField(_("Angeforderte Unterlagen"), default=list, blank=True)
    due_on = models.DateField(_("Frist"))
    status = models.CharField(
        max_length=10, choices=RequestStatus.choices, default=RequestStatus.OPEN
    )
    created_at = models.DateTimeField()
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    answer_text = models.TextField(_("Antwort"), blank=True)
    answered_at = models.DateTimeField(null=True, blank=True)
    withdrawn_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ("created_at", "id")

    def __str__(self) -> str:
        return f"{self.case}: {self.due_on}"


class ParticipationKind(models.TextChoices):
    CONSENT = "consent", _("Einvernehmen der Gemeinde (§ 36 BauGB)")
    STATEMENT = "statement", _("Stellungnahme")


class ParticipationOutcome(models.TextChoices):
    CONSENT_GIVEN = "consent_given", _("Einvernehmen erteilt")
    CONSENT_REFUSED = "consent_refused", _("Einvernehmen versagt")
    NO_OBJECTION = "no_objection", _("Keine Bedenken")
    CONDITIONS = "conditions", _("Keine Bedenken unter Auflagen")
    OBJECTION = "objection", _("Bedenken")


OUTCOMES_BY_KIND: dict[str, tuple[str, ...]] = {
    ParticipationKind.CONSENT: (
        ParticipationOutcome.CONSENT_GIVEN,
        ParticipationOutcome.CONSENT_REFUSED,
    ),
    ParticipationKind.STATEMENT: (
        ParticipationOutcome.NO_OBJECTION,
        ParticipationOutcome.CONDITIONS,
        ParticipationOutcome.OBJECTION,
    ),
}


class Participation(models.Model):
    """A case asks another authority for a statement (Beteiligung).

    Two tenants meet here: ``authority`` (the requesting, processing authority,
    which owns the case) and ``requested``. The requested authority sees this
    row and, while it is open, exactly ``shared_versions``; nothing else of the
    case. Answered or revoked, it keeps the row and its answer but no documents.
    """

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="participations")
    authority = models.ForeignKey(
        "authorities.Authority", on_delete=models.PROTECT, related_name="+"
    )
    requested = models.ForeignKey(
        "authorities.Authority",
        on_delete=models.PROTECT,
        related_name="participation_requests",
        verbose_name=_("beteiligte Behörde"),
    )
    kind = models.CharField(_("Art"), max_length=10, choices=ParticipationKind.choices)
    subject = models.CharField(_("Betreff"), max_length=200)
    message = models.TextField(_("Anschreiben"))
    due_on = models.DateField(_("Frist"))
    shared_versions = models.ManyToManyField(
        DocumentVersion, related_name="participations", blank=True
    )
    status = models.CharField(
        max_length=10, choices=RequestStatus.choices, default=RequestStatus.OPEN
    )
    created_at = models.DateTimeField()
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    outcome = models.CharField(
        _("Ergebnis"), max_length=20, choices=ParticipationOutcome.choices, blank=True
    )
    answer_text = models.TextField(_("Stellungnahme"), blank=True)
    answer_document = models.ForeignKey(
        CaseDocument, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    answered_at = models.DateTimeField(null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("Beteiligung")
        verbose_name_plural = _("Beteiligungen")
        ordering = ("-created_at", "-id")
        indexes = [models.Index(fields=("requested", "status", "-created_at"))]

    def __str__(self) -> str:
        return f"{self.case}: {self.requested}"


class DecisionOutcome(models.TextChoices):
    GRANTED = CaseStatus.GRANTED.value, _("bewilligt")
    REFUSED = CaseStatus.REFUSED.value, _("abgelehnt")


class Decision(models.Model):
    """The Bescheid of a case, issued once; its PDF is a document of the file."""

    case = models.OneToOneField(Case, on_delete=models.PROTECT, related_name="decision")
    authority = models.ForeignKey(
        "authorities.Authority", on_delete=models.PROTECT, related_name="+"
    )
    outcome = models.CharField(_("Entscheidung"), max_length=20, choices=DecisionOutcome.choices)
    body = models.TextField(_("Text des Bescheids"))
    remedy_notice = models.TextField(_("Rechtsbehelfsbelehrung"), blank=True)
    fee_amount = models.DecimalField(
        _("Gebühr"), max_digits=10, decimal_places=2, default=Decimal("0.00")
    )
    fee_note = models.CharField(_("Gebühr: Grundlage"), max_length=300, blank=True)
    # Set where the processing authority decides on behalf of the responsible one.
    on_behalf_of = models.ForeignKey(
        "authorities.Authority", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    document = models.ForeignKey(CaseDocument, on_delete=models.PROTECT, related_name="+")
    issued_at = models.DateTimeField(_("erlassen am"))
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    issued_by_label = models.CharField(max_length=200, blank=True)

    class Meta:
        verbose_name = _("Bescheid")
        verbose_name_plural = _("Bescheide")

    def __str__(self) -> str:
        return f"{self.case}: {self.outcome}"


class RecordsDisposal(models.Model):
    """One Aussonderung: files handed to the archive as an xdomea package, or
    their personal data deleted. The row stays as the record of what was done."""

    class Kind(models.TextChoices):
        ARCHIVED = "archived", _("an das Archiv abgegeben")
        DESTROYED = "destroyed", _("personenbezogene Daten gelöscht")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    authority = models.ForeignKey(
        "authorities.Authority", on_delete=models.PROTECT, related_name="+"
    )
    kind = models.CharField(max_length=10, choices=Kind.choices)
    created_at = models.DateTimeField()
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    recipient = models.CharField(_("Archiv"), max_length=200, blank=True)
    # The xdomea package until the archive confirms receipt; then only its digest remains.
    package = models.FileField(storage=private_storage, max_length=200, blank=True)
    package_sha256 = models.CharField(max_length=64, blank=True)
    package_size = models.PositiveBigIntegerField(default=0)
    confirmed_at = models.DateTimeField(_("Empfang bestätigt am"), null=True, blank=True)
    # What was deleted: per case the file number, the documents' digests, the counts.
    record = models.JSONField(default=dict)

    class Meta:
        verbose_name = _("Aussonderung")
        verbose_name_plural = _("Aussonderungen")
        ordering = ("-created_at",)

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.created_at:%Y-%m-%d}"
