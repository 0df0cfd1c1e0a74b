"""The HTTP API: the FastAPI application made around one Service and the settings (app), thin
routers that validate parameters and call a Service method (routers/), the SPARQL XML results
writer (sparql_xml) and the web page (web/). Imports service/ and index/ (the hit schema),
never build/ or cli/."""
