"""What a search can be asked for: the ranking methods and the section kinds a result can be
filtered by. Plain names, so the CLI can offer them in its help without loading the index."""

METHODS = ("hybrid", "bm25", "dense")
SECTION_KIND_NAMES = ("preface", "situation", "goals", "tasks", "projects", "safeguards", "table", "statute")
