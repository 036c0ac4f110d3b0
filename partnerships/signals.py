"""Receivers that keep partnership records in step with other apps' writes
(jobs does not know this app exists)."""

from django.db.models.signals import post_save
from django.dispatch import receiver

from jobs.models import Placement


@receiver(post_save, sender=Placement, dispatch_uid="partnerships.commitments_on_placement")
def _commitments_on_placement(sender, instance, created, raw=False, **kwargs):
    # A hire on a posting linked to a commitment of posts may complete it.
    if created and not raw:
        from partnerships.services.network import commitments_check_for_placement

        commitments_check_for_placement(placement=instance)
