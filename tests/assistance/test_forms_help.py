from django.core import signing

from assistance.forms_help import CHALLENGE_SALT, HelpAnswerForm, new_challenge, read_challenge
from tests.factories.residents import ResidentFactory


def test_a_challenge_reads_back_and_a_forged_or_expired_one_does_not():
    token = new_challenge()
    data = read_challenge(token)
    assert 2 <= data["a"] + data["b"] <= 18
    assert read_challenge(signing.dumps({"a": 1, "b": 1}, salt=CHALLENGE_SALT)) is None
    assert read_challenge(token + "x") is None
    assert read_challenge(token, max_age=-1) is None


def test_the_answer_links_only_a_resident_it_offered(community):
    offered, other = ResidentFactory(community=community), ResidentFactory(community=community)
    data = {"reply": "请周三上午来驿站面谈", "phone": "0632-1234567"}
    linked = HelpAnswerForm({**data, "resident": offered.pk}, residents=[offered])
    stranger = HelpAnswerForm({**data, "resident": other.pk}, residents=[offered])
    assert linked.is_valid() and linked.cleaned_data["resident"] == offered
    assert not stranger.is_valid() and "resident" in stranger.errors
