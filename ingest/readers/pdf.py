"""PDF: the text layer, page by page (pdfplumber). Scanned PDFs without text are refused."""

from __future__ import annotations

from pathlib import Path

from ingest.errors import IngestError
from ingest.readers import RawDocument, read_bytes


def read_pdf(path: Path) -> RawDocument:
    import pdfplumber

    data = read_bytes(path)
    if not data.startswith(b"%PDF"):
        raise IngestError(path, "not a PDF file (no %PDF header)")
    pages: list[str] = []
    try:
        with pdfplumber.open(str(path)) as pdf:
            for page in pdf.pages:
                pages.append(page.extract_text() or "")
    except Exception as exc:  # pdfminer raises many types for damaged files
        if _encrypted(exc):
            raise IngestError(path, "the PDF is encrypted (password-protected); save an unencrypted copy "
                                    "or its text, and ingest that") from None
        raise IngestError(path, f"not a readable PDF ({exc.__class__.__name__})") from None
    text = "\n".join(pages)
    if not text.strip():
        raise IngestError(path, "PDF has no text layer (a scanned image?); OCR it first")
    return RawDocument(text=text, source_format="pdf")


def _encrypted(exc: Exception) -> bool:
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect

    seen = exc
    while seen is not None:   # pdfplumber wraps pdfminer's errors
        if isinstance(seen, (PDFEncryptionError, PDFPasswordIncorrect)):
            return True
        seen = seen.__cause__ or seen.__context__
    return "password" in str(exc).lower() or "encrypt" in str(exc).lower()
