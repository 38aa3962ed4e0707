"""The §2b UStG decision tree of the Tätigkeitsanalyse, as a pure function.

Steps in the order of the research note (shared/research/domain-dlz-tools.md, 4.2);
the first answer that settles the case decides, the later questions are not asked:

1. no exchange of a service for payment → not taxable (``no_exchange``);
2. not a sustained activity to earn revenue (§ 2 Abs. 1) → not taxable
   (``not_sustained``);
3. an activity of the catalogue of § 2b Abs. 4 → taxable (``abs4_catalogue``);
4. on a private-law basis → taxable under § 2 (``private_law``);
5. on a public-law basis: taxable only where not taxing it would cause a greater
   distortion of competition. There is none when (in this order)
   - the task is reserved to public bodies or has Anschluss-/Benutzungszwang
     (``reserved_task``),
   - the forecast turnover of all similar activities of the year is at most
     17,500 € (Abs. 2 Nr. 1, ``de_minimis``) — computed from the register, never typed,
   - the comparable private service is exempt without option (Abs. 2 Nr. 2,
     ``exempt_private``),
   - the counterparty is a public body and only public bodies may provide the service
     (Abs. 3 Nr. 1, ``abs3_only_public``),
   - the counterparty is a public body and (a)–(d) of Abs. 3 Nr. 2 all hold and the
     service is not a support service that private firms also sell (BMF 14.11.2019,
     ``abs3_cooperation``);
   otherwise it is taxable (``distortion``).

No Django model is read here: the caller passes the answers and the group's forecast
total; the result is the verdict, the rule and a German explanation.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from decimal import Decimal
from enum import StrEnum
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

DE_MINIMIS = Decimal("17500.00")


class LegalForm(StrEnum):
    PUBLIC_LAW = "public_law"
    PRIVATE_LAW = "private_law"


class Counterparty(StrEnum):
    PRIVATE = "private"
    PUBLIC_BODY = "public_body"
    MIXED = "mixed"


class Result(StrEnum):
    NOT_TAXABLE = "not_taxable"
    TAXABLE = "taxable"


class Rule(StrEnum):
    NO_EXCHANGE = "no_exchange"
    NOT_SUSTAINED = "not_sustained"
    ABS4_CATALOGUE = "abs4_catalogue"
    PRIVATE_LAW = "private_law"
    RESERVED_TASK = "reserved_task"
    DE_MINIMIS = "de_minimis"
    EXEMPT_PRIVATE = "exempt_private"
    ABS3_ONLY_PUBLIC = "abs3_only_public"
    ABS3_COOPERATION = "abs3_cooperation"
    DISTORTION = "distortion"


RESULT_LABELS = {
    Result.NOT_TAXABLE: gettext_lazy("nicht steuerbar"),
    Result.TAXABLE: gettext_lazy("steuerbar (Unternehmer)"),
}
LEGAL_FORM_LABELS = {
    LegalForm.PUBLIC_LAW: gettext_lazy("öffentlich-rechtlich"),
    LegalForm.PRIVATE_LAW: gettext_lazy("privatrechtlich"),
}
COUNTERPARTY_LABELS = {
    Counterparty.PRIVATE: gettext_lazy("Private"),
    Counterparty.PUBLIC_BODY: gettext_lazy("juristische Personen des öffentlichen Rechts"),
    Counterparty.MIXED: gettext_lazy("gemischt"),
}
RULE_LABELS = {
    Rule.NO_EXCHANGE: gettext_lazy("kein Leistungsaustausch"),
    Rule.NOT_SUSTAINED: gettext_lazy("keine nachhaltige Tätigkeit (§ 2 Abs. 1 UStG)"),
    Rule.ABS4_CATALOGUE: gettext_lazy("Katalogtätigkeit (§ 2b Abs. 4 UStG)"),
    Rule.PRIVATE_LAW: gettext_lazy("privatrechtliche Grundlage (§ 2 UStG)"),
    Rule.RESERVED_TASK: gettext_lazy("vorbehaltene Aufgabe oder Anschluss- und Benutzungszwang"),
    Rule.DE_MINIMIS: gettext_lazy("Umsatzgrenze 17.500 € (§ 2b Abs. 2 Nr. 1 UStG)"),
    Rule.EXEMPT_PRIVATE: gettext_lazy(
        "vergleichbare private Leistung steuerfrei ohne Option (§ 2b Abs. 2 Nr. 2 UStG)"
    ),
    Rule.ABS3_ONLY_PUBLIC: gettext_lazy(
        "nur von juristischen Personen des öffentlichen Rechts zu erbringen "
        "(§ 2b Abs. 3 Nr. 1 UStG)"
    ),
    Rule.ABS3_COOPERATION: gettext_lazy("Zusammenarbeit nach § 2b Abs. 3 Nr. 2 UStG"),
    Rule.DISTORTION: gettext_lazy("größere Wettbewerbsverzerrungen (§ 2b Abs. 1 UStG)"),
}

# The questions, in the order of the tree: (answer field, question).
QUESTIONS: tuple[tuple[str, Any], ...] = (
    (
        "exchange",
        gettext_lazy(
            "Erhält Ihre Behörde eine Gegenleistung für eine Leistung (Leistungsaustausch)? "
            "Nein bei Steuern, Bußgeldern, echten Zuschüssen, internen Verrechnungen."
        ),
    ),
    (
        "sustained",
        gettext_lazy(
            "Ist es eine nachhaltige Tätigkeit zur Erzielung von Einnahmen? Nein bei einem "
            "gelegentlichen Hilfsgeschäft, etwa dem Verkauf gebrauchter Ausstattung."
        ),
    ),
    (
        "abs4_catalogue",
        gettext_lazy(
            "Ist es eine Tätigkeit nach § 2b Abs. 4 UStG (z. B. Vermessung und Kataster, "
            "Wasser, Gas, Strom, Wärme, Personenbeförderung, Messen, Werbung, Kantinen)?"
        ),
    ),
    (
        "reserved_task",
        gettext_lazy(
            "Ist die Aufgabe der öffentlichen Hand vorbehalten oder besteht Anschluss- und "
            "Benutzungszwang (z. B. Hausmüll, Personalausweis, Standesamt)?"
        ),
    ),
    (
        "exempt_private",
        gettext_lazy(
            "Wäre die vergleichbare Leistung eines privaten Anbieters steuerfrei, ohne "
            "Möglichkeit zur Option (§ 9 UStG)?"
        ),
    ),
    (
        "only_public_bodies",
        gettext_lazy(
            "Dürfen diese Leistung nach gesetzlichen Bestimmungen nur juristische Personen des "
            "öffentlichen Rechts erbringen (§ 2b Abs. 3 Nr. 1 UStG)?"
        ),
    ),
    (
        "long_term_agreement",
        gettext_lazy(
            "(a) Beruht die Zusammenarbeit auf einer langfristigen öffentlich-rechtlichen "
            "Vereinbarung (mindestens 5 Jahre oder unbefristet)?"
        ),
    ),
    (
        "shared_public_task",
        gettext_lazy(
            "(b) Dient sie dem Erhalt der öffentlichen Infrastruktur und einer öffentlichen "
            "Aufgabe, die allen Beteiligten obliegt?"
        ),
    ),
    (
        "cost_reimbursement_only",
        gettext_lazy("(c) Wird die Leistung ausschließlich gegen Kostenerstattung erbracht?"),
    ),
    (
        "mainly_public_bodies",
        gettext_lazy(
            "(d) Erbringt Ihre Behörde gleichartige Leistungen im Wesentlichen an andere "
            "juristische Personen des öffentlichen Rechts?"
        ),
    ),
    (
        "support_service",
        gettext_lazy(
            "Ist es eine Unterstützungsleistung, die auch private Unternehmen anbieten "
            "(z. B. IT-Unterstützung, Gebäudereinigung, Grünpflege, Bauleistungen; "
            "BMF 14.11.2019)?"
        ),
    ),
)
QUESTION_TEXT = dict(QUESTIONS)
ABS3_QUESTIONS = (
    "only_public_bodies",
    "long_term_agreement",
    "shared_public_task",
    "cost_reimbursement_only",
    "mainly_public_bodies",
    "support_service",
)


@dataclass(frozen=True)
class Answers:
    """The facts of one revenue stream: its legal form and counterparty (from the
    register) and the answers to the questions (``None``: not answered)."""

    legal_form: str
    counterparty: str
    exchange: bool | None = None
    sustained: bool | None = None
    abs4_catalogue: bool | None = None
    reserved_task: bool | None = None
    exempt_private: bool | None = None
    only_public_bodies: bool | None = None
    long_term_agreement: bool | None = None
    shared_public_task: bool | None = None
    cost_reimbursement_only: bool | None = None
    mainly_public_bodies: bool | None = None
    support_service: bool | None = None

    def to_document(self) -> dict[str, Any]:
        return {f.name: getattr(self, f.name) for f in fields(self)}

    @classmethod
    def from_document(cls, document: dict[str, Any], **override: Any) -> Answers:
        known = {f.name for f in fields(cls)}
        values = {k: v for k, v in document.items() if k in known}
        values.update(override)
        return cls(**values)


class Unanswered(Exception):
    """A question the tree needs was not answered: ``field`` names it."""

    def __init__(self, field: str) -> None:
        super().__init__(field)
        self.field = field


@dataclass(frozen=True)
class Decision:
    result: Result
    rule: Rule
    explanation: str
    asked: tuple[str, ...]  # the questions the tree read, in order; the last decided


class _Tree:
    def __init__(self, answers: Answers) -> None:
        self.answers = answers
        self.asked: list[str] = []

    def ask(self, name: str) -> bool:
        self.asked.append(name)
        value = getattr(self.answers, name)
        if value is None:
            raise Unanswered(name)
        return bool(value)

    def decide(self, result: Result, rule: Rule, explanation: str) -> Decision:
        return Decision(result, rule, explanation, tuple(self.asked))


def decide(answers: Answers, group_total: Decimal) -> Decision:
    """Run the tree. ``group_total``: the forecast turnover of the year of every stream
    in the stream's group of similar activities, the stream itself included. Raises
    :class:`Unanswered` for the first needed question without an answer, ``ValueError``
    for an unknown legal form or counterparty."""
    legal_form = LegalForm(answers.legal_form)
    counterparty = Counterparty(answers.counterparty)
    tree = _Tree(answers)
    if not tree.ask("exchange"):
        return tree.decide(
            Result.NOT_TAXABLE,
            Rule.NO_EXCHANGE,
            _(
                "Es findet kein Leistungsaustausch statt (keine Gegenleistung für eine "
                "Leistung): nicht steuerbar."
            ),
        )
    if not tree.ask("sustained"):
        return tree.decide(
            Result.NOT_TAXABLE,
            Rule.NOT_SUSTAINED,
            _(
                "Die Tätigkeit ist nicht nachhaltig auf Einnahmen gerichtet "
                "(§ 2 Abs. 1 UStG): nicht steuerbar."
            ),
        )
    if tree.ask("abs4_catalogue"):
        return tree.decide(
            Result.TAXABLE,
            Rule.ABS4_CATALOGUE,
            _(
                "Die Tätigkeit gehört zum Katalog des § 2b Abs. 4 UStG: Ihre Behörde ist "
                "insoweit stets Unternehmer; steuerbar."
            ),
        )
    if legal_form is LegalForm.PRIVATE_LAW:
        return tree.decide(
            Result.TAXABLE,
            Rule.PRIVATE_LAW,
            _(
                "Die Tätigkeit beruht auf privatrechtlicher Grundlage: § 2b UStG gilt nicht, "
                "Ihre Behörde ist nach § 2 UStG Unternehmer; steuerbar."
            ),
        )
    if tree.ask("reserved_task"):
        return tree.decide(
            Result.NOT_TAXABLE,
            Rule.RESERVED_TASK,
            _(
                "Öffentlich-rechtliche Grundlage; die Aufgabe ist der öffentlichen Hand "
                "vorbehalten oder unterliegt einem Anschluss- und Benutzungszwang. Es gibt "
                "keinen Wettbewerb und damit keine größeren Wettbewerbsverzerrungen "
                "(§ 2b Abs. 1 UStG): nicht steuerbar."
            ),
        )
    if group_total <= DE_MINIMIS:
        return tree.decide(
            Result.NOT_TAXABLE,
            Rule.DE_MINIMIS,
            _(
                "Öffentlich-rechtliche Grundlage; die für das Jahr prognostizierten Umsätze "
                "aller gleichartigen Tätigkeiten übersteigen 17.500 € nicht. Nach § 2b Abs. 2 "
                "Nr. 1 UStG liegen keine größeren Wettbewerbsverzerrungen vor: nicht "
                "steuerbar. Die Prognose zu Jahresbeginn zählt, auch wenn der Betrag später "
                "überschritten wird."
            ),
        )
    if tree.ask("exempt_private"):
        return tree.decide(
            Result.NOT_TAXABLE,
            Rule.EXEMPT_PRIVATE,
            _(
                "Öffentlich-rechtliche Grundlage; die vergleichbare Leistung eines privaten "
                "Anbieters wäre ohne Optionsmöglichkeit steuerfrei. Nach § 2b Abs. 2 Nr. 2 UStG "
                "liegen keine größeren Wettbewerbsverzerrungen vor: nicht steuerbar."
            ),
        )
    note = ""
    if counterparty is Counterparty.PUBLIC_BODY:
        if tree.ask("only_public_bodies"):
            return tree.decide(
                Result.NOT_TAXABLE,
                Rule.ABS3_ONLY_PUBLIC,
                _(
                    "Öffentlich-rechtliche Grundlage; die Leistung an eine andere juristische "
                    "Person des öffentlichen Rechts darf nur von einer solchen erbracht "
                    "werden (§ 2b Abs. 3 Nr. 1 UStG): keine größeren "
                    "Wettbewerbsverzerrungen; nicht steuerbar."
                ),
            )
        # (a)–(d) are cumulative: the first "no" settles that Nr. 2 does not apply.
        cooperation = all(
            tree.ask(name)
            for name in (
                "long_term_agreement",
                "shared_public_task",
                "cost_reimbursement_only",
                "mainly_public_bodies",
            )
        )
        if cooperation:
            if not tree.ask("support_service"):
                return tree.decide(
                    Result.NOT_TAXABLE,
                    Rule.ABS3_COOPERATION,
                    _(
                        "Öffentlich-rechtliche Grundlage; Leistung an eine andere juristische "
                        "Person des öffentlichen Rechts im Rahmen einer Zusammenarbeit nach "
                        "§ 2b Abs. 3 Nr. 2 UStG: langfristige öffentlich-rechtliche "
                        "Vereinbarung, gemeinsame öffentliche Aufgabe, nur Kostenerstattung, "
                        "im Wesentlichen an öffentliche Stellen; keine Unterstützungsleistung, "
                        "die auch Private anbieten. Keine größeren Wettbewerbsverzerrungen: "
                        "nicht steuerbar."
                    ),
                )
            note = " " + _(
                "Die Voraussetzungen (a) bis (d) des § 2b Abs. 3 Nr. 2 UStG liegen vor, "
                "doch es ist eine Unterstützungsleistung, die auch private Unternehmen "
                "anbieten (BMF-Schreiben vom 14.11.2019): § 2b Abs. 3 Nr. 2 UStG greift nicht."
            )
        else:
            note = " " + _(
                "Die Voraussetzungen (a) bis (d) des § 2b Abs. 3 Nr. 2 UStG liegen nicht alle vor."
            )
    return tree.decide(
        Result.TAXABLE,
        Rule.DISTORTION,
        _(
            "Öffentlich-rechtliche Grundlage; die prognostizierten Umsätze aller "
            "gleichartigen Tätigkeiten übersteigen 17.500 € und keine Ausnahme des "
            "§ 2b Abs. 2 oder 3 UStG greift. Eine Behandlung als Nichtunternehmer würde zu "
            "größeren Wettbewerbsverzerrungen führen (§ 2b Abs. 1 UStG): steuerbar."
        )
        + note,
    )


def euro(value: Decimal) -> str:
    """A sum as written in Germany: ``17.500,00 €``."""
    text = f"{value.quantize(Decimal('0.01')):,.2f}"
    return text.replace(",", " ").replace(".", ",").replace(" ", ".") + " €"
