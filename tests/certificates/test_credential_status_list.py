"""The Bitstring Status List: bits, their order, the encoding, refusals, and the signed list credential."""

from __future__ import annotations

import base64
import gzip
from datetime import UTC, datetime

import pytest

from certificates.credentials.data_integrity import add_proof, verify_proof
from certificates.credentials.issuer_key import IssuerKey
from certificates.credentials.status_list import (
    MAX_STATUS_LIST_BYTES,
    MIN_STATUS_LIST_BITS,
    Bitstring,
    status_entry,
    status_list_credential,
)

LIST_URL = "https://lms.example.org/certificates/status/1"
ISSUER = {"id": "did:web:lms.example.org", "type": ["Profile"], "name": "VSMC", "url": "https://lms.example.org/"}
KEY = IssuerKey.from_setting("AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8")
METHOD = "did:web:lms.example.org#key-1"
PUBLISHED_AT = datetime(2025, 3, 1, 9, 30, tzinfo=UTC)
# The example encodedList of W3C Bitstring Status List v1.0 ("Example BitstringStatusListCredential"):
# 16 KiB of zero bits, GZIP'd and written as multibase base64url.
W3C_EXAMPLE_ENCODED_LIST = "uH4sIAAAAAAAAA-3BMQEAAADCoPVPbQwfoAAAAAAAAAAAAAAAAAAAAIC3AYbSVKsAQAAA"


def multibase(data: bytes) -> str:
    return "u" + base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def encoded(raw: bytes) -> str:
    """GZIP with a fixed header time: the same bytes every run, so every test process collects the same ids."""
    return multibase(gzip.compress(raw, mtime=0))


def raw_bytes(bits: Bitstring) -> bytes:
    """The uncompressed bytes behind an encoded list, read without the code under test."""
    text = bits.encode()[1:]
    return gzip.decompress(base64.urlsafe_b64decode(text + "=" * (-len(text) % 4)))


# ------------------------------------------------------------------------------------------- bits


def test_a_new_list_is_the_minimum_size_with_every_bit_clear():
    bits = Bitstring()

    assert bits.size == MIN_STATUS_LIST_BITS == 131_072
    assert raw_bytes(bits) == bytes(16 * 1024)


def test_set_and_get_one_bit_at_a_time():
    bits = Bitstring()

    bits.set(0)
    bits.set(9)
    bits.set(MIN_STATUS_LIST_BITS - 1)

    assert [index for index in (0, 1, 8, 9, 10, MIN_STATUS_LIST_BITS - 1) if bits.get(index)] == [
        0,
        9,
        MIN_STATUS_LIST_BITS - 1,
    ]
    bits.set(9, False)
    assert not bits.get(9)
    assert bits.get(0)


def test_index_zero_is_the_left_most_bit_of_the_first_byte():
    bits = Bitstring()
    bits.set(0)
    bits.set(9)
    bits.set(15)
    bits.set(MIN_STATUS_LIST_BITS - 1)

    raw = raw_bytes(bits)

    assert raw[0] == 0b1000_0000
    assert raw[1] == 0b0100_0001
    assert raw[-1] == 0b0000_0001
    assert raw[2:-1] == bytes(len(raw) - 3)


@pytest.mark.parametrize("index", [-1, MIN_STATUS_LIST_BITS])
def test_an_index_outside_the_list_is_refused(index):
    bits = Bitstring()

    with pytest.raises(IndexError, match="outside"):
        bits.get(index)
    with pytest.raises(IndexError, match="outside"):
        bits.set(index)


@pytest.mark.parametrize("index", ["3", 3.0, True])
def test_an_index_that_is_not_a_whole_number_is_refused(index):
    with pytest.raises(TypeError, match="whole number"):
        Bitstring().get(index)


@pytest.mark.parametrize(("size", "message"), [(1024, "at least 131,072"), (MIN_STATUS_LIST_BITS + 3, "multiple of 8")])
def test_a_list_smaller_than_the_minimum_or_not_whole_bytes_is_refused(size, message):
    with pytest.raises(ValueError, match=message):
        Bitstring(size)


def test_a_larger_list_can_be_made():
    bits = Bitstring(2 * MIN_STATUS_LIST_BITS)
    bits.set(2 * MIN_STATUS_LIST_BITS - 1)

    assert Bitstring.decode(bits.encode()).get(2 * MIN_STATUS_LIST_BITS - 1)


# ------------------------------------------------------------------------------------------- encoding


def test_encode_and_decode_round_trip():
    bits = Bitstring()
    revoked = {0, 7, 8, 4_096, 99_999, MIN_STATUS_LIST_BITS - 1}
    for index in revoked:
        bits.set(index)

    decoded = Bitstring.decode(bits.encode())

    assert decoded.size == bits.size
    assert {index for index in range(decoded.size) if decoded.get(index)} == revoked


def test_the_encoding_is_multibase_base64url_without_padding_and_stable():
    bits = Bitstring()
    bits.set(42)

    value = bits.encode()

    assert value.startswith("u")
    assert set(value[1:]) <= set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")
    assert value == bits.encode()  # no timestamp in the GZIP header, so republishing changes nothing


def test_the_w3c_example_list_decodes_to_16_kib_of_clear_bits():
    bits = Bitstring.decode(W3C_EXAMPLE_ENCODED_LIST)

    assert bits.size == 131_072
    assert not any(bits.get(index) for index in range(bits.size))


def test_a_list_made_by_another_gzip_writer_is_read():
    raw = bytearray(16 * 1024)
    raw[1] = 0b0010_0000  # index 10

    bits = Bitstring.decode(encoded(bytes(raw)))

    assert bits.get(10)
    assert not bits.get(9) and not bits.get(11)


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (encoded(bytes(16 * 1024))[1:], "must start with 'u'"),
        ("z" + encoded(bytes(16 * 1024))[1:], "must start with 'u'"),
        (None, "must start with 'u'"),
        ("u", "not valid base64url"),
        ("uH4sI+AAAA", "not valid base64url"),
        ("uH4sI/AAAA", "not valid base64url"),
        ("uH4sIAA==", "not valid base64url"),
        ("uAAAAA", "not valid base64url"),
        (multibase(bytes(64)), "not GZIP"),
        (multibase(gzip.compress(bytes(16 * 1024), mtime=0)[:20]), "ends before"),
        (multibase(gzip.compress(bytes(16 * 1024), mtime=0) + b"junk"), "data after"),
        (encoded(bytes(1024)), "shorter than the minimum"),
    ],
)
def test_a_bad_encoding_is_refused_with_a_reason(value, message):
    with pytest.raises(ValueError, match=message):
        Bitstring.decode(value)


def test_a_list_that_inflates_beyond_the_limit_is_refused_without_inflating_it_all():
    bomb = encoded(bytes(MAX_STATUS_LIST_BYTES + 1))

    with pytest.raises(ValueError, match="beyond 16 MiB"):
        Bitstring.decode(bomb)


# ------------------------------------------------------------------------------------------- credentials


def test_the_status_entry_points_at_one_bit_of_the_list():
    assert status_entry(LIST_URL, 94567) == {
        "id": "https://lms.example.org/certificates/status/1#94567",
        "type": "BitstringStatusListEntry",
        "statusPurpose": "revocation",
        "statusListIndex": "94567",
        "statusListCredential": LIST_URL,
    }


@pytest.mark.parametrize(("url", "index"), [(LIST_URL, -1), (LIST_URL, "5"), (LIST_URL, True), ("", 5)])
def test_a_bad_status_entry_is_refused(url, index):
    with pytest.raises(ValueError):
        status_entry(url, index)


def test_the_status_list_credential_carries_the_encoded_bits():
    bits = Bitstring()
    bits.set(3)

    credential = status_list_credential(LIST_URL, ISSUER, bits, PUBLISHED_AT)

    assert credential == {
        "@context": [
            "https://www.w3.org/ns/credentials/v2",
            "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
        ],
        "id": LIST_URL,
        "type": ["VerifiableCredential", "BitstringStatusListCredential"],
        "issuer": ISSUER,
        "validFrom": "2025-03-01T09:30:00Z",
        "credentialSubject": {
            "id": f"{LIST_URL}#list",
            "type": "BitstringStatusList",
            "statusPurpose": "revocation",
            "encodedList": bits.encode(),
        },
    }
    assert Bitstring.decode(credential["credentialSubject"]["encodedList"]).get(3)


def test_the_signed_status_list_verifies_and_a_flipped_bit_does_not():
    bits = Bitstring()
    signed = add_proof(status_list_credential(LIST_URL, ISSUER, bits, PUBLISHED_AT), KEY, METHOD, PUBLISHED_AT)
    resolve = {METHOD: KEY.public_key_bytes}.get

    assert verify_proof(signed, resolve).verified

    bits.set(5)
    signed["credentialSubject"]["encodedList"] = bits.encode()
    assert verify_proof(signed, resolve).reason == "signature does not match"


def test_the_signed_status_list_carries_one_proof_object_with_the_lists_context():
    signed = add_proof(status_list_credential(LIST_URL, ISSUER, Bitstring(), PUBLISHED_AT), KEY, METHOD, PUBLISHED_AT)

    assert isinstance(signed["proof"], dict)
    assert signed["proof"]["@context"] == signed["@context"]
    assert signed["proof"]["cryptosuite"] == "eddsa-jcs-2022"
