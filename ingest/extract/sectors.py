"""Sector tags: which SKOS concepts of ontology/sectors.ttl a clause is about.

A clause names a concept when it contains one of the concept's labels (prefLabel or
altLabel) as whole words: a label that straddles a word boundary does not count
("强化工矿" holds 化工 but is not about chemicals), and when labels overlap the longest
wins ("应急救援预案" -> 应急预案, not 应急救援). A sector lead-in ("城镇燃气安全：",
"1.危险化学品专项整治。") passes its concepts down to the clauses under it.
The labels come from ingest.vocab; ingest still emits no RDF.
"""

from __future__ import annotations

import bisect
import re
from operator import itemgetter
from typing import Callable, Optional, Sequence, Union

from ingest.literals import starts_of
from ingest.vocab import sector_labels

METHOD_TEXT = "label:v1"
METHOD_HEADING = "lead-in:v1"

# A heading that introduces one sector's clauses: "城镇燃气安全", "危险化学品专项整治", "铁路".
_LEAD_IN = re.compile(r"(?:安全|专项整治|安全整治|整治)$")


_BY_FIRST_CHAR: dict[str, tuple] = {}


def _labels_by_first_char(labels: dict[str, tuple[str, ...]]) -> tuple[dict[str, tuple[str, ...]], re.Pattern]:
    """First character -> labels starting with it, longest first, and a pattern finding where a
    label starts, so that a clause is scanned in C rather than character by character in Python
    (rebuilt when the labels are)."""
    cached = _BY_FIRST_CHAR.get("index")
    if cached is None or cached[0] is not labels:
        index: dict[str, list[str]] = {}
        for label in labels:
            index.setdefault(label[0], []).append(label)
        # the first character wherever some label starts: a class of first characters stopped at
        # every 安, 生, 应 … and left the rest of the test to a Python loop
        firsts = re.compile(starts_of(labels)) if index else re.compile("(?!)")
        cached = _BY_FIRST_CHAR["index"] = (labels, {ch: tuple(sorted(ls, key=len, reverse=True))
                                                      for ch, ls in index.items()}, firsts)
    return cached[1], cached[2]


def _whole_words(span: tuple[int, int], starts: Sequence[int], ends: Sequence[int],
                 boundaries: tuple[set[int], set[int]]) -> bool:
    """The span starts and ends on word boundaries, or lies inside a single word.
    ``boundaries``: ``starts`` and ``ends`` as sets (a list's ``in`` scanned every word)."""
    s, e = span
    if s in boundaries[0] and e in boundaries[1]:
        return True
    i = bisect.bisect_right(starts, s) - 1          # the word containing s
    return i >= 0 and ends[i] >= e


def sectors_in(text: str, words: Union[Sequence[tuple[int, int]], Callable[[], Sequence[tuple[int, int]]], None] = None,
               bounds: Optional[Callable[[], tuple[Sequence[int], Sequence[int]]]] = None
               ) -> list[tuple[str, tuple[int, int]]]:
    """(prefLabel, span) for every concept named in ``text``, in order.

    ``words`` are the (start, end) character spans of the text's words, or a function giving
    them (called only when a label occurs: most clauses name no sector); without them every
    label occurrence counts. ``bounds``, instead of ``words``: a function giving the words'
    starts and their ends (in order), which a word view holds without building the spans.
    """
    labels = sector_labels()
    index, firsts = _labels_by_first_char(labels)
    text = text or ""
    starts = ends = boundaries = None
    found = []
    for m in firsts.finditer(text):
        if bounds is not None and starts is None:
            starts, ends = bounds()
            boundaries = (set(starts), set(ends))
        elif words is not None and starts is None:
            spans = words() if callable(words) else words
            starts, ends = list(map(itemgetter(0), spans)), list(map(itemgetter(1), spans))
            boundaries = (set(starts), set(ends))
        i = m.start()
        for label in index[m.group()]:
            if text.startswith(label, i) and (starts is None or _whole_words((i, i + len(label)), starts, ends,
                                                                              boundaries)):
                found.append((label, (i, i + len(label))))
                break                                   # the longest whole-word label at i
    # the longest label wins where labels overlap
    kept = [f for f in found
            if not any(o is not f and o[1][0] <= f[1][0] and f[1][1] <= o[1][1]
                       and (o[1][1] - o[1][0]) > (f[1][1] - f[1][0]) for o in found)]
    return [(pref, span) for label, span in kept for pref in labels[label]]


def sector_set(text: str, words: Union[Sequence[tuple[int, int]], Callable[[], Sequence[tuple[int, int]]], None] = None,
               bounds: Optional[Callable[[], tuple[Sequence[int], Sequence[int]]]] = None) -> list[str]:
    """Distinct concepts named in ``text``, in order of first mention (``words``, ``bounds``: as
    sectors_in reads them)."""
    return list(dict.fromkeys(label for label, _ in sectors_in(text, words, bounds)))


def is_lead_in(heading: str) -> bool:
    heading = (heading or "").strip("：:。 ")
    return bool(_LEAD_IN.search(heading)) or heading in sector_labels()


def with_lead_in(own: list[str], lead_in: list[str]) -> list[str]:
    """Sectors passed down by lead-ins. A lead-in naming several sectors ("城市建设、建筑施工、
    城镇燃气安全专项整治") gives a clause only those it names itself, or all when it names none."""
    if len(lead_in) > 1 and set(lead_in) & set(own):
        return []
    return [s for s in lead_in if s not in own]


def resolve_sector(name: str) -> Optional[str]:
    """The prefLabel for a label a user typed (--sector 燃气 -> 城镇燃气), else None."""
    prefs = sector_labels().get(name)
    return prefs[0] if prefs else None
