"""Reads of the authority register (public reference data, not tenant-owned)."""

from __future__ import annotations

from django.db.models import Case, IntegerField, Q, QuerySet, Value, When
from django.db.models.functions import Coalesce

from verbund.authorities.folding import fold
from verbund.authorities.models import VERBANDSFREI_PLACEHOLDER, Authority

# How a hit ranks (lower first): the whole name, the beginning of the name,
# the beginning of a later word ("main" → "Frankfurt am Main"), a postcode or key.
RANK_EXACT, RANK_PREFIX, RANK_WORD, RANK_CODE = 0, 1, 2, 3
_WORD_SEPARATORS = (" ", "-", "(", "/")


def place_search(
    *,
    q: str | None = None,
    kind: str | None = None,
    ars: str | None = None,
    postcode: str | None = None,
    include_dissolved: bool = False,
) -> QuerySet[Authority]:
    """Authorities matching all given criteria, best matches first.

    ``q`` is a name prefix (case-, accent- and umlaut-insensitive, also at the
    start of a later word), or, when it consists of digits, a postcode or key
    prefix. ``ars`` and ``postcode`` are prefixes of the key and of the postcode;
    ``kind`` is an :class:`~verbund.authorities.models.AuthorityKind` value.
    Callers validate the inputs; this function trusts them.
    """
    places = Authority.objects.select_related("parent")
    if not include_dissolved:
        places = places.filter(dissolved_on__isnull=True)
    if kind:
        places = places.filter(kind=kind)
    else:
        # The "verbandsfrei" rows only mirror a Gemeinde of the same name.
        places = places.exclude(textkennzeichen=VERBANDSFREI_PLACEHOLDER)
    if ars:
        places = places.filter(ars__startswith=ars)
    if postcode:
        places = places.filter(postcode__startswith=postcode)

    term = (q or "").strip()
    if not term:
        return places.order_by("ars")
    if term.isdigit():
        return (
            places.filter(Q(postcode__startswith=term) | Q(ars__startswith=term))
            .annotate(rank=Value(RANK_CODE, output_field=IntegerField()))
            .order_by(Coalesce("population", 0).desc(), "ars")
        )

    folded = fold(term)
    word_start = Q()
    for separator in _WORD_SEPARATORS:
        word_start |= Q(search_name__contains=separator + folded)
    rank = Case(
        When(Q(search_name=folded) | Q(search_name__startswith=folded + ","), then=RANK_EXACT),
        When(search_name__startswith=folded, then=RANK_PREFIX),
        default=Value(RANK_WORD),
        output_field=IntegerField(),
    )
    return (
        places.filter(Q(search_name__startswith=folded) | word_start)
        .annotate(rank=rank)
        .order_by("rank", Coalesce("population", 0).desc(), "search_name", "ars")
    )


def authority_by_key(key: str) -> Authority | None:
    """The authority with this significant key, or with this 12-digit ARS padded by zeros."""
    key = key.strip()
    found = Authority.objects.select_related("parent").filter(ars=key).first()
    if found is None and len(key) == 12:
        significant = key.rstrip("0")
        for length in (2, 3, 4, 5, 9):
            if len(significant) <= length:
                found = Authority.objects.select_related("parent").filter(ars=key[:length]).first()
                if found is not None:
                    break
    return found


def parent_chain(authority: Authority) -> list[Authority]:
    """The authority's ancestors, from the Land down to its direct parent."""
    chain: list[Authority] = []
    current = authority.parent
    while current is not None:
        chain.append(current)
        current = current.parent
    chain.reverse()
    return chain
