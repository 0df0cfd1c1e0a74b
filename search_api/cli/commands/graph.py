"""CLI commands: sparql, queries, export, publish."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Optional

import typer
from rich.console import Console

from search_api.cli.output import DataOpt, StoreOpt, settings
from search_api.errors import UserError
from search_api.limits import SPARQL_CLI_MAX_ROWS, SPARQL_CLI_TIMEOUT_S

QUERY_FORMATS = ("table", "json", "csv", "tsv", "ttl", "nt")


def _generation(data: Optional[Path]) -> Path:
    from search_api.datadir.generations import DataDir

    return DataDir.of(settings(data)).require_current()


def _store_target(data: Optional[Path], store: Optional[str]) -> str:
    """--store (or $POLICYKG_STORE), checked by the settings, else the live generation's store."""
    return settings(data, store=store).store or str(_generation(data))


def _write_void(gen: Path, fmt: str, out) -> None:
    """The VoID description (kg.void) of the built graph, in an export format."""
    from kg.iris import PREFIXES
    from kg.results import graph_result
    from kg.store import open_store
    from kg.void import VOID, describe

    with open_store(gen) as store:
        described = graph_result(describe(store))
    out.write(described.serialize(fmt, {**PREFIXES, "void": str(VOID)}).encode("utf-8"))
    out.flush()


def register(app: typer.Typer) -> None:
    @app.command()
    def sparql(
        query: str = typer.Argument(..., metavar="QUERY_OR_@FILE_OR_NAME",
                                    help="SPARQL text, @path/to/file.rq, or a library query name (see `policykg queries`)."),
        fmt: str = typer.Option("table", "--format", "-f", help=f"Output: {' | '.join(QUERY_FORMATS)}."),
        as_json: bool = typer.Option(False, "--json", help="Same as --format json (SPARQL 1.1 JSON results)."),
        timeout: float = typer.Option(SPARQL_CLI_TIMEOUT_S, "--timeout", help="Time limit in seconds."),
        max_rows: int = typer.Option(SPARQL_CLI_MAX_ROWS, "--max-rows", help="Row cap; more rows are cut with a warning."),
        data: Optional[Path] = DataOpt,
        store: Optional[str] = StoreOpt,
    ) -> None:
        """Run a read-only SPARQL query over the graph (all named graphs form the default graph)."""
        from kg.iris import PREFIXES
        from kg.library import resolve
        from kg.store import open_store

        fmt = "json" if as_json else fmt
        if fmt not in QUERY_FORMATS:
            raise UserError(f"--format must be one of {', '.join(QUERY_FORMATS)}, not {fmt!r}")
        if timeout <= 0 or max_rows <= 0:
            raise UserError("--timeout and --max-rows must be positive")
        text = resolve(query)
        graph_store = open_store(_store_target(data, store), memory_mb=settings(data).sparql_memory_mb)
        try:
            result = graph_store.query(text, timeout_s=timeout, max_rows=max_rows)
        finally:
            graph_store.close()
        if result.kind == "graph" and fmt in ("csv", "tsv"):
            raise UserError("CONSTRUCT/DESCRIBE results are triples: use --format ttl, nt, json or table")
        if result.kind != "graph" and fmt in ("ttl", "nt"):
            raise UserError("SELECT/ASK results are tables: use --format table, json, csv or tsv")
        if fmt == "table":
            # Off a terminal rich would squeeze tables into 80 columns; give them room.
            Console(width=None if sys.stdout.isatty() else 250).print(result.to_table(PREFIXES))
        else:
            sys.stdout.write(result.serialize(fmt, prefixes=PREFIXES))
            sys.stdout.flush()
        if result.truncated:
            typer.echo(f"policykg: warning: result cut at {max_rows} rows (--max-rows)", err=True)

    @app.command()
    def queries(as_json: bool = typer.Option(False, "--json", help="Print machine-readable JSON.")) -> None:
        """List the SPARQL query library (run one with `policykg sparql NAME`)."""
        from kg.library import list_queries

        items = [{"name": q.name, "question": q.description, "file": str(q.path)} for q in list_queries()]
        if as_json:
            typer.echo(json.dumps(items, ensure_ascii=False, indent=2))
            return
        for item in items:
            typer.echo(f"{item['name']}\n    {item['question']}")

    @app.command()
    def export(
        fmt: str = typer.Option("ttl", "--format", "-f", help="ttl | nq | jsonld"),
        output: Optional[Path] = typer.Option(None, "--output", "-o", help="File to write (default: stdout)."),
        doc: Optional[list[str]] = typer.Option(None, "--doc", help="Only these document ids (repeatable)."),
        void: bool = typer.Option(False, "--void", help="Write the dataset's VoID description instead of the graph: "
                                                        "each named graph with its document, triple count and vocabularies."),
        data: Optional[Path] = DataOpt,
    ) -> None:
        """Export the graph as Turtle (union of graphs), N-Quads or JSON-LD, streaming; or its VoID description."""
        from kg.export import FORMATS, export as export_graph

        if fmt not in FORMATS:
            raise UserError(f"--format must be one of {', '.join(FORMATS)}, not {fmt!r}")
        if void and doc:
            raise UserError("--void describes the whole dataset; it does not take --doc")
        gen = _generation(data)
        write = (lambda out: _write_void(gen, fmt, out)) if void else (lambda out: export_graph(gen, fmt, out, doc_ids=doc))
        if output is None:
            write(sys.stdout.buffer)
            return
        # Write beside the target and rename, so a failed export never leaves half a file.
        tmp = output.with_name(f".{output.name}.tmp-{os.getpid()}")
        try:
            with open(tmp, "wb") as out:
                write(out)
            os.replace(tmp, output)
        finally:
            tmp.unlink(missing_ok=True)
        typer.echo(f"wrote {output} ({output.stat().st_size:,} bytes)", err=True)

    @app.command()
    def publish(
        store: str = typer.Option(..., "--store", metavar="URL",
                                  help="SPARQL server: sparql+http://host:port/sparql[?gsp=/graph-store-path]."),
        data: Optional[Path] = DataOpt,
        as_json: bool = typer.Option(False, "--json", help="Print machine-readable JSON."),
    ) -> None:
        """Copy the built graph to a SPARQL server (Graph Store Protocol), replacing our named graphs there."""
        from kg.publish import publish as publish_graph
        from kg.sparql_http import SparqlHttpStore

        remote = SparqlHttpStore(_store_target(data, store))
        try:
            stats = publish_graph(_generation(data), remote)
        finally:
            remote.close()
        typer.echo(json.dumps(stats) if as_json else
                   f"published {stats['graphs']} graphs ({stats['triples']:,} triples) to {store}; "
                   f"deleted {stats['deleted']} stale graphs")
