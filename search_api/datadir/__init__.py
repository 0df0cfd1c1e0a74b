"""The data directory: built artefacts in atomic generations (generations), the records of a
generation on disk (records) and its manifest (manifest). It knows files and JSON, not how
they are built or served; it imports only the foundation modules and ingest.records."""
