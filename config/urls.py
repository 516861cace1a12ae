from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path

from config.health import health

urlpatterns = [
    path("health/", health, name="health"),
    path("admin/", admin.site.urls),
    path("accounts/", include("accounts.urls")),
    # The API's language comes from Accept-Language (or ?lang=), never from a prefix.
    path("api/", include("api.urls")),
]
# The public site's language is in its URL: Dutch without a prefix, English under /en/.
# No cookie and no session decide it, so shared caches can serve every page as it is.
urlpatterns += i18n_patterns(path("", include("public_site.urls")), prefix_default_language=False)

handler400 = "config.errors.bad_request"
handler403 = "config.errors.permission_denied"
handler404 = "config.errors.page_not_found"
