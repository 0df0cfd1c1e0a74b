"""Which documents may answer a question, by jurisdiction (a part of Service).

Every document has a jurisdiction (ingest.jurisdiction: national / province / city / county,
from its metadata or title). A question may name places ("杭州的燃气…", "重庆一家KTV…").
The documents that may answer come in tiers, the first that assigns the matter answering:

0. the texts of the place asked about, the most specific first (a city text, then its
   province's; for a province asked about, its own texts);
1. national laws and regulations;
2. national plans;
3. other regions' texts: only when nothing closer assigns the matter, always labelled.

With no place named, tiers 1 and 2 answer, and 3 is the fallback.
"""

from __future__ import annotations

from functools import cached_property

from ingest.jurisdiction import NATIONAL, PROVINCES, Jurisdiction, jurisdiction_of
from ingest.records import LAW_KINDS
from search_api.service.spans import longest_matches

PLACE_TIER, NATIONAL_STATUTE_TIER, NATIONAL_PLAN_TIER, OTHER_TIER = 0, 1, 2, 3


class Jurisdictions:
    """Jurisdictions of the loaded documents and the places a question names (a part of Service)."""

    @cached_property
    def _jurisdictions(self) -> dict[str, Jurisdiction]:
        return {doc_id: jurisdiction_of(self.meta(doc_id)) for doc_id in self.document_ids()}

    def jurisdiction(self, doc_id: str) -> Jurisdiction:
        return self._jurisdictions[doc_id]

    @cached_property
    def _place_names(self) -> dict[str, str]:
        """Written form -> short place name, for every place a loaded document governs, and the
        provinces."""
        names = {p: p for p in PROVINCES}
        for j in self._jurisdictions.values():
            if j.level != NATIONAL and j.place:
                names[j.place] = j.place
                if j.name:
                    names[j.name] = j.place
        return names

    @cached_property
    def _parents(self) -> dict[str, str]:
        return {j.place: j.parent for j in self._jurisdictions.values() if j.place and j.parent}

    def places_in(self, text: str) -> list[str]:
        """Places the text names (short names, in order; longest written form wins)."""
        return list(dict.fromkeys(self._place_names[w] for _pos, w in longest_matches(text, self._place_names)))

    def without_places(self, text: str) -> str:
        """The text with the places it names blanked out."""
        for pos, word in sorted(longest_matches(text, self._place_names), reverse=True):
            text = text[:pos] + " " + text[pos + len(word):]
        return text

    def documents_of_place(self, place: str) -> list[str]:
        """Documents governing ``place``: its own first, then its province's."""
        own = [d for d, j in self._jurisdictions.items() if j.covers(place)]
        parent = self._parents.get(place)
        upper = [d for d, j in self._jurisdictions.items() if parent and j.covers(parent)]
        return own + [d for d in upper if d not in own]

    def tier(self, doc_id: str, places: list[str]) -> tuple[int, int]:
        """(tier, rank within the tier) of a document for a question naming ``places``."""
        j = self._jurisdictions[doc_id]
        for place in places:
            if j.covers(place):
                return PLACE_TIER, 0
            if self._parents.get(place) and j.covers(self._parents[place]):
                return PLACE_TIER, 1
        if j.level == NATIONAL:
            kind = self.meta(doc_id).kind
            return (NATIONAL_STATUTE_TIER, 0 if kind == "law" else 1) if kind in LAW_KINDS \
                else (NATIONAL_PLAN_TIER, 0)
        return OTHER_TIER, 0
