"""Archive digitization (issue #16): an authority's archive (Archiv) with its holdings
(Bestand) and record units (Verzeichnungseinheit, described after ISAD(G)); the scanned
pages of a unit with their untouched master, derivatives and OCR result (ALTO); the
shared OCR profiles (models, thresholds, review workflow) that other archives adopt;
line corrections kept as ground truth.

Every row carries the authority that owns the archive (``authority``), so the access
layer scopes each of them directly.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from verbund.core.storage import private_storage

__all__ = [
    "AccessLevel",
    "Archive",
    "DescriptionLevel",
    "Fonds",
    "LineCorrection",
    "OcrProfile",
    "OcrStatus",
    "Page",
    "Script",
    "Unit",
    "UnitSource",
]


class Script(models.TextChoices):
    """The type of the text on a unit's pages; the OCR profile maps each to a model."""

    FRAKTUR = "fraktur", _("Fraktur")
    ANTIQUA = "antiqua", _("Antiqua (Druckschrift)")
    TYPEWRITER = "typewriter", _("Schreibmaschine")


class OcrProfile(models.Model):
    """The OCR settings an archive works with: the Tesseract model per script, the
    page segmentation mode, and the word confidence below which a page goes to review.
    An archive builds one; other archives may adopt a shared one (build once, reuse)."""

    authority = models.ForeignKey(
        "authorities.Authority",
        on_delete=models.PROTECT,
        related_name="ocr_profiles",
        verbose_name=_("erstellt von"),
    )
    name = models.CharField(_("Bezeichnung"), max_length=200)
    description = models.TextField(_("Beschreibung"), blank=True)
    model_fraktur = models.CharField(_("Modell für Fraktur"), max_length=60, default="frk")
    model_antiqua = models.CharField(_("Modell für Antiqua"), max_length=60, default="deu")
    model_typewriter = models.CharField(
        _("Modell für Schreibmaschine"), max_length=60, default="deu"
    )
    page_segmentation = models.PositiveSmallIntegerField(
        _("Seitensegmentierung (Tesseract --psm)"), default=3
    )
    review_threshold = models.DecimalField(
        _("Prüfschwelle (mittlere Wortkonfidenz in %)"),
        max_digits=5,
        decimal_places=2,
        default=80,
        help_text=_(
            "Seiten mit einer geringeren mittleren Wortkonfidenz werden zur Prüfung vorgelegt."
        ),
    )
    shared = models.BooleanField(
        _("für andere Archive freigegeben"),
        default=False,
        help_text=_("Andere Archive können das Profil übernehmen."),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("OCR-Profil")
        verbose_name_plural = _("OCR-Profile")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(review_threshold__gte=0) & models.Q(review_threshold__lte=100),
                name="ocr_profile_threshold_0_to_100",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def model_for(self, script: str) -> str:
        return {
            Script.FRAKTUR: self.model_fraktur,
            Script.ANTIQUA: self.model_antiqua,
            Script.TYPEWRITER: self.model_typewriter,
        }[Script(script)]


class Archive(models.Model):
    """An authority's archive (Kommunalarchiv, Kreisarchiv)."""

    authority = models.ForeignKey(
        "authorities.Authority",
        on_delete=models.PROTECT,
        related_name="archives",
        verbose_name=_("Träger"),
    )
    name = models.CharField(_("Name"), max_length=200)
    isil = models.CharField(
        _("ISIL"),
        max_length=30,
        blank=True,
        help_text=_("Kennung des Archivs im ISIL-Verzeichnis, z. B. DE-2410."),
    )
    address = models.TextField(_("Anschrift"), blank=True)
    email = models.EmailField(_("E-Mail"), blank=True)
    profile = models.ForeignKey(
        OcrProfile,
        on_delete=models.PROTECT,
        related_name="archives",
        verbose_name=_("OCR-Profil"),
        null=True,
        blank=True,
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("Archiv")
        verbose_name_plural = _("Archive")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["authority", "name"], name="one_archive_name_per_authority"
            )
        ]

    def __str__(self) -> str:
        return self.name


class AccessLevel(models.TextChoices):
    """Who may see a unit, its pages and its text: everywhere, search included."""

    PUBLIC = "public", _("öffentlich")
    MEMBERS = "members", _("Mitglieder der Verbünde des Archivs")
    OWN = "own", _("nur das eigene Archiv")


class DescriptionLevel(models.TextChoices):
    # ISAD(G) 3.1.4, the levels a municipal archive uses below the holdings.
    FILE = "file", pgettext_lazy("level of description", "Akte")
    ITEM = "item", _("Einzelstück")
    SERIES = "series", _("Serie")


class Fonds(models.Model):
    """A holdings (Bestand) of an archive, described after ISAD(G)."""

    archive = models.ForeignKey(Archive, on_delete=models.PROTECT, related_name="fonds")
    authority = models.ForeignKey(
        "authorities.Authority", on_delete=models.PROTECT, related_name="+"
    )
    reference_code = models.CharField(_("Signatur des Bestands"), max_length=60)
    title = models.CharField(_("Titel"), max_length=300)
    date_text = models.CharField(
        pgettext_lazy("archival dates", "Laufzeit"), max_length=100, blank=True
    )
    extent = models.CharField(_("Umfang"), max_length=200, blank=True)
    creator = models.CharField(_("Provenienz (Bestandsbildner)"), max_length=300, blank=True)
    administrative_history = models.TextField(_("Geschichte des Bestandsbildners"), blank=True)
    scope_content = models.TextField(_("Inhalt"), blank=True)
    access_conditions = models.TextField(_("Zugangsbestimmungen"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("Bestand")
        verbose_name_plural = _("Bestände")
        ordering = ["archive", "reference_code"]
        constraints = [
            models.UniqueConstraint(
                fields=["archive", "reference_code"], name="one_fonds_code_per_archive"
            )
        ]

    def __str__(self) -> str:
        return f"{self.reference_code} {self.title}"


class UnitSource(models.TextChoices):
    SCAN = "scan", _("Digitalisat")
    XDOMEA = "xdomea", _("Aussonderung (xdomea)")


class Unit(models.Model):
    """A record unit (Verzeichnungseinheit) of a holdings: ISAD(G) core fields, the
    script of its pages (which picks the OCR model) and who may see it."""

    fonds = models.ForeignKey(Fonds, on_delete=models.PROTECT, related_name="units")
    authority = models.ForeignKey(
        "authorities.Authority", on_delete=models.PROTECT, related_name="+"
    )
    reference_code = models.CharField(_("Signatur"), max_length=60)
    title = models.CharField(_("Titel"), max_length=500)
    level = models.CharField(
        _("Verzeichnungsstufe"),
        max_length=10,
        choices=DescriptionLevel.choices,
        default=DescriptionLevel.FILE,
    )
    date_text = models.CharField(
        pgettext_lazy("archival dates", "Laufzeit"), max_length=100, blank=True
    )
    year_from = models.PositiveSmallIntegerField(_("von (Jahr)"), null=True, blank=True)
    year_to = models.PositiveSmallIntegerField(_("bis (Jahr)"), null=True, blank=True)
    extent = models.CharField(_("Umfang"), max_length=200, blank=True)
    scope_content = models.TextField(_("Enthält"), blank=True)
    language = models.CharField(_("Sprache"), max_length=20, default="ger")
    script = models.CharField(
        _("Schrift"), max_length=12, choices=Script.choices, default=Script.ANTIQUA
    )
    access = models.CharField(
        pgettext_lazy("archival access", "Zugang"),
        max_length=10,
        choices=AccessLevel.choices,
        default=AccessLevel.OWN,
    )
    source = models.CharField(
        _("Herkunft"), max_length=10, choices=UnitSource.choices, default=UnitSource.SCAN
    )
    # The xdomea process (Vorgang) or file (Akte) id a handed-over unit came from.
    source_id = models.CharField(_("Kennung der Aussonderung"), max_length=100, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("Verzeichnungseinheit")
        verbose_name_plural = _("Verzeichnungseinheiten")
        ordering = ["fonds", "reference_code"]
        constraints = [
            models.UniqueConstraint(
                fields=["fonds", "reference_code"], name="one_unit_code_per_fonds"
            ),
            models.CheckConstraint(
                condition=models.Q(year_from__isnull=True)
                | models.Q(year_to__isnull=True)
                | models.Q(year_to__gte=models.F("year_from")),
                name="unit_years_in_order",
            ),
        ]
        indexes = [models.Index(fields=["authority", "access"], name="unit_authority_access")]

    def __str__(self) -> str:
        return f"{self.reference_code} {self.title}"


class OcrStatus(models.TextChoices):
    PENDING = "pending", _("wartet auf Texterkennung")
    RUNNING = "running", _("Texterkennung läuft")
    DONE = "done", _("erkannt")
    REVIEW = "review", _("zur Prüfung")
    REVIEWED = "reviewed", _("geprüft")
    FAILED = "failed", _("fehlgeschlagen")
    NONE = "none", _("ohne Texterkennung")


class Page(models.Model):
    """One scanned page of a unit: the master exactly as uploaded (SHA-512 fixity), a
    JPEG derivative and a thumbnail, and the OCR result as ALTO with its plain text and
    mean word confidence."""

    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="pages")
    authority = models.ForeignKey(
        "authorities.Authority", on_delete=models.PROTECT, related_name="+"
    )
    position = models.PositiveIntegerField(_("Seite"))
    label = models.CharField(_("Seitenbezeichnung"), max_length=40, blank=True)
    master = models.FileField(
        storage=private_storage, upload_to="archive/masters/%Y/", max_length=300
    )
    master_name = models.CharField(_("Dateiname"), max_length=255)
    master_type = models.CharField(_("Dateityp"), max_length=60)
    master_size = models.PositiveBigIntegerField(_("Größe in Bytes"))
    master_sha512 = models.CharField(_("Prüfsumme (SHA-512)"), max_length=128)
    # The page of a multi-page master (a PDF or a multi-page TIFF), from 1.
    master_page = models.PositiveIntegerField(default=1)
    width = models.PositiveIntegerField(_("Breite (px)"))
    height = models.PositiveIntegerField(_("Höhe (px)"))
    image = models.FileField(
        storage=private_storage, upload_to="archive/images/%Y/", max_length=300
    )
    thumbnail = models.FileField(
        storage=private_storage, upload_to="archive/thumbnails/%Y/", max_length=300
    )
    ocr_status = models.CharField(
        _("Texterkennung"), max_length=10, choices=OcrStatus.choices, default=OcrStatus.PENDING
    )
    ocr_model = models.CharField(_("Modell"), max_length=60, blank=True)
    ocr_attempts = models.PositiveSmallIntegerField(default=0)
    ocr_error = models.TextField(blank=True)
    ocr_at = models.DateTimeField(null=True, blank=True)
    alto = models.TextField(_("ALTO"), blank=True)
    text = models.TextField(_("Text"), blank=True)
    mean_confidence = models.DecimalField(
        _("mittlere Wortkonfidenz (%)"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("Seite")
        verbose_name_plural = _("Seiten")
        ordering = ["unit", "position"]
        constraints = [
            models.UniqueConstraint(fields=["unit", "position"], name="one_page_per_position"),
        ]
        indexes = [
            models.Index(fields=["authority", "ocr_status"], name="page_authority_status"),
        ]

    def __str__(self) -> str:
        return f"{self.unit.reference_code}, S. {self.position}"


class LineCorrection(models.Model):
    """An archivist's correction of one recognised line (an ALTO ``TextLine``): kept as
    ground truth (the line's image region and its true text) for comparing models."""

    page = models.ForeignKey(Page, on_delete=models.CASCADE, related_name="corrections")
    authority = models.ForeignKey(
        "authorities.Authority", on_delete=models.PROTECT, related_name="+"
    )
    line_id = models.CharField(_("Zeile (ALTO-ID)"), max_length=60)
    # The line's box on the page image: x, y, width, height in pixels of the master.
    hpos = models.PositiveIntegerField()
    vpos = models.PositiveIntegerField()
    width = models.PositiveIntegerField()
    height = models.PositiveIntegerField()
    recognised = models.TextField(_("erkannter Text"))
    corrected = models.TextField(_("richtiger Text"))
    corrected_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    corrected_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("Zeilenkorrektur")
        verbose_name_plural = _("Zeilenkorrekturen")
        ordering = ["page", "vpos", "hpos"]
        constraints = [
            models.UniqueConstraint(fields=["page", "line_id"], name="one_correction_per_line")
        ]

    def __str__(self) -> str:
        return f"{self.page}: {self.line_id}"


# The search part keeps its own models (the full-text index) in its package.
from verbund.archive.search import models as _search  # noqa: E402,F401
