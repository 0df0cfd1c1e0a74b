"""An audit of the matter lexicon (ontology/matters.tsv) against the segmenter's dictionary.

A question's words are matched to matters by substring, longest first, so a matter's word
inside a longer everyday word names that matter: 行车 (a travelling crane, 特种设备) inside 自行车,
动车 (a bullet train) inside 机动车. Each common dictionary word that holds a matter's word other
than at its start has been reviewed: it is a matter's word itself, a lookalike naming nothing
(ontology/matter_lookalikes.tsv), or listed here with the matters it rightly names (head-final
compounds mostly: 高速公路 is a 公路). A word added to the lexicon, or to the dictionary, that makes
a new such word fails this test until someone has looked at it.
"""

from __future__ import annotations

import pytest

from ingest.segmenter import new_tokenizer
from ingest.vocab import matter_lookalikes, matters_table
from search_api.service.matters import recognise_matters

# jieba's frequency of a word in its dictionary: below this the words are rare proper names
COMMON = 30

REVIEWED: dict[str, tuple[str, ...]] = {
    "三峡大坝": ("水库大坝",),
    "上海铁路局": ("铁路交通",),
    "中央气象台": ("气象灾害",),
    "丹江口水库": ("防汛抗旱", "水库大坝"),
    "交通违章": ("道路交通",),
    "京九铁路": ("铁路交通",),
    "京广铁路": ("铁路交通",),
    "京沪铁路": ("铁路交通",),
    "京沪高速铁路": ("铁路交通",),
    "北京火车站": ("铁路交通",),
    "北京饭店": ("消防",),
    "十字路口": ("道路交通",),
    "发电厂": ("电力安全",),
    "城市道路": ("道路交通",),
    "大暴雨": ("气象灾害",),
    "地下综合管廊": ("城市管线",),
    "小河边": ("河道管理",),
    "川藏公路": ("道路交通",),
    "抗病毒": ("突发公共卫生事件",),
    "抗震救灾": ("地震", "自然灾害救助"),
    "核辐射": ("核事故",),
    "津浦铁路": ("铁路交通",),
    "火电厂": ("电力安全",),
    "狂风暴雨": ("气象灾害",),
    "神农架林区": ("森林防火",),
    "自行车赛": ("道路交通",),
    "艾滋病毒": ("突发公共卫生事件",),
    "襄渝铁路": ("铁路交通",),
    "钓鱼台国宾馆": ("消防",),
    "防护林": ("森林防火",),
    "防灾减灾救灾": ("自然灾害救助",),
    "陇海铁路": ("铁路交通",),
    "青藏公路": ("道路交通",),
    "青藏铁路": ("铁路交通",),
    "高速公路": ("道路交通",),
    "高速公路网": ("道路交通",),
}


@pytest.fixture(scope="module")
def lexicon() -> set[str]:
    return {w for _name, terms, aliases in matters_table() for w in terms + aliases}


def holding_a_matter_word(lexicon: set[str]) -> list[str]:
    """Common dictionary words, not themselves in the lexicon or lookalikes, holding a
    matter's word of two characters or more anywhere but at their start."""
    tokenizer = new_tokenizer()
    tokenizer.initialize()
    lookalikes = set(matter_lookalikes())
    out = []
    for word, freq in tokenizer.FREQ.items():
        if freq < COMMON or len(word) < 3 or word in lexicon or word in lookalikes:
            continue
        inner = {word[i:j] for i in range(1, len(word)) for j in range(i + 2, len(word) + 1)}
        if inner & lexicon:
            out.append(word)
    return sorted(out)


def test_every_common_word_holding_a_matter_word_is_reviewed(lexicon):
    found = holding_a_matter_word(lexicon)
    unreviewed = [w for w in found if w not in REVIEWED]
    print(f"\n{len(found)} common words hold a matter's word; {len(matter_lookalikes())} lookalikes listed")
    assert not unreviewed, (
        f"not reviewed: {unreviewed}; add each to matters.tsv (a matter's word), to "
        "matter_lookalikes.tsv (about no matter), or to REVIEWED with the matters it names")
    misread = {w: got for w in found if (got := tuple(m.name for m in recognise_matters(w))) != REVIEWED[w]}
    assert not misread, misread


def test_reviewed_words_are_still_common_dictionary_words(lexicon):
    """A stale entry would hide nothing, but would no longer be checked either."""
    assert set(REVIEWED) <= set(holding_a_matter_word(lexicon))


@pytest.mark.parametrize("word", matter_lookalikes())
def test_lookalikes_name_no_matter(word):
    assert recognise_matters(word) == []
    assert recognise_matters(f"{word}的问题归哪个部门管？") == []


def test_lookalikes_are_not_matter_words(lexicon):
    assert not set(matter_lookalikes()) & lexicon


def test_a_lookalike_must_hold_its_word_and_the_file_is_optional(tmp_path):
    from ingest import vocab

    (tmp_path / vocab.MATTER_LOOKALIKES_FILE).write_text("word\tholds\n水落石出\t落石\n电磁波\t辐射\n", "utf-8")
    try:
        vocab.configure(ontology=tmp_path)
        with pytest.raises(vocab.VocabularyError, match="电磁波"):
            vocab.matter_lookalikes()
        (tmp_path / vocab.MATTER_LOOKALIKES_FILE).unlink()
        assert vocab.matter_lookalikes() == ()   # an ontology folder of an earlier release
    finally:
        vocab.configure()
