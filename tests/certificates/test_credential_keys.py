"""The issuer key setting, Multikey encoding and the did:web identity that publishes the key."""

from __future__ import annotations

import base64
import subprocess
import sys
from pathlib import Path

import base58
import pytest

from certificates.credentials.did_web import (
    did_document,
    did_for_host,
    public_key_in_did_document,
    verification_method_id,
)
from certificates.credentials.issuer_key import IssuerKey, IssuerKeyError, public_key_from_multikey

# W3C vc-di-eddsa test vectors (w3c/vc-di-eddsa, TestVectors/keyPair.json): a published Ed25519 key pair.
W3C_PUBLIC_MULTIKEY = "z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2"
W3C_PRIVATE_MULTIKEY = "z3u2en7t5LR2WtQH5PfFqMqwVHBeXouLzo6haApm8XHqvjxq"
# The seed inside W3C_PRIVATE_MULTIKEY (after its 0x8026 ed25519-priv prefix), as the setting holds it.
W3C_SEED_SETTING = "yW756hDF5BTEcXI6_53nLDX6W3D66X6IMuysfS4rjtY"


def setting_for(seed: bytes) -> str:
    return base64.urlsafe_b64encode(seed).rstrip(b"=").decode()


# ------------------------------------------------------------------------------------------- the setting


def test_the_setting_constant_is_the_seed_inside_the_published_private_key():
    decoded = base58.b58decode(W3C_PRIVATE_MULTIKEY[1:])

    assert decoded[:2] == b"\x80\x26"  # multicodec ed25519-priv
    assert setting_for(decoded[2:]) == W3C_SEED_SETTING


def test_the_published_w3c_key_pair_gives_the_published_multikey():
    key = IssuerKey.from_setting(W3C_SEED_SETTING)

    assert key.public_multikey == W3C_PUBLIC_MULTIKEY
    assert public_key_from_multikey(W3C_PUBLIC_MULTIKEY) == key.public_key_bytes


def test_a_generated_setting_value_reads_back_as_a_working_key():
    value = IssuerKey.generate_setting_value()
    key = IssuerKey.from_setting(value)

    assert len(value) == 43 and "=" not in value
    assert key.public_multikey.startswith("z6Mk")
    assert len(key.public_key_bytes) == 32
    key.private_key.public_key().verify(key.sign(b"hello"), b"hello")


def test_two_generated_settings_differ():
    assert IssuerKey.generate_setting_value() != IssuerKey.generate_setting_value()


def test_surrounding_whitespace_in_the_setting_is_ignored():
    assert IssuerKey.from_setting(f"  {W3C_SEED_SETTING}\n").public_multikey == W3C_PUBLIC_MULTIKEY


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("", "empty"),
        ("   ", "empty"),
        (None, "empty"),
        (W3C_SEED_SETTING + "=", "padding"),
        ("yW756hDF5BTEcXI6_53nLDX6W3D66X6IMuysfS4rjt!", "not valid base64url"),
        ("yW756hDF5BTEcXI6/53nLDX6W3D66X6IMuysfS4rjtY", "not valid base64url"),
        (setting_for(bytes(31)), "31 bytes"),
        (setting_for(bytes(64)), "64 bytes"),
    ],
)
def test_a_bad_setting_is_refused_with_a_reason(value, message):
    with pytest.raises(IssuerKeyError, match=message):
        IssuerKey.from_setting(value)


def test_the_key_does_not_show_itself_in_its_repr():
    assert W3C_SEED_SETTING not in repr(IssuerKey.from_setting(W3C_SEED_SETTING))


# ------------------------------------------------------------------------------------------- Multikey


@pytest.mark.parametrize(
    ("multikey", "message"),
    [
        ("", "empty"),
        (None, "empty"),
        ("6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2", "must start with 'z'"),
        ("z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ0", "base58btc alphabet"),  # "0" is not base58
        (W3C_PRIVATE_MULTIKEY, "not an Ed25519 public key"),  # a private key must never pass as public
        ("z" + base58.b58encode(b"\xed\x01" + bytes(31)).decode(), "31 key bytes"),
    ],
)
def test_a_bad_multikey_is_refused_with_a_reason(multikey, message):
    with pytest.raises(ValueError, match=message):
        public_key_from_multikey(multikey)


# ------------------------------------------------------------------------------------------- did:web


@pytest.mark.parametrize(
    ("host", "did"),
    [
        ("lms.example.org", "did:web:lms.example.org"),
        ("lms.example.org:8000", "did:web:lms.example.org%3A8000"),
        ("LMS.Example.ORG", "did:web:lms.example.org"),
        ("localhost:8000", "did:web:localhost%3A8000"),
    ],
)
def test_the_did_for_a_host_percent_encodes_the_port(host, did):
    assert did_for_host(host) == did


@pytest.mark.parametrize(
    "host", ["", "https://lms.example.org", "lms.example.org/path", "lms.example.org:http", "user@host", "a b"]
)
def test_a_host_that_is_not_a_domain_and_port_is_refused(host):
    with pytest.raises(ValueError, match="host"):
        did_for_host(host)


def test_the_verification_method_is_the_did_with_a_chosen_fragment():
    did = "did:web:lms.example.org%3A8000"

    assert verification_method_id(did) == "did:web:lms.example.org%3A8000#key-1"
    assert verification_method_id(did, "key-2026") == "did:web:lms.example.org%3A8000#key-2026"
    with pytest.raises(ValueError, match="fragment"):
        verification_method_id(did, "")
    with pytest.raises(ValueError, match="did:"):
        verification_method_id("https://lms.example.org")


def test_the_did_document_publishes_one_multikey_for_assertions():
    did = did_for_host("lms.example.org:8000")

    document = did_document(did, W3C_PUBLIC_MULTIKEY)

    method_id = "did:web:lms.example.org%3A8000#key-1"
    assert document == {
        "@context": ["https://www.w3.org/ns/did/v1", "https://w3id.org/security/multikey/v1"],
        "id": did,
        "verificationMethod": [
            {
                "id": method_id,
                "type": "Multikey",
                "controller": did,
                "publicKeyMultibase": W3C_PUBLIC_MULTIKEY,
            }
        ],
        "assertionMethod": [method_id],
        "authentication": [method_id],
    }


def test_the_did_document_refuses_a_value_that_is_not_a_public_key():
    with pytest.raises(ValueError, match="not an Ed25519 public key"):
        did_document("did:web:lms.example.org", W3C_PRIVATE_MULTIKEY)


def test_a_verifier_finds_the_key_in_the_did_document_only_under_its_own_id():
    did = did_for_host("lms.example.org")
    document = did_document(did, W3C_PUBLIC_MULTIKEY, key_fragment="key-7")

    assert public_key_in_did_document(document, f"{did}#key-7") == public_key_from_multikey(W3C_PUBLIC_MULTIKEY)
    assert public_key_in_did_document(document, f"{did}#key-1") is None
    assert public_key_in_did_document(document, "did:web:elsewhere.example#key-7") is None
    assert public_key_in_did_document("not a document", f"{did}#key-7") is None


def test_a_key_listed_but_not_for_assertions_is_not_used():
    did = did_for_host("lms.example.org")
    document = did_document(did, W3C_PUBLIC_MULTIKEY)
    document["assertionMethod"] = []

    assert public_key_in_did_document(document, f"{did}#key-1") is None


# ------------------------------------------------------------------------------------------- boundary


def test_the_credentials_package_loads_without_django():
    """The signing half is plain Python; a fresh interpreter imports all of it and Django stays unloaded."""
    program = (
        "import sys\n"
        "import certificates.credentials.data_integrity, certificates.credentials.did_web\n"
        "import certificates.credentials.issuer_key, certificates.credentials.open_badges\n"
        "import certificates.credentials.status_list\n"
        "print(sorted(name for name in sys.modules if name.split('.')[0] == 'django'))\n"
    )
    repository = Path(__file__).resolve().parents[2]

    finished = subprocess.run(  # noqa: S603 - fixed program run by this interpreter
        [sys.executable, "-c", program], cwd=repository, capture_output=True, text=True, check=True
    )

    assert finished.stdout.strip() == "[]"
