from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TrainingConfig(AppConfig):
    name = "training"
    verbose_name = _("Training")

    def ready(self):
        from stations import navigation
        from stations.dashboard import DashboardPanel, register_panel
        from stations.demo import Seeder, register_seeder
        from stations.navigation import NavItem
        from training import permissions  # noqa: F401  (registers the rules)
        from training.demo import seed_training
        from training.views.staff import join_request_panel

        navigation.register_staff(
            NavItem(_("Training"), "training:home", order=40, permission="training.view", accesskey="t")
        )
        navigation.register_public(
            NavItem(
                _("Free training"),
                "training_public:catalogue",
                order=30,
                help=_("Subsidised courses and classes near you, evenings and weekends too."),
            )
        )
        register_panel(
            DashboardPanel(
                key="training.join_requests",
                template="training/_panel_join_requests.html",
                context=join_request_panel,
                order=40,
            )
        )
        register_seeder(Seeder("training", seed_training, order=60))
