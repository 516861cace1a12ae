"""Who raised a demand in its document (not always the coalition), and whether the document's
author took it over: shown, filtered and exported."""

import csv
import io
import json

import pytest
from django.urls import reverse

from tests.public_site.reader import download, read, row, text
from tracker.models import Demand

pytestmark = pytest.mark.django_db


def facts(content: str) -> str:
    start = content.index('<dl class="facts">')
    return text(content[start : content.index("</dl>", start)])


def test_the_demand_page_says_who_raised_it_and_who_took_it_over(client, world):
    inspectorate = Demand.objects.get(reference="WKA-2025-05")
    dutch = facts(read(client, inspectorate.get_absolute_url()))
    assert (
        "Gesteld door Inspectie Justitie en Veiligheid; "
        "in dit document overgenomen door Werkgroep Kind in azc" in dutch
    )
    english = facts(read(client, inspectorate.get_absolute_url(), "en"))
    assert (
        "Raised by Inspectorate of Justice and Security; "
        "taken over by Werkgroep Kind in azc in this document" in english
    )
    own = facts(read(client, Demand.objects.get(reference="WKA-2025-01").get_absolute_url()))
    assert "Gesteld door Werkgroep Kind in azc Gericht aan" in own
    assert "overgenomen" not in own


def test_who_raised_it_is_apart_from_who_follows_it_up(client, world):
    content = facts(read(client, Demand.objects.get(reference="WKA-2025-05").get_absolute_url()))
    assert "Gevolgd door Defence for Children" in content


def test_each_list_row_says_who_raised_the_demand(client, world):
    content = read(client, reverse("tracker:demand_list"))
    assert "Gesteld door Inspectie Justitie en Veiligheid" in text(row(content, "WKA-2025-05"))
    assert "Gesteld door Werkgroep Kind in azc" in text(row(content, "WKA-2025-01"))
    english = read(client, reverse("tracker:demand_list"), "en")
    assert "Raised by Inspectorate of Justice and Security" in text(row(english, "WKA-2025-05"))


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("raised_by=inspectie-jenv", {"WKA-2025-05", "WKA-2025-10"}),
        ("raised_by=inspectie-jenv&response=none", {"WKA-2025-05", "WKA-2025-10"}),
        ("raised_by=inspectie-jenv&status=achieved", set()),
    ],
)
def test_the_list_filters_by_who_raised_the_demand(client, world, query, expected):
    page = client.get(reverse("tracker:demand_list") + "?" + query).context["page"]
    assert {demand.reference for demand in page.object_list} == expected


def test_the_filter_offers_only_those_who_raised_a_published_demand(client, world):
    form = client.get(reverse("tracker:demand_list")).context["filter"].form
    offered = {actor.slug for actor in form.fields["raised_by"].queryset}
    assert offered == {"inspectie-jenv", "werkgroep-kind-in-azc"}


def test_the_exports_say_who_raised_each_demand(client, world):
    exported = download(client, reverse("tracker:demands_csv") + "?raised_by=inspectie-jenv")
    rows = list(csv.DictReader(io.StringIO(exported.decode())))
    assert {(r["reference"], r["raised_by"], r["adopted"]) for r in rows} == {
        ("WKA-2025-05", "inspectie-jenv", "True"),
        ("WKA-2025-10", "inspectie-jenv", "True"),
    }
    data = json.loads(download(client, reverse("tracker:demands_json") + "?q=eis+1"))["demands"]
    (first,) = [item for item in data if item["reference"] == "WKA-2025-01"]
    assert (first["raised_by"], first["adopted"]) == ("werkgroep-kind-in-azc", False)
