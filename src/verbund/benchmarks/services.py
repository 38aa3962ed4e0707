"""Writes of comparison rings. Each function is atomic and audited; bad input is
refused with German messages naming the field (one ``ValidationError``) and nothing
is saved."""

from __future__ import annotations

import csv
import io
import re
import secrets
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from verbund.authorities.models import Authority
from verbund.benchmarks import formula as formulas
from verbund.benchmarks.models import (
    MINIMUM_VALUES,
    PLATFORM_SOURCES,
    Better,
    Figure,
    FigureSource,
    Kpi,
    Participant,
    Period,
    PeriodStatus,
    Result,
    Ring,
    Statistic,
    Value,
    ValueSource,
)
from verbund.benchmarks.platform import figure_values
from verbund.benchmarks.statistics import distribution
from verbund.catalogue.models import Service
from verbund.core.actors import Actor, actor_id
from verbund.core.audit import audit_record, field_changes
from verbund.networks.models import Network
from verbund.networks.selectors import active_member_ids

KEY = re.compile(r"[a-z][a-z0-9_]{0,39}")
MAX_VALUE = Decimal("9999999999999999")  # 16 integer digits: the column's limit
MAX_CSV_ROWS = 50_000
RESULT_PLACES = Decimal("0.000001")


def _text(value: str) -> str:
    return value.strip()


# --- rings and participants ------------------------------------------------------------------


def ring_create(
    *,
    actor: Actor,
    network: Network,
    name: str,
    description: str = "",
    pseudonymise: bool = True,
    minimum_values: int = MINIMUM_VALUES,
    authority_ids: list[int] | set[int],
) -> Ring:
    """A ring of the network with these members as participants. Pseudonym numbers are
    dealt at random, so their order tells nothing about the members' names."""
    problems: dict[str, list[str]] = {}
    name = _text(name)
    if not name:
        problems["name"] = [_("Bezeichnung: Bitte geben Sie eine Bezeichnung an.")]
    if minimum_values < MINIMUM_VALUES:
        problems["minimum_values"] = [_("Mindestzahl der Werte: Sie darf nicht unter 5 liegen.")]
    members = active_member_ids(network)
    chosen = set(authority_ids)
    if not chosen:
        problems["authorities"] = [_("Teilnehmende: Bitte wählen Sie mindestens ein Mitglied.")]
    elif chosen - members:
        problems["authorities"] = [
            _("Teilnehmende: Nur heutige Mitglieder des Verbunds können teilnehmen.")
        ]
    with transaction.atomic():
        if name and Ring.objects.filter(network=network, name=name).exists():
            problems["name"] = [_("Bezeichnung: Einen Ring mit diesem Namen gibt es schon.")]
        if problems:
            raise ValidationError(problems)
        ring = Ring.objects.create(
            network=network,
            name=name,
            description=description.strip(),
            pseudonymise=pseudonymise,
            minimum_values=minimum_values,
        )
        numbers = list(range(1, len(chosen) + 1))
        secrets.SystemRandom().shuffle(numbers)
        Participant.objects.bulk_create(
            Participant(ring=ring, authority_id=pk, number=number)
            for pk, number in zip(sorted(chosen), numbers, strict=True)
        )
        audit_record(
            actor=actor,
            action="benchmarks.ring_created",
            obj=ring,
            network=network,
            changes={
                **field_changes(
                    None,
                    {
                        "name": ring.name,
                        "pseudonymise": ring.pseudonymise,
                        "minimum_values": ring.minimum_values,
                    },
                ),
                "participants": len(chosen),
            },
        )
        return ring


def participant_add(*, actor: Actor, ring: Ring, authority: Authority) -> Participant:
    """Add a member of the ring's network; it gets the next free pseudonym number."""
    with transaction.atomic():
        ring = Ring.objects.select_for_update().get(pk=ring.pk)
        if authority.pk not in active_member_ids(ring.network):
            raise ValidationError(
                {
                    "authority": [
                        _("Behörde: %(name)s ist kein Mitglied des Verbunds.")
                        % {"name": authority.name}
                    ]
                }
            )
        if Participant.objects.filter(ring=ring, authority=authority).exists():
            raise ValidationError(
                {"authority": [_("Behörde: %(name)s nimmt schon teil.") % {"name": authority.name}]}
            )
        last = Participant.objects.filter(ring=ring).aggregate(last=Max("number"))["last"] or 0
        participant = Participant.objects.create(ring=ring, authority=authority, number=last + 1)
        audit_record(
            actor=actor,
            action="benchmarks.participant_added",
            obj=participant,
            network=ring.network_id,
            authority=authority,
            changes={"authority": authority.ars, "pseudonym": participant.pseudonym},
        )
        return participant


# --- base figures and KPIs -------------------------------------------------------------------


def figure_create(
    *,
    actor: Actor,
    ring: Ring,
    key: str,
    label: str,
    unit: str = "",
    source: str = FigureSource.ENTERED,
    service: Service | None = None,
) -> Figure:
    problems: dict[str, list[str]] = {}
    key = _text(key)
    label = _text(label)
    if not KEY.fullmatch(key):
        problems["key"] = [
            _(
                "Kürzel: Bitte nur Kleinbuchstaben, Ziffern und Unterstriche, beginnend mit "
                "einem Buchstaben (höchstens 40 Zeichen), z. B. faelle_gesamt."
            )
        ]
    if not label:
        problems["label"] = [_("Bezeichnung: Bitte geben Sie eine Bezeichnung an.")]
    if source not in FigureSource.values:
        problems["source"] = [_("Herkunft: Bitte wählen Sie eine Herkunft.")]
    elif source == FigureSource.COST_PER_CASE and service is None:
        problems["service"] = [
            _("Leistung: Die Kosten je Fall gibt es nur für eine Leistung; bitte wählen Sie eine.")
        ]
    elif source == FigureSource.ENTERED and service is not None:
        problems["service"] = [
            _("Leistung: Nur Grundzahlen der Plattform beziehen sich auf eine Leistung.")
        ]
    elif source == FigureSource.ONLINE_SHARE and service is not None:
        # The share is taken over all of a member's services; a chosen service would be
        # shown next to the figure but silently ignored when it is computed.
        problems["service"] = [
            _(
                "Leistung: Der Anteil online beantragbarer Leistungen gilt für alle "
                "Leistungen; bitte wählen Sie keine Leistung."
            )
        ]
    with transaction.atomic():
        if "key" not in problems and Figure.objects.filter(ring=ring, key=key).exists():
            problems["key"] = [_("Kürzel: Eine Grundzahl mit diesem Kürzel gibt es schon.")]
        if "key" not in problems and Kpi.objects.filter(ring=ring, key=key).exists():
            problems["key"] = [_("Kürzel: Eine Kennzahl trägt schon dieses Kürzel.")]
        if problems:
            raise ValidationError(problems)
        figure = Figure.objects.create(
            ring=ring, key=key, label=label, unit=_text(unit), source=source, service=service
        )
        audit_record(
            actor=actor,
            action="benchmarks.figure_created",
            obj=figure,
            network=ring.network_id,
            changes=field_changes(
                None,
                {
                    "key": key,
                    "label": label,
                    "unit": figure.unit,
                    "source": source,
                    "service": service.key if service else None,
                },
            ),
        )
        return figure


def kpi_create(
    *,
    actor: Actor,
    ring: Ring,
    key: str,
    label: str,
    formula: str,
    unit: str = "",
    better: str = Better.HIGHER,
    decimals: int = 1,
) -> Kpi:
    """A KPI; its formula must use only the ring's base figures (``formula.parse``)."""
    problems: dict[str, list[str]] = {}
    key = _text(key)
    label = _text(label)
    if not KEY.fullmatch(key):
        problems["key"] = [
            _(
                "Kürzel: Bitte nur Kleinbuchstaben, Ziffern und Unterstriche, beginnend mit "
                "einem Buchstaben (höchstens 40 Zeichen), z. B. faelle_je_einwohner."
            )
        ]
    if not label:
        problems["label"] = [_("Bezeichnung: Bitte geben Sie eine Bezeichnung an.")]
    if better not in Better.values:
        problems["better"] = [_("Besser ist: Bitte wählen Sie eine Richtung.")]
    if not 0 <= decimals <= 4:
        problems["decimals"] = [_("Nachkommastellen: Bitte eine Zahl von 0 bis 4.")]
    with transaction.atomic():
        known = set(Figure.objects.filter(ring=ring).values_list("key", flat=True))
        try:
            parsed = formulas.parse(formula, known)
        except ValidationError as exc:
            problems.update(exc.message_dict)
            parsed = None
        if "key" not in problems and Kpi.objects.filter(ring=ring, key=key).exists():
            problems["key"] = [_("Kürzel: Eine Kennzahl mit diesem Kürzel gibt es schon.")]
        if problems or parsed is None:
            raise ValidationError(problems)
        kpi = Kpi.objects.create(
            ring=ring,
            key=key,
            label=label,
            formula=parsed.text,
            unit=_text(unit),
            better=better,
            decimals=decimals,
        )
        audit_record(
            actor=actor,
            action="benchmarks.kpi_created",
            obj=kpi,
            network=ring.network_id,
            changes=field_changes(
                None,
                {
                    "key": key,
                    "label": label,
                    "formula": kpi.formula,
                    "unit": kpi.unit,
                    "better": better,
                    "decimals": decimals,
                },
            ),
        )
        return kpi


# --- periods ---------------------------------------------------------------------------------


def period_create(*, actor: Actor, ring: Ring, year: int, label: str = "") -> Period:
    problems: dict[str, list[str]] = {}
    if not 2000 <= year <= 2100:
        problems["year"] = [_("Berichtsjahr: Bitte ein Jahr von 2000 bis 2100.")]
    label = _text(label) or str(year)
    with transaction.atomic():
        if not problems and Period.objects.filter(ring=ring, year=year).exists():
            problems["year"] = [
                _("Berichtsjahr: Für %(year)s gibt es schon einen Berichtszeitraum.")
                % {"year": year}
            ]
        if problems:
            raise ValidationError(problems)
        period = Period.objects.create(ring=ring, year=year, label=label)
        audit_record(
            actor=actor,
            action="benchmarks.period_created",
            obj=period,
            network=ring.network_id,
            changes=field_changes(None, {"year": year, "label": label}),
        )
        return period


def _check_value(value: Any) -> str | None:
    """A German problem with ``value``, or ``None``."""
    if not isinstance(value, Decimal) or not value.is_finite():
        return _("ist keine Zahl")
    if abs(value) > MAX_VALUE:
        return _("ist zu groß")
    if value != value.quantize(Decimal("0.0001")):
        return _("hat mehr als vier Nachkommastellen")
    return None


def _require_open(period: Period) -> None:
    if period.status != PeriodStatus.OPEN:
        raise ValidationError(
            _(
                "Der Berichtszeitraum %(label)s ist veröffentlicht; Werte lassen sich "
                "nicht mehr ändern."
            )
            % {"label": period.label}
        )


def values_set(
    *,
    actor: Actor,
    period: Period,
    participant: Participant,
    values: Mapping[str, Decimal | None],
) -> int:
    """Set a participant's entered base figures (by figure key; ``None`` clears one).
    Returns how many values changed. Refused as a whole when one value is bad."""
    if participant.ring_id != period.ring_id:
        raise ValueError("participant of another ring")
    with transaction.atomic():
        period = Period.objects.select_for_update().get(pk=period.pk)
        _require_open(period)
        figures = {
            f.key: f
            for f in Figure.objects.filter(ring_id=period.ring_id, source=FigureSource.ENTERED)
        }
        problems: dict[str, list[str]] = {}
        for key, value in values.items():
            figure = figures.get(key)
            if figure is None:
                problems[key] = [_("Grundzahl „%(key)s“ gibt es nicht zur Eingabe.") % {"key": key}]
                continue
            problem = None if value is None else _check_value(value)
            if problem:
                problems[key] = [f"{figure.label}: {_('Der Wert')} {problem}."]
        if problems:
            raise ValidationError(problems)
        existing = {
            v.figure.key: v
            for v in Value.objects.filter(period=period, participant=participant).select_related(
                "figure"
            )
        }
        changes: dict[str, list[Any]] = {}
        for key, value in values.items():
            row = existing.get(key)
            old = row.value if row else None
            if value is None:
                if row is not None:
                    row.delete()
                    changes[key] = [str(old), None]
                continue
            if row is not None and row.value == value:
                continue
            Value.objects.update_or_create(
                period=period,
                participant=participant,
                figure=figures[key],
                defaults={
                    "value": value,
                    "source": ValueSource.ENTERED,
                    "entered_by_id": actor_id(actor),
                },
            )
            changes[key] = [None if old is None else str(old), str(value)]
        if changes:
            audit_record(
                actor=actor,
                action="benchmarks.values_set",
                obj=participant,
                network=period.ring.network_id,
                authority=participant.authority_id,
                changes={"period": period.label, "values": changes},
            )
        return len(changes)


# --- CSV upload -------------------------------------------------------------------------------

CSV_HEADER = ("ars", "kuerzel", "wert")


@dataclass(frozen=True)
class ImportedRow:
    participant: Participant
    figure: Figure
    value: Decimal


def _german_decimal(text: str) -> Decimal | None:
    cleaned = text.strip().replace(" ", "")
    if not re.fullmatch(r"-?\d{1,3}(\.\d{3})*(,\d+)?|-?\d+(,\d+)?|-?\d+(\.\d+)?", cleaned):
        return None
    if "," in cleaned:
        cleaned = cleaned.replace(".", "").replace(",", ".")
    elif re.fullmatch(r"-?\d{1,3}(\.\d{3})+", cleaned):
        cleaned = cleaned.replace(".", "")  # 1.234 is one thousand two hundred and thirty-four
    try:
        return Decimal(cleaned)
    except InvalidOperation:  # pragma: no cover - the pattern admits only numbers
        return None


def parse_values_csv(
    text: str, *, period: Period, participants: Mapping[str, Participant]
) -> list[ImportedRow]:
    """The rows of an upload (``ars;kuerzel;wert``, semicolon or comma separated, German
    numbers); ``participants`` are those the uploader may enter for, by ARS. Every bad
    row is named in one ``ValidationError`` ("Zeile 4: …")."""
    figures = {
        f.key: f for f in Figure.objects.filter(ring_id=period.ring_id, source=FigureSource.ENTERED)
    }
    lines = text.splitlines()
    if not lines or not lines[0].strip():
        raise ValidationError({"file": [_("Datei: Die Datei ist leer.")]})
    dialect = ";" if lines[0].count(";") >= lines[0].count(",") else ","
    reader = csv.reader(io.StringIO(text), delimiter=dialect)
    header = [cell.strip().lower().lstrip("\ufeff") for cell in next(reader)]
    if tuple(header[:3]) != CSV_HEADER:
        raise ValidationError(
            {"file": [_("Datei: Die erste Zeile muss die Spalten „ars;kuerzel;wert“ nennen.")]}
        )
    rows: list[ImportedRow] = []
    problems: list[str] = []
    seen: dict[tuple[int, int], int] = {}
    for number, cells in enumerate(reader, start=2):
        if not any(cell.strip() for cell in cells):
            continue
        if len(rows) + len(problems) >= MAX_CSV_ROWS:
            problems.append(_("Die Datei hat mehr als 50.000 Zeilen."))
            break
        if len(cells) < 3:
            problems.append(
                _("Zeile %(row)s: Es fehlen Spalten (erwartet: ars;kuerzel;wert).")
                % {"row": number}
            )
            continue
        ars, key, raw = (cell.strip() for cell in cells[:3])
        row_problems = []
        participant = participants.get(ars)
        if participant is None:
            row_problems.append(
                _(
                    "Der Regionalschlüssel „%(ars)s“ gehört zu keiner Behörde, für die Sie in "
                    "diesem Ring Werte eingeben dürfen."
                )
                % {"ars": ars[:20]}
            )
        figure = figures.get(key)
        if figure is None:
            row_problems.append(
                _("Das Kürzel „%(key)s“ ist keine Grundzahl zur Eingabe.") % {"key": key[:40]}
            )
        value = _german_decimal(raw)
        if value is None:
            row_problems.append(
                _("Der Wert „%(value)s“ ist keine Zahl (z. B. 1.234,5).") % {"value": raw[:30]}
            )
        else:
            problem = _check_value(value)
            if problem:
                row_problems.append(f"{_('Der Wert')} {problem}.")
        if participant is not None and figure is not None:
            pair = (participant.pk, figure.pk)
            if pair in seen:
                row_problems.append(
                    _("Dieselbe Grundzahl steht schon in Zeile %(row)s.") % {"row": seen[pair]}
                )
            seen.setdefault(pair, number)
        if row_problems:
            problems.append(
                _("Zeile %(row)s: %(problems)s")
                % {"row": number, "problems": " ".join(row_problems)}
            )
        elif participant is not None and figure is not None and value is not None:
            rows.append(ImportedRow(participant, figure, value))
    if problems:
        raise ValidationError({"file": problems})
    if not rows:
        raise ValidationError({"file": [_("Datei: Die Datei enthält keine Werte.")]})
    return rows


def values_import(
    *,
    actor: Actor,
    period: Period,
    text: str,
    participants: Mapping[str, Participant],
) -> int:
    """Store every row of an upload, or none: one bad row refuses the whole file."""
    with transaction.atomic():
        period = Period.objects.select_for_update().get(pk=period.pk)
        _require_open(period)
        rows = parse_values_csv(text, period=period, participants=participants)
        user_id = actor_id(actor)
        for row in rows:
            Value.objects.update_or_create(
                period=period,
                participant=row.participant,
                figure=row.figure,
                defaults={
                    "value": row.value,
                    "source": ValueSource.UPLOADED,
                    "entered_by_id": user_id,
                },
            )
        audit_record(
            actor=actor,
            action="benchmarks.values_imported",
            obj=period,
            network=period.ring.network_id,
            changes={
                "period": period.label,
                "rows": len(rows),
                "participants": len({row.participant.pk for row in rows}),
            },
        )
        return len(rows)


# --- publishing ------------------------------------------------------------------------------


def _platform_values(period: Period, participants: list[Participant]) -> list[Value]:
    by_authority = {p.authority_id: p for p in participants}
    found: list[Value] = []
    for figure in Figure.objects.filter(ring_id=period.ring_id, source__in=PLATFORM_SOURCES):
        values = figure_values(figure, year=period.year, authority_ids=set(by_authority))
        found += [
            Value(
                period=period,
                participant=by_authority[pk],
                figure=figure,
                value=value.quantize(Decimal("0.0001")),
                source=ValueSource.PLATFORM,
            )
            for pk, value in values.items()
            if pk in by_authority
        ]
    return found


def period_publish(*, actor: Actor, period: Period) -> Period:
    """Compute the platform's base figures, every KPI per participant and each KPI's
    distribution, store them and publish the period. Refused when the period has no
    base figures or the ring no KPI."""
    with transaction.atomic():
        period = (
            Period.objects.select_for_update(of=("self",)).select_related("ring").get(pk=period.pk)
        )
        ring = period.ring
        if period.status == PeriodStatus.PUBLISHED:
            raise ValidationError(
                _("Der Berichtszeitraum %(label)s ist schon veröffentlicht.")
                % {"label": period.label}
            )
        if period.year >= timezone.localdate().year:
            # The platform's figures of a running year (cases so far, today's online
            # offers) would be frozen as the whole year's.
            raise ValidationError(
                _(
                    "Der Berichtszeitraum %(label)s läuft noch; er kann ab dem 1. Januar "
                    "%(next)s veröffentlicht werden."
                )
                % {"label": period.label, "next": period.year + 1}
            )
        kpis = list(Kpi.objects.filter(ring=ring).order_by("pk"))
        if not kpis:
            raise ValidationError(
                _("Der Ring hat noch keine Kennzahl; bitte legen Sie zuerst Kennzahlen an.")
            )
        participants = list(Participant.objects.filter(ring=ring))
        platform = _platform_values(period, participants)
        Value.objects.filter(period=period, source=ValueSource.PLATFORM).delete()
        Value.objects.bulk_create(platform, batch_size=2000)
        values: dict[int, dict[str, Decimal]] = {}
        for participant_id, key, stored in Value.objects.filter(period=period).values_list(
            "participant_id", "figure__key", "value"
        ):
            values.setdefault(participant_id, {})[key] = stored
        if not values:
            raise ValidationError(
                _(
                    "Für den Berichtszeitraum %(label)s liegen keine Grundzahlen vor; bitte "
                    "geben Sie zuerst Werte ein oder laden Sie sie hoch."
                )
                % {"label": period.label}
            )
        known = set(Figure.objects.filter(ring=ring).values_list("key", flat=True))
        results: list[Result] = []
        statistics: list[Statistic] = []
        for kpi in kpis:
            parsed = formulas.parse(kpi.formula, known)
            computed: list[Decimal] = []
            for participant in participants:
                own = values.get(participant.pk, {})
                try:
                    value: Decimal | None = parsed.evaluate(own).quantize(RESULT_PLACES)
                    note = ""
                except formulas.Undefined as exc:
                    value, note = None, exc.reason
                if value is not None and abs(value) >= Decimal("1e18"):
                    value, note = None, _("Wert zu groß")
                results.append(
                    Result(period=period, participant=participant, kpi=kpi, value=value, note=note)
                )
                if value is not None:
                    computed.append(value)
            stat = Statistic(period=period, kpi=kpi, n=len(computed))
            # Below the threshold nothing of the distribution is stored at all.
            if len(computed) >= ring.threshold:
                spread = distribution(computed)
                stat.minimum, stat.q1, stat.median = spread.minimum, spread.q1, spread.median
                stat.q3, stat.maximum = spread.q3, spread.maximum
                for name in ("minimum", "q1", "median", "q3", "maximum"):
                    setattr(stat, name, getattr(stat, name).quantize(RESULT_PLACES))
            statistics.append(stat)
        Result.objects.filter(period=period).delete()
        Statistic.objects.filter(period=period).delete()
        Result.objects.bulk_create(results, batch_size=2000)
        Statistic.objects.bulk_create(statistics, batch_size=2000)
        period.status = PeriodStatus.PUBLISHED
        period.published_at = timezone.now()
        period.save(update_fields=["status", "published_at"])
        audit_record(
            actor=actor,
            action="benchmarks.period_published",
            obj=period,
            network=ring.network_id,
            changes={
                "status": [PeriodStatus.OPEN.value, PeriodStatus.PUBLISHED.value],
                "results": sum(1 for r in results if r.value is not None),
                "platform_values": len(platform),
            },
        )
        return period
