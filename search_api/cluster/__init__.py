"""Builds on a Ray cluster (``policykg build --cluster``): the per-document stages run as Ray
tasks (tasks), embedding in a pool of Ray actors that hold the model (embedpool), behind the
same seams a local build uses (ingest.parallel.ordered_map, the index builder's embedder), so
the driver assembles the generation exactly as a local build does. Ray is imported only here,
and only when a cluster is asked for. Imports model/ (the actors load the embedder)."""
