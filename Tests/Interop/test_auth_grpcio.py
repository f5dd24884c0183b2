"""Auth against the real tradebotd with Python grpcio, and JWT forgeries made with PyJWT.

Messages are generated from Protocol/ at test time (the `pb` fixture); nothing here shares code
with the Swift implementation.
"""
from __future__ import annotations

import base64
import hashlib
import hmac
import json
import time

import grpc
import jwt
import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

from conftest import ADMIN_PASSWORD


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def code_of(call) -> grpc.StatusCode:
    with pytest.raises(grpc.RpcError) as err:
        call()
    return err.value.code()


@pytest.fixture
def admin_token(auth_client):
    return auth_client.login("admin", ADMIN_PASSWORD).access_token


def test_admin_logs_in_and_whoami_names_it(auth_client):
    session = auth_client.login("admin", ADMIN_PASSWORD)
    assert session.refresh_token.startswith("tbr_")
    header = jwt.get_unverified_header(session.access_token)
    assert header["alg"] == "RS256" and header["kid"]
    claims = jwt.decode(session.access_token, options={"verify_signature": False})
    assert {"iss", "aud", "sub", "role", "iat", "nbf", "exp", "jti"} <= claims.keys()
    assert claims["exp"] - claims["iat"] == 15 * 60
    principal = auth_client.whoami(session.access_token)
    assert principal.subject == "admin"
    assert principal.role == auth_client.pb.common.Role.Value("ROLE_ADMIN")


def test_calls_without_or_with_a_bad_token_are_unauthenticated(auth_client):
    assert code_of(lambda: auth_client.whoami(None)) == grpc.StatusCode.UNAUTHENTICATED
    assert code_of(lambda: auth_client.whoami("not-a-jwt")) == grpc.StatusCode.UNAUTHENTICATED
    assert code_of(lambda: auth_client.login("admin", "definitely not it")) == grpc.StatusCode.UNAUTHENTICATED


def test_health_needs_no_token(auth_server):
    from grpc_health.v1 import health_pb2, health_pb2_grpc
    from conftest import grpc_channel
    with grpc_channel(auth_server) as ch:
        resp = health_pb2_grpc.HealthStub(ch).Check(health_pb2.HealthCheckRequest(), timeout=10)
    assert resp.status == health_pb2.HealthCheckResponse.SERVING


def test_observer_is_denied_admin_and_trader_rpcs(auth_client, admin_token):
    pb = auth_client.pb
    auth_client.create_user(admin_token, "olga", "observer")
    olga = auth_client.login("olga", "interop user passphrase").access_token
    assert auth_client.whoami(olga).role == pb.common.Role.Value("ROLE_OBSERVER")
    denied = code_of(lambda: auth_client.call("/tradebot.v1.Admin/ListUsers", pb.admin.ListUsersRequest(),
                                              pb.admin.ListUsersResponse, olga))
    assert denied == grpc.StatusCode.PERMISSION_DENIED
    # A trader RPC, served by the trading component: the interceptor refuses it before the handler.
    with pytest.raises(grpc.RpcError) as err:
        auth_client.call("/tradebot.v1.Orders/SubmitOrder", pb.orders.SubmitOrderRequest(symbol="EURUSD"),
                         pb.orders.SubmitOrderResponse, olga)
    assert err.value.code() == grpc.StatusCode.PERMISSION_DENIED


def _forge_base(claims_from: str) -> dict:
    claims = jwt.decode(claims_from, options={"verify_signature": False})
    now = int(time.time())
    return {**claims, "role": "admin", "iat": now, "nbf": now, "exp": now + 600, "jti": "forged"}


def test_pyjwt_forgeries_are_refused_by_the_server(auth_server, auth_client, admin_token):
    """alg none, HS256 keyed with the server's public key, a foreign RSA key, an edited payload."""
    kid = jwt.get_unverified_header(admin_token)["kid"]
    private = serialization.load_pem_private_key((auth_server.data_dir / "keys" / "signing-key.pem").read_bytes(),
                                                 password=None)
    public_pem = private.public_key().public_bytes(serialization.Encoding.PEM,
                                                   serialization.PublicFormat.SubjectPublicKeyInfo)
    claims = _forge_base(admin_token)

    alg_none = jwt.encode(claims, None, algorithm="none", headers={"kid": kid})
    signing_input = b64url(json.dumps({"alg": "HS256", "typ": "JWT", "kid": kid}).encode()) + "." + \
        b64url(json.dumps(claims).encode())
    hs256_public = signing_input + "." + b64url(hmac.new(public_pem, signing_input.encode(), hashlib.sha256).digest())
    other_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    foreign = jwt.encode(claims, other_key, algorithm="RS256", headers={"kid": kid})
    head, _, signature = admin_token.split(".")
    edited = head + "." + b64url(json.dumps(claims).encode()) + "." + signature
    rs512 = jwt.encode(claims, private, algorithm="RS512", headers={"kid": kid})
    expired = jwt.encode({**claims, "iat": claims["iat"] - 7200, "nbf": claims["iat"] - 7200,
                          "exp": claims["iat"] - 3600}, private, algorithm="RS256", headers={"kid": kid})
    wrong_audience = jwt.encode({**claims, "aud": "someone-else"}, private, algorithm="RS256", headers={"kid": kid})

    for name, token in [("alg none", alg_none), ("HS256 with the public key", hs256_public),
                        ("foreign RSA key", foreign), ("edited payload", edited), ("RS512", rs512),
                        ("expired", expired), ("wrong audience", wrong_audience)]:
        assert code_of(lambda: auth_client.whoami(token)) == grpc.StatusCode.UNAUTHENTICATED, name

    # Positive control: the same claims properly signed with the server's key are accepted, so the
    # refusals above are about the forgery, not the claims.
    genuine = jwt.encode(claims, private, algorithm="RS256", headers={"kid": kid})
    assert auth_client.whoami(genuine).subject == claims["sub"]


def test_refresh_rotates_and_reuse_revokes_the_family(auth_client):
    pb = auth_client.pb
    first = auth_client.login("admin", ADMIN_PASSWORD)

    def refresh(token):
        return auth_client.call("/tradebot.v1.Auth/Refresh", pb.auth.RefreshRequest(refresh_token=token),
                                pb.auth.RefreshResponse)

    second = refresh(first.refresh_token)
    assert second.refresh_token != first.refresh_token
    assert auth_client.whoami(second.access_token).subject == "admin"
    assert code_of(lambda: refresh(first.refresh_token)) == grpc.StatusCode.UNAUTHENTICATED
    assert code_of(lambda: refresh(second.refresh_token)) == grpc.StatusCode.UNAUTHENTICATED


def test_disabled_users_token_is_refused_at_once(auth_client, admin_token):
    pb = auth_client.pb
    auth_client.create_user(admin_token, "dave", "trader")
    dave = auth_client.login("dave", "interop user passphrase").access_token
    assert auth_client.whoami(dave).subject == "dave"
    auth_client.call("/tradebot.v1.Admin/DisableUser", pb.admin.DisableUserRequest(username="dave", reason="left"),
                     pb.admin.DisableUserResponse, admin_token)
    assert code_of(lambda: auth_client.whoami(dave)) == grpc.StatusCode.UNAUTHENTICATED


def test_logout_revokes_the_access_token(auth_client):
    pb = auth_client.pb
    session = auth_client.login("admin", ADMIN_PASSWORD)
    auth_client.call("/tradebot.v1.Auth/Logout", pb.auth.LogoutRequest(refresh_token=session.refresh_token),
                     pb.auth.LogoutResponse, session.access_token)
    assert code_of(lambda: auth_client.whoami(session.access_token)) == grpc.StatusCode.UNAUTHENTICATED


def test_api_token_is_returned_once_and_revocable(auth_client, admin_token):
    pb = auth_client.pb
    created = auth_client.call("/tradebot.v1.Admin/CreateApiToken",
                               pb.admin.CreateApiTokenRequest(name="feed", role=pb.common.Role.Value("ROLE_OBSERVER"),
                                                              ttl_seconds=3600),
                               pb.admin.CreateApiTokenResponse, admin_token)
    assert created.token.startswith("tba_")
    assert auth_client.whoami(created.token).subject == f"api-token:{created.info.token_id}"
    listed = auth_client.call("/tradebot.v1.Admin/ListApiTokens", pb.admin.ListApiTokensRequest(),
                              pb.admin.ListApiTokensResponse, admin_token)
    assert created.token not in str(listed)
    auth_client.call("/tradebot.v1.Admin/RevokeToken", pb.admin.RevokeTokenRequest(token_id=created.info.token_id),
                     pb.admin.RevokeTokenResponse, admin_token)
    assert code_of(lambda: auth_client.whoami(created.token)) == grpc.StatusCode.UNAUTHENTICATED


def test_invalid_requests_name_the_field(auth_client, admin_token):
    with pytest.raises(grpc.RpcError) as err:
        auth_client.create_user(admin_token, "Not Valid", "trader")
    assert err.value.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert err.value.details().startswith("username:")


def test_secrets_never_reach_the_server_log(auth_server, auth_client):
    session = auth_client.login("admin", ADMIN_PASSWORD)
    output = auth_server.output()
    assert ADMIN_PASSWORD not in output
    assert session.access_token not in output and session.refresh_token not in output


def test_generated_admin_password_file_is_private_and_only_its_path_is_logged(start_server, pb):
    from conftest import AuthClient
    server = start_server()
    password_file = server.data_dir / "initial-admin-password"
    assert password_file.stat().st_mode & 0o777 == 0o600
    password = password_file.read_text().strip()
    assert str(password_file) in server.output()
    assert password not in server.output()
    client = AuthClient(server, pb)
    try:
        assert client.whoami(client.login("admin", password).access_token).subject == "admin"
    finally:
        client.close()


def test_users_and_api_tokens_projections_follow_the_journal(auth_server, auth_client, admin_token):
    """The read models in SQLite, read with the sqlite3 shell (WAL: readable while the server runs)."""
    import shutil
    import subprocess
    if shutil.which("sqlite3") is None:
        pytest.skip("sqlite3 shell not installed")
    pb = auth_client.pb
    auth_client.create_user(admin_token, "proj-user", "trader")
    created = auth_client.call("/tradebot.v1.Admin/CreateApiToken",
                               pb.admin.CreateApiTokenRequest(name="proj-token", role=pb.common.Role.Value("ROLE_TRADER")),
                               pb.admin.CreateApiTokenResponse, admin_token)
    db = str(auth_server.data_dir / "tradebot.db")

    def query(sql: str) -> str:
        return subprocess.run(["sqlite3", "-readonly", db, sql], capture_output=True, text=True, check=True).stdout

    assert "proj-user|trader|1|admin" in query(
        "select username, role, enabled, created_by from users where username = 'proj-user'")
    row = query(f"select name, role, created_by, revoked_at is null from api_tokens "
                f"where token_id = '{created.info.token_id}'")
    assert row.strip() == "proj-token|trader|admin|1"
    schema = query(".schema users") + query(".schema api_tokens")
    assert "hash" not in schema
    assert created.token not in query("select * from api_tokens")


def test_repeated_failed_logins_are_throttled(start_server, pb):
    """Its own server: throttling the shared one would lock the other tests out."""
    from conftest import AuthClient
    server = start_server(env={"TRADEBOT_ADMIN_PASSWORD": ADMIN_PASSWORD})
    client = AuthClient(server, pb)
    try:
        codes = [code_of(lambda: client.login("admin", "wrong guess number one")) for _ in range(4)]
        assert codes == [grpc.StatusCode.UNAUTHENTICATED] * 4
        with pytest.raises(grpc.RpcError) as err:
            client.login("admin", ADMIN_PASSWORD)
        assert err.value.code() == grpc.StatusCode.RESOURCE_EXHAUSTED
        assert "retry after" in err.value.details()
        trailers = dict(err.value.trailing_metadata() or ())
        assert 0 < int(trailers["grpc-retry-pushback-ms"]) <= 60_000
    finally:
        client.close()
