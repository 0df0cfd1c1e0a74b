"""Responsible bodies (actors): who a clause names, and in which role.

Plans: the spaCy EntityRuler (gazetteer in ontology/actors.toml) finds the bodies;
cue words around each one give its role — lead (牵头/负责/统筹), cooperate (配合/会同/
参与), subject of an obligation (企业…主体责任) — and otherwise it is just mentioned.
Local bodies are scoped to the plan's region (区应急管理局 -> 吴江区应急管理局).

Laws: duty assignments "X负责Y" / "X应当…" at the start of an article's sentence make
X the lead (an enterprise or citizen under an obligation is its subject); "会同Z" makes
Z a co-operating body.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Optional

from spacy.tokens import Doc

from ingest.extract.gazetteer import load_gazetteer, scoped_name, split_prefix
from ingest.records import Actor, ActorMention, Provenance

METHOD_RULER = "spacy-ruler:v1"
METHOD_DUTY = "duty-pattern:v1"

LEAD_AFTER = ("牵头", "负责", "统筹", "主导", "抓总", "牵头抓总", "统筹协调", "组织实施", "主抓")
COOP_AFTER = ("配合", "参与", "协助", "协同", "协办")
COOP_BEFORE = ("配合", "会同", "协同", "联合", "协助", "联同")
SUBJECT_CUES = ("主体责任", "第一责任人")


@dataclass
class Found:
    """An actor found in one clause, before it becomes a record."""
    actor: Actor
    role: str
    surface: str
    span: tuple[int, int]
    method: str


# -- plans: gazetteer entities + role cues ------------------------------------------

def _role(doc: Doc, start: int, end: int) -> str:
    after = [t.text for t in doc[end:end + 3]]
    before = [t.text for t in doc[max(0, start - 2):start]]
    if after and (after[0] in LEAD_AFTER or "".join(after[:2]) in LEAD_AFTER):
        return "lead"
    if any(w in COOP_BEFORE for w in before) or (after and after[0] in COOP_AFTER):
        return "cooperate"
    rest = doc[end:].text
    clause_end = re.split(r"[，。；]", rest, maxsplit=1)[0]
    if any(c in clause_end for c in SUBJECT_CUES):
        return "subject"
    return "mentioned"


def actor_for(surface: str, region: Optional[str]) -> Actor:
    """The canonical actor a gazetteer surface stands for in a document of ``region``."""
    gaz = load_gazetteer()
    entry = gaz.entry_for(surface)
    prefix, _ = split_prefix(surface, entry)
    name, actor_region = scoped_name(prefix, entry, region)
    level = entry.level
    if actor_region and actor_region == region:
        level = {"区": "district", "市": "city", "县": "district", "省": "province"}.get(region[-1], level)
    return Actor(id=name, name=name, aliases=[a for a in entry.surfaces() if a != name],
                 kind=entry.kind, region=actor_region, level=level)


def gazetteer_actors(doc: Doc, region: Optional[str]) -> list[Found]:
    found = []
    for ent in doc.ents:
        if ent.label_ != "ACTOR":
            continue
        actor = actor_for(ent.text, region)
        found.append(Found(actor, _role(doc, ent.start, ent.end), ent.text,
                           (ent.start_char, ent.end_char), METHOD_RULER))
    return found


# -- laws: duty assignments -------------------------------------------------------

_ARTICLE_NO = re.compile(r"^\s*第[一二三四五六七八九十百千零〇\d]+条\s*")
_DUTY_VERB = re.compile(r"应当会同|负责|应当|牵头")
_SUBJECT_STOP = re.compile(r"依照|按照|根据|依据|在各自|在本|对|，|,|：")
_ORG_SUFFIX = re.compile(
    r"(?:部门|机构|机关|人民政府|政府|委员会|单位|企业|经营者|组织|指挥部|指挥机构|中心|队伍|办公室|局|所|站|个人|公民|居民|村民委员会|居民委员会)$")
_LEVEL_PREFIX = [
    (re.compile(r"^国务院(?=.)"), "national"),
    (re.compile(r"^(?:省、自治区、直辖市|省级)(?:人民政府)?"), "province"),
    (re.compile(r"^(?:设区的市|市、县|县级以上(?:地方)?(?:各级)?|县级|乡、镇|乡镇)(?:人民政府)?"), None),
]
_SUBJECT_KIND = [(re.compile(r"(?:单位|企业|经营者)$"), "enterprise"),
                 (re.compile(r"(?:个人|公民|居民)$"), "person"),
                 (re.compile(r"(?:人民政府|政府)$"), "government")]


def _split_bodies(subject: str) -> list[tuple[str, int]]:
    """'A和其他B' -> [('A', 0), ('其他B', off)]; split outside brackets only."""
    out, depth, start = [], 0, 0
    for i, ch in enumerate(subject):
        depth += ch in "（("
        depth -= ch in "）)"
        if depth == 0 and ch in "、和及" and not subject[i:].startswith("和城乡"):
            out.append((subject[start:i], start))
            start = i + 1
        elif depth == 0 and subject.startswith("以及", i):
            out.append((subject[start:i], start))
            start = i + 2
    out.append((subject[start:], start))
    return [(s, o) for s, o in out if s]


def law_body(written: str) -> Optional[Actor]:
    """'县级以上地方人民政府燃气管理部门' -> 燃气管理部门; '国务院建设主管部门' kept whole."""
    body = re.sub(r"^(?:其他|各|有关的)", "", written.strip())
    if not _ORG_SUFFIX.search(body) or len(body) < 2 or len(body) > 30:
        return None
    level = None
    for pattern, lvl in _LEVEL_PREFIX:
        m = pattern.match(body)
        if not m:
            continue
        level = lvl
        rest = body[m.end():]
        if lvl == "national":
            break                                   # 国务院建设主管部门 names the national body
        if rest and _ORG_SUFFIX.search(rest) and rest not in ("有关部门", "部门"):
            body = re.sub(r"^(?:其他)", "", rest)
        break
    kind = next((k for p, k in _SUBJECT_KIND if p.search(body)), "role" if body.endswith("部门") else "organisation")
    return Actor(id=body, name=body, aliases=[written] if written != body else [], kind=kind, level=level)


def duty_actors(text: str) -> list[Found]:
    """Duty assignments at the start of a statute sentence."""
    head = _ARTICLE_NO.match(text)
    offset = head.end() if head else 0
    verb = _DUTY_VERB.search(text, offset)
    if not verb:
        return []
    subject = text[offset:verb.start()]
    stop = _SUBJECT_STOP.search(subject)
    if stop:
        subject = subject[:stop.start()]
    found: list[Found] = []
    for piece, off in _split_bodies(subject):
        actor = law_body(piece)
        if actor is None:
            continue
        role = "subject" if actor.kind in ("enterprise", "person") and verb.group() != "负责" else "lead"
        start = offset + off
        found.append(Found(actor, role, piece, (start, start + len(piece)), METHOD_DUTY))
    if found and verb.group() == "应当会同":
        partner = re.split(r"[，。；,]|(?:制定|编制|组织|建立|做好|开展|对|依照|按照)", text[verb.end():], maxsplit=1)[0]
        for piece, off in _split_bodies(partner):
            actor = law_body(piece)
            if actor:
                start = verb.end() + off
                found.append(Found(actor, "cooperate", piece, (start, start + len(piece)), METHOD_DUTY))
    return found


# -- records ---------------------------------------------------------------------

class ActorRegistry:
    """One Actor per canonical name per document; aliases accumulate."""

    def __init__(self) -> None:
        self.actors: dict[str, Actor] = {}

    def add(self, found: Found) -> Actor:
        actor = self.actors.setdefault(found.actor.id, found.actor)
        for alias in [found.surface, *found.actor.aliases]:
            if alias != actor.name and alias not in actor.aliases:
                actor.aliases.append(alias)
        return actor


def mentions_for(clause_id: str, found: list[Found], registry: ActorRegistry) -> list[ActorMention]:
    """De-duplicated mentions: a duty pattern wins over a ruler hit it overlaps."""
    found = sorted(found, key=lambda f: (f.method != METHOD_DUTY, f.span[0]))
    kept: list[Found] = []
    for f in found:
        if any(f.span[0] < k.span[1] and k.span[0] < f.span[1] for k in kept):
            continue
        kept.append(f)
    out, seen = [], set()
    for f in sorted(kept, key=lambda f: f.span[0]):
        actor = registry.add(f)
        if (actor.id, f.role) in seen:
            continue
        seen.add((actor.id, f.role))
        out.append(ActorMention(actor_id=actor.id, clause_id=clause_id, role=f.role, surface=f.surface,
                                provenance=Provenance(clause_id=clause_id, span=f.span, method=f.method)))
    return out
