"""The demo archive: loaded through the services, recognised, one line corrected, found
by the public search; members units only for the Kreis Düren network."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from verbund.accounts.models import User
from verbund.archive.models import LineCorrection, OcrStatus, Page, Unit
from verbund.archive.search.selectors import page_search
from verbund.demo.archive import ARCHIVE_NAME, fraktur_pages, load_archive
from verbund.networks.models import Network

pytestmark = pytest.mark.django_db(transaction=False)


def _codes(user: object, q: str, *, public_only: bool) -> set[str]:
    result = page_search(user=user, q=q, public_only=public_only)
    return {hit.unit.reference_code for hit in result.hits}


def test_demo_archive() -> None:
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    networks = {n.slug: n for n in Network.objects.all()}
    load_archive(networks)
    units = Unit.objects.filter(fonds__archive__name=ARCHIVE_NAME).order_by("reference_code")
    assert [(u.reference_code, u.access) for u in units] == [
        ("GRP 1", "public"),
        ("GRP 2", "public"),
        ("GRP 3", "members"),
    ]
    pages = Page.objects.filter(unit__in=units)
    assert pages.count() == 4
    assert set(pages.values_list("ocr_status", flat=True)) <= {OcrStatus.DONE, OcrStatus.REVIEW}
    correction = LineCorrection.objects.get(page__unit__reference_code="GRP 1")
    truth = fraktur_pages()[0][1][0]
    assert correction.corrected == " ".join(truth.split())
    # A word of the corrected line is found by anyone.
    word = max(truth.replace("ſ", "s").split(), key=len).strip(".,;:")
    assert "GRP 1" in _codes(None, word, public_only=True)
    # Typewriter text: the public minutes for everyone, the closed session's only for
    # the network of Kreis Düren (Merzenich is a member), not for Kreis Olpe.
    assert _codes(None, "Dachdeckermeister", public_only=True) == {"GRP 2"}
    assert _codes(None, "Gemeindeförsters", public_only=True) == set()
    merzenich = User.objects.get(username="sb.merzenich")
    olpe = User.objects.get(username="admin.olpe")
    assert _codes(merzenich, "Gemeindeförsters", public_only=False) == {"GRP 3"}
    assert _codes(olpe, "Gemeindeförsters", public_only=False) == set()
    # Idempotent.
    load_archive(networks)
    assert Page.objects.filter(unit__in=units).count() == 4
