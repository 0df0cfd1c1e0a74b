"""CLI commands: build, ingest, check, remove, plans, outline."""

from __future__ import annotations

from contextlib import contextmanager
from pathlib import Path
from typing import Iterator, Optional

import typer

from search_api.cli.output import (DataOpt, EmbedderOpt, JsonOpt, ModelOpt, print_documents, print_json, print_warnings,
                                   progress_bars, settings)
from search_api.errors import UserError

FilesArg = typer.Argument(..., help="Files to read (.txt .docx .pdf .html .md .jsonl[.gz]).")
IdOpt = typer.Option(None, "--id", help="Document id (default: from the file name).")
TitleOpt = typer.Option(None, "--title", help="Document title (default: from the text).")
RegionOpt = typer.Option(None, "--region", help="Region, e.g. 吴江区.")
KindOpt = typer.Option(None, "--kind", help="plan | law | regulation | report (default: from the text).")
LevelOpt = typer.Option(None, "--level", help="national | province | city | county-level city | county | district | town.")
IssuerOpt = typer.Option(None, "--issuer", help="Issuing body, e.g. 苏州市人民政府办公室.")
PeriodOpt = typer.Option(None, "--period", help="Plan period, e.g. 2021-2025 (what 规划期内 means).")
DateOpt = typer.Option(None, "--date", help="The document's own date, e.g. 2023-12-13 (what 今年/明年 mean).")
EncodingOpt = typer.Option(None, "--encoding", help="Text encoding of the files, e.g. gbk (default: detected; "
                                                    "UTF-8, UTF-16 with BOM, GB18030 family, Big5).")
FormatOpt = typer.Option(None, "--format", help="Force a reader: txt | markdown | statute-md | html | docx | pdf "
                                                "(default: detected from the content).")
ClusterOpt = typer.Option(None, "--cluster", help="Run the build on a Ray cluster: ray://HOST:PORT, or auto "
                          "(the Ray running on this machine, else a new local one). Needs the 'cluster' extra; "
                          "the workers must see the same corpus and cache paths. Same result as a local build.")


@contextmanager
def _on_cluster(address: Optional[str]) -> Iterator[object]:
    """The Ray cluster to build on (search_api.cluster), or None: this machine, Ray not imported."""
    if not address:
        yield None
        return
    from search_api.cluster.session import connect

    with connect(address) as cluster:
        yield cluster


def _user_meta(files: list[Path], **given):
    """The metadata the options give (None when none), checked."""
    from ingest.metadata import user_meta

    for one_document_option in ("doc_id", "title"):
        if given.get(one_document_option) and len(files) > 1:
            raise UserError(f"--{one_document_option.replace('doc_', '')} names one document; give one file with it")
    try:
        return user_meta(**given)
    except ValueError as exc:
        raise UserError(str(exc)) from None


def register(app: typer.Typer) -> None:
    @app.command()
    def build(
        corpus: Path = typer.Option(None, "--corpus", help="Corpus folder with plans.toml (default ./corpus)."),
        data: Optional[Path] = DataOpt,
        model: Optional[str] = ModelOpt,
        embedder: Optional[str] = EmbedderOpt,
        cluster: Optional[str] = ClusterOpt,
        as_json: bool = JsonOpt,
    ) -> None:
        """Ingest every document of the corpus and build the graph and search indexes."""
        from search_api.build import pipeline
        from search_api.datadir.generations import DataDir

        config = settings(data, model, corpus, embedder=embedder)
        with _on_cluster(cluster) as on, progress_bars(not as_json) as progress:
            summary = pipeline.build(config.corpus, DataDir.of(config), model=config.model, engine=config.embedder, progress=progress,
                                     workers=config.workers, cluster=on)
        print_documents(summary.documents, as_json)
        print_warnings(summary.documents)

    @app.command()
    def ingest(
        files: list[Path] = FilesArg,
        doc_id: Optional[str] = IdOpt, title: Optional[str] = TitleOpt, region: Optional[str] = RegionOpt,
        kind: Optional[str] = KindOpt, level: Optional[str] = LevelOpt, issuer: Optional[str] = IssuerOpt,
        period: Optional[str] = PeriodOpt, date: Optional[str] = DateOpt, format: Optional[str] = FormatOpt,
        encoding: Optional[str] = EncodingOpt,
        replace: bool = typer.Option(False, "--replace", help="Replace the document of the same id (refused otherwise)."),
        data: Optional[Path] = DataOpt,
        model: Optional[str] = ModelOpt,
        embedder: Optional[str] = EmbedderOpt,
        cluster: Optional[str] = ClusterOpt,
        as_json: bool = JsonOpt,
    ) -> None:
        """Add or replace documents without rebuilding the others; report what was found in each."""
        from search_api.build import pipeline
        from search_api.datadir.generations import DataDir

        meta = _user_meta(files, doc_id=doc_id, title=title, kind=kind, region=region, level=level,
                          issuer=issuer, period=period, date=date, format=format, encoding=encoding)
        config = settings(data, model, embedder=embedder)
        with _on_cluster(cluster) as on, progress_bars(not as_json) as progress:
            summary = pipeline.ingest_files(files, DataDir.of(config), meta=meta, model=config.model,
                                            replace=replace, progress=progress, workers=config.workers, cluster=on)
        print_documents(summary.documents, as_json)
        print_warnings([d for d in summary.documents if d["id"] in summary.changed])

    @app.command()
    def check(
        files: list[Path] = FilesArg,
        doc_id: Optional[str] = IdOpt, title: Optional[str] = TitleOpt, region: Optional[str] = RegionOpt,
        kind: Optional[str] = KindOpt, level: Optional[str] = LevelOpt, issuer: Optional[str] = IssuerOpt,
        period: Optional[str] = PeriodOpt, date: Optional[str] = DateOpt, format: Optional[str] = FormatOpt,
        encoding: Optional[str] = EncodingOpt,
        as_json: bool = JsonOpt,
    ) -> None:
        """Read files as ingest would and report what was found, writing nothing."""
        from ingest.documents import ingest_documents
        from ingest.report import document_report
        from search_api.build.pipeline import corpus_entry

        meta = _user_meta(files, doc_id=doc_id, title=title, kind=kind, region=region, level=level,
                          issuer=issuer, period=period, date=date, format=format, encoding=encoding)
        with progress_bars(not as_json) as progress:
            records = ingest_documents([(path, meta or corpus_entry(path)) for path in files], progress=progress)
        reports = [{"region": r.meta.region, **document_report(r).to_dict()} for r in records]
        print_documents(reports, as_json)
        print_warnings(reports)

    @app.command()
    def remove(
        doc_ids: list[str] = typer.Argument(..., help="Document ids to remove."),
        data: Optional[Path] = DataOpt,
        model: Optional[str] = ModelOpt,
        embedder: Optional[str] = EmbedderOpt,
        as_json: bool = JsonOpt,
    ) -> None:
        """Remove documents from the graph and indexes."""
        from search_api.build import pipeline
        from search_api.datadir.generations import DataDir

        config = settings(data, model, embedder=embedder)
        with progress_bars(not as_json) as progress:
            summary = pipeline.remove_documents(doc_ids, DataDir.of(config), model=config.model, progress=progress,
                                                workers=config.workers)
        print_documents(summary.documents, as_json)
        print_warnings(summary.documents)

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
