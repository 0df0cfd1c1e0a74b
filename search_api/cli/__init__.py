"""The `policykg` command line: one typer app, each command group in commands/, printing and
the shared options in output. A command builds the Settings from its flags once, at start, and
imports what it needs (the build, the index, the model, the service) only when it runs, so
`policykg --help` loads none of them."""

from __future__ import annotations

import sys

import typer

from search_api.cli.commands import corpus, coverage, facts, graph, search, serve

app = typer.Typer(
    name="policykg",
    help="Knowledge graph and semantic search over Chinese policy plans.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

def one_line(message: str) -> str:
    """Errors are one line on the terminal; user-derived text cannot start a new one."""
    return " ".join(message.split())


for _group in (corpus, facts, graph, search, serve, coverage):
    _group.register(app)


def main() -> None:
    """Entry point: user-facing errors become one line on stderr and exit status 2."""
    from search_api.errors import user_error_types

    try:
        app()
    except user_error_types() as exc:  # type: ignore[misc]
        typer.echo(f"policykg: error: {one_line(str(exc))}", err=True)
        sys.exit(2)
    except RecursionError:
        typer.echo("policykg: error: the input is nested too deeply to process", err=True)
        sys.exit(2)
    except MemoryError:
        typer.echo("policykg: error: out of memory (the input is too large for this machine)", err=True)
        sys.exit(2)
    except KeyboardInterrupt:
        typer.echo("policykg: interrupted; the previous build is still live", err=True)
        sys.exit(130)

