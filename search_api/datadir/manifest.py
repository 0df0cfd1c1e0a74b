"""A generation's ``manifest.json``: what the build holds (one summary per document) and how it
was made (graph and index statistics, seconds per stage). A generation without one is not
complete and never becomes live (datadir.generations).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Optional

from ingest.records import DocumentRecord
from ingest.report import document_report
from search_api.datadir.generations import MANIFEST, now_iso, write_json_atomic


def document_summary(record: DocumentRecord) -> dict:
    """The manifest's line for one document (also `policykg plans --json` and `GET /plans`):
    what ingest found in it, with its warnings (ingest.report)."""
    report = document_report(record).to_dict()
    return {"id": record.meta.id, "title": record.meta.title, "region": record.meta.region,
            **{k: v for k, v in report.items() if k not in ("id", "title")}}


def write_manifest(gen: Path, summaries: list[dict], graph: dict, index: dict,
                   stages: Optional[dict] = None) -> None:
    manifest = {
        "built_at": now_iso(),
        "documents": sorted(summaries, key=lambda d: d["id"]),
        "graph": graph,
        "index": index,
    }
    if stages:
        manifest["stages"] = stages
    write_json_atomic(Path(gen) / MANIFEST, manifest)


def read_manifest(gen: Path) -> dict:
    return json.loads((Path(gen) / MANIFEST).read_text("utf-8"))


def summaries_of(gen: Optional[Path]) -> list[dict]:
    """The document summaries a generation's manifest holds (none without a generation)."""
    return read_manifest(gen)["documents"] if gen is not None else []


def titles_of_summaries(summaries: list[dict]) -> dict[str, str]:
    """Title -> document id, as ingest.documents.titles_of gives them for the stored records
    (which are read in file-name order, a later one winning a shared title), from the summaries
    alone: no record is read."""
    ordered = sorted(summaries, key=lambda d: f"{d['id']}.json")
    return {d["title"]: d["id"] for d in ordered}
