from django.urls import include, path, re_path
from drf_spectacular.views import SpectacularAPIView
from rest_framework.routers import DefaultRouter

from . import views

app_name = "api"

router = DefaultRouter()
router.register("demands", views.DemandViewSet, basename="demand")
router.register("statements", views.StatementViewSet, basename="statement")
router.register("responses", views.ResponseViewSet, basename="response")
router.register("sources", views.SourceViewSet, basename="source")
router.register("actors", views.ActorViewSet, basename="actor")
router.register("themes", views.ThemeViewSet, basename="theme")
router.register("meetings", views.MeetingViewSet, basename="meeting")
router.register("indicators", views.IndicatorViewSet, basename="indicator")
router.register("ledger/entries", views.EntryViewSet, basename="entry")
router.register("ledger/checkpoints", views.CheckpointViewSet, basename="checkpoint")
router.register("ledger/keys", views.SigningKeyViewSet, basename="signingkey")

urlpatterns = [
    path("v1/", include(router.urls)),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", views.Documentation.as_view(url_name="api:schema"), name="docs"),
    # Any other address under /api/ is a JSON 404, not the public site's page.
    re_path(r"^", views.not_found),
]
