"""RS256 tokens, JWKS and scrypt hashes made by the Swift Security module, checked by
independent implementations: PyJWT + cryptography for JWT/JWKS, hashlib for scrypt.

The Swift test `InteropArtifactsTests.writeArtifacts` writes the artifacts into
$TRADEBOT_SWIFT_GOLDEN_OUT/security during `swift test` (scripts/test runs pytest afterwards).
"""
import base64
import hashlib
import hmac
import json
import os
import pathlib
import time

import pytest

jwt = pytest.importorskip("jwt")

OUT = os.environ.get("TRADEBOT_SWIFT_GOLDEN_OUT")
DIR = pathlib.Path(OUT) / "security" if OUT else None

pytestmark = pytest.mark.skipif(
    DIR is None or not (DIR / "token.txt").exists(),
    reason="Swift interop artifacts missing: run `swift test` with TRADEBOT_SWIFT_GOLDEN_OUT set (scripts/test does)",
)


def read(name: str) -> str:
    return (DIR / name).read_text().strip()


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def test_pyjwt_verifies_swift_token():
    claims = jwt.decode(
        read("token.txt"), read("public.pem"), algorithms=["RS256"], audience="tradebot-api", issuer="tradebotd",
        options={"require": ["iss", "aud", "sub", "iat", "nbf", "exp", "jti"]},
    )
    assert claims["sub"] == "user-7"
    assert claims["role"] == "trader"
    assert claims["jti"] == read("jti.txt")
    assert claims["exp"] - claims["iat"] == 900
    assert claims["nbf"] == claims["iat"]


def test_header_is_rs256_with_rfc7638_kid():
    header = jwt.get_unverified_header(read("token.txt"))
    assert header == {"alg": "RS256", "typ": "JWT", "kid": read("kid.txt")}
    jwk = json.loads(jwt.algorithms.RSAAlgorithm.to_jwk(jwt.algorithms.RSAAlgorithm.from_jwk(
        json.loads(read("jwks.json"))["keys"][0])))
    canonical = json.dumps({"e": jwk["e"], "kty": "RSA", "n": jwk["n"]}, separators=(",", ":"), sort_keys=True)
    assert b64url(hashlib.sha256(canonical.encode()).digest()) == header["kid"]


def test_jwks_key_verifies_token():
    keys = jwt.PyJWKSet.from_json(read("jwks.json"))
    key = keys[read("kid.txt")]
    claims = jwt.decode(read("token.txt"), key.key, algorithms=["RS256"], audience="tradebot-api")
    assert claims["sub"] == "user-7"


def test_pyjwt_refuses_tampered_swift_token():
    header, payload, signature = read("token.txt").split(".")
    claims = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    claims["role"] = "admin"
    forged = ".".join([header, b64url(json.dumps(claims).encode()), signature])
    with pytest.raises(jwt.InvalidSignatureError):
        jwt.decode(forged, read("public.pem"), algorithms=["RS256"], audience="tradebot-api")


def test_hashlib_scrypt_verifies_swift_password_hash():
    _, algorithm, params, salt, digest = read("scrypt.txt").split("$")
    assert algorithm == "scrypt"
    values = dict(item.split("=") for item in params.split(","))
    unb64 = lambda s: base64.b64decode(s + "=" * (-len(s) % 4))
    derived = hashlib.scrypt("interop pässword".encode(), salt=unb64(salt), n=1 << int(values["ln"]),
                             r=int(values["r"]), p=int(values["p"]), dklen=len(unb64(digest)), maxmem=64 << 20)
    assert hmac.compare_digest(derived, unb64(digest))


def write_reverse_tokens(directory: pathlib.Path) -> None:
    """Tokens for the manual reverse check (Swift verifies PyJWT's tokens); see docs/SECURITY.md."""
    private = read("private.pem")
    public = read("public.pem")
    now = int(time.time())
    base = {"iss": "tradebotd", "aud": "tradebot-api", "sub": "py-user", "role": "observer",
            "iat": now, "nbf": now, "exp": now + 600, "jti": "py-1"}
    kid = {"kid": read("kid.txt")}
    tokens = {
        "pyjwt-valid.txt": jwt.encode(base, private, algorithm="RS256", headers=kid),
        "pyjwt-rs512.txt": jwt.encode(base, private, algorithm="RS512", headers=kid),
        "pyjwt-expired.txt": jwt.encode({**base, "iat": now - 7200, "nbf": now - 7200, "exp": now - 3600},
                                        private, algorithm="RS256", headers=kid),
        "pyjwt-wrong-aud.txt": jwt.encode({**base, "aud": "someone-else"}, private, algorithm="RS256", headers=kid),
        "pyjwt-no-kid.txt": jwt.encode(base, private, algorithm="RS256"),
        "pyjwt-none.txt": jwt.encode(base, None, algorithm="none"),
    }
    # PyJWT refuses to use a PEM public key as an HMAC secret, so build the classic
    # key-confusion forgery by hand.
    signing_input = b64url(json.dumps({"alg": "HS256", "typ": "JWT", **kid}).encode()) + "." + \
        b64url(json.dumps(base).encode())
    tokens["pyjwt-hs256-public-key.txt"] = signing_input + "." + b64url(
        hmac.new(public.encode(), signing_input.encode(), hashlib.sha256).digest())
    directory.mkdir(exist_ok=True)
    (directory / "private.pem").write_text(private)
    os.chmod(directory / "private.pem", 0o600)
    for name, token in tokens.items():
        (directory / name).write_text(token)


def test_reverse_tokens_can_be_written(tmp_path):
    write_reverse_tokens(tmp_path)
    assert (tmp_path / "pyjwt-valid.txt").read_text().count(".") == 2
