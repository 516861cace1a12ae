"""The coalition's own data (fixtures/seed.yaml) renders on every public page."""

import pytest
from django.urls import reverse
from django.utils import translation

from tracker.models import Demand, Indicator, Meeting, Source, Statement

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("language", ["nl", "en"])
def test_every_public_page_renders_the_seed(client, seeded, language):
    translation.activate(language)  # public URLs carry their language: /en/… for English
    urls = [
        reverse("tracker:overview"),
        reverse("tracker:demand_list"),
        reverse("tracker:source_list"),
        reverse("tracker:meeting_list"),
        reverse("tracker:indicator_list"),
        reverse("tracker:statement_list"),
        reverse("tracker:explanation"),
        reverse("tracker:ledger"),
        reverse("tracker:feed"),
        reverse("tracker:calendar"),
        reverse("tracker:demands_csv"),
        reverse("tracker:demands_json"),
    ]
    urls += [demand.get_absolute_url() for demand in Demand.objects.published()]
    urls += [statement.get_absolute_url() for statement in Statement.objects.published()]
    urls += [
        reverse("tracker:source_detail", args=[slug])
        for slug in Source.objects.values_list("slug", flat=True)
    ]
    urls += [meeting.get_absolute_url() for meeting in Meeting.objects.all()]
    urls += [indicator.get_absolute_url() for indicator in Indicator.objects.all()]
    assert len(urls) > 50
    for url in urls:
        assert client.get(url).status_code == 200, url
