"""CLI commands: indicators, deadlines, actors, tasks."""

from __future__ import annotations

import typer


def register(app: typer.Typer) -> None:
    pass
