"""Word's paragraph styles (``styles.xml``): which are headings (by name, in English or
Chinese, or by outline level), the title and the table of contents, and the list
numbering a style carries, following the styles each is based on."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .wordxml import W, opt_int, val

_HEADING_NAME = re.compile(r"^(?:heading|标题)\s*(\d)$", re.IGNORECASE)


_TITLE_NAME = re.compile(r"^(?:title|标题)$", re.IGNORECASE)


_TOC_NAME = re.compile(r"^(?:toc\s*\d|toc heading|目录\s*\d?|目录标题)$", re.IGNORECASE)


@dataclass
class _Style:
    name: str = ""
    based_on: str | None = None
    outline: int | None = None
    num_id: str | None = None
    ilvl: int | None = None


class Styles:
    """Paragraph styles: which are headings (by name or outline level), the title, the
    table of contents, and the list numbering a style carries."""

    def __init__(self, root) -> None:
        self._styles: dict[str, _Style] = {}
        self.default: str | None = None
        if root is None:
            return
        for style in root.iter(W + "style"):
            if style.get(W + "type") != "paragraph":
                continue
            sid = style.get(W + "styleId", "")
            ppr = style.find(W + "pPr")
            numpr = ppr.find(W + "numPr") if ppr is not None else None
            self._styles[sid] = _Style(
                name=(val(style, "name") or sid).strip(),
                based_on=val(style, "basedOn"),
                outline=opt_int(val(ppr, "outlineLvl")),
                num_id=val(numpr, "numId"),
                ilvl=opt_int(val(numpr, "ilvl")),
            )
            if style.get(W + "default") in ("1", "true", "on"):
                self.default = sid

    def chain(self, sid: str | None) -> list[_Style]:
        """The style and the styles it is based on, nearest first (cycles cut)."""
        found: list[_Style] = []
        seen: set[str] = set()
        sid = sid or self.default
        while sid and sid in self._styles and sid not in seen and len(found) < 32:
            seen.add(sid)
            found.append(self._styles[sid])
            sid = found[-1].based_on
        return found

    def role(self, sid: str | None, outline: int | None) -> str:
        """``headingN``, ``title``, ``toc`` or ``""`` for a paragraph of style ``sid``
        with outline level ``outline`` (its own, if it has one)."""
        chain = self.chain(sid)
        for style in chain:
            if _TOC_NAME.match(style.name):
                return "toc"
            if _TITLE_NAME.match(style.name):
                return "title"
            heading = _HEADING_NAME.match(style.name)
            if heading:
                return f"heading{min(max(int(heading[1]), 1), 6)}"
        if outline is None:
            outline = next((s.outline for s in chain if s.outline is not None), None)
        if outline is not None and 0 <= outline < 9:  # 9 is body text
            return f"heading{min(outline + 1, 6)}"
        return ""

    def numbering(self, sid: str | None) -> tuple[str | None, int | None]:
        for style in self.chain(sid):
            if style.num_id is not None:
                return style.num_id, style.ilvl
        return None, None
