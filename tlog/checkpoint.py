"""C2SP tlog-checkpoint: the body a log signs, ``<origin>\\n<size>\\n<base64 root>\\n``,
optionally followed by extension lines."""

import base64
import binascii
import re
from dataclasses import dataclass, field

from .merkle import HASH_SIZE
from .note import NoteError

_SIZE = re.compile(r"^(0|[1-9][0-9]{0,19})$")


@dataclass(frozen=True)
class Checkpoint:
    origin: str
    size: int
    root: bytes
    extensions: tuple[str, ...] = field(default=())

    def body(self) -> str:
        lines = [
            self.origin,
            str(self.size),
            base64.b64encode(self.root).decode(),
            *self.extensions,
        ]
        return "\n".join(lines) + "\n"

    @classmethod
    def parse(cls, text: str) -> "Checkpoint":
        lines = text.split("\n")
        if len(lines) < 4 or lines[-1] != "":
            raise NoteError("a checkpoint is an origin, a size and a root hash, each on a line")
        origin, size, encoded, *extensions = lines[:-1]
        if not origin or not _SIZE.match(size):
            raise NoteError("a checkpoint's origin is not empty and its size a decimal number")
        try:
            root = base64.b64decode(encoded, validate=True)
        except binascii.Error as error:
            raise NoteError("a checkpoint's root hash is base64") from error
        if len(root) != HASH_SIZE:
            raise NoteError("a checkpoint's root hash has 32 bytes")
        if any(not line for line in extensions):
            raise NoteError("a checkpoint has no empty lines")
        return cls(origin, int(size), root, tuple(extensions))
