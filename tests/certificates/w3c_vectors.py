# ruff: noqa: E501 - Example 39 is kept exactly as published, one long line included.
"""The W3C vc-di-eddsa eddsa-jcs-2022 test vectors, shared by the signer's tests and the independent verifier's.

Source of the current vector: the W3C Recommendation "Data Integrity EdDSA Cryptosuites v1.0" (2025,
https://www.w3.org/TR/vc-di-eddsa/, snapshot w3c/vc-di-eddsa transitions/2025/REC/index.html), Appendix B.3
"Representation: eddsa-jcs-2022", Examples 29 to 39: the key pair, the credential without proof, the proof
options with the document's @context, the intermediate hashes, the signature and the signed credential.
The 2026 First Public Working Draft (transitions/2026/FPWD) repeats the same example.

An earlier vector with another verification method (w3c/vc-di-eddsa TestVectors/eddsa-jcs-2022/signedJCS.json)
is kept too: it signs the same document and proof options apart from the method, so both must reproduce.
"""

from datetime import UTC, datetime

W3C_SEED_SETTING = "yW756hDF5BTEcXI6_53nLDX6W3D66X6IMuysfS4rjtY"  # seed of secretKeyMultibase z3u2en7t...
W3C_PUBLIC_MULTIKEY = "z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2"
W3C_VERIFICATION_METHOD = f"did:key:{W3C_PUBLIC_MULTIKEY}#{W3C_PUBLIC_MULTIKEY}"
W3C_CREATED = datetime(2023, 2, 24, 23, 36, 38, tzinfo=UTC)
W3C_CONTEXT = ["https://www.w3.org/ns/credentials/v2", "https://www.w3.org/ns/credentials/examples/v2"]
W3C_UNSIGNED = {
    "@context": W3C_CONTEXT,
    "id": "urn:uuid:58172aac-d8ba-11ed-83dd-0b3aef56cc33",
    "type": ["VerifiableCredential", "AlumniCredential"],
    "name": "Alumni Credential",
    "description": "A minimum viable example of an Alumni Credential.",
    "issuer": "https://vc.example/issuers/5678",
    "validFrom": "2023-01-01T00:00:00Z",
    "credentialSubject": {"id": "did:example:abcdefgh", "alumniOf": "The School of Examples"},
}

# Example 31, 32: the canonical credential without proof and its SHA-256.
W3C_CANONICAL_DOCUMENT = (
    '{"@context":["https://www.w3.org/ns/credentials/v2","https://www.w3.org/ns/credentials/examples/v2"],'
    '"credentialSubject":{"alumniOf":"The School of Examples","id":"did:example:abcdefgh"},'
    '"description":"A minimum viable example of an Alumni Credential.",'
    '"id":"urn:uuid:58172aac-d8ba-11ed-83dd-0b3aef56cc33","issuer":"https://vc.example/issuers/5678",'
    '"name":"Alumni Credential","type":["VerifiableCredential","AlumniCredential"],'
    '"validFrom":"2023-01-01T00:00:00Z"}'
)
W3C_DOCUMENT_HASH = "59b7cb6251b8991add1ce0bc83107e3db9dbbab5bd2c28f687db1a03abc92f19"
# Examples 34, 35: the canonical proof options (carrying the document's @context) and their SHA-256.
W3C_CANONICAL_PROOF_CONFIG = (
    '{"@context":["https://www.w3.org/ns/credentials/v2","https://www.w3.org/ns/credentials/examples/v2"],'
    '"created":"2023-02-24T23:36:38Z","cryptosuite":"eddsa-jcs-2022","proofPurpose":"assertionMethod",'
    '"type":"DataIntegrityProof","verificationMethod":"did:key:z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2'
    '#z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2"}'
)
W3C_PROOF_CONFIG_HASH = "66ab154f5c2890a140cb8388a22a160454f80575f6eae09e5a097cabe539a1db"
# Examples 37, 38: the signature in hex and as multibase base58btc.
W3C_SIGNATURE_HEX = (
    "407cd12654b33d718ecbb99179a1506daaa849450bf3fc523cce3e1c96f8b803"
    "51da3f253d725c6f00b07c9e5448d50b3ef78012b9ab54255116d069c6dd2808"
)
W3C_PROOF_VALUE = "z2HnFSSPPBzR36zdDgK8PbEHeXbR56YF24jwMpt3R1eHXQzJDMWS93FCzpvJpwTWd3GAVFuUfjoJdcnTMuVor51aX"
W3C_SIGNED = {
    **W3C_UNSIGNED,
    "proof": {
        "type": "DataIntegrityProof",
        "cryptosuite": "eddsa-jcs-2022",
        "created": "2023-02-24T23:36:38Z",
        "verificationMethod": W3C_VERIFICATION_METHOD,
        "proofPurpose": "assertionMethod",
        "@context": W3C_CONTEXT,
        "proofValue": W3C_PROOF_VALUE,
    },
}
# Example 39 exactly as published (two-space indent): the signed credential, proof @context included.
W3C_SIGNED_TEXT = """{
  "@context": [
    "https://www.w3.org/ns/credentials/v2",
    "https://www.w3.org/ns/credentials/examples/v2"
  ],
  "id": "urn:uuid:58172aac-d8ba-11ed-83dd-0b3aef56cc33",
  "type": [
    "VerifiableCredential",
    "AlumniCredential"
  ],
  "name": "Alumni Credential",
  "description": "A minimum viable example of an Alumni Credential.",
  "issuer": "https://vc.example/issuers/5678",
  "validFrom": "2023-01-01T00:00:00Z",
  "credentialSubject": {
    "id": "did:example:abcdefgh",
    "alumniOf": "The School of Examples"
  },
  "proof": {
    "type": "DataIntegrityProof",
    "cryptosuite": "eddsa-jcs-2022",
    "created": "2023-02-24T23:36:38Z",
    "verificationMethod": "did:key:z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2#z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2",
    "proofPurpose": "assertionMethod",
    "@context": [
      "https://www.w3.org/ns/credentials/v2",
      "https://www.w3.org/ns/credentials/examples/v2"
    ],
    "proofValue": "z2HnFSSPPBzR36zdDgK8PbEHeXbR56YF24jwMpt3R1eHXQzJDMWS93FCzpvJpwTWd3GAVFuUfjoJdcnTMuVor51aX"
  }
}"""

# The earlier repository vector (TestVectors/eddsa-jcs-2022/signedJCS.json): an https verification method.
W3C_REPO_VERIFICATION_METHOD = f"https://vc.example/issuers/5678#{W3C_PUBLIC_MULTIKEY}"
W3C_REPO_PROOF_VALUE = "z63t83Y53KfzJ5ZosfKTnqfMcKB2dmTrfjSaQjeNNjAD5srBowQfmWqeRb8rRjmeEuCBEsddF9LsVogtuTsijJKh4"
W3C_REPO_SIGNED = {
    **W3C_UNSIGNED,
    "proof": {
        **{name: value for name, value in W3C_SIGNED["proof"].items() if name != "proofValue"},
        "verificationMethod": W3C_REPO_VERIFICATION_METHOD,
        "proofValue": W3C_REPO_PROOF_VALUE,
    },
}
