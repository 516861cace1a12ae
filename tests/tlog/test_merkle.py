"""The RFC 6962 tree, checked against the RFC's own definitions written here from the text
(MTH, PATH, PROOF by recursion over lists) and against the roots every CT implementation
publishes for its eight test leaves."""

import hashlib

import pytest

from tlog import merkle

pytestmark = pytest.mark.no_database


def mth(leaves: list[bytes]) -> bytes:
    """RFC 6962 §2.1: the Merkle Tree Hash, straight from its definition."""
    if not leaves:
        return hashlib.sha256(b"").digest()
    if len(leaves) == 1:
        return hashlib.sha256(b"\x00" + leaves[0]).digest()
    k = 1
    while k * 2 < len(leaves):
        k *= 2
    return hashlib.sha256(b"\x01" + mth(leaves[:k]) + mth(leaves[k:])).digest()


def path(m: int, leaves: list[bytes]) -> list[bytes]:
    """RFC 6962 §2.1.1 PATH(m, D[n])."""
    if len(leaves) == 1:
        return []
    k = 1
    while k * 2 < len(leaves):
        k *= 2
    if m < k:
        return path(m, leaves[:k]) + [mth(leaves[k:])]
    return path(m - k, leaves[k:]) + [mth(leaves[:k])]


def subproof(m: int, leaves: list[bytes], whole: bool) -> list[bytes]:
    """RFC 6962 §2.1.2 SUBPROOF(m, D[n], b)."""
    n = len(leaves)
    if m == n:
        return [] if whole else [mth(leaves)]
    k = 1
    while k * 2 < n:
        k *= 2
    if m <= k:
        return subproof(m, leaves[:k], whole) + [mth(leaves[k:])]
    return subproof(m - k, leaves[k:], False) + [mth(leaves[:k])]


# The eight leaves of the CT test suites (certificate-transparency-go, trillian) and their roots.
CT_LEAVES = [bytes.fromhex(h) for h in ["", "00", "10", "2021", "3031", "40414243",
             "5051525354555657", "606162636465666768696a6b6c6d6e6f"]]  # fmt: skip
CT_ROOTS = [
    "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
    "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
    "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
    "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
    "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
    "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
    "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
    "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",
]

LEAVES = [f"entry {i}".encode() for i in range(70)]


def test_the_roots_are_those_of_the_certificate_transparency_test_suites():
    hashes = [merkle.leaf_hash(leaf) for leaf in CT_LEAVES]
    for size, expected in enumerate(CT_ROOTS, start=1):
        assert merkle.root_of_leaves(hashes[:size]).hex() == expected
        assert mth(CT_LEAVES[:size]).hex() == expected
    assert merkle.root_of_leaves([]) == hashlib.sha256(b"").digest()


def test_proofs_are_the_rfcs_and_verify():
    hashes = [merkle.leaf_hash(leaf) for leaf in LEAVES]
    subtree = merkle._in_memory(hashes)
    for size in range(1, len(LEAVES) + 1):
        root = mth(LEAVES[:size])
        assert merkle.root(size, subtree) == root
        for index in range(size):
            proof = merkle.inclusion_proof(index, size, subtree)
            assert proof == path(index, LEAVES[:size])
            merkle.verify_inclusion(index, size, hashes[index], proof, root)
        for old in range(1, size + 1):
            proof = merkle.consistency_proof(old, size, subtree)
            assert proof == subproof(old, LEAVES[:size], True)
            merkle.verify_consistency(old, size, mth(LEAVES[:old]), root, proof)


def test_a_wrong_proof_fails():
    hashes = [merkle.leaf_hash(leaf) for leaf in LEAVES[:13]]
    subtree = merkle._in_memory(hashes)
    root = merkle.root(13, subtree)
    proof = merkle.inclusion_proof(5, 13, subtree)
    with pytest.raises(merkle.ProofError):
        merkle.verify_inclusion(6, 13, hashes[5], proof, root)  # another place
    with pytest.raises(merkle.ProofError):
        merkle.verify_inclusion(5, 13, hashes[4], proof, root)  # another leaf
    with pytest.raises(merkle.ProofError):
        merkle.verify_inclusion(5, 13, hashes[5], proof[:-1], root)  # cut short
    with pytest.raises(merkle.ProofError):
        merkle.verify_inclusion(5, 13, hashes[5], [*proof, proof[0]], root)  # too long
    consistency = merkle.consistency_proof(7, 13, subtree)
    old_root = merkle.root(7, subtree)
    forked = merkle.root_of_leaves([*hashes[:6], merkle.leaf_hash(b"rewritten"), *hashes[7:]])
    with pytest.raises(merkle.ProofError):
        merkle.verify_consistency(7, 13, old_root, forked, consistency)
    with pytest.raises(merkle.ProofError):
        merkle.verify_consistency(13, 7, root, old_root, consistency)  # a shrink
    with pytest.raises(merkle.ProofError):
        merkle.verify_consistency(13, 13, root, forked, [])  # two trees of one size
