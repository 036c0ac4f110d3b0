"""The nightly housekeeping job, by hand or from cron on sites without Celery."""

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from stations.services.housekeeping import housekeeping_purge_expired


class Command(BaseCommand):
    help = "Delete expired sign-in sessions, login-throttle and rate-limit counters, and refused changes."

    def handle(self, *args, **options):
        counts = housekeeping_purge_expired()
        self.stdout.write(
            _("Purged %(sessions)d expired sessions and %(login_attempts)d expired login-failure counters.") % counts
        )
        self.stdout.write(
            _("Purged %(rate_limit_counters)d rate-limit counters and %(refused_changes)d expired refused changes.")
            % counts
        )
