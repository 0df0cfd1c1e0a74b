"""CLI commands: build, ingest, remove, plans, outline."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from search_api.cli.output import DataOpt, JsonOpt, ModelOpt, print_documents, print_json, progress_bars, settings
from search_api.errors import UserError


def register(app: typer.Typer) -> None:
    @app.command()
    def build(
        corpus: Path = typer.Option(None, "--corpus", help="Corpus folder with plans.toml (default ./corpus)."),
        data: Optional[Path] = DataOpt,
        model: Optional[str] = ModelOpt,
        as_json: bool = JsonOpt,
    ) -> None:
        """Ingest every document of the corpus and build the graph and search indexes."""
        from search_api.build import pipeline
        from search_api.datadir.generations import DataDir

        config = settings(data, model, corpus)
        with progress_bars(not as_json) as progress:
            summary = pipeline.build(config.corpus, DataDir.of(config), model=config.model, progress=progress,
                                     workers=config.workers)
        print_documents(summary.documents, as_json)

    @app.command()
    def ingest(
        files: list[Path] = typer.Argument(..., help="Files to add or replace (.txt .docx .pdf .html .md .jsonl[.gz])."),
        doc_id: Optional[str] = typer.Option(None, "--id", help="Document id (default: from the file name)."),
        title: Optional[str] = typer.Option(None, "--title", help="Document title."),
        region: Optional[str] = typer.Option(None, "--region", help="Region, e.g. 吴江区."),
        kind: Optional[str] = typer.Option(None, "--kind", help="plan | law | regulation | report."),
        replace: bool = typer.Option(False, "--replace", help="Replace the document of the same id (refused otherwise)."),
        encoding: Optional[str] = typer.Option(None, "--encoding",
                                               help="Text encoding of the files, e.g. gbk (default: detected; "
                                                    "UTF-8, UTF-16 with BOM, GB18030 family, Big5)."),
        data: Optional[Path] = DataOpt,
        model: Optional[str] = ModelOpt,
        as_json: bool = JsonOpt,
    ) -> None:
        """Add or replace documents without rebuilding the others."""
        from ingest.records import DocumentMeta
        from search_api.build import pipeline
        from search_api.datadir.generations import DataDir

        if doc_id and len(files) > 1:
            raise UserError("--id names one document; give one file with it")
        config = settings(data, model)
        meta = None
        if doc_id or title or region or kind or encoding:
            # --encoding alone names no kind: "" lets ingest tell a law from a plan, as without options
            only_encoding = not (doc_id or title or region or kind)
            meta = DocumentMeta(id=doc_id or "", title=title or "", region=region,
                                kind=kind or ("" if only_encoding else "plan"), encoding=encoding)
        with progress_bars(not as_json) as progress:
            summary = pipeline.ingest_files(files, DataDir.of(config), meta=meta, model=config.model,
                                            replace=replace, progress=progress, workers=config.workers)
        print_documents(summary.documents, as_json)

    @app.command()
    def remove(
        doc_ids: list[str] = typer.Argument(..., help="Document ids to remove."),
        data: Optional[Path] = DataOpt,
        model: Optional[str] = ModelOpt,
        as_json: bool = JsonOpt,
    ) -> None:
        """Remove documents from the graph and indexes."""
        from search_api.build import pipeline
        from search_api.datadir.generations import DataDir

        config = settings(data, model)
        with progress_bars(not as_json) as progress:
            summary = pipeline.remove_documents(doc_ids, DataDir.of(config), model=config.model, progress=progress,
                                                workers=config.workers)
        print_documents(summary.documents, as_json)

    @app.command()
    def plans(data: Optional[Path] = DataOpt, as_json: bool = JsonOpt) -> None:
        """List the documents in the current build."""
        from search_api.datadir.generations import DataDir

        dd = DataDir.of(settings(data))
        dd.require_current()
        print_documents(dd.manifest()["documents"], as_json)

    @app.command()
    def outline(plan_id: str, data: Optional[Path] = DataOpt, as_json: bool = JsonOpt) -> None:
        """Print a document's structure tree."""
        from search_api.datadir import records as stored
        from search_api.datadir.generations import DataDir
        from search_api.service.views import outline_dict

        gen = DataDir.of(settings(data)).require_current()
        if not stored.has_record(gen, plan_id):
            raise UserError(f"no such document: {plan_id}")
        root = stored.load_record(gen, plan_id).root
        if as_json:
            print_json(outline_dict(root))
        else:
            _print_outline(root)


def _print_outline(node, depth: int = 0) -> None:
    if node.kind in ("clause", "cell", "row"):
        return
    label = " ".join(x for x in (node.number, node.heading) if x) or node.kind
    typer.echo("  " * depth + f"{label}  [{node.id}]")
    for child in node.children:
        _print_outline(child, depth + 1)
