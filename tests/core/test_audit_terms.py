"""The words of the audit trail: every action recorded anywhere in the source has a German
label (and an English one), and recorded values read as an auditor expects them."""

from __future__ import annotations

import ast
import datetime as dt
from collections.abc import Iterator, Mapping
from pathlib import Path

import pytest
from django.utils import timezone, translation

import verbund
from tests.factories import AuthorityFactory, MembershipFactory, UserFactory
from verbund.core.audit import audit_record, field_changes
from verbund.core.audit_log import Change, actor_text, describe_entries
from verbund.core.audit_terms import (
    AMOUNT,
    AUDIT_TERMS,
    DATE,
    DIGEST,
    AuditTerms,
    Breakdown,
    Choice,
    Counts,
    Shown,
    action_choices,
    action_label,
    register_terms,
)
from verbund.core.models import AuditEntry

PACKAGE = Path(verbund.__file__).parent
SHA = "77056c22c09e043a4cf520818ef7007c220cf881317be0e9a50190cddbc162ae"


# --- every recorded action has a label -------------------------------------------------------


def _sources() -> list[tuple[Path, ast.Module]]:
    return [
        (path, ast.parse(path.read_text(encoding="utf-8")))
        for path in sorted(PACKAGE.rglob("*.py"))
        if "migrations" not in path.parts
    ]


def _name(call: ast.Call) -> str:
    func = call.func
    return func.id if isinstance(func, ast.Name) else getattr(func, "attr", "")


def _action_argument(call: ast.Call, parameter: tuple[str, int | None]) -> ast.expr | None:
    """The argument a call passes for the recorder's action ``parameter``
    (its name, and its position unless it is keyword-only)."""
    name, position = parameter
    for keyword in call.keywords:
        if keyword.arg == name:
            return keyword.value
    if position is not None and len(call.args) > position:
        return call.args[position]
    return None


def _literals(node: ast.expr) -> list[str] | None:
    """The action codes an argument can be: a string, or either side of ``a if c else b``."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node.value]
    if isinstance(node, ast.IfExp):
        body, orelse = _literals(node.body), _literals(node.orelse)
        if body is not None and orelse is not None:
            return body + orelse
    return None


def _functions(tree: ast.Module) -> Iterator[ast.FunctionDef]:
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef):
            yield node


def _parameter(function: ast.FunctionDef, name: str) -> tuple[str, int | None] | None:
    positional = [arg.arg for arg in (*function.args.posonlyargs, *function.args.args)]
    if name in positional:
        return (name, positional.index(name))
    if name in [arg.arg for arg in function.args.kwonlyargs]:
        return (name, None)
    return None


def recorded_actions() -> tuple[dict[str, list[str]], list[str]]:
    """Every action code passed to ``audit_record`` in the source, directly or through a
    function that hands its own parameter on as the action (``cases.services._audit``,
    ``catalogue.services._service_set_status``), with where it is recorded; and every
    call whose action is not written out."""
    sources = _sources()
    # Functions that record: name → their action parameter (name, position).
    recorders: dict[str, tuple[str, int | None]] = {"audit_record": ("action", None)}
    changed = True
    while changed:
        changed = False
        for _path, tree in sources:
            for function in _functions(tree):
                for call in ast.walk(function):
                    if not isinstance(call, ast.Call) or _name(call) not in recorders:
                        continue
                    argument = _action_argument(call, recorders[_name(call)])
                    if not isinstance(argument, ast.Name) or function.name in recorders:
                        continue
                    parameter = _parameter(function, argument.id)
                    if parameter is not None:
                        recorders[function.name] = parameter
                        changed = True
    found: dict[str, list[str]] = {}
    unreadable: list[str] = []
    for path, tree in sources:
        where = path.relative_to(PACKAGE.parent)
        for call in ast.walk(tree):
            if not isinstance(call, ast.Call) or _name(call) not in recorders:
                continue
            argument = _action_argument(call, recorders[_name(call)])
            if argument is None:
                continue
            codes = _literals(argument)
            if codes is not None:
                for code in codes:
                    found.setdefault(code, []).append(f"{where}:{call.lineno}")
            elif not _passed_on(tree, call, argument):
                unreadable.append(f"{where}:{call.lineno}")
    return found, sorted(set(unreadable))


def _passed_on(tree: ast.Module, call: ast.Call, argument: ast.expr) -> bool:
    """Whether ``argument`` is a parameter of the function around ``call`` (a recorder
    that hands its caller's action on)."""
    if not isinstance(argument, ast.Name):
        return False
    return any(
        _parameter(function, argument.id) is not None
        for function in _functions(tree)
        if any(node is call for node in ast.walk(function))
    )


def test_the_scan_finds_direct_wrapped_and_conditional_actions() -> None:
    found, _unreadable = recorded_actions()
    assert "networks.membership_added" in found  # audit_record(action="…")
    assert "case.set_status" in found  # cases.services._audit(actor, "…", case)
    assert "catalogue.service_published" in found  # _service_set_status(action="…")
    assert {"records.archived", "records.destroyed"} <= set(found)  # "…" if … else "…"
    assert {"integrations.webhook_delivered", "integrations.webhook_failed"} <= set(found)
    assert len(found) >= 80


def test_every_recorded_action_is_written_out() -> None:
    _found, unreadable = recorded_actions()
    # An action built at run time (an f-string) cannot be checked for its label:
    # write each possible code out, e.g. "a.x" if … else "a.y".
    assert unreadable == []


def test_every_recorded_action_has_a_german_and_an_english_label() -> None:
    found, _unreadable = recorded_actions()
    missing = {code: where for code, where in found.items() if action_label(code) is None}
    assert missing == {}
    with translation.override("en"):
        english = {code: action_label(code) for code in found}
    untranslated = sorted(code for code in found if english[code] == action_label(code))
    assert untranslated == []


def test_labelled_actions_are_recorded_somewhere() -> None:
    """No label for an action nobody records (a renamed action leaves its old label)."""
    found, _unreadable = recorded_actions()
    labelled = {code for terms in AUDIT_TERMS for code in terms.actions}
    assert sorted(labelled - set(found)) == []


def test_every_registered_field_label_has_an_english_translation() -> None:
    fields = [
        recorded
        for terms in AUDIT_TERMS
        for recorded in [
            *terms.fields.values(),
            *(f for own in terms.action_fields.values() for f in own.values()),
        ]
    ]
    german = [str(recorded.label) for recorded in fields]
    with translation.override("en"):
        english = [str(recorded.label) for recorded in fields]
    same = sorted({g for g, e in zip(german, english, strict=True) if g == e})
    assert same == []


def test_an_app_cannot_label_another_apps_action() -> None:
    with pytest.raises(ValueError, match=r"networks\.membership_added"):
        register_terms(
            AuditTerms(key="intruder", group="X", actions={"networks.membership_added": "X"})
        )
    assert AUDIT_TERMS.get("intruder") is None


def test_filter_choices_group_the_actions_by_app() -> None:
    groups = dict(action_choices())
    assert ("networks.membership_added", "Mitglied aufgenommen") in groups["Verbünde"]
    assert ("case.set_status", "Status des Vorgangs geändert") in groups["Vorgänge"]
    assert groups["Formulare"] == [
        ("form.publish", "Formular veröffentlicht"),
        ("form.save_draft", "Formularentwurf gespeichert"),
    ]


# --- values in words -------------------------------------------------------------------------


def _described(action: str, changes: Mapping[str, object], object_type: str = "") -> list[Change]:
    """The changes of an entry as recorded by a service (``object_type`` as
    ``audit_record`` writes it for ``obj``)."""
    entry = AuditEntry(
        sequence=1,
        actor_label="system",
        action=action,
        object_type=object_type,
        object_id="1",
        object_repr="Beispiel",
        changes=changes,
        entry_hash=SHA,
    )
    (row,) = describe_entries([entry])
    return list(row.changes)


def _texts(changes: list[Change]) -> list[tuple[str, str | None, str]]:
    return [(c.label, c.old.text if c.old else None, c.new.text) for c in changes]


@pytest.mark.django_db
def test_plain_values_read_as_values_without_an_arrow() -> None:
    """submission.paid records ``{"fee_total": "40.00"}``: one value, not "4 → 0"."""
    changes = _described(
        "submission.create",
        {
            "reference": "VB-2026-ABCD-EFGH",
            "fee_total": "40.00",
            "attachments": 2,
        },
    )
    assert _texts(changes) == [
        ("Vorgangsnummer", None, "VB-2026-ABCD-EFGH"),
        ("Gebühren insgesamt", None, "40,00 €"),
        ("Anlagen", None, "2"),
    ]


@pytest.mark.django_db
def test_pairs_read_old_to_new_with_choices_by_their_labels() -> None:
    changes = _described(
        "case.set_status", {"status": ["awaiting_payment", "received"]}, "cases.Case"
    )
    assert _texts(changes) == [("Status", "Zahlung ausstehend", "Eingegangen")]


@pytest.mark.django_db
def test_model_fields_give_label_date_and_choices() -> None:
    """A field the app does not name is the entry's model field: "Austritt", a date;
    a value set where there was none reads as the new value alone."""
    membership = MembershipFactory()
    changes = _described(
        "networks.membership_ended",
        field_changes({"left_on": None}, {"left_on": dt.date(2026, 6, 30)}),
        "networks.Membership",
    )
    assert _texts(changes) == [("Austritt", None, "30.06.2026")]
    changes = _described(
        "networks.membership_added",
        field_changes(
            None,
            # Recorded in another order than the model's (as PostgreSQL may return it).
            {"joined_on": "2024-01-01", "role": "lead", "authority": membership.authority.ars},
        ),
        "networks.Membership",
    )
    assert _texts(changes) == [
        ("Mitglied", None, membership.authority.official_name),
        ("Rolle", None, "Federführung"),
        ("Beitritt", None, "01.01.2024"),
    ]


@pytest.mark.django_db
def test_lists_are_joined_and_pairs_of_lists_compared() -> None:
    merzenich = AuthorityFactory(ars="053580040040", name="Merzenich", kind="gemeinde")
    inden = AuthorityFactory(ars="053580020020", name="Inden", kind="gemeinde")
    changes = _described(
        "networks.project_group_created",
        {"members": [None, [merzenich.ars, inden.ars]]},
    )
    assert _texts(changes) == [("Mitglieder", None, "Gemeinde Merzenich, Gemeinde Inden")]
    changes = _described("networks.project_group_member_removed", {"members": [inden.ars, None]})
    assert _texts(changes) == [("Mitglieder", "Gemeinde Inden", "–")]
    # A plain list of two values is not a change.
    changes = _described("records.archived", {"files": ["632.1-2026/00001", "632.1-2026/00002"]})
    assert _texts(changes) == [("Akten (Aktenzeichen)", None, "632.1-2026/00001, 632.1-2026/00002")]


@pytest.mark.django_db
def test_nested_objects_read_as_labelled_parts() -> None:
    changes = _described(
        "authorities.register_imported",
        {
            "per_kind": {
                "gemeinde": {"dissolved": 1, "unchanged": 139, "updated": 2, "created": 0},
                "kreis": {"created": 8, "updated": 0, "unchanged": 0, "dissolved": 0},
            },
            "population": 3452974,
        },
    )
    # Fields in the app's order; the kinds in the order of AuthorityKind, the counts
    # in the order of their labels (whatever order the database keeps them in).
    assert _texts(changes) == [
        ("Einwohner insgesamt", None, "3.452.974"),
        (
            "nach Art",
            None,
            "Kreis (neu: 8); Gemeinde (geändert: 2, unverändert: 139, aufgelöst: 1)",
        ),
    ]
    changes = _described(
        "catalogue.adoption_created",
        {
            "fees": [
                None,
                [{"label": "Gebühr", "amount": "16.80"}, {"label": "Auslagen", "amount": "3"}],
            ]
        },
    )
    assert _texts(changes) == [("Gebühren", None, "Gebühr: 16,80 €, Auslagen: 3,00 €")]


@pytest.mark.django_db
def test_yes_no_and_unknown_fields() -> None:
    changes = _described(
        "integrations.api_client_callback_set",
        {"callback_url": ["", "https://fv.example/hook"], "new_secret": True, "extra": [1, 2, 3]},
        "integrations.ApiClient",
    )
    assert [(c.label, c.old, c.new, c.labelled) for c in changes] == [
        ("Callback-URL", Shown("–"), Shown("https://fv.example/hook"), True),
        ("neues Signaturgeheimnis", None, Shown("ja"), True),
        ("extra", None, Shown("1, 2, 3"), False),
    ]


@pytest.mark.django_db
def test_hashes_are_shortened_with_the_full_value_kept() -> None:
    changes = _described("form.save_draft", {"digest": SHA})
    assert changes == [
        Change("Prüfsumme der Formulardefinition", Shown("77056c22c09e…", full=SHA, digest=True))
    ]
    assert DIGEST.show("", {}) == Shown("–")
    # A digest in a field nobody labels is recognised by its form.
    assert _described("form.save_draft", {"other": SHA})[0].new.full == SHA


@pytest.mark.django_db
def test_an_entry_in_words() -> None:
    user = UserFactory(username="sb.merzenich", display_name="Anna Berg")
    authority = AuthorityFactory(name="Merzenich", kind="gemeinde")
    entry = audit_record(
        actor=user,
        action="case.assign",
        obj=authority,
        authority=authority,
        changes={"assignee": [None, user.pk]},
    )
    (row,) = describe_entries([AuditEntry.objects.select_related("actor").get(pk=entry.pk)])
    assert (row.action, row.labelled, row.actor, row.object) == (
        "Vorgang zugewiesen",
        True,
        "Anna Berg (sb.merzenich)",
        "Gebietskörperschaft: Merzenich",
    )
    assert row.chain_hash == Shown(f"{entry.entry_hash[:12]}…", full=entry.entry_hash, digest=True)
    # The case's assignee is named on a Case; on another object the field is unknown.
    assert [c.labelled for c in row.changes] == [False]


def test_actors_in_words() -> None:
    assert actor_text("system") == "System (automatisch)"
    assert actor_text("applicant") == "Antragsteller/in"
    assert actor_text("Fachverfahren „Bau“") == "Fachverfahren „Bau“"
    assert actor_text("sb.merzenich", "Anna Berg") == "Anna Berg (sb.merzenich)"
    assert actor_text("sb.merzenich", "sb.merzenich") == "sb.merzenich"


def test_formats_in_english() -> None:
    with translation.override("en"):
        assert AMOUNT.text("1234.5", {}) == "1,234.50 €"
        assert DATE.text("2026-03-01", {}) == "03/01/2026"
        assert Choice([("a", "Ä")]).text("b", {}) == "b"
    assert AMOUNT.text("1234.5", {}) == "1.234,50 €"
    assert AMOUNT.text("kein Betrag", {}) == "kein Betrag"
    assert DATE.text("kein Datum", {}) == "kein Datum"
    breakdown = Breakdown(Choice([("a", "A")]), Counts({"n": "neu"}))
    assert breakdown.text({"a": {"n": 0}}, {}) == "A (keine)"


@pytest.mark.django_db
def test_a_long_text_is_shortened_with_the_whole_text_kept() -> None:
    body = "Herausgeberin dieser Seiten ist die Gemeinde. " * 10
    changes = _described("portal.legal_page_saved", {"body": [None, body]}, "portal.LegalPage")
    (change,) = changes
    assert change.label == "Text"
    assert change.new == Shown(
        "Herausgeberin dieser Seiten ist die Gemeinde. " * 3 + "Herausgeberin dieser…", full=body
    )


def test_time_zone_of_datetimes() -> None:
    from verbund.core.audit_terms import DATETIME

    moment = dt.datetime(2026, 3, 1, 13, 5, tzinfo=dt.UTC)
    assert DATETIME.text(moment.isoformat(), {}) == "01.03.2026 14:05"
    assert timezone.get_current_timezone_name() == "Europe/Berlin"
