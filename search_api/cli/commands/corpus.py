"""CLI commands: build, ingest, remove, plans, outline."""

from __future__ import annotations

import json
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator, Optional

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from ingest.progress import Progress, no_progress
from ingest.records import DocumentMeta
from search_api.build import pipeline
from search_api.datadir import records as stored
from search_api.datadir.generations import DataDir
from search_api.errors import UserError

DataOpt = typer.Option(None, "--data", help="Data directory (default ./data or $POLICYKG_DATA).")
JsonOpt = typer.Option(False, "--json", help="Print machine-readable JSON.")
ModelOpt = typer.Option(None, "--model", help="Local sentence-transformers model path (default: embedded multilingual-e5-small).")

err_console = Console(stderr=True)


@contextmanager
def progress_bars(enabled: bool = True) -> Iterator[Progress]:
    """Rich progress bars on stderr, one per stage."""
    if not enabled:
        yield no_progress
        return
    bars = Progress(TextColumn("{task.description:<10}"), BarColumn(), MofNCompleteColumn(),
                    TimeElapsedColumn(), console=err_console, transient=False)
    tasks: dict[str, int] = {}

    def update(stage: str, done: int, total: int) -> None:
        if not tasks:
            bars.start()   # lazily: a run that fails before any progress prints no empty bar line
        if stage not in tasks:
            tasks[stage] = bars.add_task(stage, total=total)
        bars.update(tasks[stage], completed=done, total=total)

    try:
        yield update
    finally:
        if tasks:
            bars.stop()


def print_json(obj) -> None:
    typer.echo(json.dumps(obj, ensure_ascii=False, indent=2))


def print_documents(docs: list[dict], as_json: bool) -> None:
    if as_json:
        print_json(docs)
        return
    table = Table("id", "title", "region", "kind", "clauses", "indicators", "tasks")
    for d in docs:
        table.add_row(d["id"], d["title"], d.get("region") or "", d["kind"],
                      str(d["clauses"]), str(d["indicators"]), str(d["tasks"]))
    Console().print(table)


def register(app: typer.Typer) -> None:
    @app.command()
    def build(
        corpus: Path = typer.Option(None, "--corpus", help="Corpus folder with plans.toml (default ./corpus)."),
        data: Optional[Path] = DataOpt,
        model: Optional[str] = ModelOpt,
        as_json: bool = JsonOpt,
    ) -> None:
        """Ingest every document of the corpus and build the graph and search indexes."""
        corpus = corpus or pipeline.default_corpus()
        with progress_bars(not as_json) as progress:
            summary = pipeline.build(corpus, DataDir(data), model=model, progress=progress)
        print_documents(summary.documents, as_json)

    @app.command()
    def ingest(
        files: list[Path] = typer.Argument(..., help="Files to add or replace (.txt .docx .pdf .html .md .jsonl[.gz])."),
        doc_id: Optional[str] = typer.Option(None, "--id", help="Document id (default: from the file name)."),
        title: Optional[str] = typer.Option(None, "--title", help="Document title."),
        region: Optional[str] = typer.Option(None, "--region", help="Region, e.g. 吴江区."),
        kind: Optional[str] = typer.Option(None, "--kind", help="plan | law | regulation | report."),
        replace: bool = typer.Option(False, "--replace", help="Replace a document with the same id from another file."),
        data: Optional[Path] = DataOpt,
        model: Optional[str] = ModelOpt,
        as_json: bool = JsonOpt,
    ) -> None:
        """Add or replace documents without rebuilding the others."""
        if doc_id and len(files) > 1:
            raise UserError("--id names one document; give one file with it")
        meta = None
        if doc_id or title or region or kind:
            meta = DocumentMeta(id=doc_id or "", title=title or "", region=region, kind=kind or "plan")
        with progress_bars(not as_json) as progress:
            summary = pipeline.ingest_files(files, DataDir(data), meta=meta, model=model,
                                            replace=replace, progress=progress)
        print_documents(summary.documents, as_json)

    @app.command()
    def remove(
        doc_ids: list[str] = typer.Argument(..., help="Document ids to remove."),
        data: Optional[Path] = DataOpt,
        model: Optional[str] = ModelOpt,
        as_json: bool = JsonOpt,
    ) -> None:
        """Remove documents from the graph and indexes."""
        with progress_bars(not as_json) as progress:
            summary = pipeline.remove_documents(doc_ids, DataDir(data), model=model, progress=progress)
        print_documents(summary.documents, as_json)

    @app.command()
    def plans(data: Optional[Path] = DataOpt, as_json: bool = JsonOpt) -> None:
        """List the documents in the current build."""
        dd = DataDir(data)
        dd.require_current()
        print_documents(dd.manifest()["documents"], as_json)

    @app.command()
    def outline(plan_id: str, data: Optional[Path] = DataOpt, as_json: bool = JsonOpt) -> None:
        """Print a document's structure tree."""
        gen = DataDir(data).require_current()
        if not stored.has_record(gen, plan_id):
            raise UserError(f"no such document: {plan_id}")
        root = stored.load_record(gen, plan_id).root
        if as_json:
            print_json(outline_dict(root))
        else:
            _print_outline(root)


def outline_dict(node) -> dict:
    # every node has the same keys; text only where it is not repeated by children
    d = {"id": node.id, "kind": node.kind, "number": node.number, "heading": node.heading,
         "text": node.text if node.kind in ("clause", "cell") or not node.children else None}
    d["children"] = [outline_dict(c) for c in node.children]
    return d


def _print_outline(node, depth: int = 0) -> None:
    if node.kind in ("clause", "cell", "row"):
        return
    label = " ".join(x for x in (node.number, node.heading) if x) or node.kind
    typer.echo("  " * depth + f"{label}  [{node.id}]")
    for child in node.children:
        _print_outline(child, depth + 1)
