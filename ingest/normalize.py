"""Normalise one line of text as PDF converters and OCR leave it: each rule is a class of
artefact, never a particular sentence, and none of them moves text across lines (cleaning
keeps its line map).

* LaTeX-wrapped numbers and units: ``$3 0 \\%$`` -> 30%, ``$1 9 5 0 \\sim 1 9 9 0$`` ->
  1950~1990, ``$8 3 5 5 \\mathrm { k m } ^ { 2 }$`` -> 8355km², ``$\\textcircled{1}$`` -> ①.
* Glyphs a PDF font mapped to the wrong code points: ꎮ ꎬ ꎻ (Yi syllables standing for
  。，；), «» for 《》 between Chinese characters.
* Outline numbers: ``1?? 2`` / ``5 ?? 1`` / ``1  1`` (an unreadable separator or a space
  between the numbers at the start of a line) -> 1.2; ``3.l`` (the letter l for 1) -> 3.1;
  an item number followed by such a glyph ("1\ue010 省委组织部") -> 1．; other private-use
  glyphs are dropped.
* A stray digit glued after a percentage before punctuation ("90%0，" -> "90%，").
* Half-width punctuation in Chinese running text (web copies, OCR, some converters):
  "市交通局:负责…;抢修…" -> "市交通局：负责…；抢修…", "县(市、区)" -> "县（市、区）", so that
  sentences, lists and duty heads read as in any other text. Between digits ("1,000", "10:30"),
  in Latin text and around a bare number ("(1)") it stays. ? and ! stay: OCR writes ? for a
  glyph it cannot read, and a sentence must not end there.
* Spaces between Chinese and digits: "到 2025 年" -> "到2025年", "占 $2 5 \\%$ 以上" ->
  "占25%以上". A line's leading number keeps its space ("1 总则", "5 道路运输…" a table
  serial) unless a measure word follows it ("2023 年"); so does a caption label ("表1 主要指标").
"""

from __future__ import annotations

import re

from ingest.numerals import MEASURE_WORDS

_CJK = "\u3400-\u9fff\uf900-\ufaff"
_CJK_PUNCT = "\u3000-\u303f\uff01-\uff0f\uff1a-\uff20\u2014-\u201f\u2026\u00b7"
# PDF font glyphs (Yi syllables) that stand for Chinese punctuation, and the look-alike colons and
# semicolons of conversions (the ratio sign ∶, small and vertical forms ﹕ ︰ ﹔)
_GLYPHS = str.maketrans({"ꎮ": "。", "ꎬ": "，", "ꎻ": "；", "ꎯ": "：", "ꎰ": "！", "ꎱ": "？",
                         "∶": "：", "﹕": "：", "︰": "：", "﹔": "；", "︔": "；", "﹐": "，", "﹒": "．"})
_GUILLEMETS = re.compile(r"«([^«»]{1,80})»")

# -- LaTeX --------------------------------------------------------------------------------
_MATH = re.compile(r"\$([^$\n]{1,200})\$")
_SYMBOLS = {
    "%": "%", "sim": "~", "geq": "≥", "ge": "≥", "leq": "≤", "le": "≤", "times": "×",
    "div": "÷", "pm": "±", "cdot": "·", "bullet": "•", "circ": "°", "prime": "′",
    "approx": "≈", "neq": "≠", "lt": "<", "gt": ">", "sum": "∑", "alpha": "α", "beta": "β",
    "lambda": "λ", "mu": "μ", "Omega": "Ω", "Delta": "Δ", "wedge": "∧", "therefore": "∴",
    "cdots": "…", "ldots": "…", "degree": "°", "rightarrow": "→", "to": "→",
}
_FONT = re.compile(r"\\(?:mathrm|mathord|mathfrak|mathbf|mathit|mathsf|mathtt|mathbb|boldsymbol|"
                   r"operatorname|text|textrm|textbf|tt|rm|bf|it|left|right|big|Big|scriptstyle)\b")
_CIRCLED = re.compile(r"\\textcircled\s*\{\s*(\d{1,2})\s*\}")
_COMMAND = re.compile(r"\\([A-Za-z]+|%)")
_SPACING = re.compile(r"\\[ :,;!>]|\\q?quad\b")     # TeX spaces: "\ ", "\:", "\,", "\quad"
_SUPER = str.maketrans("0123456789+-", "⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻")
_SCRIPT = re.compile(r"([_^])\s*(\{[^{}]*\}|\S)")
_MATHY = re.compile(r"[\\_^{\d]")
_WORDS = re.compile(r"[A-Za-z\u4e00-\u9fff]")


def _circled(n: int) -> str:
    return chr(0x2460 + n - 1) if 1 <= n <= 20 else str(n)


def unwrap_math(inner: str) -> str:
    """The plain text of one $…$ span: digits joined, units and symbols as characters."""
    text = _CIRCLED.sub(lambda m: _circled(int(m.group(1))), inner)
    text = _SPACING.sub(" ", text.replace("~", " "))     # TeX's spaces
    text = _FONT.sub("", text)
    text = _COMMAND.sub(lambda m: _SYMBOLS.get(m.group(1), ""), text)
    text = _SCRIPT.sub(_script, text)
    return re.sub(r"[{}\s]+", "", text)


def _script(m: re.Match) -> str:
    body = m.group(2).strip("{}").strip()
    if m.group(1) == "^" and body in ("°", "′"):
        return body
    if m.group(1) == "^" and re.fullmatch(r"[0-9+\-]{1,3}", body.replace(" ", "")):
        return body.replace(" ", "").translate(_SUPER)
    return body


def _math(m: re.Match) -> str:
    """Unwrapped when it reads as math: commands, scripts, digits, or no words at all."""
    inner = m.group(1)
    return unwrap_math(inner) if _MATHY.search(inner) or not _WORDS.search(inner) else m.group()


# -- outline numbers and percentages ---------------------------------------------------------
_ODD = r"(?:\?{1,3}|？{1,3}|[\ue000-\uf8ff\ua000-\ua4cf\ufffd•·])"
# an outline number whose dots came out as a glyph, "??" or spaces: "1?? 1", "5 \ue010 1 \ue010 1", "1  1"
_OUTLINE_SEP = rf"(?:[ \t]*(?:{_ODD}|[.．])[ \t]*|[ \t]+)"
_OUTLINE_NUM = re.compile(rf"^(\s*)([1-9]\d?(?:{_OUTLINE_SEP}[1-9]\d?){{1,5}})[ \t]*(?=[{_CJK}\u2160-\u217f])")
# "1\ue010 省委组织部：…": a glyph for the dot after an item number
_ITEM_GLYPH = re.compile(rf"^(\s*\d{{1,2}})[ \t]*(?:\?{{2,3}}|[\ue000-\uf8ff])[ \t]*(?=[{_CJK}])")
_PRIVATE = re.compile("[\ue000-\uf8ff]")
_OUTLINE_ELL = re.compile(r"^(\s*\d{1,2}(?:\.\d{1,2})*)\.[lI](?=[\s.]|$)")
_PERCENT_SLIP = re.compile(r"(\d%)\d(?=[，。；、,;）)\s]|$)")

# -- half-width punctuation -------------------------------------------------------------------
_HALF_PUNCT = {",": "，", ";": "；", ":": "："}
_PUNCT_AFTER_CJK = re.compile(rf"(?<=[{_CJK}）》」』】”’])[ \t]*([,;:])[ \t]*")
_PUNCT_BEFORE_CJK = re.compile(rf"(?<=[\d%‰])([,;:])[ \t]*(?=[{_CJK}])")
_HALF_PARENS = re.compile(rf"\(([^()\n]{{0,40}}[{_CJK}][^()\n]{{0,40}})\)")


def _full_width(line: str) -> str:
    if "(" in line:
        line = _HALF_PARENS.sub(r"（\1）", line)
    line = _PUNCT_AFTER_CJK.sub(lambda m: _HALF_PUNCT[m.group(1)], line)
    return _PUNCT_BEFORE_CJK.sub(lambda m: _HALF_PUNCT[m.group(1)], line)


# -- spacing -----------------------------------------------------------------------------------
_NUM = r"\d+(?:\.\d+)?(?:%|‰|°|[²³])?"
_QTY = rf"[≥≤<>＞＜]?{_NUM}(?:[~～\-—–]{_NUM})?"      # 95%, ≥60, 1980~2010
_BEFORE_NUM = re.compile(rf"(?<=[{_CJK}{_CJK_PUNCT}])[ \t]+(?=\d)")
# a number inside Chinese running text (what precedes it is Chinese) and the word after it
_AFTER_NUM = re.compile(rf"(?<=[{_CJK}{_CJK_PUNCT}])({_QTY})[ \t]+(?=[{_CJK}{_CJK_PUNCT}])")
_BEFORE_PUNCT = re.compile(r"[ \t]+(?=[，。；：、！？）》」』】])|(?<=[（《「『【])[ \t]+")
_LEADING_NUM = re.compile(r"^\s*\d+(?:[.．]\d+)*[ \t]+")
_LABEL = re.compile(r"(?:表|图|附件|附表|续表)\s*\d+(?:[.\-－—]\d+)*$")
_SPACED_DIGITS = re.compile(rf"(?<=[{_CJK}{_CJK_PUNCT}])\s*(\d(?: \d)+)(?=\s*[{_CJK}%])")
_BRACKET_SERIAL = re.compile(r"([（(])\s+(\d{1,2})\s*([）)])|([（(])(\d{1,2})\s+([）)])")


def normalize_line(line: str) -> str:
    if "$" in line:
        line = _MATH.sub(_math, line)
    line = line.translate(_GLYPHS)
    if "«" in line:
        line = _GUILLEMETS.sub(r"《\1》", line)
    line = _OUTLINE_ELL.sub(r"\1.1", _OUTLINE_NUM.sub(_outline_number, line))
    line = _PRIVATE.sub("", _ITEM_GLYPH.sub(r"\1．", line))    # other private-use glyphs mean nothing
    if "%" in line:
        line = _PERCENT_SLIP.sub(r"\1", line)
    if any(ch in line for ch in ",;:("):
        line = _full_width(line)
    return _close_number_gaps(line)


def _outline_number(m: re.Match) -> str:
    after = m.string[m.end():].lstrip()[:1]
    if after in MEASURE_WORDS and not re.search(rf"{_ODD}|[.．]", m.group(2)):
        return m.group()              # "2 3 个": counts, not an outline number
    parts = re.split(rf"{_OUTLINE_SEP}", m.group(2))
    return m.group(1) + ".".join(parts) + " "


def _close_number_gaps(line: str) -> str:
    if " " not in line and "\t" not in line:
        return line
    line = _BRACKET_SERIAL.sub(lambda m: "".join(g for g in m.groups() if g), line)
    line = _SPACED_DIGITS.sub(lambda m: m.group(1).replace(" ", ""), line)
    lead = _LEADING_NUM.match(line)
    if lead and line[lead.end():lead.end() + 1] in MEASURE_WORDS:   # "2023 年7月": a quantity, no serial
        line, lead = lead.group().rstrip() + line[lead.end():], None
    keep_from = lead.end() if lead else 0    # the space after a leading outline number or serial
    head, rest = line[:keep_from], line[keep_from:]
    rest = _BEFORE_NUM.sub("", rest)
    rest = _AFTER_NUM.sub(lambda m: m.group() if _LABEL.search(rest[:m.end(1)]) else m.group(1), rest)
    if head and not rest[:1].isspace() and head[-1:].isdigit():
        rest = " " + rest
    return head + _BEFORE_PUNCT.sub("", rest)
