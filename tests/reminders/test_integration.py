"""The schedule run for real: redis-server, a Celery worker and beat, an SMTP server."""

import datetime
import re
from collections import Counter

import pytest
from django.utils import formats, translation

from .harness import Stack

pytestmark = pytest.mark.integration


@pytest.fixture
def stack(tmp_path):
    stack = Stack(tmp_path).start()
    yield stack
    stack.stop()


def wanted(scenario: dict) -> Counter:
    return Counter((entry["to"], entry["kind"]) for entry in scenario["expected"])


def received(messages) -> Counter:
    return Counter((message["To"], message["X-Reminder-Kind"]) for message in messages)


def parts(message) -> tuple[str, str]:
    text = message.get_body(("plain",)).get_content()
    html = message.get_body(("html",)).get_content()
    return text, html


def test_a_meeting_window_sends_each_owner_one_digest_in_their_language(stack):
    scenario = stack.scenario()
    tomorrow = datetime.date.fromisoformat(scenario["tomorrow"])
    stack.start_worker()
    stack.start_beat()

    stack.wait_for_mail(len(scenario["expected"]))
    stack.settle()

    messages = stack.mailbox.snapshot()
    assert received(messages) == wanted(scenario)
    assert len(messages) == len(scenario["expected"])
    # Weekly overdue digests come too when the overdue items predate this week's digest day.
    assert len([m for m in messages if m["X-Reminder-Kind"] != "overdue_weekly"]) == 7
    # Eva's second digest is for the roundtable a week ahead; nothing for the one in 9 days.
    (roundtable,) = [m for m in messages if "Rondetafelgesprek 7" in m["Subject"]]
    assert roundtable["To"] == "debate.eva@example.org"
    assert not [m for m in messages if re.search(r"(Roundtable|Rondetafelgesprek) 9", m["Subject"])]
    by_recipient = {
        (message["To"], message["X-Reminder-Kind"]): message
        for message in messages
        if message is not roundtable
    }

    eva = by_recipient["debate.eva@example.org", "meeting_digest"]
    with translation.override("nl"):
        dutch_date = formats.date_format(tomorrow, "DATE_FORMAT")
    assert eva["Content-Language"] == "nl"
    assert "Commissiedebat vreemdelingen- en asielbeleid" in eva["Subject"]
    assert dutch_date in eva["Subject"]
    text, html = parts(eva)
    links = re.findall(r"https://tracker\.example\.org/admin/tracker/demand/\d+/change/", text)
    assert len(links) == 3  # overdue, due tomorrow, and the unpublished one
    assert set(links) <= set(re.findall(r'href="([^"]+)"', html))

    tom = by_recipient["debate.tom@example.org", "meeting_digest"]
    with translation.override("en"):
        english_date = formats.date_format(tomorrow, "DATE_FORMAT")
    assert tom["Content-Language"] == "en"
    assert tom["Subject"] == (
        f"Before Committee debate on asylum policy on {english_date}: "
        "2 of your demands are on its agenda"
    )
    assert "10:00" in parts(tom)[0]  # the meeting's Amsterdam time

    before = by_recipient["debate.tom@example.org", "deadline_before"]
    assert before["Subject"].startswith("Deadline in 1 day: WKA-2025-")
    pk = next(e["pk"] for e in scenario["expected"] if e["to"] == before["To"] and "pk" in e)
    assert f"https://tracker.example.org/admin/tracker/demand/{pk}/change/" in parts(before)[0]

    assert by_recipient["chair@example.org", "coordinator_summary"]["Subject"].startswith(
        "Weekly summary:"
    )
    assert ("debate.quiet@example.org", "deadline_before") not in by_recipient

    rows = stack.reminders()
    assert {row["state"] for row in rows} == {"sent"}
    assert {row["message_id"] for row in rows} == {m["Message-ID"] for m in messages}
