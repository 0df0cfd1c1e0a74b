"""The pruned tokenizer (search_api.model.pruned_tokenizer) gives exactly the full tokenizer's ids.

Fast: a toy unigram vocabulary where dropping the lowest-scoring piece would change the result;
the stamp (stale -> rebuilt, unwritable -> full tokenizer). Slow (the real XLM-R tokenizer and
int8 model from the suite's cache): every unit of the shipped corpus and the reference laws, the
dev queries and adversarial texts, with both prompts and none; embeddings bit-identical.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import numpy as np
import pytest
from tokenizers import Tokenizer

from search_api.model import pruned_tokenizer
from search_api.model.e5tokenizer import build_tokenizer
from search_api.model.pruned_tokenizer import PRUNED_FILE, STAMP_FILE, PrunedFirstTokenizer, write_pruned

REPO = Path(__file__).resolve().parents[2]
SHARED = REPO.parent / "shared"
PROMPTS = "query: passage: "

ADVERSARIAL = [
    "", " ", "   ", "x", "query: ", "안녕하세요 응급 관리", "应急😀管理🚒", "e\u0301 café naïve", "ＡＢＣ１２３ｘｙｚ",
    "控制\x00字符\x07\t\n\r换行", "应急" * 2000, "<s>应急</s>", "a<mask>b", "应急<unk>管理", "\u200b零宽\ufeff",
    "ﬁ ligature", "㎡平方米", "①②③", "Ⅻ", "。。。", "  多个   空格  ", "\u3000全角空格", "GDP增长", "PM2.5浓度",
    "Ω≈√∞", "ᄀ", "\U00020000\U0002a6d6", "⺀⺁", "Ǆ", "ΑΒΓ", "кириллица", "עברית", "العربية", "தமிழ்",
    "ｶﾀｶﾅ", "ひらがな", "应急\u0300管理", "第1条\u00a0规定", "\ud7a3", "How much protein should a female eat per day?",
]


def _full(folder: Path) -> Tokenizer:
    tok = Tokenizer.from_file(str(folder / "tokenizer.json"))
    tok.enable_truncation(512)
    return tok


def _assert_same_ids(pruned: PrunedFirstTokenizer, full: Tokenizer, texts: list[str]) -> None:
    ours = pruned.encode_batch(texts)
    theirs = [e.ids for e in full.encode_batch(texts)]
    wrong = [t[:60] for t, a, b in zip(texts, ours, theirs) if a != b]
    assert not wrong, wrong[:5]


# -- a toy vocabulary --------------------------------------------------------------------

TOY_PIECES = ["<s>", "<pad>", "</s>", "<unk>", "\u2581", "乙", "甲乙", "丙", "乙丙", "한", "응", "a", "▁a", "<mask>"]
TOY_SCORES = [0.0, 0.0, 0.0, 0.0, -1.0, -1.0, -20.0, -15.0, -1.0, -40.0, -2.0, -3.0, -2.5, 0.0]


FULL_WIDTH = {cp: chr(cp - 0xFEE0) for cp in range(0xFF01, 0xFF5F)}   # ａ -> a, as NFKC does


def _toy(folder: Path, keep=lambda piece: True) -> Path:
    """甲 has no piece of its own, so it scores (lowest score - 10). In 甲乙丙, 甲乙 + 丙 (-35)
    beats <unk> + 乙丙 only while the lowest piece (한, -40, outside C) counts: without it
    <unk> would score -30 and <unk> + 乙丙 (-31) win."""
    kept = [(p, s) for p, s in zip(TOY_PIECES, TOY_SCORES) if keep(p)]
    tok = build_tokenizer([p for p, _ in kept], [s for _, s in kept], FULL_WIDTH,
                          bos=0, eos=2, pad=1, unk=3)
    tok.save(str(folder / "tokenizer.json"))
    return folder


@pytest.fixture()
def toy(tmp_path) -> Path:
    return _toy(tmp_path)


def test_the_lowest_piece_is_kept_so_unknown_characters_score_the_same(toy, tmp_path_factory):
    assert write_pruned(toy, "tokenizer.json", PROMPTS)
    kept = [p for p, _ in json.loads((toy / PRUNED_FILE).read_text("utf-8"))["model"]["vocab"]]
    assert "한" in kept and "응" not in kept and "a" in kept      # 'a' is a prompt letter
    pruned = PrunedFirstTokenizer(toy, "tokenizer.json", 512, PROMPTS)
    texts = ["甲乙丙", "丁乙", "乙甲乙丙", "应急", "ａ甲乙丙", "응급", "<s>甲乙", ""]
    assert [pruned.fits(t) for t in texts] == [True, True, True, True, True, False, False, True]
    _assert_same_ids(pruned, _full(toy), texts)
    assert pruned.encode_batch(["甲乙丙"]) == [[0, 4, 6, 7, 2]]        # <s> ▁ 甲乙 丙 </s>: full ids
    without_lowest = _full(_toy(tmp_path_factory.mktemp("toy"), keep=lambda p: p != "한"))
    assert without_lowest.encode("甲乙丙").ids == [0, 4, 3, 8, 2]   # <s> ▁ <unk> 乙丙 </s>: what it guards


def test_a_stale_pruned_tokenizer_is_rebuilt(toy, monkeypatch):
    assert write_pruned(toy, "tokenizer.json", PROMPTS)
    stamp = json.loads((toy / STAMP_FILE).read_text("utf-8"))
    (toy / STAMP_FILE).write_text(json.dumps({**stamp, "source_sha256": "0" * 64}), "utf-8")
    assert PrunedFirstTokenizer(toy, "tokenizer.json", 512, PROMPTS).pruned
    assert json.loads((toy / STAMP_FILE).read_text("utf-8")) == stamp
    # other prompts, another recipe: rebuilt too
    assert pruned_tokenizer.current_stamp(toy, "tokenizer.json", PROMPTS + "z") is None
    monkeypatch.setattr(pruned_tokenizer, "PRUNE_VERSION", pruned_tokenizer.PRUNE_VERSION + 1)
    assert pruned_tokenizer.current_stamp(toy, "tokenizer.json", PROMPTS) is None


def test_a_cache_that_cannot_be_written_is_served_by_the_full_tokenizer(toy, monkeypatch):
    def read_only(*args):
        raise PermissionError("read-only cache")
    monkeypatch.setattr(pruned_tokenizer, "write_pruned", read_only)
    tok = PrunedFirstTokenizer(toy, "tokenizer.json", 512, PROMPTS)
    assert not tok.pruned and not tok.fits("甲乙")
    _assert_same_ids(tok, _full(toy), ["甲乙", "응급"])


def test_a_tokenizer_it_cannot_reason_about_is_not_pruned(toy, monkeypatch):
    full = json.loads((toy / "tokenizer.json").read_text("utf-8"))
    assert pruned_tokenizer.prune({**full, "pre_tokenizer": {"type": "Whitespace"}}, PROMPTS) is None
    assert pruned_tokenizer.prune({**full, "model": {**full["model"], "type": "BPE"}}, PROMPTS) is None
    monkeypatch.setattr(pruned_tokenizer, "prune", lambda *args: None)
    assert not PrunedFirstTokenizer(toy, "tokenizer.json", 512, PROMPTS).pruned
    assert not (toy / PRUNED_FILE).exists()
    # the stamp remembers it: the next load goes straight to the full tokenizer
    monkeypatch.setattr(pruned_tokenizer, "write_pruned", lambda *args: pytest.fail("tried again"))
    tok = PrunedFirstTokenizer(toy, "tokenizer.json", 512, PROMPTS)
    assert not tok.pruned
    _assert_same_ids(tok, _full(toy), ["甲乙丙", "응급"])


# -- the real tokenizer ------------------------------------------------------------------

@pytest.fixture(scope="module")
def xlmr(tmp_path_factory) -> Path:
    """The default model's tokenizer.json, pruned in a folder of its own."""
    from search_api.model.embedder import ensure_model
    from search_api.settings import Settings

    folder = tmp_path_factory.mktemp("models") / "xlmr"
    folder.mkdir()
    shutil.copyfile(ensure_model(None, Settings.from_env().cache) / "tokenizer.json", folder / "tokenizer.json")
    assert write_pruned(folder, "tokenizer.json", PROMPTS)
    return folder


def _unit_texts() -> dict[str, list[str]]:
    from ingest.documents import ingest_documents, titles_of
    from ingest.pipeline import load_corpus
    from search_api.index.builder import embedding_text
    from search_api.index.units import collect_units

    corpus = ingest_documents(load_corpus(REPO / "corpus"))
    laws = ingest_documents([(SHARED / "reference" / "emergency_laws.jsonl", None)],
                            known_titles=lambda: titles_of(corpus))
    return {"corpus": [embedding_text(u) for u in collect_units(corpus)],
            "laws": [embedding_text(u) for u in collect_units(laws)]}


def _dev_queries() -> list[str]:
    lines = (SHARED / "eval" / "dev_queries.tsv").read_text("utf-8").splitlines()
    return [line.split("\t")[1] for line in lines if line and not line.startswith("#")]


@pytest.mark.slow
def test_ids_equal_the_full_tokenizer_on_every_unit_query_and_odd_text(xlmr):
    pruned = PrunedFirstTokenizer(xlmr, "tokenizer.json", 512, PROMPTS)
    full = _full(xlmr)
    sets = {**_unit_texts(), "dev": _dev_queries(), "adversarial": ADVERSARIAL}
    assert len(sets["corpus"]) > 900 and len(sets["laws"]) > 20_000 and len(sets["dev"]) == 20
    for name, texts in sets.items():
        with_prompts = [p + t for t in texts for p in ("query: ", "passage: ", "")]
        _assert_same_ids(pruned, full, with_prompts)
        share = sum(map(pruned.fits, with_prompts)) / len(with_prompts)
        print(f"\n{name}: {len(with_prompts)} texts, {share:.4f} through the pruned tokenizer")
        if name != "adversarial":
            assert share > 0.99, name          # the point: Chinese policy text never needs the full one
    assert not any(map(pruned.fits, ["안녕하세요", "应急😀", "naïve", "<s>应急", "кириллица"]))


@pytest.mark.slow
def test_int8_embeddings_are_bit_identical_and_a_chinese_query_needs_no_full_tokenizer(monkeypatch):
    from search_api.model.embedder import VERIFY_SAMPLE, ensure_engine
    from search_api.model.int8engine import Int8Embedder
    from search_api.settings import Settings

    folder, model_id, _ = ensure_engine(None, Settings.from_env().cache, "int8")
    emb = Int8Embedder(folder, model_id)
    assert emb._tok.pruned
    emb.embed_queries(["燃气安全归哪个部门管？"])
    assert emb._tok._full is None
    texts = list(VERIFY_SAMPLE) + _unit_texts()["corpus"][::40] + ADVERSARIAL[:12]
    ours = np.vstack([emb.embed_passages(texts), emb.embed_queries(texts)])
    monkeypatch.setattr(emb._tok, "fits", lambda text: False)      # everything through the full one
    theirs = np.vstack([emb.embed_passages(texts), emb.embed_queries(texts)])
    assert np.array_equal(ours, theirs)
