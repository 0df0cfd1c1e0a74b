"""File -> DocumentRecord(s): read, clean, segment. (Implemented by the ingest work.)

Contract used by the build pipeline:

    load_corpus(corpus_dir) -> list[tuple[Path, DocumentMeta]]
        reads corpus_dir/plans.toml; raises IngestError for a bad manifest.
    ingest_path(path, meta=None) -> list[DocumentRecord]
        one file -> one record (a .jsonl / .jsonl.gz of statutes -> one record each).
        ``meta`` fills title/region/…; missing fields are derived from the file.
        Raises IngestError (empty, binary, undecodable, no structure).
"""


def load_corpus(corpus_dir):  # placeholder until ingest lands
    raise NotImplementedError


def ingest_path(path, meta=None):  # placeholder until ingest lands
    raise NotImplementedError
