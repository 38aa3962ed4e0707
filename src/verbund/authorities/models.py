"""Germany's territorial authorities as reference data (Destatis GV100AD).

An authority is keyed by its *significant* Regionalschlüssel: 2 digits for a
Land, 3 for a Regierungsbezirk, 4 for a Region, 5 for a Kreis or kreisfreie
Stadt, 9 for a Gemeindeverband and the full 12-digit ARS for a Gemeinde. The
lengths differ per level, so the key is unique although Köln, for example,
appears as Kreis ``05315`` and as Gemeinde ``053150000000``.

Rows are never deleted by an import: an authority that a newer register no
longer lists gets ``dissolved_on`` set.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db import connection, models
from django.utils.translation import gettext_lazy as _

from verbund.authorities.folding import fold, name_keys


class AuthorityKind(models.TextChoices):
    LAND = "land", _("Land")
    REGIERUNGSBEZIRK = "regierungsbezirk", _("Regierungsbezirk")
    REGION = "region", _("Region")
    KREIS = "kreis", _("Kreis")
    KREISFREIE_STADT = "kreisfreie_stadt", _("Kreisfreie Stadt")
    GEMEINDEVERBAND = "gemeindeverband", _("Gemeindeverband")
    GEMEINDE = "gemeinde", _("Gemeinde")


# Length of the significant key per kind.
KEY_LENGTH: dict[str, int] = {
    AuthorityKind.LAND: 2,
    AuthorityKind.REGIERUNGSBEZIRK: 3,
    AuthorityKind.REGION: 4,
    AuthorityKind.KREIS: 5,
    AuthorityKind.KREISFREIE_STADT: 5,
    AuthorityKind.GEMEINDEVERBAND: 9,
    AuthorityKind.GEMEINDE: 12,
}

# GV100AD Textkennzeichen → German label (Datensatzbeschreibung GV100AD).
TEXTKENNZEICHEN_LABELS: dict[str, str] = {
    "41": "Kreisfreie Stadt",
    "42": "Stadtkreis",
    "43": "Kreis",
    "44": "Landkreis",
    "45": "Regionalverband",
    "50": "Verbandsfreie Gemeinde",
    "51": "Amt",
    "52": "Samtgemeinde",
    "53": "Verbandsgemeinde",
    "54": "Verwaltungsgemeinschaft",
    "55": "Kirchspielslandgemeinde",
    "56": "Verwaltungsverband",
    "57": "Verbandsgemeinde (Trägermodell)",
    "58": "Erfüllende Gemeinde",
    "60": "Markt",
    "61": "Kreisfreie Stadt",
    "62": "Stadtkreis",
    "63": "Stadt",
    "64": "Kreisangehörige Gemeinde",
    "65": "Gemeindefreies Gebiet, bewohnt",
    "66": "Gemeindefreies Gebiet, unbewohnt",
    "67": "Große Kreisstadt",
}

# A Satzart-50 record with Textkennzeichen 50 only mirrors a Gemeinde that
# belongs to no Gemeindeverband; it is kept for completeness but is not the
# Gemeinde's parent and is hidden from place search by default.
VERBANDSFREI_PLACEHOLDER = "50"


def padded_ars(ars: str) -> str:
    """A significant key padded to the 12-digit ARS form (what FIT-Connect expects)."""
    return ars.ljust(12, "0")


def kind_label(kind: str, textkennzeichen: str) -> str:
    """The register's own label ("Große Kreisstadt"), else the kind's ("Gemeinde")."""
    return TEXTKENNZEICHEN_LABELS.get(textkennzeichen) or str(AuthorityKind(kind).label)


# How GV100AD abbreviates the designation after the comma ("Aub, St", "Absberg, M").
_DESIGNATIONS = {"St": "Stadt", "M": "Markt", "GKSt": "Große Kreisstadt"}
# Designations that are no part of a name ("Gebiet, gemfr.").
_NO_DESIGNATION = ("gemfr", "gemeindefrei")
# What an authority without a designation in its name calls itself, by Textkennzeichen.
_PREFIX_BY_TEXTKENNZEICHEN = {
    "41": "Stadt",
    "42": "Stadt",
    "43": "Kreis",
    "44": "Landkreis",
    "45": "Regionalverband",
    "51": "Amt",
    "52": "Samtgemeinde",
    "53": "Verbandsgemeinde",
    "54": "Verwaltungsgemeinschaft",
    "56": "Verwaltungsverband",
    "57": "Verbandsgemeinde",
    "60": "Markt",
    "61": "Stadt",
    "62": "Stadt",
    "63": "Stadt",
    "64": "Gemeinde",
    "67": "Große Kreisstadt",
}
_PREFIX_BY_KIND: dict[str, str] = {
    AuthorityKind.KREIS: "Kreis",
    AuthorityKind.KREISFREIE_STADT: "Stadt",
    AuthorityKind.GEMEINDE: "Gemeinde",
}


def official_name(name: str, kind: str, textkennzeichen: str = "") -> str:
    """How an authority calls itself on a letter or a page, unambiguous on its own:
    "Kreis Olpe" (not "Olpe", which is also the town), "Stadt Köln" (GV100AD:
    "Köln, Stadt"), "Stadt Aub" ("Aub, St"), "Markt Absberg" ("Absberg, M"),
    "Hansestadt Lübeck", "Gemeinde Merzenich"; a name that already says what it is
    stays as it is ("Rhein-Erft-Kreis", "Region Hannover", "Städteregion Aachen")."""
    base, comma, designation = name.rpartition(", ")
    if comma and base:
        designation = designation.strip()
        if designation.lower().startswith(_NO_DESIGNATION):
            return base
        return f"{_DESIGNATIONS.get(designation, designation)} {base}"
    prefix = _PREFIX_BY_TEXTKENNZEICHEN.get(textkennzeichen) or _PREFIX_BY_KIND.get(kind, "")
    lowered = name.lower()
    said = prefix.split()[-1].lower() if prefix else ""
    if said.endswith("kreis"):
        said = "kreis"  # a "Heidekreis" is a Landkreis that says so
    if not prefix or said in lowered or "region" in lowered:
        return name
    return f"{prefix} {name}"


class Authority(models.Model):
    ars = models.CharField(
        _("Regionalschlüssel"),
        max_length=12,
        unique=True,
        help_text=_("Significant key: 2 (Land) to 12 (Gemeinde) digits."),
    )
    ags = models.CharField(
        _("Gemeindeschlüssel"),
        max_length=8,
        blank=True,
        db_index=True,
        help_text=_("AGS (8 digits) for Gemeinden; empty for Gemeindeverbände."),
    )
    kind = models.CharField(_("Art"), max_length=20, choices=AuthorityKind.choices)
    textkennzeichen = models.CharField(_("Textkennzeichen"), max_length=2, blank=True)
    name = models.CharField(_("Name"), max_length=100)
    seat = models.CharField(_("Verwaltungssitz"), max_length=100, blank=True)
    search_name = models.CharField(max_length=100, db_index=True, editable=False)
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("übergeordnet"),
    )
    population = models.PositiveIntegerField(_("Einwohner"), null=True, blank=True)
    area_ha = models.PositiveIntegerField(_("Fläche (ha)"), null=True, blank=True)
    postcode = models.CharField(_("PLZ"), max_length=5, blank=True, db_index=True)
    postcode_unique = models.BooleanField(_("PLZ eindeutig"), default=True)
    gebietsstand = models.DateField(_("Gebietsstand"))
    dissolved_on = models.DateField(_("aufgelöst zum"), null=True, blank=True)

    class Meta:
        verbose_name = _("Gebietskörperschaft")
        verbose_name_plural = _("Gebietskörperschaften")
        ordering = ["ars"]
        indexes = [models.Index(fields=["kind", "search_name"])]

    def __str__(self) -> str:
        return self.name

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.search_name = fold(self.name)
        super().save(*args, **kwargs)
        AuthorityNameKey.objects.rebuild([(self.pk, self.search_name)])

    @property
    def ars12(self) -> str:
        return padded_ars(self.ars)

    @property
    def kind_label(self) -> str:
        return kind_label(self.kind, self.textkennzeichen)

    @property
    def official_name(self) -> str:
        """The name that says what the authority is ("Kreis Olpe", "Stadt Köln")."""
        return official_name(self.name, self.kind, self.textkennzeichen)

    @property
    def is_active(self) -> bool:
        return self.dissolved_on is None


class AuthorityNameKeyManager(models.Manager["AuthorityNameKey"]):
    def rebuild(self, authorities: Iterable[tuple[int, str]], batch_size: int = 900) -> None:
        """Replace the keys of the given ``(pk, search_name)`` pairs.

        Written with one prepared INSERT through executemany: building model
        objects for the ~21,000 keys of the full register took longer than the
        rest of the import.
        """
        pairs = list(authorities)
        meta = self.model._meta
        quote = connection.ops.quote_name
        column = {field.name: field.column for field in meta.concrete_fields}
        columns = f"{quote(column['authority'])}, {quote(column['key'])}"
        sql = f"INSERT INTO {quote(meta.db_table)} ({columns}) VALUES (%s, %s)"  # noqa: S608
        for start in range(0, len(pairs), batch_size):
            chunk = pairs[start : start + batch_size]
            self.filter(authority_id__in=[pk for pk, _name in chunk])._raw_delete(self.db)
            rows = [(pk, key[:100]) for pk, search_name in chunk for key in name_keys(search_name)]
            with connection.cursor() as cursor:
                cursor.executemany(sql, rows)


class AuthorityNameKey(models.Model):
    """An indexed place where a name search may start: the folded name and each later word.

    ``place_search`` finds "main" in "Frankfurt am Main" through the key
    "main, stadt" with an index range scan instead of scanning every name.
    Kept in step by ``Authority.save`` and by the register import.
    """

    authority = models.ForeignKey(Authority, on_delete=models.CASCADE, related_name="name_keys")
    key = models.CharField(max_length=100, db_index=True)

    objects = AuthorityNameKeyManager()

    def __str__(self) -> str:
        return self.key


class RegisterImport(models.Model):
    """One run of the GV100AD import, kept so that an older register cannot
    silently overwrite a newer one."""

    gebietsstand = models.DateField()
    source_name = models.CharField(max_length=255)
    sha256 = models.CharField(max_length=64)
    imported_at = models.DateTimeField(auto_now_add=True)
    created = models.PositiveIntegerField(default=0)
    updated = models.PositiveIntegerField(default=0)
    unchanged = models.PositiveIntegerField(default=0)
    dissolved = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-gebietsstand", "-imported_at"]
        get_latest_by = "gebietsstand"

    def __str__(self) -> str:
        return f"GV100AD {self.gebietsstand:%d.%m.%Y}"
