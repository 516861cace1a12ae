"""Browsers find the site's icon: no "Not Found: /favicon.ico" in the log."""

import pytest
from django.urls import reverse

from tests.factories import coordinator


def test_favicon_ico_is_served_at_the_root(client):
    response = client.get("/favicon.ico")

    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"\x00\x00\x01\x00")  # an ICO


@pytest.mark.django_db
@pytest.mark.parametrize("url", [reverse("tracker:overview"), reverse("admin:index")])
def test_public_and_admin_pages_link_the_icon(client, url):
    client.force_login(coordinator())

    assert 'rel="icon" href="/static/favicon.svg"' in client.get(url).content.decode()
