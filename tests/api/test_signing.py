"""Signature version 2.0: ZEGO's own vector, the formula, and what travels in the query."""

from __future__ import annotations

import hashlib
import re

from dhbrowser.api.signing import common_params, new_nonce, signature


def test_zego_documentation_vector() -> None:
    assert (
        signature(12345, "4fd24687296dd9f3", "9193cc662a4c0ec135ec71fb57194b38", 1615186943)
        == "43e5cfcca828314675f91b001390566a"
    )


def test_signature_is_md5_of_the_four_values_concatenated() -> None:
    app_id, nonce, secret, timestamp = 4294967295, "00ff00ff00ff00ff", "a" * 32, 1700000000
    by_hand = hashlib.md5(
        b"4294967295" + b"00ff00ff00ff00ff" + b"a" * 32 + b"1700000000", usedforsecurity=False
    ).hexdigest()
    assert signature(app_id, nonce, secret, timestamp) == by_hand
    assert re.fullmatch(r"[0-9a-f]{32}", by_hand)


def test_common_params_carry_the_nonce_and_timestamp_that_were_signed() -> None:
    params = common_params(
        987654321, "my-secret", clock=lambda: 1700000123.9, nonce=lambda: "0123456789abcdef"
    )
    assert params == {
        "AppId": "987654321",
        "SignatureNonce": "0123456789abcdef",
        "Timestamp": "1700000123",
        "SignatureVersion": "2.0",
        "Signature": hashlib.md5(
            b"9876543210123456789abcdefmy-secret1700000123", usedforsecurity=False
        ).hexdigest(),
    }
    assert "my-secret" not in "".join(params.values())


def test_every_call_gets_a_fresh_16_hex_nonce() -> None:
    nonces = [common_params(1, "s")["SignatureNonce"] for _ in range(50)] + [new_nonce()]
    assert all(re.fullmatch(r"[0-9a-f]{16}", nonce) for nonce in nonces)
    assert len(set(nonces)) == len(nonces)


def test_signature_changes_with_each_nonce() -> None:
    first, second = (common_params(1, "s", clock=lambda: 1700000000.0) for _ in range(2))
    assert first["Signature"] != second["Signature"]
    for params in (first, second):
        expected = signature(1, params["SignatureNonce"], "s", 1700000000)
        assert params["Signature"] == expected
