from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.urls import include, path
from django.views.i18n import set_language
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView

from stations.views.accounts import PortalLoginView
from stations.views.favicon import favicon
from stations.views.health import healthz
from stations.views.language import choose_language

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("favicon.ico", favicon, name="favicon"),
    path("i18n/setlang/", login_not_required(set_language), name="set_language"),
    path("i18n/choose/", choose_language, name="choose_language"),
    path("accounts/login/", PortalLoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path(
        "accounts/password/",
        auth_views.PasswordChangeView.as_view(template_name="registration/password_change.html"),
        name="password_change",
    ),
    path(
        "accounts/password/done/",
        auth_views.PasswordChangeDoneView.as_view(template_name="registration/password_change_done.html"),
        name="password_change_done",
    ),
    path("admin/", admin.site.urls),
    path("staff/jobs/", include("jobs.urls")),
    path("staff/training/", include("training.urls")),
    path("staff/startup/", include("entrepreneurship.urls")),
    path("staff/assistance/", include("assistance.urls")),
    path("staff/partners/", include("partnerships.urls")),
    path("staff/self-service/", include("self_service.urls")),
    path("staff/", include("stations.urls")),
    path("reports/", include("reports.urls")),
    path("survey/", include("reports.urls_public")),
    path("api/v1/", include("config.api_urls")),
    path("api/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("api/docs/", SpectacularSwaggerView.as_view(url_name="api-schema"), name="api-docs"),
    path("jobs/", include("jobs.urls_public")),
    path("gigs/", include("jobs.urls_gigs")),
    path("g/", include("jobs.urls_gigs_short")),
    path("training/", include("training.urls_public")),
    path("startup/", include("entrepreneurship.urls_public")),
    path("assistance/", include("assistance.urls_public")),
    path("stories/", include("partnerships.urls_public")),
    path("me/", include("self_service.urls_public")),
    path("", include("stations.urls_public")),
]

# Media files (built workbooks) are never served as static files, not even in
# DEBUG: they are downloaded only through views that check scope.
