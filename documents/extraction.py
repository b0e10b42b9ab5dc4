"""The words of a document, for the site search: PDF by pypdf, DOCX by python-docx, XLSX and
ODT by their XML. A scanned PDF has no text layer: it is found by its title and description.
"""

import html
import logging
import re
import zipfile

import docx
import pypdf

logger = logging.getLogger(__name__)

MAX_PAGES = 300
MAX_CHARS = 200_000  # enough for search; the index is not a copy of a book


def extract_text(file, kind):
    file.open("rb")
    try:
        file.seek(0)
        if kind == "pdf":
            text = _pdf(file)
        elif kind == "docx":
            text = _docx(file)
        elif kind in ("odt", "xlsx"):
            text = _zipped_xml(file, "content.xml" if kind == "odt" else "xl/sharedStrings.xml")
        else:
            text = ""
    except Exception as error:  # a damaged part of an accepted file: no text, no failure
        logger.info("No text from a %s document: %r", kind, error)
        text = ""
    finally:
        file.seek(0)
    return " ".join(text.split())[:MAX_CHARS]


def _pdf(file):
    reader = pypdf.PdfReader(file)
    parts = []
    for page in reader.pages[:MAX_PAGES]:
        parts.append(page.extract_text() or "")
        if sum(map(len, parts)) > MAX_CHARS:
            break
    return "\n".join(parts)


def _docx(file):
    document = docx.Document(file)
    parts = [paragraph.text for paragraph in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.extend(cell.text for cell in row.cells)
    return "\n".join(parts)


def _zipped_xml(file, member):
    with zipfile.ZipFile(file) as archive:
        info = archive.getinfo(member)
        if info.file_size > 20 * MAX_CHARS:  # no zip bomb through the search
            return ""
        xml = archive.read(info).decode("utf-8", "replace")
    return html.unescape(re.sub(r"<[^>]+>", " ", xml))
