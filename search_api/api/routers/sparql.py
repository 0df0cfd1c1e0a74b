"""The read-only SPARQL 1.1 Protocol endpoint, its self-description, and the library's example queries.

Protocol: GET ?query=, POST application/x-www-form-urlencoded (query=…), POST
application/sparql-query. The answer's format is negotiated (search_api.api.sparql_formats:
Accept with q-values, or ?format= / ?output=): SELECT/ASK as SPARQL JSON, XML, CSV or TSV;
CONSTRUCT/DESCRIBE as Turtle, N-Triples, RDF/XML, JSON-LD, N-Quads or TriG. ``GET /sparql``
without a query answers the SPARQL 1.1 Service Description; ``GET /void`` the VoID description
of the dataset. Updates are refused with 403; the store enforces the time limit (503;
?timeout=SECONDS asks for a shorter one) and the row cap (the response then carries
``X-SPARQL-Truncated: true``). Both are settings (sparql_timeout_s, sparql_max_rows).
"""

from __future__ import annotations

import re
from urllib.parse import parse_qs

from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import Response
from pydantic import BaseModel
from rdflib import Graph, URIRef

from kg.guard import parse_request
from kg.iris import PREFIXES
from kg.library import list_queries
from kg.results import QueryResult, graph_result
from kg.void import DATASET, VOID
from search_api.api.sparql_description import service_description
from search_api.api.sparql_formats import GRAPH, MAIN_GRAPH, MAIN_TABULAR, TABULAR, negotiate, offered, wanted
from search_api.api.sparql_xml import to_sparql_xml

from search_api.api.routers.deps import service, settings
from search_api.limits import SPARQL_HTTP_MAX_QUERY_CHARS
from search_api.service.readmodel import Service
from search_api.settings import Settings

router = APIRouter(tags=["sparql"])
DESCRIPTION_PREFIXES = {**PREFIXES, "sd": "http://www.w3.org/ns/sparql-service-description#", "void": str(VOID),
                        "foaf": "http://xmlns.com/foaf/0.1/"}
ALL_TYPES = {m: {} for m in (*TABULAR, *GRAPH)}


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


def respond(result: QueryResult, request: Request, max_rows: int, prefixes: dict = PREFIXES) -> Response:
    """The answer in the format the client asked for (406 listing what fits when nothing does)."""
    choices = offered(result.kind)
    params = request.query_params
    accept = wanted(result.kind, params.get("format") or params.get("output"), request.headers.get("accept", ""))
    media = negotiate(accept, choices)
    if media is None:
        main = MAIN_GRAPH if result.kind == "graph" else MAIN_TABULAR
        raise HTTPException(406, f"cannot return this {'graph' if result.kind == 'graph' else 'result'} as "
                                 f"{accept}; available: {', '.join(main)}")
    headers = {"X-SPARQL-Rows": str(len(result)), "X-SPARQL-Seconds": f"{result.seconds:.3f}", "Vary": "Accept"}
    if result.truncated:
        headers["X-SPARQL-Truncated"] = "true"
        headers["Warning"] = f'199 - "result cut at the row cap of {max_rows} rows"'
    fmt = choices[media]
    body = to_sparql_xml(result) if fmt == "xml" else result.serialize(fmt, prefixes)
    charset = "" if media in ("application/n-triples", "application/n-quads") else "; charset=utf-8"
    return Response(body, media_type=media + charset, headers=headers)


async def _run(request: Request, svc: Service, config: Settings) -> Response:
    query = await read_query(request)
    svc.require_store()
    # The store runs the query in its worker under the time limit; the event loop stays free.
    result = await run_in_threadpool(svc.sparql, query, timeout_s=time_limit(request, config.sparql_timeout_s),
                                     max_rows=config.sparql_max_rows)
    return respond(result, request, config.sparql_max_rows)


@router.get("/sparql", summary="SPARQL 1.1 query (GET ?query=); without a query, the Service Description",
            response_class=Response, responses={200: {"content": ALL_TYPES}})
async def sparql_get(request: Request, svc: Service = Depends(service),
                     config: Settings = Depends(settings)) -> Response:
    if not any(name in request.query_params for name in ("query", "update")):
        void = await _dataset_description(svc)
        return respond(graph_result(service_description(_endpoint(request), void)), request,
                       config.sparql_max_rows, DESCRIPTION_PREFIXES)
    return await _run(request, svc, config)


@router.get("/void", summary="VoID description of the dataset: named graphs, triple counts, vocabularies",
            response_class=Response, responses={200: {"content": {m: {} for m in GRAPH}}})
async def void_description(request: Request, svc: Service = Depends(service),
                           config: Settings = Depends(settings)) -> Response:
    void = await _dataset_description(svc)
    described = Graph()
    described += void   # the cached description stays as it is; this answer names the endpoint
    described.add((DATASET, VOID.sparqlEndpoint, URIRef(_endpoint(request))))
    return respond(graph_result(described), request, config.sparql_max_rows, DESCRIPTION_PREFIXES)


async def _dataset_description(svc: Service):
    svc.require_store()
    return await run_in_threadpool(svc.dataset_description)   # queries over every triple, once


def _endpoint(request: Request) -> str:
    """The endpoint's URL as the client reached it (the Host check has vetted the host)."""
    return str(request.url.replace(query="", fragment="", path="/sparql"))


@router.post("/sparql", summary="SPARQL 1.1 query (POST form or application/sparql-query)",
             response_class=Response, responses={200: {"content": ALL_TYPES}})
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


@router.get("/sparql/prefixes", response_model=dict[str, str],
            summary="The project's namespace prefixes (pre-declared in the page's SPARQL console)")
def prefixes() -> dict[str, str]:
    return PREFIXES
