"""CLI commands: search, similar, eval."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer
from rich.console import Console
from rich.text import Text

from search_api.cli.output import DataOpt, EmbedderOpt, JsonOpt, LocalOpt, ModelOpt, print_json, settings
from search_api.index.options import METHODS, SECTION_KIND_NAMES
from search_api.limits import HTTP_SEARCH_MAX_K, SEARCH_MAX_K

KOpt = typer.Option(10, "-k", "--k", help=f"Number of results (1–{SEARCH_MAX_K}).")


def _open(data: Optional[Path], model: Optional[str], embedder: Optional[str] = None, with_model: bool = True):
    from search_api.datadir.generations import DataDir
    from search_api.index.search import open_index

    config = settings(data, model, embedder=embedder)
    dd = DataDir.of(config)
    return open_index(dd.require_current(), dd.cache, model=config.model, expect_engine=config.embedder,
                      with_model=with_model)


def _hit(d: dict):
    from search_api.index.hit import Hit

    fields = {k: v for k, v in d.items() if k != "scores"}
    return Hit(**fields, bm25=d["scores"]["bm25"], dense=d["scores"]["dense"])


def _print_hits(hits: list) -> None:
    console = Console()
    if not hits:
        console.print("no results")
    for rank, hit in enumerate(hits, 1):
        head = Text(f"{rank:>2}. {hit.score:.3f}  ", style="bold")
        head.append(hit.plan_title, style="cyan")
        if hit.section_path:
            head.append("  " + " › ".join(hit.section_path), style="dim")
        console.print(head)
        body = Text("    " + hit.text)
        for start, end in hit.highlights:
            body.stylize("bold yellow", start + 4, end + 4)
        console.print(body)
        console.print(Text(f"    {hit.clause_id}   bm25 {hit.bm25:.2f} · dense {hit.dense:.3f}", style="dim"))


def _check_choice(value: Optional[str], choices: tuple[str, ...], option: str) -> None:
    if value is not None and value not in choices:
        raise typer.BadParameter(f"choose one of {', '.join(choices)}", param_hint=option)


def register(app: typer.Typer) -> None:
    @app.command()
    def search(
        query: str = typer.Argument(..., help="What to look for, in your own words."),
        k: int = KOpt,
        plan: Optional[str] = typer.Option(None, "--plan", help="Only this document id."),
        kind: Optional[str] = typer.Option(None, "--kind", help="Only documents of this kind: plan | law | regulation | report."),
        sector: Optional[str] = typer.Option(None, "--sector", help="Only clauses tagged with this sector, e.g. 城镇燃气."),
        section_kind: Optional[str] = typer.Option(
            None, "--section-kind", help=f"Only this part of a plan: {' | '.join(SECTION_KIND_NAMES)}."),
        has_deadline: Optional[bool] = typer.Option(
            None, "--has-deadline/--no-deadline", help="Only clauses with (or without) a deadline."),
        method: str = typer.Option("hybrid", "--method", help=f"Ranking: {' | '.join(METHODS)}."),
        data: Optional[Path] = DataOpt,
        model: Optional[str] = ModelOpt,
        embedder: Optional[str] = EmbedderOpt,
        as_json: bool = JsonOpt,
        local: bool = LocalOpt,
    ) -> None:
        """Search clauses and indicator-table rows (hybrid keyword + semantic)."""
        _check_choice(method, METHODS, "--method")
        _check_choice(section_kind, SECTION_KIND_NAMES, "--section-kind")
        config = settings(data, model, embedder=embedder)
        hits = None
        if section_kind is None and has_deadline is None and method == "hybrid" and k <= HTTP_SEARCH_MAX_K:
            from search_api.cli import running_server   # what /search takes: a running server may answer

            answer = running_server.answer(config, "/search", {"q": query, "k": k, "plan": plan, "kind": kind,
                                                               "sector": sector}, local=local)
            hits = answer.get("results") if answer else None
        if hits is None:
            from search_api.service.readmodel import Service

            # through the read-model: a place, document or target named in the query re-ranks (focus)
            hits = Service(config, with_graph=False).search(
                query, k=k, plan=plan, kind=kind, sector=sector, section_kind=section_kind,
                has_deadline=has_deadline, method=method)
        if as_json:
            print_json({"query": query, "results": hits})
        else:
            _print_hits([_hit(h) for h in hits])

    @app.command()
    def similar(
        clause_id: str = typer.Argument(..., help="Clause id, e.g. kunshan-14fyp-safety/chp_3/…/cl_2."),
        other_plans: bool = typer.Option(False, "--other-plans", help="Only clauses from other documents (precedents)."),
        k: int = KOpt,
        data: Optional[Path] = DataOpt,
        model: Optional[str] = ModelOpt,
        embedder: Optional[str] = EmbedderOpt,
        as_json: bool = JsonOpt,
    ) -> None:
        """Find the clauses most like a given clause (precedent finder)."""
        index = _open(data, model, embedder, with_model=False)    # precedents rank stored vectors: no model to load
        hits = index.similar(clause_id, k=k, other_plans=other_plans)
        if as_json:
            print_json({"query": clause_id, "clause": index.clause(clause_id),
                        "results": [h.to_dict() for h in hits]})
        else:
            source = index.clause(clause_id)
            Console().print(Text(f"{source['plan_title']}: {source['text']}", style="bold"))
            _print_hits(hits)

    @app.command(name="eval")
    def eval_(
        queries: Path = typer.Argument(..., help="TSV: id, query, gold (PLAN:substring|…), as ../shared/eval/dev_queries.tsv."),
        data: Optional[Path] = DataOpt,
        model: Optional[str] = ModelOpt,
        embedder: Optional[str] = EmbedderOpt,
        as_json: bool = JsonOpt,
    ) -> None:
        """Recall@1/5/10 and MRR@10 of BM25, dense and hybrid search on a query set."""
        from search_api.index.evaluate import evaluate, format_table, parse_queries

        parsed = parse_queries(queries)
        result = evaluate(_open(data, model, embedder), parsed)
        if as_json:
            print_json(result)
        else:
            typer.echo(format_table(result))
