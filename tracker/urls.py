from django.urls import path

from . import calendar, exports, ledger_pages, views
from .feeds import StatusChangeFeed

app_name = "tracker"

urlpatterns = [
    path("", views.overview, name="overview"),
    path("demands/", views.demand_list, name="demand_list"),
    path("demands/export.csv", exports.demands_csv, name="demands_csv"),
    path("demands/export.json", exports.demands_json, name="demands_json"),
    path("demands/<str:reference>/", views.demand_detail, name="demand_detail"),
    path("statements/", views.statement_list, name="statement_list"),
    path("statements/<str:reference>/", views.statement_detail, name="statement_detail"),
    path("sources/", views.source_list, name="source_list"),
    path("sources/<slug:slug>/", views.source_detail, name="source_detail"),
    path("meetings/", views.meeting_list, name="meeting_list"),
    path("meetings/<slug:slug>/", views.meeting_detail, name="meeting_detail"),
    path("indicators/", views.indicator_list, name="indicator_list"),
    path("indicators/<slug:slug>/", views.indicator_detail, name="indicator_detail"),
    path("explanation/", views.explanation, name="explanation"),
    path("feeds/status-changes.atom", StatusChangeFeed(), name="feed"),
    path("feeds/themes/<slug:theme>.atom", StatusChangeFeed(), name="theme_feed"),
    path("feeds/calendar.ics", calendar.calendar_feed, name="calendar"),
    path("ledger/", ledger_pages.ledger_page, name="ledger"),
    path("ledger/export.json", ledger_pages.ledger_export, name="ledger_export"),
    path("ledger/checkpoints.atom", ledger_pages.CheckpointFeed(), name="checkpoint_feed"),
]
