"""A refusal is one line in the log (who, what, why), never a traceback; a real error keeps
its traceback."""

import logging
import sys

import pytest
from django.test import override_settings
from rest_framework.test import APIClient

from accounts.models import ApiToken
from config.logs import OneLineRefusals
from tests.factories import DemandFactory, UserFactory, editor

pytestmark = pytest.mark.django_db


def request_records(caplog):
    return [record for record in caplog.records if record.name == "django.request"]


@override_settings(DEMO_MODE=True)
def test_a_refused_admin_page_is_one_line_with_who_and_what(client, caplog):
    user = UserFactory(email="zonder.rol@example.org")
    client.force_login(user)
    with caplog.at_level(logging.INFO):
        assert client.get("/admin/accounts/user/?o=1").status_code == 403
    [record] = request_records(caplog)
    assert record.exc_info is None and record.exc_text is None
    line = logging.Formatter().format(record)
    assert line == "Refused 403: GET /admin/accounts/user/?o=1 by zonder.rol@example.org"
    assert "\n" not in line


def test_a_refused_api_write_is_one_line_with_its_reason(caplog):
    demand = DemandFactory(is_published=True)
    stranger = editor(email="ander@example.org")
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {ApiToken.issue(stranger, 'laptop')[1]}")
    with caplog.at_level(logging.INFO):
        response = client.post(
            f"/api/v1/demands/{demand.reference}/entries/",
            {"kind": "status", "status": "achieved", "public_note": "Klaar."},
            format="json",
        )
    assert response.status_code == 403
    [record] = request_records(caplog)
    line = logging.Formatter().format(record)
    assert line == (
        f"Refused 403: POST /api/v1/demands/{demand.reference}/entries/ by ander@example.org: "
        f"{response.data['detail']}"
    )


def test_an_anonymous_write_names_no_one(caplog):
    with caplog.at_level(logging.INFO):
        assert APIClient().post("/api/v1/demands/", {}, format="json").status_code == 401
    [record] = request_records(caplog)
    assert (
        logging.Formatter()
        .format(record)
        .startswith("Refused 401: POST /api/v1/demands/ by anonymous: ")
    )


def test_a_server_error_keeps_its_traceback():
    try:
        raise RuntimeError("broken")
    except RuntimeError:
        exc_info = sys.exc_info()
    record = logging.LogRecord(
        "django.request", logging.ERROR, __file__, 1, "Internal Server Error: %s", ("/x",), exc_info
    )
    record.status_code, record.request = 500, object()
    assert OneLineRefusals().filter(record)
    assert record.exc_info is exc_info
    assert "Traceback" in logging.Formatter().format(record)


def test_django_s_records_are_printed_once():
    """Django's own console handler (under DEBUG) beside the root's printed each twice."""
    assert logging.getLogger("django").handlers == []
    assert any(isinstance(f, OneLineRefusals) for f in logging.getLogger("django.request").filters)


@override_settings(DEMO_MODE=True)
def test_a_page_not_found_is_one_line_without_the_patterns_tried(client, caplog):
    client.force_login(UserFactory(email="zoeker@example.org"))
    with caplog.at_level(logging.INFO):
        assert client.get("/admin/nergens/").status_code == 404
    [record] = request_records(caplog)
    line = logging.Formatter().format(record)
    assert line == "Refused 404: GET /admin/nergens/ by zoeker@example.org"
