"""/api/v1/: one router; every installed app with an `apis` module adds the
routes it lists in `apis.routes`."""

from rest_framework.routers import DefaultRouter

from stations.app_modules import app_modules

router = DefaultRouter()
for module in app_modules("apis"):
    for prefix, viewset, basename in module.routes:
        router.register(prefix, viewset, basename=basename)

urlpatterns = router.urls
