"""The tree as C2SP tlog-tiles serves it: tiles of 256 hashes (height 8), their paths
(``tile/1/x001/x234/067.p/12``), entry bundles, and the hashes an append stores.

A log stores the hash of every complete subtree, level by level (``appended``): appending a
leaf adds one hash at level 0 and one more at each level it completes, O(log n) in all and
amortised two. Tile ``(L, N)`` is then the stored hashes of tree level ``8 * L``, positions
``256 * N`` to ``256 * N + 255``: read, never rebuilt.
"""

import re
from collections.abc import Callable, Iterable

from .merkle import HASH_SIZE, node_hash

HEIGHT = 8
WIDTH = 1 << HEIGHT  # hashes in a full tile
MAX_ENTRY = 0xFFFF  # an entry bundle frames each entry with a 16-bit length


class EntryTooLarge(ValueError):
    pass


def appended(
    size: int, leaf: bytes, stored: Callable[[int, int], bytes]
) -> list[tuple[int, int, bytes]]:
    """The ``(level, index, hash)`` to store when leaf hash ``leaf`` becomes leaf number ``size``
    of a tree whose complete subtrees ``stored(level, index)`` gives."""
    new = [(0, size, leaf)]
    level, index, current = 0, size, leaf
    while index & 1:
        current = node_hash(stored(level, index - 1), current)
        level, index = level + 1, index >> 1
        new.append((level, index, current))
    return new


def encode_index(index: int) -> str:
    """A tile index as 3-digit path elements, each but the last with an ``x``: 1234067 is
    ``x001/x234/067``."""
    digits = f"{index:d}"
    digits = digits.zfill(-(-len(digits) // 3) * 3)
    parts = [digits[i : i + 3] for i in range(0, len(digits), 3)]
    return "/".join([*("x" + part for part in parts[:-1]), parts[-1]])


def tile_path(level: int | str, index: int, width: int = WIDTH) -> str:
    """``tile/<L>/<N>[.p/<W>]``; ``level`` is ``"entries"`` for an entry bundle."""
    path = f"tile/{level}/{encode_index(index)}"
    return path if width == WIDTH else f"{path}.p/{width}"


_PATH = re.compile(
    r"^tile/(?P<level>0|[1-9][0-9]?|entries)/(?P<index>(?:x[0-9]{3}/)*[0-9]{3})(?:\.p/(?P<width>[1-9][0-9]{0,2}))?$"
)


def parse_tile_path(path: str) -> tuple[int | str, int, int]:
    """``(level, index, width)`` of a tile path; ``ValueError`` for one the spec does not allow."""
    match = _PATH.match(path)
    if not match:
        raise ValueError(f"not a tile path: {path!r}")
    level = match["level"]
    level = level if level == "entries" else int(level)
    if level != "entries" and level > 63:
        raise ValueError(f"no tile level {level}")
    width = int(match["width"]) if match["width"] else WIDTH
    if match["width"] and width >= WIDTH:
        raise ValueError(f"a partial tile is 1 to 255 wide, not {width}")
    parts = match["index"].replace("x", "").split("/")
    index = int("".join(parts))
    if encode_index(index) != match["index"]:
        raise ValueError(f"not the canonical encoding of tile {index}: {path!r}")
    return level, index, width


def tile_width(size: int, level: int, index: int) -> int:
    """How many hashes tile ``(level, index)`` holds in a tree of ``size`` leaves: 256 when
    full, 1 to 255 when partial, 0 when it does not exist yet."""
    hashes_at_level = size >> (HEIGHT * level)
    return max(0, min(WIDTH, hashes_at_level - index * WIDTH))


def tile(level: int, index: int, width: int, stored: Callable[[int, int], bytes]) -> bytes:
    """The tile's bytes: ``width`` hashes of tree level ``8 * level``."""
    tree_level = HEIGHT * level
    start = index * WIDTH
    return b"".join(stored(tree_level, start + i) for i in range(width))


def tile_hashes(tile_bytes: bytes) -> list[bytes]:
    if len(tile_bytes) % HASH_SIZE:
        raise ValueError("a tile is a whole number of 32-byte hashes")
    return [tile_bytes[i : i + HASH_SIZE] for i in range(0, len(tile_bytes), HASH_SIZE)]


def bundle(entries: Iterable[bytes]) -> bytes:
    """An entry bundle: each entry as a big-endian 16-bit length and its bytes."""
    out = bytearray()
    for entry in entries:
        if len(entry) > MAX_ENTRY:
            raise EntryTooLarge(f"an entry of {len(entry)} bytes is over the log's {MAX_ENTRY}")
        out += len(entry).to_bytes(2, "big") + entry
    return bytes(out)


def unbundle(data: bytes) -> list[bytes]:
    entries, at = [], 0
    while at < len(data):
        if at + 2 > len(data):
            raise ValueError("an entry bundle ends inside a length")
        length = int.from_bytes(data[at : at + 2], "big")
        at += 2
        if at + length > len(data):
            raise ValueError("an entry bundle ends inside an entry")
        entries.append(data[at : at + length])
        at += length
    return entries
