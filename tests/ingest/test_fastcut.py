"""ingest.fastcut gives exactly jieba's words (accurate mode, HMM off) — on the seed plans and
statutes, with and without the gazetteer's forced words, and on the odd characters jieba passes
through (letters and digits, spaces, line breaks, punctuation)."""

from __future__ import annotations

import json

import pytest
from ingest_helpers import CORPUS, SHARED

ODD = ["", " ", "\r\n", "abc 123", "GB50028-2006规范", "a1b2燃气", "第3.2.1条", "１２３４５", "Ｈ２Ｓ", "e-mail&#_%",
       "到2025年底，老旧管网改造率达到80%以上。", "  两个 空格\t制表\n换行", "《中华人民共和国安全生产法》第二十一条"]


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
