"""The W3C vc-di-eddsa eddsa-jcs-2022 test vector, shared by the signer's tests and the independent verifier's."""

from datetime import UTC, datetime

# Facts from the W3C vc-di-eddsa test vectors (w3c/vc-di-eddsa: TestVectors/keyPair.json and
# TestVectors/eddsa-jcs-2022/signedJCS.json, shown in the spec's "Representation: eddsa-jcs-2022" appendix).
W3C_SEED_SETTING = "yW756hDF5BTEcXI6_53nLDX6W3D66X6IMuysfS4rjtY"  # seed of privateKeyMultibase z3u2en7t...
W3C_PUBLIC_MULTIKEY = "z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2"
W3C_VERIFICATION_METHOD = "https://vc.example/issuers/5678#z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2"
W3C_CREATED = datetime(2023, 2, 24, 23, 36, 38, tzinfo=UTC)
W3C_PROOF_VALUE = "z63t83Y53KfzJ5ZosfKTnqfMcKB2dmTrfjSaQjeNNjAD5srBowQfmWqeRb8rRjmeEuCBEsddF9LsVogtuTsijJKh4"
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
