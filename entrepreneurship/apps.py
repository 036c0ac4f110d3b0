from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EntrepreneurshipConfig(AppConfig):
    name = "entrepreneurship"
    verbose_name = _("Entrepreneurship")

    def ready(self):
        from entrepreneurship import permissions, policy_parameters  # noqa: F401  (registers rules and figures)
