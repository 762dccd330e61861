"""Documents read with caps on what they expand to (issue 22, failures 9 and 10): a .docx
whose XML unpacks past the cap is refused in one line before it is parsed; a web page's
11 MB inline image and 200,000 attributes on one element are read quickly, and the
text after them is kept. Time bounds are generous (the old reader took minutes)."""

from __future__ import annotations

import io
import time
import zipfile

import docx
import pytest

from indexer.documents.formats import webpage, word
from indexer.documents.sources import load_document
from indexer.errors import CorpusFormatError

GENEROUS = 20
BEFORE = "<p>开头的一段话，足够长的正文内容。</p>"
AFTER = "<p>后面的一段话，也是足够长的正文内容。</p>"


def _docx_with_xml_of(size: int) -> bytes:
    document = docx.Document()
    document.add_paragraph("正文")
    saved = io.BytesIO()
    document.save(saved)
    with zipfile.ZipFile(io.BytesIO(saved.getvalue())) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    xml = parts["word/document.xml"].decode("utf-8")
    filler = "<w:p><w:r><w:t>正文</w:t></w:r></w:p>"
    parts["word/document.xml"] = xml.replace(
        "<w:body>", "<w:body>" + filler * (size // len(filler.encode()))
    ).encode("utf-8")
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return out.getvalue()


def test_a_docx_whose_xml_unpacks_past_the_cap_is_refused_before_parsing(tmp_path, monkeypatch):
    monkeypatch.setattr(word, "MAX_XML_BYTES", 1024 * 1024)
    path = tmp_path / "bomb.docx"
    path.write_bytes(_docx_with_xml_of(3 * 1024 * 1024))
    assert path.stat().st_size < 200_000  # small on disk, large unpacked
    parsed = []
    monkeypatch.setattr(docx, "Document", lambda *a: parsed.append(a))
    with pytest.raises(CorpusFormatError) as info:
        load_document(path)
    message = str(info.value)
    assert "bomb.docx: unpacks to 3 MB of XML, more than the 1 MB" in message
    assert "\n" not in message and not parsed


def test_a_docx_under_the_xml_cap_is_read(tmp_path):
    path = tmp_path / "fine.docx"
    path.write_bytes(_docx_with_xml_of(200_000))
    assert load_document(path).lines


def _read(page: str):
    started = time.monotonic()
    reading = webpage.read(page.encode("utf-8"), "page.html")
    assert time.monotonic() - started < GENEROUS
    return [line.text for line in reading.lines], [d.message for d in reading.diagnostics]


def test_an_inline_image_over_10_mb_keeps_what_follows():
    image = '<img src="data:image/png;base64,' + "QUJD" * 2_750_000 + '">'
    lines, notes = _read(f"<html><body>{BEFORE}{image}{AFTER}</body></html>")
    assert len(lines) == 2 and not notes


def test_an_inline_font_over_10_mb_in_a_style_keeps_what_follows():
    style = "<style>@font-face{src:url(data:font/woff2;base64," + "QUJD" * 2_750_000 + ")}</style>"
    lines, notes = _read(f"<html><head>{style}</head><body>{BEFORE}{AFTER}</body></html>")
    assert len(lines) == 2 and not notes


def test_200_000_attributes_on_one_element_are_read_quickly():
    attributes = " ".join(f'a{n}="1"' for n in range(200_000))
    lines, notes = _read(f"<html><body>{BEFORE}<div {attributes}>{AFTER}</div></body></html>")
    assert len(lines) == 2
    assert notes == ["1 start tag(s) over 65,536 characters were read without their attributes"]


@pytest.mark.parametrize(
    "page",
    ["<a" + "x" * 3_000_000, "data:" * 600_000, "<a" * 1_000_000, "<" + "a" * 3_000_000],
)
def test_the_caps_scan_hostile_pages_once(page):
    lines, _ = _read(BEFORE + page)  # in bounded time (see _read), and what came before kept
    assert lines[:1] == ["开头的一段话，足够长的正文内容。"]
