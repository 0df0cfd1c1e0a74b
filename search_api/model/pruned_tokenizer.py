"""A unigram tokenizer cut down to the pieces Chinese policy text can use, with the full one behind it.

Loading XLM-R's tokenizer.json makes `tokenizers` build a trie over 250 002 pieces (about 0.7 s of
CPU), most of them words of other scripts. A unigram Viterbi over a text only ever uses pieces
that are substrings of the (normalised, pre-tokenised) text, so a tokenizer holding just the
pieces made of characters in a set C gives the same pieces for every text whose normalised
characters lie in C, provided it keeps:

- the normaliser, pre-tokeniser, post-processor and added tokens unchanged;
- the lowest-scoring piece: an unknown character scores ``min score - 10`` over the whole
  vocabulary, so the minimum must not move;
- every copy of a kept string (``tokenizers`` maps a string to its last id);
- the pieces' order, so the (piece -> pruned id -> full id) lookup is a plain array.

C (``covered``) is CJK text with ASCII digits, punctuation and capitals, Latin-1, the common
symbol blocks and the characters of the prompts ("query: ", "passage: "): about 28 000 pieces,
loaded in a few hundredths of a second. Lower-case ASCII words are left out on purpose (they
would bring back 75 000 pieces); a text with a character outside C, or holding an added token's
text (``<s>``), goes to the full tokenizer, loaded on first need.

Built offline beside the tokenizer.json it comes from (``write_pruned``), stamped with
PRUNE_VERSION and that file's sha256, so a changed source or recipe is rebuilt.
"""

from __future__ import annotations

import json
import os
import re
import tempfile
import threading
from pathlib import Path
from typing import Optional, Sequence

import numpy as np

PRUNE_VERSION = 1
PRUNED_FILE = "tokenizer.pruned.json"       # a plain tokenizers file
STAMP_FILE = "tokenizer.pruned-ids.json"    # version, source hash, pruned id -> full id

# Code point ranges of C besides the prompts' characters (see the module docstring).
COVERED_RANGES = (
    (0x0020, 0x0060), (0x007B, 0x007E),   # ASCII without a-z: space, digits, punctuation, A-Z
    (0x00A0, 0x00FF),                     # Latin-1: ·, °, ±, ×, ...
    (0x2000, 0x206F),                     # general punctuation: —, …, “”
    (0x2100, 0x27BF),                     # letterlike, number forms, arrows, maths (≥ ≤), ①, shapes
    (0x2E80, 0x2FFF),                     # CJK and Kangxi radicals
    (0x3000, 0x303F),                     # CJK symbols and punctuation: 、。《》
    (0x3200, 0x33FF),                     # enclosed CJK, CJK compatibility
    (0x3400, 0x4DBF), (0x4E00, 0x9FFF),   # CJK ideographs (extension A, unified)
    (0xF900, 0xFAFF),                     # CJK compatibility ideographs
    (0xFE10, 0xFE1F), (0xFE30, 0xFE6F),   # vertical, compatibility and small forms
    (0xFF00, 0xFFEF),                     # full-width and half-width forms
)


def covered(extra: str = "") -> re.Pattern:
    """A pattern that finds the first character outside C (C extended by ``extra``)."""
    ranges = "".join(f"\\U{a:08x}-\\U{b:08x}" for a, b in COVERED_RANGES)
    return re.compile(f"[^{ranges}{re.escape(''.join(sorted(set(extra))))}]")


def _sha256(path: Path) -> str:
    from search_api.model.filehash import file_sha256

    return file_sha256(path, memo_dir=path.parent.parent)   # the models folder, beside the model's hash


# -- building ----------------------------------------------------------------------------

def prune(full: dict, extra: str) -> Optional[tuple[dict, list[int]]]:
    """(pruned tokenizer.json, full id of each pruned id) for a parsed tokenizer.json, or None
    when the tokenizer is not one this reasoning holds for (not a unigram model behind a
    Metaspace pre-tokeniser; added or special tokens other than the vocabulary's own pieces)."""
    model, pre = full.get("model") or {}, full.get("pre_tokenizer") or {}
    if model.get("type") != "Unigram" or pre.get("type") != "Metaspace" or model.get("byte_fallback"):
        return None
    vocab = model["vocab"]
    outside = covered(extra + pre.get("replacement", "\u2581"))
    added = {t["content"] for t in full.get("added_tokens", [])}
    lowest = min(range(len(vocab)), key=lambda i: vocab[i][1])
    keep_strings = {p for p, _ in vocab if not outside.search(p)} | added | {vocab[lowest][0]}
    if model.get("unk_id") is not None:
        keep_strings.add(vocab[model["unk_id"]][0])
    full_ids = [i for i, (p, _) in enumerate(vocab) if p in keep_strings]
    pruned_id = {full_id: n for n, full_id in enumerate(full_ids)}
    last_id = {p: n for n, p in enumerate(vocab[i][0] for i in full_ids)}   # as tokenizers maps a string
    full_last_id = {p: i for i, (p, _) in enumerate(vocab)}
    if any(full_last_id.get(t["content"]) != t["id"] for t in full.get("added_tokens", [])):
        return None   # an added token outside the vocabulary, or at another id: not reasoned about
    out = dict(full)
    out["model"] = {**model, "vocab": [vocab[i] for i in full_ids],
                    "unk_id": None if model.get("unk_id") is None else pruned_id[model["unk_id"]]}
    out["added_tokens"] = [{**t, "id": last_id[t["content"]]} for t in full.get("added_tokens", [])]
    post = full.get("post_processor")
    if post is not None:
        specials = [i for spec in post.get("special_tokens", {}).values() for i in spec["ids"]]
        if post.get("type") != "TemplateProcessing" or not set(specials) <= pruned_id.keys():
            return None
        out["post_processor"] = {**post, "special_tokens": {
            name: {**spec, "ids": [pruned_id[i] for i in spec["ids"]]}
            for name, spec in post.get("special_tokens", {}).items()}}
    return out, full_ids


def write_pruned(folder: Path, source: str, extra: str) -> bool:
    """Write the pruned tokenizer of ``folder/source`` beside it (atomically: the stamp, written
    last, is what makes it current). False when the tokenizer cannot be pruned (the stamp then
    records that)."""
    src = folder / source
    result = prune(json.loads(src.read_text("utf-8")), extra)
    stamp = {"prune_version": PRUNE_VERSION, "source": source, "source_sha256": _sha256(src),
             "extra_characters": "".join(sorted(set(extra))), "full_ids": None}
    if result is not None:
        pruned, stamp["full_ids"] = result
        _write_atomic(folder / PRUNED_FILE, json.dumps(pruned, ensure_ascii=False))
    # a stamp without ids says "use the full tokenizer", so the next load does not try again
    _write_atomic(folder / STAMP_FILE, json.dumps(stamp, ensure_ascii=False))
    return result is not None


def _write_atomic(dest: Path, text: str) -> None:
    fd, tmp = tempfile.mkstemp(prefix=f".{dest.name}.", dir=dest.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(text)
        os.chmod(tmp, 0o644)
        os.replace(tmp, dest)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


def current_stamp(folder: Path, source: str, extra: str) -> Optional[dict]:
    """The stamp of the pruned tokenizer in ``folder`` if it was built from ``source`` as it is
    now, by this recipe, for these prompts; else None."""
    try:
        stamp = json.loads((folder / STAMP_FILE).read_text("utf-8"))
    except (OSError, ValueError):
        return None
    wanted = {"prune_version": PRUNE_VERSION, "source": source,
              "extra_characters": "".join(sorted(set(extra)))}
    if any(stamp.get(k) != v for k, v in wanted.items()):
        return None
    if stamp.get("full_ids") is not None and not (folder / PRUNED_FILE).is_file():
        return None
    return stamp if stamp.get("source_sha256") == _sha256(folder / source) else None


# -- running -----------------------------------------------------------------------------

class PrunedFirstTokenizer:
    """The ids ``folder/source`` gives every text, from the pruned tokenizer whenever the text
    allows it and from the full one (loaded on first need) otherwise; truncated to
    ``max_length``, no padding. The pruned one is built here if missing or stale (a cache from
    before it existed); a cache that cannot be written is served by the full tokenizer."""

    def __init__(self, folder: Path, source: str, max_length: int, extra: str = ""):
        from tokenizers import Tokenizer

        self._folder, self._source, self._max_length = folder, source, max_length
        self._full = None
        self._full_lock = threading.Lock()
        self._pruned = None
        stamp = current_stamp(folder, source, extra)
        if stamp is None:
            try:
                write_pruned(folder, source, extra)
                stamp = current_stamp(folder, source, extra)
            except OSError:   # a read-only cache
                stamp = None
        if stamp is not None and stamp["full_ids"] is not None:
            self._pruned = self._configured(Tokenizer.from_file(str(folder / PRUNED_FILE)))
            self._to_full = np.asarray(stamp["full_ids"], dtype=np.int64)
            self._outside = covered(stamp["extra_characters"] + self._replacement(self._pruned))
            self._added = [t.content for t in self._pruned.get_added_tokens_decoder().values()]

    @property
    def pruned(self) -> bool:
        return self._pruned is not None

    def _configured(self, tok):
        tok.enable_truncation(self._max_length)
        tok.no_padding()
        return tok

    @staticmethod
    def _replacement(tok) -> str:
        return getattr(tok.pre_tokenizer, "replacement", "\u2581")

    def full(self):
        """The full tokenizer, loaded once (threads may ask at once)."""
        with self._full_lock:
            if self._full is None:
                from tokenizers import Tokenizer

                self._full = self._configured(Tokenizer.from_file(str(self._folder / self._source)))
            return self._full

    def fits(self, text: str) -> bool:
        """Whether the pruned tokenizer gives ``text`` the full one's pieces: no added token's
        text in it (those split the text before normalising) and, once normalised, every
        character in C."""
        if self._pruned is None or any(a in text for a in self._added):
            return False
        normalizer = self._pruned.normalizer
        normalised = normalizer.normalize_str(text) if normalizer is not None else text
        return self._outside.search(normalised) is None

    def encode_batch(self, texts: Sequence[str]) -> list[list[int]]:
        """The full tokenizer's ids for each text."""
        out: list[list[int]] = [[] for _ in texts]
        fitting = [i for i, t in enumerate(texts) if self.fits(t)]
        if fitting:
            for i, enc in zip(fitting, self._pruned.encode_batch([texts[i] for i in fitting])):
                out[i] = self._to_full[np.asarray(enc.ids, dtype=np.int64)].tolist()
        rest = sorted(set(range(len(texts))) - set(fitting))
        if rest:
            for i, enc in zip(rest, self.full().encode_batch([texts[i] for i in rest])):
                out[i] = enc.ids
        return out
