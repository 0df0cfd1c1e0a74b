"""Documents -> complete records: the lowest layer of policykg (it imports neither kg nor search_api).

The entry point is ``ingest.documents.ingest_documents``: files are read (readers/), cleaned
with a line map (clean), cut into a structure tree with stable ids (structure) and given
their facts (extract/); ``records`` defines what comes out. The vocabulary files (vocab), the
word segmenter (segmenter) and the progress protocol and stage timer (progress) are shared
with the layers above.
"""
