"""The actor gazetteer (ontology/actors.toml, read by ingest.vocab) and the region scoping of local bodies."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Optional

from ingest.literals import longest_of
from ingest.vocab import ACTORS_FILE, actors_table, ontology_file

# Local prefixes that stand for "this plan's own area".
LOCAL_PREFIXES = ("全区", "本区", "全市", "本市", "全省", "本省", "区", "市", "县", "省")


@dataclass(frozen=True)
class GazetteerEntry:
    name: str
    aliases: tuple[str, ...] = ()
    kind: str = "organisation"
    level: Optional[str] = None
    scoped: bool = False
    only_scoped: bool = False
    # short forms read only after a local prefix or a place ("省防指"): bare, they are pieces of
    # other words ("三防指挥部", "消防指挥中心")
    prefixed_aliases: tuple[str, ...] = ()

    def surfaces(self) -> tuple[str, ...]:
        return (self.name,) + tuple(a for a in self.aliases + self.prefixed_aliases if a != self.name)


@dataclass
class Gazetteer:
    entries: dict[str, GazetteerEntry] = field(default_factory=dict)
    by_surface: dict[str, GazetteerEntry] = field(default_factory=dict)     # bare written forms
    prefixed: dict[str, GazetteerEntry] = field(default_factory=dict)       # forms after 区/市/a place
    places: tuple[str, ...] = ()
    generic: dict = field(default_factory=dict)                             # [generic] table
    # entry_for's answers: extraction asks for every gazetteer name of every clause
    _found: dict = field(default_factory=dict, repr=False, compare=False)

    # [generic] lists asked for every body: as a set and a tuple made once
    @cached_property
    def needs_qualifier(self) -> frozenset[str]:
        """Generic words that name nobody on their own (部门, 机构 …)."""
        return frozenset(self.generic.get("needs_qualifier", []))

    @cached_property
    def not_actor_endings(self) -> tuple[str, ...]:
        return tuple(self.generic.get("not_actors", []))

    @cached_property
    def place_pattern(self) -> re.Pattern:
        """Any of the places (longest first), to test a clause for one at once."""
        return re.compile(longest_of(self.places) if self.places else "(?!)")

    @cached_property
    def body_heads(self) -> tuple[str, ...]:
        """Every head a body's name may end with: public, enterprise and grassroots heads."""
        g = self.generic
        return tuple(g.get("heads", [])) + tuple(g.get("enterprise_heads", [])) + tuple(g.get("grassroots_heads", []))

    def is_body_name(self, text: str) -> bool:
        """A body's name as written: ending in a head, or a listed body."""
        return text.endswith(self.body_heads) or text in self.by_surface

    def entry_for(self, surface: str) -> GazetteerEntry:
        """The entry a (possibly prefixed) written form belongs to."""
        entry = self._found.get(surface)
        if entry is None:
            entry = self._found[surface] = self._entry_for(surface)
        return entry

    def lists(self, surface: str) -> bool:
        """Whether a written form (bare or prefixed) belongs to an entry."""
        try:
            self.entry_for(surface)
        except KeyError:
            return False
        return True

    def _entry_for(self, surface: str) -> GazetteerEntry:
        if surface in self.by_surface:
            return self.by_surface[surface]
        for prefix in sorted(LOCAL_PREFIXES + self.places, key=len, reverse=True):
            if surface.startswith(prefix) and surface[len(prefix):] in self.prefixed:
                return self.prefixed[surface[len(prefix):]]
        raise KeyError(surface)

    def surfaces_with_prefixes(self) -> list[str]:
        """Every written form, bare and with each local prefix or place name, longest first."""
        forms = set(self.by_surface)
        for surface in self.prefixed:
            forms.update(p + surface for p in LOCAL_PREFIXES + self.places)
        return sorted(forms, key=lambda s: (-len(s), s))


def load_gazetteer() -> Gazetteer:
    """The gazetteer of the configured actors.toml, built once per process."""
    path = ontology_file(ACTORS_FILE)       # the same Path object until the vocabulary moves
    if path is not _served[0]:
        _served[:] = path, _gazetteer(path)
    return _served[1]


# the path last asked for and its gazetteer: extraction asks for it per body, and the cache's
# look-up hashed the Path each time (pathlib's hash is Python code)
_served: list = [None, None]


@lru_cache(maxsize=1)
def _gazetteer(_path: Path) -> Gazetteer:
    data = actors_table()
    gaz = Gazetteer(places=tuple(data.get("places", [])), generic=data.get("generic", {}))
    for raw in data.get("actor", []):
        entry = GazetteerEntry(
            name=raw["name"], aliases=tuple(raw.get("aliases", [])), kind=raw.get("kind", "organisation"),
            level=raw.get("level"), scoped=raw.get("scoped", False), only_scoped=raw.get("only_scoped", False),
            prefixed_aliases=tuple(raw.get("prefixed_aliases", [])))
        gaz.entries[entry.name] = entry
        for surface in entry.surfaces():
            if not entry.only_scoped and surface not in entry.prefixed_aliases:
                gaz.by_surface.setdefault(surface, entry)
            if entry.scoped:
                gaz.prefixed.setdefault(surface, entry)
    return gaz


_REGION_SUFFIX = re.compile(r"[区市县省]$")


def split_prefix(surface: str, entry: GazetteerEntry) -> tuple[str, str]:
    """'区应急局' -> ('区', '应急局'); '吴江区应急管理局' -> ('吴江区', '应急管理局')."""
    for alias in sorted(entry.surfaces(), key=len, reverse=True):
        if surface.endswith(alias):
            return surface[: len(surface) - len(alias)], alias
    return "", surface


def scoped_name(prefix: str, entry: GazetteerEntry, region: Optional[str]) -> tuple[str, Optional[str]]:
    """Canonical name and region of a local body written with ``prefix``.

    A local prefix (区/市/全区/本市) means the plan's own region when it matches the
    region's kind (区 in a 区 plan); any other prefix is kept as written (市委 in a
    district plan is the parent city's, which the plan does not name).
    """
    if not entry.scoped:
        return (prefix + entry.name if prefix else entry.name), None
    if region and (not prefix or prefix == region or (prefix in LOCAL_PREFIXES and region.endswith(prefix[-1]))):
        return region + entry.name, region
    if prefix and prefix not in LOCAL_PREFIXES:
        return prefix + entry.name, prefix if _REGION_SUFFIX.search(prefix) else None
    return (prefix + entry.name if prefix else entry.name), None
