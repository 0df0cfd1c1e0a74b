"""How commands print: JSON for --json, rich tables and progress bars on a terminal, and the
options and settings every command shares."""

from __future__ import annotations

import json
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator, Optional

import typer
from rich.console import Console
from rich.cells import cell_len
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress as Bars, TextColumn, TimeElapsedColumn
from rich.table import Column, Table
from rich.text import Text

from ingest.progress import Progress, no_progress
from search_api.settings import Settings

DataOpt = typer.Option(None, "--data", help="Data directory (default ./data or $POLICYKG_DATA).")
JsonOpt = typer.Option(False, "--json", help="Print machine-readable JSON.")
ModelOpt = typer.Option(None, "--model", help="Local sentence-transformers model path (default: embedded multilingual-e5-small).")
EmbedderOpt = typer.Option(None, "--embedder", help="Engine running the model: int8 (ONNX, quantised) | fp32 "
                           "(sentence-transformers); default fp32 or $POLICYKG_EMBEDDER. A build records its engine "
                           "and is always queried, ingested into and served with it.")
LocalOpt = typer.Option(False, "--local", help="Answer in this process even when a `policykg serve` of this data "
                       "directory's live build is running (by default the command asks it: its model is loaded).")
StoreOpt = typer.Option(None, "--store", metavar="URL",
                        help="Query a SPARQL server instead of the built store: sparql+http://host:port/sparql "
                             "(or $POLICYKG_STORE).")

err_console = Console(stderr=True)


def settings(data: Optional[Path] = None, model: Optional[str] = None, corpus: Optional[Path] = None,
             **flags) -> Settings:
    """The command's settings: its flags over $POLICYKG_*, applied once, at start."""
    return Settings.from_env(data=data, model=model, corpus=corpus, **flags).apply()


@contextmanager
def progress_bars(enabled: bool = True) -> Iterator[Progress]:
    """Rich progress bars on stderr, one per stage."""
    if not enabled:
        yield no_progress
        return
    bars = Bars(TextColumn("{task.description:<10}"), BarColumn(), MofNCompleteColumn(),
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


def print_table(columns: list[str], rows: list[list]) -> None:
    """Cells are plain Text: a title holding rich markup (``[/bold]``) is shown as written.
    Text columns fold onto more lines rather than lose their end to an ellipsis (Chinese has no
    spaces to wrap at); ids, which are typed into other commands, numbers and other short
    values stay whole. A table too wide for the terminal even so is printed a row at a time,
    one field per line (as psql's expanded display)."""
    cells = [["" if v is None else str(v) for v in row] for row in rows]
    console = Console()
    text = [not (c == "id" or c.endswith("_id")) and any(cell_len(r[i]) > _SHORT for r in cells)
            for i, c in enumerate(columns)]
    whole = [max([cell_len(c), *(cell_len(r[i]) for r in cells)]) for i, c in enumerate(columns)]
    narrowest = sum(_SHORT if t else w for t, w in zip(text, whole)) + 3 * len(columns) + 1
    if narrowest > console.width:
        _print_records(console, columns, cells)
        return
    table = Table(*(Column(c, overflow="fold", no_wrap=not t) for c, t in zip(columns, text)))
    for row in cells:
        table.add_row(*(Text(v) for v in row))
    console.print(table)


_SHORT = 12   # display cells: a value up to this wide is kept on one line


def _print_records(console: Console, columns: list[str], cells: list[list[str]]) -> None:
    width = max(cell_len(c) for c in columns)
    for n, row in enumerate(cells, 1):
        console.rule(Text(f"{n}"), align="left")
        grid = Table.grid(padding=(0, 1))
        grid.add_column(no_wrap=True, style="bold", width=width)
        grid.add_column(overflow="fold")
        for name, value in zip(columns, row):
            grid.add_row(Text(name), Text(value))
        console.print(grid)


_DOCUMENT_COLUMNS = ("id", "title", "region", "kind", "period", "date", "parts", "tables", "clauses", "indicators",
                     "deadlines", "tasks", "bodies")


def print_documents(docs: list[dict], as_json: bool) -> None:
    if as_json:
        print_json(docs)
        return
    # manifests written before parts/tables/deadlines/bodies were reported lack them
    print_table(list(_DOCUMENT_COLUMNS), [[d.get(c) for c in _DOCUMENT_COLUMNS] for d in docs])


def print_warnings(docs: list[dict]) -> None:
    """Each document's ingest warnings on stderr (they never change the exit status)."""
    for doc in docs:
        for warning in doc.get("warnings") or ():
            err_console.print(f"[yellow]warning[/yellow]: {escape(doc['id'])}: {escape(warning)}", highlight=False)
