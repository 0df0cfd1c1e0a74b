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
| embedder         | --embedder | POLICYKG_EMBEDDER         | fp32 (int8: ONNX, quantised)         |
| ontology         |            | POLICYKG_ONTOLOGY         | ontology/ next to the packages       |
| userdict         |            | POLICYKG_USERDICT         | <ontology>/userdict.txt              |
| workers          |            | POLICYKG_WORKERS          | one per CPU core                     |
| sparql_timeout_s |            | POLICYKG_SPARQL_TIMEOUT   | 10 (seconds, the HTTP endpoint)      |
| sparql_max_rows  |            | POLICYKG_SPARQL_MAX_ROWS  | 10 000 (rows, the HTTP endpoint)     |
| sparql_memory_mb |            | POLICYKG_SPARQL_MEMORY_MB | 2048 (address space per query worker)|
| max_input_mb     |            | POLICYKG_MAX_INPUT_MB     | 200 (size of one file to ingest)     |
| max_paragraphs   |            | POLICYKG_MAX_PARAGRAPHS   | 200 000 (paragraphs of one document) |
| cors_origins     | --cors-origin  | POLICYKG_CORS_ORIGINS (comma-separated) | none: no cross-origin reads |
| allowed_hosts    | --allowed-host | POLICYKG_ALLOWED_HOSTS (comma-separated) | the bind address's names |
| store            | --store    | POLICYKG_STORE            | none: the generation's own Oxigraph store |

``embedder`` is the engine that runs the model (search_api.model.embedder.ENGINES). A build
records it; querying a build always uses the engine it was built with (query and passage vectors
must come from the same engine), so on query commands the setting only names the engine to expect.

``store`` (sparql+http://host:port/sparql) sends every graph query (the SPARQL endpoint, the query
library, the VoID description, the health check) to a SPARQL server, where ``policykg publish``
put the graph; the rest of a generation (records, lookup tables, search index) is still read
from the data directory.

``allowed_hosts`` are the Host header values the server answers (DNS rebinding protection):
``policykg serve`` adds the names of its bind address to them (see ``hosts_for_bind``).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Mapping, Optional

from search_api.errors import UserError
from search_api.limits import (INGEST_MAX_INPUT_MB, INGEST_MAX_PARAGRAPHS, SPARQL_HTTP_MAX_ROWS,
                               SPARQL_HTTP_TIMEOUT_S, SPARQL_WORKER_MEMORY_MB)

PREFIX = "POLICYKG_"


@dataclass(frozen=True)
class Settings:
    data: Path
    cache: Path
    corpus: Path
    model: Optional[str] = None          # None: the embedded default (or the model the index was built with)
    embedder: Optional[str] = None       # int8 | fp32; None: the default engine (or the one the index was built with)
    ontology: Optional[Path] = None      # None: ontology/ next to the packages
    userdict: Optional[Path] = None      # None: userdict.txt in the ontology folder
    workers: Optional[int] = None        # None: one per CPU core
    sparql_timeout_s: float = SPARQL_HTTP_TIMEOUT_S
    sparql_max_rows: int = SPARQL_HTTP_MAX_ROWS
    sparql_memory_mb: int = SPARQL_WORKER_MEMORY_MB
    max_input_mb: int = INGEST_MAX_INPUT_MB
    max_paragraphs: int = INGEST_MAX_PARAGRAPHS
    cors_origins: tuple[str, ...] = ()   # origins whose pages may read responses; empty: none
    allowed_hosts: tuple[str, ...] = ()  # Host headers answered; empty: the loopback names
    store: Optional[str] = None          # sparql+http(s)://… : graph queries go there; None: the generation's store

    @classmethod
    def from_env(cls, environ: Optional[Mapping[str, str]] = None, *, data: Optional[Path] = None,
                 corpus: Optional[Path] = None, model: Optional[str] = None, embedder: Optional[str] = None,
                 cors_origins: tuple[str, ...] = (), allowed_hosts: tuple[str, ...] = (),
                 store: Optional[str] = None) -> "Settings":
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
            embedder=_engine(embedder or get("EMBEDDER")),
            ontology=_path(get("ONTOLOGY")),
            userdict=_path(get("USERDICT")),
            workers=_number(get("WORKERS"), int, "WORKERS", lambda n: max(1, n)),
            sparql_timeout_s=_number(get("SPARQL_TIMEOUT"), float, "SPARQL_TIMEOUT") or SPARQL_HTTP_TIMEOUT_S,
            sparql_max_rows=_number(get("SPARQL_MAX_ROWS"), int, "SPARQL_MAX_ROWS") or SPARQL_HTTP_MAX_ROWS,
            sparql_memory_mb=_number(get("SPARQL_MEMORY_MB"), int, "SPARQL_MEMORY_MB") or SPARQL_WORKER_MEMORY_MB,
            max_input_mb=_number(get("MAX_INPUT_MB"), int, "MAX_INPUT_MB") or INGEST_MAX_INPUT_MB,
            max_paragraphs=_number(get("MAX_PARAGRAPHS"), int, "MAX_PARAGRAPHS") or INGEST_MAX_PARAGRAPHS,
            cors_origins=tuple(cors_origins) + _names(get("CORS_ORIGINS")),
            allowed_hosts=tuple(allowed_hosts) + _names(get("ALLOWED_HOSTS")),
            store=_store(store or get("STORE")),
        )

    def apply(self) -> "Settings":
        """Point the process-wide vocabulary loader at the configured ontology (once, at start)."""
        from ingest import limits, vocab

        vocab.configure(self.ontology, self.userdict)
        limits.configure(self.max_input_mb, self.max_paragraphs)
        return self


LOOPBACK_NAMES = ("127.0.0.1", "localhost", "::1")   # a Host of [::1] or [::1]:PORT names ::1


def hosts_for_bind(bind: str, extra: tuple[str, ...] = ()) -> tuple[str, ...]:
    """The Host header values a server bound to ``bind`` answers: the loopback names for a
    loopback bind, the address itself otherwise (and the machine's names for 0.0.0.0 / ::),
    plus ``extra`` (--allowed-host). A page from a rebinding domain sends its own name: refused."""
    import socket

    names = list(LOOPBACK_NAMES)
    if bind not in LOOPBACK_NAMES and not bind.startswith("127."):
        names.append(bind)
    if bind in ("0.0.0.0", "::", ""):
        names += [socket.gethostname(), socket.getfqdn()]
    return tuple(dict.fromkeys(names + list(extra)))


ENGINES = ("int8", "fp32")


def _engine(value: Optional[str]) -> Optional[str]:
    if value is None:
        return None
    if value.strip().lower() not in ENGINES:
        raise UserError(f"unknown embedder {value!r}: choose {' or '.join(ENGINES)} (--embedder / {PREFIX}EMBEDDER)")
    return value.strip().lower()


STORE_SCHEMES = ("sparql+http://", "sparql+https://")


def _store(value: Optional[str]) -> Optional[str]:
    if value is None:
        return None
    if not value.startswith(STORE_SCHEMES):
        raise UserError(f"--store expects sparql+http://host:port/sparql, got {value!r} (--store / {PREFIX}STORE)")
    return value


def _names(value: Optional[str]) -> tuple[str, ...]:
    return tuple(v.strip() for v in (value or "").split(",") if v.strip())


def _path(value: Optional[str]) -> Optional[Path]:
    return Path(value) if value else None


def _number(value: Optional[str], kind: type, name: str, clamp=lambda n: n):
    if value is None:
        return None
    try:
        return clamp(kind(value))
    except ValueError:
        raise UserError(f"{PREFIX}{name} must be a number, not {value!r}") from None
