"""The decision letter (Bescheid) as a PDF.

The letter is written in German, the official language of the procedure (§ 23
VwVfG), whatever language the applicant used the portal in. Its parts: the
processing authority's letterhead (``CaseSettings``, else its first office),
the applicant's address where the form asked for one, the file number
(Aktenzeichen), the reference, the decision text, the fee, the legal remedy
notice (Rechtsbehelfsbelehrung) and, where the processing authority acts for
the responsible one, "im Auftrag von …". The texts come from the service's
case type (``CaseType``) with placeholders filled in (``placeholders.py``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.template.loader import render_to_string
from django.utils import timezone, translation

from verbund.authorities.models import Authority
from verbund.cases.models import Case, CaseSettings, CaseType, Decision, DecisionOutcome
from verbund.cases.placeholders import render_letter_text
from verbund.catalogue.models import Office
from verbund.core.pdf import html_to_pdf
from verbund.formengine import engine
from verbund.formengine.selectors import form_of

TEMPLATE = "cases/letter.html"

DEFAULT_GRANTED = (
    "{anrede}\n\n"
    "auf Ihren Antrag vom {eingangsdatum} (Vorgangsnummer {vorgangsnummer}) ergeht folgender "
    "Bescheid:\n\nIhrem Antrag „{leistung}“ wird stattgegeben."
)
DEFAULT_REFUSED = (
    "{anrede}\n\n"
    "auf Ihren Antrag vom {eingangsdatum} (Vorgangsnummer {vorgangsnummer}) ergeht folgender "
    "Bescheid:\n\nIhr Antrag „{leistung}“ wird abgelehnt.\n\nBegründung:\n"
)
# No Widerspruch before the Klage: in NRW (§ 110 JustG NRW) the Klage is, with few
# exceptions, the remedy against a Bescheid. § 58 Abs. 1 VwGO: the notice names the
# remedy, the court with its seat, and the time limit; § 55a VwGO allows the Klage as
# an electronic document.
DEFAULT_REMEDY = (
    "Gegen diesen Bescheid kann innerhalb eines Monats nach seiner Bekanntgabe Klage beim "
    "{verwaltungsgericht}, erhoben werden. Die Klage ist schriftlich, zur Niederschrift bei "
    "der Urkundsbeamtin oder dem Urkundsbeamten der Geschäftsstelle des Gerichts oder als "
    "elektronisches Dokument nach § 55a der Verwaltungsgerichtsordnung (VwGO) zu erheben."
)
# The salutation without a name: we know no one's gender, so with a name it is neutral.
GREETING_WITHOUT_NAME = "Sehr geehrte Damen und Herren,"
# Where the court is missing, the draft says so; such a text is never issued.
COURT_MISSING = "[Verwaltungsgericht fehlt: unter „Aktenführung und Briefkopf“ eintragen]"


@dataclass(frozen=True)
class Letterhead:
    name: str
    department: str
    street: str
    postcode: str
    city: str
    phone: str
    email: str
    website: str
    signatory: str


@dataclass(frozen=True)
class Court:
    """The administrative court a Klage against the authority's Bescheide goes to."""

    name: str
    street: str
    postcode: str
    city: str

    @property
    def line(self) -> str:
        """The court in one line: "Verwaltungsgericht Aachen, Kasernenstraße 25, 52064 Aachen"."""
        return f"{self.name}, {self.street}, {self.postcode} {self.city}"

    def named_in(self, text: str) -> bool:
        """Whether ``text`` names this court with its address (its parts anywhere)."""
        flat = " ".join(text.split())
        return all(part in flat for part in (self.name, self.street, self.postcode, self.city))


def court(authority_id: int) -> Court | None:
    """The authority's configured administrative court, or None."""
    row = CaseSettings.objects.filter(authority_id=authority_id).first()
    if row is None or not row.court_name:
        return None
    return Court(row.court_name, row.court_street, row.court_postcode, row.court_city)


def deciding_authority(case: Case) -> Authority:
    """In whose name the Bescheid is issued: the responsible authority when another
    member processes for it (mandate, "im Auftrag von"), else the processing one. A Klage
    goes to that authority's court."""
    return case.responsible if case.on_behalf else case.authority


def salutation(name: str) -> str:
    """The letter's salutation: "Guten Tag Deniz Yılmaz," with a name (we know no
    gender), else the neutral "Sehr geehrte Damen und Herren,"."""
    name = " ".join(name.split())
    return f"Guten Tag {name}," if name else GREETING_WITHOUT_NAME


def official_name(authority: Authority) -> str:
    """How the authority names itself ("Kreis Düren", "Stadt Jülich")."""
    return authority.official_name


def letterhead(authority: Authority) -> Letterhead:
    row = CaseSettings.objects.filter(authority=authority).first()
    office = Office.objects.filter(authority=authority).order_by("name").first()

    def pick(field: str, office_field: str = "") -> str:
        value = getattr(row, field, "") if row else ""
        if not value and office is not None and office_field:
            value = getattr(office, office_field, "")
        return str(value or "")

    # The postal address is one unit: an authority that gives any part of it in its
    # settings gets none of the office's (no street of one building with the town of
    # another).
    own_address = row is not None and any((row.street, row.postcode, row.city))
    address_source = row if own_address else office

    def address(field: str) -> str:
        return str(getattr(address_source, field, "") or "") if address_source else ""

    return Letterhead(
        name=official_name(authority),
        department=pick("department", "name"),
        street=address("street"),
        postcode=address("postcode"),
        city=address("city") or authority.seat or authority.name,
        phone=pick("phone", "phone"),
        email=pick("email", "email"),
        website=pick("website"),
        signatory=pick("signatory"),
    )


def _date(value: dt.date | dt.datetime) -> str:
    if isinstance(value, dt.datetime):
        value = timezone.localdate(value)
    return value.strftime("%d.%m.%Y")


def placeholder_values(case: Case) -> dict[str, str]:
    found = court(deciding_authority(case).pk)
    return {
        "anrede": salutation(case.applicant_name),
        "verwaltungsgericht": found.line if found is not None else COURT_MISSING,
        "antragsteller": case.applicant_name,
        "leistung": case.service.title,
        "vorgangsnummer": case.reference,
        "aktenzeichen": case.file_number,
        "eingangsdatum": _date(case.received_at),
        "behoerde": case.authority.name,
        "ort": case.submission.place.name,
    }


def draft_texts(case: Case, outcome: str) -> tuple[str, str]:
    """The decision text and remedy notice the clerk starts from, placeholders filled."""
    case_type = CaseType.objects.filter(service_id=case.service_id).first()
    if outcome == DecisionOutcome.REFUSED:
        body = (case_type.refused_text if case_type else "") or DEFAULT_REFUSED
    else:
        body = (case_type.granted_text if case_type else "") or DEFAULT_GRANTED
    remedy = (case_type.remedy_notice if case_type else "") or DEFAULT_REMEDY
    values = placeholder_values(case)
    return render_letter_text(body, values), render_letter_text(remedy, values)


def recipient_lines(case: Case) -> list[str]:
    """The applicant's name and, where the form asked for one, their postal address."""
    lines = [case.applicant_name] if case.applicant_name else []
    form = form_of(case.submission.version)
    answers = case.submission.answers or {}
    for field in form.fields_by_name.values():
        value = answers.get(field.name)
        if field.kind is engine.Kind.ADDRESS and isinstance(value, dict):
            street = " ".join(str(value.get(k, "")) for k in ("strasse", "hausnummer")).strip()
            town = " ".join(str(value.get(k, "")) for k in ("plz", "ort")).strip()
            lines += [line for line in (street, town) if line]
            break
    return lines


def _money(amount: Decimal) -> str:
    return engine.money_display(amount)


def letter_context(decision: Decision, *, draft: bool = False) -> dict[str, Any]:
    case = decision.case
    head = letterhead(case.authority)
    clerk = decision.issued_by_label or (str(case.assignee) if case.assignee_id else "")
    paid = case.submission.paid_at
    remedy = decision.remedy_notice.strip().splitlines()
    return {
        "head": head,
        "draft": draft,
        "case": case,
        "decision": decision,
        "recipient": recipient_lines(case),
        "date": _date(decision.issued_at),
        "received": _date(case.received_at),
        "outcome_label": (
            "bewilligt" if decision.outcome == DecisionOutcome.GRANTED else "abgelehnt"
        ),
        "on_behalf_of": (
            official_name(decision.on_behalf_of) if decision.on_behalf_of is not None else ""
        ),
        "body": decision.body,
        "remedy_notice": decision.remedy_notice,
        # The last paragraph of the notice goes with the signature (never a page of its
        # own: the template keeps them together).
        "remedy_lead": remedy[:-1],
        "remedy_last": remedy[-1] if remedy else "",
        "fee": _money(decision.fee_amount) if decision.fee_amount else "",
        "fee_note": decision.fee_note,
        "paid": _date(paid) if paid and decision.fee_amount == case.submission.fee_total else "",
        "clerk": clerk,
        "signatory": head.signatory,
        "created_iso": timezone.localtime(decision.issued_at).isoformat(timespec="seconds"),
    }


def letter_html(decision: Decision, *, draft: bool = False) -> str:
    with translation.override("de"):
        return render_to_string(TEMPLATE, letter_context(decision, draft=draft))


def letter_pdf(decision: Decision, *, draft: bool = False) -> bytes:
    """The Bescheid as PDF bytes (``draft`` marks a preview as ENTWURF)."""
    return html_to_pdf(letter_html(decision, draft=draft))
