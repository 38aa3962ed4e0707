"""Cost allocation among the members of a network (Kostenverteilung), issue #6.

Pure functions over frozen dataclasses: no database, no floats. Money is
``Decimal`` to the cent; every intermediate share is an exact ``Fraction`` of a
cent, so the result does not depend on a decimal context's precision.

A budget item (``total``) is split by an :class:`AllocationKey`: a percentage
in equal parts (Sockel), one by population, one by cases and one by usage. A
member's exact share is the sum of its four exact parts::

    equal      = total × equal %      ÷ number of members
    population = total × population % × member's inhabitants ÷ all inhabitants
    cases      = total × cases %      × member's cases       ÷ all cases
    usage      = total × usage %      × member's usage       ÷ all usage

**Remainder rule** (:data:`REMAINDER_RULE` is the sentence for the statement):
each member's exact share is rounded *down* to the cent; the cents still missing
to the total (fewer than there are members) go one each to the members with the
largest exact shares among those whose share was rounded down, equal shares in
ascending ``authority_id``. The net shares therefore sum exactly to the total
and each lies less than one cent from the exact share. Only shares that lost a
fraction of a cent receive a cent, so a share that is already exact is never
moved away from its exact value.

The four parts of one member are rounded the same way against that member's net
share, so that the parts shown on a statement add up to the net share exactly:
each part is rounded down, and the missing cents go one each to the largest
parts that were rounded down (equal parts in the order equal, population,
cases, usage). Every part, too, lies less than one cent from its exact value.

**VAT** (§2b UStG, when the reimbursement is taxable): computed per member on its
net share, rounded half up to the cent (:data:`VAT_RULE`). The VAT total is the
sum of the members' VAT, which may differ by a few cents from the VAT on the
total.
"""

from __future__ import annotations

import csv
import io
import math
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from django.core.exceptions import ValidationError
from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from verbund.core.spreadsheets import escape_formula

CENT = Decimal("0.01")
HUNDRED = Decimal(100)
# The standard rate of §12 (1) UStG, as a fraction (19 % = 0.19).
VAT_STANDARD_RATE = Decimal("0.19")

REMAINDER_RULE = gettext_lazy(
    "Jeder Anteil wird exakt berechnet und auf volle Cent abgerundet. Die dann noch "
    "fehlenden Cent erhalten einzeln die Mitglieder mit den größten Anteilen, soweit "
    "deren Anteil abgerundet wurde (bei gleich großen Anteilen in aufsteigender "
    "Reihenfolge der Behördenkennung), sodass die Anteile zusammen genau den Gesamtbetrag "
    "ergeben. Die Teilbeträge eines Mitglieds werden ebenso gerundet und ergeben zusammen "
    "seinen Anteil."
)
VAT_RULE = gettext_lazy(
    "Die Umsatzsteuer wird je Mitglied auf seinen Nettoanteil berechnet und kaufmännisch "
    "auf den Cent gerundet."
)

# The parts in their fixed order (the tie-break between equal parts of one member).
PARTS = ("equal", "population", "cases", "usage")
PART_LABELS = {
    "equal": gettext_lazy("Sockelbetrag"),
    "population": gettext_lazy("Einwohnerzahl"),
    "cases": gettext_lazy("Fallzahl"),
    "usage": gettext_lazy("Nutzung"),
}


def _number(value: Decimal | int) -> str:
    """A number in the active language without trailing zeros ("99,5", "100")."""
    if isinstance(value, Decimal):
        value = value.quantize(Decimal(1)) if value == value.to_integral() else value.normalize()
    return formats.number_format(value, use_l10n=True)


@dataclass(frozen=True)
class AllocationKey:
    """The weights of the four parts in per cent; each at least 0, together exactly 100.

    An invalid key cannot be made: the constructor raises ``ValidationError``
    with every problem found (negative weights, the actual sum).
    """

    equal: Decimal
    population: Decimal
    cases: Decimal
    usage: Decimal

    def __post_init__(self) -> None:
        problems = []
        weights = self.weights()
        for part, weight in weights.items():
            if not isinstance(weight, Decimal):
                raise TypeError(f"weight {part} must be a Decimal, not {type(weight).__name__}")
            if not weight.is_finite():
                problems.append(
                    ValidationError(
                        _("Das Gewicht „%(part)s“ ist keine Zahl.") % {"part": PART_LABELS[part]},
                        code="weight_not_a_number",
                    )
                )
            elif weight < 0:
                problems.append(
                    ValidationError(
                        _("Das Gewicht „%(part)s“ darf nicht negativ sein (%(weight)s %%).")
                        % {"part": PART_LABELS[part], "weight": _number(weight)},
                        code="weight_negative",
                    )
                )
        if all(weight.is_finite() for weight in weights.values()):
            total = sum(weights.values(), Decimal(0))
            if total != HUNDRED:
                problems.append(
                    ValidationError(
                        _(
                            "Die Gewichte des Verteilungsschlüssels müssen zusammen 100 %% "
                            "ergeben; sie ergeben %(sum)s %%."
                        )
                        % {"sum": _number(total)},
                        code="weights_sum",
                    )
                )
        if problems:
            raise ValidationError(problems)

    def weights(self) -> dict[str, Decimal]:
        """The weights by part, in the order of :data:`PARTS`."""
        return {part: getattr(self, part) for part in PARTS}


@dataclass(frozen=True)
class MemberBasis:
    """What one member's share is computed from.

    ``population`` is the official figure at the reference date (``None`` when
    unknown), ``cases`` the number counted on the platform in the period,
    ``usage`` any other measure of use (hours, transactions; ``0`` when unused).
    """

    authority_id: int
    name: str
    population: int | None
    cases: int
    usage: Decimal | int

    def __post_init__(self) -> None:
        if isinstance(self.usage, float):
            raise TypeError("usage must be a Decimal or an int, not a float")
        if isinstance(self.usage, Decimal) and not self.usage.is_finite():
            raise ValueError(f"usage must be a finite number, not {self.usage}")


@dataclass(frozen=True)
class MemberShare:
    """One member's share: the parts, net, VAT and gross, each a Decimal to the cent.

    ``equal + population + cases + usage == net`` and ``net + vat == gross``.
    ``exact`` is the exact net share in euros before rounding;
    ``remainder_cent`` says whether the remainder rule added a cent to it.
    """

    basis: MemberBasis
    exact: Fraction
    equal: Decimal
    population: Decimal
    cases: Decimal
    usage: Decimal
    net: Decimal
    vat: Decimal
    gross: Decimal
    remainder_cent: bool

    @property
    def authority_id(self) -> int:
        return self.basis.authority_id

    @property
    def name(self) -> str:
        return self.basis.name


@dataclass(frozen=True)
class Allocation:
    """The result of :func:`allocate`: the shares in the order of the members given,
    the column totals and a note on the remainder for the statement.

    ``net_total == total`` always. Without VAT (``vat_rate is None``) every
    ``vat`` is ``0.00`` and ``gross == net``.
    """

    total: Decimal
    key: AllocationKey
    vat_rate: Decimal | None
    shares: tuple[MemberShare, ...]
    equal_total: Decimal
    population_total: Decimal
    cases_total: Decimal
    usage_total: Decimal
    net_total: Decimal
    vat_total: Decimal
    gross_total: Decimal
    remainder_cents: int
    remainder_note: str


def _cents(value: int) -> Decimal:
    """An integer number of cents as euros with exactly two decimal places."""
    return Decimal(value).scaleb(-2)


def _round_down_then_largest(
    exact: Sequence[Fraction], target: int, order: Sequence[int]
) -> tuple[list[int], list[bool]]:
    """Whole cents for ``exact`` (cents, each >= 0) that sum to ``target``.

    Each value is rounded down; the ``target - sum`` missing cents go one each
    to the largest values that were rounded down, equal values by ``order``
    ascending. Returns the cents and which values received one.
    """
    floors = [math.floor(value) for value in exact]
    missing = target - sum(floors)
    rounded_down = [i for i, value in enumerate(exact) if value != floors[i]]
    # Each value lost less than a cent, and the sum of the losses is a whole
    # number of cents, so fewer cents are missing than values were rounded down.
    assert 0 <= missing <= len(rounded_down), (missing, len(rounded_down))
    rounded_down.sort(key=lambda i: (-exact[i], order[i]))
    received = [False] * len(exact)
    for i in rounded_down[:missing]:
        floors[i] += 1
        received[i] = True
    return floors, received


def _check(
    total: Decimal,
    members: Sequence[MemberBasis],
    key: AllocationKey,
    vat_rate: Decimal | None,
) -> list[ValidationError]:
    """Every problem of the input, in a stable order."""
    problems = []
    if not isinstance(total, Decimal):
        raise TypeError(f"total must be a Decimal, not {type(total).__name__}")
    if not total.is_finite():
        problems.append(ValidationError(_("Der Betrag ist keine Zahl."), code="total_nan"))
    else:
        if total < 0:
            problems.append(
                ValidationError(
                    _("Der zu verteilende Betrag darf nicht negativ sein."), code="total_negative"
                )
            )
        if (Fraction(total) * 100).denominator != 1:
            problems.append(
                ValidationError(
                    _("Der zu verteilende Betrag muss auf den Cent genau angegeben sein."),
                    code="total_not_cents",
                )
            )
    if vat_rate is not None:
        if not isinstance(vat_rate, Decimal):
            raise TypeError(f"vat_rate must be a Decimal, not {type(vat_rate).__name__}")
        if not vat_rate.is_finite() or not 0 <= vat_rate < 1:
            problems.append(
                ValidationError(
                    _(
                        "Der Umsatzsteuersatz muss als Anteil zwischen 0 und 1 angegeben sein "
                        "(0,19 für 19 %)."
                    ),
                    code="vat_rate",
                )
            )
    if not members:
        problems.append(
            ValidationError(
                _("Es gibt keine Mitglieder, auf die der Betrag verteilt werden kann."),
                code="no_members",
            )
        )
        return problems

    seen: set[int] = set()
    duplicates: list[str] = []
    for member in members:
        if member.authority_id in seen and member.name not in duplicates:
            duplicates.append(member.name)
        seen.add(member.authority_id)
    if duplicates:
        problems.append(
            ValidationError(
                _("Folgende Mitglieder sind mehrfach aufgeführt: %(names)s.")
                % {"names": ", ".join(duplicates)},
                code="duplicate_members",
            )
        )
    negative = [
        m.name
        for m in members
        if (m.population is not None and m.population < 0) or m.cases < 0 or m.usage < 0
    ]
    if negative:
        problems.append(
            ValidationError(
                _(
                    "Einwohnerzahl, Fallzahl und Nutzung dürfen nicht negativ sein; "
                    "das ist der Fall bei: %(names)s."
                )
                % {"names": ", ".join(negative)},
                code="basis_negative",
            )
        )
        return problems

    if key.population > 0:
        missing = [m.name for m in members if m.population is None]
        if missing:
            problems.append(
                ValidationError(
                    _("Für folgende Mitglieder fehlt die Einwohnerzahl zum Stichtag: %(names)s.")
                    % {"names": ", ".join(missing)},
                    code="population_missing",
                )
            )
        elif sum(m.population or 0 for m in members) == 0:
            problems.append(
                ValidationError(
                    _(
                        "Die Einwohnerzahlen der Mitglieder ergeben zusammen 0; nach "
                        "Einwohnerzahl kann nicht verteilt werden."
                    ),
                    code="population_zero",
                )
            )
    if key.cases > 0 and sum(m.cases for m in members) == 0:
        problems.append(
            ValidationError(
                _(
                    "Die Fallzahlen der Mitglieder ergeben zusammen 0; nach Fallzahl kann "
                    "nicht verteilt werden."
                ),
                code="cases_zero",
            )
        )
    if key.usage > 0 and sum(Fraction(m.usage) for m in members) == 0:
        problems.append(
            ValidationError(
                _(
                    "Die Nutzung der Mitglieder ergibt zusammen 0; nach Nutzung kann nicht "
                    "verteilt werden."
                ),
                code="usage_zero",
            )
        )
    return problems


def _exact_parts(
    total_cents: Fraction, members: Sequence[MemberBasis], key: AllocationKey
) -> list[list[Fraction]]:
    """Per member the four exact parts in cents, in the order of :data:`PARTS`."""
    pools = {part: total_cents * Fraction(weight) / 100 for part, weight in key.weights().items()}
    measures: dict[str, list[Fraction]] = {
        "equal": [Fraction(1)] * len(members),
        "population": [Fraction(m.population or 0) for m in members],
        "cases": [Fraction(m.cases) for m in members],
        "usage": [Fraction(m.usage) for m in members],
    }
    parts: list[list[Fraction]] = [[] for _m in members]
    for part in PARTS:
        values = measures[part]
        whole = sum(values, Fraction(0))
        for i, value in enumerate(values):
            # A part without weight is 0 even where its measure is missing or all zero.
            parts[i].append(pools[part] * value / whole if pools[part] else Fraction(0))
    return parts


def allocate(
    total: Decimal,
    members: Sequence[MemberBasis],
    key: AllocationKey,
    *,
    vat_rate: Decimal | None = None,
) -> Allocation:
    """Split ``total`` (euros, to the cent) among ``members`` by ``key``.

    Rounding follows the remainder rule of this module's docstring: the net
    shares sum exactly to ``total``, each within one cent of its exact value,
    and each member's parts sum exactly to its net share. ``vat_rate`` is a
    fraction (``VAT_STANDARD_RATE``, 0.19); VAT is computed per member on its net
    share and rounded half up to the cent.

    Raises ``ValidationError`` with every problem found: a negative total or one
    with fractions of a cent, an invalid VAT rate, no members, a member listed
    twice, negative figures, population missing for some member (or zero for
    all) while population has a weight, no cases at all while cases have a
    weight, no usage at all while usage has a weight.
    """
    problems = _check(total, members, key, vat_rate)
    if problems:
        raise ValidationError(problems)
    total_cents = Fraction(total) * 100
    target = int(total_cents)
    ids = [m.authority_id for m in members]
    parts = _exact_parts(total_cents, members, key)
    exact = [sum(p, Fraction(0)) for p in parts]
    nets, received = _round_down_then_largest(exact, target, ids)

    rate = Fraction(vat_rate) if vat_rate is not None else Fraction(0)
    shares = []
    for member, member_parts, member_exact, net, got_cent in zip(
        members, parts, exact, nets, received, strict=True
    ):
        part_cents, _got = _round_down_then_largest(member_parts, net, range(len(PARTS)))
        # Half up: all amounts are >= 0 here.
        vat = math.floor(net * rate + Fraction(1, 2))
        shares.append(
            MemberShare(
                basis=member,
                exact=member_exact / 100,
                equal=_cents(part_cents[0]),
                population=_cents(part_cents[1]),
                cases=_cents(part_cents[2]),
                usage=_cents(part_cents[3]),
                net=_cents(net),
                vat=_cents(vat),
                gross=_cents(net + vat),
                remainder_cent=got_cent,
            )
        )
    remainder = sum(received)
    if remainder:
        concrete = ngettext(
            "Nach dem Abrunden fehlte %(count)d Cent; ihn erhielt das Mitglied mit dem "
            "größten abgerundeten Anteil.",
            "Nach dem Abrunden fehlten %(count)d Cent; sie erhielten die %(count)d "
            "Mitglieder mit den größten abgerundeten Anteilen.",
            remainder,
        ) % {"count": remainder}
    else:
        concrete = _("Nach dem Abrunden fehlte kein Cent.")
    return Allocation(
        total=_cents(target),
        key=key,
        vat_rate=vat_rate,
        shares=tuple(shares),
        equal_total=sum((s.equal for s in shares), _cents(0)),
        population_total=sum((s.population for s in shares), _cents(0)),
        cases_total=sum((s.cases for s in shares), _cents(0)),
        usage_total=sum((s.usage for s in shares), _cents(0)),
        net_total=sum((s.net for s in shares), _cents(0)),
        vat_total=sum((s.vat for s in shares), _cents(0)),
        gross_total=sum((s.gross for s in shares), _cents(0)),
        remainder_cents=remainder,
        remainder_note=f"{REMAINDER_RULE} {concrete}",
    )


def _csv_number(value: Decimal | int | None) -> str:
    """German decimal comma, no grouping: ``40700,00``; empty for ``None``."""
    if value is None:
        return ""
    return f"{value:f}".replace(".", ",") if isinstance(value, Decimal) else str(value)


def statement_csv(
    allocation: Allocation, *, notes: bool = True, participants: Sequence[str] = ()
) -> str:
    """The allocation as CSV for spreadsheets: one row per member, then a total row.

    Semicolon separated, decimal comma without thousands separators, a German
    header row, ``\\r\\n`` line ends; the caller encodes the text as UTF-8. The
    VAT columns appear only when VAT applies. With ``notes`` an empty row, one row per
    line of ``participants`` (who takes part, and why the others do not), the
    remainder note (and the VAT rule) follow the table.
    """
    header = [
        _("Mitglied"),
        _("Einwohnerzahl"),
        _("Fallzahl"),
        _("Nutzung"),
        _("Sockelbetrag (€)"),
        _("Anteil nach Einwohnerzahl (€)"),
        _("Anteil nach Fallzahl (€)"),
        _("Anteil nach Nutzung (€)"),
        _("Anteil netto (€)"),
    ]
    taxable = allocation.vat_rate is not None
    if taxable:
        assert allocation.vat_rate is not None
        rate = _number(allocation.vat_rate * HUNDRED)
        header += [_("Umsatzsteuer %(rate)s %% (€)") % {"rate": rate}, _("Anteil brutto (€)")]
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(header)
    for share in allocation.shares:
        basis = share.basis
        row = [
            escape_formula(basis.name),
            _csv_number(basis.population),
            _csv_number(basis.cases),
            _csv_number(basis.usage),
            _csv_number(share.equal),
            _csv_number(share.population),
            _csv_number(share.cases),
            _csv_number(share.usage),
            _csv_number(share.net),
        ]
        if taxable:
            row += [_csv_number(share.vat), _csv_number(share.gross)]
        writer.writerow(row)
    bases = [share.basis for share in allocation.shares]
    populations = [b.population for b in bases if b.population is not None]
    total_row = [
        _("Summe"),
        _csv_number(sum(populations)) if len(populations) == len(bases) else "",
        _csv_number(sum(b.cases for b in bases)),
        _csv_number(sum((Decimal(b.usage) for b in bases), Decimal(0))),
        _csv_number(allocation.equal_total),
        _csv_number(allocation.population_total),
        _csv_number(allocation.cases_total),
        _csv_number(allocation.usage_total),
        _csv_number(allocation.net_total),
    ]
    if taxable:
        total_row += [_csv_number(allocation.vat_total), _csv_number(allocation.gross_total)]
    writer.writerow(total_row)
    if notes:
        writer.writerow([])
        for line in participants:
            writer.writerow([escape_formula(line)])
        writer.writerow([allocation.remainder_note])
        if taxable:
            writer.writerow([str(VAT_RULE)])
    return out.getvalue()
