"""Short names a document defines for its bodies: "苏州市减灾委员会（以下简称市减灾委）",
"各级人民政府防汛防旱防风指挥部（以下简称“三防指挥部”）" -> 减灾委 = 减灾委员会,
三防指挥部 = 防汛防旱防风指挥部. Both forms lose their local prefix and scope words, so that
"各级减灾办" and "上级减灾办" resolve as well as "省减灾办"."""

from __future__ import annotations

import re
from typing import Iterable, NamedTuple, Optional

from ingest.extract.gazetteer import load_gazetteer
from ingest.extract.names import SCOPE, local_prefix, resolve_abbreviation

_DEFINITION = re.compile(
    r"([^，。；：:,;！？\s（(）)、]{2,30})\s*[（(]\s*(?:以下简称|简称|以下称|下称)\s*[“\"「]?([^”\"」）)，,]{1,12}?)[”\"」]?\s*[）)]")
# A bracket of alternatives (not of levels: "县（市、区）") right before the matched long form.
_ALTERNATIVES_BEFORE = re.compile(r"[（(](?![市区县镇乡州盟旗、]+[）)])[^（()）]{1,30}[）)]$")
# Words before the defined body that are not part of its name ("市人民政府设立|衡阳市防汛抗旱指挥部").
_CUT = re.compile(r".*(?:设立|会同|加挂|成立|组建|设置|由|在|对|为|是|将|与|和|及)")
_NOT_A_NAME = r"的|所称|所属|了|本条例|本办法|本规定|依照|按照"
# An owner before the body it owns: "各级人民政府|防汛防旱防风指挥部".
_OWNER = re.compile(r"^(?:(?:县级以上)?(?:地方)?人民政府|政府)(?=.{3,})")


def cut_before_name(text: str) -> str:
    """``text`` from where the defined body's name starts; the 和 of a department's name
    ("市住房和城乡建设管理部门") is no cut."""
    pairs = [p for p in load_gazetteer().generic.get("name_pairs", []) if p in text]
    for pair in pairs:
        text = text.replace(pair, pair.replace("和", "\0"))
    return _CUT.sub("", text).replace("\0", "和")


def document_core(text: str, region: Optional[str]) -> str:
    """A body's name without scope words, the document's local prefix (or its region) and an owning
    government ("各级人民政府防汛指挥部" -> "防汛指挥部")."""
    text = SCOPE.sub("", text)
    prefix = local_prefix(text, region)
    if prefix:
        text = text[len(prefix):]
    elif region and text.startswith(region):
        text = text[len(region):]
    return _OWNER.sub("", text)


class Definitions(NamedTuple):
    short_names: dict[str, str]        # {short core: full core}
    # full cores written without a level whose short name has one ("防汛指挥部（以下简称“县防指”）"):
    # the body is that level's, as its short name says
    own_level: frozenset[str]


def definitions(texts: Iterable[str], region: Optional[str], is_body) -> Definitions:
    """The short names the texts define for bodies, and the bodies they scope."""
    found: dict[str, str] = {}
    own_level: set[str] = set()
    for text in texts:
        if "称" not in text:
            continue                            # 简称, 以下称, 下称: most texts define nothing
        for m in _DEFINITION.finditer(text):
            if m.start(1) > 0 and text[m.start(1) - 1] == "、":
                continue                        # "生产、销售…和爆破作业单位（以下称…从业单位）": a list's
                                                # collective name, no short form of its last item
            if _ALTERNATIVES_BEFORE.search(text, 0, m.start(1)):
                continue                        # "城乡建设（或者城市管理、市政公用）|主管部门（以下简称…）":
                                                # only the name's tail is matched; the short name stays
            full = cut_before_name(m.group(1)).lstrip("第条一二三四五六七八九十百 ")
            short = m.group(2).strip()
            if not full or not is_body(full) or "、" in full or len(full) > 18 or re.search(_NOT_A_NAME, full):
                continue                        # a clause, not a name ("本条例所称…", "…所属的…机构")
            full_core, short_core = document_core(full, region), document_core(short, region)
            full_core = resolve_abbreviation(full_core, found)
            if short_core and full_core and short_core != full_core and len(short_core) >= 2:
                found[short_core] = full_core
                if full_core == full and local_prefix(SCOPE.sub("", short), region):
                    own_level.add(full_core)
    return Definitions(found, frozenset(own_level))
