"""jieba's accurate mode without HMM (``Tokenizer.cut(text, HMM=False)``): the same words, faster.

Text is split into runs exactly as jieba splits it (its own regexes); each run of Chinese, letters
and digits goes to jieba-rs (the ``rjieba`` binding), loaded with this tokenizer's dictionary. Its
route is jieba's: every dictionary word starting at a character is a candidate, scored
``ln(freq) - ln(total) + score of the rest`` in the same floating-point order, a tie going to the
longer word, and single letters and digits run together. Extraction segments every clause, and
the pure-Python route was a fifth of its time. tests/ingest/test_fastcut.py compares the two on
real text.
"""

from __future__ import annotations

import re
from functools import lru_cache

import jieba
import rjieba

_HAN = jieba.re_han_default       # runs jieba segments; everything else is passed through as it does
_SKIP = jieba.re_skip_default
if _HAN.groups != 1 or _SKIP.groups != 1:       # cut() reads split()'s pieces by their parity
    raise ImportError("jieba's block patterns changed: ingest.fastcut must be checked against it")
# a word that is in no run (runs hold Chinese, letters, digits and +#&._%-): it only carries the
# difference between jieba's total frequency and the sum of its words' (see _rust_tokenizer)
_BALLAST = "\x00"
# the characters jieba-rs's own runs hold and jieba's do not (CJK extension A, U+9FD6-U+9FFF, the
# compatibility ideographs, the supplementary planes' ideographs): every other character is split
# into runs, whitespace and single characters alike by both (tests/ingest/test_fastcut.py proves it
# character by character)
_WIDER_RUNS = re.compile("[\u3400-\u4dbf\u9fd6-\u9fff\uf900-\ufaff"
                         "\U00020000-\U0002a6df\U0002a700-\U0002ebef\U0002f800-\U0002fa1f]")


def _rust_tokenizer(tokenizer: jieba.Tokenizer) -> rjieba.Jieba:
    """jieba-rs with the words and frequencies of ``tokenizer``, and its total.

    jieba-rs's total is the sum of its words' frequencies; jieba's also counts the frequencies
    a word had before add_word changed it, so it is larger. The total scales every candidate,
    hence the ballast word that makes the two equal.
    """
    tokenizer.check_initialized()
    rust = rjieba.Jieba.empty()
    added = 0
    for word, freq in tokenizer.FREQ.items():
        if freq:                                        # 0: a mere prefix, no candidate for jieba either
            rust.add_word(word, freq, None)
            added += freq
    if tokenizer.total < added or _BALLAST in tokenizer.FREQ:
        raise ValueError("jieba's dictionary cannot be mirrored: total below its words' sum")
    if tokenizer.total > added:
        rust.add_word(_BALLAST, tokenizer.total - added, None)
    return rust


class FastCut:
    """``cut(text)`` == ``list(tokenizer.cut(text, HMM=False))`` for a tokenizer no longer changed."""

    def __init__(self, tokenizer: jieba.Tokenizer):
        self._rust = _rust_tokenizer(tokenizer)
        # a run of Chinese between punctuation ("县级以上地方人民政府应当") recurs across clauses and
        # documents far more often than a whole clause does: each is segmented once
        self._run_words = lru_cache(maxsize=1 << 16)(self._words_of_run)

    def _words_of_run(self, run: str) -> tuple[str, ...]:
        return tuple(self._rust.cut(run, False))

    def cut(self, text: str) -> list[str]:
        if _WIDER_RUNS.search(text) is None:
            # jieba-rs splits the text into the same runs and pieces as jieba (no character that its
            # runs hold and jieba's do not), and cuts each run as below: one call for the whole text
            return self._rust.cut(text, False)
        # both patterns have one group, so split() alternates text between matches (even
        # places) and matches (odd places): the parity says what jieba's re-match of each
        # piece would
        out: list[str] = []
        for n, blk in enumerate(_HAN.split(text)):
            if blk:
                out.extend(self._run_words(blk) if n % 2 else _words_between_runs(blk))
        return out


@lru_cache(maxsize=1 << 12)     # the same punctuation ("，", "）、") between runs, again and again
def _words_between_runs(blk: str) -> tuple[str, ...]:
    """What jieba makes of text between runs: each whitespace match one word, every other
    character a word of its own."""
    out: list[str] = []
    for k, piece in enumerate(_SKIP.split(blk)):
        if k % 2:
            out.append(piece)
        else:
            out.extend(piece)
    return tuple(out)
