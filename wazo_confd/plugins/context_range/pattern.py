"""Fixed-width numbers whose zero-padded text contains a search term, handled digit by digit.

A range of 16-digit numbers holds 10**16 numbers, so nothing here visits numbers one by one:
the matching numbers are found by walking digit prefixes with a string-matching automaton,
and they are counted with a digit dynamic programme over the same automaton.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

DIGITS = '0123456789'


class Pattern:
    """A search term, as an automaton whose state is the length of the term matched so far."""

    def __init__(self, term: str):
        self.term = term
        self.size = len(term)  # the accepting state, which absorbs every later digit
        self.searchable = all(c in DIGITS for c in term)
        self._step = self._automaton(term) if self.searchable else []

    @staticmethod
    def _automaton(term: str) -> list[list[int]]:
        # Knuth-Morris-Pratt: on a mismatch, state j behaves as the state `fallback` that the
        # text would be in had it started one digit later.
        step = [[0] * 10 for _ in term] + [[len(term)] * 10]
        fallback = 0
        for state, digit in enumerate(int(c) for c in term):
            if state:
                step[state] = list(step[fallback])
                fallback = step[fallback][digit]
            step[state][digit] = state + 1
        return step

    def run(self, state: int, digits: str) -> int:
        for d in digits:
            state = self._step[state][int(d)]
        return state

    def _frame(self, high: int, width: int) -> tuple[int, int]:
        """The digits that vary (at most those of `high`) and the state after the zeros before them.

        A wide incall did_length pads numbers with many zeros; past the term's length more
        zeros change nothing, so the walks below stay as short as the numbers themselves.
        """
        digits = min(width, len(str(high)))
        return digits, self.run(0, '0' * min(width - digits, self.size))

    def runs(self, low: int, high: int, width: int, reverse: bool = False, skip: int = 0) -> Iterator[tuple[int, int]]:
        """The maximal runs of consecutive matching numbers in [low, high], in order, but the first `skip`."""
        if skip:
            # Counting runs is cheap: find where the first run wanted begins by bisection.
            if self.count_runs(low, high, width) <= skip:
                return
            first, last = low, high
            if reverse:
                high = self._last(lambda end: self.count_runs(end, last, width) > skip, low, high)
            else:
                low = self._first(lambda start: self.count_runs(first, start, width) > skip, low, high)
        if not self.searchable or low > high:
            return
        digits, state = self._frame(high, width)
        current: tuple[int, int] | None = None
        for start, end in self._blocks(low, high, digits, 0, 0, state, reverse):
            if current is None:
                current = (start, end)
            elif not reverse and start == current[1] + 1:
                current = (current[0], end)
            elif reverse and end + 1 == current[0]:
                current = (start, current[1])
            else:
                yield current
                current = (start, end)
        if current is not None:
            yield current

    @staticmethod
    def _first(holds: Callable[[int], bool], low: int, high: int) -> int:
        """The least number of [low, high] for which `holds` (monotonic, true at high) is true."""
        while low < high:
            middle = (low + high) // 2
            low, high = (low, middle) if holds(middle) else (middle + 1, high)
        return low

    @staticmethod
    def _last(holds: Callable[[int], bool], low: int, high: int) -> int:
        """The greatest number of [low, high] for which `holds` (true at low, then false) is true."""
        while low < high:
            middle = (low + high + 1) // 2
            low, high = (middle, high) if holds(middle) else (low, middle - 1)
        return low

    def _blocks(
        self, low: int, high: int, width: int, prefix: int, depth: int, state: int, reverse: bool
    ) -> Iterator[tuple[int, int]]:
        # The numbers of [low, high] whose text starts with the `depth` digits of `prefix`.
        size = 10 ** (width - depth)
        start, end = max(prefix * size, low), min(prefix * size + size - 1, high)
        if start > end or width - depth < self.size - state:
            return
        if state == self.size:
            yield start, end
            return
        for digit in reversed(range(10)) if reverse else range(10):
            yield from self._blocks(low, high, width, prefix * 10 + digit, depth + 1, self._step[state][digit], reverse)

    def count_runs(self, low: int, high: int, width: int) -> int:
        """How many runs `runs` yields: matching numbers minus matching pairs of neighbours."""
        if not self.searchable or self.size > width or low > high:
            return 0
        digits, start = self._frame(high, width)
        matching = self._upto(high, digits, start)[self.size] - self._upto(low - 1, digits, start)[self.size]
        return matching - self._matching_neighbours(low, high, digits, start)

    def _matching_neighbours(self, low: int, high: int, width: int, start: int) -> int:
        # Pairs (n - 1, n), low < n <= high, both matching. Written as texts, n is P d 0..0 and
        # n - 1 is P (d - 1) 9..9 with k trailing digits: for each k and d, count the prefixes P
        # (a contiguous interval) by the automaton state they end in, then finish both texts.
        pairs = 0
        for k in range(width):
            prefix_width, unit = width - k - 1, 10**k
            for d in range(1, 10):
                # P * 10 + d lies between ceil((low + 1) / unit) and floor(high / unit).
                first = max(0, _ceil_div(_ceil_div(low + 1, unit) - d, 10))
                last = min(10**prefix_width - 1, (high // unit - d) // 10)
                if first > last:
                    continue
                counts = self._upto(last, prefix_width, start)
                below = self._upto(first - 1, prefix_width, start)
                for state, count in enumerate(counts):
                    count -= below[state]
                    if count and self._accepts(state, f'{d - 1}' + '9' * k) and self._accepts(state, f'{d}' + '0' * k):
                        pairs += count
        return pairs

    def _accepts(self, state: int, digits: str) -> bool:
        return self.run(state, digits) == self.size

    def _upto(self, limit: int, width: int, start: int) -> list[int]:
        """How many texts of `width` digits, of value at most `limit`, end in each state from `start`."""
        counts = [0] * (self.size + 1)
        if limit < 0:
            return counts
        tight = start  # the state of the prefix of `limit` itself
        for digit in str(limit).zfill(width) if width else '':
            following = [0] * (self.size + 1)
            for state, count in enumerate(counts):
                if count:
                    for step in self._step[state]:
                        following[step] += count
            for smaller in range(int(digit)):
                following[self._step[tight][smaller]] += 1
            counts, tight = following, self._step[tight][int(digit)]
        counts[tight] += 1
        return counts


def _ceil_div(a: int, b: int) -> int:
    return -(-a // b)
