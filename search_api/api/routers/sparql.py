"""The read-only SPARQL 1.1 Protocol endpoint, and the example queries of the library.

Protocol: GET ?query=, POST application/x-www-form-urlencoded (query=…), POST
application/sparql-query. Result format by Accept (or ?format=): SELECT/ASK as
SPARQL JSON, XML, CSV or TSV; CONSTRUCT/DESCRIBE as Turtle or N-Triples. Updates are
refused with 403; the store enforces the time limit (503; ?timeout=SECONDS asks
for a shorter one) and the row cap (the response then carries
``X-SPARQL-Truncated: true``). Both are settings (sparql_timeout_s, sparql_max_rows).
"""

from __future__ import annotations

import re
from typing import Optional
from urllib.parse import parse_qs

from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import Response
from pydantic import BaseModel

from kg.guard import parse_request
from kg.iris import PREFIXES
from kg.library import list_queries
from search_api.api.sparql_xml import to_sparql_xml

from search_api.api.routers.deps import service, settings
from search_api.limits import SPARQL_HTTP_MAX_QUERY_CHARS
from search_api.service.readmodel import Service
from search_api.settings import Settings

router = APIRouter(tags=["sparql"])

# media type -> QueryResult.serialize format, per result kind; the first is the default
TABULAR = {"application/sparql-results+json": "json", "application/json": "json",
           "text/csv": "csv", "text/tab-separated-values": "tsv", "application/sparql-results+xml": "xml"}
GRAPH = {"text/turtle": "ttl", "application/n-triples": "nt", "text/plain": "nt"}
FORMAT_PARAM = {"json": "application/sparql-results+json", "xml": "application/sparql-results+xml", "csv": "text/csv",
                "tsv": "text/tab-separated-values", "ttl": "text/turtle", "turtle": "text/turtle",
                "nt": "application/n-triples", "ntriples": "application/n-triples"}



class Example(BaseModel):
    name: str
    title: str
    comment: str
    query: str


async def read_query(request: Request) -> str:
    """The query text from any of the three protocol forms; refuses updates and oversize."""
    if request.method == "GET":
        params = request.query_params
        if "update" in params:
            raise HTTPException(403, "this endpoint is read-only: SPARQL Update is not allowed")
        query = params.get("query")
    else:
        ctype = request.headers.get("content-type", "").split(";")[0].strip().lower()
        body = (await request.body()).decode("utf-8", errors="replace")
        if ctype == "application/sparql-update":
            raise HTTPException(403, "this endpoint is read-only: SPARQL Update is not allowed")
        if ctype == "application/x-www-form-urlencoded":
            form = parse_qs(body, keep_blank_values=True)
            if "update" in form:
                raise HTTPException(403, "this endpoint is read-only: SPARQL Update is not allowed")
            query = (form.get("query") or [None])[0]
        elif ctype == "application/sparql-query":
            query = body
        else:
            raise HTTPException(415, "POST the query as application/sparql-query or as the form field query=")
    if not query or not query.strip():
        raise HTTPException(400, "no SPARQL query given (parameter query=)")
    if len(query) > SPARQL_HTTP_MAX_QUERY_CHARS:
        raise HTTPException(413, f"the query is {len(query)} characters long; the limit is {SPARQL_HTTP_MAX_QUERY_CHARS}")
    if parse_request(query).is_update:   # the store's guard would refuse it too, as a 400
        raise HTTPException(403, "this endpoint is read-only: SPARQL Update is not allowed")
    return query


def time_limit(request: Request, limit: float) -> float:
    """The server's limit, or a shorter one the client asks for with ?timeout=SECONDS."""
    asked = request.query_params.get("timeout")
    if asked is None:
        return limit
    try:
        seconds = float(asked)
    except ValueError:
        raise HTTPException(400, f"timeout must be a number of seconds, not {asked!r}") from None
    if not 0 < seconds:
        raise HTTPException(400, "timeout must be positive")
    return min(seconds, limit)


def negotiate(accept: str, offered: dict[str, str]) -> Optional[str]:
    """The offered media type the Accept header ranks highest (q-values, */* and type/*)."""
    if not accept.strip():
        return next(iter(offered))
    ranked = []
    for i, part in enumerate(accept.split(",")):
        fields = [f.strip() for f in part.split(";")]
        media, q = fields[0].lower(), 1.0
        for f in fields[1:]:
            if f.startswith("q="):
                try:
                    q = float(f[2:])
                except ValueError:
                    q = 0.0
        ranked.append((-q, i, media))
    for neg_q, _, media in sorted(ranked):
        if neg_q == 0:
            break
        if media == "*/*":
            return next(iter(offered))
        for candidate in offered:
            if media == candidate or (media.endswith("/*") and candidate.startswith(media[:-1])):
                return candidate
    return None


def respond(result, request: Request, max_rows: int) -> Response:
    offered = GRAPH if result.kind == "graph" else TABULAR
    wanted = request.query_params.get("format")
    accept = FORMAT_PARAM.get(wanted, wanted) if wanted else request.headers.get("accept", "")
    media = negotiate(accept, offered)
    if media is None:
        raise HTTPException(406, f"cannot return this result as {accept}; available: {', '.join(offered)}")
    headers = {"X-SPARQL-Rows": str(len(result)), "X-SPARQL-Seconds": f"{result.seconds:.3f}"}
    if result.truncated:
        headers["X-SPARQL-Truncated"] = "true"
        headers["Warning"] = f'199 - "result cut at the row cap of {max_rows} rows"'
    fmt = offered[media]
    body = to_sparql_xml(result) if fmt == "xml" else result.serialize(fmt, PREFIXES)
    charset = "" if media == "application/n-triples" else "; charset=utf-8"
    return Response(body, media_type=media + charset, headers=headers)


async def _run(request: Request, svc: Service, config: Settings) -> Response:
    query = await read_query(request)
    svc.require_store()
    # The store runs the query in its worker under the time limit; the event loop stays free.
    result = await run_in_threadpool(svc.sparql, query, timeout_s=time_limit(request, config.sparql_timeout_s),
                                     max_rows=config.sparql_max_rows)
    return respond(result, request, config.sparql_max_rows)


@router.get("/sparql", summary="SPARQL 1.1 query (GET ?query=)", response_class=Response,
            responses={200: {"content": {m: {} for m in (*TABULAR, *GRAPH)}}})
async def sparql_get(request: Request, svc: Service = Depends(service),
                     config: Settings = Depends(settings)) -> Response:
    return await _run(request, svc, config)


@router.post("/sparql", summary="SPARQL 1.1 query (POST form or application/sparql-query)",
             response_class=Response, responses={200: {"content": {m: {} for m in (*TABULAR, *GRAPH)}}})
async def sparql_post(request: Request, svc: Service = Depends(service),
                      config: Settings = Depends(settings)) -> Response:
    return await _run(request, svc, config)


@router.get("/sparql/examples", response_model=list[Example],
            summary="The query library (kg/queries/*.rq) for the SPARQL console")
def examples() -> list[dict]:
    out = []
    for q in list_queries():
        # the question is the first sentence of the leading comment
        title = re.split(r"(?<=\?)\s|\s—\s", q.description, maxsplit=1)[0]
        out.append({"name": q.name, "title": title, "comment": q.description, "query": q.text})
    return out
