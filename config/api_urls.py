"""/api/v1/: one router; each app lists its routes in `apis.routes`."""

from importlib import import_module

from rest_framework.routers import DefaultRouter

API_MODULES = [
    "stations.apis",
    "jobs.apis",
    "training.apis",
    "entrepreneurship.apis",
    "assistance.apis",
    "partnerships.apis",
]

router = DefaultRouter()
for module_name in API_MODULES:
    for prefix, viewset, basename in import_module(module_name).routes:
        router.register(prefix, viewset, basename=basename)

urlpatterns = router.urls
