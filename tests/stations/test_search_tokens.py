from stations.search_tokens import name_grams, pinyin_query, pinyin_readings, query_grams, search_tokens_for


def test_name_grams_are_the_characters_and_neighbouring_pairs():
    assert name_grams("张晓燕") == ["张", "晓", "燕", "张晓", "晓燕"]


def test_a_short_search_is_one_token_and_a_long_one_its_pairs():
    assert query_grams("卢") == ["卢"]
    assert query_grams("秀英") == ["秀英"]
    assert query_grams("张晓燕") == ["张晓", "晓燕"]


def test_pinyin_readings_are_initials_and_full_pinyin():
    assert pinyin_readings("张晓燕") == ["zxy", "zhangxiaoyan"]


def test_every_reading_of_a_heteronym_surname_is_kept():
    readings = set(pinyin_readings("单丽"))
    assert {"dl", "danli", "sl", "shanli", "cl", "chanli"} <= readings


def test_a_name_without_chinese_has_no_pinyin():
    assert pinyin_readings("Anna") == []


def test_search_tokens_hold_grams_and_readings_space_separated():
    assert search_tokens_for("曾军").split() == ["曾", "军", "曾军", "cj", "cengjun", "zj", "zengjun"]


def test_a_pinyin_query_drops_spaces_and_apostrophes_and_case():
    assert pinyin_query("Zhang Xiao'yan") == "zhangxiaoyan"
    assert pinyin_query("张x") is None
