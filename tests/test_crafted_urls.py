"""A crafted URL is a 400 or a 404, never a 500: on SQLite and on PostgreSQL."""

import pytest
from django.test import override_settings

from tests.factories import DemandFactory, coordinator, editor

pytestmark = pytest.mark.django_db

PUBLIC = [
    "/demands/%00/",
    "/demands/WKA-2025-01%00/",
    "/en/demands/%00/",
    "/demands/?q=%00",
    "/demands/?theme=%00",
    "/demands/?theme=no-such-theme",
    "/demands/?source=%00",
    "/demands/?deadline_after=not-a-date",
    "/demands/?status=%01",
    "/demands/?page=%00",
    "/demands/export.csv?q=%00",
    "/demands/export.json?addressee=%00",
    "/demands/?response=%00",
    "/demands/?raised_by=no-such-actor",
    "/statements/%00/",
    "/statements/?kind=no-such-nature",
    "/en/statements/?actor=%00",
    "/statements/?status=%00",
    "/explanation/%00/",
    "/ledger/?page=%00",
    "/sources/%00/",
    "/meetings/%C0%AF/",
    "/feeds/themes/%00.atom",
    "/xx/demands/",
]
ADMIN = [
    "/admin/tracker/demand/?organisation=abc",
    "/admin/tracker/demand/?organisation=%00",
    "/admin/tracker/demand/?q=%00",
    "/admin/tracker/demand/%00/change/",
    "/admin/tracker/statement/?q=%00",
    "/admin/ledger/entry/?q=%00",
    "/admin/ledger/entry/%00/correct/",
    "/admin/tracker/meeting/%00/briefing/",
    "/admin/tracker/demand/export/?organisation=abc",
    "/admin/tracker/demand/export/?q=%00",
]


@pytest.fixture
def world(db):
    return DemandFactory(reference="WKA-2025-01")


@pytest.mark.parametrize("url", PUBLIC)
def test_public_crafted_urls_are_refused_or_not_found(client, world, url):
    assert client.get(url).status_code in (400, 404), url


@pytest.mark.parametrize("url", ADMIN)
@pytest.mark.parametrize("make_user", [editor, coordinator])
def test_admin_crafted_urls_are_refused_not_a_server_error(client, world, url, make_user):
    client.force_login(make_user())
    status = client.get(url).status_code
    # 302: the admin's own answer to an invalid lookup, a redirect to "?e=1"; 200: an
    # unknown organisation lists nothing.
    assert status in (200, 302, 400, 404), (url, status)


@override_settings(MAX_REQUEST_BYTES=1000)
def test_a_body_over_the_limit_is_refused_before_any_view(client, world):
    client.force_login(coordinator())
    response = client.post(
        "/admin/tracker/demand/import/", data=b"x" * 2000, content_type="text/csv"
    )
    assert response.status_code == 413
