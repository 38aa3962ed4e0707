"""Maturity: the index per field of action from scored answers and from the platform,
an authority's profile against the others without names, no distribution below five
values; who may see which profile."""

from __future__ import annotations

import copy
from typing import Any

import pytest
from django.urls import reverse

from tests.clients import logged_in
from tests.factories import (
    AdoptionFactory,
    AuthorityFactory,
    MembershipFactory,
    ServiceFactory,
)
from tests.surveys.conftest import ANSWERS, SurveyWorld
from verbund.surveys.maturity import selectors
from verbund.surveys.models import Recipient
from verbund.surveys.services import AddressLine, recipients_add, response_save, response_submit

pytestmark = pytest.mark.django_db


def _answer(recipient: Recipient, **changes: Any) -> None:
    answers = copy.deepcopy(ANSWERS)
    answers.update(changes)
    response_save(recipient=recipient, answers=answers)
    response_submit(recipient=recipient)


def test_the_index_and_the_distribution(survey_world: SurveyWorld) -> None:
    survey = survey_world.survey
    # Six authorities answer: the world's four plus two more members.
    extra = [AuthorityFactory(name=f"Gemeinde {n}") for n in (5, 6)]
    for authority in extra:
        MembershipFactory(network=survey_world.network, authority=authority)
    recipients_add(
        actor=survey_world.coordinator,
        survey=survey,
        lines=[AddressLine(a, "x@example.org") for a in extra],
    )
    stages = ["alle", "teile", "projekt", "kein", "kein", "alle"]
    people = [survey_world.kreis, *survey_world.members, *extra]
    for authority, stage in zip(people, stages, strict=True):
        recipient = Recipient.objects.get(survey=survey, authority=authority)
        _answer(
            recipient,
            eakte=stage,
            **({} if stage in ("alle", "teile") else {"eakte_bereiche": None}),
        )
    # The platform: the Kreis offers two published services, one online, maturity 3 and 6.
    for maturity, online in ((3, True), (6, False)):
        AdoptionFactory(
            authority=survey_world.kreis, service=ServiceFactory(maturity=maturity), online=online
        )
    dims, rows = selectors.indices(survey)
    assert [d.key for d in dims] == ["egov", "bildung", "__overall__", "__ozg__", "__online__"]
    by_name = {r.recipient.authority.name: r.values for r in rows}
    kreis = by_name["Würzburg, Landkreis"]
    # egov, "alle": eakte 3 of 3, areas bauamt + jugendamt 2 of 3, matrix 3 of 4, portal 1 of 1
    # = 9 of 11; bildung: the scale's 4 of 5.
    assert kreis["egov"] == pytest.approx(9 * 100 / 11)
    assert kreis["bildung"] == pytest.approx(80.0)
    assert kreis["__overall__"] == pytest.approx((9 * 100 / 11 + 80) / 2)
    assert kreis["__ozg__"] == pytest.approx(4.5 * 100 / 7)
    assert kreis["__online__"] == pytest.approx(50.0)
    # "projekt": eakte 1 of 3, areas hidden, matrix 3 of 4, portal 1: 5 of 8;
    # "kein": 4 of 8.
    assert by_name["Rimpar"]["egov"] == pytest.approx(62.5)
    assert by_name["Gerbrunn"]["egov"] == pytest.approx(50.0)
    assert by_name["Rimpar"]["__ozg__"] is None
    spread = selectors.distribution(
        [r.values["egov"] for r in rows if r.values["egov"] is not None]
    )
    assert spread is not None
    # egov: alle 81.82 (twice), teile 72.73, projekt 62.5, kein 50 (twice)
    assert spread.count == 6
    assert spread.minimum == pytest.approx(50.0)
    assert spread.median == pytest.approx((62.5 + 8 * 100 / 11) / 2)
    assert spread.maximum == pytest.approx(9 * 100 / 11)
    assert selectors.distribution([1, 2, 3, 4]) is None
    five = selectors.distribution([1, 2, 3, 4, 10])
    assert five is not None
    assert (five.q1, five.median, five.q3) == (2, 3, 4)


def test_profiles_show_no_names_and_only_to_whom_they_belong(survey_world: SurveyWorld) -> None:
    survey = survey_world.survey
    own = survey_world.recipient(survey_world.members[0])
    _answer(own)
    other = survey_world.recipient(survey_world.members[1])
    _answer(other, eakte="kein", eakte_bereiche=None)
    url = reverse(
        "staff:survey_maturity_profile",
        kwargs={"pk": survey.network_id, "survey_pk": survey.pk, "recipient_pk": own.pk},
    )
    page = logged_in(survey_world.member_clerk).get(url)
    assert page.status_code == 200
    text = page.content.decode()
    assert "Reifegradprofil: Höchberg" in text
    assert "Rimpar" not in text  # the other respondent is never named
    assert "2 Werte – zu wenige für eine Verteilung" in text
    other_url = reverse(
        "staff:survey_maturity_profile",
        kwargs={"pk": survey.network_id, "survey_pk": survey.pk, "recipient_pk": other.pk},
    )
    assert logged_in(survey_world.member_clerk).get(other_url).status_code == 404
    assert logged_in(survey_world.outsider_clerk).get(url).status_code == 404
    overview = reverse(
        "staff:survey_maturity", kwargs={"pk": survey.network_id, "survey_pk": survey.pk}
    )
    assert logged_in(survey_world.member_clerk).get(overview).status_code in (403, 404)
    coordinator = logged_in(survey_world.coordinator)
    names = coordinator.get(overview).content.decode()
    assert "Höchberg" in names
    assert "Rimpar" in names
    assert coordinator.get(other_url).status_code == 200
