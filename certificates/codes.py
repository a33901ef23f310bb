"""Verification codes: 100 random bits written in Crockford's base32, grouped so they can be read aloud and typed
back without ambiguity (I and L read as 1, O as 0; case, spaces and dashes do not matter)."""

from __future__ import annotations

import secrets

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"  # Crockford's base32: no I, L, O or U
CODE_LENGTH = 20  # 20 symbols x 5 bits = 100 random bits
GROUP_SIZE = 4
GROUPED_LENGTH = CODE_LENGTH + CODE_LENGTH // GROUP_SIZE - 1  # "XXXX-XXXX-XXXX-XXXX-XXXX"
# What a person may type for a symbol that is not in the alphabet but reads like one.
LOOKALIKES = str.maketrans({"I": "1", "L": "1", "O": "0"})
SEPARATORS = str.maketrans("", "", " -_.\t\u00a0\u2010\u2011\u2012\u2013\u2014")
# Longer input than a code with generous spacing is not a code; refuse it before doing any work on it.
MAX_INPUT_LENGTH = 64


def group(symbols: str) -> str:
    return "-".join(symbols[i:i + GROUP_SIZE] for i in range(0, len(symbols), GROUP_SIZE))


def new_verification_code() -> str:
    """A fresh code from the operating system's randomness, e.g. '7K3Q-9F2M-XW4D-8HJT-2BNC'."""
    return group("".join(secrets.choice(ALPHABET) for _ in range(CODE_LENGTH)))


def normalise_code(text: str) -> str | None:
    """The code someone typed or read out, in its stored grouped form; None when it cannot be a code."""
    if not isinstance(text, str) or len(text) > MAX_INPUT_LENGTH:
        return None
    symbols = text.strip().upper().translate(SEPARATORS).translate(LOOKALIKES)
    if len(symbols) != CODE_LENGTH or any(symbol not in ALPHABET for symbol in symbols):
        return None
    return group(symbols)
