"""Chinese word segmentation: the one place jieba is set up.

Every user gets a private ``jieba.Tokenizer`` with the domain dictionary
(ingest.vocab.userdict_path, e.g. "瓶改管" stays whole) loaded, so no part of the
product changes how another segments: extraction adds the gazetteer's names as
words of its own (ingest.extract.nlp), search segments in jieba's search mode
(search_api.index.tokens). Loading jieba's dictionary costs about a second, so it is
read once per process and each tokenizer starts from a copy of it (a few
hundredths of a second); callers still build their tokenizer once and keep it.
"""

from __future__ import annotations

import hashlib
import logging
import threading
from functools import lru_cache
from typing import Iterable

import jieba

from ingest.vocab import actors_table, userdict_path

# Forced words (gazetteer names) get this frequency: high enough to beat any split jieba prefers.
FORCED_FREQ = 200000

_lock = threading.Lock()


@lru_cache(maxsize=1)
def _jieba_dictionary() -> tuple[dict, int]:
    """jieba's own prefix dictionary (word -> frequency, total), read once: a private copy
    that no tokenizer changes."""
    jieba.setLogLevel(logging.WARNING)   # its "Building prefix dict" chatter is not ours to print
    tok = jieba.Tokenizer()
    tok.initialize()
    return tok.FREQ, tok.total


def _start(tok: jieba.Tokenizer) -> None:
    """Initialise ``tok`` (on jieba's default dictionary) from a copy of the one read, as
    ``tok.initialize()`` would from jieba's cache file."""
    with tok.lock:
        if not tok.initialized:
            freq, total = _jieba_dictionary()
            tok.FREQ, tok.total = dict(freq), total
            tok.initialized = True


def new_tokenizer(words: Iterable[str] = (), freq: int = FORCED_FREQ) -> jieba.Tokenizer:
    """A private jieba Tokenizer with the user dictionary loaded and ``words`` added."""
    tok = jieba.Tokenizer()
    with _lock:
        _start(tok)
        path = userdict_path()
        if path is not None:
            tok.load_userdict(str(path))
    for word in words:
        tok.add_word(word, freq=freq)
    return tok


def userdict_fingerprint() -> str:
    """Identifies the dictionary text was segmented with (recorded in the search index)."""
    path = userdict_path()
    return hashlib.sha256(path.read_bytes()).hexdigest()[:16] if path else "none"


@lru_cache(maxsize=1)
def word_tags() -> dict[str, str]:
    """Part-of-speech tag of each word of jieba's own dictionary (no user dictionary), the
    places it tags as other words (actors.toml ``place_words``) tagged as places."""
    import jieba.posseg

    jieba.setLogLevel(logging.WARNING)
    with _lock:
        _start(jieba.posseg.dt.tokenizer)
    jieba.posseg.dt.tokenizer.initialize()
    tags = jieba.posseg.dt.word_tag_tab       # (updated in place: posseg tags them so too)
    tags.update((word, "ns") for word in actors_table().get("generic", {}).get("place_words", []))
    return tags


def plain_words(text: str) -> list[str]:
    """jieba's own segmentation of ``text`` (its default dictionary, no domain words): how a
    general reader splits a modifier ("城乡建设") when no gazetteer name should win."""
    return list(_plain_words(text))


@lru_cache(maxsize=1 << 14)
def _plain_words(text: str) -> tuple[str, ...]:
    # extraction asks for the same short modifiers again and again; jieba's default dictionary
    # never changes (nobody adds words to it). Its log level matters only while it is set up
    # (setLogLevel clears every logger's cache: it cost more than a cut when called each time)
    if not jieba.dt.initialized:
        jieba.setLogLevel(logging.WARNING)
        with _lock:
            _start(jieba.dt)
    return tuple(jieba.lcut(text))
