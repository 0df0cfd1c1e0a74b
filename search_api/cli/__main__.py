"""`python -m search_api.cli` runs the `policykg` command."""

from search_api.cli import main

main()
