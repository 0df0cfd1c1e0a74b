"""Coverage of a draft against documents of the build, as the read-model offers it.

The draft is either a document of the build or a record read from a file in memory
(search_api.coverage.draft): nothing is written to the data directory. Embeddings go through the embedding cache,
so the references' clauses (embedded when they were built) cost nothing.
"""

from __future__ import annotations

from ingest.records import DocumentRecord
from search_api.limits import COVERAGE_MAX_REFERENCES
from search_api.errors import UserError
from search_api.service.errors import Unavailable


class CoverageViews:
    """Mixed into Service: needs ``record(doc_id)``, ``_index`` and ``_data``."""

    def coverage(self, draft: "str | DocumentRecord", against: list[str]) -> dict:
        from search_api.coverage.report import coverage

        against = list(dict.fromkeys(against))
        if not against:
            raise UserError("name at least one reference document (--against ID)")
        if len(against) > COVERAGE_MAX_REFERENCES:
            raise UserError(f"at most {COVERAGE_MAX_REFERENCES} reference documents at a time")
        references = [self.record(doc_id) for doc_id in against]
        draft_record = self.record(draft) if isinstance(draft, str) else draft
        if draft_record.meta.id in against:
            raise UserError(f"{draft_record.meta.id} is both the draft and a reference")
        return coverage(draft_record, references, self._embed_passages).to_dict()

    def _embed_passages(self, texts: list[str]):
        from search_api.model.embcache import EmbeddingCache, embed_with_cache

        embedder = getattr(self._index, "embedder", None)
        if embedder is None:
            raise Unavailable("coverage needs the search index and its embedding model")
        with EmbeddingCache(self._data.cache) as cache:
            # a serving engine computes on one thread per call: a new draft's clauses are
            # embedded on every core, one chunk per thread
            vectors, _, _ = embed_with_cache(list(texts), embedder.model_id, embedder.dim,
                                             embedder.embed_passages, cache,
                                             workers=embedder.parallel_calls())
        return vectors
