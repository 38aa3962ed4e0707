"""Every demo journey as a citizen walks it: what the service says you need is what the
form asks for, every input has a visible label, an upload page has one obvious action,
the start page counts the pages the journey really has, and no page links to an address
that can only fail (the demo's made-up ``*.invalid`` ones)."""

from __future__ import annotations

import datetime as dt
import itertools
import re
from collections.abc import Iterator
from html.parser import HTMLParser
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from verbund.catalogue.index import routing_index
from verbund.catalogue.templatetags.verbund_catalogue import list_items
from verbund.demo import catalogue
from verbund.demo.catalogue import SERVICES, DemoService
from verbund.demo.forms import FORMS
from verbund.formengine import engine

# A link to the reserved top-level domain .invalid (RFC 2606), in any attribute form.
INVALID_HREF = re.compile(r'href="[^"]*\.invalid(?:[/:"?#])', re.IGNORECASE)
PDF_BYTES = b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"


def _service(slug: str) -> DemoService:
    return next(s for s in SERVICES if s.slug == slug)


# --- "Das brauchen Sie" agrees with the form -------------------------------------------------


def document_name(item: str) -> str:
    """The thing an item of "Erforderliche Unterlagen" names: the item without a leading
    condition ("bei Verschrottung: ") and without a closing explanation in brackets."""
    _condition, colon, rest = item.partition(": ")
    name = rest if colon else item
    return name.split(" (", 1)[0].strip()


def asked_by(form: engine.Form, name: str) -> list[str]:
    """The questions of ``form`` that ask for ``name``: their label, or the title of the
    step that asks them, contains it (case aside)."""
    wanted = name.casefold()
    return [
        f.name
        for step in form.steps
        for f in step.fields
        if wanted in f.label.casefold() or wanted in step.title.casefold()
    ]


@pytest.mark.parametrize("slug", sorted(FORMS))
def test_each_listed_document_is_asked_for_by_the_form(slug: str) -> None:
    """The rule: every item of the service's "Erforderliche Unterlagen" (shown as "Das
    brauchen Sie" before starting) names something a question of the form asks for (a file
    to upload, or a code or number from the document); and every upload the form asks for
    is such an item. What only the counter needs (an ID card shown in person) belongs to
    the Verfahrensablauf, not to this list."""
    form = engine.compile_form(FORMS[slug])
    items = list_items(_service(slug).sections["unterlagen"])
    assert items, slug
    for item in items:
        assert asked_by(form, document_name(item)), f"{slug}: nothing asks for {item!r}"
    listed = {document_name(item).casefold() for item in items}
    for f in form.file_fields():
        assert document_name(f.label).casefold() in listed, f"{slug}: {f.label!r} is not listed"


def test_the_rule_catches_what_the_demo_had_wrong() -> None:
    reit = engine.compile_form(FORMS["reitkennzeichen-nrw"])
    assert asked_by(reit, document_name("Nachweis der Tierhalter-Haftpflichtversicherung")) == [
        "versicherung"
    ]
    assert asked_by(reit, document_name("Personalausweis oder Reisepass")) == []
    fahrzeug = engine.compile_form(FORMS["fahrzeug-ausser-betrieb-setzen"])
    assert asked_by(fahrzeug, document_name("Kennzeichenschilder (beide)")) == [
        "plakette_vorne",
        "plakette_hinten",
    ]
    assert document_name("bei Verschrottung: Verwertungsnachweis") == "Verwertungsnachweis"
    assert asked_by(fahrzeug, "Verwertungsnachweis") == ["verwertungsnachweis"]


@pytest.mark.parametrize("slug", sorted(FORMS))
def test_no_question_says_optional_itself(slug: str) -> None:
    # The page adds "– optional" to a question that is not required: once is enough.
    for step in engine.compile_form(FORMS[slug]).steps:
        for f in step.fields:
            assert not re.search(r"freiwillig|optional", f.label, re.IGNORECASE), f.label


# --- walking every step of every demo form ---------------------------------------------------


class Controls(HTMLParser):
    """The form controls of a page and the visible labels that name them."""

    VOID = frozenset({"input", "br", "img", "meta", "link", "hr", "source", "wbr"})

    def __init__(self) -> None:
        super().__init__()
        self.controls: list[dict[str, str]] = []
        self.labels: dict[str, list[str]] = {}  # for -> visible texts
        self.legends: list[str] = []  # visible texts of the fieldsets' legends
        self._hidden: list[tuple[str, bool]] = []  # open elements: (tag, hidden)
        self._label: tuple[str, bool, list[str]] | None = None

    @staticmethod
    def _hides(attrs: dict[str, str]) -> bool:
        classes = attrs.get("class", "").split()
        return (
            "kern-sr-only" in classes
            or "hidden" in attrs
            or attrs.get("aria-hidden") == "true"
            or "display:none" in attrs.get("style", "").replace(" ", "")
        )

    def _inside_hidden(self) -> bool:
        return any(hidden for _tag, hidden in self._hidden)

    def handle_starttag(self, tag: str, attrs_list: list[tuple[str, str | None]]) -> None:
        attrs = {k: v or "" for k, v in attrs_list}
        hidden = self._hides(attrs) or self._inside_hidden()
        skipped = ("hidden", "submit", "button", "reset", "image")
        if tag in ("select", "textarea") or (
            tag == "input" and attrs.get("type", "text") not in skipped
        ):
            self.controls.append(attrs)
        if tag in ("label", "legend"):
            self._label = (attrs.get("for", "") if tag == "label" else "", hidden, [])
        if tag not in self.VOID:
            self._hidden.append((tag, hidden))

    def handle_endtag(self, tag: str) -> None:
        if tag in ("label", "legend") and self._label is not None:
            target, hidden, texts = self._label
            text = " ".join("".join(texts).split())
            if tag == "legend" and not hidden and text:
                self.legends.append(text)
            elif target and not hidden and text:
                self.labels.setdefault(target, []).append(text)
            self._label = None
        while self._hidden:
            if self._hidden.pop()[0] == tag:
                break

    def handle_data(self, data: str) -> None:
        if self._label is not None and not self._inside_hidden():
            self._label[2].append(data)


_GROUPED = (
    engine.Kind.DATE,
    engine.Kind.ADDRESS,
    engine.Kind.CHOICE,
    engine.Kind.MULTICHOICE,
    engine.Kind.YESNO,
)


def unlabelled(page: str, questions: list[engine.Field]) -> list[str]:
    """The controls of ``page`` without a visible ``<label for=…>`` that names them, and
    the questions whose own label (the builder's ``title``) is nowhere visible: not in the
    label of its input, nor in the legend of its group."""
    parser = Controls()
    parser.feed(page)
    assert parser.controls, "a step without any input"
    missing = [
        c.get("id") or c.get("name", "?")
        for c in parser.controls
        if not c.get("id") or not parser.labels.get(c["id"])
    ]
    for f in questions:
        shown = parser.legends if f.kind in _GROUPED else parser.labels.get(f"f-{f.name}", [])
        if not any(f.label in text for text in shown):
            missing.append(f"{f.name} ({f.label!r})")
    return missing


def _raw(f: engine.Field, choice: Any) -> dict[str, Any]:
    """A valid answer to ``f`` as the browser posts it."""
    name, kind = f.name, f.kind
    if kind is engine.Kind.YESNO:
        return {name: "nein" if choice is False else "ja"}
    if kind is engine.Kind.CHOICE:
        return {name: str(f.choices[0].value if choice is None else choice)}
    if kind is engine.Kind.MULTICHOICE:
        return {name: [str(f.choices[0].value)]}
    if kind is engine.Kind.DATE:
        year = dt.date.today().year + 1 if f.date_rule == "future" else 2000
        return {f"{name}-tag": "1", f"{name}-monat": "6", f"{name}-jahr": str(year)}
    if kind is engine.Kind.ADDRESS:
        parts = {"strasse": "Hauptstraße", "hausnummer": "1", "plz": "52399", "ort": "Merzenich"}
        return {f"{name}-{part}": value for part, value in parts.items()}
    if kind is engine.Kind.FILE:
        return {name: SimpleUploadedFile(f"{name}.pdf", PDF_BYTES, "application/pdf")}
    fixed = {
        engine.Kind.NUMBER: str(f.schema.get("minimum", 1)),
        engine.Kind.MONEY: "100,00",
        engine.Kind.EMAIL: "test@example.org",
        engine.Kind.PHONE: "02421 12345",
        engine.Kind.IBAN: "DE02120300000000202051",
        engine.Kind.POSTCODE: "52399",
    }
    if kind in fixed:
        return {name: fixed[kind]}
    examples = f.schema.get("examples") or ["Beispiel"]
    return {name: str(examples[0])}


def _branches(form: engine.Form) -> Iterator[dict[str, Any]]:
    """Every combination of answers to the choices the conditions look at."""
    looked_at = {
        name
        for condition in [s.when for s in form.steps]
        + [f.when for s in form.steps for f in s.fields]
        if condition
        for name in condition.get("properties", {})
    }
    finite = {
        name: [True, False]
        if form.fields_by_name[name].kind is engine.Kind.YESNO
        else [c.value for c in form.fields_by_name[name].choices]
        for name in sorted(looked_at)
    }
    for values in itertools.product(*finite.values()):
        yield dict(zip(finite, values, strict=True))


def _place_offering(slug: str) -> str:
    """A Gemeinde where the demo offers the service online on this platform."""
    index = routing_index()
    service = index.service(slug)
    assert service is not None
    for adoption in _service(slug).adoptions:
        if not adoption.online:
            continue
        places = index.places_in(adoption.authority)
        for place in places:
            resolution = index.resolve(service, place)
            if resolution.adoption is not None and resolution.adoption.online:
                return place.ars
    raise AssertionError(f"{slug} is offered online nowhere")


def _page(client: Client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return str(response.content.decode())


def _no_dead_links(page: str, url: str) -> None:
    assert not INVALID_HREF.search(page), f"{url} links to .invalid: {INVALID_HREF.search(page)}"


@pytest.mark.django_db
def test_every_step_of_every_demo_form_as_a_citizen_sees_it(
    client: Client, demo_loaded: str
) -> None:
    for slug, definition in sorted(FORMS.items()):
        form = engine.compile_form(definition)
        key = routing_index().service(slug).key  # type: ignore[union-attr]
        ars = _place_offering(slug)
        for url in (f"/leistungen/ort/{ars}/", f"/leistungen/{key}/?ars={ars}"):
            _no_dead_links(_page(client, url), url)
        start_url = f"/antrag/neu/{key}/?ort={ars}"
        start_page = _page(client, start_url)
        _no_dead_links(start_page, start_url)
        pages = engine.page_count(form)
        totals: set[int] = set()
        for number, branch in enumerate(_branches(form)):
            response = client.post(start_url)
            assert response.status_code == 302
            url = str(response["Location"])
            while not url.endswith("/pruefen/"):
                page = _page(client, url)
                where = f"{slug} {url} {branch}"
                step = form.step(url.rstrip("/").rsplit("/", 1)[1])
                assert step is not None, where
                _no_dead_links(page, where)
                visible = form.visible_fields(step, branch)
                assert unlabelled(page, visible) == [], where
                optional = [f for f in visible if not f.required]
                assert page.count("kern-label__optional") == len(optional), where
                assert "(freiwillig)" not in page, where
                found = re.search(r"Schritt \d+ von (\d+)", page)
                assert found is not None, where
                totals.add(int(found.group(1)))
                if any(f.kind is engine.Kind.FILE for f in visible):
                    assert page.count("kern-btn--primary") == 1, where
                    assert "Datei hochladen" not in page, where
                data: dict[str, Any] = {}
                for f in visible:
                    data.update(_raw(f, branch.get(f.name)))
                response = client.post(url, data)
                assert response.status_code == 302, (where, response.content.decode()[-3000:])
                url = str(response["Location"])
            check = _page(client, url)
            _no_dead_links(check, url)
            if number == 0:
                response = client.post(url)
                assert response.status_code == 302
                confirmation = _page(client, str(response["Location"]))
                _no_dead_links(confirmation, response["Location"])
                status_url = re.search(r'href="(/status/[^"]+/)"', confirmation)
                assert status_url is not None
                _no_dead_links(_page(client, status_url.group(1)), status_url.group(1))
        # The start page promised what the journey showed.
        assert (min(totals), max(totals)) == (pages.fewest, pages.most), slug
        if pages.fewest == pages.most:
            assert f"Der Antrag hat {pages.most} Schritte." in start_page, slug
        else:
            promise = (
                f"Der Antrag hat je nach Ihren Angaben {pages.fewest} bis {pages.most} Schritte."
            )
            assert promise in start_page, slug


@pytest.mark.django_db
def test_no_page_of_the_demo_catalogue_links_to_an_invalid_address(
    client: Client, demo_loaded: str
) -> None:
    index = routing_index()
    # One Gemeinde in the area of every adopter: its place page and each service's page
    # with the authority responsible there.
    urls = ["/", "/leistungen/", "/impressum/", "/datenschutz/", "/barrierefreiheit/"]
    places: set[str] = set()
    for service in SERVICES:
        key = service.leika_key or service.slug
        urls.append(f"/leistungen/{key}/")
        for adoption in service.adoptions:
            ars = index.places_in(adoption.authority)[0].ars
            places.add(ars)
            urls.append(f"/leistungen/{key}/?ars={ars}")
    assert len(places) > 10
    for ars in sorted(places):
        urls += [f"/leistungen/ort/{ars}/", f"/orte/{ars}/"]
    for authority in sorted({a.authority for s in SERVICES for a in s.adoptions}):
        for kind in ("impressum", "datenschutz", "barrierefreiheit"):
            if client.get(f"/orte/{authority}/{kind}/").status_code == 200:
                urls.append(f"/orte/{authority}/{kind}/")
    offered_online = 0
    for url in urls:
        page = _page(client, url)
        _no_dead_links(page, url)
        offered_online += page.count('href="/antrag/neu/')
    # The demo's own forms are still offered.
    assert offered_online > 0
    # The demo does keep made-up addresses; they are shown, never linked.
    assert any(".invalid" in s.online_url for s in catalogue.SERVICES)
