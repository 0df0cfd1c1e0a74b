"""Write the lookup tables (search_api.datadir.lookups) into a live generation built without them,
or with tables of an older format.

For measuring this code on a build made before the tables (or their present format) existed
(the scale build), without building it again: the rows are the ones `policykg build` writes, made from the same stored
records. The build is changed in place: run it on a copy.

    .venv/bin/python bench/write_lookups.py DATA_DIR
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from search_api.datadir.lookups import FILE, writing_tables
from search_api.datadir.records import iter_stored
from search_api.index.units import unit_dicts
from ingest.elided import duty_rows


def main() -> None:
    gen = (Path(sys.argv[1]) / "current").resolve()
    started = time.perf_counter()
    with writing_tables(gen, unit_dicts, duty_rows) as tables:
        for stored, record in iter_stored(gen):
            tables.add(stored, record)
    print(f"{gen / FILE}: {(gen / FILE).stat().st_size / 1e6:,.0f} MB in {time.perf_counter() - started:.0f} s")


if __name__ == "__main__":
    main()
