"""KPI formulas: arithmetic over a ring's base figures.

A formula is parsed with Python's ``ast`` and only a small subset is accepted:
numbers, figure keys, ``+ - * /``, unary minus and parentheses. Everything else
(calls, attributes, powers, comparisons, names that are no figure of the ring) is
refused with a German message, so a formula can never run code. Evaluation is in
``Decimal``; a division by zero for one participant makes that participant's result
missing (:class:`Undefined`), it does not stop the others.
"""

from __future__ import annotations

import ast
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from decimal import Decimal, DivisionByZero, InvalidOperation

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

MAX_LENGTH = 500
MAX_NODES = 200


class Undefined(Exception):
    """The formula has no value for these figures (a division by zero, a missing
    figure); ``reason`` is a German note for the page."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


_OPERATORS = (ast.Add, ast.Sub, ast.Mult, ast.Div)


@dataclass(frozen=True)
class Formula:
    text: str
    tree: ast.expr
    names: frozenset[str]

    def evaluate(self, values: Mapping[str, Decimal]) -> Decimal:
        """The formula's value; :class:`Undefined` when a figure is missing or a
        divisor is zero."""
        return _evaluate(self.tree, values)


def _refuse(message: str) -> ValidationError:
    return ValidationError({"formula": [message]})


def parse(text: str, known: Collection[str]) -> Formula:
    """Check ``text`` against the figure keys ``known``; a ``ValidationError`` on the
    field ``formula`` names what is wrong."""
    text = text.strip()
    if not text:
        raise _refuse(_("Formel: Bitte geben Sie eine Formel an."))
    if len(text) > MAX_LENGTH:
        raise _refuse(_("Formel: Die Formel ist zu lang (höchstens 500 Zeichen)."))
    try:
        tree = ast.parse(text, mode="eval").body
    except SyntaxError:
        raise _refuse(
            _("Formel: „%(formula)s“ ist keine gültige Formel.") % {"formula": text}
        ) from None
    names: set[str] = set()
    count = 0
    for node in ast.walk(tree):
        count += 1
        if isinstance(node, ast.BinOp):
            if not isinstance(node.op, _OPERATORS):
                raise _refuse(_("Formel: Erlaubt sind nur +, −, × (*), ÷ (/) und Klammern."))
        elif isinstance(node, ast.UnaryOp):
            if not isinstance(node.op, ast.USub | ast.UAdd):
                raise _refuse(_("Formel: Erlaubt sind nur +, −, × (*), ÷ (/) und Klammern."))
        elif isinstance(node, ast.Constant):
            if isinstance(node.value, bool) or not isinstance(node.value, int | float):
                raise _refuse(_("Formel: Nur Zahlen und Kürzel von Grundzahlen sind erlaubt."))
        elif isinstance(node, ast.Name):
            names.add(node.id)
        elif isinstance(node, ast.Load | ast.operator | ast.unaryop):
            continue
        else:
            raise _refuse(
                _(
                    "Formel: Erlaubt sind nur Zahlen, Kürzel von Grundzahlen, +, −, ×, ÷ "
                    "und Klammern."
                )
            )
    if count > MAX_NODES:
        raise _refuse(_("Formel: Die Formel ist zu lang (höchstens 500 Zeichen)."))
    unknown = sorted(names - set(known))
    if unknown:
        raise _refuse(
            _("Formel: Unbekannte Grundzahl „%(names)s“. Vorhanden: %(known)s.")
            % {"names": "“, „".join(unknown), "known": ", ".join(sorted(known)) or "–"}
        )
    if not names:
        raise _refuse(_("Formel: Die Formel muss mindestens eine Grundzahl verwenden."))
    for node in ast.walk(tree):
        if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Div) and _is_zero(node.right):
            raise _refuse(_("Formel: Die Formel teilt durch null."))
    return Formula(text, tree, frozenset(names))


def _is_zero(node: ast.expr) -> bool:
    """Whether ``node`` is a constant expression equal to zero (``0``, ``(1 - 1)``)."""
    if any(isinstance(sub, ast.Name) for sub in ast.walk(node)):
        return False
    try:
        return _evaluate(node, {}) == 0
    except Undefined:
        return True


def _number(value: object) -> Decimal:
    # A float literal is read from its text form: 0.1 is one tenth, not its binary cousin.
    return Decimal(str(value))


def _evaluate(node: ast.expr, values: Mapping[str, Decimal]) -> Decimal:
    if isinstance(node, ast.Constant):
        return _number(node.value)
    if isinstance(node, ast.Name):
        try:
            return values[node.id]
        except KeyError:
            raise Undefined(_("Grundzahl „%(key)s“ fehlt") % {"key": node.id}) from None
    if isinstance(node, ast.UnaryOp):
        operand = _evaluate(node.operand, values)
        return -operand if isinstance(node.op, ast.USub) else operand
    if isinstance(node, ast.BinOp):
        left = _evaluate(node.left, values)
        right = _evaluate(node.right, values)
        if isinstance(node.op, ast.Add):
            return left + right
        if isinstance(node.op, ast.Sub):
            return left - right
        if isinstance(node.op, ast.Mult):
            return left * right
        if right == 0:
            raise Undefined(_("Division durch null"))
        try:
            return left / right
        except (DivisionByZero, InvalidOperation):  # pragma: no cover - guarded above
            raise Undefined(_("Division durch null")) from None
    raise Undefined(_("ungültige Formel"))  # pragma: no cover - parse() refuses it
