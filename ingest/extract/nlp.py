"""One spaCy pipeline for the whole process: blank "zh", jieba segmentation that keeps
gazetteer names whole, and an EntityRuler that labels actors (ACTOR, ent_id = the
gazetteer entry's canonical name).

Built once per vocabulary and cached: loading jieba's dictionary costs ~1 s (see
ingest.segmenter), so nothing here may run per clause. Extraction reads its clauses through
``segment_clauses`` (the same words and entities, without spaCy's per-word work: Segmented).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from functools import lru_cache
from itertools import accumulate
from operator import add
from pathlib import Path
from typing import Iterable, Iterator, NamedTuple, Optional

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from ingest.extract.gazetteer import load_gazetteer
from ingest.fastcut import FastCut
from ingest.literals import longest_of
from ingest.segmenter import new_tokenizer
from ingest.vocab import ACTORS_FILE, ontology_file, userdict_path


class GazetteerSegmenter:
    """jieba segmentation in which every gazetteer surface is forced to be one token.

    Uses its own jieba.Tokenizer (ingest.segmenter) so the domain dictionary does not
    leak into (or depend on) anybody else's segmentation.
    """

    def __init__(self, vocab, surfaces: list[str]):
        self.vocab = vocab
        self.jieba = new_tokenizer(surfaces)
        self._fast = FastCut(self.jieba)      # jieba's own words (HMM off), computed faster
        self.forced = re.compile(longest_of(surfaces)) if surfaces else None
        # the stretches between names repeat across clauses and documents ("县级以上地方", "应当"):
        # jieba is deterministic, so each is segmented once
        self._cut = lru_cache(maxsize=1 << 16)(self._jieba_cut)

    def _jieba_cut(self, text: str) -> tuple[str, ...]:
        return tuple(self._fast.cut(text))

    def _words(self, text: str) -> tuple[list[str], list[bool], list[int]]:
        """Words, trailing-space flags, and the indexes of the forced (gazetteer) words."""
        words, spaces, forced = [], [], []
        pos = 0
        for m in self.forced.finditer(text) if self.forced is not None else ():
            if m.start() > pos:
                self._append(self._cut(text[pos:m.start()]), words, spaces)
            forced.append(len(words))
            words.append(m.group())
            spaces.append(False)
            pos = m.end()
        if pos < len(text):
            self._append(self._cut(text[pos:]), words, spaces)
        return words, spaces, forced

    @staticmethod
    def _append(pieces, words: list[str], spaces: list[bool]) -> None:
        if " " not in pieces:                   # no space to fold (nearly every stretch): all at once
            words.extend(pieces)
            spaces.extend([False] * len(pieces))
            return
        for piece in pieces:
            if piece == " " and words and not spaces[-1]:
                spaces[-1] = True               # spaCy keeps a single space as a token attribute
                continue
            words.append(piece)
            spaces.append(False)

    def __call__(self, text: str) -> Doc:
        words, spaces, _ = self._words(text)
        doc = Doc(self.vocab, words=words, spaces=spaces)
        doc.user_data["words"] = (words, spaces)   # read back by Words without touching tokens
        return doc

    def segment(self, text: str) -> "Segmented":
        """What the pipeline's Doc gives extraction, without building one (see Segmented)."""
        words, spaces, forced = self._words(text)
        view = _view(words, spaces, text)
        starts = view[2]
        ents = tuple(Entity(ACTOR, i, i + 1, words[i], starts[i]) for i in forced)
        return Segmented({"words": (words, spaces), "view": view}, ents)


def _view(words: list[str], spaces: list[bool], text: Optional[str] = None) -> tuple[str, list[str], list[int]]:
    """(text, words, start of each word) of words with their trailing-space flags; ``text``: the
    text they were cut from, which they spell out when no space was folded into a flag."""
    if words and not any(spaces):               # nearly every clause: no word-by-word loop
        return (text if text is not None else "".join(words)), words, list(
            accumulate(map(len, words[:-1]), initial=0))
    starts, pos, parts = [], 0, []
    for word, space in zip(words, spaces):
        starts.append(pos)
        pos += len(word) + space
        parts.append(word + " " if space else word)
    return "".join(parts), words, starts


ACTOR = "ACTOR"


class Entity(NamedTuple):
    """A gazetteer name in a clause, with the attributes of a spaCy entity span extraction reads."""
    label_: str
    start: int          # token index
    end: int
    text: str
    start_char: int


class Segmented(NamedTuple):
    """A clause segmented as the pipeline segments it, with the entities its EntityRuler finds.

    Every ruler pattern is a gazetteer surface, which the segmenter always makes one word, and
    every such word is a pattern; so the ruler's entities are exactly the forced words, and
    clause extraction needs neither a Doc (spaCy builds lexemes per word) nor the ruler's
    matching, which were a fifth of its time. The Doc path stays for headings and tests;
    bench/extract_records.py dump shows both give the same records.
    """
    user_data: dict
    ents: tuple[Entity, ...]


def segment_clauses(texts: Iterable[str]) -> Iterator[Segmented]:
    """The clauses as get_nlp().pipe(texts) would read them, for extraction (see Segmented)."""
    segmenter = get_nlp().tokenizer
    return (segmenter.segment(text) for text in texts)


def _actor_patterns() -> list[dict]:
    # string patterns go to spaCy's PhraseMatcher (token-dict patterns would be ~10x slower)
    gaz = load_gazetteer()
    return [{"label": ACTOR, "pattern": surface, "id": gaz.entry_for(surface).name}
            for surface in gaz.surfaces_with_prefixes()]


def get_nlp() -> Language:
    """The cached pipeline: tokenizer + actor EntityRuler (one per vocabulary location)."""
    return _nlp(ontology_file(ACTORS_FILE), userdict_path())


@lru_cache(maxsize=1)
def _nlp(_actors: Path, _userdict: Optional[Path]) -> Language:
    nlp = spacy.blank("zh")
    surfaces = load_gazetteer().surfaces_with_prefixes()
    nlp.tokenizer = GazetteerSegmenter(nlp.vocab, surfaces)
    ruler = nlp.add_pipe("entity_ruler", config={"overwrite_ents": True, "phrase_matcher_attr": None})
    ruler.add_patterns(_actor_patterns())
    return nlp


class Words:
    """A plain view of a Doc's words and offsets.

    spaCy rebuilds ``Doc.text`` and span texts token by token on every access; the
    extractors look around each word many times, so they read this view instead.
    """

    __slots__ = ("text", "words", "starts")

    def __init__(self, doc: Doc):
        view = doc.user_data.get("view")          # a Segmented clause's, computed once by segment()
        if view is not None:
            self.text, self.words, self.starts = view
            return
        cached = doc.user_data.get("words")
        if cached is None:
            self.text, self.words, self.starts = doc.text, [t.text for t in doc], [t.idx for t in doc]
            return
        self.text, self.words, self.starts = _view(*cached)

    def __len__(self) -> int:
        return len(self.words)

    def end_char(self, i: int) -> int:
        return self.starts[i] + len(self.words[i])

    def word_at(self, char: int) -> int:
        """Index of the word holding character ``char`` of the text."""
        return max(0, bisect_right(self.starts, char) - 1)

    def word_ending_at(self, char: int) -> Optional[int]:
        """Index just past the word that ends at character ``char`` of the text, if one does."""
        k = self.word_at(char - 1)
        return k + 1 if self.words and self.end_char(k) == char else None

    def before(self, i: int) -> str:
        """Text before word i."""
        return self.text[: self.starts[i]] if i < len(self.words) else self.text

    def after(self, i: int) -> str:
        """Text from word i on (i.e. after word i-1)."""
        return self.text[self.starts[i]:] if i < len(self.words) else ""

    def ending_in(self, chars: frozenset[str]) -> list[int]:
        """Indexes, in order, of the words whose last character is one of ``chars``. (One test
        per word in a comprehension: a quarter of the time that scanning the text for the
        characters and bisecting the word starts took on the scale laws, ~23 words a clause.)"""
        return [i for i, word in enumerate(self.words) if word[-1:] in chars]

    def bounds(self) -> tuple[list[int], list[int]]:
        """The start of every word and its end."""
        return self.starts, list(map(add, self.starts, map(len, self.words)))

    def spans(self) -> list[tuple[int, int]]:
        """(start, end) of every word."""
        return list(zip(self.starts, map(add, self.starts, map(len, self.words))))

    def slice(self, a: int, b: int) -> str:
        return self.text[self.starts[a]: self.end_char(b - 1)] if b > a else ""
