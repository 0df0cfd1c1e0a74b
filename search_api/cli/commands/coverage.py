"""CLI command: coverage (a draft against reference documents)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Optional

import typer

from search_api.cli.output import DataOpt, EmbedderOpt, ModelOpt, print_json, print_table, settings
from search_api.errors import UserError

FORMATS = ("table", "json", "csv", "md")


def register(app: typer.Typer) -> None:
    @app.command()
    def coverage(
        draft: str = typer.Argument(..., help="The draft: a file (read, not ingested) or the id of an ingested document."),
        against: list[str] = typer.Option(..., "--against", help="Id of a reference document (repeatable)."),
        fmt: str = typer.Option("table", "--format", help="table | json | csv | md."),
        output: Optional[Path] = typer.Option(None, "-o", "--output", help="Write the report to this file."),
        show: str = typer.Option("missing,partly", "--show", help="Verdicts listed in the table (covered,partly,missing)."),
        data: Optional[Path] = DataOpt,
        model: Optional[str] = ModelOpt,
        embedder: Optional[str] = EmbedderOpt,
    ) -> None:
        """What a draft covers of reference documents, what it misses, where its targets and deadlines differ."""
        from search_api.coverage.draft import read_draft
        from search_api.coverage.report import to_csv, to_markdown
        from search_api.service.readmodel import Service

        if fmt not in FORMATS:
            raise UserError(f"--format must be one of {', '.join(FORMATS)}")
        path = Path(draft)
        if not path.is_file() and (path.suffix or "/" in draft):
            raise UserError(f"{draft}: no such file")    # before minutes of loading
        svc = Service(settings(data, model, embedder=embedder), with_graph=False)
        report = svc.coverage(read_draft(path) if path.is_file() else draft, against)
        if fmt == "table":
            _print_table(report, set(show.split(",")))
            return
        if fmt == "json" and output is None:
            print_json(report)
            return
        text = {"json": lambda r: json.dumps(r, ensure_ascii=False, indent=2) + "\n",
                "csv": to_csv, "md": to_markdown}[fmt](report)
        if output is not None:
            output.write_text(text, "utf-8")
            typer.echo(f"policykg: wrote {output}", err=True)
        else:
            typer.echo(text, nl=False)


def _print_table(report: dict, show: set[str]) -> None:
    from rich.console import Console
    from rich.markup import escape

    s = report["summary"]
    console = Console()
    console.print(f"[bold]{escape(report['draft']['title'])}[/bold] against "
                  + "、".join(escape(r["title"]) for r in report["references"]))
    console.print(f"covered {s['covered']} · partly {s['partly']} · missing {s['missing']} of {s['provisions']} "
                  f"provisions · {s['added']} draft tasks not in the references")
    rows = []
    for row in report["provisions"]:
        if row["verdict"] not in show:
            continue
        best = row["matches"][0]["text"] if row["matches"] else ""
        comparison = row["comparison"] or ""
        if row["draft_value"]:
            comparison += f" ({row['reference_value']} → {row['draft_value']})"
        rows.append([row["verdict"], row["kind"], row["text"], best, f"{row['score']:.2f}", comparison])
    print_table(["verdict", "kind", "reference", "draft's closest clause", "score", "comparison"], rows)
