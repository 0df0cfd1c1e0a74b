"""The query worker: a child process that owns a read-only Oxigraph store.

pyoxigraph cannot cancel a running query, so queries run here and the parent
waits with a deadline; a query past its limit is ended by killing this process
(see kg.store.EmbeddedStore). Only light modules are imported so a worker
starts in a fraction of a second.
"""

from __future__ import annotations

import time
from typing import Optional

from kg.errors import QueryError
from kg.guard import UnreadableQuery, check_parsed
from kg.results import QueryResult, Term

RECURSION_LIMIT = 20_000


def oxi_term(term) -> Term:
    import pyoxigraph as ox
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, ox.Literal):
        out = {"type": "literal", "value": term.value}
        if term.language:
            out["xml:lang"] = term.language
        elif term.datatype.value != "http://www.w3.org/2001/XMLSchema#string":
            out["datatype"] = term.datatype.value
        return out
    return {"type": "literal", "value": str(term)}   # RDF-star triples: shown as text


def run_query(store, query: str, max_rows: int) -> QueryResult:
    import pyoxigraph as ox
    start = time.monotonic()
    # Queries see the union of all named graphs as their default graph, like most
    # SPARQL servers (Virtuoso, Fuseki with unionDefaultGraph): no GRAPH clause needed.
    answer = store.query(query, use_default_graph_as_union=True)
    if isinstance(answer, ox.QueryBoolean):
        return QueryResult(kind="ask", boolean=bool(answer), seconds=time.monotonic() - start)
    if isinstance(answer, ox.QuerySolutions):
        names = [v.value for v in answer.variables]
        rows, truncated = [], False
        for solution in answer:
            if len(rows) >= max_rows:
                truncated = True
                break
            row = {}
            for name in names:
                value = solution[name]
                if value is not None:
                    row[name] = oxi_term(value)
            rows.append(row)
        return QueryResult(kind="select", vars=names, rows=rows, truncated=truncated,
                           seconds=time.monotonic() - start)
    triples, truncated = [], False
    for t in answer:
        if len(triples) >= max_rows:
            truncated = True
            break
        triples.append((oxi_term(t.subject), oxi_term(t.predicate), oxi_term(t.object)))
    return QueryResult(kind="graph", triples=triples, truncated=truncated, seconds=time.monotonic() - start)


def engine_syntax_error(query: str, confinement: Optional[str]) -> Optional[str]:
    """Oxigraph's own words for a query rdflib could not parse (they say what was expected where):
    the text goes to an empty in-memory store — nothing to read — and only in a worker kept off
    the network (kg.sandbox), so even a text the engine would accept runs harmlessly; it is
    refused all the same."""
    if confinement is None:
        return None
    import pyoxigraph as ox
    try:
        ox.Store().query(query)
    except SyntaxError as exc:
        return str(exc)
    except Exception:
        return None
    return None


def serve(conn, store_path: str, confinement: Optional[str] = None) -> None:
    """Answer (query, max_rows) messages until the pipe closes. Each query is checked from its
    parse (kg.guard.check_parsed) before the engine sees it."""
    import pyoxigraph as ox
    try:
        store = ox.Store.read_only(store_path)
    except OSError as exc:
        conn.send(("open-error", str(exc)))
        return
    conn.send(("ready", confinement))
    while True:
        try:
            message = conn.recv()
        except EOFError:
            return
        if message is None:
            return
        query, max_rows = message
        try:
            check_parsed(query)
            conn.send(("ok", run_query(store, query, max_rows)))
        except UnreadableQuery as exc:
            engine_says = engine_syntax_error(query, confinement)
            conn.send(("syntax", engine_says) if engine_says else ("refused", str(exc)))
        except QueryError as exc:
            conn.send(("refused", str(exc)))
        except SyntaxError as exc:
            conn.send(("syntax", str(exc)))
        except MemoryError:
            conn.send(("memory", None))
        except Exception as exc:  # evaluation errors (type errors, OSError) go back as messages
            conn.send(("error", f"{type(exc).__name__}: {exc}"))


def _exit_with_parent() -> None:
    """Exit when the parent process dies, even in the middle of a runaway query:
    pyoxigraph releases the GIL while it evaluates, so this thread keeps running.

    Not PR_SET_PDEATHSIG: that fires when the parent *thread* that spawned the
    worker exits, and a server spawns workers from short-lived pool threads — it
    killed healthy workers mid-query under load.
    """
    import os
    import threading

    parent = os.getppid()

    def watch() -> None:
        while True:
            time.sleep(0.5)
            if os.getppid() != parent:
                os._exit(1)

    threading.Thread(target=watch, name="parent-watch", daemon=True).start()


def main(argv: list[str]) -> None:
    """``python -m kg.worker FD STORE [MEMORY_MB]``: confine this process (no network, bounded
    memory; before any thread starts, so all inherit it), then serve queries on FD."""
    import sys
    from multiprocessing.connection import Connection

    from kg import sandbox

    # rdflib's SPARQL grammar recurses per nesting level and per triple pattern
    sys.setrecursionlimit(max(sys.getrecursionlimit(), RECURSION_LIMIT))
    check_parsed("ASK {}")   # import the parser now, not under the first query's deadline
    confinement = sandbox.deny_network()
    sandbox.limit_memory(int(argv[3]) if len(argv) > 3 else None)
    _exit_with_parent()
    serve(Connection(int(argv[1])), argv[2], confinement)


if __name__ == "__main__":
    import sys
    main(sys.argv)
