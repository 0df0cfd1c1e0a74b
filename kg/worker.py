"""The query worker: a child process that owns a read-only Oxigraph store.

pyoxigraph cannot cancel a running query, so queries run here and the parent
waits with a deadline; a query past its limit is ended by killing this process
(see kg.store.EmbeddedStore). Only light modules are imported so a worker
starts in a fraction of a second.
"""

from __future__ import annotations

import time

from kg.results import QueryResult, Term


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


def serve(conn, store_path: str) -> None:
    """Answer (query, max_rows) messages until the pipe closes."""
    import pyoxigraph as ox
    try:
        store = ox.Store.read_only(store_path)
    except OSError as exc:
        conn.send(("open-error", str(exc)))
        return
    conn.send(("ready", None))
    while True:
        try:
            message = conn.recv()
        except EOFError:
            return
        if message is None:
            return
        query, max_rows = message
        try:
            conn.send(("ok", run_query(store, query, max_rows)))
        except SyntaxError as exc:
            conn.send(("syntax", str(exc)))
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
    from multiprocessing.connection import Connection
    _exit_with_parent()
    serve(Connection(int(argv[1])), argv[2])


if __name__ == "__main__":
    import sys
    main(sys.argv)
