"""Walking long sequences a slice at a time."""

from collections.abc import Iterable, Iterator
from itertools import islice


def batched(iterable: Iterable, size: int) -> Iterator[list]:
    """``itertools.batched`` of Python 3.12."""
    iterator = iter(iterable)
    while batch := list(islice(iterator, size)):
        yield batch
