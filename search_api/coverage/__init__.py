"""Coverage: a draft checked against reference documents (issue 16).

For every provision of a reference — a task, an indicator, a deadline (provisions.py) — the
draft's best matching clauses by the same hybrid similarity search uses, dense plus keyword
(matching.py), a verdict covered / partly / missing from thresholds chosen on hand-labelled
pairs (tests/gold/coverage), and for indicators and deadlines how the draft's value compares
(compare.py). The reverse view lists what the draft commits to that no reference has.
report.py assembles the report and writes it as JSON, CSV or Markdown.
"""
