"""Responsible bodies (actors): who a clause names, and in which role.

Plans: the spaCy EntityRuler (gazetteer in ontology/actors.toml) finds the listed bodies,
org_phrases the others (危险化学品生产企业, 行业协会); roles.py reads each one's role from
the words around it. Local bodies are scoped to the plan's region (区应急管理局 ->
吴江区应急管理局).

Laws: duty assignments "X负责Y" / "X应当…" at the start of an article's sentence make
X the lead (an enterprise under an obligation is its subject; persons such as 个人 or
公民 are not bodies); "会同Z" makes Z a co-operating body.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Optional

from spacy.tokens import Doc

from ingest.extract.gazetteer import load_gazetteer, scoped_name, split_prefix
from ingest.extract.nlp import Words
from ingest.extract.org_phrases import inside_title, org_phrases, qualifies_document
from ingest.extract.roles import role_of
from ingest.extract.tasks import METHOD_DUTY   # shared with the statute duty tasks
from ingest.records import Actor, ActorMention, Provenance

METHOD_RULER = "spacy-ruler:v1"
METHOD_PHRASE = "org-phrase:v1"
ROLE_RANK = {"lead": 0, "subject": 1, "cooperate": 2, "mentioned": 3}


@dataclass
class Found:
    """An actor found in one clause, before it becomes a record."""
    actor: Actor
    role: str
    surface: str
    span: tuple[int, int]
    method: str


# -- plans: gazetteer entities, generic organisation phrases, role cues -------------

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


def _every_level(w: Words, start: int, previous: Optional[Found]) -> bool:
    """'各级安全生产委员会、减灾委员会': 各级 before a body, or before the list it ends."""
    if w.before(start).endswith("各级"):
        return True
    return bool(previous and previous.actor.id.startswith("各级")
                and w.text[previous.span[1]:w.starts[start]] in ("、", "和", "及"))


def clause_actors(doc: Doc, region: Optional[str], w: Optional[Words] = None) -> list[Found]:
    """Gazetteer bodies, then generic organisation phrases around them, with roles."""
    w = w or Words(doc)
    found: list[Found] = []
    taken: set[int] = set()
    for ent in doc.ents:
        if ent.label_ != "ACTOR" or inside_title(w, ent.start) or qualifies_document(w, ent.end):
            continue
        actor = actor_for(ent.text, region)
        start = ent.start
        if actor.region and _every_level(w, ent.start, found[-1] if found else None):
            # 各级X is every level's X, not the plan's own
            entry = load_gazetteer().entry_for(ent.text)
            actor = Actor(id="各级" + entry.name, name="各级" + entry.name, kind=entry.kind, level="any")
            start = ent.start - 1 if w.before(ent.start).endswith("各级") and ent.start > 0 else ent.start
        taken.update(range(ent.start, ent.end))
        found.append(Found(actor, role_of(w, start, ent.end, actor.kind == "enterprise"), ent.text,
                           (ent.start_char, ent.end_char), METHOD_RULER))
    for p in org_phrases(w, taken, region):
        actor = Actor(id=p.name, name=p.name, kind=p.kind, region=p.region,
                      level="district" if p.region and p.region.endswith("区") else ("city" if p.region else None))
        found.append(Found(actor, role_of(w, *p.tokens, p.kind == "enterprise"), p.surface, p.span, METHOD_PHRASE))
    found += partner_places(w, region)
    return _share_list_roles(w, sorted(found, key=lambda f: f.span))


def _share_list_roles(w: Words, found: list[Found]) -> list[Found]:
    """Bodies listed together ("A、B和C负责…") play the same role."""
    for prev, cur in zip(found, found[1:]):
        if cur.role == "mentioned" and w.text[prev.span[1]:cur.span[0]] in ("、", "和", "及", "以及"):
            cur.role = prev.role
    for prev, cur in reversed(list(zip(found, found[1:]))):
        if prev.role == "mentioned" and w.text[prev.span[1]:cur.span[0]] in ("、", "和", "及", "以及"):
            prev.role = cur.role
    return found


def partner_places(w: Words, region: Optional[str]) -> list[Found]:
    """Neighbouring areas a plan co-operates with: "与太仓市、嘉定区等周边区域建立…协同机制"."""
    places = load_gazetteer().places
    out = []
    for i, word in enumerate(w.words):
        if word in places and word != region and role_of(w, i, i + 1, False) == "cooperate":
            out.append(Found(Actor(id=word, name=word, kind="government", region=word), "cooperate",
                             word, (w.starts[i], w.end_char(i)), METHOD_PHRASE))
    return out


# -- laws: duty assignments -------------------------------------------------------

_ARTICLE_NO = re.compile(r"^\s*第[一二三四五六七八九十百千零〇\d]+条\s*")
_DUTY_VERB = re.compile(r"应当会同|负责|应当|牵头")
_SUBJECT_STOP = re.compile(r"依照|按照|根据|依据|在各自|在本|对|，|,|：")
_ORG_SUFFIX = re.compile(
    r"(?:部门|机构|机关|人民政府|政府|委员会|单位|企业|经营者|组织|团体|协会|指挥部|指挥机构|中心|队伍|办公室|办事处|局|所|站)$")
_LEVEL_PREFIX = [
    (re.compile(r"^国务院(?=.)"), "national"),
    (re.compile(r"^(?:省、自治区、直辖市|省级)(?:人民政府)?"), "province"),
    (re.compile(r"^(?:设区的市|市、县|县级以上(?:地方)?(?:各级)?|县级|乡、镇|乡镇)(?:人民政府)?"), None),
]
# Persons under a duty (个人, 公民) are not bodies: they are left out like plans' person roles.
_SUBJECT_KIND = [(re.compile(r"(?:单位|企业|经营者)$"), "enterprise"),
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
    # a piece that names no body qualifies the next one ("市、县（市、区）人民政府",
    # "建设、设计、施工…等消防技术服务的单位"): join them back
    merged: list[tuple[str, int]] = []
    pending: Optional[int] = None
    for piece, off in out:
        if not piece:
            continue
        begin = off if pending is None else pending
        if _ORG_SUFFIX.search(piece):
            merged.append((subject[begin:off + len(piece)], begin))
            pending = None
        else:
            pending = begin
    return merged


_ITEM_NUMBER = re.compile(r"^(?:[（(][一二三四五六七八九十\d]{1,3}[）)]|[一二三四五六七八九十]{1,3}、|\d{1,3}[.．、])\s*")


def law_body(written: str) -> Optional[Actor]:
    """'县级以上地方人民政府燃气管理部门' -> 燃气管理部门; '国务院建设主管部门' kept whole."""
    # An enumerated item of an article ("（一）安全生产监督管理部门，负责…") numbers the body, not names it.
    body = _ITEM_NUMBER.sub("", written.strip())
    body = re.sub(r"^(?:本(?:市|省|区|县)?行政区域内|其他|各|有关的)", "", body)
    if not _ORG_SUFFIX.search(body) or len(body) < 2 or len(body) > 40:
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
        if rest and _ORG_SUFFIX.search(rest) and rest not in ("有关部门", "部门") and not rest.startswith("（"):
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
    by = subject.rfind("由")                          # "…的消防安全由施工单位负责"
    if by >= 0 and verb.group() == "负责":
        offset, subject = offset + by + 1, subject[by + 1:]
    found: list[Found] = []
    for piece, off in _split_bodies(subject):
        actor = law_body(piece)
        if actor is None:
            continue
        role = "subject" if actor.kind == "enterprise" and verb.group() != "负责" else "lead"
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
    # one mention per body per clause, in its strongest role
    best: dict[str, Found] = {}
    for f in sorted(kept, key=lambda f: f.span[0]):
        actor = registry.add(f)
        if actor.id not in best or ROLE_RANK[f.role] < ROLE_RANK[best[actor.id].role]:
            best[actor.id] = f
    return [ActorMention(actor_id=actor_id, clause_id=clause_id, role=f.role, surface=f.surface,
                         provenance=Provenance(clause_id=clause_id, span=f.span, method=f.method))
            for actor_id, f in sorted(best.items(), key=lambda kv: kv[1].span[0])]
