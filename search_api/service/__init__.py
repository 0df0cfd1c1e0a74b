"""The application read-model: one Service over the live generation (readmodel) whose methods
are the lookups and the views the API and the CLI return (views: documents, clauses, indicators,
actors; ask: owner questions through the query library), in the shapes of schema. Serving code:
it imports index/, datadir/, model/ and kg's query side, never build/, graph building or
validation."""
