from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class PartnershipsConfig(AppConfig):
    """The plan's micro-organisation tasks (T9 partner network and joint
    meetings, T10 HR agencies and labour cooperatives) and its support
    measures for communities (typical examples, staff training, funds).

    A top-level app because it spans the region, stations, residents and jobs
    and belongs to none of them.
    """

    name = "partnerships"
    verbose_name = _("Partnerships")

    def ready(self):
        from jobs.placements import register_placement_listener
        from partnerships import permissions  # noqa: F401  (registers the rules)
        from partnerships.demo import SEEDERS
        from partnerships.services.network.commitments import commitments_check_for_placement
        from stations.demo import register_seeder
        from stations.navigation import (
            NavItem,
            register_account_action,
            register_public,
            register_resident_action,
            register_staff,
        )

        for seeder in SEEDERS:
            register_seeder(seeder)
        # A hire on a posting linked to a commitment of posts may complete it.
        register_placement_listener(commitments_check_for_placement)
        register_staff(
            NavItem(pgettext_lazy("menu", "Partners"), "partnerships:home", order=60, permission="partnerships.view")
        )
        register_resident_action(
            NavItem(
                _("Labour projects"),
                "partnerships:resident_project_placements",
                order=60,
                permission="partnerships.view",
            )
        )
        register_account_action(
            NavItem(
                _("Training record"),
                "partnerships:staff_training_person",
                permission="partnerships.manage_staff_training",
            )
        )
        register_public(
            NavItem(
                _("Stories"),
                "partnerships_public:story_list",
                order=60,
                help=_("Outstanding leaders, employment cases and startup stars"),
            )
        )
