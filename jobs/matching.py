"""Precise matching (精准匹配): postings for a resident, residents for a posting.

Hard requirements (window, age, education, skill) are filtered in SQL; the
rest is scored in Python over `values_list` tuples (no model instances), so one
resident against 50,000 live postings stays well under a second. Every score
comes with the criteria that earned it, so staff can see why.
"""

from __future__ import annotations

import datetime as dt
import heapq
from dataclasses import dataclass, field

from django.db.models import Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from jobs.geo import haversine_km
from jobs.models import OccupationCategory, Posting, monthly_pay
from stations.models import EDUCATION_RANK, IN_WORK_STATUSES, SKILL_RANK, Community, Resident

WEIGHTS = {"category": 35, "pattern": 20, "salary": 20, "place": 15, "requirements": 10}


@dataclass
class Match:
    pk: int
    score: int
    reasons: list[str] = field(default_factory=list)
    distance_km: float | None = None
    obj: object = None


def categories_in(text: str) -> set[str]:
    """Occupation categories named in a resident's free-text wish (code, Chinese or English label)."""
    text = (text or "").lower()
    if not text:
        return set()
    found = set()
    for code, label in OccupationCategory.choices:
        with translation.override("en"):
            english = str(label)
        words = {code}
        for text_label in {english, str(label)}:
            zh = text_label[text_label.find("(") + 1 : text_label.find(")")] if "(" in text_label else ""
            words.add(text_label.split(" (")[0].lower())
            if zh:
                words.update({zh, *(zh[i : i + 2] for i in range(0, len(zh) - 1, 2))})
        if any(w and w in text for w in words):
            found.add(code)
    return found


# The market's kinds of work for a wanted category of the national
# classification (stations/occupations.py): a middle group, else its major group.
CLASSIFICATION_CATEGORIES: dict[str, set[str]] = {
    "2-05": {"care"},
    "2-08": {"education"},
    "3": {"office"},
    "3-01": {"office"},
    "3-02": {"cleaning_security"},
    "3-03": {"office"},
    "4-01": {"retail", "live_sales"},
    "4-02": {"delivery", "logistics"},
    "4-03": {"catering"},
    "4-07": {"office"},
    "4-09": {"cleaning_security"},
    "4-10": {"housekeeping", "community_service"},
    "4-14": {"care"},
    "5": {"agriculture"},
    "6": {"manufacturing"},
    "6-05": {"manufacturing", "home_piecework"},
    "6-09": {"manufacturing", "home_piecework"},
    "6-29": {"construction"},
    "6-30": {"logistics"},
}


def wanted_categories(code: str, text: str) -> set[str]:
    """Kinds of work a resident wants: from the classification code they chose
    and from any free text still on the record."""
    found = set(categories_in(text))
    if code:
        found |= CLASSIFICATION_CATEGORIES.get(code) or CLASSIFICATION_CATEGORIES.get(code.split("-")[0], set())
    return found


def _age(birth: dt.date, today: dt.date) -> int:
    return today.year - birth.year - ((today.month, today.day) < (birth.month, birth.day))


def _ranks_up_to(rank_map: dict[str, int], code: str) -> list[str]:
    limit = rank_map.get(code, -1)
    return [c for c, r in rank_map.items() if r <= limit]


def postings_for_resident(*, resident: Resident, limit: int = 20, today: dt.date | None = None) -> list[Match]:
    """Live postings ranked for `resident`. The caller has already fetched the
    resident through scope; postings are public, so any live one may match."""
    today = today or timezone.localdate()
    age = _age(resident.birth_date, today)
    qs = (
        Posting.objects.live(on=today)
        .filter(Q(age_min__isnull=True) | Q(age_min__lte=age), Q(age_max__isnull=True) | Q(age_max__gte=age))
        .filter(Q(education_min="") | Q(education_min__in=_ranks_up_to(EDUCATION_RANK, resident.education)))
        .filter(Q(skill_min="") | Q(skill_min__in=_ranks_up_to(SKILL_RANK, resident.skill_level or "none")))
    )
    wanted = wanted_categories(resident.wanted_occupation, resident.wanted_job_categories)
    pattern = resident.wanted_work_pattern
    expectation = resident.salary_expectation or 0
    community = resident.community
    home = (
        (float(community.latitude), float(community.longitude))
        if community.latitude is not None and community.longitude is not None
        else None
    )
    w_cat, w_pat, w_sal, w_place, w_req = (
        WEIGHTS[k] for k in ("category", "pattern", "salary", "place", "requirements")
    )
    # Place scores per community, from one small query: a posting sits at its
    # community's point, so no distance is computed per posting.
    place_scores: dict[int, int] = {}
    for community_id, lat, lng in Community.objects.exclude(latitude=None).values_list("pk", "latitude", "longitude"):
        if home is None:
            break
        d = haversine_km(home[0], home[1], float(lat), float(lng))
        place_scores[community_id] = w_place if d <= 1 else 12 if d <= 3 else 9 if d <= 5 else 5 if d <= 10 else 0
    place_scores[community.pk] = w_place
    # SQL prefilter: a posting that fits neither the wanted category, nor the
    # work pattern, nor the place scores at most salary + requirements (30) and
    # is only needed when too few others fit.
    nearby = [pk for pk, score in place_scores.items() if score]
    fits_something = Q(community_id__in=nearby)
    if wanted:
        fits_something |= Q(occupation_category__in=wanted)
    if pattern:
        fits_something |= Q(work_pattern=pattern)
    # Pay as a month's, to compare with the monthly expectation.
    qs = qs.annotate(monthly_max=monthly_pay("salary_max"))
    columns = ("pk", "occupation_category", "work_pattern", "monthly_max", "community_id")
    rows = list(qs.filter(fits_something).values_list(*columns))
    if len(rows) < limit:
        rows = list(qs.values_list(*columns))
    scored = []
    low_salary = expectation * 0.9
    for pk, category, work_pattern, salary_max, community_id in rows:
        score = w_req + place_scores.get(community_id, 0)
        if category in wanted:
            score += w_cat
        if work_pattern == pattern:
            score += w_pat
        if expectation:
            if salary_max >= expectation:
                score += w_sal
            elif salary_max >= low_salary:
                score += w_sal // 2
        scored.append((score, pk))
    best = heapq.nlargest(limit, scored)
    postings = Posting.objects.filter(pk__in=[pk for _s, pk in best]).select_related("employer", "community")
    by_pk = {p.pk: p for p in postings}
    out = []
    for score, pk in best:
        p = by_pk[pk]
        out.append(Match(pk, score, _explain_posting(resident, p, wanted, home, age), _distance(home, p), p))
    return out


def _distance(home, posting) -> float | None:
    if home is None or posting.latitude is None:
        return None
    return round(haversine_km(home[0], home[1], posting.latitude, posting.longitude), 1)


def _explain_posting(resident, p, wanted, home, age) -> list[str]:
    reasons = []
    if p.occupation_category in wanted:
        reasons.append(_("wanted category: %(c)s") % {"c": p.get_occupation_category_display()})
    if resident.wanted_work_pattern and p.work_pattern == resident.wanted_work_pattern:
        reasons.append(_("work pattern: %(p)s") % {"p": p.get_work_pattern_display()})
    if resident.salary_expectation and p.monthly_salary_max >= resident.salary_expectation:
        reasons.append(
            _("pays up to %(s)s, meets the expectation of %(e)s") % {"s": p.pay_text, "e": resident.salary_expectation}
        )
    if p.community_id == resident.community_id:
        reasons.append(_("in the resident's own community"))
    else:
        d = _distance(home, p)
        if d is not None and d <= 10:
            reasons.append(_("%(d)s km from home") % {"d": d})
    req = [_("age %(a)s fits") % {"a": age}]
    if p.education_min:
        req.append(_("education meets %(e)s") % {"e": p.get_education_min_display()})
    if p.skill_min:
        req.append(_("skill meets %(s)s") % {"s": p.get_skill_min_display()})
    reasons.append("; ".join(req))
    return reasons


def residents_for_posting(*, user, posting: Posting, limit: int = 20, today: dt.date | None = None) -> list[Match]:
    """Residents in the user's scope who are looking for work, ranked for `posting`."""
    today = today or timezone.localdate()
    qs = Resident.objects.visible_to(user).active().exclude(employment_status__in=IN_WORK_STATUSES)
    if posting.education_min:
        qs = qs.filter(
            education__in=[c for c, r in EDUCATION_RANK.items() if r >= EDUCATION_RANK[posting.education_min]]
        )
    if posting.skill_min:
        qs = qs.filter(skill_level__in=[c for c, r in SKILL_RANK.items() if r >= SKILL_RANK[posting.skill_min]])
    if posting.age_min:
        qs = qs.filter(birth_date__lte=today.replace(year=today.year - posting.age_min))
    if posting.age_max:
        qs = qs.filter(birth_date__gt=today.replace(year=today.year - posting.age_max - 1))
    qs = qs.exclude(job_recommendations__posting=posting)
    target = (posting.latitude, posting.longitude) if posting.latitude is not None else None
    scored = []
    for pk, wanted_code, wanted_text, pattern, expectation, community_id, lat, lng in qs.values_list(
        "pk",
        "wanted_occupation",
        "wanted_job_categories",
        "wanted_work_pattern",
        "salary_expectation",
        "community_id",
        "community__latitude",
        "community__longitude",
    ):
        score = WEIGHTS["requirements"]
        if posting.occupation_category in wanted_categories(wanted_code, wanted_text):
            score += WEIGHTS["category"]
        if pattern == posting.work_pattern:
            score += WEIGHTS["pattern"]
        if expectation and posting.monthly_salary_max >= expectation:
            score += WEIGHTS["salary"]
        if community_id == posting.community_id:
            score += WEIGHTS["place"]
        elif target is not None and lat is not None:
            d = haversine_km(target[0], target[1], float(lat), float(lng))
            score += 12 if d <= 3 else 9 if d <= 5 else 5 if d <= 10 else 0
        scored.append((score, pk))
    best = heapq.nlargest(limit, scored)
    residents = {r.pk: r for r in Resident.objects.filter(pk__in=[pk for _s, pk in best]).select_related("community")}
    out = []
    for score, pk in best:
        r = residents[pk]
        reasons = []
        if posting.occupation_category in wanted_categories(r.wanted_occupation, r.wanted_job_categories):
            reasons.append(_("wants %(c)s") % {"c": posting.get_occupation_category_display()})
        if r.wanted_work_pattern == posting.work_pattern:
            reasons.append(_("wants %(p)s work") % {"p": posting.get_work_pattern_display()})
        if r.salary_expectation and posting.monthly_salary_max >= r.salary_expectation:
            reasons.append(_("salary expectation %(e)s is met") % {"e": r.salary_expectation})
        if r.community_id == posting.community_id:
            reasons.append(_("lives in the posting's community"))
        reasons.append(_("meets the age, education and skill requirements"))
        out.append(Match(pk, score, reasons, None, r))
    return out
