from self_service.views_public import app_name, urlpatterns

__all__ = ["app_name", "urlpatterns"]
