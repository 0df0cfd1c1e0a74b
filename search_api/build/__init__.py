"""Build orchestration: corpus -> complete records (ingest.documents) -> graph (kg.build) ->
search index (index.builder), each run inside a new data-directory generation so that a failed
build leaves the previous one live (pipeline). Imports ingest, kg, index/, model/ and datadir/;
nothing that serves imports it."""
