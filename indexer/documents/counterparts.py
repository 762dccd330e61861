"""Who the leader addressed, and what kind of event it was, read from the event text of
an attribution (``习近平同俄罗斯总统普京通电话``) with the gazetteer.

The recogniser scans the event once, left to right, looking words up in tries built
from the gazetteer (places, titles, what may end a name): at each place it reads a
chain of titles (``总书记、国家主席``, ``创始人兼执行主席``, ``总统特使``), then a name up
to a name end. Every step looks a bounded distance ahead (the longest gazetteer word,
``FILLER`` characters before a title, ``NAME`` characters of a name), and the end of a
title chain is computed once per position, so the time is linear in the length of the
event, whatever it holds.

Event text and the gazetteer's words are compared folded (:func:`indexer.folding.fold`:
NFKC, case, traditional to simplified), so ``習近平同俄羅斯總統普京通電話`` finds 普京
and ``phone_call`` as its simplified form does; names come out folded.

A clause that describes a counterpart (``会见出席二十国集团领导人峰会的美国总统拜登``:
an attending verb of ``attending.txt`` … 的, right before the person) is context: its
forum is neither the person's place nor the event's type."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from ..folding import fold, fold_many
from ..records.gazetteer import Gazetteer
from ..records.quotes import Counterpart

#: Characters that never belong to a name or to the words between a place and a title.
STOP = frozenset('同向和与及就致、，,。；;：:（）()《》“”"') | frozenset(" \t\n\u3000\u00a0")
#: Characters that never stand between a place and its title (``出席…峰会的美国总统``:
#: the place of 总统 is 美国, not the forum before 的).
FILLER_STOP = STOP | frozenset("的")
#: An ordinal between an organisation and its forum (``亚太经合组织第二十八次领导人…``).
ORDINAL_CHARS = frozenset("0123456789一二三四五六七八九十百零〇两")
ORDINAL_ENDS = frozenset("次届轮")
#: What joins two titles of one person (``总书记、国家主席``, ``王储兼首相``).
JOINS = frozenset("、兼")
#: What joins two people of one place (``印尼总统佐科、副总统阿明``).
CO_OFFICERS = frozenset("、和及与")
#: At most this many characters between a place and its title (``老挝人民革命党中央``).
FILLER = 8
#: At most this many characters in a name (``穆罕默德·本·扎耶德·阿勒纳哈扬``).
NAME = 20

_END = ""  # the trie key marking the end of a word (characters are never empty)


class WordTrie:
    """Words looked up at a position of a text, in time bounded by the longest word."""

    def __init__(self, words: Iterable[str]) -> None:
        self.root: dict = {}
        for word in words:
            if not word:
                continue
            node = self.root
            for char in word:
                node = node.setdefault(char, {})
            node[_END] = word

    def ends(self, text: str, start: int) -> list[int]:
        """Where the words that start at ``start`` end, longest first."""
        node, found = self.root, []
        for index in range(start, len(text)):
            node = node.get(text[index])
            if node is None:
                break
            if _END in node:
                found.append(index + 1)
        return found[::-1]

    def longest(self, text: str, start: int) -> int | None:
        """The end of the longest word that starts at ``start``, if any."""
        ends = self.ends(text, start)
        return ends[0] if ends else None


@dataclass(frozen=True)
class _Person:
    name: str
    title: str
    place: str
    end: int
    start: int = 0


class _Scan:
    """One event text being scanned, with the title chains found so far."""

    def __init__(self, recognizer: CounterpartRecognizer, text: str) -> None:
        self.r, self.text = recognizer, text
        self.chains: dict[int, int] = {}

    def title_after(self, start: int, filler: int) -> int | None:
        """The first position at most ``filler`` characters (none of them STOP) after
        ``start`` where a title begins."""
        text, titles = self.text, self.r.titles
        for pos in range(start, min(start + filler + 1, len(text))):
            if titles.longest(text, pos) is not None:
                return pos
            if text[pos] in FILLER_STOP:
                return None
            if pos > start and self.r.places.longest(text, pos) is not None:
                return None  # a nearer place: the title is its own
        return None

    def chain(self, start: int) -> int:
        """The end of the chain of titles that begins with the title at ``start``."""
        text, path, pos = self.text, [], start
        while True:
            if pos in self.chains:
                end = self.chains[pos]
                break
            path.append(pos)
            end = self.r.titles.longest(text, pos) or pos
            if self.r.titles.longest(text, end) is not None:
                pos = end  # 总统特使: one title right after another
            elif end < len(text) and text[end] in JOINS:
                following = self.title_after(end + 1, FILLER)
                if following is None:
                    break
                pos = following
            else:
                break
        for visited in path:
            self.chains[visited] = end
        return end

    def name(self, start: int) -> int | None:
        """The end of a name that starts at ``start``: the first name end (or the end
        of the text) within ``NAME`` characters, with no STOP character before it; no
        name when a name end stands at ``start``."""
        text = self.text
        if self.r.name_ends.longest(text, start) is not None:
            return None  # 金砖国家领导人举行会晤: no name before 举行
        for end in range(start + 1, min(start + NAME, len(text)) + 1):
            if text[end - 1] in STOP:
                return None
            if end == len(text) or self.r.name_ends.longest(text, end) is not None:
                return end
        return None

    def person(self, start: int) -> _Person | None:
        """A person named at ``start`` as <place><title><name>."""
        text = self.text
        for place_end in self.r.places.ends(text, start):
            first = place_end
            while (first := self.title_after(first, FILLER - (first - place_end))) is not None:
                title_end = self.chain(first)
                name_end = self.name(title_end)
                if name_end is not None:
                    return _Person(
                        text[title_end:name_end],
                        text[start:title_end],
                        text[start:place_end],
                        name_end,
                        start,
                    )
                first += 1
        return None

    def co_officer(self, previous: _Person) -> _Person | None:
        """Another officer of the same place right after a person (``、副总统阿明``)."""
        text, at = self.text, previous.end
        if at + 1 >= len(text) or text[at] not in CO_OFFICERS:
            return None
        start = at + 1
        if self.r.places.longest(text, start) is not None:
            return None
        if self.r.titles.longest(text, start) is None:
            return None
        title_end = self.chain(start)
        name_end = self.name(title_end)
        if name_end is None:
            return None
        title = previous.place + text[start:title_end]
        return _Person(text[title_end:name_end], title, previous.place, name_end, start)


class CounterpartRecognizer:
    """Finds counterparts in event text: people named as <place><title><name>; failing
    that, the organisation of a multilateral forum (``二十国集团领导人特别峰会``). The
    text is folded first, and so are the gazetteer's words."""

    def __init__(self, gaz: Gazetteer) -> None:
        self.gaz = gaz
        self.place_of = dict(zip(fold_many(gaz.places), gaz.places.values(), strict=True))
        self.places = WordTrie(self.place_of)
        self.titles = WordTrie(fold(t) for t in gaz.titles)
        self.name_ends = WordTrie(fold(e) for e in gaz.name_ends)
        self.orgs = WordTrie(
            a for a, c in self.place_of.items() if gaz.place_kinds.get(c) == "organisation"
        )
        self.forum_cues = WordTrie(fold(c) for c in gaz.forum_cues)
        self.attending = tuple(fold(v) for v in gaz.attending)

    def people(self, event: str) -> list[_Person]:
        """The people named in (folded) ``event``, in order."""
        scan, found, start = _Scan(self, event), [], 0
        while start < len(event):
            person = scan.person(start)
            if person is None:
                start += 1
                continue
            while person is not None:
                found.append(person)
                start = person.end
                person = scan.co_officer(person)
        return found

    def forums(self, event: str) -> list[str]:
        """The organisations of multilateral forums named in (folded) ``event``, in
        order; an ordinal may stand between the two (``第二十八次``)."""
        found, start = [], 0
        while start < len(event):
            for org_end in self.orgs.ends(event, start):
                cue_end = self.forum_cues.longest(event, _after_ordinal(event, org_end))
                if cue_end is not None:
                    found.append(event[start:org_end])
                    start = cue_end - 1
                    break
            start += 1
        return found

    def context(self, event: str, people: list[_Person]) -> list[tuple[int, int]]:
        """Spans of (folded) ``event`` that describe a counterpart rather than the event:
        from an attending verb to the 的 right before the person (``出席…峰会的``)."""
        spans = []
        for person in people:
            if person.start < 2 or event[person.start - 1] != "的":
                continue
            clause = event[: person.start]
            starts = [clause.rfind(verb) for verb in self.attending]
            begin = max(starts, default=-1)
            if begin >= 0 and not any(c in STOP for c in clause[begin:]):
                spans.append((begin, person.start))
        return spans

    def find(self, event: str) -> tuple[Counterpart, ...]:
        """The counterparts named in ``event``, each once, in order."""
        return self.read(fold(event))[0]

    def read(self, folded: str) -> tuple[tuple[Counterpart, ...], list[tuple[int, int]]]:
        """The counterparts named in folded event text, and the spans that describe
        them (see :meth:`context`)."""
        people = self.people(folded)
        found = [
            Counterpart(name=self.gaz.person(p.name), title=p.title, country=self.place(p.place))
            for p in people
        ]
        if not found:
            for org in self.forums(folded):
                name = self.place(org)
                found.append(Counterpart(name=name, title="", country=name))
        unique: dict[str, Counterpart] = {}
        for c in found:
            unique.setdefault(c.name, c)
        return tuple(unique.values()), self.context(folded, people)

    def place(self, folded: str) -> str:
        return self.place_of.get(folded, folded)


def _after_ordinal(text: str, at: int) -> int:
    """Past an ordinal such as 第二十八次 standing at ``at``, else ``at``."""
    if not text.startswith("第", at):
        return at
    end = at + 1
    while end < len(text) and end - at <= 6 and text[end] in ORDINAL_CHARS:
        end += 1
    if end > at + 1 and end < len(text) and text[end] in ORDINAL_ENDS:
        return end + 1
    return at


def event_type(gaz: Gazetteer, event: str, context: list[tuple[int, int]] = ()) -> str:
    """The type given by the first cue of ``event_types.tsv`` in the event (both
    folded), else ``other``; ``context`` spans of the folded event (what describes a
    counterpart) are left out, and what the leader did after a clause of when
    (``circumstances.txt``: ``在出席…峰会期间会见…``) decides when it holds a cue."""
    folded = fold(event)
    for begin, end in sorted(context, reverse=True):
        folded = folded[:begin] + " " + folded[end:]
    ends = [folded.rfind(w) + len(w) for w in gaz.folded_circumstances if w in folded]
    for text in ([folded[max(ends) :]] if ends else []) + [folded]:
        for kind, cue in gaz.folded_event_types:
            if cue in text:
                return kind
    return "other"


def canonical_event(gaz: Gazetteer, event: str) -> str:
    """The event with name variants folded (``events.tsv``)."""
    for variant, replacement in gaz.event_variants:
        event = event.replace(variant, replacement)
    return event
