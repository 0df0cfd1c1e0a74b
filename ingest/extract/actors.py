"""Responsible bodies (actors): who a clause names, and in which role.

One path for plans and statutes: the spaCy EntityRuler (gazetteer in ontology/actors.toml)
finds the listed bodies, org_phrases the others by their head word (enumerations split, short
names the document defines resolved); names.py makes the names canonical (local prefixes
scoped to the document's region); roles.py reads each body's role with the one duty-verb
lexicon. Lists share one role. An emergency plan's duty entry ("市应急管理局：负责…；…") makes
its body lead every clause of the entry. Statutes differ only where their conventions do: a
receiver exercising a power leads ("报X批准"), the department a government owns keeps the
statute's name for it (县级以上地方人民政府燃气管理部门 -> 燃气管理部门), and their duty mentions
carry METHOD_DUTY for the statute's duty tasks.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Optional, Sequence

from spacy.tokens import Doc

from ingest.extract.abbreviations import definitions
from ingest.extract.own_command import own_command, refer
from ingest.extract.duty_tables import METHOD as DUTY_TABLE
from ingest.extract.gazetteer import load_gazetteer, scoped_name, split_prefix
from ingest.extract.lexicon import PERSON_ENDINGS, PREPOSITIONS
from ingest.segmenter import plain_words, word_tags
from ingest.extract.nlp import Words
from ingest.extract.names import (COMPANY_ENDS, STATE_GROUPS, canonical, local_prefix, region_kind, regional_company,
                                  strip_scope)
from ingest.extract.object_parties import ObjectParties, object_parties
from ingest.extract.org_phrases import (LEVEL_WORDS, WORKING_GROUP, OrgPhrase, _level_prefix, _pos, head_end_chars,
                                       inside_title, level_then_name, org_phrases, qualifies_document, starts_with_a_place,
                                       stops)
from ingest.extract.roles import DUTIES_WORD, DUTY_LEAD, FIRM_LEAD, ITEM_LABEL, role_of
from ingest.extract.tasks import METHOD_DUTY   # shared with the statute duty tasks
from ingest.fields import ENTRY_DASH, PERSON_AFTER_RESPONSIBLE, heading_field, role_fields
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
        level = _LEVEL_OF.get(region[-1], level)
    return Actor(id=name, name=name, aliases=[a for a in entry.surfaces() if a != name],
                 kind=entry.kind, region=actor_region, level=level)


_WORDS_ENDING_IN_A_PREFIX = {"地市", "地区", "城区", "市区", "社区", "灾区", "园区", "景区", "辖区", "城市", "都市", "山区", "矿区",
                             "乡镇", "村镇", "城镇", "集镇", "各省", "各市", "各县", "各区", "本省", "本市", "全省", "全市"}
# "市和区、县（市）|人民政府": the city's and every district's, named apart (names.canonical)
_LEVEL_LIST = re.compile(r"^[省市][和、或](?:[区县市乡镇](?:[（(][^）)]*[）)])?[、和或]?)+(?:人民)?$")
_LEVELS_BEFORE = re.compile(r"(?:[省市区县][、和或])+")
_LEVEL_OF = {"区": "district", "市": "city", "县": "district", "省": "province", "州": "city", "盟": "city"}
_KIND_OF_ENTRY = {"enterprise": "enterprise", "grassroots": "grassroots"}


@dataclass
class ClauseContext:
    """What the actor rules know of the document a clause belongs to."""
    region: Optional[str] = None
    statute: bool = False
    abbreviations: dict = None
    own_level: frozenset = frozenset()                 # bodies the document scopes by their short name
    own_command: Optional[str] = None                  # the command a plan sets up for itself (own_command.py)
    # (paragraph id, the bodies before its colon or given its matter, whether they take only unowned sentences)
    duty_head: Optional[tuple[str, list[Found], bool]] = None
    names: dict = field(default_factory=dict)          # canonical names already made in this document
    actors_named: dict = field(default_factory=dict)   # the actors of each body as written (_actors_of)
    # the place a section of a wider document is about ("武汉市…" in a province's bulletin), the
    # headings above the line that named it, and the context its local bodies are read in
    # ("市安委办" there is 武汉市's)
    place: Optional[str] = None
    place_under: list = field(default_factory=list)
    places: dict = field(default_factory=dict)
    # (paragraph id, the bodies a sentence opened with) while the sentence goes on after a ；
    sentence_subject: Optional[tuple[str, list["Found"]]] = None
    carries_subjects: bool = True                      # a plan's (not a report's: it narrates)

    def __post_init__(self):
        self.abbreviations = self.abbreviations or {}
        # each short name the document defines, with the kind of body its full name is
        self.short_name_kinds = {short: _kind_of_name(full) for short, full in self.abbreviations.items()}
        # the last characters of the words a body or an acting place may end with (clause_actors)
        self.body_or_place_ends = _body_or_place_ends(head_end_chars(self.short_name_kinds))

    def enter_clause(self, text: str, headings: list[str]) -> None:
        """Follow the sections about places (section_place) as the clauses come, in order: a
        section ends at the next heading-like line, or with the part its line is in."""
        heading, place = section_place(text, self.region)
        if heading:
            self.place, self.place_under = place, headings
        elif self.place and headings[:len(self.place_under)] != self.place_under:
            self.place = None

    def section_context(self, core: str) -> "ClauseContext":
        """The context a body written ``core`` is read in: its section's place's when its local
        prefix is that place's and not the document region's."""
        if not self.place or not local_prefix(core, self.place) or local_prefix(core, self.region):
            return self
        if self.place not in self.places:
            self.places[self.place] = ClauseContext(region=self.place, statute=self.statute,
                                                    abbreviations=self.abbreviations, own_level=self.own_level)
        return self.places[self.place]

    def canonical(self, core: str, head: str, enterprise: bool = False) -> list[tuple[str, Optional[str]]]:
        """names.canonical in this document's region and with its short names, made once per
        body as written (a document names the same bodies again and again)."""
        key = (core, head, enterprise)
        if key not in self.names:
            names = canonical(core, head, self.region, self.abbreviations, enterprise)
            if self.region and self.own_level:
                names = [(self.region + n, self.region) if r is None and n in self.own_level else (n, r)
                         for n, r in names]
            self.names[key] = tuple(names)
        return list(self.names[key])


METHOD_DUTY_LIST = "duty-list:v1"
# A clause right under a topic heading (a duty list's body, a working group's field label)
UNDER_TOPIC = re.compile(r"/topic_\d+/(?:para_\d+/)?cl_\d+$")


def document_context(record) -> ClauseContext:
    """Region, genre and the short names a document defines, read once before its clauses."""
    statute = record.meta.kind in ("law", "regulation")
    texts = (n.text for n in record.nodes() if n.kind == "clause" and n.text)
    defined = definitions(texts, record.meta.region, load_gazetteer().is_body_name)
    command = None if statute else own_command(
        (n.text or n.heading or "" for n in record.nodes() if n.kind != "table"), record.meta.region)
    return ClauseContext(region=record.meta.region, statute=statute, abbreviations=defined.short_names,
                         own_level=defined.own_level, own_command=command,
                         carries_subjects=record.meta.kind != "report")


_HEADING_LIKE = re.compile(r"[，。；：,;:！？!?]")
_PLACE_FIRST = re.compile(r"^([\u4e00-\u9fff]{2,4}?(?:市|州|县|区|盟))")


def section_place(text: str, region: Optional[str]) -> tuple[bool, Optional[str]]:
    """(whether clause ``text`` reads as a heading, the place it is about): a short line without
    punctuation ("武汉市多举措提升…质量") opening with a place of another kind than the document's
    region starts a section about that place; another such line ends it."""
    if len(text) > 40 or _HEADING_LIKE.search(text):
        return False, None
    m = _PLACE_FIRST.match(text)
    if not m or not region_kind(region) or region_kind(m.group(1)) == region_kind(region):
        return True, None
    name = m.group(1)
    first = plain_words(name)[0]
    if name[0] in "全本各省市县区该城都" or _pos().get(first) not in ("ns", "nr", "nz"):
        return True, None
    return True, name


def _kind_of_name(name: str) -> str:
    """public | enterprise | grassroots, by the head a (full) name ends in."""
    g = load_gazetteer().generic
    for key, kind in (("enterprise_heads", "enterprise"), ("grassroots_heads", "grassroots")):
        if any(name.endswith(h) for h in g.get(key, []) if len(h) > 1):
            return kind
    return "public"


# a duty list's body that assists ("市消防救援支队：配合…", "团市委：在青少年中协助组织开展…")
# (after the rule it acts by: "按照相关应急预案，配合…")
_BY_A_RULE = r"\s*(?:(?:按照|根据|依照|依据)[^，。；：]{1,20}[，,])?"
_TAKES_PART_OPENING = re.compile(_BY_A_RULE + r"\s*(?:负责)?(?:积极|主动)?(?:参与|参加)(?![^，。；：]{0,12}(?:组织|指挥|协调|领导))")
_HEAD_ASSISTS = re.compile(_BY_A_RULE + r"\s*(?:负责)?(?:在[^，。；：]{1,12}(?:中|内|方面))?(?:协助|配合|协同)")


def heading_bodies(heading: Optional[str], context: ClauseContext) -> list[Found]:
    """A duty entry whose body became its heading ("市公安局：" over "负责维护…"): the body, or the
    bodies a heading names alone ("市公安局、南昌铁路局厦门铁路公安处")."""
    if not heading or len(heading) > 30:
        return []
    key = (heading, context.region, tuple(sorted(context.abbreviations.items())), context.own_level)
    if key not in _HEADING_BODIES:
        from ingest.extract.nlp import get_nlp
        # a second name in brackets ("省经济贸易委员会（省安全生产监督管理局）", "市应急管理局（市安委办）"):
        # the body is the first
        written = heading.strip().rstrip("：:")
        text = _SECOND_NAME.sub("", written) or written
        doc = get_nlp()(text)
        w = Words(doc)
        found = clause_actors(doc, context.region, w, context)
        bodies: list[Found] = []
        if len(found) == 1 and found[0].span[1] >= len(text) - 0 and found[0].span[0] <= 2:
            bodies = found
        elif len(found) > 1:
            bodies = _named_alone(w, found)
        _HEADING_BODIES[key] = bodies
    return _HEADING_BODIES[key]


_HEADING_BODIES: dict = {}
_SECOND_NAME = re.compile(r"(?<=[^\s（(])[（(][^（()）]{2,20}[）)]$")


# A clause right in a numbered part (its own paragraphs, or the items of its list)
_UNDER_NUMBERED_PART = re.compile(r"/(?:sec|item|chp)_\d+(?:/item_\d+)?/para_\d+/cl_\d+$")
# a body named with its level or place ("市应急管理局", "县人民政府"), not a generic one ("领导机构")
_NAMED_BODY = re.compile(r"^(?:[省市县区州镇乡]|[\u4e00-\u9fff]{2,6}?[省市县区州])")


# A part that lists a body's duties under a heading naming them ("2.1 市防汛抗旱指挥部职责",
# "（一）区应急委职责及组成", "市应急管理局主要职责"): the body is the heading without the word
_DUTIES_OF = re.compile(rf"(?:的|[及和与、])?(?:(?:组成|构成|设置)[及和与、])?{DUTIES_WORD}"
                        r"(?:分工|任务)?(?:[及和与、](?:组成|分工|任务|构成))?$")
# a part headed by the word alone ("1.职责" under "（一）区应急委职责及组成"): its parent names the body
_DUTIES_ALONE = re.compile(rf"^{DUTIES_WORD}(?:分工|任务)?$")
# … or by its first duty, an item's opening sentence made its heading ("一、市发展和改革局" / "（一）参与编制
# 危险化学品事故应急救援预案。按照…"): the body is the parent's
# (a verb no noun heading opens with: not 组织/指导/监督, as in 组织体系, 指导思想)
_DUTY_AS_HEADING = re.compile(r"^(?:认真|切实|积极|及时)?(?:负责|参与|参加|协助|配合|牵头|会同|贯彻|落实|建立|健全|制定|"
                              r"督促|做好)[^：:]{4,}$")


def duty_heading(headings: Sequence[str]) -> Optional[str]:
    """The heading that names the body a clause's part belongs to: the nearest, or its parent
    where the nearest is only "职责"; a heading of duties named without that word."""
    if not headings:
        return None
    heading = headings[-1]
    if (_DUTIES_ALONE.match(heading) or _DUTY_AS_HEADING.match(heading)) and len(headings) > 1:
        heading = headings[-2]
    return _DUTIES_OF.sub("", heading) or heading


def inherited_duty_head(clause_id: str, w: Words, found: list[Found], context: Optional[ClauseContext],
                        heading: Optional[str] = None) -> list[Found]:
    """An emergency plan's duty entry ("市应急管理局：负责…；负责…；…"): the body before the colon
    leads the later clauses of its entry too; so does a body that stands as the entry's heading,
    alone or as whose duties the heading names (``heading``: duty_heading's)."""
    if context is None or context.statute:
        return []
    paragraph = clause_id.rsplit("/cl_", 1)[0]
    heads = duty_heads(w, found)
    if heads:
        context.duty_head = (paragraph, heads, False)
        return []
    item = _ITEM_OPENING.match(clause_id)
    named_alone = _named_alone(w, found) if item else []
    if named_alone:
        # "(11)市检察院、市中级人民法院。" / "负责森林火灾案件的诉讼和审理工作。": an item opened by the
        # bodies alone is theirs; its later paragraphs that name no lead of their own are theirs to lead
        for body in named_alone:
            body.role = "lead"
        context.duty_head = (item.group(1), named_alone, True)
        return []
    if clause_id.endswith("/cl_1") and _ENTRY_ASSIGNED.match(w.text) and any(f.role == "lead" for f in found):
        # "（三）道路交通安全专项整治，由公安、交通部门负责，有关部门配合。要继续加大…": the
        # entry's later sentences without a lead of their own are those bodies' (as they are there)
        context.duty_head = (paragraph, [f for f in found if f.role in ("lead", "cooperate")], True)
        return []
    if context.duty_head and (context.duty_head[0] == paragraph or paragraph.startswith(context.duty_head[0] + "/")):
        _, bodies, unowned_only = context.duty_head
        if (_HANDED_TO.search(w.text) or unowned_only) and any(f.role == "lead" for f in found):
            return []                        # "其中，…由当地政府负责": that part is another's
        named = {f.actor.id for f in found}  # the entry's own bodies come before its part's heading
        # (a later sentence of its own that helps or takes part: "…；协助有关部门做好…", "参与事故调查")
        helps = _helps(w.text)
        return [Found(body.actor, "cooperate" if helps and body.role == "lead" else body.role, body.surface,
                      (0, 0), METHOD_DUTY_LIST)
                for body in bodies if body.actor.id not in named]
    context.duty_head = None
    named = {f.actor.id for f in found}
    role = "cooperate" if _helps(w.text) else "lead"
    return [Found(body.actor, role, body.surface, (0, 0), METHOD_DUTY_LIST)
            for body in _heading_body_of_part(clause_id, w.text, found, context, heading)
            if body.actor.id not in named]


METHOD_SENTENCE_SUBJECT = "sentence-subject:v1"
# the verbs a sentence's later clause opens with when it goes on with its subject ("；组织和协调…")
_CLAUSE_VERB_TAGS = ("v", "vn", "vd", "ad")


def carried_subject(clause_id: str, w: Words, found: list[Found], context: Optional[ClauseContext]) -> list[Found]:
    """A plan's sentence names its subject once ("街道办事处负责协助…；组织和协调…；负责处置…"): each
    later clause of it that opens with a verb and names no body of its own at its head is the
    subject's, in the role its own verb gives (协助, 参与: cooperate)."""
    if context is None or context.statute or not context.carries_subjects:
        return []
    paragraph = clause_id.rsplit("/cl_", 1)[0]
    subject, carried = context.sentence_subject, []
    heads = _sentence_heads(w, found)
    if subject and subject[0] == paragraph and not heads and _opens_with_a_verb(w) \
            and not any(f.method == METHOD_DUTY_LIST for f in found):
        named = {f.actor.id for f in found}
        role = "cooperate" if _helps(w.text) else "lead"
        carried = [Found(b.actor, role, b.surface, (0, 0), METHOD_SENTENCE_SUBJECT)
                   for b in subject[1] if b.actor.id not in named]
    going_on = w.text.rstrip().endswith(("；", ";"))
    heads = heads or (subject[1] if carried else [])
    context.sentence_subject = (paragraph, heads) if going_on and heads else None
    return carried


def _sentence_heads(w: Words, found: list[Found]) -> list[Found]:
    """The bodies a clause opens with as its subject ("市公安局、市交通局负责…"), else []."""
    first = min(found, key=lambda f: f.span[0], default=None)
    if first is None or first.role == "mentioned" or first.method == METHOD_DUTY_LIST \
            or ITEM_LABEL.sub("", w.text[:first.span[0]]).strip("“‘ 　") != "":
        return []
    heads, last = [first], first
    while (after := next((f for f in found if _joins(w.text, last.span[1], f.span[0])), None)) is not None:
        heads.append(after)
        last = after
    return heads


def _opens_with_a_verb(w: Words) -> bool:
    words = [word for word in w.words if word.strip()]
    # (an adverb before the verb is the same clause going on: "；随时准备派出…", "；必要时派出…")
    while len(words) > 1 and word_tags().get(words[0], "")[:1] == "d":
        words = words[1:]
    first = words[0] if words else ""
    # (or with the rule or the object it acts by: "按照规定负责…", "依法对…实施")
    return word_tags().get(first, "")[:2] in _CLAUSE_VERB_TAGS or first in ("负责", "组织", "协调", "督促", "指导") \
        or first in PREPOSITIONS


def _helps(text: str) -> bool:
    """A sentence of a body's entry that helps or takes part ("协助卫生部门…", "参与事故调查"), not
    one that leads what it takes part in ("参与组织指挥…"): its body cooperates."""
    return bool(_HEAD_ASSISTS.match(text) or _TAKES_PART_OPENING.match(text))


# an entry opened by its matter and who does it ("（三）X专项整治，由公安、交通部门负责，有关部门配合。")
_ENTRY_ASSIGNED = re.compile(r"^\s*(?:[（(]?[0-9一二三四五六七八九十]{1,3}[)）.．、]\s*)?[^，。；：:,]{2,30}[，,]\s*"
                             r"由[^。；，,]{2,40}?(?:负责|牵头)")
# a sentence of an entry that hands a part of its matter to another body ("其中，X的具体组织实施由Y负责")
_HANDED_TO = re.compile(r"由[^，。；：]{2,30}?(?:负责|牵头|组织实施)")


# members named as a class ("成员单位职责", "有关部门职责"): each entry names its own body; so
# does a level's kind of body ("2.1 县级指挥机构"): the entries below name them
_CLASS_OF_BODIES = re.compile(r"(?:成员单位|相关单位|有关单位|各单位|有关部门|相关部门|各部门)$|^[省市县区乡镇]级")


# what a body is made of, no duty of it ("成员：县委宣传部、…", "总指挥由县长担任")
_MAKEUP_CLAUSE = re.compile(r"^\s*(?:(?:常务)?副?(?:总指挥|指挥长|组长|主任|秘书长)|成员(?:单位)?)(?:[：:]|由)")


def _heading_body_of_part(clause_id: str, text: str, found: list[Found], context: ClauseContext,
                          heading: Optional[str]) -> list[Found]:
    """The bodies a clause's part is headed by, if the clause names no subject of its own."""
    if heading_field(heading):
        return []            # a working group's field label made a heading, "牵头单位" (ingest.extract.groups)
    if UNDER_TOPIC.search(clause_id):
        return heading_bodies(heading, context)
    if not _UNDER_NUMBERED_PART.search(clause_id) or _MAKEUP_CLAUSE.match(text) or (any(
            f.role == "lead" or (f.role == "cooperate" and f.span[0] <= 2) for f in found) and not _helps(text)):
        return []            # (a body the clause only works with, "组织协调有关部门…", leaves it the subject;
                             # the body it helps, "配合省政府新闻办…", does not)
    # a numbered part headed by named bodies ("（1）市应急管理局" over "负责…", "2.2 市公安局。负责…")
    bodies = heading_bodies(heading, context)
    if not all(_heads_a_part(body) or _is_own_command(body, context) for body in bodies):
        return []
    return bodies


def _is_own_command(body: Found, context: ClauseContext) -> bool:
    """The plan's own command or its office ("（八）应急指挥部办公室" over its duties)."""
    return bool(context.own_command) and context.own_command in body.actor.id


# the government of a town's streets, a part of its own ("一、各街道办事处" over its duties)
_STREET_OFFICES = ("街道办事处", "街道办")


def _heads_a_part(body: Found) -> bool:
    """A body named with its level or place ("南昌铁路局…"), from the gazetteer, or a working group
    ("（一）综合调度组职责"); not a class of bodies ("成员单位") nor a generic one."""
    return not _CLASS_OF_BODIES.search(body.surface) and bool(
        _NAMED_BODY.match(body.surface) or body.method == METHOD_RULER or WORKING_GROUP.search(body.surface)
        or starts_with_a_place(body.surface) or body.surface.endswith(_STREET_OFFICES))



def cell_actors(doc: Doc, region: Optional[str], role: str, context: Optional[ClauseContext] = None) -> list[Found]:
    """The bodies a cell of a duty table names ("市应急管理局", "市消防救援支队、市商务局"): its
    column gives them their role (ingest.extract.duty_tables)."""
    return [Found(f.actor, role, f.surface, f.span, DUTY_TABLE)
            for f in clause_actors(doc, region, Words(doc), context)]


def clause_actors(doc: Doc, region: Optional[str], w: Optional[Words] = None,
                  context: Optional[ClauseContext] = None) -> list[Found]:
    """The bodies a clause names, with their roles."""
    w = w or Words(doc)
    context = context or ClauseContext(region=region)
    gaz = load_gazetteer()
    spans: dict[int, tuple[int, str]] = {}
    for ent in doc.ents:
        if ent.label_ != "ACTOR" or inside_title(w, ent.start) or qualifies_document(w, ent.end):
            continue
        entry = gaz.entry_for(ent.text)
        if ent.start_char > 0 and w.text[ent.start_char - 1] + ent.text[0] in _WORDS_ENDING_IN_A_PREFIX:
            continue                        # "受灾地|区人民政府": 地区, not 区; the body is found by its head
        spans[ent.start] = (ent.end, _KIND_OF_ENTRY.get(entry.kind, "public"))
    extra = context.short_name_kinds
    # the words a body or an acting place may end with, found in one pass for both rules
    candidates = w.ending_in(context.body_or_place_ends)
    phrases = [p for p in org_phrases(w, spans, extra, candidates, context.statute)
               if not _inside_definition(w.text, p.span)]
    phrases = _without_predicates(w.text, phrases)
    found: list[Found] = []
    for chain in _chains(w, phrases):
        _offices_under_one_level(chain)
        kinds_listed = {p.kind for p in chain}
        chain_kind = next(iter(kinds_listed)) if len(kinds_listed) == 1 else "public"
        if chain_kind == "enterprise" and all(_a_named_company(p, context) for p in chain):
            chain_kind = "public"   # a plan tasks a company it names (郑州网通公司组织…) as it does a department
        role = role_of(w, chain[0].tokens[0], chain[-1].tokens[1], chain_kind, context.statute)
        if role == "mentioned" and context.statute:
            role = _role_after_listed_others(w, chain, chain_kind) or role
        firm = role in (FIRM_LEAD, DUTY_LEAD)
        duty_lead = role == DUTY_LEAD
        role = "lead" if firm else role
        # a list of departments and units set to work ("指导各级教育部门、学校做好…"): the departments
        # take part, the units are obliged, as each would be alone
        units_role = role_of(w, chain[0].tokens[0], chain[-1].tokens[1], "enterprise", context.statute) \
            if role == "cooperate" and "enterprise" in kinds_listed and len(kinds_listed) > 1 else None
        for p in chain:
            for actor in _actors_of(p, context, w):
                # a plan's "有关部门和单位", "各单位" are the bodies it tasks, not a class of enterprises
                tasked = not context.statute and _plan_units(p, actor)
                r = units_role if units_role == "subject" and p.kind == "enterprise" and not tasked else role
                if tasked and r == "subject" and chain_kind != "public":
                    r = role_of(w, chain[0].tokens[0], chain[-1].tokens[1], "public")
                    r = "lead" if r in (FIRM_LEAD, DUTY_LEAD) else r
                if duty_lead and context.statute is False and p.kind == "enterprise" and not _named(p.core, context) \
                        and not tasked:
                    r = "subject"           # "企业…负责做好本单位…": a class of enterprises is obliged
                if r == "lead" and not firm and not tasked and not _a_named_company(p, context) and (
                        p.kind == "enterprise" or actor.kind == "enterprise"
                        or (p.kind == "grassroots" and not context.statute)
                        or (actor.name in _UNITS_OF_ANY_KIND and "的" not in p.surface)
                        or (context.statute and _bound_as_a_unit(actor.name))):
                    r = "subject"           # ("机关、团体和企业事业单位应当…": units under an obligation)
                method = METHOD_RULER if p.gazetteer else METHOD_PHRASE
                if context.statute and r != "mentioned":
                    method = METHOD_DUTY
                found.append(Found(actor, r, _surface(p, context), p.span, method))
    if not context.statute and (_ADDRESSEES.fullmatch(w.text) or _addressee_list(w.text, found)):
        for body in found:
            body.role = "mentioned"         # a notice's addressees ("各县（市、区）人民政府、市直各单位："): no duty
        heads = []
    else:
        heads = duty_heads(w, found, context.statute)
    if heads:
        after = _ALIAS_THEN_COLON.match(w.text, heads[-1].span[1])
        colon = after.end() if after else len(w.text)      # (a working group named alone)
        role = "cooperate" if _HEAD_ASSISTS.match(w.text, colon) else "lead"
        for head in heads:
            head.role = role
        for alias in found:                 # the bodies in its bracketed other name ("（省公务员局）")
            if all(alias is not h for h in heads) and heads[-1].span[1] <= alias.span[0] and alias.span[1] <= colon:
                alias.role = role
    found = departments_per_level(w, found)
    found = parties_of_things(w, found, context.statute)
    found += described_alternatives(w, found)
    found += elided_committees(w, found)
    found += partner_places(w, region)
    found += acting_places(w, found, context, candidates)
    found += acting_level(w, found, context)
    found += shared_levels(w, found, context.region)
    return sorted(found, key=lambda f: f.span)


# "乡镇人民政府、街道办事处和国有林场，以及自然保护区、森林公园等特殊保护区域应当…", "…经营单位和个人，
# 以及…工矿企业等相关单位，负责…": the list goes on (with places, persons, bodies read apart), and its duty
# comes after them
_LISTED_OTHERS = re.compile(r"(?:(?:和|及|或者)个人)?[，,]?(?:以及|及)[^，。；：]{2,40}?(?=[，,]?(?:应当|应|必须|负责)(?!人))")


def _role_after_listed_others(w: Words, chain: list, kind: str) -> Optional[str]:
    """A statute list's role read after what it goes on with (None when nothing follows it so)."""
    end = chain[-1].tokens[1]
    m = _LISTED_OTHERS.match(w.text, w.end_char(end - 1))
    if not m:
        return None
    last = w.word_at(m.end() - 1) + 1
    if w.end_char(last - 1) != m.end():
        return None
    role = role_of(w, chain[0].tokens[0], last, kind, True)
    return role if role != "mentioned" else None


# "X（以下简称Y）为全市…综合协调机构，负责…", "X是市政府的议事协调机构": what the body opening the
# clause part is, not another body (its owner, "市政府", is still named)
_PREDICATE_BEFORE = re.compile(r"(?:为|是)(?:[^，。；：为是]{0,16}的)?$")
_SUBJECT_TO_PREDICATE = re.compile(r"^\s*(?:[（(][^（()）]{1,20}[）)])?\s*$")
_ENDS_PREDICATE = re.compile(r"[，。；,;（(]|$")     # (not 的: "是|市政府|的…机构", its owner; not a verb:
                                                  # "为|人民政府|应对…提供", a preposition)
_OPENS_ITS_PART = re.compile(r"(?:^|[，。；：,;:、和及])\s*$")


def _without_predicates(text: str, phrases: list) -> list:
    """The phrases less those that say what a body opening its clause part is."""
    if not phrases or ("为" not in text and "是" not in text):
        return phrases
    kept = []
    for p in phrases:
        m = _PREDICATE_BEFORE.search(text, 0, p.span[0])
        if m and _ENDS_PREDICATE.match(text, p.span[1]) and any(
                _SUBJECT_TO_PREDICATE.match(text[q.span[1]:m.start()]) and _OPENS_ITS_PART.search(text[:q.span[0]])
                for q in kept if q.span[1] <= m.start()):
            continue
        kept.append(p)
    return kept


# generic units of any kind, bound as units are (the README's subject), never a particular government body
_UNITS_OF_ANY_KIND = frozenset({"机关", "团体", "社会团体", "人民团体", "群众团体", "组织", "其他组织", "社会组织"})


# Bodies a statute binds as it binds units (the README's subject: associations, a unit's own fire
# brigade), not as it assigns public bodies their tasks
_MASS_ORGANISATIONS = ("红十字会", "慈善总会", "工会", "共青团", "妇联", "残联", "科协", "协会", "学会")
_UNITS_OWN_BRIGADES = ("专职消防队", "志愿消防队", "义务消防队", "微型消防站")


def _bound_as_a_unit(name: str) -> bool:
    return name.endswith(_MASS_ORGANISATIONS) or (name.endswith(_UNITS_OWN_BRIGADES) and not name.startswith("政府"))


def _plan_units(p: OrgPhrase, actor: Actor) -> bool:
    """"（省）有关单位", "相关单位", "各单位": the units a plan tasks, whatever they are."""
    return actor.name.endswith(("有关单位", "相关单位")) or (actor.name == "单位" and p.surface.startswith("各"))


_PLACE_NAME = re.compile(r"^[\u4e00-\u9fff]{2,8}(?:省|市|县|自治区|自治州|州|盟)$")
_PLACE_LAST_CHARS = frozenset("省市县区州盟")   # what _PLACE_NAME ends in: the words to test


@lru_cache(maxsize=64)
def _body_or_place_ends(head_chars: frozenset[str]) -> frozenset[str]:
    return head_chars | _PLACE_LAST_CHARS


def acting_places(w: Words, found: list[Found], context: ClauseContext,
                  candidates: Optional[list[int]] = None) -> list[Found]:
    """A province or city that acts at the head of a clause stands for its government
    ("河南省要组织好…", "武汉市采取多项举措…"); a place named anywhere else is no body.
    ``candidates``: the indexes of the words ending in a set of characters that includes
    _PLACE_LAST_CHARS, if the caller found them."""
    taken = [f.span for f in found]
    out = []
    places = w.ending_in(_PLACE_LAST_CHARS) if candidates is None else [
        i for i in candidates if w.words[i][-1:] in _PLACE_LAST_CHARS]
    for i in places:
        word = w.words[i]
        if not _PLACE_NAME.match(word) or _pos().get(word) not in ("ns", None) or word in ("全省", "全市", "本市"):
            continue
        span = (w.starts[i], w.end_char(i))
        if any(a < span[1] and span[0] < b for a, b in taken):
            continue
        if role_of(w, i, i + 1, "public", context.statute) == "lead" and not w.text[:span[0]].rstrip(
                "，, ").endswith(("在", "对", "向", "到", "赴", "与", "和", "、")):
            out.append(Found(Actor(id=word, name=word, kind="government", region=word), "lead", word, span,
                             METHOD_PHRASE))
    return out


# A level written with its alternatives ("各省（自治区、直辖市）", "乡（镇）", "受灾县（市、区）"), or bare
# ("各乡镇", "各区") heading a clause, or a part of it, stands for every government of that level
# ("乡（镇）应作好如下具体工作", "…，各省（自治区、直辖市）应成立…", "有山洪灾害防治任务的各省（自治区、直辖市）
# 根据…编制…"); inside a role field ("（责任单位：各乡镇，县安委办）") the field gives its role.
_ACTING_LEVEL = re.compile(r"(?:^|(?<=[，；：,;:、和及])|(?<=的))\s*(?:各|受灾|灾区各?)?(省（自治区、直辖市）|省（区、市）|市（州）|市（地）|地（市）|"
                           r"县（市、区）|县（市）|县（区）|县市区（园区）|县市区|乡（镇）|乡镇（街道）|乡（镇、街道）|乡镇|镇街|镇（街）|区县|县区|市州|"
                           r"街道(?![办党])|(?<=各)[区县市镇乡](?![级长委]))")
_PART_START = re.compile(r"[，；：,;:。]")


def acting_level(w: Words, found: list[Found], context: ClauseContext) -> list[Found]:
    out = []
    values = None
    for m in _ACTING_LEVEL.finditer(w.text):
        begins = m.end() - len(m.group(0).lstrip())   # the role is read from the level (with its 各,
                                                        # 受灾), or from its description
        if m.start() > 0 and w.text[m.start() - 1] == "的":
            part = _PART_START.split(w.text[:m.start()])[-1]
            if len(part) > 20 or "有" not in part:           # only "（…）有…任务的" describes a level
                continue
            begins = m.start() - len(part)
        if any(f.span[0] < m.end(1) and m.start(1) < f.span[1] for f in found):
            continue
        listed_after = None
        if m.start() > 0 and w.text[m.start() - 1] in "、和及":
            # "市应急管理局、各乡镇（街道）要…": a level listed after bodies, never after other words
            listed_after = next((f for f in found if _joins(w.text, f.span[1], m.start())), None)
            if listed_after is None:
                continue
            begins = _list_head(w.text, found, listed_after).span[0]      # the list's role
        end = w.word_ending_at(m.end())
        if end is None:
            continue
        role = "lead"
        listed_with = next((f for f in found if _joins(w.text, m.end(), f.span[0])),
                           None)                # "各乡镇、县直有关部门制定…": the level acts with the body after it
        if listed_with is not None and listed_with.role == "mentioned":
            _act_as_a_list(w, begins, listed_with, context)     # "乡镇（街道）、村（社区）应当…"
        if listed_with is not None and listed_with.role in ("lead", "cooperate"):
            role = listed_with.role
        elif role_of(w, w.word_at(begins), end, "public", context.statute) not in (
                "lead", DUTY_LEAD, FIRM_LEAD):         # ("各省|（…"; "县市区（园区）负责…": a duty too)
            values = role_fields(w.text) if values is None else values
            if not any(value <= m.start(1) < stop for _label, value, stop, _role in values):
                continue
            role = "mentioned"                  # "（责任单位：各乡镇，县安委办）": the field gives the role
        level = m.group(1) if len(m.group(1)) > 1 else "各" + m.group(1)      # "各区": every district
        out.append(Found(Actor(id=level, name=level, kind="government"), role, m.group(0).strip(), m.span(1),
                         METHOD_PHRASE))
        if listed_after is not None and role != "mentioned":
            _give_list_role(w.text, found, listed_after, role)
    return out


def _act_as_a_list(w: Words, begins: int, listed_with: Found, context: ClauseContext) -> None:
    """A body listed after a level ("乡镇（街道）、|村（社区）应当…") was read alone, after what
    looked like no body: the list's role, read from the level, is its own."""
    end = w.word_ending_at(listed_with.span[1])
    if end is None:
        return
    role = role_of(w, w.word_at(begins), end, "public", context.statute)
    if role in (DUTY_LEAD, FIRM_LEAD):
        role = "lead"
    if role in ("lead", "cooperate"):
        listed_with.role = role


_LIST_JOINS = ("、", "和", "及", "以及")


def _joins(text: str, end: int, start: int) -> bool:
    """Whether what lies between a list item ending at ``end`` and the next one at ``start`` joins them."""
    return 0 < start - end <= 2 and text[end:start] in _LIST_JOINS


def _listed_before(text: str, found: list[Found], item: Found) -> Optional[Found]:
    return next((f for f in found if _joins(text, f.span[1], item.span[0])), None)


def _list_head(text: str, found: list[Found], last: Found) -> Found:
    while (before := _listed_before(text, found, last)) is not None:
        last = before
    return last


def _give_list_role(text: str, found: list[Found], last: Found, role: str) -> None:
    """The bodies listed before a level that acts ("市应急管理局、|各乡镇（街道）要…") act with it:
    their role was read before the level, which ended their list."""
    item = last
    while item is not None:
        if item.role == "mentioned":
            item.role = role
        item = _listed_before(text, found, item)


# A division of labour between levels, the formula of reconstruction and rural plans: "中央统筹、
# 省负总责、市县抓落实", "地方作为…的责任主体": each level named bare leads its part.
_SHARED_LEVELS = re.compile(r"(?:^|(?<=[，；：、])|(?<=建立|实行|坚持|落实|形成|健全|构建|按照))"
                            rf"(中央|省|市县|市、县|地方)(?=统筹|负总责|抓落实|负责(?!{PERSON_AFTER_RESPONSIBLE}|同志)|为主体|作为[^，。；]{{0,16}}主体)")


_ONE_LEVEL = frozenset({"省人民政府", "自治区人民政府", "直辖市人民政府"})
_DEPARTMENT_ENDS = ("部门", "机构", "机关", "委员会", "办公室", "指挥部")


def departments_per_level(w: Words, found: list[Found]) -> list[Found]:
    """"市、区县（自治县）人民政府及其有关部门", "市和区人民政府应急管理部门": the departments of each
    government the list of levels names (重庆市人民政府有关部门, 区县（自治县）人民政府有关部门), as
    "市和区人民政府有关部门" gives them; after one government the department stays the generic body."""
    if "人民政府" not in w.text:
        return found                        # most clauses
    out = []
    listed: tuple[int, list[Found]] = (-1, [])     # where the last department owned per level ends, its owners
    for f in found:
        # "…人民政府及其|有关部门", or a department right after the governments ("市和区人民政府|应急管理部门")
        joined = 2 if f.actor.name == "有关部门" and w.text[f.span[0] - 2:f.span[0]] == "及其" else 0
        owners = [g for g in found if g.actor.kind == "government" and g.span[1] == f.span[0] - joined]
        if not owners and listed[0] >= 0 and w.text[listed[0]:f.span[0]] in ("、", "和", "及", "或者") \
                and f.actor.name.endswith(_DEPARTMENT_ENDS):
            owners = listed[1]              # the list's next department: "市、县级人民政府教育、|公安部门"
        listed = (-1, [])
        if f.actor.kind == "government" or len({g.actor.id for g in owners}) < 2 or \
                {g.actor.name for g in owners} <= _ONE_LEVEL:
            out.append(f)                   # (省、自治区、直辖市: one level, its departments one body)
            continue
        if not joined and f.role != "mentioned" and f.actor.name.endswith(_DEPARTMENT_ENDS):
            for g in owners:                # "市、县级人民政府|教育部门应当…": the departments are bound, not
                g.role = "mentioned"        # the governments that own them
        listed = (f.span[1], owners)
        for g in owners:
            name = g.actor.name + f.actor.name
            out.append(Found(Actor(id=name, name=name, kind=f.actor.kind, region=g.actor.region, level=g.actor.level),
                             f.role, f.surface, f.span, f.method))
    return out


def parties_of_things(w: Words, found: list[Found], statute: bool) -> list[Found]:
    """"公共场所和其他人员密集场所的管理者或者经营者", "道路或者交通设施的管理、养护单位": the party of
    each thing (ingest.extract.object_parties) instead of the bare parties the phrases found. Parties
    listed with commas ("A的管理者，B的所有者，应当…") share one role, read for the whole run; where
    the phrases read the parties as only mentioned they stay so, and where the run's reading finds
    no role, the phrases' best one is kept."""
    constructs = object_parties(w, stops)
    if not constructs:
        return found
    runs: list[list[ObjectParties]] = []
    for c in constructs:
        if runs and w.text[runs[-1][-1].span[1]:c.span[0]] in ("，", "、"):
            runs[-1].append(c)
        else:
            runs.append([c])
    out = list(found)
    for run in runs:
        on_parties = [f for f in out for c in run if f.span[1] > c.parties_start and f.span[0] < c.span[1]]
        role = role_of(w, run[0].tokens[0], run[-1].tokens[1], "enterprise", statute)
        role = "subject" if role in (FIRM_LEAD, DUTY_LEAD, "lead") else role
        if on_parties:      # what the phrases read for a part of the run decides where the run's reading is lost
            best = min((f.role for f in on_parties), key=ROLE_RANK.__getitem__)
            role = best if best == "mentioned" or role == "mentioned" else role
        method = METHOD_DUTY if statute and role != "mentioned" else METHOD_PHRASE
        for c in run:
            # the things are only mentioned ("民办中小学校和民办幼儿园的|举办者"); a thing the phrases gave
            # the parties' head ("森林、林木的经营单位": 森林单位) names nobody
            things = [f for f in out if c.span[0] <= f.span[0] and f.span[1] <= c.parties_start]
            for f in things:
                f.role = "mentioned"
            on_parties += [f for f in things if f.actor.name != f.surface and f.actor.name.startswith(f.surface)]
            surface = w.text[c.span[0]:c.span[1]]
            out += [Found(Actor(id=name, name=name, kind="enterprise"), role, surface, c.span, method)
                    for name in c.names]
        out = [f for f in out if f not in on_parties]
    return sorted(out, key=lambda f: f.span)


# "作出决定的部门或者机构应当…": the bare head after 或者 is described as the first one is
_BARE_ALTERNATIVE = re.compile(rf"(?:或者|或)(部门|机构|机关|单位)(?=[，,]|应|可以|须|必须|不得|负责(?!{PERSON_AFTER_RESPONSIBLE})|依法|按照|自|在|对)")
_DESCRIBED_HEAD = re.compile(r"^(.{2,20}的)(?:部门|机构|机关|单位)$")


def described_alternatives(w: Words, found: list[Found]) -> list[Found]:
    """The bodies a bare head after 或者 names with the description of the body before it
    ("作出决定的部门或者机构" -> 作出决定的机构), sharing its role; a unit there is bound."""
    if "的" not in w.text:
        return []
    out = []
    named = {f.actor.name for f in found}
    for f in found:
        described = _DESCRIBED_HEAD.match(f.actor.name)
        other = described and "政府" not in described.group(1) and _BARE_ALTERNATIVE.match(w.text, f.span[1])
        if other and len(described.group(1)) >= 5 and described.group(1) + other.group(1) not in named:
            name = described.group(1) + other.group(1)
            unit = other.group(1) == "单位"             # (a unit is bound where a department leads)
            out.append(Found(Actor(id=name, name=name, kind="enterprise" if unit else f.actor.kind, region=f.actor.region,
                                   level=f.actor.level), "subject" if unit and f.role == "lead" else f.role,
                             w.text[f.span[0]:other.end()], (f.span[1], other.end()), f.method))
    return out


def elided_committees(w: Words, found: list[Found]) -> list[Found]:
    """"居、村民委员会": the residents' committee written by its first character only."""
    if "居、村" not in w.text:
        return []
    return [Found(Actor(id="居民委员会", name="居民委员会", kind=f.actor.kind, region=f.actor.region, level=f.actor.level),
                  f.role, "居、" + f.surface, (f.span[0] - 2, f.span[0] - 1), f.method)
            for f in found if f.actor.name == "村民委员会" and w.text[f.span[0] - 2:f.span[0]] == "居、"]


def shared_levels(w: Words, found: list[Found], region: Optional[str]) -> list[Found]:
    if "统筹" not in w.text and "负" not in w.text and "主体" not in w.text and "抓落实" not in w.text:
        return []                           # most clauses: no search
    out = []
    for m in _SHARED_LEVELS.finditer(w.text):
        if any(f.span[0] < m.end(1) and m.start(1) < f.span[1] for f in found):
            continue
        level = m.group(1)
        if level == "省":
            names = [region if region and region.endswith("省") else "省级人民政府"]
        elif level in ("市县", "市、县"):
            names = ["市级人民政府", "县级人民政府"]
        else:
            names = [level]                 # 中央, 地方: the levels themselves
        out += [Found(Actor(id=name, name=name, kind="government"), "lead", level, m.span(1), METHOD_PHRASE)
                for name in names]
    return out


_DEFINES_SHORT_NAME = re.compile(r"[（(]\s*(?:以下简称|以下统称|统称|合称|以下称|简称|下称)")
_CLOSING = re.compile(r"[）)]")


def _inside_definition(text: str, span: tuple[int, int]) -> bool:
    """"(以下统称省有关单位)": the short name a text defines is no further body."""
    if "称" not in text:
        return False                        # every definition says 简称, 统称 or 下称: most texts, none
    opening = max(text.rfind("（", 0, span[0]), text.rfind("(", 0, span[0]))
    return opening >= 0 and bool(_DEFINES_SHORT_NAME.match(text, opening)) and \
        not _CLOSING.search(text, opening, span[0])


_ITEM_NUMBER_ONLY = re.compile(r"\s*(?:[（(]?[0-9一二三四五六七八九十]{1,3}[)）.．、]?\s*|(?:\d{1,2}[.．]){1,3}\d{1,2}[.．、]?\s*)?")


def duty_heads(w: Words, found: list[Found], statute: bool = False) -> list[Found]:
    """The bodies before the colon of a duty-list entry ("市应急管理局：负责…", "（3）省民政厅：…",
    "县交运局、县住建局：…": the entry is each one's); in a plan, the bodies a numbered item names alone
    ("（11）市检察院、市中级人民法院。") and a working group named alone ("2.3.1 抢险救援组。由…组成。")."""
    heads = _opening_bodies(w, found)
    if not heads:
        return []
    end = heads[-1].span[1]
    if _ALIAS_THEN_COLON.match(w.text, end):
        return heads
    if not _LABEL_ALONE.fullmatch(w.text, end):
        return []
    numbered = not statute and bool(_ITEM_NUMBER_ONLY.fullmatch(w.text[:heads[0].span[0]]).group().strip())
    group_alone = len(heads) == 1 and WORKING_GROUP.search(heads[0].actor.name)
    return heads if group_alone or numbered else []


def _named_alone(w: Words, found: list[Found]) -> list[Found]:
    """The bodies a sentence names and nothing else ("市检察院、市中级人民法院。")."""
    bodies = _opening_bodies(w, found)
    if not bodies or len(bodies) != len(found) or w.text[:bodies[0].span[0]].strip():
        return []
    return bodies if _LABEL_ALONE.fullmatch(w.text, bodies[-1].span[1]) else []


def _opening_bodies(w: Words, found: list[Found]) -> list[Found]:
    """The bodies a clause opens with (after an item number at most), listed with 、/和/及, up to the
    colon after one of them."""
    if not found:
        return []
    ordered = sorted(found, key=lambda f: f.span[0])
    if not _ITEM_NUMBER_ONLY.fullmatch(w.text[:ordered[0].span[0]]):
        return []
    bodies = [ordered[0]]
    for body in ordered[1:]:
        if _ALIAS_THEN_COLON.match(w.text, bodies[-1].span[1]) or \
                w.text[bodies[-1].span[1]:body.span[0]] not in _HEADS_JOINED:
            break
        bodies.append(body)
    return bodies


_HEADS_JOINED = ("、", "和", "及")
# nothing but the end of its sentence after a name ("抢险救援组。"): the name stands alone
_LABEL_ALONE = re.compile(r"\s*[。．]?\s*")
# the line of a notice naming whom it is sent to: scoped bodies listed, a colon, nothing after it
_ADDRESSEES = re.compile(r"\s*各(?![^：:]*(?:职责|任务|如下|要求))[^。；：:]{2,80}[：:]\s*")
# … or written without 各: bodies and their separators only, then the colon ("区应急管理局、区消防救援大队、
# 区教育局:"); three bodies at least, so that a duty entry's heading ("市公安局、市交通局：") keeps its duty
_LIST_THEN_COLON = re.compile(r"\s*[^。；;：:]{6,300}[：:]\s*")
MIN_ADDRESSEES = 3


def _addressee_list(text: str, found: list[Found]) -> bool:
    spans = sorted({f.span for f in found})
    if len(spans) < MIN_ADDRESSEES or not _LIST_THEN_COLON.fullmatch(text):
        return False
    covered, end = 0, 0
    for a, b in spans:                   # (spans may nest: "市公安局钱塘区分局" and its 市公安局)
        covered += max(0, b - max(a, end))
        end = max(end, b)
    listed = len(re.sub(r"[\s、，,和及：:]", "", text))
    return covered >= 0.7 * listed


# a numbered part's first sentence (the part's id before it)
_ITEM_OPENING = re.compile(r"^(.*/(?:item|sec|chp|topic)_\d+)/para_1/cl_1$")


# "省委组织部（省公务员局）：负责…": the body's other name in brackets before the colon (or a
# dash in its place: "市气象局——负责…"; or the word for its duties: "X的主要职责是：…")
_ALIAS_THEN_COLON = re.compile(rf"(?:[（(][^（()）：:]{{1,24}}[）)])?(?:的?{DUTIES_WORD}(?:是|为|如下|包括)?)?"
                               rf"(?:[：:]|{ENTRY_DASH})")



_SCOPE_BEFORE_STATUTE_BODY = re.compile(r"^(?:各(?!级)|任何|其他|其)")


def _surface(p: OrgPhrase, context: ClauseContext) -> str:
    if context.statute:
        return _SCOPE_BEFORE_STATUTE_BODY.sub("", p.surface) or p.surface
    return p.surface


_LIST_GLUE = {"、", "和", "及", "以及", "或", "或者", "及其", "和其他", "及其他", "或其", "及有关", "和有关",
              "，以及", "，以及其他"}      # ("…村民委员会，以及机关、团体…，应当…": the list goes on)
# persons listed between two bodies keep the list one: "组织有关部门、专家及灾区应急管理部门评估…",
# "建设单位或者个人、施工单位不得…"
# the next item described ("…主办单位|、公共场所和公共设施的|经营、管理单位"): the list goes on
_DESCRIBED_ITEM = re.compile(r"^(?:、|和|及|以及|或者|或)(?:(?!对|向|将|把|给|由|与|经|有权|个人|应当)[^，。；：、]){1,14}的$")
# a description listing attributes between two bodies ("A和自然灾害多发、易发地区的县级人民政府"):
# one list, as _DESCRIBED_ITEM
_DESCRIPTION_LISTED = re.compile(r"^(?:和|及|以及|或者|或)(?:(?:(?!对|向|将|把|给|由|与|经|个人|应当)[^，。；：、的]){1,8}、)+"
                                 r"(?:(?!对|向|将|把|给|由|与|经|个人|应当)[^，。；：、的]){1,8}的$")
# a note on what the body covers ("乡镇人民政府（包括街道办事处，下同）负责…"): the bodies it
# includes take the body's role
_INCLUDES = re.compile(r"^[（(](?:包括|包含|含|其中包括)$")
# the short name a list's items are given before it goes on ("A、B和C管委会（以下称各区政府）及市有关部门负责…")
_DEFINED_THEN_LISTED = re.compile(r"^[（(]\s*(?:以下简称|简称|以下统称|统称为?|合称|以下称|下称)[^（()）]{1,16}[）)]"
                                  r"(?:、|和|及|以及|或者|或|，以及)$")
_PERSONS_BETWEEN = re.compile(r"^(?:或者|以及|[、和及与或])[^，。；：、和及或与]{0,10}?(?:" + "|".join(PERSON_ENDINGS)
                              + r"|专家学者)(?:或者|以及|[、和及与或])$")


def _chains(w: Words, phrases: list[OrgPhrase]) -> list[list[OrgPhrase]]:
    """Bodies listed together ("A、B和C负责…") share one role."""
    chains: list[list[OrgPhrase]] = []
    for p in phrases:
        if chains:
            last = chains[-1][-1]
            if p.group == last.group or _listed_together(w, last, p):
                chains[-1].append(p)
                continue
        chains.append([p])
    return chains


def _listed_together(w: Words, last: OrgPhrase, p: OrgPhrase) -> bool:
    """``p`` follows ``last`` in one list: list glue between them, or after the end of the list
    ``last`` closes ("A、B等单位|和|C"), or no separator at all between two departments
    ("省应急厅省财政厅": lost in conversion)."""
    glue = w.text[last.span[1]:p.span[0]]
    list_end = w.end_char(last.tokens[1] - 1)
    # the next list's own words may open before its body ("…等部门以及|供水、供电等|公用企业")
    next_start = min(p.span[0], w.starts[p.tokens[0]])
    if glue in _LIST_GLUE or w.text[last.span[1]:next_start] in _LIST_GLUE or (
            last.span[1] < list_end <= next_start and w.text[list_end:next_start] in _LIST_GLUE):
        return True
    if _PERSONS_BETWEEN.match(glue) or _DESCRIBED_ITEM.match(glue) or _INCLUDES.match(glue) \
            or _DEFINED_THEN_LISTED.match(glue):
        return True
    if _DESCRIPTION_LISTED.match(glue):
        return True                 # "A和|自然灾害多发、易发地区的|B": the item's description lists attributes
    # (and a grassroots body or a street office right after another body: "乡镇政府街道办事处村民委员会")
    return glue == "" and ((last.surface.endswith(("厅", "局", "委", "办")) and p.surface[:1] in "省市县区")
                           or p.kind == "grassroots" or p.surface.endswith("办事处"))


_OFFICE_HEADS = ("厅", "局", "委", "办", "委员会", "办公室")


def _offices_under_one_level(chain: list[OrgPhrase]) -> None:
    """"省财政厅、民政厅", "市安委办、消委办": the level written before the first office of a
    list is the level of the offices listed after it without one (not of a ministry, 应急管理部,
    nor of an office named with its place, 深圳金融监管局); so for companies ("县联通公司、移动公司",
    "省交通厅、电力公司")."""
    if len(chain) < 2:
        return
    gaz = load_gazetteer()
    opening = chain[0]
    if opening.gazetteer and opening.core == opening.gazetteer:
        prefix = split_prefix(opening.gazetteer, gaz.entry_for(opening.gazetteer))[0]   # (jieba's 市安委)
    else:
        prefix = _level_prefix(opening.core)
    # (an office's level is also that of a company listed with it: "省交通厅、农业厅、电力公司等单位")
    family = _OFFICE_HEADS + COMPANY_ENDS if opening.core.endswith(_OFFICE_HEADS) else \
        COMPANY_ENDS if opening.core.endswith(COMPANY_ENDS) else None
    if prefix not in ("省", "市", "区", "县", "州") or family is None:
        return
    for p in chain[1:]:
        if not p.core.endswith(family) or len(p.core) > 10 or p.core.startswith(STATE_GROUPS):
            continue
        word = plain_words(p.core)[0]
        if _level_prefix(p.core) or word in gaz.places or _pos().get(word) == "ns" or word[:1] in "省市区县州" \
                or starts_with_a_place(p.core):                         # ("南昌铁路局": its own place)
            continue
        p.core = prefix + p.core


_WHOLE_PLACE_SCOPE = re.compile(r"^(?:全市|全省|全区|全县|本市|本省|本区|各级|各)")


def _actors_of(p: OrgPhrase, context: ClauseContext, w: Words) -> list[Actor]:
    """The actors phrase ``p`` names, made once per document for each body as written (with the
    owner of a bare unit: "人大及其|常委会"): a statute names the same bodies again and again.
    Handed out as copies, since a document's registry adds aliases to the actors it keeps."""
    local = context.section_context(p.core)
    if local is not context:
        return _actors_of(p, local, w)
    owner = None if p.gazetteer else _owner_before(w, p)
    key = (p.gazetteer, p.core, p.head, p.kind, owner)
    made = context.actors_named.get(key)
    if made is None:
        # documents of one region name the same bodies: what _actors_named reads of the document
        # (its region, genre and short names) completes the key across documents (one gazetteer)
        across = (key, context.region, context.statute, tuple(sorted(context.abbreviations.items())), context.own_level)
        gaz = load_gazetteer()
        if _ACTORS_NAMED_BY[0] is not gaz or len(_ACTORS_NAMED) >= _ACTORS_NAMED_MAX:
            _ACTORS_NAMED.clear()
            _ACTORS_NAMED_BY[0] = gaz
        made = _ACTORS_NAMED.get(across)
        if made is None:
            actors = _actors_named(p, context, owner)
            made = _ACTORS_NAMED[across] = (tuple(actors), p.kind)
        context.actors_named[key] = made
    p.kind = made[1]                        # as _actors_named leaves it ("省有关单位": public)
    return [_copy(actor) for actor in made[0]]


# The actors of each body as written, across documents (see _actors_of): never handed out, only copied.
_ACTORS_NAMED: dict = {}
_ACTORS_NAMED_BY: list = [None]         # the gazetteer they were read with: another one empties them
_ACTORS_NAMED_MAX = 1 << 15


def _copy(actor: Actor) -> Actor:
    return Actor(id=actor.id, name=actor.name, aliases=list(actor.aliases), kind=actor.kind, region=actor.region,
                 level=actor.level)


_AND_OTHER = re.compile(r"^(.{2,16}?)(?:和|及|以及)其他(?:有关|相关)?(部门|单位)$")


def _defined_otherwise(surface: str, abbreviations: dict[str, str]) -> bool:
    """Whether the document defines a short name the gazetteer knows as another body's: its own
    definition wins ("县政府设立防汛指挥部（以下简称“县防指”）": 县防指 is that, not 防汛抗旱指挥部)."""
    short = next((s for s in abbreviations if surface.endswith(s)), None)
    if short is None:
        return False
    return abbreviations[short] not in load_gazetteer().entry_for(surface).surfaces()


def _actors_named(p: OrgPhrase, context: ClauseContext, owner: Optional[str]) -> list[Actor]:
    gaz = load_gazetteer()
    command = refer(p.core, context.own_command, context.region) if not p.gazetteer else None
    if command:                             # "市指挥部办公室": the plan's own command's office
        p = OrgPhrase(p.surface, command, p.head, p.kind, p.span, p.tokens, None, p.group)
    if p.gazetteer and _defined_otherwise(p.gazetteer, context.abbreviations):
        p = OrgPhrase(p.surface, p.core, p.head, p.kind, p.span, p.tokens, None, p.group)
    if p.gazetteer:
        ent = actor_for(p.gazetteer, context.region)
        ext = p.core[:len(p.core) - len(p.gazetteer)] if p.core.endswith(p.gazetteer) else ""
        if ext.startswith("各级") and gaz.entry_for(p.gazetteer).scoped:
            entry = gaz.entry_for(p.gazetteer)
            return [Actor(id="各级" + entry.name, name="各级" + entry.name, kind=entry.kind, level="any")]
        if _LEVELS_BEFORE.fullmatch(ext):   # "市、|区安全生产委员会": the body of each level
            _, stem = split_prefix(p.gazetteer, gaz.entry_for(p.gazetteer))
            named = [level + stem for level in re.findall(r"[省市区县]", ext)]
            # (not a level itself: "区、|区镇（街道）" are two levels)
            if all(level_then_name(name) and gaz.lists(name) for name in named):
                return [actor_for(name, context.region) for name in named] + [ent]
        if not ext or (("及" in ext or "和" in ext) and not _LEVEL_LIST.match(ext)):
            return [ent]                    # "市及区（镇）财政部门": every level's, the role itself
        if ent.kind == "enterprise":
            return [ent]                    # enterprises are not scoped ("全区城镇燃气企业")
        written = ext + p.gazetteer
        if ext and ext[-1] + p.gazetteer[0] in _WORDS_ENDING_IN_A_PREFIX:
            return [_generic_actor(n, r, p) for n, r in context.canonical(written, p.head)]
        base = ent.name if not ent.region and _is_prefix(ext) else p.gazetteer
        names = context.canonical(ext + base if _is_prefix(ext) else written, p.head)
        if ent.region and len(names) == 1 and names[0][0].endswith(p.gazetteer) and strip_scope(ext, p.head) == "":
            return [ent]
        return [_generic_actor(statute_name(n) if context.statute and r is None else n, r, p) for n, r in names]
    other = _AND_OTHER.match(p.core)
    if other and not other.group(1).endswith(("部门", "单位")):
        # "人力资源社会保障和其他有关部门": the sector's department, and the others
        return [a for core in (other.group(1) + other.group(2), "有关" + other.group(2))
                for a in _actors_named(OrgPhrase(p.surface, core, p.head, p.kind, p.span, p.tokens, None, p.group),
                                       context, owner)]
    bare = _WHOLE_PLACE_SCOPE.sub("", p.core)
    if owner and bare in ("常委会", "成员单位", "办公室", "专家委员会", "工作机构", "办事机构"):
        core = owner + bare
        core = refer(core, context.own_command, context.region) or core     # "指挥部下设|办公室"
        p = OrgPhrase(p.surface, core, p.head, p.kind, p.span, p.tokens, None, p.group)
        bare = p.core                       # "人大及其常委会" -> 人大常委会
    if bare in gaz.needs_qualifier:
        return []                           # "动员全市力量": nobody in particular
    names = context.canonical(p.core, p.head, p.kind == "enterprise")
    out = []
    for name, region in names:
        if context.statute and region is None:
            name = statute_name(name)
        if not _names_somebody(name, p.head):
            continue
        entry = gaz.by_surface.get(name)
        if entry and not entry.scoped:
            out.append(Actor(id=entry.name, name=entry.name, kind=entry.kind, level=entry.level))
            continue
        if region and p.kind == "enterprise" and name.endswith("单位"):
            p.kind = "public"                   # "省有关单位": the province's own bodies
        out.append(_generic_actor(name, region, p))
    return out


def _a_named_company(p: OrgPhrase, context: ClauseContext) -> bool:
    """A company a plan names (郑州网通公司, 省电力公司): tasked as a body, not a class under an obligation."""
    return not context.statute and p.kind == "enterprise" and p.core.endswith(COMPANY_ENDS) and _named(p.core, context)


def _named(core: str, context: ClauseContext) -> bool:
    """A particular enterprise (苏州供电公司, 国网衡阳供电公司), not a class of them (企业)."""
    first = plain_words(core)[0] if core else ""
    region = (context.region or "")[:-1]
    return bool(first) and (_pos().get(first) in ("ns", "nt", "nz") or (region and core.startswith(region))
                            or first in ("中国", "国家") or core.startswith(STATE_GROUPS)
                            or bool(regional_company(core, context.region)))


_SCOPE_RUN = re.compile(r"^(?:各级|各类|各|其他|有关|相关|全部|所有|任何)+")


def _is_prefix(ext: str) -> bool:
    """Scope, situation and level words before a gazetteer name (not part of another word)."""
    rest = _SCOPE_RUN.sub("", ext)
    rest = strip_scope(rest, "")
    return not rest or any(rest.startswith(x) for x in LEVEL_WORDS if len(x) > 1) or rest in LEVEL_WORDS


def _owner_before(w: Words, p: OrgPhrase) -> Optional[str]:
    """"同级人大及其|常委会", "三防指挥部及其|成员单位", "指挥部下设|办公室": the body that owns a bare unit."""
    if not w.text.endswith(("及其", "下设"), 0, p.span[0]):
        return None                         # (most bodies: no slice of the text before them)
    before = w.text[:p.span[0]]
    m = re.search(r"([\u4e00-\u9fff（）()]{2,20}?)(?:及其|下设)$", before)
    if not m:
        return None
    owner = re.sub(r"^(?:各级|各|同级|本级)", "", m.group(1))
    return owner


def _names_somebody(name: str, head: str) -> bool:
    gaz = load_gazetteer()
    if not name or name in gaz.needs_qualifier:
        return False                        # a bare "部门", "机构" names nobody
    if name.endswith(gaz.not_actor_endings):
        return False
    if "跨" in name[:2] or name.startswith("多"):
        return False
    return True


def _generic_actor(name: str, region: Optional[str], p: OrgPhrase) -> Actor:
    if p.kind == "enterprise":
        kind = "enterprise"
    elif name.endswith(("政府", "人民政府")) or name.endswith("委") and len(name) <= 4:
        kind = "government"
    elif name.endswith("部门"):
        kind = "role"
    else:
        kind = "organisation"
    level = _LEVEL_OF.get(region[-1]) if region else None
    return Actor(id=name, name=name, kind=kind, region=region, level=level)


def partner_places(w: Words, region: Optional[str]) -> list[Found]:
    """Neighbouring areas a plan co-operates with: "与太仓市、嘉定区等周边区域建立…协同机制"."""
    gaz = load_gazetteer()
    places = gaz.places
    if not gaz.place_pattern.search(w.text):
        return []                           # most clauses: no word-by-word loop
    out = []
    for i, word in enumerate(w.words):
        if word in places and word != region and role_of(w, i, i + 1, "public") == "cooperate":
            out.append(Found(Actor(id=word, name=word, kind="government", region=word), "cooperate",
                             word, (w.starts[i], w.end_char(i)), METHOD_PHRASE))
    return out


@lru_cache(maxsize=1 << 12)      # a pure function of the name, asked for every body of every statute clause
def statute_name(body: str) -> str:
    """A statute's department named with its government ("县级以上地方人民政府燃气管理部门") is the
    department wherever the statute applies (燃气管理部门); 国务院X names the national one."""
    actor = law_body(body)
    return actor.name if actor else body


# -- laws: duty assignments -------------------------------------------------------

_ORG_SUFFIX = re.compile(
    r"(?:部门|机构|机关|人民政府|政府|委员会|单位|企业|经营者|组织|团体|协会|指挥部|指挥机构|中心|队伍|办公室|办事处|局|所|站)$")
_LEVEL_PREFIX = [
    (re.compile(r"^国务院(?=.)"), "national"),
    (re.compile(r"^(?:省、自治区、直辖市|省级)(?:人民政府)?"), "province"),
    (re.compile(r"^(?:设区的市(?:级)?|市、县(?:级)?|县级以上(?:地方)?(?:各级)?|县级|乡、镇|乡镇)(?:人民政府)?"), None),
    # the department of the government the article speaks of is the department ("会同同级公安、
    # 交通等部门", "本级人民政府有关部门"); 同级人民政府 itself stays
    (re.compile(r"^(?:同级|本级)(?:人民政府)?"), "same"),
    # the government of the place the article speaks of ("受灾地区人民政府应急管理部门")
    (re.compile(r"^人民政府(?=.)"), "same"),
]
# Persons under a duty (个人, 公民) are not bodies: they are left out like plans' person roles.
_SUBJECT_KIND = [(re.compile(r"(?:单位|企业|经营者)$"), "enterprise"),
                 (re.compile(r"(?:人民政府|政府)$"), "government")]


_ITEM_NUMBER = re.compile(r"^(?:[（(][一二三四五六七八九十\d]{1,3}[）)]|[一二三四五六七八九十]{1,3}、|\d{1,3}[.．、])\s*")


_WITHIN_OR_OTHER = re.compile(r"^(?:本(?:市|省|区|县)?行政区域内|其他|各|有关的)")


def law_body(written: str) -> Optional[Actor]:
    """'县级以上地方人民政府燃气管理部门' -> 燃气管理部门; '国务院建设主管部门' kept whole."""
    # An enumerated item of an article ("（一）安全生产监督管理部门，负责…") numbers the body, not names it.
    body = _ITEM_NUMBER.sub("", written.strip())
    body = _WITHIN_OR_OTHER.sub("", body)
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
        if lvl == "same":
            level = None
            if rest.endswith(("部门", "机构", "机关")) and rest != "部门":
                body = re.sub(r"^(?:其他|各)", "", rest)
            break
        if rest and _ORG_SUFFIX.search(rest) and rest not in ("有关部门", "部门") and not rest.startswith("（"):
            body = re.sub(r"^(?:其他)", "", rest)
        break
    kind = next((k for p, k in _SUBJECT_KIND if p.search(body)), "role" if body.endswith("部门") else "organisation")
    return Actor(id=body, name=body, aliases=[written] if written != body else [], kind=kind, level=level)


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
    if not found:
        return []
    found = sorted(found, key=lambda f: (f.method != METHOD_DUTY, f.span[0]))
    kept: list[Found] = []
    for f in found:
        if any(f.span[0] < k.span[1] and k.span[0] < f.span[1] and (f.span, f.method) != (k.span, k.method)
               for k in kept):
            continue                        # one phrase may name several ("市、县（区）人民政府"): all kept
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
