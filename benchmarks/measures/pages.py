"""Server time of the public job list, its text search and the staff pages
clerks spend the day on."""

from __future__ import annotations

from django.db.models import Count
from django.utils import timezone

from benchmarks.measures.results import Result
from benchmarks.measures.serving import bench_settings, bench_user, page_results, serve_in_turns, signed_in
from benchmarks.measures.subjects import busiest_community_id

PUBLIC_JOB_QUERY = "category=cleaning&pattern=full_time&salary=3000&sort=newest"


def job_list_query() -> str:
    """Filters of the public list that match something in the data."""
    from jobs.models import Posting

    row = (
        Posting.objects.live(on=timezone.localdate())
        .values("occupation_category", "work_pattern", "community__street__district_id")
        .annotate(n=Count("pk"))
        .order_by("-n")
        .first()
    )
    if row is None:
        return PUBLIC_JOB_QUERY
    return (
        f"category={row['occupation_category']}&pattern={row['work_pattern']}"
        f"&district={row['community__street__district_id']}&salary=3000"
    )


def search_path(client, text: str) -> str:
    """The address the search form redirects to (the text is kept server-side)."""
    from django.urls import reverse

    response = client.post(reverse("stations:resident_search"), {"text": text})
    if response.status_code != 302:
        raise RuntimeError(f"resident search answered {response.status_code}")
    return response["Location"]


# The public text search: a common job word, as residents type it.
PUBLIC_TEXT = "保洁"


def measure_pages(*, requests: int = 300, budget_seconds: float = 120) -> list[Result]:
    """Server time per request through the whole Django stack (django.test.Client,
    DEBUG off), median and p95, against the minimal view (benchmarks.bench_urls)
    requested the same way: anonymously for the public job list and its text
    search, signed in for the staff pages (as a community account of the
    busiest community, and as a district and a city account for the wider
    searches). `requests` per page, fewer (at least 30) when a group of pages
    has used up `budget_seconds`. The accounts are made for the run; every
    row the requests write (sessions, audit entries) is removed afterwards."""
    from django.test import Client
    from django.urls import reverse

    from benchmarks.bench_urls import EMPTY_STAFF_PATH
    from stations.models import Community, Resident, Role
    from stations.search_tokens import pinyin_readings

    results: list[Result] = []
    community_id = busiest_community_id()
    with bench_settings():
        anonymous = Client()
        jobs_path = f"{reverse('jobs_public:posting_list')}?{job_list_query()}"
        times = serve_in_turns(anonymous, {"jobs": jobs_path}, requests=requests, budget_seconds=budget_seconds)
        # Anonymous requests after the first are answered from the public page
        # cache, as a resident's phone is; the table says so.
        note = f"{len(times['jobs'])} requests; {jobs_path}; served from the page cache for visitors without a session"
        results += page_results("public job list with filters", times["jobs"], times["minimal"], note)
    # A text nobody searched in the last minute: the page built afresh (no page cache).
    with bench_settings(CACHES={"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}):
        anonymous = Client()
        text_path = f"{reverse('jobs_public:posting_list')}?q={PUBLIC_TEXT}"
        times = serve_in_turns(anonymous, {"text": text_path}, requests=requests, budget_seconds=budget_seconds)
        note = f"{len(times['text'])} requests; {text_path}; built afresh (no page cache)"
        results += page_results("public job text search", times["text"], times["minimal"], note, p95=None)
    if community_id is None:
        return results
    resident = Resident.objects.filter(community_id=community_id, removed_at__isnull=True).order_by("pk").first()
    readings = pinyin_readings(resident.name)
    district_id = Community.objects.filter(pk=community_id).values_list("street__district_id", flat=True).get()
    with bench_settings():
        staff = signed_in(bench_user(Role.COMMUNITY_STAFF, community_id=community_id))
        paths = {
            "floor": EMPTY_STAFF_PATH,
            "surname": search_path(staff, resident.name[:1]),
            "id4": search_path(staff, resident.id_number[-4:]),
            "mobile4": search_path(staff, resident.mobile[-4:]),
            "record": reverse("stations:resident_detail", kwargs={"pk": resident.pk}),
        }
        if readings:
            # The first reading of the name: initials (zxy), then the whole (zhangxiaoyan).
            paths["initials"] = search_path(staff, readings[0])
            paths["pinyin"] = search_path(staff, readings[1])
        times = serve_in_turns(staff, paths, requests=requests, budget_seconds=2 * budget_seconds)
        note = (
            f"{len(times['surname'])} requests each, signed in as staff of the busiest community (minimal view "
            f"too); surname {resident.name[:1]}"
        )
        minimal = times["minimal"]
        results += page_results("empty staff page (the floor)", times["floor"], minimal, note, median=1.5, p95=None)
        # Names stay the same on every data set (the comparison pairs figures by
        # name); the surname searched, the first resident's, is in the note.
        results += page_results("resident search by surname", times["surname"], minimal, note)
        results += page_results("resident search, last four of ID", times["id4"], minimal, note, p95=None)
        results += page_results("resident search, last four of mobile", times["mobile4"], minimal, note, p95=None)
        if readings:
            spelled = f"{note}; pinyin {readings[0]}, {readings[1]}"
            results += page_results("resident search, pinyin initials", times["initials"], minimal, spelled, p95=None)
            results += page_results("resident search, full pinyin", times["pinyin"], minimal, spelled, p95=None)
        results += page_results("resident record page", times["record"], minimal, note)
        for label, user in (
            ("district", bench_user(Role.DISTRICT_BUREAU, district_id=district_id)),
            ("city", bench_user(Role.CITY_BUREAU)),
        ):
            client = signed_in(user)
            path = search_path(client, resident.name[:1])
            times = serve_in_turns(client, {"search": path}, requests=requests, budget_seconds=budget_seconds)
            note = (
                f"{len(times['search'])} requests, signed in as a {label} account (minimal view too); "
                f"surname {resident.name[:1]}"
            )
            results += page_results(
                f"resident search by surname, {label} staff",
                times["search"],
                times["minimal"],
                note,
                median=10,
                p95=None,
            )
    return results
