"""Every page of the staff's workplace, opened by every kind of staff, and every public page.

The pages are found by walking the admin site's registry (each model admin's ``get_urls()``,
its actions and autocomplete fields) and the project's URL resolver, so a page added
tomorrow is opened by these tests without touching them. Each answer is checked against
what the role may do (README, "Roles"): a page answers 200, a redirect, or a refusal
(403/404) in the admin's own layout and language; never a server error.
"""

import re
from dataclasses import dataclass, field

import pytest
from django.contrib import admin
from django.test import RequestFactory
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from ledger import checkpoints
from ledger.models import Entry
from tests.workplace.world import ROLES, build_staff_world
from tracker.models import Demand

pytestmark = pytest.mark.django_db

TRACKER_RECORDS = {
    "demand",
    "statement",
    "source",
    "actor",
    "theme",
    "meeting",
    "indicator",
    "reminder",
}
LEDGER_RECORDS = {"entry", "checkpoint", "signingkey"}
# Login protection (django-axes) writes these; coordinators read them and unlock a login
# by deleting its attempt.
LOGIN_RECORDS = {"accessattempt", "accessfailurelog", "accesslog"}
# Two-step login devices: a coordinator removes a colleague's lost one.
DEVICES = {"totpdevice", "staticdevice"}
VOCABULARIES = {"source", "actor", "theme", "meeting", "indicator"}
TRACKED_ITEMS = {"demand", "statement"}
WRITTEN_BY_THE_DOMAIN = LEDGER_RECORDS | {"reminder"}  # the ledger and the reminders
# Who may correct a ledger entry: whoever may change its item (the world's entry is of a
# demand of the owning organisation).
MAY_CORRECT = {"superuser", "coordinator", "owning_editor"}
EVERYTHING = "*"

# What each kind of staff may do, model by model (models named by ``model_name``).
MAY = {
    "superuser": {"view": EVERYTHING, "add": EVERYTHING, "change": EVERYTHING},
    "coordinator": {
        "view": TRACKER_RECORDS
        | LEDGER_RECORDS
        | LOGIN_RECORDS
        | DEVICES
        | {"organisation", "user"},
        "add": VOCABULARIES | TRACKED_ITEMS,
        "change": VOCABULARIES | TRACKED_ITEMS,
    },
    "owning_editor": {
        "view": TRACKER_RECORDS | LEDGER_RECORDS | {"organisation"},
        "add": TRACKED_ITEMS,
        "change": TRACKED_ITEMS,
    },
    # The world's items belong to the owning organisation: this editor reads them only.
    "other_editor": {
        "view": TRACKER_RECORDS | LEDGER_RECORDS | {"organisation"},
        "add": TRACKED_ITEMS,
    },
    "no_role": {},
}
# Editors never delete; coordinators delete the vocabularies they manage.
MAY["superuser"]["delete"] = MAY["superuser"]["change"]
MAY["coordinator"]["delete"] = VOCABULARIES | {"accessattempt"} | DEVICES


def may(role: str, action: str, model_name: str) -> bool:
    if model_name in WRITTEN_BY_THE_DOMAIN and action in ("add", "change", "delete"):
        return False  # nobody rewrites the ledger or the reminders, not even a superuser
    if model_name in LOGIN_RECORDS and action in ("add", "change"):
        return False  # what happened at a login is not rewritten
    if model_name in TRACKED_ITEMS and action == "delete":
        return False  # nothing that entered the ledger is deleted, not even by a superuser
    if model_name == "apitoken" and action == "delete":
        return False  # a token is revoked, and the list keeps when it stopped
    allowed = MAY[role].get(action, set())
    return allowed == EVERYTHING or model_name in allowed


def may_view(role: str, model_name: str) -> bool:
    return may(role, "view", model_name) or may(role, "change", model_name)


@dataclass
class Page:
    url: str
    model_name: str
    view: str
    method: str = "get"
    data: dict = field(default_factory=dict)

    def __str__(self):
        return f"{self.method.upper()} {self.url} ({self.model_name}: {self.view})"


def fill(route: str, value) -> str:
    """A URL route with every ``<converter:name>`` replaced by ``value``."""
    return re.sub(r"<(?:\w+:)?\w+>", str(value), route)


def model_admin_pages(objects: dict) -> list[Page]:
    """Every URL of every registered model admin, for the object ``objects`` names for its
    model, else the first object of its model."""
    pages = []
    for model, model_admin in admin.site._registry.items():
        opts = model._meta
        prefix = reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")
        obj = objects.get(model) or model._default_manager.order_by("pk").first()
        assert obj is not None, f"tests/admin/world.py has no {opts.label}: add one"
        for pattern in model_admin.get_urls():
            route = str(pattern.pattern)
            view = pattern.name or "redirect"
            view = view.removeprefix(f"{opts.app_label}_{opts.model_name}_")
            pages.append(Page(prefix + fill(route, obj.pk), opts.model_name, view))
        for action in model_admin._get_base_actions():
            name = action[1]
            pages.append(
                Page(
                    prefix,
                    opts.model_name,
                    f"action {name}",
                    method="post",
                    data={"action": name, "_selected_action": [obj.pk], "index": "0"},
                )
            )
    return pages


def autocomplete_pages() -> list[Page]:
    """The search behind every autocomplete field, of model admins and their inlines."""
    request = RequestFactory().get("/")
    request.user = type("Anyone", (), {"is_active": True, "has_perm": lambda *a: True})()
    pages = []
    for model, model_admin in admin.site._registry.items():
        sources = [(model, model_admin)] + [
            (inline.model, inline) for inline in model_admin.get_inline_instances(request)
        ]
        for source_model, source_admin in sources:
            for name in source_admin.autocomplete_fields:
                remote = source_model._meta.get_field(name).remote_field.model
                query = (
                    f"?app_label={source_model._meta.app_label}"
                    f"&model_name={source_model._meta.model_name}&field_name={name}&term=a"
                )
                pages.append(
                    Page(reverse("admin:autocomplete") + query, remote._meta.model_name, "search")
                )
    return pages


def expected(role: str, page: Page) -> set[int]:
    model, view = page.model_name, page.view
    view_allowed = may_view(role, model)
    if view == "redirect":
        return {302}  # to the change page, which then decides
    if role == "no_role":
        # A staff member without a role sees nothing of the coalition's records, and cannot
        # export or import them either.
        return {403}
    if view in ("changelist", "history", "change", "search"):
        return {200} if view_allowed else {403}
    if view in ("add", "delete"):
        return {200} if may(role, view, model) else {403}
    if view in ("config", "qrcode"):
        return {403}  # nobody reads another's two-step login secret, not even a superuser
    if view == "correct":
        return {200} if role in MAY_CORRECT else {403}
    if view == "password_change":
        return {200} if role == "superuser" else {403}
    if view == "import":
        return {200} if may(role, "add", "demand") else {403}
    if view == "process_import":
        # A confirmation without a checked file: back to the upload, with a message.
        return {302} if may(role, "add", "demand") else {403}
    if view in ("export", "briefing"):
        return {200} if view_allowed else {403}
    if view.startswith("action "):
        # An action form (200), or back to the list with a message (302).
        return {200, 302} if view_allowed else {403}
    # A page this test does not know yet: anything but a server error.
    return {200, 302, 403, 404} if view_allowed else {403}


def open_page(client, page: Page):
    response = getattr(client, page.method)(page.url, page.data)
    if response.status_code == 405 and page.method == "get":
        # A view that only takes POST (e.g. the import's confirmation): post nothing.
        page.method = "post"
        response = client.post(page.url, {})
    return response


def refusal_problems(response) -> list[str]:
    """A refusal inside the admin is an admin page, in Dutch, that says what happened."""
    if response.status_code not in (403, 404):
        return []
    page = response.content.decode()
    problems = []
    if "Kind in azc-register" not in page:
        problems.append("not in the admin's layout")
    if 'lang="nl"' not in page:
        problems.append("not in Dutch")
    return problems


@pytest.fixture
def world(signing_key):
    world = build_staff_world()
    checkpoints.sign()  # the world's ledger, signed: its checkpoint and key have pages too
    return world


@pytest.mark.parametrize("role", ROLES)
def test_every_admin_page_answers_as_the_role_allows_and_never_fails(client, world, role):
    client.raise_request_exception = False  # a server error is an answer to list, not a stop
    client.force_login(world["users"][role])
    # The world's status change: an entry that can be corrected (a first entry cannot).
    pages = model_admin_pages({Entry: world["entry"]}) + autocomplete_pages()
    assert len(pages) > 60

    wrong = []
    for page in pages:
        response = open_page(client, page)
        want = expected(role, page)
        if response.status_code not in want:
            wrong.append(f"{page}: {response.status_code}, expected {sorted(want)}")
        elif problems := refusal_problems(response):
            wrong.append(f"{page}: {response.status_code} {', '.join(problems)}")

    assert not wrong, "\n" + "\n".join(wrong)
    assert Demand.objects.count() == 1  # walking the pages changed nothing


def site_pages(world) -> list[tuple[str, set[int]]]:
    """The admin site's own pages (not a model's) with what every member of staff gets."""
    demand = world["demand"]
    content_type = demand.__class__._meta
    from django.contrib.contenttypes.models import ContentType

    demand_type = ContentType.objects.get(app_label=content_type.app_label, model="demand")
    return [
        (reverse("admin:index"), {200}),
        (reverse("admin:login"), {302}),
        (reverse("admin:password_change"), {200}),
        (reverse("admin:password_change_done"), {200}),
        (reverse("admin:jsi18n"), {200}),
        (reverse("admin:view_on_site", args=[demand_type.pk, demand.pk]), {302}),
        (reverse("admin:tracker_demand_changelist") + "?organisation=abc", {200, 302, 403}),
        (reverse("admin:tracker_demand_change", args=[987654]), {302}),
        (reverse("accounts:profile"), {200}),
    ]


@pytest.mark.parametrize("role", ROLES)
def test_the_admin_sites_own_pages_work_for_every_role(client, world, role):
    client.raise_request_exception = False
    client.force_login(world["users"][role])
    wrong = []
    for url, want in site_pages(world):
        if role == "no_role" and "/tracker/" in url:
            want = {403}
        response = client.get(url)
        if response.status_code not in want:
            wrong.append(f"GET {url}: {response.status_code}, expected {sorted(want)}")
    for app_label in ("tracker", "ledger", "accounts", "auth"):
        url = reverse("admin:app_list", args=[app_label])
        visible = any(
            may_view(role, model._meta.model_name)
            for model in admin.site._registry
            if model._meta.app_label == app_label
        )
        response = client.get(url)
        want = {200} if visible else {404}
        if response.status_code not in want:
            wrong.append(f"GET {url}: {response.status_code}, expected {sorted(want)}")
        elif problems := refusal_problems(response):
            wrong.append(f"GET {url}: {response.status_code} {', '.join(problems)}")
    assert not wrong, "\n" + "\n".join(wrong)


def public_patterns(resolver=None, prefix="") -> list[tuple[str, URLPattern]]:
    """Every named URL pattern outside the admin, the staff's profile and the API (whose
    every operation tests/api walks, as every kind of client, and fuzzes), with its prefix."""
    resolver = resolver or get_resolver()
    found = []
    for entry in resolver.url_patterns:
        route = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            if entry.app_name in ("admin", "accounts", "api"):
                continue
            found.extend(public_patterns(entry, route))
        elif isinstance(entry, URLPattern):
            found.append((route, entry))
    return found


def candidate_values(world, name: str) -> list[str]:
    """Values a public URL's parameter can take in the world: references and slugs."""
    references = [world["demand"].reference, world["statement"].reference]
    slugs = [
        world[key].slug for key in ("source", "meeting", "indicator") if hasattr(world[key], "slug")
    ] + [theme.slug for theme in world["demand"].themes.all()]
    if name == "reference":
        return references
    if name == "theme":
        return [theme.slug for theme in world["demand"].themes.all()]
    return slugs + references


HEALTH = "health/"  # for the containers' checks: no language, and 503 while Redis is away


def test_every_public_page_opens_for_the_public_and_never_fails(client, world):
    client.raise_request_exception = False
    patterns = public_patterns()
    assert len(patterns) > 10
    wrong = []
    for route, _pattern in patterns:
        names = re.findall(r"<(?:\w+:)?(\w+)>", route)
        if len(names) > 1:
            wrong.append(f"{route}: more than one parameter; teach this test its values")
            continue
        values = candidate_values(world, names[0]) if names else [None]
        answers = {}
        for value in values:
            url = "/" + (fill(route, value) if value else route)
            answers[url] = client.get(url).status_code
            if route != HEALTH:
                # The public site in English: the same page under /en/.
                answers["/en" + url] = client.get("/en" + url).status_code
        if route == HEALTH and answers == {"/health/": 503}:
            continue  # Redis and the beat are not running here (see tests/deploy/test_health.py)
        if any(code >= 500 for code in answers.values()):
            wrong.append(f"{route}: {answers}")
        elif not any(code in (200, 204, 302) for code in answers.values()):
            wrong.append(f"{route}: no value of the world opens it: {answers}")
    assert not wrong, "\n" + "\n".join(wrong)
