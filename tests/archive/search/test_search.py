"""The full-text search: terms, access inside the query, ranking, pages, reindexing."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command

from tests.archive.search.conftest import World, make_page
from verbund.archive.models import AccessLevel, Page, Unit
from verbund.archive.search.analysis import query_terms, terms
from verbund.archive.search.models import PageIndex
from verbund.archive.search.selectors import page_search
from verbund.archive.search.services import archive_reindex, page_index

PUBLIC_TEXT = "Die Protokolle der Sitzung des Gemeinderaths vom 3. März 1887 über den Schulbau."
MEMBERS_TEXT = "Protokoll der Sitzung des Bauausschusses 1950: Straßenbau und Kanalisation."
OWN_TEXT = "Personalakte Geheimrat Müller, Protokoll der Anhörung, Kanalisation."


def _found(
    world: World, user: object, q: str, *, public_only: bool = False
) -> tuple[int, set[str]]:
    result = page_search(user=user, q=q, public_only=public_only)
    return result.count, {hit.unit.reference_code for hit in result.hits}


@pytest.fixture
def pages(world: World) -> World:
    make_page(world.public, 1, PUBLIC_TEXT)
    make_page(world.members, 1, MEMBERS_TEXT)
    make_page(world.own, 1, OWN_TEXT)
    return world


def test_terms_are_folded_and_stemmed() -> None:
    assert terms("Die Protokolle") == ["protokoll"]
    assert terms("Protokoll") == ["protokoll"]
    # Long s, the old umlaut (e above), ß and case all fold away; stop words go.
    assert terms("Siſzung aͤrztlich Straße GEMEINDE und der") == [
        "siszung",
        "arztlich",
        "strass",
        "gemeind",
    ]
    assert query_terms("der und die") == []


def test_stemming_finds_plural_and_singular(pages: World) -> None:
    assert _found(pages, None, "Protokoll", public_only=True) == (1, {"1"})
    assert _found(pages, None, "Protokolle", public_only=True) == (1, {"1"})
    assert _found(pages, None, "PROTOKOLLEN sitzungen", public_only=True) == (1, {"1"})
    assert _found(pages, None, "Sitzung Straßenbau", public_only=True) == (0, set())


def test_access_is_applied_inside_the_query(pages: World) -> None:
    # "Protokoll" is on all three pages; each user counts only what they may see.
    assert _found(pages, None, "Protokoll", public_only=True) == (1, {"1"})
    assert _found(pages, pages.outsider_staff, "Protokoll") == (1, {"1"})
    assert _found(pages, pages.fellow_staff, "Protokoll") == (2, {"1", "2"})
    assert _found(pages, pages.own_staff, "Protokoll") == (3, {"1", "2", "3"})
    # The public search covers public units only, also for the archive's own staff.
    assert _found(pages, pages.own_staff, "Protokoll", public_only=True) == (1, {"1"})
    # A word only on a members or own page is not found (not even counted) outside.
    assert _found(pages, None, "Kanalisation", public_only=True) == (0, set())
    assert _found(pages, pages.outsider_staff, "Kanalisation") == (0, set())
    assert _found(pages, pages.fellow_staff, "Kanalisation") == (1, {"2"})
    assert _found(pages, pages.fellow_staff, "Geheimrat") == (0, set())
    assert _found(pages, pages.own_staff, "Geheimrat") == (1, {"3"})


def test_snippets_show_only_visible_text_with_marks(pages: World) -> None:
    result = page_search(user=pages.outsider_staff, q="Protokoll Sitzung", public_only=False)
    assert [str(hit.snippet) for hit in result.hits] == [
        "Die <mark>Protokolle</mark> der <mark>Sitzung</mark> des Gemeinderaths vom 3. März "
        "1887 über den Schulbau."
    ]


def test_a_changed_access_changes_the_hits_at_once(pages: World) -> None:
    Unit.objects.filter(pk=pages.members.pk).update(access=AccessLevel.PUBLIC)
    assert _found(pages, None, "Kanalisation", public_only=True) == (1, {"2"})


def test_ranking_and_pages(world: World) -> None:
    for position in range(1, 26):
        make_page(world.public, position, "Wahl " + "Haushalt " * (1 if position != 7 else 9))
    first = page_search(user=None, q="Haushalt", public_only=True, page_size=10)
    assert (first.count, first.number, first.last, len(first.hits)) == (25, 1, 3, 10)
    # The page that says it nine times ranks first.
    assert first.hits[0].page.position == 7
    third = page_search(user=None, q="Haushalt", number=3, public_only=True, page_size=10)
    assert [h.page.position for h in third.hits] == sorted(h.page.position for h in third.hits)
    assert len(third.hits) == 5
    seen = {
        h.page.pk
        for n in (1, 2, 3)
        for h in page_search(user=None, q="Haushalt", number=n, public_only=True, page_size=10).hits
    }
    assert len(seen) == 25


def test_reindex_after_the_text_changes(world: World) -> None:
    page = make_page(world.public, 1, "Protokoll der Sitzung, Gemeinderaht")
    assert _found(world, None, "Gemeinderat", public_only=True) == (0, set())
    page.text = "Protokoll der Sitzung, Gemeinderat"
    page.save(update_fields=["text"])
    page_index(page)
    assert _found(world, None, "Gemeinderat", public_only=True) == (1, {"1"})
    assert _found(world, None, "Gemeinderaht", public_only=True) == (0, set())
    page.text = ""
    page.save(update_fields=["text"])
    page_index(page)
    assert PageIndex.objects.count() == 0
    assert _found(world, None, "Protokoll", public_only=True) == (0, set())


def test_deleting_a_page_drops_it_from_the_index(pages: World) -> None:
    Page.objects.filter(unit=pages.public).delete()
    assert _found(pages, None, "Protokoll", public_only=True) == (0, set())
    assert _found(pages, pages.own_staff, "Protokoll") == (2, {"2", "3"})


def test_archive_reindex_rebuilds_from_the_pages(pages: World) -> None:
    # Text written without the service (an import, a restore): not found until reindexed.
    Page.objects.filter(unit=pages.public).update(text="Feuerwehrhaus am Markt")
    PageIndex.objects.filter(page__unit=pages.members).delete()
    assert _found(pages, pages.own_staff, "Feuerwehrhaus") == (0, set())
    assert archive_reindex() == 3
    assert _found(pages, pages.own_staff, "Feuerwehrhaus") == (1, {"1"})
    assert _found(pages, pages.own_staff, "Protokoll") == (2, {"2", "3"})
    out = StringIO()
    call_command("archive_reindex", "--authority", pages.kreis.ars, stdout=out)
    assert out.getvalue().startswith("3 pages indexed")
    assert PageIndex.objects.count() == 3


def test_more_hits_than_the_cap_are_listed_in_page_order(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The cap lowered from 1,000 to 5: 8 public pages with the word, 3 members pages.
    monkeypatch.setattr("verbund.archive.search.index.CAP", 5)
    public = [make_page(world.public, n, "Haushalt " * (9 - n)) for n in range(1, 9)]
    hidden = [make_page(world.members, n, "Haushalt Haushalt Haushalt") for n in range(1, 4)]
    first = page_search(user=None, q="Haushalt", public_only=True, page_size=2)
    assert (first.count, first.capped, first.number, first.last) == (5, True, 1, 3)
    # Not by relevance but by page id: the first five of the pages the visitor may see.
    listed = [
        hit.page.pk
        for n in (1, 2, 3)
        for hit in page_search(
            user=None, q="Haushalt", number=n, public_only=True, page_size=2
        ).hits
    ]
    assert listed == [page.pk for page in public[:5]]
    assert not {page.pk for page in hidden} & set(listed)
    # Exactly the cap: still counted exactly and ranked (the page saying it most first).
    monkeypatch.setattr("verbund.archive.search.index.CAP", 8)
    ranked = page_search(user=None, q="Haushalt", public_only=True, page_size=3)
    assert (ranked.count, ranked.capped) == (8, False)
    assert [hit.page.pk for hit in ranked.hits] == [page.pk for page in public[:3]]
    # The fellow sees the members pages too: more than the cap for them.
    fellow = page_search(user=world.fellow_staff, q="Haushalt", public_only=False, page_size=3)
    assert (fellow.count, fellow.capped) == (8, True)
    assert [hit.page.pk for hit in fellow.hits] == [page.pk for page in public[:3]]
    # An outsider sees the 8 public pages only: not capped.
    outsider = page_search(user=world.outsider_staff, q="Haushalt", public_only=False)
    assert (outsider.count, outsider.capped) == (8, False)
    assert {hit.page.pk for hit in outsider.hits} == {page.pk for page in public}
