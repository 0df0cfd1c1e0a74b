"""Extraction's fast segmentation reads clauses exactly as before: ingest.fastcut gives jieba's
words (accurate mode, HMM off) — on the seed plans and statutes, with and without the
gazetteer's forced words, and on the odd characters jieba passes through (letters and digits,
spaces, line breaks, punctuation) — and nlp.segment_clauses gives the words and actor entities
of the spaCy pipeline's Docs."""

from __future__ import annotations

import json

import pytest
from ingest_helpers import CORPUS, SHARED

ODD = ["", " ", "\r\n", "abc 123", "GB50028-2006规范", "a1b2燃气", "第3.2.1条", "１２３４５", "Ｈ２Ｓ", "e-mail&#_%",
       "到2025年底，老旧管网改造率达到80%以上。", "  两个 空格\t制表\n换行", "《中华人民共和国安全生产法》第二十一条",
       "人民政府\u3400应急管理部门\u9fd6消防救援机构\uf900\U00020000部门 ab\u4dbf12"]   # jieba-rs's wider runs


def _texts() -> list[str]:
    lines = [line for path in sorted(CORPUS.glob("*.txt")) for line in path.read_text("utf-8").splitlines()]
    laws = SHARED / "reference" / "emergency_laws.jsonl"
    if laws.exists():
        with open(laws, encoding="utf-8") as fh:
            for n, entry in zip(range(5), map(json.loads, fh)):
                lines += entry["content"].splitlines()
    return ODD + lines


@pytest.mark.parametrize("forced", [False, True], ids=["jieba-dictionary", "with-gazetteer-words"])
def test_fastcut_gives_jiebas_words(forced):
    from ingest.extract.gazetteer import load_gazetteer
    from ingest.fastcut import FastCut
    from ingest.segmenter import new_tokenizer

    tokenizer = new_tokenizer(load_gazetteer().surfaces_with_prefixes() if forced else ())
    fast = FastCut(tokenizer)
    texts = _texts()
    assert len(texts) > 2000
    differ = [t for t in texts if fast.cut(t) != list(tokenizer.cut(t, HMM=False))]
    assert not differ, differ[:3]


def test_segmented_clauses_read_as_the_pipelines_docs():
    from ingest.extract.nlp import Words, get_nlp, segment_clauses

    texts = [t for t in _texts() if t.strip()] + ["区应急管理局 牵头，区住建局  配合", "市应急管理局"]

    def ents(doc):
        return [(e.label_, e.start, e.end, e.text, e.start_char) for e in doc.ents]

    differ = []
    for text, segmented in zip(texts, segment_clauses(texts)):
        doc = get_nlp()(text)
        a, b = Words(doc), Words(segmented)
        if ents(doc) != ents(segmented) or (a.text, a.words, a.starts) != (b.text, b.words, b.starts):
            differ.append(text)
    assert not differ, differ[:3]
    assert sum(len(s.ents) for s in segment_clauses(texts)) > 300, "the texts name many bodies"


def test_fastcut_reads_with_jiebas_total(tmp_path):
    """A word re-added with a new frequency leaves jieba's total above its words' sum, and the
    total decides between fewer and more words: "甲乙" is one word at jieba's total (10,202), two
    at the sum (202)."""
    import jieba
    from ingest.fastcut import FastCut

    (tmp_path / "dict.txt").write_text("甲 100\n乙 100\n甲乙 1\n丙 10000\n", encoding="utf-8")
    tokenizer = jieba.Tokenizer(str(tmp_path / "dict.txt"))
    tokenizer.tmp_dir = str(tmp_path)
    tokenizer.add_word("丙", 1)
    assert list(tokenizer.cut("甲乙丙", HMM=False)) == ["甲乙", "丙"]
    assert FastCut(tokenizer).cut("甲乙丙") == ["甲乙", "丙"]


def test_jieba_rs_runs_differ_from_jiebas_only_where_fastcut_says():
    """FastCut cuts a text in one jieba-rs call unless it holds a character of _WIDER_RUNS: those
    are exactly the characters jieba-rs's runs hold and jieba's do not. A character is in a run
    when a dictionary word can span it ("甲" + c + "乙" added as a word is cut whole)."""
    import re

    import jieba
    import rjieba
    from ingest.fastcut import _WIDER_RUNS

    rust = rjieba.Jieba.empty()
    chars = [chr(cp) for cp in range(0x110000) if not 0xD800 <= cp <= 0xDFFF]
    for c in chars:
        rust.add_word("甲" + c + "乙", 10, None)
    in_jieba_run = re.compile(jieba.re_han_default.pattern[1:-2])    # the class without its group and +
    differ = [c for c in chars if (rust.cut("甲" + c + "乙", False) == ["甲" + c + "乙"])
              != bool(in_jieba_run.fullmatch(c))]
    assert differ and all(_WIDER_RUNS.fullmatch(c) for c in differ)
    assert sum(1 for c in chars if _WIDER_RUNS.fullmatch(c)) == len(differ)
