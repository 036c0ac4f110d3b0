from django.db.models import Count, F, Q

from tests.benchmarks.citygen.conftest import TINY
from training.models import SEAT_HOLDING, Enrolment, EnrolmentStatus, TrainingClass, add_months


def test_city_enrolments_hold_a_seat_at_most_once_per_class_and_never_over_capacity(city):
    assert Enrolment.objects.count() > TINY["enrolments"] // 2
    live = Enrolment.objects.filter(status__in=SEAT_HOLDING)
    assert not live.values("resident", "training_class").annotate(n=Count("pk")).filter(n__gt=1).exists()
    over = TrainingClass.objects.annotate(
        seats=Count("enrolments", filter=Q(enrolments__status__in=SEAT_HOLDING))
    ).filter(seats__gt=F("capacity"))
    assert not over.exists()


def test_city_trainees_attend_one_class_at_a_time(city):
    seats = list(
        Enrolment.objects.filter(status__in=SEAT_HOLDING).values_list(
            "resident_id", "training_class__start_date", "training_class__end_date"
        )
    )
    for i, (resident, start, end) in enumerate(seats):
        for other, other_start, other_end in seats[i + 1 :]:
            assert resident != other or other_end < start or end < other_start


def test_city_completions_carry_their_employment_windows(city):
    completed = Enrolment.objects.filter(status=EnrolmentStatus.COMPLETED)
    assert completed.exists()
    for enrolment in completed:
        assert enrolment.window_3m_end == add_months(enrolment.completed_on, 3)
        assert enrolment.window_6m_end == add_months(enrolment.completed_on, 6)
    assert not Enrolment.objects.exclude(status=EnrolmentStatus.COMPLETED).filter(completed_on__isnull=False).exists()
