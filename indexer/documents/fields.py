"""Entries laid out as labelled fields: a few ``label：value`` lines, in the same order in
every entry, one of them the quote.

``习近平：社会主义是干出来的`` / ``时间：2018年4月30日`` / ``场合：回信勉励…`` / ``话语：社会主义
是干出来的，…`` (and, maybe, more paragraphs of the quote with no label): the document's
own template is induced from the repetition (the labels that open three lines or more,
in the order of the first entry, repeated by four entries in five), and what each label
carries is read from the layout cues (``field_text``, ``field_date``, ``field_event`` in
``layout.tsv``). The lines are then given the roles the rest of the parser knows:

* the text field is quote text, without its label (the unlabelled paragraphs after it
  are the quote's too);
* the date and occasion fields are one attribution, ``2018年4月30日，回信勉励…``: a lead-in
  when they stand above the text (:mod:`.leadins` puts it after the quote), a closing
  line when they stand under it; their lines are one unit (:mod:`.units`);
* a field no cue names that opens each entry and holds no sentence (``习近平：…``) is the
  entry's quote title, its label included.
"""

from __future__ import annotations

import re
from collections import Counter

from ..records.cues import LayoutCues
from .classify import Classified, Kind, ends_clause

#: The family of a quote title read from a field, and of the attribution's fields.
FIELD_TITLE, FIELD_LEAD, FIELD_MORE = "field:title", "field:lead", "field:more"
#: A labelled line: a short label, a colon, a value.
_LABEL = re.compile(r"^(?P<label>[\u4e00-\u9fff·]{1,6})[ \u3000]?[：:][ \u3000]*(?P<value>\S.*)$")
#: Lines that carry no text (looked through).
_SKIPPED = (Kind.BLANK, Kind.RULE, Kind.FOOTER, Kind.FURNITURE)
#: Entries a template needs, and the share of entries that must repeat it exactly.
MIN_ENTRIES, MIN_SHARE = 3, 0.8
_SENTENCE_INSIDE = "。！？!?；;"


def labelled_entries(
    shapes: list[Classified], cues: LayoutCues
) -> tuple[list[Classified], dict[int, str], tuple[str, ...]]:
    """``shapes`` with the lines of labelled-field entries given their roles (see the
    module docstring); the reason for each line changed (by line number); and the
    template's labels, in order (empty when the document has no such entries)."""
    roles = {label: "date" for label in cues.field_date}
    roles |= {label: "event" for label in cues.field_event}
    roles |= {label: "text" for label in cues.field_text}
    content = [k for k, s in enumerate(shapes) if s.kind not in _SKIPPED]
    labelled: dict[int, re.Match[str]] = {}
    for k in content:
        found = _LABEL.match(shapes[k].text)
        if found:
            labelled[k] = found
    counts = Counter(m["label"] for m in labelled.values())
    fields = {label for label, n in counts.items() if n >= MIN_ENTRIES}
    sequence = [k for k in content if k in labelled and labelled[k]["label"] in fields]
    template: list[str] = []
    for k in sequence:
        if labelled[k]["label"] in template:
            break
        template.append(labelled[k]["label"])
    texts = [label for label in template if roles.get(label) == "text"]
    if len(texts) != 1 or not any(roles.get(label) in ("date", "event") for label in template):
        return shapes, {}, ()
    entries: list[list[int]] = []
    for k in sequence:
        if labelled[k]["label"] == template[0] or not entries:
            entries.append([])
        entries[-1].append(k)
    same = [e for e in entries if [labelled[k]["label"] for k in e] == template]
    if len(same) < MIN_ENTRIES or len(same) < MIN_SHARE * len(entries):
        return shapes, {}, ()
    out, reasons = list(shapes), {}
    starts = {e[0] for e in same}
    for entry in same:
        _rewrite(out, entry, [labelled[k] for k in entry], roles, content, starts, reasons)
    return out, reasons, tuple(template)


def _rewrite(
    out: list[Classified],
    entry: list[int],
    found: list[re.Match[str]],
    roles: dict[str, str],
    content: list[int],
    starts: set[int],
    reasons: dict[int, str],
) -> None:
    """One entry's lines with their roles (in ``out``)."""
    at = next(i for i, m in enumerate(found) if roles.get(m["label"]) == "text")
    meta = [i for i in range(len(entry)) if i != at]
    title = None
    if meta and meta[0] == 0 and found[0]["label"] not in roles:
        value = found[0]["value"]
        if not any(c in value for c in _SENTENCE_INSIDE) and not ends_clause(value):
            title, meta = 0, meta[1:]
    if title is not None:
        shape = out[entry[0]]
        out[entry[0]] = _shape(shape, Kind.MARKED, shape.text, FIELD_TITLE, title=shape.text)
        reasons[shape.no] = "a labelled field that opens each entry: the quote's title"
    order = {"date": 0, "event": 1}
    read = "，".join(
        found[i]["value"].strip()
        for i in sorted(meta, key=lambda i: order.get(roles.get(found[i]["label"], ""), 2))
    )
    for n, i in enumerate(meta):
        shape = out[entry[i]]
        if n:
            out[entry[i]] = _shape(shape, Kind.TEXT, shape.text, family=FIELD_MORE)
        elif i < at:  # above the quote: a lead-in (put after the quote by .leadins)
            out[entry[i]] = _shape(shape, Kind.TEXT, shape.text, FIELD_LEAD, read, heads=True)
        else:  # under it: the line that closes it
            out[entry[i]] = _shape(shape, Kind.DASHED, shape.text, FIELD_LEAD, read)
        reasons[shape.no] = f"a labelled field of the entry's source ({found[i]['label']})"
    text = out[entry[at]]
    out[entry[at]] = _shape(text, Kind.TEXT, found[at]["value"].strip())
    reasons[text.no] = f"the labelled field that holds the quote ({found[at]['label']})"
    # the quote's other paragraphs: the lines after the text field, up to the next field
    position = content.index(entry[at])
    fields = set(entry)
    for k in content[position + 1 :]:
        if k in fields or k in starts or out[k].family.startswith("field:"):
            break
        if out[k].kind == Kind.SHORT:
            out[k] = _shape(out[k], Kind.TEXT, out[k].text)
            reasons[out[k].no] = "a paragraph of the labelled field above it"


def _shape(
    shape: Classified,
    kind: Kind,
    text: str,
    family: str = "",
    body: str = "",
    heads: bool = False,
    title: str = "",
) -> Classified:
    """``shape`` given a new role, with nothing of its old one."""
    return Classified(shape.line, kind, text, family, title=title, body=body, heads=heads)
