"""Owner questions: "我们县里的燃气管道归哪个部门管？", "重庆一家KTV的消防监督检查归哪个部门管？".

1. Find the matter the question is about (search_api.service.matters: statutory terms and
   the everyday words for them) and the places it names (search_api.service.jurisdictions).
2. Take the clauses that give some body a duty (every clause with an extracted mention of a
   body) in the documents that may answer: the place's own texts, national law, national
   plans (another region's texts only when nothing closer assigns the matter). Keep those that
   hold a term of the matter and score them with a hybrid search restricted to them: BM25 on
   the question plus the matter's statutory terms, and the embedding similarity.
3. Rank bodies by how directly a clause assigns them the matter (search_api.service.duties:
   主管 / 负责 / 统一领导 / 牵头 > general duties > mentions); a generic body (有关部门) never
   leads where a named one exists. Where the question asks about an act (谁发布, 由谁组织调查,
   谁负责发放), a clause in which the body itself performs it ("气象台站应当…统一发布…预警信号")
   counts for more than one where the act is only part of a noun ("建立…预警信息发布系统") or is
   another body's. The first tier of jurisdiction that assigns the matter
   leads (the place's own text about the matter does when an article gives a body the whole
   matter, whatever words the question uses); a document about the matter (its title names it)
   and a 法 before a 条例 break ties.
4. Answer first: one line per matter ("城镇燃气：县级以上地方人民政府燃气管理部门负责（《城镇燃气
   管理条例》第五条）"), then the bodies with all their evidence, then search hits. Where no
   loaded document assigns the matter, say so (abstain) instead of guessing.

``OwnerQuestions.ask`` is a part of search_api.service.readmodel.Service.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Callable, Optional

from ingest.extract.duty_tables import METHOD as DUTY_TABLE
from ingest.extract.sections import PENALTIES
from ingest.extract.gazetteer import load_gazetteer
from ingest.jurisdiction import COUNTY
from ingest.script import simplified_query
from search_api.service.duties import (APPROVALS, ASSIGNING, DIRECT, GENERAL, GOVERNMENT, MENTION, NATIONAL_BODY,
                                       SANCTIONS, STRENGTH_LABEL, action_verbs, asked_topic, asks_who, assigns_nothing, is_authority,
                                       is_generic, next_body, own_predicate, performs, states_remit, strength, written_name)
from search_api.service.jurisdictions import OTHER_TIER, PLACE_TIER, Jurisdictions
from search_api.index.tokens import segment, words
from search_api.service.matters import (LOOSE_COVERAGE, Matter, circumstance_words, open_matter, open_topic_text,
                                       recognise_matters, topic_text)

MAX_BODIES = 12          # bodies listed per answer
MAX_EVIDENCE = 4         # evidence clauses per body
MAX_PLAN_NOTES = 3       # other regions' plans summarised in the answer line
DENSE_WEIGHT = 0.6       # weight of the embedding similarity against BM25 (both min-max scaled)
RELEVANCE_WEIGHT = 1.1   # how well the clause answers the question, against the bonuses below
TITLE_BONUS = 0.6        # a document whose title names the matter (城镇燃气管理条例 for 燃气), by the matter's weight
LAW_BONUS = 0.3          # a 法 before a 条例 assigning the same
STRENGTH_WEIGHT = 0.3    # per step of assignment strength (mentioned 0 … assigns 3)
ACTION_BONUS = 0.4       # the body is itself the subject of the act the question asks about (谁发布 → X发布)
REMIT_BONUS = 0.4        # a clause giving the body the whole matter in its area (负责本行政区域内的…工作)
# A sentence that gives several bodies several matters ("规划部门负责制定…专项规划，城乡管委…负责实施并维护")
# answers with the body whose own predicates hold the question's words: another body of the sentence,
# as strong or weaker, loses up to this much by the share of those words it lacks.
OTHER_PREDICATE_PENALTY = 0.4
NATIONAL_BODY_PENALTY = 0.35   # 国务院… bodies, unless the question asks about the national level
_NATIONAL_QUESTION = re.compile(r"全国|国家|国务院|中央|跨省")
# The four grades of incidents (特别重大、重大、较大、一般); "重大" is not inside "特别重大".
_GRADE = re.compile(r"(?:特别重大|(?<!特别)重大|较大|一般)(?=[^，。；、？?]{0,6}(?:事故|事件|灾害|疫情|险情|灾情))")
GOVERNMENT_PENALTY = 0.4       # a government, when the question asks which department supervises
_DEPARTMENT_QUESTION = re.compile(r"部门|监管|主管|检查|审批|办理|去哪|找哪|归谁管|谁来管|谁管")
# A question about an incident across boundaries ("跨了两个区") is answered by the clause that says
# who handles those ("跨区(市)的突发事件应对工作，由市人民政府负责"): jieba's words (跨了, 跨区) share none.
CROSS_BONUS = 0.4
# A question about one part of a matter ("防汛抢险现场的医疗救护和防疫由哪个部门牵头", matter 防汛抗旱) is
# answered, in a text about the matter, by the clause that assigns that part (救护和防疫组：由卫健部门
# 牵头…) more directly than by the same text's charter of the whole matter: by the share of the
# part's words the clause holds, weighed as an open matter's are. Words most units hold (安全, 企业,
# 保障: more than one in fifty) name no part.
ASPECT_BONUS = 0.5
ASPECT_MAX_SHARE = 0.02
_CROSSING = re.compile(r"跨(?!度|越式)")
# A county's, district's or town's body named in a city's or province's own text, when the
# question asks about the city or province itself ("济南市燃气归谁管": 市市政公用事业局, not
# "县（市）人民政府确定的管理部门" of the same article; nor "事发地乡（镇、街道）…指挥机构" beside the
# city's own command).
LOWER_LEVEL_PENALTY = 0.4
_LOWER_LEVEL = re.compile(r"^(?:(?:事发|发生|所在)地(?!区)|属地)?各?(?:县|区|乡|镇|街道)(?!级以上)")
# (in a county's own text its 县 bodies are the place's own: only a town's are lower, and not the town
# where the event is, the first to act in a county: "发生地乡镇人民政府…组织扑救")
_TOWN_LEVEL = re.compile(r"^各?(?:乡|镇|街道)")
_LOWER_PLACE = re.compile(r"(?:县|区|旗|乡|镇|街道)$|县里|区里|乡里|镇里|街道")
# … and a body such a government sets up ("蓟州区人民政府设立突发地质灾害应急指挥机构，负责本辖区内…")
_SET_UP_BELOW = re.compile(r"(?:县|(?<!自治)区|旗|乡|镇|街道办事处)[）)]?(?:人民)?政府?(?:应当|应|要)?(?:设立|成立|组建)$")
QUALIFY = 0.55           # a tier leads when it has an assignment at least this close to the best relevance
SOURCE_OF_KIND = {"plan": "plan", "law": "law", "regulation": "law", "report": "plan"}
ROLE_OF_STRENGTH = {ASSIGNING: "lead", DIRECT: "lead", GENERAL: "cooperate", MENTION: "mentioned"}
# A duty table's column gives its bodies' roles: 牵头单位 / 成员单位 lead, 配合单位 cooperates.
TABLE_ROLE_STRENGTH = {"lead": ASSIGNING, "cooperate": GENERAL}


@dataclass
class Pair:
    """One body in one clause, scored for the question."""
    clause_id: str
    doc_id: str
    actor_id: str
    actor: str
    strength: int
    relevance: float
    tier: tuple[int, int]
    generic: bool              # generic (有关部门) or no public body (使用单位): never leads
    score: float = 0.0
    matters: list[str] = field(default_factory=list)
    charter: bool = False      # the clause gives the whole matter in its area, in a text whose title names it

    @property
    def assigns(self) -> bool:
        """A named body with a direct duty."""
        return self.strength >= DIRECT and not self.generic


def _parent(clause_id: str) -> str:
    return clause_id.rsplit("/", 1)[0]


def _paragraphs(clauses: list[tuple[str, str]]) -> dict[str, str]:
    """Paragraph id -> the text of its clauses that give a body a duty, in order."""
    out: dict[str, str] = {}
    for clause_id, text in clauses:
        parent = _parent(clause_id)
        out[parent] = out.get(parent, "") + text
    return out


def _min_max_scale(values: list[float]) -> Callable[[float], float]:
    """x -> its place between the smallest and largest of ``values`` (0-1; 1 when all are equal)."""
    low, high = min(values), max(values)
    if high > low:
        return lambda x: (x - low) / (high - low)
    return lambda x: 1.0


def _is_code(title: str) -> bool:
    """A 法 (a law of the NPC), not an 办法 or a 条例."""
    return title.endswith("法") and not title.endswith("办法")


_LEVEL_LIST = re.compile(r"^[省市县区乡镇](?:级)?[、和及或]")


def _as_written(name: str, surface: str) -> str:
    """The body as the source names it: the extracted canonical name where it holds the written
    form (燃气管理部门 → 县级以上地方人民政府燃气管理部门), else the written form (消防救援机构,
    which extraction files under 消防救援队伍; 县级以上地方人民政府建设行政主管部门 of a fragment)
    when it names a body itself: a list item that shares its head with the next ("基层专职|和兼职
    消防队伍") is written without one, and its canonical name (专职消防队伍) says what it is."""
    if not surface or surface in name or _LEVEL_LIST.match(surface) or (
            GOVERNMENT.search(surface) and name.replace("人民政府", "政府").endswith(surface)):
        return name         # (盘龙区政府 is written for 盘龙区人民政府, and a county plan's 县政府 for 巫山县人民政府:
                            # the full name; "市、县（市、区）人民政府…部门" names each level's body, this one by its own name)
    return surface if load_gazetteer().is_body_name(surface) else name


def _names(title: str, matter: Matter) -> bool:
    """A title about the matter: it holds the matter's name, one of its first statutory terms or
    the question's own word for it (城镇燃气管理条例, 防洪法; not 汶川地震灾后恢复重建条例 for 救助), also
    inside a longer word of the same matter (突发地质灾害应急预案: 地质灾害应急), and not as a part of another
    matter's longer word (重大动物疫情应急条例 is not about 疫情 of people)."""
    keys = (matter.name, *matter.terms[:3], *matter.found)
    written = _title_matters(title).get(matter.name, ())
    if any(k in w for w in written for k in keys):
        return True
    # an emergency plan for one kind of event names it by any of its statutory terms: the whole plan is
    # about it ("沈阳市重特大道路交通事故处置应急预案": 交通事故 of 道路交通)
    return bool(_EVENT_PLAN.search(title)) and any(w in matter.terms and "预案" not in w for w in written)


_EVENT_PLAN = re.compile(r"(?:事故|事件|灾害)(?:处置|救援|处理)?(?:专项)?应急预案$")


@lru_cache(maxsize=4096)
def _title_matters(title: str) -> dict[str, tuple[str, ...]]:
    """The matters a title names, by its longest words."""
    return {m.name: m.found for m in recognise_matters(title)}


def _matter_weights(matters: list[Matter]) -> dict[str, float]:
    """How much of the question each matter accounts for (statutory terms count double)."""
    raw = {m.name: sum(len(w) * (2 if w in m.terms else 1) for w in m.found) for m in matters}
    top = max(raw.values(), default=1) or 1
    return {name: value / top for name, value in raw.items()}


# How statutes write the acts a question names colloquially (谁监管 → 监督管理).
_STATUTORY_ACTS = (("监管", "监督管理"), ("检查", "监督检查"))


def _keywords(question: str, matters: list[Matter]) -> str:
    """What BM25 scores: the question's own words, plus the statutory name of a matter the
    question only names colloquially (电梯 → 特种设备) and of the act it asks about."""
    extra = [t for m in matters if not any(w in m.terms for w in m.found) for t in m.terms[:2]]
    extra += [term for word, term in _STATUTORY_ACTS if word in question and term not in question]
    return " ".join([topic_text(question), *extra])


class OwnerQuestions(Jurisdictions):
    """Owner questions (a part of Service)."""

    # -- candidates ----------------------------------------------------------------
    def _duty_clauses(self, doc_id: str) -> list[tuple[str, str]]:
        """(clause id, text) of every clause that gives a body a duty (its bodies: ``duty_mentions``).
        Kept: every question reads every document's, and they are read from the lookup tables."""
        cache = self.__dict__.setdefault("_duty_cache", {})
        found = cache.get(doc_id)
        if found is None:   # two threads may read it at once: the same rows, either kept
            found = cache[doc_id] = [(c, text) for c, text in self.duty_texts(doc_id) if text is not None]
        return found

    @staticmethod
    def _written(text: str, clause_id: str, mention) -> tuple[str, Optional[int]]:
        """The mention's name as the clause writes it, and where (from its span)."""
        prov = mention.provenance
        if prov and prov.span and prov.clause_id == clause_id and \
                text[prov.span[0]:prov.span[1]] == mention.surface:
            return written_name(text, prov.span[0], prov.span[1])
        start = text.find(mention.surface) if mention.surface else -1
        if start >= 0:
            return written_name(text, start, start + len(mention.surface))
        return mention.surface, None

    def _pairs(self, question: str, matters: list[Matter], places: list[str], wide: bool) -> list[Pair]:
        docs = self.document_ids()
        tiers = {d: self.tier(d, places) for d in docs}
        if not wide:
            docs = [d for d in docs if tiers[d][0] != OTHER_TIER]
        candidates: dict[str, tuple[str, list[str], str]] = {}
        for doc_id in docs:
            # every article of a text whose title names the matter is about it (自然灾害救助条例
            # 第十六条 "…应急管理部门应当立即向…报告" never repeats 救助)
            in_title = [m.name for m in matters if _names(self.title(doc_id), m)]
            clauses = self._duty_clauses(doc_id)
            context = _paragraphs(clauses) if any(m.weights for m in matters) else {}
            for clause_id, text in clauses:
                # an open matter's words may be spread over the sentences of a paragraph ("…限制商品
                # 过度包装的强制性标准…。…市场监督管理部门…加强对过度包装的监督管理。")
                # (… and over the title of a plan about the matter: "无锡市供水危机时蓝藻的打捞" of
                # 无锡市突发供水危机专项应急预案's "市水利局：负责蓝藻的打捞工作")
                about = [m.name for m in matters if m.name in in_title or (
                    _about_in(m, context.get(_parent(clause_id), text), self.title(doc_id)) if m.weights
                    else m.about(text))]
                if about:
                    candidates[clause_id] = (doc_id, about, text)
        if not candidates:
            return []
        weights = _matter_weights(matters)
        # the place chose the texts; inside them its name is no sign of relevance (a clause naming
        # "平顶山…管委会" is not more about 平顶山's rivers than "市水行政主管部门…负责" is)
        asked = self.without_places(question).strip() or question
        scores = self.score_clauses(asked, list(candidates), keywords=_keywords(asked, matters))
        if not scores:
            return []
        bm = [s[0] for s in scores.values()]
        dn = [s[1] for s in scores.values()]
        scale_bm25, scale_dense = _min_max_scale(bm), _min_max_scale(dn)
        national_question = bool(_NATIONAL_QUESTION.search(question))
        grade = next(iter(_grades(question)), None)    # 重大停电事故: the grade a national body may own
        department_question = bool(_DEPARTMENT_QUESTION.search(question))
        verbs = action_verbs(question)
        sanction_asked = not SANCTIONS.isdisjoint(verbs)
        # (a consent asked for is given where a penalty article writes it: "情节严重的，报经县级以上人民政府
        # 批准，可以责令停业整顿")
        approval_asked = not APPROVALS.isdisjoint(verbs)
        # the question is about a city or a province itself, not one of its counties or districts
        upper_place = bool(places) and not any(_LOWER_PLACE.search(p) for p in places + [question])
        crossing = bool(_CROSSING.search(question))
        aspect = self._aspect(question, matters)
        topic = self._topic(question)
        bodies = self.duty_mentions([c for c in candidates if c in scores])
        pairs = []
        for clause_id, (doc_id, about, text) in candidates.items():
            if clause_id not in scores:
                continue
            mentions = bodies.get(clause_id, [])
            b, d = scores[clause_id]
            relevance = scale_bm25(b) + DENSE_WEIGHT * scale_dense(d)
            title = self.title(doc_id)
            titled = [m for m in matters if m.name in about and _names(title, m)]
            remit = states_remit(text, clause_id)
            # (a title naming more of the question's matters is the more specific text: 铁路交通事故
            # 应急救援和调查处理条例 for 铁路交通事故的应急救援, over 突发事件应对法)
            bonus = TITLE_BONUS * min(1.0, sum(weights[m.name] for m in titled))
            bonus += LAW_BONUS * _is_code(title)
            aspect_share = aspect.share(text) if aspect and titled else None
            # (a question about an act on one part of the matter, "遗体由哪个部门处置": the charter of the
            # whole matter holding nothing of that part answers it less directly than the clause that
            # assigns the part, "市民政局负责妥善处置遇难者遗体工作")
            bonus += REMIT_BONUS * remit * (not verbs or aspect_share is None or aspect_share > 0)
            bonus += CROSS_BONUS * (crossing and bool(_CROSSING.search(text)))
            bonus += ASPECT_BONUS * (aspect_share or 0.0)
            penalty = not sanction_asked and self.senses(doc_id).of(clause_id) == PENALTIES
            # (a county's own text: its 县政府 is the place's own government, "巫山" asked or "巫山县")
            county_text = self.jurisdiction(doc_id).level == COUNTY
            national = national_question or (grade is not None and grade in _grades(text))
            spans = [self._written(text, clause_id, m) for m in mentions]
            # (the bodies an act may belong to instead: not one merely mentioned, the team a body
            # organises — "由X组织事故调查组进行调查" is X's act)
            where = [(at, at + len(w)) for (w, at), m in zip(spans, mentions)
                     if at is not None and m.role != "mentioned"]
            first = len(pairs)
            shares = []
            for m, (written, at) in zip(mentions, spans):
                name = _as_written(self.actor_name(m.actor_id), written)
                if m.provenance is not None and m.provenance.method == DUTY_TABLE:
                    s = TABLE_ROLE_STRENGTH.get(m.role, MENTION)     # its column says what it does
                else:
                    # (whether a heading names the body is read from the unit store: only where
                    # strength can use it, for a lead not written in the clause)
                    headed = at is None and m.role == "lead" and self._headed_by(clause_id, m.surface)
                    s = MENTION if penalty else strength(
                        text, written, m.role, at, headed=headed,
                        until=None if at is None else next_body(text, at + len(written), [
                            (a, a + len(w)) for w, a in spans if a is not None and a > at]))
                others = [w for w in where if at is None or w[0] != at]
                end = at + len(written) if at is not None else 0
                acts = bool(verbs) and (not penalty or approval_asked) and performs(text, at, end, verbs, others)
                if topic is not None and len(mentions) > 1:
                    shares.append(topic.share(text[slice(*own_predicate(text, at, end, others))]))
                if acts and s == MENTION and (sanction_asked or approval_asked or not assigns_nothing(text)):
                    # "X12小时内调运到位": no duty verb read after the name, but the act asked about (a
                    # sanction asked for: the penalty article's "由X责令改正，处…罚款" assigns it)
                    s = DIRECT
                actor = self.find_actor(m.actor_id)
                kind = actor.kind if actor else "organisation"
                # a generic surface the clause writes out in full (民用爆炸物品|行业主管部门) is no generic body
                # (a place in the name matters to a company only: looked for there alone)
                named_place = kind == "enterprise" and bool(self.places_in(name))
                weak = (is_generic(name) or (is_generic(m.surface) and len(written) <= len(m.surface))
                        or not is_authority(name, kind, named_place=named_place))
                own = bonus - NATIONAL_BODY_PENALTY * (not national and bool(NATIONAL_BODY.match(name)))
                own -= GOVERNMENT_PENALTY * (department_question and bool(GOVERNMENT.search(name)))
                own -= LOWER_LEVEL_PENALTY * (upper_place and tiers[doc_id] == (PLACE_TIER, 0) and (
                    bool(_TOWN_LEVEL.match(written)) if county_text else
                    bool(_LOWER_LEVEL.match(written)) or (at is not None and bool(_SET_UP_BELOW.search(text[:at])))))
                own += ACTION_BONUS * bool(acts)
                pairs.append(Pair(clause_id, doc_id, m.actor_id, name, s, relevance, tiers[doc_id], weak,
                                  matters=about, score=RELEVANCE_WEIGHT * relevance + own + STRENGTH_WEIGHT * s,
                                  charter=remit and bool(titled)))
            if shares:
                _weigh_own_predicates(pairs[first:], shares)
        return pairs

    # -- ranking -------------------------------------------------------------------
    @staticmethod
    def _lead_tier(pairs: list[Pair]) -> Optional[int]:
        """The closest tier that assigns the matter: a named body with a direct duty in a clause
        nearly as relevant as the best of all, or in the charter of the place's own text about the
        matter: the place's law governs there, and its charter names the matter by its statutory
        term (特种设备), which a question about 锅炉 or 游乐设施 shares no word with. National
        texts keep competing on relevance (a national plan's specific duty beats a statute's
        charter of a wider matter)."""
        assigning = [p for p in pairs if p.assigns]
        if not assigning:
            return None
        best = max(p.relevance for p in assigning)
        tiers = sorted({p.tier[0] for p in assigning
                        if p.relevance >= QUALIFY * best or (p.charter and p.tier[0] == PLACE_TIER)})
        return tiers[0] if tiers else None

    def _ranked(self, pairs: list[Pair]) -> list[Pair]:
        lead = self._lead_tier(pairs)
        if lead is None:
            return []

        def key(p: Pair) -> tuple:
            return (p.tier[0] != lead, p.tier[0], p.generic, p.strength < DIRECT,
                    p.tier[1] if p.tier[0] == PLACE_TIER else 0, -p.score, _natural_key(p.clause_id))
        return sorted(pairs, key=key)

    # -- the answer ----------------------------------------------------------------
    def ask(self, question: str, k: int = 5) -> dict:
        question = simplified_query(question.strip())
        places = self.places_in(question)
        matters = recognise_matters(question) or self._open_matters(question)
        ranked: list[Pair] = []
        plans: list[Pair] = []
        if matters:
            pairs = self._pairs(question, matters, places, wide=True)
            ranked = self._ranked([p for p in pairs if p.tier[0] != OTHER_TIER])
            if not ranked:      # nothing closer assigns it: another region's text, labelled
                ranked = self._ranked(pairs)
            elif not places:    # the loaded plans of other regions: after, labelled, never leading
                plans = [p for p in pairs if p.tier[0] == OTHER_TIER and self.meta(p.doc_id).kind == "plan"]
                ranked += self._ranked(plans)
        loose = False
        if not ranked and places and matters and all(m.weights for m in matters):
            ranked = self._ranked([p for p in self._pairs(question, [replace(m, coverage=LOOSE_COVERAGE) for m in matters],
                                                          places, wide=False) if p.tier[0] == PLACE_TIER])
            loose = bool(ranked)
        answer = self._bodies(ranked)
        return {
            "question": question,
            "matters": [{"name": m.name, "words": list(m.found)} for m in matters],
            "places": places,
            "summary": self._summary(matters, answer, places, plans),
            "answer": answer,
            "abstained": not answer,
            "note": self._note(matters, answer, loose),
            "results": self.search(question, k=k) if self.has_index and k > 0 else [],
        }

    def _headed_by(self, clause_id: str, surface: str) -> bool:
        """The clause sits under a heading that is the body's name: an item of a duty list written
        "市城管执法局：" on a line of its own."""
        path = self.clause(clause_id).section_path
        return bool(surface) and bool(path) and path[-1].rstrip("：: ") == surface

    def _open_matters(self, question: str) -> list[Matter]:
        """The question's own words as its matter (``matters.open_matter``), weighed by the index;
        only for a question that asks who ("今年的工作重点是什么" names no matter of anyone's)."""
        if not self.has_index or not asks_who(question):
            return []
        found = self._weighed_words(open_topic_text(question))
        return [found] if found else []

    def _aspect(self, question: str, matters: list[Matter]) -> Optional[Matter]:
        """The part of a named matter the question asks about: its topic's words other than the
        ones that named the matter (None for an open matter, which is all of them)."""
        if not self.has_index or any(m.weights for m in matters):
            return None
        named = [w for m in matters for w in m.found]
        text = self.without_places(topic_text(asked_topic(question)))
        rest = [w for w in words(text) if not any(w in n or n in w for n in named) and not _touches(text, w, named)]
        index = self.require_index()
        rest = [w for w, share in zip(rest, index.term_shares(rest)) if 0 < share <= ASPECT_MAX_SHARE]
        return open_matter(rest, index.term_weights, segment)

    def _topic(self, question: str) -> Optional[Matter]:
        """Every word of what the question asks about, weighed by the index (None without one)."""
        return self._weighed_words(asked_topic(question)) if self.has_index else None

    def _weighed_words(self, text: str) -> Optional[Matter]:
        """The words of ``text`` (question wording and places left out) as an open matter, weighed by the index."""
        topic = self.without_places(topic_text(text))
        return open_matter(words(topic), self.require_index().term_weights, segment,
                           circumstance_words(topic, words))

    def _bodies(self, ranked: list[Pair]) -> list[dict]:
        items: dict[str, dict] = {}
        for p in ranked:
            item = items.get(p.actor_id)
            if item is None:
                if len(items) >= MAX_BODIES:
                    continue
                j = self.jurisdiction(p.doc_id)
                item = items[p.actor_id] = {
                    "actor": p.actor, "actor_id": p.actor_id, "role": ROLE_OF_STRENGTH[p.strength],
                    "assignment": STRENGTH_LABEL[p.strength],
                    "source": SOURCE_OF_KIND.get(self.meta(p.doc_id).kind, "plan"),
                    "jurisdiction": j.label, "generic": p.generic, "matters": p.matters,
                    "evidence": [], "documents": [], "details": []}
            if p.clause_id in item["evidence"] or len(item["evidence"]) >= MAX_EVIDENCE:
                continue
            item["evidence"].append(p.clause_id)
            detail = self._evidence(p)
            item["details"].append(detail)
            if p.doc_id not in item["documents"]:
                item["documents"].append(p.doc_id)
        return list(items.values())

    def _evidence(self, p: Pair) -> dict:
        unit = self.clause(p.clause_id)
        title = self.title(p.doc_id)
        article = self.law_article(p.clause_id) if self.meta(p.doc_id).kind in ("law", "regulation") else None
        return {"clause_id": p.clause_id, "document_id": p.doc_id, "document_title": title, "text": unit.text,
                "article": article, "legal_basis": f"{title} {article}" if article else title,
                "assignment": STRENGTH_LABEL[p.strength], "jurisdiction": self.jurisdiction(p.doc_id).label}

    def _summary(self, matters: list[Matter], answer: list[dict], places: list[str],
                 plans: list[Pair]) -> list[str]:
        """The answer first: one line per matter with the body, the provision and its
        jurisdiction, and what the loaded plans of other regions say about it."""
        if not matters:
            return ["问题中没有识别出所问的事项，无法判断职责归属"]
        names = "、".join(m.name for m in matters)
        if not answer:
            where = "、".join(places)
            return [f"{names}：已收录的文件中没有明确规定由哪个部门负责{('（' + where + '）') if where else ''}"]
        lines = []
        for m in matters:
            item = next((i for i in answer[:3] if m.name in i["matters"] and i["assignment"] != "mentioned"), None)
            if item is None or any(item["actor"] in line for line in lines):
                continue
            d = item["details"][0]
            cite = f"《{d['document_title']}》{d['article'] or ''}"
            verb = "负责" if item["assignment"] in ("assigns", "duty") else "承担相关职责"
            lines.append(f"{m.name}：{item['actor']}{verb}（{cite}，{d['jurisdiction']}）")
        notes = self._plan_notes(plans)
        if notes and lines:
            lines[0] += "；" + notes
        return lines

    def _plan_notes(self, plans: list[Pair]) -> str:
        """"吴江区规划：区应急管理局牵头；昆山市规划未指定牵头部门" for the plans of other regions."""
        by_doc: dict[str, list[Pair]] = defaultdict(list)
        for p in plans:
            by_doc[p.doc_id].append(p)
        notes = []
        for doc_id, ps in sorted(by_doc.items(), key=lambda x: -max(p.relevance for p in x[1]))[:MAX_PLAN_NOTES]:
            where = self.jurisdiction(doc_id).name or self.title(doc_id)
            lead = [p for p in ps if p.strength >= ASSIGNING and not p.generic]
            if lead:
                best = max(lead, key=lambda p: p.score)
                notes.append(f"{where}规划：{best.actor}牵头")
            else:
                notes.append(f"{where}规划未指定牵头部门")
        return "；".join(notes)

    @staticmethod
    def _note(matters: list[Matter], answer: list[dict], loose: bool = False) -> Optional[str]:
        if not matters:
            return "问题中没有识别出所问的事项（如 燃气、电梯、危化品、森林防火），以下为检索结果"
        if not answer:
            return "已收录的文件中没有明确规定由哪个部门负责此事项，以下为检索结果"
        if loose:
            return "所问地方的文件只以其他说法写到此事项（条款只含问题的部分用词），请核对所引条款"
        return None


def _weigh_own_predicates(pairs: list[Pair], shares: list[float]) -> None:
    """Of one clause's bodies, lower those whose own predicates hold less of the question's words
    than another body's as strong or stronger ("A牵头，B配合，做好X" keeps A: B is weaker)."""
    best = max(shares)
    if best <= 0:
        return
    holders = [p for p, share in zip(pairs, shares) if share == best]
    for p, share in zip(pairs, shares):
        if share < best and any(h.strength >= p.strength for h in holders):
            p.score -= OTHER_PREDICATE_PENALTY * (1 - share / best)


def _about_in(matter: Matter, text: str, title: str) -> bool:
    """An open matter held by a clause's paragraph, or by it with its document's title when the
    paragraph holds a word of it itself."""
    return matter.about(text) or (matter.share(text) > 0 and matter.about(title + text))


def _touches(text: str, word: str, named: list[str]) -> bool:
    """The word is written against one that named the matter, as a part of its phrase ("基本" of
    "基本生活救助"), not as a part of the matter of its own ("防汛抢险的治安警戒")."""
    at = text.find(word)
    ends = {text.find(n) + len(n) for n in named if n in text}
    starts = {text.find(n) for n in named if n in text}
    return at in ends or at + len(word) in starts


def _grades(text: str) -> set[str]:
    """The incident grades a text names (a question about a 重大 incident, a clause for 重大事故)."""
    return set(_GRADE.findall(text))


def _natural_key(node_id: str) -> list:
    """Document order: cl_10 after cl_9."""
    return [int(p) if p.isdigit() else p for p in re.split(r"(\d+)", node_id)]
