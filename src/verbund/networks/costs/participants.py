"""Who shares a budget item (reads only), issue #15.

A budget item names its participants by a :class:`~verbund.networks.costs.models.ParticipantRule`:
all members, the members at or above a level in a cooperation area, the parties of an
agreement, or the adopters of a catalogue service. Everything is read on the item's
period end: a member takes part when its membership is active that day *and* the rule
holds that day (the level valid that day, the agreement in force that day, an adoption
running that day). The other members of that day do not take part, each with the
reason in words, so that the item page and the statements can say why.

The adopters of a service come from the catalogue through ``networks.hooks``
(``service_directory().adopters``): the networks sit below the catalogue.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

from django.db.models import Q
from django.utils.translation import gettext as _

from verbund.networks.costs.models import BudgetItem, ParticipantRule
from verbund.networks.hooks import service_directory
from verbund.networks.models import AreaParticipation, ParticipationLevel
from verbund.networks.selectors import active_memberships


@dataclass(frozen=True)
class NonParticipant:
    authority_id: int
    name: str
    reason: str  # "Stufe 1 im Kooperationsfeld „Gebührenkalkulation“ (mindestens 3 nötig)"

    @property
    def sentence(self) -> str:
        return _("%(name)s nimmt nicht teil: %(reason)s.") % {
            "name": self.name,
            "reason": self.reason,
        }


@dataclass(frozen=True)
class Participants:
    """The members of the item's period end split by its rule: ``ids`` take part,
    ``others`` (by name) do not."""

    on: dt.date
    rule: str  # the rule in words, without the day
    members: tuple[tuple[int, str], ...]  # (authority id, name) of the participants, by name
    others: tuple[NonParticipant, ...]

    @property
    def ids(self) -> frozenset[int]:
        return frozenset(pk for pk, _name in self.members)

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(name for _pk, name in self.members)

    @property
    def summary(self) -> str:
        """ "Teilnehmende am 31.12.2026 (alle Mitglieder): Inden; Jülich, Stadt." """
        if not self.ids:
            return _("Nach der Regel „%(rule)s“ nimmt am %(day)s kein Mitglied teil.") % {
                "rule": self.rule,
                "day": _day(self.on),
            }
        # Semicolons: official names hold commas ("Jülich, Stadt").
        return _("Teilnehmende am %(day)s (%(rule)s): %(names)s.") % {
            "day": _day(self.on),
            "rule": self.rule,
            "names": "; ".join(self.names),
        }

    @property
    def sentences(self) -> list[str]:
        return [other.sentence for other in self.others]


def _day(day: dt.date) -> str:
    return day.strftime("%d.%m.%Y")


def _level_label(level: int) -> str:
    return str(ParticipationLevel(level).label)


def service_title(service_id: int) -> str:
    service = service_directory().services([service_id]).get(service_id)
    return service.title if service is not None else _("(unbekannte Leistung)")


def rule_text(item: BudgetItem) -> str:
    """The item's rule in words, e.g. "Mitglieder ab Stufe 3 (gemeinsame Entwicklung und
    Nutzung) im Kooperationsfeld „Gebührenkalkulation“". Expects a complete rule (the
    services refuse an incomplete one)."""
    rule = item.participant_rule
    if rule == ParticipantRule.AREA_LEVEL and item.participant_area_id is not None:
        level = item.participant_min_level or 0
        return _("Mitglieder ab Stufe %(level)d (%(label)s) im Kooperationsfeld „%(area)s“") % {
            "level": level,
            "label": _level_label(level),
            "area": item.participant_area.name if item.participant_area else "",
        }
    if rule == ParticipantRule.AGREEMENT and item.participant_agreement is not None:
        return _("Beteiligte der Vereinbarung „%(title)s“") % {
            "title": item.participant_agreement.title
        }
    if rule == ParticipantRule.SERVICE and item.participant_service_id is not None:
        return _("Nutzer der Leistung „%(title)s“") % {
            "title": service_title(item.participant_service_id)
        }
    return _("alle Mitglieder")


def _area_reasons(item: BudgetItem, members: Mapping[int, str], on: dt.date) -> dict[int, str]:
    area = item.participant_area
    assert area is not None
    minimum = item.participant_min_level or 0
    levels = dict(
        AreaParticipation.objects.filter(
            area=area, authority_id__in=list(members), valid_from__lte=on
        )
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=on))
        .values_list("authority_id", "level")
    )
    reasons = {}
    for authority_id in members:
        level = levels.get(authority_id)
        if level is None:
            reasons[authority_id] = _(
                "keine Stufe im Kooperationsfeld „%(area)s“ erfasst (mindestens %(min)d nötig)"
            ) % {"area": area.name, "min": minimum}
        elif level < minimum:
            reasons[authority_id] = _(
                "Stufe %(level)d im Kooperationsfeld „%(area)s“ (mindestens %(min)d nötig)"
            ) % {"level": level, "area": area.name, "min": minimum}
    return reasons


def _agreement_reasons(item: BudgetItem, members: Mapping[int, str], on: dt.date) -> dict[int, str]:
    agreement = item.participant_agreement
    assert agreement is not None
    if not agreement.in_force(on):
        reason = _("die Vereinbarung „%(title)s“ gilt am %(day)s nicht") % {
            "title": agreement.title,
            "day": _day(on),
        }
        return dict.fromkeys(members, reason)
    parties = set(agreement.parties.values_list("pk", flat=True))
    reason = _("nicht an der Vereinbarung „%(title)s“ beteiligt") % {"title": agreement.title}
    return {authority_id: reason for authority_id in members if authority_id not in parties}


def _service_reasons(item: BudgetItem, members: Mapping[int, str], on: dt.date) -> dict[int, str]:
    service_id = item.participant_service_id
    assert service_id is not None
    adopters = service_directory().adopters([service_id], list(members), on).get(service_id, set())
    reason = _("nutzt die Leistung „%(title)s“ am %(day)s nicht") % {
        "title": service_title(service_id),
        "day": _day(on),
    }
    return {authority_id: reason for authority_id in members if authority_id not in adopters}


def item_participants(item: BudgetItem) -> Participants:
    """The members on the item's period end, split by its rule (see the module)."""
    on = item.period_end
    members = {m.authority_id: m.authority.name for m in active_memberships(item.network, on=on)}
    rule = item.participant_rule
    reasons: dict[int, str] = {}
    if members:
        if rule == ParticipantRule.AREA_LEVEL:
            reasons = _area_reasons(item, members, on)
        elif rule == ParticipantRule.AGREEMENT:
            reasons = _agreement_reasons(item, members, on)
        elif rule == ParticipantRule.SERVICE:
            reasons = _service_reasons(item, members, on)

    def by_name(authority_id: int) -> tuple[str, int]:
        return (members[authority_id], authority_id)

    taking_part = sorted((pk for pk in members if pk not in reasons), key=by_name)
    return Participants(
        on=on,
        rule=rule_text(item),
        members=tuple((pk, members[pk]) for pk in taking_part),
        others=tuple(
            NonParticipant(pk, members[pk], reasons[pk]) for pk in sorted(reasons, key=by_name)
        ),
    )
