from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.management import call_command

from verbund.accounts.models import AuthorityRole, NetworkRole, User
from verbund.authorities.models import Authority
from verbund.catalogue.selectors import routing_index
from verbund.core.audit import audit_verify
from verbund.core.models import AuditEntry
from verbund.demo.data import DEMO_PASSWORD
from verbund.networks.models import Agreement, Membership, Network
from verbund.networks.selectors import area_matrix
from verbund.portal.models import LegalPage

pytestmark = pytest.mark.django_db


def _load() -> str:
    out = io.StringIO()
    call_command("load_demo", stdout=out)
    return out.getvalue()


def test_demo_has_the_networks_and_is_idempotent() -> None:
    output = _load()
    assert "sb.merzenich" in output
    assert DEMO_PASSWORD in output

    dlz = Network.objects.get(slug="dlz")
    members = Membership.objects.filter(network=dlz).select_related("authority")
    assert sorted((m.authority.name, m.role) for m in members) == [
        ("Inden", "member"),
        ("Jülich, Stadt", "member"),
        ("Kerpen, Kolpingstadt", "member"),
        ("Linnich, Stadt", "member"),
        ("Merzenich", "lead"),
        ("Niederzier", "member"),
    ]
    swf = Network.objects.get(slug="suedwestfalen")
    assert sorted(
        Membership.objects.filter(network=swf).values_list("authority__ars", flat=True)
    ) == ["05958", "05962", "05966", "05970", "05974"]
    wue = Network.objects.get(slug="wuerzburg")
    assert Membership.objects.filter(network=wue).count() == 1 + 52
    assert Membership.objects.get(network=wue, role="lead").authority.ars == "09679"
    dueren = Network.objects.get(slug="kreis-dueren")
    assert Membership.objects.filter(network=dueren).count() == 1 + 15
    assert Membership.objects.get(network=dueren, role="lead").authority.ars == "05358"

    assert Authority.objects.get(ars="053580040040").name == "Merzenich"
    # The DLZ steers itself: four areas at different depths, and an agreement.
    areas, rows = area_matrix(dlz, on=dt.date(2026, 1, 1))
    assert [a.name for a in areas] == [
        "Gebührenkalkulation",
        "Strategisches Berichtswesen",
        "Umsatzsteuer (§ 2b UStG)",
        "Beschaffung",
    ]
    assert {r.authority.name: r.levels for r in rows} == {
        "Merzenich": [4, 3, 3, 2],
        "Inden": [4, 3, 3, 2],
        "Jülich, Stadt": [4, 2, 3, 1],
        "Kerpen, Kolpingstadt": [1, 0, 3, 1],
        "Linnich, Stadt": [3, 2, 3, 1],
        "Niederzier": [4, 2, 3, 1],
    }
    _areas, rows_2024 = area_matrix(dlz, on=dt.date(2024, 6, 1))
    assert {r.authority.name: r.levels[0] for r in rows_2024}["Niederzier"] == 2
    agreement = Agreement.objects.get(network=dlz)
    assert (agreement.title, agreement.processing.name, agreement.parties.count()) == (
        "Gewerbeanmeldung für alle DLZ-Kommunen",
        "Merzenich",
        6,
    )
    index = routing_index()
    service, juelich = index.service("gewerbeanmeldung"), index.place("053580024024")
    assert service is not None
    assert juelich is not None
    assert index.resolve(service, juelich).processing.name == "Merzenich"
    assert User.objects.filter(two_factor_exempt=True).count() == 9
    assert AuthorityRole.objects.count() == 10
    assert NetworkRole.objects.count() == 3
    member_count = Membership.objects.values("authority").distinct().count()
    assert LegalPage.objects.count() == 3 * member_count

    counts = (
        Authority.objects.count(),
        Network.objects.count(),
        Membership.objects.count(),
        User.objects.count(),
        LegalPage.objects.count(),
        AuditEntry.objects.count(),
    )
    _load()
    assert counts == (
        Authority.objects.count(),
        Network.objects.count(),
        Membership.objects.count(),
        User.objects.count(),
        LegalPage.objects.count(),
        AuditEntry.objects.count(),
    )
    assert audit_verify().ok


def test_demo_users_can_log_in_with_the_printed_password() -> None:
    _load()
    user = User.objects.get(username="koordination.dlz")
    assert user.check_password(DEMO_PASSWORD)
    assert list(user.network_roles.values_list("network__slug", "role")) == [("dlz", "coordinator")]
