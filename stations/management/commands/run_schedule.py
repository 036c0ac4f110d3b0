"""The beat schedule in this process, beside the development server (the
embedded default: no broker, tasks run eagerly). See stations/scheduler.py."""

import signal
import threading

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone
from django.utils.translation import gettext as _

from stations.scheduler import ScheduleState, scheduler_from_settings

# On stopping, how long runs still going may take to finish before the
# process exits anyway (their transactions are rolled back).
STOP_GRACE_SECONDS = 10.0


class Command(BaseCommand):
    help = (
        "Run the Celery beat schedule in this process with tasks run eagerly, for the embedded default "
        "without a broker; make run and make serve start it beside the development server. Ctrl-C stops it."
    )

    def handle(self, *args, **options):
        if not settings.CELERY_TASK_ALWAYS_EAGER:
            self.stdout.write(
                _("A broker is configured (REDIS_URL): the schedule runs in celery beat (make beat), not here.")
            )
            return
        stop = threading.Event()
        for signum in (signal.SIGINT, signal.SIGTERM):
            signal.signal(signum, lambda *_: stop.set())
        state = ScheduleState(settings.VAR_DIR / "schedule-state.json")
        scheduler = scheduler_from_settings(now=timezone.now(), last_runs=state.load())
        state.save(scheduler.last_runs())
        self.stdout.write(
            _("Running the schedule (%(count)d entries) in this process; Ctrl-C stops it.")
            % {"count": len(scheduler.entries)}
        )
        self.stdout.flush()
        while not stop.wait(scheduler.seconds_to_next()):
            started = scheduler.tick(timezone.now())
            for name in started:
                self.stdout.write(_("Started %(name)s.") % {"name": name})
                self.stdout.flush()
            if started:
                state.save(scheduler.last_runs())
        left = scheduler.join(timeout=STOP_GRACE_SECONDS)
        if left:
            self.stdout.write(_("Stopped; left unfinished: %(names)s.") % {"names": ", ".join(left)})
        else:
            self.stdout.write(_("Stopped."))
