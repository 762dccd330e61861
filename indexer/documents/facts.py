"""What a document says about itself, beside its quotes: its title, leader and year
(each with where it came from), learnt before the quotes are read (see
:mod:`.inference`); a mixin of the document parser (:mod:`.assembly`)."""

from __future__ import annotations

from pathlib import Path

from ..errors import CorpusFormatError
from ..folding import fold
from .classify import Kind
from .inference import (
    Found,
    YearPolicy,
    leader_in_title,
    named_by_honorific,
    period_in,
    shared_subject,
    titles_speaker,
    year_in_file_name,
)
from .metadata import Metadata, metadata_path
from .runningheads import RUNNING_HEAD
from .structure import (
    Block,
    Closer,
    Heading,
    PreambleLine,
    QuoteTitle,
    TitleLine,
)


class LearnsFacts:
    """The document parser's facts: title, leader and the year policy."""

    def learn_facts(self, blocks: list[Block], closers: list[Closer]) -> None:
        """Title, leader and year (see :mod:`.inference`), and a note of what was read
        from the document rather than given."""
        title_line = next((b.first.text for b in blocks if isinstance(b, TitleLine)), None)
        running = next(
            (s.text for b in blocks for s in b.lines if s.line.style == RUNNING_HEAD), None
        )
        self.learn_title(title_line, running)
        titles = [b.title for b in blocks if isinstance(b, QuoteTitle)]
        headings = [b.title for b in blocks if isinstance(b, Heading)]
        texts = [s.text for b in blocks for s in b.lines]
        self.learn_leader(title_line or running, texts, titles, headings)
        needing = self.learn_year(blocks, closers, title_line or "")
        record = self.record
        inferred = [
            f"{what} {value} from the {origin}"
            for what, value, origin in (
                ("title", record.title, record.title_from),
                ("leader", record.leader, record.leader_from),
                ("year", record.year, record.year_from),
            )
            if value
            and origin not in ("metadata", "option")
            and (what, origin) != ("year", "attributions")
        ]
        if needing and self.policy.period and not record.year:
            start, end = self.policy.period[0]
            inferred.append(
                f"dates without a year placed in {start:%Y-%m}…{end:%Y-%m} "
                f"from the {record.year_from}"
            )
        if inferred:
            self.note(0, "; ".join(inferred))

    def learn_title(self, title_line: str | None, running_head: str | None = None) -> None:
        meta = self.meta or Metadata()
        title = _first(
            (meta.title, "metadata"),
            (title_line, "title line"),
            (self.defaults.title, "option"),
            (running_head, "running head"),
            (Path(self.source).stem, "file name"),
        )
        self.record.title, self.record.title_from = title.value, title.origin

    def learn_leader(
        self,
        title_line: str | None,
        texts: list[str],
        titles: list[str] | None = None,
        headings: list[str] | None = None,
    ) -> None:
        """The leader (see :mod:`.inference`), always by its canonical name: the people
        table's, looked up folded (毛主席 is 毛泽东, 習近平 is 习近平); last of all, the
        leader the first heading names that names one (``毛主席重要指示`` over the items
        of a Party document whose title line does not)."""
        meta, reader, gaz = self.meta or Metadata(), self.parser.attributions, self.gaz
        subjects = [reader.subject(r.event) for r in self.readings]
        named_subjects = {s for s in subjects if s}

        def evidence(name: str) -> bool:
            return any(n in named_subjects or n in gaz.people for n in (name, gaz.person(name)))

        title = fold(title_line or meta.title or "")  # 習近平談… is 习近平谈…
        named = leader_in_title(title, gaz.layout, evidence)
        speaker = titles_speaker(titles or [], lambda n: gaz.person(n) in gaz.canonical_people)
        leader = _first(
            (meta.leader and gaz.person(meta.leader), "metadata"),
            (named and gaz.person(named), "title"),
            (shared_subject(subjects), "attributions"),
            (_Later(lambda: self.honorific_name(title, texts, evidence)), "title and text"),
            (speaker and gaz.person(speaker), "quote titles"),
            (_Later(lambda: self.heading_leader(headings or [], evidence)), "headings"),
            (self.defaults.leader and gaz.person(self.defaults.leader), "option"),
        )
        if leader is None:
            if not self.readings:
                return  # no attribution, no quote: "no quote found" says what matters
            self.warn(
                0,
                "no leader in the title or the attributions; records have an empty leader "
                "(give one with --leader NAME or in a metadata file)",
            )
            return
        self.record.leader, self.record.leader_from = leader.value, leader.origin

    def heading_leader(self, headings: list[str], evidence) -> str | None:
        """The leader the headings name, when those that name one name the same (not
        in a compilation of two people's words, ``马克思的名言`` and ``恩格斯的名言``)."""
        named = {leader_in_title(fold(heading), self.gaz.layout, evidence) for heading in headings}
        leaders = {self.gaz.person(name) for name in named if name}
        return leaders.pop() if len(leaders) == 1 else None

    def honorific_name(self, title: str, texts: list[str], evidence) -> str | None:
        """The name the document writes before an honorific its (folded) title uses
        alone."""
        folded = [fold(text) for text in texts]
        name = named_by_honorific(title, folded, self.gaz.layout, evidence)
        return self.gaz.person(name) if name else None

    def learn_year(self, blocks: list[Block], closers: list[Closer], title_line: str) -> bool:
        """The year policy; whether any attribution needs it. Raises
        :class:`CorpusFormatError` when one does and nothing gives a year."""
        self.policy = self.year_policy(blocks, title_line)
        needing = next(
            (
                (closer, reading)
                for closer, reading in zip(closers, self.readings, strict=True)
                if reading.date is not None and reading.date.year is None
            ),
            None,
        )
        if needing and not self.policy.known:
            closer, reading = needing
            raise CorpusFormatError(
                f"{self.source}:{closer.no}: the attributions write no year "
                f"({reading.date.text if reading.date else ''}) and neither the title nor the "
                f"preamble gives one; give it with --year (e.g. --year 2020) or in a metadata "
                f"file {metadata_path(Path(self.source)).name} (year = 2020)"
            )
        record = self.record
        if self.policy.fixed or needing:
            record.year, record.year_from = self.policy.year, self.policy.origin
        elif any(r.date for r in self.readings):
            record.year_from = "attributions"
        return needing is not None

    def year_policy(self, blocks: list[Block], title_line: str) -> YearPolicy:
        meta, defaults = self.meta or Metadata(), self.defaults
        fixed = Found(meta.year, "metadata") if meta.year else None
        period = None
        title_period = period_in(meta.title or "") or period_in(title_line)
        if title_period:
            period = (title_period, "title")
        else:
            for block in blocks:
                if isinstance(block, PreambleLine) and block.first.kind != Kind.CUE:
                    found = period_in(
                        block.first.text, bracketed_only=block.first.kind != Kind.DATELINE
                    )
                    if found:
                        period = (found, "preamble")
                        break
        file_year = year_in_file_name(self.source)
        fallback = _first(
            (defaults.year, "option"),
            (file_year, "file name"),
        )
        explicit = [r.date.year if r.date else None for r in self.readings]
        points = [r.date.first if r.date else None for r in self.readings]
        # a title's period that the attributions' own years fall outside is the page's own
        # date (每周一学（2021年11月29日—12月5日）), not the quotes'
        if period and any(
            y is not None and not period[0][0].year <= y <= period[0][1].year for y in explicit
        ):
            period = (
                None  # the page's own date (每周一学（2021年11月29日—12月5日）), not the quotes'
            )
        return YearPolicy(fixed, period, explicit, fallback, points)


class _Later:
    """A candidate worked out only when the ones before it have no value."""

    def __init__(self, work) -> None:
        self.work = work


def _first(*candidates: tuple[object, str]) -> Found | None:
    """The first candidate with a value, and where it came from."""
    for value, origin in candidates:
        if isinstance(value, _Later):
            value = value.work()
        if value:
            return Found(value, origin)
    return None
