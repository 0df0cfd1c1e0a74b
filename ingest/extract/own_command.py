"""The command a plan sets up for itself, and the short ways the plan refers to it.

An emergency plan sets up one command ("兴安盟重大沙尘暴灾害应急指挥部", "黄南州重大沙尘暴灾害应急领导小组")
and from then on often writes it short without defining the short form: "指挥部", "盟应急指挥部",
"市指挥部办公室", "应急领导小组办公室", "指挥部成员单位". Those are that command (and its office, its
members); any other command keeps its own name ("现场指挥部", "省森林防火指挥部" in a county's plan).
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Iterable, Optional

from ingest.extract.abbreviations import cut_before_name, document_core
from ingest.extract.names import region_kind

# a command's full name as written, up to its head (the words before it are cut by cut_before_name)
_NAMED = re.compile(r"[\u4e00-\u9fff]{4,24}?(?:指挥部|领导小组)(?!成员|组长|副组长)")
# … and no description or report before it ("将所发生的重大事故的情况|报|指挥部办公室")
_DESCRIBED = re.compile(r".*(?:的|报(?![社刊]))")
# commands that are not the plan's own: set up on site or for a part, or another's
_OTHERS = re.compile(r"^(?:现场|前方|前线|后方|联合|临时|上级|国家|专项|分|各|本级|同级|相应|相关|有关|下级|该)")
# a short reference: an optional level prefix, the head (with 应急/总), and the office or members
_REFERENCE = re.compile(r"^(?P<prefix>[省市县区州盟旗]?)(?P<form>(?:应急)?(?:指挥部|领导小组))(?P<part>办公室|成员单位)?$")


def own_command(texts: Iterable[str], region: Optional[str]) -> Optional[str]:
    """The core of the command the plan names most often in full (no level prefix: "重大沙尘暴灾害
    应急指挥部"), when one is named at least twice, or alone."""
    counts: Counter[str] = Counter()
    for text in texts:
        if "指挥部" not in text and "领导小组" not in text:
            continue
        for m in _NAMED.finditer(text):
            core = document_core(cut_before_name(_DESCRIBED.sub("", m.group())), region)
            if len(core) < 5 or _OTHERS.match(core) or core[0] in "省市县区州盟旗" or _REFERENCE.match(core):
                continue                      # a bare or another level's command: no full name of ours
            counts[core] += 1
    if not counts:
        return None
    [(best, n), *rest] = counts.most_common(2)
    if rest and rest[0][1] == n:
        return None                           # two commands named as often: no telling which is meant
    return best if n >= 2 or not rest else None


def refer(core: str, command: Optional[str], region: Optional[str]) -> Optional[str]:
    """The full name a short reference stands for ("市指挥部办公室" -> "市重大沙尘暴灾害应急指挥部办公室",
    with the document's level prefix when none is written), or None when ``core`` is no such reference."""
    if not command:
        return None
    m = _REFERENCE.match(core)
    if m is None or not command.endswith(m.group("form").removeprefix("应急")):
        return None
    prefix = m.group("prefix") or region_kind(region) or ""
    return prefix + command + (m.group("part") or "")
