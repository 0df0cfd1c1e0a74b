"""One spaCy pipeline for the whole process: blank "zh", jieba segmentation that keeps
gazetteer names whole, and an EntityRuler that labels actors (ACTOR, ent_id = the
gazetteer entry's canonical name).

Built once and cached: loading jieba's dictionary costs ~1 s, so nothing here may run
per clause.
"""

from __future__ import annotations

import logging
import re
from functools import lru_cache
from pathlib import Path

import jieba
import spacy
from spacy.language import Language
from spacy.tokens import Doc

from ingest.extract.gazetteer import ONTOLOGY_DIR, load_gazetteer

USERDICT = ONTOLOGY_DIR / "userdict.txt"
jieba.setLogLevel(logging.WARNING)   # its "Building prefix dict" chatter is not ours to print


class GazetteerSegmenter:
    """jieba segmentation in which every gazetteer surface is forced to be one token.

    Uses its own jieba.Tokenizer so the domain dictionary does not leak into (or
    depend on) anybody else's use of the global jieba instance.
    """

    def __init__(self, vocab, surfaces: list[str], userdict: Path = USERDICT):
        self.vocab = vocab
        self.jieba = jieba.Tokenizer()
        self.jieba.initialize()
        if userdict.exists():
            self.jieba.load_userdict(str(userdict))
        for s in surfaces:
            self.jieba.add_word(s, freq=200000)
        self.forced = re.compile("|".join(re.escape(s) for s in surfaces)) if surfaces else None

    def _pieces(self, text: str):
        pos = 0
        if self.forced is not None:
            for m in self.forced.finditer(text):
                if m.start() > pos:
                    yield from self.jieba.cut(text[pos:m.start()], HMM=False)
                yield m.group()
                pos = m.end()
        if pos < len(text):
            yield from self.jieba.cut(text[pos:], HMM=False)

    def __call__(self, text: str) -> Doc:
        words, spaces = [], []
        for piece in self._pieces(text):
            if piece.isspace() and words:       # spaCy keeps single spaces as token attributes
                spaces[-1] = True if piece == " " and not spaces[-1] else spaces[-1]
                if piece == " " :
                    continue
            words.append(piece)
            spaces.append(False)
        return Doc(self.vocab, words=words, spaces=spaces)


def _actor_patterns() -> list[dict]:
    gaz = load_gazetteer()
    return [{"label": "ACTOR", "pattern": [{"TEXT": surface}], "id": gaz.entry_for(surface).name}
            for surface in gaz.surfaces_with_prefixes()]


@lru_cache(maxsize=1)
def get_nlp() -> Language:
    """The cached pipeline: tokenizer + actor EntityRuler."""
    nlp = spacy.blank("zh")
    surfaces = load_gazetteer().surfaces_with_prefixes()
    nlp.tokenizer = GazetteerSegmenter(nlp.vocab, surfaces)
    ruler = nlp.add_pipe("entity_ruler", config={"overwrite_ents": True, "phrase_matcher_attr": None})
    ruler.add_patterns(_actor_patterns())
    return nlp


def segment(text: str) -> list[str]:
    """Domain-aware word segmentation (gazetteer names and userdict terms kept whole)."""
    return [t.text for t in get_nlp().make_doc(text)]
