"""File -> DocumentRecord(s): read, clean, segment.

Contract used by the build pipeline:

    load_corpus(corpus_dir) -> list[tuple[Path, DocumentMeta]]
        reads corpus_dir/plans.toml; raises IngestError for a bad manifest or a listed
        file that is missing.
    ingest_path(path, meta=None, format=None) -> list[DocumentRecord]
        one file -> one record (a .jsonl / .jsonl.gz of statutes -> one record each).
        ``meta`` fills title/region/…; missing fields are derived from the file.
        ``format`` (or ``meta.format``; one of readers.FORMATS) names the reader instead of
        detecting it from the name and content (a .txt that is markdown, a .md plan).
    iter_records(path, meta=None, format=None) -> Iterator[DocumentRecord]
        the same, streamed (large JSON Lines collections).

A document given as a plan or a report (``meta.kind``) is never segmented as a statute,
whatever 第X条 lines it holds; plan markdown without meta is not either.

Errors (IngestError, one line naming the file and the problem):
    empty                      0 bytes, or only whitespace once decoded
    binary                     PNG/JPEG/GIF/PDF/ZIP/gzip/ELF magic in a text file, or more
                               than 1% NUL bytes / 10% control bytes (a stray NUL is cleaned)
    undecodable                not UTF-8/UTF-16 (BOM) and charset-normalizer finds no encoding
    broken container           .docx that is not a Word file, .pdf that cannot be parsed or
                               has no text layer, .jsonl line that is not a JSON object
    no recognisable structure  no heading and no line that reads as language (letters/CJK
                               under 40% of every line: "%$#@!&*…"), or a paragraph of more
                               than 20,000 characters without any sentence end
A file of plain sentences without headings is fine: document -> paragraph -> clause.

Document kinds for JSON Lines entries (from the title): a title with 报告 -> "report";
ending in 法 / 法典, or a 法修正案 -> "law"; anything else (条例, 规定, 办法, 决定 …) ->
"regulation". Their ids are ``{kind}-{sha1(title)[:10]}``; a title repeated in the same
file adds a hash of the entry's path so ids stay unique and stable.
"""

from __future__ import annotations

import dataclasses
import datetime
import hashlib
import re
import tomllib
from pathlib import Path
from typing import Iterator, Optional

from ingest.clean import CleanDocument, clean
from ingest.errors import IngestError
from ingest.ids import doc_id_from_stem, is_valid_doc_id, short_hash, statute_id
from ingest.readers import MULTI_DOCUMENT_SUFFIXES, RawDocument, read_bytes, read_document, suffix_of
from ingest.own_time import date_from_text, period_from_title
from ingest.records import LAW_KINDS, DocumentMeta, DocumentRecord
from ingest.script import simplified_copy
from ingest.structure import build_tree

KINDS = ("plan", "law", "regulation", "report")
_MANIFEST_KEYS = {f.name for f in dataclasses.fields(DocumentMeta)} - {"source_sha256", "encoding"} | {
    "file", "period"}
# A [[collection]] may set what every statute in it shares; ids and titles come from each line.
_COLLECTION_KEYS = {"file", "kind", "region", "level", "issuer", "category"}
_TRAILING_NOTE = re.compile(r"[（(][^（）()]*[）)]\s*$")


# -- corpus manifest -----------------------------------------------------------------

def load_corpus(corpus_dir: Path) -> list[tuple[Path, DocumentMeta]]:
    corpus_dir = Path(corpus_dir)
    manifest = corpus_dir / "plans.toml"
    if not corpus_dir.is_dir():
        raise IngestError(corpus_dir, "corpus folder not found")
    if not manifest.is_file():
        raise IngestError(manifest, "missing: a corpus folder needs a plans.toml listing its documents")
    try:
        data = tomllib.loads(manifest.read_text("utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise IngestError(manifest, f"not valid TOML: {exc}") from None
    except UnicodeDecodeError:
        raise IngestError(manifest, "not valid TOML: not UTF-8 text") from None
    entries = data.get("plan", [])
    collections = data.get("collection", [])
    if (not isinstance(entries, list) or not isinstance(collections, list) or not (entries or collections)
            or not all(isinstance(e, dict) for e in entries + collections)):
        raise IngestError(manifest, "expected one or more [[plan]] (or [[collection]]) tables")
    unknown = sorted(set(data) - {"plan", "collection"})
    if unknown:
        raise IngestError(manifest, f"unknown key(s) {', '.join(unknown)}; expected [[plan]] or [[collection]] tables")
    items: list[tuple[Path, DocumentMeta]] = []
    seen: set[str] = set()
    for n, entry in enumerate(entries, 1):
        path, meta = _manifest_entry(manifest, corpus_dir, n, entry)
        if meta.id in seen:
            raise IngestError(manifest, f"[[plan]] #{n}: id {meta.id!r} is listed twice")
        seen.add(meta.id)
        items.append((path, meta))
    for n, entry in enumerate(collections, 1):
        items.append(_collection_entry(manifest, corpus_dir, n, entry))
    return items


def _iso_date(manifest: Path, where: str, value) -> str:
    text = value.isoformat() if isinstance(value, datetime.date) else str(value)
    try:
        return datetime.date.fromisoformat(text).isoformat()
    except ValueError:
        raise IngestError(manifest, f"{where}: date must be an ISO date such as 2021-03-05, not {value!r}") from None


def _manifest_entry(manifest: Path, corpus_dir: Path, n: int, entry: dict) -> tuple[Path, DocumentMeta]:
    where = f"[[plan]] #{n}"
    _check_keys(manifest, where, entry, allowed=_MANIFEST_KEYS, required=("id", "title", "file"))
    fields = {k: v for k, v in entry.items() if k not in ("file", "period")}
    if "period" in entry:
        period = entry["period"]
        if not (isinstance(period, list) and len(period) == 2 and all(isinstance(y, int) for y in period)):
            raise IngestError(manifest, f"{where}: period must be [start_year, end_year]")
        fields["period_start"], fields["period_end"] = period
    if fields.get("kind", "plan") not in KINDS:
        raise IngestError(manifest, f"{where}: kind must be one of {', '.join(KINDS)}")
    if "date" in fields:           # TOML writes a bare 2021-03-05 as a date; the record keeps ISO text
        fields["date"] = _iso_date(manifest, where, fields["date"])
    if not is_valid_doc_id(fields["id"]):
        raise IngestError(manifest, f"{where}: id {fields['id']!r} must be ASCII letters, digits, . _ -")
    path = _listed_file(corpus_dir, entry["file"], fields["id"])
    fields["source_file"] = entry["file"]
    try:
        return path, DocumentMeta(**fields)
    except TypeError as exc:
        raise IngestError(manifest, f"{where}: {exc}") from None


def _check_keys(manifest: Path, where: str, entry: dict, allowed: set[str], required: tuple[str, ...]) -> None:
    unknown = sorted(set(entry) - allowed)
    if unknown:
        raise IngestError(manifest, f"{where}: unknown key(s) {', '.join(unknown)}")
    for key in required:
        if not isinstance(entry.get(key), str) or not entry[key].strip():
            raise IngestError(manifest, f"{where}: {key!r} is required (a string)")


def _listed_file(corpus_dir: Path, name: str, what: str) -> Path:
    path = corpus_dir / name
    if path.is_dir():
        raise IngestError(path, f"listed in plans.toml ({what}) but is a directory")
    if not path.is_file():
        raise IngestError(path, f"listed in plans.toml ({what}) but the file does not exist")
    return path


def _collection_entry(manifest: Path, corpus_dir: Path, n: int, entry: dict) -> tuple[Path, DocumentMeta]:
    """A [[collection]]: a JSON Lines file of many statutes; ids and titles come from each line."""
    where = f"[[collection]] #{n}"
    _check_keys(manifest, where, entry, allowed=_COLLECTION_KEYS, required=("file",))
    name = entry["file"]
    if suffix_of(Path(name)) not in MULTI_DOCUMENT_SUFFIXES:
        raise IngestError(manifest, f"{where}: a collection is a {' or '.join(MULTI_DOCUMENT_SUFFIXES)} file")
    kind = entry.get("kind")
    if kind is not None and kind not in KINDS[1:]:
        raise IngestError(manifest, f"{where}: kind must be one of {', '.join(KINDS[1:])} (or left out)")
    path = _listed_file(corpus_dir, name, where)
    shared = {k: v for k, v in entry.items() if k not in ("file", "kind")}
    # id and title stay empty: every line of the file is a document of its own. kind "plan"
    # means "derive each statute's kind from its title" to ingest's collection reader.
    return path, DocumentMeta(id="", title="", kind=kind or "plan", **shared)


# -- one file -> records -----------------------------------------------------------------

def ingest_path(path: Path, meta: Optional[DocumentMeta] = None,
                format: Optional[str] = None) -> list[DocumentRecord]:
    return list(iter_records(path, meta, format))


def iter_records(path: Path, meta: Optional[DocumentMeta] = None,
                 format: Optional[str] = None) -> Iterator[DocumentRecord]:
    path = Path(path)
    if suffix_of(path) in MULTI_DOCUMENT_SUFFIXES:
        yield from _iter_collection(path, meta)
    else:
        yield _ingest_document(path, meta, format or (meta.format if meta else None))


def _ingest_document(path: Path, meta: Optional[DocumentMeta], format: Optional[str]) -> DocumentRecord:
    raw = read_document(path, format, meta.encoding if meta else None)   # an encoding given is forced
    digest = hashlib.sha256(read_bytes(path)).hexdigest()
    doc_id = (meta.id if meta and meta.id else None) or doc_id_from_stem(path.stem)
    if not is_valid_doc_id(doc_id):
        raise IngestError(path, f"document id {doc_id!r} must be ASCII letters, digits, . _ -")
    return _record(path, raw, meta, doc_id, source_file=path.name, sha256=digest)


def _record(path: Path, raw: RawDocument, meta: Optional[DocumentMeta], doc_id: str,
            source_file: str, sha256: str, derived_kind: Optional[str] = None,
            source: Optional[str] = None) -> DocumentRecord:
    raw = simplified_copy(raw)       # a traditional-character copy is read as simplified (ingest.script)
    cleaned = clean(raw)
    root, title_line = build_tree(cleaned, doc_id, source=source or str(path),
                                  title_hint=(meta.title if meta else None) or raw.title,
                                  statute=_statute_structure(raw, meta, derived_kind))
    title = (meta.title if meta else None) or raw.title or title_line or path.stem
    base = meta if meta is not None else DocumentMeta(id=doc_id, title=title)
    # a caller's metadata without a kind ("") leaves the kind to the text, as no metadata does
    kind = derived_kind or (base.kind if meta is not None and meta.kind else _kind_from_tree(title, root))
    filled = dataclasses.replace(
        base, id=doc_id, title=title, kind=kind,
        source_file=base.source_file or source_file, source_sha256=sha256,
        source_format=_source_format(raw, cleaned), encoding=raw.encoding, **_own_time(base, title, kind, cleaned))
    return DocumentRecord(meta=filled, root=root, clean_text=cleaned.clean_text,
                          line_map=cleaned.line_map)


def _own_time(meta: DocumentMeta, title: str, kind: str, cleaned: CleanDocument) -> dict:
    """The period and date a document's own text gives, where its metadata gives none."""
    out: dict = {}
    if kind in LAW_KINDS:
        return out              # a statute stands until replaced: its dates are no deadlines' frame
    if meta.period_start is None:
        period = period_from_title(title)
        if period:
            out["period_start"], out["period_end"] = period
    if meta.date is None:
        date = date_from_text(cleaned.clean_text)
        if date:
            out["date"] = date
    return out


def _statute_structure(raw: RawDocument, meta: Optional[DocumentMeta],
                       derived_kind: Optional[str]) -> Optional[bool]:
    """False: never read 第X条 lines as articles (a plan or report says so, or plan markdown
    with nothing said); None: decide from the text."""
    kind = derived_kind or (meta.kind if meta is not None else None) or None
    if kind in ("plan", "report"):
        return False
    if kind is None and raw.source_format == "markdown":
        return False
    return None


def _source_format(raw: RawDocument, cleaned: CleanDocument) -> str:
    if raw.source_format != "txt":
        return raw.source_format
    if cleaned.layout == "wrapped":
        return "pdf-text"
    return "docx-text" if cleaned.artefacts or cleaned.tab_tables else "txt"


def _kind_from_tree(title: str, root) -> str:
    return statute_kind(title) if any(n.kind == "article" for n in root.walk()) else "plan"


def statute_kind(title: str) -> str:
    bare = _TRAILING_NOTE.sub("", title).strip()
    if bare.endswith("报告"):
        return "report"
    if bare.endswith(("法", "法典")) or "法修正案" in bare:
        return "law"
    return "regulation"


def _iter_collection(path: Path, meta: Optional[DocumentMeta]) -> Iterator[DocumentRecord]:
    from ingest.readers.statutes import iter_jsonl

    if meta is not None and meta.id:
        raise IngestError(path, "--id names one document, but a JSON Lines file holds many")
    seen_titles: set[str] = set()
    for entry in iter_jsonl(path):
        kind = meta.kind if meta is not None and meta.kind not in ("plan", "") else statute_kind(entry.title)
        doc_id = statute_id(kind, entry.title)
        if entry.title in seen_titles:   # another version of the same statute
            doc_id += "-" + short_hash(f"{entry.path or entry.line}", 6)
        seen_titles.add(entry.title)
        base = dataclasses.replace(meta or DocumentMeta(id=doc_id, title=entry.title), title=entry.title)
        base = dataclasses.replace(base, category=base.category or entry.category)
        yield _record(path, entry.raw, base, doc_id, sha256=entry.sha256, derived_kind=kind,
                      source_file=entry.path or f"{path.name}:{entry.line}", source=f"{path}:{entry.line}")
