"""The demo's §2b UStG activity analysis (issue #18): Merzenich's register (fees,
letting of the Bürgerhaus, canteen, parking, waste paper, and the reimbursements the
DLZ members pay for the business registration — the DLZ's cooperation stream), its
approved assessments of the year, Jülich delegating the analysis to the DLZ from
1 October 2026 with an assessment the service centre prepared awaiting approval, and
Niederzier's parking for reuse. The cooperation is taxable under BMF 14.11.2019 (it
includes IT support that private firms also sell), so the DLZ's budget items show
19 % VAT from the assessment. Loaded through the services, once."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.utils import timezone

from verbund.accounts.models import User
from verbund.authorities.models import Authority
from verbund.demo.data import JUELICH, MERZENICH, NIEDERZIER
from verbund.networks.models import Network
from verbund.networks.services import area_level_set
from verbund.vat.models import ActivityGroup, RevenueStream
from verbund.vat.services import (
    amount_set,
    assessment_approve,
    assessment_decide,
    group_create,
    stream_create,
)

D = Decimal
VAT_AREA = "Umsatzsteuer (§ 2b UStG)"
DELEGATED_FROM = dt.date(2026, 10, 1)
OPEN = {"exchange": True, "sustained": True, "abs4_catalogue": False}


@dataclass(frozen=True)
class _Stream:
    ars: str
    title: str
    legal_form: str
    legal_basis: str
    counterparty: str
    forecast: str
    answers: dict[str, Any]
    account: str = ""
    group: str = ""
    rate: str = ""
    exemption: str = ""
    network: bool = False
    state: str = "approved"  # approved, draft, prepared
    notes: str = ""
    extra: dict[str, Any] = field(default_factory=dict)


STREAMS = (
    _Stream(
        MERZENICH,
        "Verwaltungsgebühren",
        "public_law",
        "Verwaltungsgebührensatzung der Gemeinde Merzenich",
        "private",
        "85000",
        {**OPEN, "reserved_task": True},
        account="431100",
    ),
    _Stream(
        MERZENICH,
        "Vermietung Bürgerhaus",
        "private_law",
        "Mietverträge nach der Benutzungsordnung Bürgerhaus",
        "mixed",
        "14000",
        OPEN,
        account="441100",
        group="Vermietung von Räumen",
        rate="19",
        exemption="§ 4 Nr. 12 UStG (Vermietung von Grundstücken)",
    ),
    _Stream(
        MERZENICH,
        "Kantine im Rathaus",
        "private_law",
        "Kantinenordnung",
        "mixed",
        "9000",
        {**OPEN, "abs4_catalogue": True},
        account="441500",
        rate="19",
    ),
    _Stream(
        MERZENICH,
        "Parkgebühren",
        "public_law",
        "Parkgebührenordnung vom 12.3.2021",
        "private",
        "16500",
        {**OPEN, "reserved_task": False},
        account="432100",
    ),
    _Stream(
        MERZENICH,
        "Verkauf von Altpapier",
        "private_law",
        "Einzelverträge",
        "private",
        "400",
        {"exchange": True, "sustained": False},
        account="442900",
    ),
    _Stream(
        MERZENICH,
        "Erstattungen der DLZ-Mitglieder (Gewerbeanmeldung)",
        "public_law",
        "Öffentlich-rechtliche Vereinbarung über die Gewerbeanmeldung vom 1.1.2024",
        "public_body",
        "48433",
        {
            **OPEN,
            "reserved_task": False,
            "exempt_private": False,
            "only_public_bodies": False,
            "long_term_agreement": True,
            "shared_public_task": True,
            "cost_reimbursement_only": True,
            "mainly_public_bodies": True,
            "support_service": True,
        },
        rate="19",
        network=True,
        notes="Enthält IT-Unterstützung (Fachverfahren, Betrieb), die auch Private anbieten.",
    ),
    _Stream(
        JUELICH,
        "Parkgebühren",
        "public_law",
        "Parkgebührensatzung der Stadt Jülich",
        "private",
        "12000",
        {**OPEN, "reserved_task": False},
        state="prepared",
    ),
    _Stream(
        NIEDERZIER,
        "Parkgebühren",
        "public_law",
        "Parkgebührensatzung der Gemeinde Niederzier",
        "private",
        "6000",
        {**OPEN, "reserved_task": False},
    ),
)


def _user(username: str) -> User | None:
    return User.objects.filter(username=username).first()


def _group(authority: Authority, name: str) -> ActivityGroup | None:
    if not name:
        return None
    existing = ActivityGroup.objects.filter(authority=authority, name=name).first()
    return existing or group_create(actor=None, authority=authority, name=name)


def load_vat(dlz: Network) -> None:
    """Jülich delegates the analysis (level 4 from 1 October 2026), then the streams and
    their assessments of the year the demo is loaded in; a stream that exists is left
    alone."""
    area = dlz.areas.get(tool="vat")
    juelich = Authority.objects.get(ars=JUELICH)
    if not area.participations.filter(
        authority=juelich, level=4, valid_from=DELEGATED_FROM
    ).exists():
        area_level_set(actor=None, area=area, authority=juelich, level=4, valid_from=DELEGATED_FROM)
    year = timezone.localdate().year
    coordinator = _user("koordination.dlz")
    for spec in STREAMS:
        authority = Authority.objects.get(ars=spec.ars)
        if RevenueStream.objects.filter(authority=authority, title=spec.title).exists():
            continue
        stream = stream_create(
            actor=None,
            authority=authority,
            title=spec.title,
            account=spec.account,
            legal_form=spec.legal_form,
            legal_basis=spec.legal_basis,
            counterparty=spec.counterparty,
            group=_group(authority, spec.group),
            network=dlz if spec.network else None,
            notes=spec.notes,
        )
        amount_set(actor=None, stream=stream, year=year, forecast=D(spec.forecast))
        prepared = spec.state == "prepared"
        assessment = assessment_decide(
            actor=coordinator if prepared else None,
            stream=stream,
            year=year,
            answers=spec.answers,
            rate=spec.rate,
            exemption=spec.exemption,
            prepared_by_network=dlz if prepared else None,
        )
        if spec.state == "approved":
            assessment_approve(actor=None, assessment=assessment)
