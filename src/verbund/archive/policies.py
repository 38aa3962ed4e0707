"""Access policies of the archive: one per model.

* **Archive, Fonds** — view: the staff of the archive's authority and of the
  authorities that share an active network membership with it (they see what the
  network's archives hold; which units they may open is the unit's rule); change:
  the archive's staff, any role; manage (the archive's OCR profile): its
  ``authority_admin``.
* **Unit, Page, LineCorrection** — view: the unit's access rule
  (``archive.selectors.unit_filter``: public for every staff user, members for the
  network fellows, own for the archive's staff); change (describe, ingest, reorder,
  correct): the archive's staff, any role; manage: its ``authority_admin``.
* **OcrProfile** — view: the authority's own profiles, the shared ones and those its
  archives work with; change: the authority's staff; manage (share it with other
  archives): its ``authority_admin``.

Anonymous visitors reach nothing through these policies (``core.access.scoped``);
the public pages read public units through ``selectors.visible_units``.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from verbund.accounts.selectors import grants_for
from verbund.archive.models import Archive, Fonds, LineCorrection, OcrProfile, Page, Unit
from verbund.archive.selectors import fellow_authority_ids, unit_filter
from verbund.core.access import Action, Policy, register


def _working(user: Any, action: Action) -> Q:
    """The archive's own staff: any role to change, ``authority_admin`` to manage."""
    grants = grants_for(user)
    ids = grants.admin_authority_ids if action is Action.MANAGE else grants.authority_ids()
    return Q(authority_id__in=ids)


class ArchivePolicy(Policy[Archive]):
    model = Archive

    def scope(self, user: Any, action: Action) -> QuerySet[Archive]:
        if action is Action.VIEW:
            own = grants_for(user).authority_ids()
            return Archive.objects.filter(authority_id__in=own | fellow_authority_ids(user))
        return Archive.objects.filter(_working(user, action))


class FondsPolicy(Policy[Fonds]):
    model = Fonds

    def scope(self, user: Any, action: Action) -> QuerySet[Fonds]:
        if action is Action.VIEW:
            own = grants_for(user).authority_ids()
            return Fonds.objects.filter(authority_id__in=own | fellow_authority_ids(user))
        return Fonds.objects.filter(_working(user, action))


class UnitPolicy(Policy[Unit]):
    model = Unit

    def scope(self, user: Any, action: Action) -> QuerySet[Unit]:
        if action is Action.VIEW:
            return Unit.objects.filter(unit_filter(user))
        return Unit.objects.filter(_working(user, action))


class PagePolicy(Policy[Page]):
    model = Page

    def scope(self, user: Any, action: Action) -> QuerySet[Page]:
        if action is Action.VIEW:
            return Page.objects.filter(unit_filter(user, prefix="unit__"))
        return Page.objects.filter(_working(user, action))


class LineCorrectionPolicy(Policy[LineCorrection]):
    model = LineCorrection

    def scope(self, user: Any, action: Action) -> QuerySet[LineCorrection]:
        if action is Action.VIEW:
            return LineCorrection.objects.filter(unit_filter(user, prefix="page__unit__"))
        return LineCorrection.objects.filter(_working(user, action))


class OcrProfilePolicy(Policy[OcrProfile]):
    model = OcrProfile

    def scope(self, user: Any, action: Action) -> QuerySet[OcrProfile]:
        if action is Action.VIEW:
            own = grants_for(user).authority_ids()
            used = Archive.objects.filter(authority_id__in=own).values("profile_id")
            return OcrProfile.objects.filter(
                Q(authority_id__in=own) | Q(shared=True) | Q(pk__in=used)
            )
        return OcrProfile.objects.filter(_working(user, action))


register(ArchivePolicy())
register(FondsPolicy())
register(UnitPolicy())
register(PagePolicy())
register(LineCorrectionPolicy())
register(OcrProfilePolicy())
