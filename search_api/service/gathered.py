"""What some pages read across every document, gathered in one pass over the facts.

The read-model keeps facts on disk (search_api.service.tables), so a page that compares
indicators across plans, or lists the tasks a body leads, would otherwise parse every
document's facts on each request. They are gathered once per generation instead: by the
server's warm-up right after start-up (search_api.service.readmodel ``Service.warm``), or by
the first request that needs them. Order is the documents' order, as a scan would give.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Iterable

from ingest.records import Facts, Indicator, Task


@dataclass
class Gathered:
    indicators: list[tuple[str, Indicator]] = field(default_factory=list)      # (document id, indicator)
    tasks_led: dict[str, list[tuple[str, Task]]] = field(default_factory=dict)  # body id -> (document id, task)

    @classmethod
    def of(cls, documents: Iterable[tuple[str, Facts]]) -> "Gathered":
        indicators: list[tuple[str, Indicator]] = []
        tasks_led: dict[str, list[tuple[str, Task]]] = defaultdict(list)
        for doc_id, facts in documents:
            indicators.extend((doc_id, ind) for ind in facts.indicators)
            for task in facts.tasks:
                # a task is listed once per body leading it, however often the body is named
                for actor_id in dict.fromkeys(m.actor_id for m in task.actors if m.role == "lead"):
                    tasks_led[actor_id].append((doc_id, task))
        return cls(indicators, dict(tasks_led))
