"""The last place under concurrent accepts: needs PostgreSQL's row locks
(SQLite serialises writers by locking the whole file, which proves nothing)."""

import threading

import pytest
from django.db import connection, connections

from jobs.models import Gig, GigOffer, OfferState
from jobs.services import gigs as services
from tests.factories.gigs import GigOfferFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_concurrent_accepts_of_the_last_place_give_it_to_one(community):
    if connection.vendor != "postgresql":
        pytest.skip("row locks are tested on PostgreSQL")
    first = GigOfferFactory(gig__community=community, gig__places=1)
    others = [GigOfferFactory(gig=first.gig) for _ in range(5)]
    tokens = [o.token for o in [first, *others]]
    barrier = threading.Barrier(len(tokens))
    errors = []

    def accept(token):
        try:
            barrier.wait()
            services.offer_accept(token=token)
        except Exception as exc:  # noqa: BLE001 - any failure fails the test below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=accept, args=(t,)) for t in tokens]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    gig = Gig.objects.get()
    assert gig.places_taken == 1
    assert GigOffer.objects.filter(state=OfferState.ACCEPTED).count() == 1
    assert GigOffer.objects.filter(state=OfferState.WAITING).count() == 5
