"""The issuer's Ed25519 key: read from a setting, and its public half written as a Multikey.

The setting holds only the 32-byte seed (base64url, no padding) so it fits in an environment variable;
the public key is published as a Multikey (multicodec ed25519-pub, multibase base58btc), which is what
did:web documents and the eddsa-jcs-2022 cryptosuite expect.
"""

from __future__ import annotations

import base64
import binascii
import re
from dataclasses import dataclass, field

import base58
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

ED25519_SEED_BYTES = 32
ED25519_PUBLIC_KEY_BYTES = 32
# Multicodec "ed25519-pub" (0xed) as an unsigned varint.
ED25519_PUB_MULTICODEC = b"\xed\x01"
MULTIBASE_BASE58BTC = "z"
_BASE64URL_NO_PADDING = re.compile(r"[A-Za-z0-9_-]*")


class IssuerKeyError(ValueError):
    """The issuer key setting is missing or malformed; the message says what is wrong."""


def _decode_base64url(value: str) -> bytes:
    """Strict base64url without padding: a stray character is an error, not silently dropped."""
    if not _BASE64URL_NO_PADDING.fullmatch(value) or len(value) % 4 == 1:
        raise ValueError("not base64url without padding")
    padded = value + "=" * (-len(value) % 4)
    return base64.b64decode(padded, altchars=b"-_", validate=True)


def _encode_base64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


@dataclass(frozen=True)
class IssuerKey:
    """The private key that signs credentials and status lists."""

    private_key: Ed25519PrivateKey = field(repr=False)

    @classmethod
    def from_setting(cls, value: str) -> IssuerKey:
        """Read the key from the setting's base64url seed; IssuerKeyError says what is wrong with a bad value."""
        if not isinstance(value, str) or not value.strip():
            raise IssuerKeyError(
                "The issuer key setting is empty: set it to a 32-byte Ed25519 seed in base64url "
                "(IssuerKey.generate_setting_value() makes one)."
            )
        text = value.strip()
        if text.endswith("="):
            raise IssuerKeyError("The issuer key setting must be base64url without '=' padding.")
        try:
            seed = _decode_base64url(text)
        except (binascii.Error, ValueError) as error:
            raise IssuerKeyError(
                "The issuer key setting is not valid base64url (use only A-Z, a-z, 0-9, '-' and '_')."
            ) from error
        if len(seed) != ED25519_SEED_BYTES:
            raise IssuerKeyError(
                f"The issuer key setting decodes to {len(seed)} bytes; an Ed25519 seed is exactly "
                f"{ED25519_SEED_BYTES} bytes (43 base64url characters)."
            )
        return cls(private_key=Ed25519PrivateKey.from_private_bytes(seed))

    @staticmethod
    def generate_setting_value() -> str:
        """A new random seed in the setting's format, for `manage.py` and the deployment docs."""
        return _encode_base64url(Ed25519PrivateKey.generate().private_bytes_raw())

    @property
    def public_key_bytes(self) -> bytes:
        return self.private_key.public_key().public_bytes_raw()

    @property
    def public_multikey(self) -> str:
        """The public key as a Multikey `publicKeyMultibase` value ("z6Mk...")."""
        return multikey_for_public_key(self.public_key_bytes)

    def sign(self, data: bytes) -> bytes:
        return self.private_key.sign(data)


def multikey_for_public_key(public_key: bytes) -> str:
    """Write 32 raw Ed25519 public-key bytes as a Multikey: "z" + base58btc(0xed 0x01 + key)."""
    if len(public_key) != ED25519_PUBLIC_KEY_BYTES:
        raise ValueError(f"An Ed25519 public key is {ED25519_PUBLIC_KEY_BYTES} bytes, not {len(public_key)}.")
    return MULTIBASE_BASE58BTC + base58.b58encode(ED25519_PUB_MULTICODEC + public_key).decode("ascii")


def public_key_from_multikey(multikey: object) -> bytes:
    """The 32 raw public-key bytes of an Ed25519 Multikey; ValueError says why a value is not one."""
    if not isinstance(multikey, str) or not multikey:
        raise ValueError("The Multikey is empty or not a string.")
    if not multikey.startswith(MULTIBASE_BASE58BTC):
        raise ValueError("The Multikey is not multibase base58btc (it must start with 'z').")
    try:
        decoded = base58.b58decode(multikey[1:])
    except ValueError as error:
        raise ValueError("The Multikey contains characters outside the base58btc alphabet.") from error
    if not decoded.startswith(ED25519_PUB_MULTICODEC):
        raise ValueError("The Multikey is not an Ed25519 public key (multicodec prefix 0xed01 expected).")
    public_key = decoded[len(ED25519_PUB_MULTICODEC) :]
    if len(public_key) != ED25519_PUBLIC_KEY_BYTES:
        raise ValueError(
            f"The Multikey holds {len(public_key)} key bytes; an Ed25519 public key is {ED25519_PUBLIC_KEY_BYTES}."
        )
    return public_key
