"""The int8 engine: the same sentence-transformers model exported to ONNX, its BERT layers fused,
its weights dynamically quantised to int8, run by onnxruntime.

Built once, offline, from the fp32 folder that ``search_api.model.embedder.ensure_model`` returns,
into the sibling folder ``<fp32 folder>-int8-v<ENGINE_VERSION>`` (atomically, like the
conversion; the marker ``policykg-int8.json`` records the source model id and ENGINE_VERSION, so
a new source or a new recipe builds a new folder). What the folder holds:

- ``model.onnx``: input_ids + attention_mask -> mean pooling over the attention mask (the
  model's 1_Pooling is ``pooling_mode_mean_tokens``) -> L2 normalisation, exactly what
  sentence-transformers computes for e5; MatMul / Attention / embedding weights int8
  (``onnxruntime.quantization.quantize_dynamic``, QInt8, one scale per output channel, 7-bit
  range), activations quantised per batch;
- ``tokenizer.json`` (the fp32 folder's, unchanged) and ``engine.json`` (prompts, max length);
- ``tokenizer.pruned.json`` and its stamp: tokenizer.json cut down to the pieces of CJK text,
  which loads in a fraction of the time and gives the same ids (search_api.model.pruned_tokenizer;
  written here, or on first load into a folder built before it existed).

Exporting needs torch (already a dependency): the TorchScript exporter
(``torch.onnx.export(..., dynamo=False)``), which needs neither onnxscript nor optimum.
Loading needs only onnxruntime and tokenizers — no torch, no transformers: about half a second
of CPU, most of it the onnxruntime session (bench/RESULTS.md, "Embedding engines: int8 vs fp32").
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
import warnings
from pathlib import Path
from typing import Callable, Optional, Sequence

import numpy as np

from search_api.errors import UserError
from search_api.model.base import TextEmbedder, unit_rows
from search_api.model.e5convert import build_folder
from search_api.model.pruned_tokenizer import PrunedFirstTokenizer, write_pruned

ENGINE_VERSION = 2   # 1: per-tensor weights (min cosine to fp32 0.977); 2: per-channel, 7-bit
MARKER = "policykg-int8.json"
MODEL_FILE = "model.onnx"
CONFIG_FILE = "engine.json"
TOKENIZER_FILE = "tokenizer.json"
OPSET = 17


def int8_dir(fp32_dir: Path) -> Path:
    return fp32_dir.parent / f"{fp32_dir.name}-int8-v{ENGINE_VERSION}"


def ensure_int8(fp32_dir: Path, source_model_id: str,
                check: Optional[Callable[[Path], dict]] = None) -> Path:
    """The int8 folder built from ``fp32_dir`` (built now if missing or outdated)."""
    wanted = {"source_model_id": source_model_id, "engine_version": ENGINE_VERSION}
    return build_folder(int8_dir(fp32_dir), MARKER, wanted, lambda tmp: export_int8(fp32_dir, tmp), check)


# -- reading the sentence-transformers folder ----------------------------------------

def _json(path: Path) -> dict:
    try:
        return json.loads(path.read_text("utf-8"))
    except (OSError, ValueError):
        return {}


def engine_config(fp32_dir: Path) -> dict:
    """Prompts, maximum length and pooling of a sentence-transformers folder; refuses what
    the int8 engine does not reproduce (anything but mean pooling, no fast tokenizer)."""
    modules = _json(fp32_dir / "modules.json")
    pooling_dir = next((m.get("path", "") for m in modules if m.get("type", "").endswith(".Pooling")), "1_Pooling")
    pooling = _json(fp32_dir / pooling_dir / "config.json")
    modes = [k for k, v in pooling.items() if k.startswith("pooling_mode") and v]
    if modes != ["pooling_mode_mean_tokens"]:
        raise UserError(f"the int8 engine reproduces mean pooling only; {fp32_dir.name} pools with "
                        f"{modes or 'an unknown method'}: use --embedder fp32")
    if not (fp32_dir / TOKENIZER_FILE).is_file():
        raise UserError(f"{fp32_dir.name} has no {TOKENIZER_FILE} (fast tokenizer): use --embedder fp32")
    st_config = _json(fp32_dir / "config_sentence_transformers.json")
    max_len = (_json(fp32_dir / "sentence_bert_config.json").get("max_seq_length")
               or _json(fp32_dir / "tokenizer_config.json").get("model_max_length") or 512)
    config = _json(fp32_dir / "config.json")
    return {
        "prompts": st_config.get("prompts") or {},
        "max_seq_length": int(min(max_len, config.get("max_position_embeddings", max_len))),
        "dim": int(pooling.get("word_embedding_dimension") or config.get("hidden_size")),
        "pad_token_id": int(config.get("pad_token_id") or 0),
    }


# -- building --------------------------------------------------------------------------

def export_int8(fp32_dir: Path, out: Path) -> None:
    """Write model.onnx (int8), tokenizer.json and engine.json for ``fp32_dir`` into ``out``."""
    cfg = engine_config(fp32_dir)
    work = Path(tempfile.mkdtemp(prefix="export-", dir=out))
    try:
        onnx_fp32 = _export_fp32(fp32_dir, work / "fp32.onnx")
        fused = _fuse(onnx_fp32, _json(fp32_dir / "config.json"), work / "fused.onnx")
        _quantise(fused, out / MODEL_FILE)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    shutil.copyfile(fp32_dir / TOKENIZER_FILE, out / TOKENIZER_FILE)
    write_pruned(out, TOKENIZER_FILE, prompt_characters(cfg))
    (out / CONFIG_FILE).write_text(json.dumps(cfg, ensure_ascii=False, indent=2) + "\n", "utf-8")


def prompt_characters(cfg: dict) -> str:
    """Every text the engine tokenises starts with a prompt: its letters must not send a text
    past the pruned tokenizer."""
    return "".join((cfg.get("prompts") or {}).values())


def _export_fp32(fp32_dir: Path, dest: Path) -> Path:
    os.environ["HF_HUB_OFFLINE"] = "1"
    os.environ["TRANSFORMERS_OFFLINE"] = "1"
    import torch
    import transformers
    from transformers import AutoModel

    transformers.utils.logging.disable_progress_bar()
    encoder = AutoModel.from_pretrained(str(fp32_dir), attn_implementation="eager", local_files_only=True).eval()

    class MeanPooled(torch.nn.Module):
        """The encoder, sentence-transformers' mean pooling (over the attention mask) and
        Normalize: one unit vector per text."""

        def __init__(self, enc):
            super().__init__()
            self.enc = enc

        def forward(self, input_ids, attention_mask):
            hidden = self.enc(input_ids=input_ids, attention_mask=attention_mask,
                              token_type_ids=torch.zeros_like(input_ids)).last_hidden_state
            mask = attention_mask.unsqueeze(-1).to(hidden.dtype)
            mean = (hidden * mask).sum(1) / mask.sum(1).clamp(min=1e-9)
            return torch.nn.functional.normalize(mean, p=2.0, dim=1)

    ids = torch.tensor([[0, 100, 200, 2], [0, 100, 2, 1]])
    mask = torch.tensor([[1, 1, 1, 1], [1, 1, 1, 0]])
    with warnings.catch_warnings(), torch.no_grad():
        warnings.simplefilter("ignore")   # tracer notes about transformers' mask helpers
        torch.onnx.export(MeanPooled(encoder).eval(), (ids, mask), str(dest),
                          input_names=["input_ids", "attention_mask"], output_names=["embedding"],
                          dynamic_axes={"input_ids": {0: "batch", 1: "tokens"},
                                        "attention_mask": {0: "batch", 1: "tokens"},
                                        "embedding": {0: "batch"}},
                          opset_version=OPSET, dynamo=False)
    return dest


def _fuse(src: Path, config: dict, dest: Path) -> Path:
    """onnxruntime's transformer fusions (Attention, SkipLayerNorm, BiasGelu, EmbedLayerNorm)
    for BERT encoders: fewer, larger kernels, and a fused Attention that is quantised too."""
    if config.get("model_type") != "bert":
        return src
    from onnxruntime.transformers.optimizer import optimize_model

    fused = optimize_model(str(src), model_type="bert", num_heads=int(config["num_attention_heads"]),
                           hidden_size=int(config["hidden_size"]), opt_level=0)
    fused.save_model_to_file(str(dest))
    return dest


def _quantise(src: Path, dest: Path) -> None:
    import logging

    from onnx import TensorProto
    from onnxruntime.quantization import QuantType, quantize_dynamic

    logging.getLogger().setLevel(max(logging.getLogger().level, logging.ERROR))  # "consider pre-processing"
    # per_channel: one scale per output column instead of per matrix; reduce_range: 7-bit weights,
    # so the u8 x s8 products of AVX2 kernels (VPMADDUBSW) cannot saturate. Measured against
    # fp32 on the test sample (tests/search_api/test_int8.py): min cosine 0.977 -> 0.993, mean 0.989 -> 0.997.
    quantize_dynamic(str(src), str(dest), weight_type=QuantType.QInt8, per_channel=True, reduce_range=True,
                     extra_options={"DefaultTensorType": TensorProto.FLOAT})  # fused ops carry no type info


# -- running ---------------------------------------------------------------------------

class Int8Embedder(TextEmbedder):
    """One onnxruntime session over an int8 folder (see ensure_int8)."""

    engine = "int8"

    def __init__(self, folder: Path, model_id: str, serving: bool = False):
        import onnxruntime as ort

        cfg = _json(folder / CONFIG_FILE)
        if not cfg or not (folder / MODEL_FILE).is_file():
            raise UserError(f"{folder} is not an int8 engine folder; delete it to have it rebuilt")
        self.model_dir = folder
        self.model_id = model_id
        self.dim = int(cfg["dim"])
        self._prompts = cfg.get("prompts") or {}
        self._passage_prompt = "passage" if self._prompts.get("passage") else None
        self._query_prompt = "query" if self._prompts.get("query") else None
        self._pad = int(cfg.get("pad_token_id", 0))
        self._tok = PrunedFirstTokenizer(folder, TOKENIZER_FILE, int(cfg["max_seq_length"]), prompt_characters(cfg))
        options = ort.SessionOptions()
        # building: every core; serving: one thread per request, no spinning on a shared box
        # (the same split as search_api.model.embedder.use_threads for torch)
        self._threads = 1 if serving else (os.cpu_count() or 1)
        options.intra_op_num_threads = self._threads
        options.inter_op_num_threads = 1
        if serving:
            options.add_session_config_entry("session.intra_op.allow_spinning", "0")
        try:
            self._session = ort.InferenceSession(str(folder / MODEL_FILE), options,
                                                 providers=["CPUExecutionProvider"])
        except Exception as exc:   # onnxruntime raises its own exception types
            raise UserError(f"cannot load the int8 engine from {folder}: {exc}") from exc

    def parallel_calls(self) -> int:
        return max(1, (os.cpu_count() or 1) // self._threads)

    def _encode(self, texts: Sequence[str], prompt: Optional[str], batch_size: int) -> np.ndarray:
        prefix = self._prompts.get(prompt, "") if prompt else ""
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for start in range(0, len(texts), max(batch_size, 1)):
            batch = [prefix + t for t in texts[start:start + batch_size]]
            out[start:start + len(batch)] = self._run(*self._tokens(batch))
        return unit_rows(out)

    def query_in_two_steps(self, query: str) -> Callable[[], np.ndarray]:
        tokens = self._tokens([(self._prompts.get(self._query_prompt, "") if self._query_prompt else "") + query])
        return lambda: unit_rows(self._run(*tokens).astype(np.float32, copy=False))[0]

    def _run(self, ids: np.ndarray, mask: np.ndarray) -> np.ndarray:
        return self._session.run(None, {"input_ids": ids, "attention_mask": mask})[0]

    def _tokens(self, texts: list[str]) -> tuple[np.ndarray, np.ndarray]:
        token_ids = self._tok.encode_batch(texts)
        width = max(len(t) for t in token_ids)
        ids = np.full((len(texts), width), self._pad, dtype=np.int64)
        mask = np.zeros((len(texts), width), dtype=np.int64)
        for row, row_ids in enumerate(token_ids):
            ids[row, :len(row_ids)] = row_ids
            mask[row, :len(row_ids)] = 1
        return ids, mask
