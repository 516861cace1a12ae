from django.urls import path

from . import calendar, exports, ledger_pages, views
from .caching import cached_page
from .feeds import StatusChangeFeed

app_name = "tracker"

# Every public page and feed is served from the cache while nothing the public sees has
# changed (public_site.caching); the exports stream, and are cached by filter on their own.
urlpatterns = [
    path("", cached_page(views.overview), name="overview"),
    path("demands/", cached_page(views.demand_list), name="demand_list"),
    path("demands/export.csv", exports.demands_csv, name="demands_csv"),
    path("demands/export.json", exports.demands_json, name="demands_json"),
    path("demands/<str:reference>/", cached_page(views.demand_detail), name="demand_detail"),
    path("statements/", cached_page(views.statement_list), name="statement_list"),
    path(
        "statements/<str:reference>/",
        cached_page(views.statement_detail),
        name="statement_detail",
    ),
    path("sources/", cached_page(views.source_list), name="source_list"),
    path("sources/<slug:slug>/", cached_page(views.source_detail), name="source_detail"),
    path("meetings/", cached_page(views.meeting_list), name="meeting_list"),
    path("meetings/<slug:slug>/", cached_page(views.meeting_detail), name="meeting_detail"),
    path("indicators/", cached_page(views.indicator_list), name="indicator_list"),
    path("indicators/<slug:slug>/", cached_page(views.indicator_detail), name="indicator_detail"),
    path("explanation/", cached_page(views.explanation), name="explanation"),
    path("feeds/status-changes.atom", cached_page(StatusChangeFeed()), name="feed"),
    path("feeds/themes/<slug:theme>.atom", cached_page(StatusChangeFeed()), name="theme_feed"),
    path("feeds/calendar.ics", cached_page(calendar.calendar_feed), name="calendar"),
    path(
        "feeds/themes/<slug:theme>.ics", cached_page(calendar.calendar_feed), name="theme_calendar"
    ),
    path("ledger/", cached_page(ledger_pages.ledger_page), name="ledger"),
    path("ledger/export.json", ledger_pages.ledger_export, name="ledger_export"),
    path(
        "ledger/checkpoints.atom",
        cached_page(ledger_pages.CheckpointFeed()),
        name="checkpoint_feed",
    ),
]
