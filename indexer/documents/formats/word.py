"""Word documents (``.docx``), read with python-docx: the body's paragraphs in document
order, one ``Line`` each, numbered from 1 (empty paragraphs count, so the numbers are
the lines of Word's own "Save as plain text").

A paragraph's text is what Word shows: its runs and hyperlinks, tracked insertions but
not deletions, no hidden text, line breaks (Shift+Enter) as separate lines with the
paragraph's number, and automatic list numbering rendered as Word renders it
(``一、``, ``（一）``, ``1.``, bullets) in front of the text. Headings are known by
style (``Heading 1``…, ``标题 1``…, or an outline level) and get ``style="heading1"``…;
the ``Title`` style gives ``style="title"``. Tables are not read (a warning names
them); a table of contents is skipped (a warning says so); text boxes, headers,
footers, footnotes and comments are not part of the body and are not read.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass, field

from ...errors import CorpusFormatError
from ...records.quotes import Diagnostic, Line
from . import Reading
from .wordnumbering import Numbering
from .wordstyles import Styles
from .wordxml import MC, W, opt_int, val

#: Largest uncompressed size of the parts of a .docx we read (a guard against zip bombs).
MAX_PART_BYTES = 256 * 1024 * 1024
#: Largest uncompressed size of its XML, which is parsed into trees many times its size
#: (a long book's document.xml is some tens of MB; 250 MB took minutes and gigabytes).
MAX_XML_BYTES = 64 * 1024 * 1024

#: Subtrees whose text is not the paragraph's own: deletions, text boxes, fallbacks.
_SKIP = {W + "del", W + "moveFrom", W + "txbxContent", MC + "Fallback", W + "rPr", W + "pPr"}
_TEXT = {W + "t": None, W + "tab": "\t", W + "ptab": "\t", W + "cr": "\n", W + "noBreakHyphen": "-"}


# -- paragraphs ----------------------------------------------------------------------


def _hidden(run) -> bool:
    rpr = run.find(W + "rPr")
    if rpr is None:
        return False
    vanish = rpr.find(W + "vanish")
    return vanish is not None and vanish.get(W + "val", "true") not in ("0", "false", "off")


def _on(element) -> bool:
    return element is not None and element.get(W + "val", "true") not in ("0", "false", "off")


def _all_bold(p) -> bool:
    """Whether every run of paragraph ``p`` that shows text is bold."""
    shown = [r for r in p.iter(W + "r") if "".join(t.text or "" for t in r.iter(W + "t")).strip()]
    return (
        bool(shown) and all(_on(r.find(f"{W}rPr/{W}b")) for r in shown[:200]) and len(shown) <= 200
    )


def paragraph_text(p) -> str:
    """What Word shows of paragraph ``p``: text, tabs, line breaks (``\\n``)."""
    out: list[str] = []
    stack = list(reversed(p))
    while stack:
        el = stack.pop()
        tag = el.tag
        if not isinstance(tag, str) or tag in _SKIP:
            continue
        if tag == W + "r" and _hidden(el):
            continue
        if tag in _TEXT:
            fixed = _TEXT[tag]
            out.append((el.text or "") if fixed is None else fixed)
        elif tag == W + "br":
            out.append("\n" if el.get(W + "type", "textWrapping") == "textWrapping" else "")
        else:
            stack.extend(reversed(el))
    return "".join(out)


@dataclass
class _Body:
    """What reading the body found, besides lines."""

    lines: list[Line] = field(default_factory=list)
    number: int = 0
    tables: int = 0
    table_paragraphs: int = 0
    first_table: int = 0
    toc: list[int] = field(default_factory=list)


def _is_toc_block(sdt) -> bool:
    gallery = sdt.find(f"{W}sdtPr/{W}docPartObj/{W}docPartGallery")
    return gallery is not None and "contents" in (gallery.get(W + "val") or "").lower()


def _read_body(body, styles: Styles, numbering: Numbering) -> _Body:
    found = _Body()
    stack: list[tuple[object, bool]] = [(child, False) for child in reversed(body)]
    while stack:
        el, in_toc = stack.pop()
        tag = getattr(el, "tag", None)
        if tag == W + "p":
            found.number += 1
            ppr = el.find(W + "pPr")
            sid = val(ppr, "pStyle")
            role = styles.role(sid, opt_int(val(ppr, "outlineLvl")))
            if in_toc or role == "toc":
                found.toc.append(found.number)
                continue
            text = paragraph_text(el)
            numpr = ppr.find(W + "numPr") if ppr is not None else None
            num_id, ilvl = val(numpr, "numId"), opt_int(val(numpr, "ilvl"))
            if num_id is None:
                num_id, style_ilvl = styles.numbering(sid)
                ilvl = ilvl if ilvl is not None else style_ilvl
            if num_id not in (None, "0"):
                label = numbering.label(num_id, ilvl or 0)  # counts even when empty
                text = label + text if text.strip() else text
            if not role and _all_bold(el):
                role = "bold"  # a paragraph set in bold: a heading or a title, maybe
            for piece in text.split("\n"):
                found.lines.append(Line(found.number, piece, role if piece.strip() else ""))
        elif tag == W + "tbl":
            found.tables += 1
            found.first_table = found.first_table or found.number + 1
            found.table_paragraphs += sum(1 for p in el.iter(W + "p") if paragraph_text(p).strip())
        elif tag in (W + "sdt", W + "customXml", W + "sdtContent"):
            toc = in_toc or (tag == W + "sdt" and _is_toc_block(el))
            inner = el.find(W + "sdtContent") if tag == W + "sdt" else el
            if inner is not None:
                stack.extend((child, toc) for child in reversed(inner))
    return found


def _check_size(raw: bytes, name: str) -> None:
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as archive:
            total = sum(info.file_size for info in archive.infolist())
            xml = sum(
                info.file_size
                for info in archive.infolist()
                if info.filename.lower().endswith((".xml", ".rels"))
            )
    except zipfile.BadZipFile:
        hint = " (a Word 97–2003 .doc?)" if raw.startswith(b"\xd0\xcf\x11\xe0") else ""
        raise CorpusFormatError(
            f"{name}: not a .docx file{hint}; open it in Word and save it as .docx"
        ) from None
    if total > MAX_PART_BYTES:
        raise CorpusFormatError(
            f"{name}: unpacks to {total // 2**20} MB, more than the "
            f"{MAX_PART_BYTES // 2**20} MB yulu reads from a .docx"
        )
    if xml > MAX_XML_BYTES:
        raise CorpusFormatError(
            f"{name}: unpacks to {xml // 2**20} MB of XML, more than the "
            f"{MAX_XML_BYTES // 2**20} MB yulu reads from a .docx; split the document"
        )


def _part(document, reltype: str):
    try:
        return document.part.part_related_by(reltype).element
    except (KeyError, AttributeError):
        return None


def read(raw: bytes, name: str) -> Reading:
    """A Word document's paragraphs as lines."""
    import docx
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.opc.exceptions import PackageNotFoundError
    from lxml.etree import LxmlError

    _check_size(raw, name)
    try:
        document = docx.Document(io.BytesIO(raw))
        root = getattr(document.element, "body", None)
        if root is None:  # e.g. "Strict Open XML", whose namespaces python-docx does not read
            raise ValueError("no document body in the Word namespace")
        styles = Styles(_part(document, RT.STYLES))
        numbering = Numbering(_part(document, RT.NUMBERING))
        body = _read_body(root, styles, numbering)
    except (PackageNotFoundError, LxmlError, KeyError, ValueError, zipfile.BadZipFile) as exc:
        why = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise CorpusFormatError(
            f"{name}: cannot read this .docx ({why}); open it in Word and save it again "
            "as a Word Document (.docx)"
        ) from None
    notes: list[Diagnostic] = []
    if body.tables:
        tables = f"{body.tables} table{'s' if body.tables != 1 else ''}"
        notes.append(
            Diagnostic(
                name,
                body.first_table,
                f"{tables} not read (tables' text is ignored; the first is before "
                f"paragraph {body.first_table}); move quotes out of tables to read them",
                body.table_paragraphs,
            )
        )
    if body.toc:
        first, last = body.toc[0], body.toc[-1]
        notes.append(
            Diagnostic(
                name,
                first,
                f"table of contents skipped (paragraphs {first}–{last}); the headings it "
                "lists are read where they stand",
            )
        )
    return Reading(tuple(body.lines), "utf-8", notes)
