"""The public pages show what the coalition demanded, of whom, by when, and what happened."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def public_urls(world) -> list[str]:
    demand = world["demands"][0]
    return [
        reverse("tracker:overview"),
        reverse("tracker:demand_list"),
        reverse("tracker:demand_list") + "?status=committed&theme=noodopvang&overdue=true",
        demand.get_absolute_url(),
        reverse("tracker:source_list"),
        reverse("tracker:source_detail", args=[world["sources"][0].slug]),
        reverse("tracker:meeting_list"),
        world["past_meeting"].get_absolute_url(),
        world["upcoming_meeting"].get_absolute_url(),
        reverse("tracker:indicator_list"),
        world["indicator"].get_absolute_url(),
        reverse("tracker:feed"),
        reverse("tracker:theme_feed", args=["noodopvang"]),
        reverse("tracker:calendar"),
        reverse("tracker:demands_csv"),
        reverse("tracker:demands_json"),
    ]


def test_every_public_page_answers_without_login(client, world):
    for url in public_urls(world):
        response = client.get(url)
        assert response.status_code == 200, url
