"""Revocation published as a W3C Bitstring Status List v1.0: one bit per issued credential, GZIP'd and signed.

Every credential points at a position in one shared list, so a verifier learns whether a credential is
revoked without telling the issuer which credential it is checking (the list hides the one among 131,072).
"""

from __future__ import annotations

import base64
import binascii
import gzip
import re
import zlib
from datetime import datetime

from . import gettext_noop
from .data_integrity import datetime_stamp

MIN_STATUS_LIST_BITS = 131_072  # 16 KiB, the minimum the specification sets for herd privacy
# Refuse to inflate more than this: a tiny GZIP stream can expand to gigabytes.
MAX_STATUS_LIST_BYTES = 16 * 1024 * 1024
MULTIBASE_BASE64URL = "u"
CONTEXTS = ["https://www.w3.org/ns/credentials/v2", "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"]
STATUS_PURPOSE = "revocation"
_BASE64URL_NO_PADDING = re.compile(r"[A-Za-z0-9_-]+")

PROBLEM_NOT_MULTIBASE = gettext_noop("the encoded status list is not multibase base64url (it must start with 'u')")
PROBLEM_NOT_BASE64URL = gettext_noop("the encoded status list is not valid base64url without padding")
PROBLEM_NOT_GZIP = gettext_noop("the encoded status list is not GZIP-compressed data")
PROBLEM_TRUNCATED = gettext_noop("the encoded status list ends before its GZIP data does")
PROBLEM_TRAILING_DATA = gettext_noop("the encoded status list has data after its GZIP data")
PROBLEM_TOO_LARGE = gettext_noop("the status list expands beyond 16 MiB")
PROBLEM_TOO_SHORT = gettext_noop("the status list is shorter than the minimum of 131,072 entries")


class Bitstring:
    """A mutable array of status bits; index 0 is the most significant (left-most) bit of the first byte."""

    def __init__(self, size: int = MIN_STATUS_LIST_BITS) -> None:
        if isinstance(size, bool) or not isinstance(size, int):
            raise TypeError("The bitstring size is a whole number of bits.")
        if size < MIN_STATUS_LIST_BITS:
            raise ValueError(f"A status list holds at least {MIN_STATUS_LIST_BITS:,} bits, not {size:,}.")
        if size % 8:
            raise ValueError("A status list is a whole number of bytes; give a size that is a multiple of 8.")
        self._bytes = bytearray(size // 8)

    @property
    def size(self) -> int:
        return len(self._bytes) * 8

    def set(self, index: int, value: bool = True) -> None:
        byte, mask = self._position(index)
        if value:
            self._bytes[byte] |= mask
        else:
            self._bytes[byte] &= ~mask & 0xFF

    def get(self, index: int) -> bool:
        byte, mask = self._position(index)
        return bool(self._bytes[byte] & mask)

    def encode(self) -> str:
        """The `encodedList` value: "u" + base64url (no padding) of the GZIP'd bytes, the same for the same bits."""
        compressed = gzip.compress(bytes(self._bytes), mtime=0)
        return MULTIBASE_BASE64URL + base64.urlsafe_b64encode(compressed).rstrip(b"=").decode("ascii")

    @classmethod
    def decode(cls, encoded: object) -> Bitstring:
        """Read an `encodedList`; ValueError says plainly why a value is not a usable status list."""
        if not isinstance(encoded, str) or not encoded.startswith(MULTIBASE_BASE64URL):
            raise ValueError(PROBLEM_NOT_MULTIBASE)
        text = encoded[1:]
        if not _BASE64URL_NO_PADDING.fullmatch(text) or len(text) % 4 == 1:
            raise ValueError(PROBLEM_NOT_BASE64URL)
        try:
            compressed = base64.b64decode(text + "=" * (-len(text) % 4), altchars=b"-_", validate=True)
        except (binascii.Error, ValueError) as error:
            raise ValueError(PROBLEM_NOT_BASE64URL) from error
        raw = _gunzip_bounded(compressed)
        if len(raw) * 8 < MIN_STATUS_LIST_BITS:
            raise ValueError(PROBLEM_TOO_SHORT)
        bits = cls.__new__(cls)
        bits._bytes = bytearray(raw)
        return bits

    def _position(self, index: int) -> tuple[int, int]:
        if isinstance(index, bool) or not isinstance(index, int):
            raise TypeError("A status list index is a whole number.")
        if not 0 <= index < self.size:
            raise IndexError(f"Status list index {index} is outside 0..{self.size - 1}.")
        return index // 8, 0x80 >> (index % 8)


def _gunzip_bounded(compressed: bytes) -> bytes:
    """Inflate one GZIP member, refusing output beyond MAX_STATUS_LIST_BYTES."""
    inflater = zlib.decompressobj(wbits=16 + zlib.MAX_WBITS)
    try:
        raw = inflater.decompress(compressed, MAX_STATUS_LIST_BYTES + 1)
    except zlib.error as error:
        raise ValueError(PROBLEM_NOT_GZIP) from error
    if len(raw) > MAX_STATUS_LIST_BYTES:
        raise ValueError(PROBLEM_TOO_LARGE)
    if not inflater.eof:
        raise ValueError(PROBLEM_TRUNCATED)
    if inflater.unused_data:
        raise ValueError(PROBLEM_TRAILING_DATA)
    return raw


def status_entry(list_url: str, index: int) -> dict:
    """The `credentialStatus` a credential carries: its revocation bit at `index` in the list at `list_url`."""
    if isinstance(index, bool) or not isinstance(index, int) or index < 0:
        raise ValueError("A status list index is a whole number from 0 up.")
    if not isinstance(list_url, str) or not list_url:
        raise ValueError("The status list URL is empty.")
    return {
        "id": f"{list_url}#{index}",
        "type": "BitstringStatusListEntry",
        "statusPurpose": STATUS_PURPOSE,
        "statusListIndex": str(index),
        "statusListCredential": list_url,
    }


def status_list_credential(list_url: str, issuer: dict, bits: Bitstring, valid_from: datetime) -> dict:
    """The unsigned BitstringStatusListCredential published at `list_url`; sign it with `add_proof`."""
    if not isinstance(list_url, str) or not list_url:
        raise ValueError("The status list URL is empty.")
    return {
        # The Open Badges context defines the issuer's "Profile" type; the list terms come from VC 2.0.
        "@context": list(CONTEXTS),
        "id": list_url,
        "type": ["VerifiableCredential", "BitstringStatusListCredential"],
        "issuer": issuer,
        "validFrom": datetime_stamp(valid_from),
        "credentialSubject": {
            "id": f"{list_url}#list",
            "type": "BitstringStatusList",
            "statusPurpose": STATUS_PURPOSE,
            "encodedList": bits.encode(),
        },
    }
