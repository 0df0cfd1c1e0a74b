"""The read-model's lookups over a generation's lookup tables (search_api.datadir.lookups).

Rows become the records' own types (DocumentMeta, Facts, Unit, ActorMention, Actor, Indicator,
Task, SectionSense) when a request asks for them. The metadata of every document stays in
memory (small, and read by every ranking); a document's facts are parsed on demand and the
most recent kept (a page reads one or two); what pages read across every document (indicators,
tasks led, duty clauses) has its own rows, so no request parses every document's facts.
"""

from __future__ import annotations

import json
import threading
from collections import OrderedDict
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Optional

from ingest.records import (Actor, ActorMention, DocumentMeta, Facts, Indicator, SectionSense, Task,
                             facts_from_dict, indicator_from_dict, mention_from_dict, sections_from_list,
                             task_from_dict)
from search_api.datadir.lookups import doc_of_key, open_tables
from search_api.index.units import Unit, unit_dicts
from ingest.elided import duty_rows

FACTS_KEPT = 64     # parsed facts kept: a few MB; an /ask over every document re-reads them once
BODIES_KEPT = 16_384   # bodies kept: an /ask names thousands, each in many of its pairs


def _unit(row: tuple) -> Unit:
    return Unit(**json.loads(row[0]))


class LookupTables:
    def __init__(self, gen: Path):
        self._db = open_tables(gen, unit_dicts, duty_rows)
        self._lock = threading.Lock()   # one connection shared by the request threads
        self.metas: dict[str, DocumentMeta] = {
            doc: DocumentMeta(**json.loads(meta))
            for doc, meta in self._rows("SELECT id, meta FROM documents ORDER BY doc_key")}
        self._facts: OrderedDict[str, Facts] = OrderedDict()
        self.actor = lru_cache(maxsize=BODIES_KEPT)(self._read_actor)

    def close(self) -> None:
        with self._lock:   # not under a query another thread (the warm-up) is running
            self._db.close()

    def _rows(self, sql: str, args: tuple = ()) -> list[tuple]:
        with self._lock:
            return self._db.execute(sql, args).fetchall()

    # -- documents -----------------------------------------------------------
    def facts(self, doc_id: str) -> Facts:
        """The document's facts (KeyError: no such document)."""
        with self._lock:
            found = self._facts.get(doc_id)
            if found is not None:
                self._facts.move_to_end(doc_id)
                return found
        row = self._rows("SELECT facts FROM documents WHERE id = ?", (doc_id,))
        if not row:
            raise KeyError(doc_id)
        facts = facts_from_dict(json.loads(row[0][0]))
        with self._lock:
            self._facts[doc_id] = facts
            while len(self._facts) > FACTS_KEPT:
                self._facts.popitem(last=False)
        return facts

    def sections(self, doc_id: str) -> list[SectionSense]:
        """The senses of the document's parts (its facts' ``sections``; KeyError: no such document)."""
        row = self._rows("SELECT sections FROM documents WHERE id = ?", (doc_id,))
        if not row:
            raise KeyError(doc_id)
        return sections_from_list(json.loads(row[0][0]))

    @cached_property
    def indicators(self) -> list[tuple[str, Indicator]]:
        """(document id, indicator) of every document, in document order (read once: a few MB)."""
        return [(doc_of_key(key), indicator_from_dict(json.loads(i))) for key, i in self._rows(
            "SELECT doc_key, indicator FROM indicators ORDER BY doc_key, seq")]

    def tasks_led(self, actor_id: str) -> list[tuple[str, Task]]:
        """(document id, task) of every task the body leads, once per task, in document order."""
        return [(doc_of_key(key), task_from_dict(json.loads(t))) for key, t in self._rows(
            "SELECT doc_key, task FROM tasks_led WHERE actor_id = ? ORDER BY doc_key, seq", (actor_id,))]

    def duty_texts(self, doc_id: str) -> list[tuple[str, Optional[str]]]:
        """(clause id, text; None when no unit has the id) of each clause of the document that
        gives a body a duty (ingest.elided.duty_clauses), in order."""
        return self._rows("SELECT clause_id, text FROM duties WHERE doc = ? ORDER BY seq", (doc_id,))

    def duty_mentions(self, clause_ids: list[str]) -> dict[str, list[ActorMention]]:
        """Clause id -> the bodies it gives a duty to (its own mentions, its tasks' and those it
        inherits), for those of ``clause_ids`` that give one; read in chunks under SQLite's
        bound-parameter limit (an owner question scores thousands of clauses)."""
        found: dict[str, list[ActorMention]] = {}
        ids = list(dict.fromkeys(clause_ids))
        for start in range(0, len(ids), 500):
            chunk = ids[start:start + 500]
            for clause_id, mentions in self._rows(
                    f"SELECT clause_id, mentions FROM duties WHERE clause_id IN ({','.join('?' * len(chunk))})",
                    tuple(chunk)):
                found.setdefault(clause_id, [mention_from_dict(m) for m in json.loads(mentions)])
        return found

    # -- units ---------------------------------------------------------------
    @cached_property
    def unit_count(self) -> int:
        """How many units (a generation never changes: counted once, not per health check)."""
        return self._rows("SELECT COUNT(*) FROM units")[0][0]

    def unit(self, unit_id: str) -> Optional[Unit]:
        row = self._rows("SELECT unit FROM units WHERE id = ?", (unit_id,))
        return _unit(row[0]) if row else None

    def clauses_of(self, doc_id: str) -> list[Unit]:
        return [_unit(r) for r in self._rows(
            "SELECT unit FROM units WHERE doc = ? AND kind = 'clause' ORDER BY seq", (doc_id,))]


    # -- facts by clause and by body -------------------------------------------
    def mentions_in(self, clause_id: str) -> list[ActorMention]:
        return [mention_from_dict(json.loads(m)) for (m,) in self._rows(
            "SELECT mention FROM mentions WHERE clause_id = ? ORDER BY doc_key, seq", (clause_id,))]

    def mentions_of(self, actor_id: str) -> list[ActorMention]:
        return [mention_from_dict(json.loads(m)) for (m,) in self._rows(
            "SELECT mention FROM mentions WHERE actor_id = ? ORDER BY doc_key, seq", (actor_id,))]

    def mention_counts(self) -> dict[str, int]:
        """Body id -> how many mentions name it."""
        return dict(self._rows("SELECT actor_id, COUNT(*) FROM mentions GROUP BY actor_id"))

    def sectors_of(self, clause_id: str) -> list[str]:
        return [s for (s,) in self._rows(
            "SELECT sector FROM sectors WHERE clause_id = ? ORDER BY doc_key, seq", (clause_id,))]

    def _read_actor(self, actor_id: str) -> Optional[Actor]:
        """A body as the first document naming it describes it (``actor``: the same, kept)."""
        row = self._rows("SELECT actor FROM actors WHERE id = ? ORDER BY doc_key, seq LIMIT 1", (actor_id,))
        return Actor(**json.loads(row[0][0])) if row else None

    def actors(self) -> list[Actor]:
        """Every body once, in the order they first appear."""
        seen: dict[str, Actor] = {}
        for actor_id, actor in self._rows("SELECT id, actor FROM actors ORDER BY doc_key, seq"):
            if actor_id not in seen:
                seen[actor_id] = Actor(**json.loads(actor))
        return list(seen.values())
