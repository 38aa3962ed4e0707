"""Regular expressions written by service builders, matched by RE2 in linear time.

A builder's ``pattern`` (docs/forms.md) is matched against whatever a citizen
types. Python's ``re`` backtracks, so a pattern such as ``^(a+)+$`` takes time
exponential in the input: one anonymous POST of 26 characters held a worker for
seconds. RE2 matches in time linear in the input and has none of the constructs
that need backtracking (backreferences, lookahead, lookbehind); it refuses them
when compiling, and so does publication (:func:`refusal`).

This module is the one place where a builder's pattern is compiled or matched:
the engine's JSON Schema validators are :data:`Draft202012RE2Validator`, whose
``pattern`` keyword calls :func:`search`, and schemas are checked with
:data:`SCHEMA_FORMATS`, which leaves the ``regex`` format (a Python ``re``
compile) to RE2. ``patternProperties`` is not supported: jsonschema matches its
keys with ``re`` inside three keywords, so the engine refuses it at publication
and never evaluates a schema that contains it (:func:`has_pattern_properties`).
"""

from __future__ import annotations

import logging
import string
from collections.abc import Iterator
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache
from typing import Any

import re2
from jsonschema import Draft202012Validator, FormatChecker, validators
from jsonschema.exceptions import ValidationError

logger = logging.getLogger(__name__)

# Generous for identifiers such as file numbers, plates or IBANs; a longer pattern
# is almost certainly a mistake, and RE2's program (and memory) grows with it.
MAX_PATTERN_LENGTH = 1000

_OPTIONS = re2.Options()
# A refused pattern is reported to the builder; RE2 would also print it to stderr.
_OPTIONS.log_errors = False
# Only whether a pattern matches counts. Without groups RE2 stays on its DFA instead
# of running the slower NFA over the match to report each group's span.
_OPTIONS.never_capture = True
# Memory for one compiled pattern (program and DFA cache); RE2's default is 8 MiB.
_OPTIONS.max_mem = 4 << 20


class Problem(StrEnum):
    """Why a pattern cannot be used."""

    TOO_LONG = "too_long"
    BACKREFERENCE = "backreference"
    LOOKAROUND = "lookaround"
    TOO_LARGE = "too_large"
    INVALID = "invalid"


@dataclass(frozen=True)
class Refusal:
    problem: Problem
    # The construct at fault (``\\1``, ``(?=``), the length, or RE2's own words.
    detail: str


@dataclass(frozen=True)
class _Compiled:
    regexp: Any  # re2's compiled pattern; None when refused
    refusal: Refusal | None


def to_re2(pattern: str) -> str:
    """The pattern in RE2's syntax: ECMA-262's ``\\uXXXX`` becomes ``\\x{XXXX}``.

    JSON Schema patterns follow ECMA-262, which writes a code point as ``\\uXXXX``;
    RE2 writes ``\\x{XXXX}``. Everything else is passed on unchanged. A backslash
    escapes exactly the next character, in a character class or not, so one pass
    from the left sees every escape.
    """
    out: list[str] = []
    index = 0
    while index < len(pattern):
        char = pattern[index]
        if char != "\\":
            out.append(char)
            index += 1
            continue
        code = pattern[index + 2 : index + 6]
        if (
            pattern[index + 1 : index + 2] == "u"
            and len(code) == 4
            and all(c in string.hexdigits for c in code)
        ):
            out.append("\\x{" + code + "}")
            index += 6
        else:
            out.append(pattern[index : index + 2])
            index += 2
    return "".join(out)


_LOOKAROUND = ("(?=", "(?!", "(?<=", "(?<!")


def _refusal_of(message: str, pattern: str) -> Refusal:
    """RE2's compile error as a :class:`Refusal`."""
    what, _sep, construct = message.partition(": ")
    if what == "invalid escape sequence" and (
        construct[1:2].isdigit() or construct.startswith("\\k")
    ):
        return Refusal(Problem.BACKREFERENCE, construct)
    if what == "invalid perl operator" and construct == "(?P" and "(?P=" in pattern:
        # Python's named backreference; RE2 names only the prefix it stopped at.
        return Refusal(Problem.BACKREFERENCE, "(?P=")
    if what == "invalid perl operator" and construct in _LOOKAROUND:
        return Refusal(Problem.LOOKAROUND, construct)
    if what in ("pattern too large - compile failed", "invalid repetition size"):
        return Refusal(Problem.TOO_LARGE, message)
    return Refusal(Problem.INVALID, message)


@lru_cache(maxsize=256)
def _compile(pattern: str) -> _Compiled:
    if len(pattern) > MAX_PATTERN_LENGTH:
        return _Compiled(None, Refusal(Problem.TOO_LONG, str(len(pattern))))
    try:
        return _Compiled(re2.compile(to_re2(pattern), _OPTIONS), None)
    except re2.error as error:
        message = error.args[0] if error.args else ""
        if isinstance(message, bytes):
            message = message.decode("utf-8", "replace")
        return _Compiled(None, _refusal_of(str(message), pattern))


def refusal(pattern: str) -> Refusal | None:
    """Why RE2 cannot match this pattern (or it is too long); None when it can."""
    return _compile(pattern).refusal


@lru_cache(maxsize=256)
def _warn_refused(pattern: str) -> None:
    # Once per pattern: a version published before patterns were checked.
    logger.warning(
        "A published form uses a pattern RE2 refuses; no answer matches it: %r", pattern[:200]
    )


def search(pattern: str, text: str) -> bool:
    """Whether the pattern matches somewhere in ``text`` (not anchored, as in JSON Schema).

    Time is linear in the length of ``text``. A pattern RE2 refuses matches
    nothing: publication refuses such patterns, and a version published before
    that rule fails closed instead of reaching Python's ``re``.
    """
    compiled = _compile(pattern)
    if compiled.regexp is None:
        _warn_refused(pattern)
        return False
    # Bytes spare the wrapper its mapping of byte offsets back to characters; a
    # lone surrogate (never sent by a browser) cannot be encoded otherwise.
    return compiled.regexp.search(text.encode("utf-8", "surrogatepass")) is not None


def _pattern_keyword(
    validator: Any, pattern: Any, instance: Any, schema: Any
) -> Iterator[ValidationError]:
    if validator.is_type(instance, "string") and not (
        isinstance(pattern, str) and search(pattern, instance)
    ):
        yield ValidationError(f"does not match {pattern!r}")


# Draft 2020-12 with the ``pattern`` keyword matched by RE2.
Draft202012RE2Validator: Any = validators.extend(
    Draft202012Validator, validators={"pattern": _pattern_keyword}
)

# The formats that checking a schema against the draft 2020-12 meta-schema asserts,
# except ``regex``: that one compiles each pattern with Python's ``re``, and the
# engine judges patterns with RE2 instead (with a message for the builder).
SCHEMA_FORMATS = FormatChecker(
    [name for name in Draft202012Validator.FORMAT_CHECKER.checkers if name != "regex"]
)


def has_pattern_properties(schema: Any) -> bool:
    """Whether a non-empty ``patternProperties`` appears anywhere inside ``schema``."""
    stack = [schema]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            if node.get("patternProperties"):
                return True
            stack.extend(node.values())
        elif isinstance(node, list):
            stack.extend(node)
    return False
