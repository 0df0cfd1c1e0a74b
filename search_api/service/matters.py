"""The matter an owner question is about, from the lexicon of ontology/matters.tsv.

A question names a matter by its statutory term (燃气, 特种设备) or by an everyday word for it
(煤气罐, 电梯, 塔吊, 鞭炮, 尘肺病). The longest word found wins where words overlap; every
matter found counts. Everyday words holding a matter's word but not about it (计算机病毒 holds
病毒; ontology/matter_lookalikes.tsv) take part in that contest and name nothing. Its statutory
terms are what a clause assigning the matter says, so they join the question's own words when
clauses are scored (search_api.service.ask).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property

from ingest.vocab import matter_lookalikes, matters_table
from search_api.service.spans import longest_matches

# The wording of the question itself ("…归哪个部门管？", "由谁负责"): no topic.
QUESTION_WORDS = re.compile(
    r"归哪个部门管?|哪个部门|哪一个部门|哪些部门|什么部门|哪个单位|哪个机构|哪一级|谁来|由谁|归谁|找谁|找哪个|是谁|"
    r"谁负责|谁管|到底|具体|我们|咱们|这种|是哪个|的事|部门|[谁吗呢？?]")


@dataclass(frozen=True)
class Matter:
    name: str
    terms: tuple[str, ...]      # statutory: how a clause names it
    aliases: tuple[str, ...]    # colloquial: how a question may name it
    found: tuple[str, ...]      # the words of the question that named it

    @cached_property
    def key_terms(self) -> tuple[str, ...]:
        """The terms a clause must hold to be about the matter: the statutory terms and the
        question's own words for it."""
        return tuple(dict.fromkeys(self.terms + tuple(w for w in self.found if w not in self.terms)))

    @cached_property
    def key_pattern(self) -> re.Pattern:
        """Any of the key terms, as one pattern: an /ask tests every duty clause of every
        document against it (640 k clauses at the scale build)."""
        return re.compile("|".join(map(re.escape, self.key_terms)) or "(?!)")   # none: matches nothing


def _words() -> list[tuple[str, tuple[int, ...]]]:
    """(word, indices of the matters it names) for every term and alias."""
    owners: dict[str, list[int]] = {}
    for i, (_name, terms, aliases) in enumerate(matters_table()):
        for word in terms + aliases:
            if i not in owners.setdefault(word, []):
                owners[word].append(i)
    return [(w, tuple(ix)) for w, ix in owners.items()]


def recognise_matters(question: str) -> list[Matter]:
    """Matters the question names, in the order they are named. Words are matched longest
    first and never overlap; a word two matters share (干旱) names both."""
    table = matters_table()
    owners = dict(_words())
    words = set(owners) | set(matter_lookalikes())
    hits = [(pos, i, word) for pos, word in longest_matches(question, words) for i in owners.get(word, ())]
    found: dict[int, list[str]] = {}
    for _pos, i, word in sorted(hits):
        if word not in found.setdefault(i, []):
            found[i].append(word)
    return [Matter(table[i][0], table[i][1], table[i][2], tuple(words)) for i, words in found.items()]


def topic_text(question: str) -> str:
    """The question without its question wording (for keyword scoring)."""
    return QUESTION_WORDS.sub(" ", question)
