"""The product's settings: one typed object, built once at start from the POLICYKG_* environment
and the command's flags, then passed down.

This module is the only one that reads the environment. Entry points (each `policykg`
command, ``create_app``) build a ``Settings`` with ``Settings.from_env(**flags)`` and call
``apply()``, which points the vocabulary loader (ingest.vocab) at the configured ontology;
everything below takes the values it needs as arguments. A library function called without
a value (tests, benchmarks) uses ``Settings.from_env()`` in the same way, so a setting means
the same wherever it is read.

| setting          | flag       | environment               | default                              |
|------------------|------------|---------------------------|--------------------------------------|
| data             | --data     | POLICYKG_DATA             | ./data                               |
| cache            |            | POLICYKG_CACHE            | <data>/cache                         |
| corpus           | --corpus   | POLICYKG_CORPUS           | ./corpus                             |
| model            | --model    | POLICYKG_MODEL            | the embedded multilingual-e5-small   |
| ontology         |            | POLICYKG_ONTOLOGY         | ontology/ next to the packages       |
| userdict         |            | POLICYKG_USERDICT         | <ontology>/userdict.txt              |
| workers          |            | POLICYKG_WORKERS          | one per CPU core                     |
| sparql_timeout_s |            | POLICYKG_SPARQL_TIMEOUT   | 10 (seconds, the HTTP endpoint)      |
| sparql_max_rows  |            | POLICYKG_SPARQL_MAX_ROWS  | 10 000 (rows, the HTTP endpoint)     |
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Mapping, Optional

from search_api.errors import UserError
from search_api.limits import SPARQL_HTTP_MAX_ROWS, SPARQL_HTTP_TIMEOUT_S

PREFIX = "POLICYKG_"


@dataclass(frozen=True)
class Settings:
    data: Path
    cache: Path
    corpus: Path
    model: Optional[str] = None          # None: the embedded default (or the model the index was built with)
    ontology: Optional[Path] = None      # None: ontology/ next to the packages
    userdict: Optional[Path] = None      # None: userdict.txt in the ontology folder
    workers: Optional[int] = None        # None: one per CPU core
    sparql_timeout_s: float = SPARQL_HTTP_TIMEOUT_S
    sparql_max_rows: int = SPARQL_HTTP_MAX_ROWS

    @classmethod
    def from_env(cls, environ: Optional[Mapping[str, str]] = None, *, data: Optional[Path] = None,
                 corpus: Optional[Path] = None, model: Optional[str] = None) -> "Settings":
        """Flags (the keyword arguments) win over the environment, which wins over the defaults."""
        env = os.environ if environ is None else environ

        def get(name: str) -> Optional[str]:
            return env.get(PREFIX + name) or None

        root = Path(data or get("DATA") or "data").resolve()
        cache = get("CACHE")
        return cls(
            data=root,
            cache=Path(cache) if cache else root / "cache",
            corpus=Path(corpus or get("CORPUS") or "corpus"),
            model=model or get("MODEL"),
            ontology=_path(get("ONTOLOGY")),
            userdict=_path(get("USERDICT")),
            workers=_number(get("WORKERS"), int, "WORKERS", lambda n: max(1, n)),
            sparql_timeout_s=_number(get("SPARQL_TIMEOUT"), float, "SPARQL_TIMEOUT") or SPARQL_HTTP_TIMEOUT_S,
            sparql_max_rows=_number(get("SPARQL_MAX_ROWS"), int, "SPARQL_MAX_ROWS") or SPARQL_HTTP_MAX_ROWS,
        )

    def apply(self) -> "Settings":
        """Point the process-wide vocabulary loader at the configured ontology (once, at start)."""
        from ingest import vocab

        vocab.configure(self.ontology, self.userdict)
        return self


def _path(value: Optional[str]) -> Optional[Path]:
    return Path(value) if value else None


def _number(value: Optional[str], kind: type, name: str, clamp=lambda n: n):
    if value is None:
        return None
    try:
        return clamp(kind(value))
    except ValueError:
        raise UserError(f"{PREFIX}{name} must be a number, not {value!r}") from None
