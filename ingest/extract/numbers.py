"""The extraction modules' name for ingest.numerals (the one numeral converter of ingest)."""

from ingest.numerals import (CN_NUMERAL_CHARS, cn_to_int, cn_to_number, parse_number, to_halfwidth,
                             year_of)

__all__ = ["CN_NUMERAL_CHARS", "cn_to_int", "cn_to_number", "parse_number", "to_halfwidth", "year_of"]
