#!/usr/bin/env python3
"""Check a Kind in azc ledger from outside, with nothing but its public export.

    python3 verify_public_ledger.py https://tracker.example.org/ --save checkpoint.json
    python3 verify_public_ledger.py https://tracker.example.org/ --checkpoint checkpoint.json
    python3 verify_public_ledger.py https://tracker.example.org/ --api

It downloads SITE/ledger/export.json (with --api: the same records, page by page, from the
open data API under SITE/api/v1/ledger/) and checks that:

- the entries are numbered 1, 2, 3, ... without a gap, each pointing to the hash of the one
  before it;
- each entry's hash is SHA-256 over its number, recording time, content digest and the
  previous hash, and the content digest of every published entry is SHA-256 over what the
  entry says (its "preimage"). A withheld entry (of an unpublished item) shows only its digest,
  which still chains. Format-1 entries, written before the ledger had a public preimage, are
  checked as links only: their hash covers fields that are never published;
- every checkpoint carries a valid Ed25519 signature by a published key, and the ledger
  extends it: the entry at the checkpoint's length has the hash the checkpoint signed;
- each published demand says what its ledger says: the status, deadline and response in the
  site's demand export are those its entries leave it with (a value changed in the database
  behind the ledger's back is caught);
- with --checkpoint FILE, that a checkpoint you saved earlier (with --save) is extended too,
  checked with the key you saved with it: truncating the ledger or rewriting it and
  recomputing every later hash is caught, even if the site's own checkpoints were replaced.

Needs Python 3.9+ and the `cryptography` package (pip install cryptography). Exit status 0
when everything holds, 1 when something does not, 2 when the ledger cannot be read.
"""

import argparse
import base64
import hashlib
import json
import sys
import time
import urllib.error
import urllib.request

try:
    from cryptography.exceptions import InvalidSignature
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
except ImportError:  # pragma: no cover - said plainly to whoever runs it
    sys.exit("This verifier needs the cryptography package: pip install cryptography")

GENESIS = ""


def canonical(value) -> bytes:
    return json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode()


def digest(value) -> str:
    return hashlib.sha256(canonical(value)).hexdigest()


def link_hash(entry: dict) -> str:
    return digest(
        {
            "format": 2,
            "seq": entry["seq"],
            "recorded_at": entry["recorded_at"],
            "content_digest": entry["content_digest"],
            "previous_hash": entry["previous_hash"],
        }
    )


def checkpoint_message(checkpoint: dict) -> bytes:
    return canonical(
        {
            "checkpoint": 1,
            "size": checkpoint["size"],
            "head_hash": checkpoint["head_hash"],
            "signed_at": checkpoint["signed_at"],
            "key_id": checkpoint["key_id"],
        }
    )


def signature_holds(checkpoint: dict, public_key_b64: str) -> bool:
    key = Ed25519PublicKey.from_public_bytes(base64.b64decode(public_key_b64))
    try:
        key.verify(base64.b64decode(checkpoint["signature"]), checkpoint_message(checkpoint))
    except (InvalidSignature, ValueError):
        return False
    return True


def check_entries(entries: list) -> tuple[list, list]:
    """Problems with the chain, and the hash at each length (index 0: the empty ledger)."""
    problems, hashes = [], [GENESIS]
    previous = GENESIS
    for expected, entry in enumerate(entries, start=1):
        where = f"entry #{entry.get('seq')}"
        if entry.get("seq") != expected:
            problems.append(f"entry #{expected}: missing (found #{entry.get('seq')} instead)")
        if entry["previous_hash"] != previous:
            problems.append(f"{where}: does not point to the entry before it")
        if entry.get("format") == 2:
            if link_hash(entry) != entry["entry_hash"]:
                problems.append(f"{where}: its hash does not match its number, time and digest")
            preimage = entry.get("preimage")
            if not entry.get("withheld") and preimage is None:
                problems.append(f"{where}: published without what it says")
            if preimage is not None:
                if digest(preimage) != entry["content_digest"]:
                    problems.append(f"{where}: what it says does not match its content digest")
                if (preimage.get("seq"), preimage.get("recorded_at")) != (
                    entry["seq"],
                    entry["recorded_at"],
                ):
                    problems.append(f"{where}: its content names another number or time")
        previous = entry["entry_hash"]
        hashes.append(previous)
    return problems, hashes


def check_checkpoint(checkpoint: dict, keys: dict, hashes: list, origin: str) -> list:
    where = f"checkpoint of {checkpoint['signed_at']} ({origin}, {checkpoint['size']} entries)"
    key = keys.get(checkpoint["key_id"])
    if key is None:
        return [f"{where}: signed with a key that is not published ({checkpoint['key_id']})"]
    if not signature_holds(checkpoint, key):
        return [f"{where}: its signature does not hold"]
    size = checkpoint["size"]
    if size >= len(hashes):
        missing = size - (len(hashes) - 1)
        return [f"{where}: {missing} entries it covered are missing from today's ledger"]
    if hashes[size] != checkpoint["head_hash"]:
        return [f"{where}: entry #{size} is not the one it signed: the ledger was rewritten"]
    return []


def check_published_state(entries: list, demands: list) -> list:
    """The demands the site publishes must say what their ledger entries say."""
    states: dict[str, dict] = {}
    for entry in entries:
        preimage = entry.get("preimage")
        if preimage is None:
            continue
        state = states.setdefault(preimage["subject"], {})
        for field, (_old, new) in preimage["changes"].items():
            state[field] = new
    problems = []
    for demand in demands:
        state = states.get(f"demand:{demand['reference']}")
        if state is None:
            problems.append(f"demand {demand['reference']}: published, but not in the ledger")
            continue
        for field in ("status", "deadline", "response"):
            if field in demand and field in state and (demand[field] or None) != state[field]:
                problems.append(
                    f"demand {demand['reference']}: the site says {field} {demand[field]!r}, "
                    f"its ledger says {state[field]!r}"
                )
    return problems


def fetch(site: str, path: str) -> dict:
    return fetch_url(site.rstrip("/") + path)


def fetch_url(url: str, attempts: int = 5) -> dict:
    """One JSON document; a site that says "too many requests" is waited for, as it asks."""
    for attempt in range(attempts):
        try:
            with urllib.request.urlopen(url, timeout=60) as response:  # noqa: S310 - the user's
                return json.load(response)
        except urllib.error.HTTPError as error:
            if error.code != 429 or attempt == attempts - 1:
                raise
            time.sleep(min(int(error.headers.get("Retry-After") or 1), 120))
    raise AssertionError("unreachable")


def fetch_pages(site: str, path: str) -> list:
    """Every row of one of the API's lists, following its pages."""
    rows, url = [], site.rstrip("/") + path
    while url:
        page = fetch_url(url)
        rows += page["results"]
        url = page["next"]
    return rows


def read_export(site: str) -> tuple[list, list, dict, list]:
    ledger = fetch(site, "/ledger/export.json")
    demands = fetch(site, "/demands/export.json")["demands"]
    keys = {key["key_id"]: key["public_key"] for key in ledger["keys"]}
    return ledger["entries"], ledger["checkpoints"], keys, demands


def read_api(site: str) -> tuple[list, list, dict, list]:
    entries = fetch_pages(site, "/api/v1/ledger/entries/?page_size=1000")
    checkpoints = fetch_pages(site, "/api/v1/ledger/checkpoints/?page_size=1000")
    keys = fetch_pages(site, "/api/v1/ledger/keys/?page_size=1000")
    demands = fetch_pages(site, "/api/v1/demands/?page_size=1000")
    return entries, checkpoints, {key["key_id"]: key["public_key"] for key in keys}, demands


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("site", help="the site's address, e.g. https://tracker.example.org/")
    parser.add_argument(
        "--checkpoint", metavar="FILE", help="a checkpoint saved earlier with --save"
    )
    parser.add_argument(
        "--save", metavar="FILE", help="save the newest checkpoint (and its key) to FILE"
    )
    parser.add_argument(
        "--key", metavar="BASE64", help="only trust checkpoints signed with this public key"
    )
    parser.add_argument(
        "--api", action="store_true", help="read the open data API instead of the export"
    )
    args = parser.parse_args(argv)
    try:
        entries, checkpoints, keys, demands = (read_api if args.api else read_export)(args.site)
    except (OSError, ValueError, KeyError) as error:
        print(f"Could not read the ledger of {args.site}: {error}", file=sys.stderr)
        return 2
    if args.key:
        keys = {k: v for k, v in keys.items() if v == args.key}
    problems, hashes = check_entries(entries)
    problems += check_published_state(entries, demands)
    for checkpoint in checkpoints:
        problems += check_checkpoint(checkpoint, keys, hashes, "published")
    if args.checkpoint:
        with open(args.checkpoint, encoding="utf-8") as stream:
            saved = json.load(stream)
        saved_keys = {saved["key_id"]: saved["public_key"]}
        problems += check_checkpoint(saved, saved_keys, hashes, f"saved in {args.checkpoint}")
    withheld = sum(1 for entry in entries if entry.get("withheld"))
    if problems:
        for problem in problems:
            print(f"  {problem}")
        print(f"Ledger of {args.site} does NOT verify: {len(problems)} problems.")
        return 1
    print(
        f"Ledger of {args.site} verifies: {len(entries)} entries ({withheld} withheld), "
        f"{len(checkpoints)} signed checkpoints"
        + (f", and your checkpoint in {args.checkpoint}" if args.checkpoint else "")
        + "."
    )
    if args.save:
        if not checkpoints:
            print("No checkpoint to save yet.", file=sys.stderr)
        else:
            newest = max(checkpoints, key=lambda c: (c["size"], c["signed_at"]))
            with open(args.save, "w", encoding="utf-8") as stream:
                json.dump({**newest, "public_key": keys[newest["key_id"]]}, stream, indent=1)
            print(f"Saved the checkpoint of {newest['signed_at']} ({newest['size']} entries).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
