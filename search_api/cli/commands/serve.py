"""CLI commands: serve, ask."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from search_api.cli.output import DataOpt, EmbedderOpt, LocalOpt, StoreOpt, print_json, settings
from search_api.limits import ASK_MAX_K

ModelOpt = typer.Option(None, "--model", help="Local sentence-transformers model path (default: the one the index was built with).")


def register(app: typer.Typer) -> None:
    @app.command()
    def serve(
        host: str = typer.Option("127.0.0.1", "--host", help="Interface to listen on."),
        port: int = typer.Option(8000, "--port", help="TCP port."),
        data: Optional[Path] = DataOpt,
        model: Optional[str] = ModelOpt,
        embedder: Optional[str] = EmbedderOpt,
        allowed_host: list[str] = typer.Option([], "--allowed-host",
                                               help="Another host name clients use to reach the server (repeatable); "
                                                    "the bind address's names are always allowed."),
        cors_origin: list[str] = typer.Option([], "--cors-origin",
                                              help="An origin whose web pages may read the API, e.g. "
                                                   "https://intranet.example (repeatable; default none)."),
        store: Optional[str] = StoreOpt,
    ) -> None:
        """Serve the HTTP API (OpenAPI at /docs) and the web page at / ."""
        import dataclasses

        import uvicorn

        from search_api.api.app import create_app
        from search_api.api.live import share_interpreter_with_requests
        from search_api.cli import running_server
        from search_api.datadir.generations import DataDir
        from search_api.settings import hosts_for_bind

        config = settings(data, model, embedder=embedder, cors_origins=tuple(cors_origin), store=store)
        config = dataclasses.replace(config, allowed_hosts=hosts_for_bind(host, tuple(allowed_host) + config.allowed_hosts))
        share_interpreter_with_requests()   # before create_app starts the warm-up thread
        application = create_app(config)   # loads the build before listening
        where = f"[{host}]" if ":" in host else host   # an IPv6 address, as a URL writes it
        typer.echo(f"policykg: serving {application.state.live.get().location} on http://{where}:{port}/", err=True)
        # query commands of this data directory ask this server rather than load the model
        with running_server.announced(DataDir.of(config).root, running_server.loopback_url(host, port)):
            uvicorn.run(application, host=host, port=port, log_level="warning",
                        timeout_graceful_shutdown=5)

    @app.command()
    def ask(
        question: str = typer.Argument(..., help="e.g. 燃气安全归哪个部门管？"),
        k: int = typer.Option(5, "-k", help="Search hits shown after the answer."),
        data: Optional[Path] = DataOpt,
        model: Optional[str] = ModelOpt,
        embedder: Optional[str] = EmbedderOpt,
        as_json: bool = typer.Option(False, "--json", help="Print machine-readable JSON."),
        local: bool = LocalOpt,
    ) -> None:
        """Who is responsible for a matter: the answer line, then the bodies with the assigning provisions."""
        config = settings(data, model, embedder=embedder)
        result = None
        if k <= ASK_MAX_K:   # what /ask takes
            from search_api.cli import running_server

            result = running_server.answer(config, "/ask", {"q": question, "k": k}, local=local)
        if result is None:
            from search_api.service.readmodel import Service

            result = Service(config).ask(question, k=k)
        if as_json:
            print_json(result)
        else:
            _print_answer(result)


def _print_answer(result: dict) -> None:
    from rich.console import Console
    from rich.markup import escape

    console = Console()
    matters = "、".join(m["name"] for m in result["matters"]) or "—"
    places = "、".join(result["places"])
    console.print(f"[bold]{escape(result['question'])}[/bold]  事项: {escape(matters)}"
                  + (f"  地区: {escape(places)}" if places else ""))
    for line in result["summary"]:        # the answer first
        console.print(escape(line), style="bold green" if result["answer"] else "bold yellow")
    if result["note"]:
        console.print(escape(result["note"]), style="yellow")
    how = {"assigns": "明确负责", "duty": "负有职责", "general": "一般职责", "mentioned": "仅提及"}
    for item in result["answer"]:
        console.print(escape(f"• {item['actor']}（{how.get(item['assignment'], item['assignment'])}，"
                             f"{item['jurisdiction']}）"))
        for d in item["details"]:
            console.print(escape(f"    {d['legal_basis']}：{d['text'][:80]}"), style="dim")
    if result["results"]:
        console.print("\n[bold]相关条款[/bold]")
        for hit in result["results"]:
            console.print(escape(f"{hit['score']:.3f}  {hit['clause_id']}\n    {hit['text']}"))
