"""Public job pages are cached for visitors without a session
(stations.public_cache); any saved or deleted posting or employer drops them."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from jobs.models import Employer, Posting
from stations.public_cache import public_pages_changed


@receiver([post_save, post_delete], sender=Posting, dispatch_uid="jobs.public_pages_on_posting")
@receiver([post_save, post_delete], sender=Employer, dispatch_uid="jobs.public_pages_on_employer")
def _public_pages_changed(sender, **kwargs):
    public_pages_changed("jobs")
