from stations.services import notification_send


def notify(user, key="k1", **kwargs):
    """A reminder for `user`, sent once per `key`."""
    return notification_send(
        recipient=user, kind="reminder", message="Case 12 is due", link="/staff/", dedupe_key=key, **kwargs
    )
