"""Public pages set no cookie and vary on none, so a shared cache can serve them; the API
and its documentation set no cookie for anonymous readers; every answer carries the
Content-Security-Policy."""

import pytest
from django.urls import reverse
from django.utils import translation

from tests.public_site.test_pages import public_urls

pytestmark = pytest.mark.django_db


def every_public_url(world) -> list[str]:
    def in_active_language() -> list[str]:
        ledger = ["tracker:ledger", "tracker:ledger_export", "tracker:checkpoint_feed"]
        return public_urls(world) + [reverse(name) for name in ledger]

    urls = in_active_language()
    with translation.override("en"):
        urls += in_active_language()
    return urls


def test_no_public_page_sets_a_cookie_or_varies_on_one(client, world):
    for url in every_public_url(world):
        response = client.get(url)
        assert response.status_code == 200, url
        assert not response.cookies, (url, list(response.cookies))
        assert "Cookie" not in response.get("Vary", ""), url
        assert "Accept-Language" not in response.get("Vary", ""), url


# The open data API and its documentation (Swagger UI: the page, its start-up script, the
# schema it reads). They vary on Accept-Language and on who asks, but set no cookie either.
API = ["/api/docs/", "/api/docs/?script=", "/api/schema/", "/api/v1/demands/", "/api/v1/themes/"]


def test_the_api_and_its_documentation_set_no_cookie_for_anonymous_readers(client, world):
    for url in API:
        response = client.get(url)
        assert response.status_code == 200, url
        assert not response.cookies, (url, list(response.cookies))


def test_every_answer_carries_the_strict_content_security_policy(client, world):
    for url in [*every_public_url(world), *API, "/admin/login/", "/no-such-page/"]:
        policy = client.get(url)["Content-Security-Policy"]
        assert "default-src 'none'" in policy, url
        assert "script-src 'self'" in policy and "unsafe-inline" not in policy, url
        assert "frame-ancestors 'none'" in policy, url


@pytest.mark.parametrize("url", ["/demands/XX-0000-00/", "/en/statements/XX-0000-00/"])
def test_a_missing_public_page_sets_no_cookie_and_varies_on_none(client, url):
    response = client.get(url)
    assert response.status_code == 404
    assert not response.cookies
    assert "Cookie" not in response.get("Vary", "")


def test_public_pages_read_by_signed_in_staff_vary_on_nothing_either(client, world):
    client.force_login(world["owner"])
    for url in (reverse("tracker:overview"), reverse("tracker:statement_list"), "/en/"):
        response = client.get(url)
        assert response.status_code == 200, url
        assert "Cookie" not in response.get("Vary", ""), url
