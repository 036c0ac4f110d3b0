from django.urls import reverse

from tests.factories.jobs import PostingFactory


def test_qr_code_encodes_the_postings_public_url(community):
    import segno

    from jobs.qr import qr_svg

    posting = PostingFactory(employer__community=community)
    url = "http://testserver" + reverse("jobs_public:posting_detail", kwargs={"pk": posting.pk})
    assert qr_svg(url) == segno.make(url, error="m", micro=False).svg_inline(scale=3, border=2, omitsize=False)
