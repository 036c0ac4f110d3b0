from django.urls import reverse

from jobs.forms import JobFairForm
from jobs.models import Employer
from tests.factories.jobs import valid_credit_code

FULL_WIDTH = str.maketrans(
    "0123456789ABCDEFGHJKLMNPQRTUWXY", "０１２３４５６７８９ＡＢＣＤＥＦＧＨＪＫＬＭＮＰＱＲＴＵＷＸＹ"
)


def test_employer_form_takes_a_credit_code_typed_in_groups(client, community, community_staff):
    client.force_login(community_staff)
    code = valid_credit_code(21)
    grouped = " ".join(code[i : i + 4] for i in range(0, 18, 4)).translate(FULL_WIDTH)
    data = {
        "community": community.pk,
        "name": "运河物流",
        "credit_code": grouped,
        "legal_form": "company",
        "size": "small",
        "contact_name": "王",
        "contact_phone": "０６３２－３３１１２３４",
    }
    response = client.post(reverse("jobs:employer_create"), data)
    assert response.status_code == 302, response.context["form"].errors
    employer = Employer.objects.get()
    assert (employer.credit_code, employer.contact_phone) == (code, "0632-3311234")


def test_the_fair_form_asks_what_the_fair_is_before_where_it_is_organised(community_staff):
    form = JobFairForm(user=community_staff)

    assert list(form.fields) == [
        "title",
        "kind",
        "community",
        "starts_at",
        "ends_at",
        "place",
        "online_link",
        "description",
        "employers",
        "postings",
        "is_published",
    ]
