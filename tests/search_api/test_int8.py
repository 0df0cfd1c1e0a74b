"""The int8 engine (search_api.model.int8engine): built from the fp32 model, agreeing with it,
cached apart from it, chosen with --embedder / $POLICYKG_EMBEDDER, and recorded by a build so
that queries always use the engine the clauses were embedded with.

Real model, real onnxruntime; the suite's model cache ($POLICYKG_CACHE), where the int8
folder is built once (~1 min) next to the fp32 one.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from clitools import live_generation, run_cli
from search_api.errors import UserError
from search_api.model import int8engine, pruned_tokenizer
from search_api.model.embcache import EmbeddingCache, embed_with_cache
from search_api.model.embedder import VERIFY_SAMPLE, Embedder, compare_engines, ensure_engine
from search_api.settings import Settings

pytestmark = pytest.mark.slow

REPO = Path(__file__).resolve().parents[2]
# Measured on the sample below (VERIFY_SAMPLE + 60 corpus lines, as passages and as queries):
# min cosine 0.993, mean 0.997 (per-tensor weights, recipe v1: 0.977 / 0.989). The floors leave a
# little room; a broken export or a wrong
# pooling scores far lower (< 0.9).
MIN_COSINE, MEAN_COSINE = 0.985, 0.993


@pytest.fixture(scope="module")
def cache() -> Path:
    return Settings.from_env().cache


@pytest.fixture(scope="module")
def fp32(cache):
    return Embedder.load(None, cache, engine="fp32")


@pytest.fixture(scope="module")
def int8(cache):
    return Embedder.load(None, cache, engine="int8")


def _corpus_lines(n: int = 60) -> list[str]:
    lines = [line.strip() for path in sorted((REPO / "corpus").glob("*.txt"))
             for line in path.read_text("utf-8").splitlines() if len(line.strip()) >= 8]
    return lines[:: max(1, len(lines) // n)][:n]


def test_int8_agrees_with_fp32(fp32, int8):
    sample = list(VERIFY_SAMPLE) + _corpus_lines()
    cos = compare_engines(fp32, int8, sample)
    print(f"\nint8 vs fp32 over {len(sample)} texts as passages and queries: "
          f"min cosine {cos.min():.4f}, mean {cos.mean():.4f}")
    assert cos.min() >= MIN_COSINE and cos.mean() >= MEAN_COSINE
    assert int8.dim == fp32.dim == 384
    vecs = int8.embed_passages(sample, batch_size=8)
    assert vecs.dtype == np.float32 and np.allclose(np.linalg.norm(vecs, axis=1), 1, atol=1e-5)
    assert int8.embed_queries([]).shape == (0, 384)
    # the prompts are applied: a text as query and as passage differ, as with fp32
    q, p = int8.embed_queries(["燃气安全"])[0], int8.embed_passages(["燃气安全"])[0]
    assert 0.8 < float(q @ p) < 0.9999


def test_a_cluster_embedding_actor_runs_one_thread_and_embeds_as_a_build_does(int8, cache):
    """The body of a Ray embedding actor (search_api.cluster.embedpool; no Ray needed to make one):
    one engine thread for its one CPU, not one per core of the node, and the build engine's vectors."""
    from search_api.cluster.embedpool import EmbedActor

    actor = EmbedActor(None, str(cache), "int8")
    assert actor._embedder._threads == 1
    assert int8._threads == _cores()   # the build engine: a thread per core
    assert actor.describe() == (int8.model_id, int8.dim, "int8")
    texts = list(VERIFY_SAMPLE) + _corpus_lines()
    assert np.array_equal(actor.embed(texts, 64), int8.embed_passages(texts, batch_size=64))


def _cores() -> int:
    import os

    return os.cpu_count() or 1


def test_int8_ranks_clauses_as_fp32_does(fp32, int8):
    clauses = ["推进瓶装液化石油气“瓶改管”工作，实行钢瓶实名制管理。",
               "加强森林防火巡查，严禁野外违规用火。",
               "开展危险化学品企业安全风险隐患排查治理。",
               "完善防汛抗旱指挥体系，提升洪涝灾害防御能力。"]
    queries = ["液化气罐换成管道燃气", "山上不能烧火", "化工厂的隐患怎么查", "洪水内涝怎么防"]
    for emb in (fp32, int8):
        scores = emb.embed_queries(queries) @ emb.embed_passages(clauses).T
        assert scores.argmax(axis=1).tolist() == [0, 1, 2, 3], emb.engine


def test_tokens_are_the_fp32_models(fp32, int8):
    """Same ids as sentence-transformers' tokenizer, prompts included, truncation at 512."""
    texts = ["passage: " + t for t in VERIFY_SAMPLE] + ["query:   spaced  out ", "passage: " + "应急" * 900]
    features = fp32._st.preprocess(texts) if hasattr(fp32._st, "preprocess") else fp32._st.tokenize(texts)
    ids, mask = int8._tokens(texts)
    width = int(mask.sum(axis=1).max())
    assert width == 512
    for row in range(len(texts)):
        ours = ids[row][mask[row] == 1].tolist()
        theirs = features["input_ids"][row][features["attention_mask"][row] == 1].tolist()
        assert ours == theirs, texts[row][:40]


def test_a_query_in_two_steps_is_embed_queries(fp32, int8):
    """A search tokenises first and runs the model later (SearchIndex): the same vector to the
    bit as embedding the query in one call, with either engine."""
    for engine in (int8, fp32):
        for query in ["燃气安全归哪个部门管？", "query: 到2025年", "应急" * 300]:
            two_steps = engine.query_in_two_steps(query)
            assert np.array_equal(two_steps(), engine.embed_queries([query])[0])


def test_the_int8_folder_is_built_once_next_to_fp32(int8, cache, monkeypatch):
    folder = int8.model_dir
    fp32_folder = ensure_engine(None, cache, "fp32")[0]
    assert folder == int8engine.int8_dir(fp32_folder) and folder.parent == fp32_folder.parent
    marker = json.loads((folder / int8engine.MARKER).read_text("utf-8"))
    assert marker["engine_version"] == int8engine.ENGINE_VERSION
    assert int8.model_id == f"{marker['source_model_id']}+int8v{int8engine.ENGINE_VERSION}"
    assert marker["verified_min_cosine"] >= MIN_COSINE
    assert sorted(p.name for p in folder.iterdir()) == sorted(
        [int8engine.MARKER, int8engine.MODEL_FILE, int8engine.CONFIG_FILE, int8engine.TOKENIZER_FILE,
         pruned_tokenizer.PRUNED_FILE, pruned_tokenizer.STAMP_FILE])
    assert not [p for p in folder.parent.iterdir() if ".tmp-" in p.name]     # no temp dirs left

    def no_rebuild(*args):
        raise AssertionError("the int8 model was built again")
    monkeypatch.setattr(int8engine, "export_int8", no_rebuild)
    assert ensure_engine(None, cache, "int8")[0] == folder


def test_a_mean_pooling_model_only(tmp_path):
    (tmp_path / "1_Pooling").mkdir()
    (tmp_path / "1_Pooling" / "config.json").write_text('{"pooling_mode_cls_token": true}')
    with pytest.raises(UserError, match="mean pooling only.*--embedder fp32"):
        int8engine.engine_config(tmp_path)


LOAD_SCRIPT = r"""
import sys, time
from pathlib import Path
t = time.perf_counter()
from search_api.model.embedder import Embedder
emb = Embedder.load(None, Path(sys.argv[1]), engine="int8")
emb.embed_queries(["燃气安全归哪个部门管？"])
print(round(time.perf_counter() - t, 3), "torch" in sys.modules, "transformers" in sys.modules)
"""


def test_int8_loads_without_torch(int8, cache):
    run = subprocess.run([sys.executable, "-c", LOAD_SCRIPT, str(cache)], cwd=REPO,
                         capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr[-2000:]
    seconds, torch_loaded, transformers_loaded = run.stdout.split()
    print(f"\nint8 engine: import + load + first query {seconds} s, torch imported: {torch_loaded}")
    assert torch_loaded == "False" and transformers_loaded == "False"


def test_the_embedding_cache_is_keyed_by_engine(fp32, int8, tmp_path):
    texts = _corpus_lines(12)
    assert fp32.model_id != int8.model_id
    with EmbeddingCache(tmp_path) as cache:
        a, new_a, _ = embed_with_cache(texts, fp32.model_id, fp32.dim, fp32.embed_passages, cache)
        b, new_b, _ = embed_with_cache(texts, int8.model_id, int8.dim, int8.embed_passages, cache)
        assert new_a == new_b == len(texts)          # int8 reuses none of fp32's vectors
        _, again, reused = embed_with_cache(texts, int8.model_id, int8.dim, int8.embed_passages, cache)
        assert again == 0 and reused == len(texts)
        assert cache.count() == 2 * len(texts)
    assert np.allclose(a, fp32.embed_passages(texts), atol=1e-5)
    assert np.allclose(b, int8.embed_passages(texts), atol=1e-5)
    assert not np.allclose(a, b, atol=1e-3)


def test_the_setting_and_its_errors():
    assert Settings.from_env({"POLICYKG_EMBEDDER": "fp32"}).embedder == "fp32"
    assert Settings.from_env({"POLICYKG_EMBEDDER": "fp32"}, embedder="int8").embedder == "int8"   # flag wins
    assert Settings.from_env({}).embedder is None
    with pytest.raises(UserError, match="unknown embedder 'fp16'"):
        Settings.from_env({"POLICYKG_EMBEDDER": "fp16"})
    proc = run_cli("search", "燃气", "--embedder", "fp16", data=REPO / "no-such-data")
    assert proc.returncode != 0 and "unknown embedder 'fp16'" in proc.stderr


def _index_meta(data: Path) -> dict:
    return json.loads((live_generation(data) / "index" / "index.json").read_text("utf-8"))


def test_a_build_records_its_engine_and_is_queried_with_it(tmp_path):
    """`build --embedder fp32`, then queries asking for int8 (flag or environment) still use fp32:
    same results as asking for fp32, and a note on stderr."""
    data = tmp_path / "data"
    proc = run_cli("build", "--corpus", str(REPO / "corpus"), "--embedder", "fp32", "--json", data=data,
                   timeout=1800)
    assert proc.returncode == 0, proc.stderr[-3000:]
    meta = _index_meta(data)
    assert meta["embedder"] == "fp32" and "+int8" not in meta["model_id"]
    manifest = json.loads((live_generation(data) / "manifest.json").read_text("utf-8"))
    assert manifest["index"]["embedder"] == "fp32"

    query = ["search", "瓶装液化气怎么管", "-k", "5", "--json"]
    as_built = run_cli(*query, "--embedder", "fp32", data=data)
    by_flag = run_cli(*query, "--embedder", "int8", data=data)
    by_env = run_cli(*query, data=data, env={"POLICYKG_EMBEDDER": "int8"})
    for proc in (as_built, by_flag, by_env):
        assert proc.returncode == 0, proc.stderr[-2000:]
    assert json.loads(by_flag.stdout) == json.loads(as_built.stdout) == json.loads(by_env.stdout)
    assert "embedded by the fp32 engine" in by_flag.stderr and "embedded by the fp32 engine" in by_env.stderr
    assert "embedded by the" not in as_built.stderr


def test_a_change_keeps_the_engine_of_the_build(tmp_path, monkeypatch):
    from search_api.index.search import recorded_engine

    assert recorded_engine(None) is None
    gen = tmp_path / "gen"
    (gen / "index").mkdir(parents=True)
    assert recorded_engine(gen) is None
    (gen / "index" / "index.json").write_text('{"model_id": "x"}')
    assert recorded_engine(gen) == "fp32"            # built before the int8 engine existed
    (gen / "index" / "index.json").write_text('{"model_id": "x", "embedder": "int8"}')
    assert recorded_engine(gen) == "int8"
