"""A transparency log by the public specifications, for any Django project: the RFC 6962
Merkle tree (``merkle``), its C2SP tiles (``tiles``), signed notes and checkpoints
(``note``, ``checkpoint``), and witness cosignatures (``cosignature``).

It knows bytes, hashes, notes and keys, nothing of what the entries mean: it imports no app
of this project, and the ledger hands it each entry's public bytes.
"""
