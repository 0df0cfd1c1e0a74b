"""Chinese word segmentation for keyword search and highlighting.

jieba's search mode (``lcut_for_search``) emits both a long word and its
shorter parts ("危险化学品" -> "危险", "化学", "化学品", "危险化学品"), so a
colloquial query that uses a part still meets the full term in a clause.
The tokenizer is set up by ingest.segmenter, with the domain terms of the user
dictionary (ingest.vocab) so that terms like "瓶改管" stay whole.
"""

from __future__ import annotations

import re
from functools import lru_cache

import jieba

from ingest.segmenter import new_tokenizer

# Function words that carry no topic; everything else is left to BM25's IDF.
STOPWORDS = frozenset(
    "的 了 和 与 及 等 在 是 对 为 将 把 由 以 从 并 或 其 之 于 中 上 下 有 个 也 要 都 "
    "而 又 被 这 那 哪 些 什么 怎么 如何 哪些 谁 吗 呢 啊 吧 我 我们 你 他 她 它 "
    # the padding of spoken questions ("要不要…", "有没有…", "…怎么办")
    "怎么办 怎样 要不 不要 要不要 有没有 没有 能不能 不能 多少 几个 哪里 是否 有人 一起 这些 那些".split()
)

# A token is searchable when it holds at least one CJK character, letter or digit.
_WORDLIKE = re.compile(r"[\w\u3400-\u9fff]")


@lru_cache(maxsize=1)
def _tokenizer() -> jieba.Tokenizer:
    return new_tokenizer()


def segment(text: str) -> list[str]:
    """All jieba search-mode segments of ``text``, in order, including stopwords."""
    return _tokenizer().lcut_for_search(text)


def is_content(token: str) -> bool:
    return bool(token.strip()) and token not in STOPWORDS and bool(_WORDLIKE.search(token))


def tokenize(text: str) -> list[str]:
    """Tokens for BM25: search-mode segments without punctuation or stopwords, lower-cased."""
    return [t.lower() for t in segment(text) if is_content(t)]


def words(text: str) -> list[str]:
    """The content words of ``text`` as jieba's precise mode cuts it (one word per stretch)."""
    return [w for w in _tokenizer().lcut(text) if is_content(w)]


def query_terms(text: str) -> list[str]:
    """Distinct content terms of a query worth highlighting (longest first).

    Single characters are dropped: a lone "安" or "全" matches everywhere
    and would paint the whole clause.
    """
    terms = {t for t in tokenize(text) if len(t) >= 2}
    return sorted(terms, key=lambda t: (-len(t), t))
