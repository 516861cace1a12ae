"""Tiles, signed notes, checkpoints and cosignatures as the C2SP specifications write them,
checked against the Go checksum database's published test note and the specs' examples."""

import base64

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from tlog import cosignature, merkle, note, tiles
from tlog.checkpoint import Checkpoint

pytestmark = pytest.mark.no_database

# golang.org/x/mod/sumdb/note's documented example: key, text and its signed note.
PETER_VKEY = "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW"
PETER_SKEY = "PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz"
PETER_TEXT = (
    "If you think cryptography is the answer to your problem,\n"
    "then you don't know what your problem is.\n"
)
PETER_NOTE = (
    PETER_TEXT + "\n— PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZS"
    "NXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n"
)


def test_the_go_checksum_databases_note_is_read_and_written_alike():
    verifier = note.Verifier.parse(PETER_VKEY)
    assert str(verifier) == PETER_VKEY
    text, verified = note.open_note(PETER_NOTE, [verifier])
    assert (text, verified) == (PETER_TEXT, [verifier])
    signer = note.Signer.parse(PETER_SKEY)
    assert str(signer.verifier) == PETER_VKEY
    assert note.sign(PETER_TEXT, signer) == PETER_NOTE  # Ed25519 is deterministic


def test_a_note_is_refused_when_it_is_not_what_its_key_signed():
    verifier = note.Verifier.parse(PETER_VKEY)
    with pytest.raises(note.NoteError, match="does not verify"):
        note.open_note(PETER_NOTE.replace("problem,", "problem;"), [verifier])
    stranger = note.Signer("PeterNeumann", Ed25519PrivateKey.generate())
    with pytest.raises(note.NoteError, match="no signature by a known key"):
        note.open_note(note.sign(PETER_TEXT, stranger), [verifier])  # same name, other ID
    for broken in ["", "no blank line\n— a b\n", PETER_TEXT + "\n", PETER_NOTE + "trailing"]:
        with pytest.raises(note.NoteError):
            note.open_note(broken, [verifier])
    with pytest.raises(note.NoteError):
        note.Verifier.parse(PETER_VKEY.replace("c74f20a3", "c74f20a4"))


def test_tile_paths_are_the_specs():
    assert tiles.encode_index(1234067) == "x001/x234/067"
    assert tiles.encode_index(7) == "007"
    assert tiles.tile_path(0, 1234067) == "tile/0/x001/x234/067"
    assert tiles.tile_path("entries", 3, 112) == "tile/entries/003.p/112"
    assert tiles.parse_tile_path("tile/1/x001/x234/067.p/12") == (1, 1234067, 12)
    assert tiles.parse_tile_path("tile/entries/000") == ("entries", 0, 256)
    for wrong in ["tile/0/1", "tile/0/x000/001", "tile/00/001", "tile/0/001.p/256",
                  "tile/0/001.p/0", "tile/64/001", "tile/0/0001"]:  # fmt: skip
        with pytest.raises(ValueError):
            tiles.parse_tile_path(wrong)


def test_the_specs_tree_of_70000_has_its_tiles():
    # "a tree of size 70,000 will be represented by 273 full level 0 tiles, one partial
    # level 0 tile of width 112, one full level 1 tile, one partial level 1 tile of width 17,
    # and one partial level 2 tile of width 1."
    size = 70_000
    assert [tiles.tile_width(size, 0, n) for n in (272, 273, 274)] == [256, 112, 0]
    assert [tiles.tile_width(size, 1, n) for n in (0, 1, 2)] == [256, 17, 0]
    assert [tiles.tile_width(size, 2, n) for n in (0, 1)] == [1, 0]
    assert tiles.tile_width(256, 1, 0) == 1


def test_stored_hashes_make_tiles_whose_hashes_give_the_root():
    stored: dict[tuple[int, int], bytes] = {}
    entries = [f"entry {i}".encode() for i in range(600)]
    for size, entry in enumerate(entries):
        for level, index, value in tiles.appended(
            size, merkle.leaf_hash(entry), lambda lv, ix: stored[lv, ix]
        ):
            stored[level, index] = value
    lookup = lambda level, index: stored[level, index]  # noqa: E731
    assert merkle.root(600, lookup) == merkle.root_of_leaves([merkle.leaf_hash(e) for e in entries])
    level0 = tiles.tile(0, 1, 256, lookup)
    assert tiles.tile_hashes(level0) == [merkle.leaf_hash(e) for e in entries[256:512]]
    # A level-1 hash is the tree hash of a full tile below.
    assert tiles.tile(1, 0, 2, lookup)[32:] == merkle.root_of_leaves(tiles.tile_hashes(level0))
    assert tiles.unbundle(tiles.bundle(entries[:3])) == entries[:3]
    assert tiles.bundle([b"ab"]) == b"\x00\x02ab"
    with pytest.raises(tiles.EntryTooLarge):
        tiles.bundle([b"x" * 65_536])


def test_a_checkpoint_is_the_specs_body_and_a_witness_cosigns_it():
    log = note.Signer("example.org/log", Ed25519PrivateKey.generate())
    body = Checkpoint("example.org/log", 3, b"\x07" * 32).body()
    assert body == "example.org/log\n3\n" + base64.b64encode(b"\x07" * 32).decode() + "\n"
    assert Checkpoint.parse(body) == Checkpoint("example.org/log", 3, b"\x07" * 32)
    for wrong in ["example.org/log\n03\nAAAA\n", "example.org/log\n3\nAAAA\n", "x\n3\n"]:
        with pytest.raises(note.NoteError):
            Checkpoint.parse(wrong)
    witness = cosignature.Cosigner(note.Signer("example.net/witness", Ed25519PrivateKey.generate()))
    signed = note.sign(body, log) + witness.line(body, 1_700_000_000)
    text, verified = note.open_note(signed, [log.verifier])
    assert text == body and verified == [log.verifier]
    _, signatures = note.split(signed)
    assert cosignature.verify(body, signatures[1], witness.verifier) == 1_700_000_000
    assert cosignature.verify(body.replace("3", "4", 1), signatures[1], witness.verifier) is None
