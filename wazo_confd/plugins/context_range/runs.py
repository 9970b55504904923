"""The numbers of a context's ranges, regrouped into maximal runs, as intervals per width.

A range stands for the numbers between its bounds, written with the width of its `start`
(incall ranges: their last `did_length` digits). Ranges of one width merge, the numbers in use
are cut out, and what is left is read back as runs of consecutive numbers of one width. All of
it works on intervals, never on the numbers one by one, so a range of 10**16 numbers is cheap.
"""

from __future__ import annotations

import heapq
import itertools
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Protocol

from .pattern import DIGITS, Pattern


class DeclaredRange(Protocol):
    start: str
    end: str | None
    did_length: int | None


@dataclass(frozen=True)
class NumberRange:
    start: str
    end: str


@dataclass(frozen=True)
class Segment:
    """An interval of numbers all written with `width` digits; `group` is the range width."""

    group: int
    width: int
    low: int
    high: int

    def text(self, number: int) -> str:
        return str(number).zfill(self.width)

    def runs(self, pattern: Pattern | None, reverse: bool = False, skip: int = 0) -> Iterator[NumberRange]:
        if pattern is None:
            pieces: Iterable[tuple[int, int]] = [(self.low, self.high)][skip:]
        else:
            pieces = pattern.runs(self.low, self.high, self.width, reverse, skip)
        for low, high in pieces:
            yield NumberRange(self.text(low), self.text(high))

    def count(self, pattern: Pattern | None) -> int:
        return 1 if pattern is None else pattern.count_runs(self.low, self.high, self.width)


def segments(ranges: Iterable[DeclaredRange], incall: bool, used: Iterable[str]) -> list[Segment]:
    """The free intervals of the ranges, by width then number; `used` numbers are cut out."""
    by_group: dict[int, list[tuple[int, int]]] = {}
    for declared in ranges:
        group = (declared.did_length or 0) if incall else len(declared.start)
        low, high = _bound(declared.start, group), _bound(declared.end or declared.start, group)
        if low <= high:
            by_group.setdefault(group, []).append((low, high))
    used = [exten for exten in used if exten and all(c in DIGITS for c in exten)]
    result: list[Segment] = []
    for group in sorted(by_group):
        taken = sorted({int(exten) for exten in used if _written_in(exten, group)})
        for low, high in _subtract(_merge(by_group[group]), taken):
            result.extend(_by_digit_count(group, low, high))
    return result


def _bound(number: str, group: int) -> int:
    # Incall ranges keep their last did_length digits; a did_length of 0 keeps them all.
    return int(number[-group:] if group else number)


def _written_in(exten: str, group: int) -> bool:
    # A number of a group is written padded to the group's width (group 0: not padded).
    return len(exten) == group if group else exten == str(int(exten))


def _merge(intervals: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for low, high in sorted(intervals):
        if merged and low <= merged[-1][1] + 1:
            merged[-1] = (merged[-1][0], max(merged[-1][1], high))
        else:
            merged.append((low, high))
    return merged


def _subtract(intervals: list[tuple[int, int]], taken: list[int]) -> Iterator[tuple[int, int]]:
    taken_numbers = iter(taken)
    number = next(taken_numbers, None)
    for low, high in intervals:
        while number is not None and number <= high:
            if number >= low:
                if number > low:
                    yield low, number - 1
                low = number + 1
            number = next(taken_numbers, None)
        if low <= high:
            yield low, high


def _by_digit_count(group: int, low: int, high: int) -> Iterator[Segment]:
    # Unpadded numbers (group 0) of different lengths never share a run.
    if group:
        yield Segment(group, group, low, high)
        return
    while low <= high:
        width = len(str(low))
        yield Segment(group, width, low, min(high, 10**width - 1))
        low = 10**width


def count(free: list[Segment], pattern: Pattern | None) -> int:
    return sum(segment.count(pattern) for segment in free)


def page(
    free: list[Segment], pattern: Pattern | None, order: str | None, descending: bool, offset: int
) -> Iterator[NumberRange]:
    """The runs in the order asked, from the `offset`-th.

    Without `order` the runs come by width then number (`direction` is not used). Sorted by
    text, runs of a single width are in number order, so their pages are found by counting;
    a deep page of runs of several widths sorted by text costs time in proportion to `offset`.
    """
    widths = {(segment.group, segment.width) for segment in free}
    if order is None or len(widths) <= 1:
        return _in_number_order(free, pattern, offset, descending if order else False)
    return itertools.islice(_in_text_order(free, pattern, order, descending), offset, None)


def _in_number_order(
    free: list[Segment], pattern: Pattern | None, offset: int, descending: bool
) -> Iterator[NumberRange]:
    # Whole segments are skipped by their count of runs, then the runs inside one by count.
    ordered = free[::-1] if descending else free
    for index, segment in enumerate(ordered):
        runs = segment.count(pattern)
        if offset < runs:
            later = itertools.chain.from_iterable(s.runs(pattern, descending) for s in ordered[index + 1 :])
            return itertools.chain(segment.runs(pattern, descending, offset), later)
        offset -= runs
    return iter(())


def _in_text_order(free: list[Segment], pattern: Pattern | None, bound: str, descending: bool) -> Iterator[NumberRange]:
    # Runs of one width are already in text order, so the sorted list is a merge of one stream
    # per width; on equal texts the runs keep their order by width then number.
    streams = []
    for _, same_width in itertools.groupby(free, key=lambda s: (s.group, s.width)):
        ordered = list(same_width)
        if descending:
            ordered.reverse()
        streams.append(itertools.chain.from_iterable(s.runs(pattern, descending) for s in ordered))
    return heapq.merge(*streams, key=lambda run: getattr(run, bound), reverse=descending)
