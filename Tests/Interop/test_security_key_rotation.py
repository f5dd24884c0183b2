"""tradebotd rotate-jwt-key against the real binaries: refused while the server runs; after an
offline rotation, tokens issued before it still work and new tokens carry the new kid."""
import base64
import json
import subprocess

import grpc

from conftest import ADMIN_PASSWORD, binary


def kid(token: str) -> str:
    header = token.split(".")[0]
    return json.loads(base64.urlsafe_b64decode(header + "=" * (-len(header) % 4)))["kid"]


def login(server, pb):
    channel = grpc.secure_channel(server.address, grpc.ssl_channel_credentials(root_certificates=server.ca.read_bytes()))
    call = channel.unary_unary("/tradebot.v1.Auth/Login", request_serializer=lambda m: m.SerializeToString(),
                               response_deserializer=pb.auth.LoginResponse.FromString)
    token = call(pb.auth.LoginRequest(username="admin", password=ADMIN_PASSWORD), timeout=60).access_token
    channel.close()
    return token


def whoami(server, pb, token):
    channel = grpc.secure_channel(server.address, grpc.ssl_channel_credentials(root_certificates=server.ca.read_bytes()))
    call = channel.unary_unary("/tradebot.v1.Auth/WhoAmI", request_serializer=lambda m: m.SerializeToString(),
                               response_deserializer=pb.auth.WhoAmIResponse.FromString)
    try:
        return call(pb.auth.WhoAmIRequest(), metadata=[("authorization", f"Bearer {token}")], timeout=30).principal
    finally:
        channel.close()


def rotate(data_dir, *extra):
    return subprocess.run([str(binary("tradebotd")), "rotate-jwt-key", "--data-dir", str(data_dir), *extra],
                          capture_output=True, text=True, timeout=120)


def test_offline_rotation_keeps_issued_tokens_valid(start_server, pb, tmp_path):
    data = tmp_path / "rotating"
    env = {"TRADEBOT_ADMIN_PASSWORD": ADMIN_PASSWORD}
    first = start_server(env=env, data_dir=data)
    before = login(first, pb)

    running = rotate(data)
    assert running.returncode == 3, running.stderr
    assert "stop it first" in running.stderr

    assert first.stop() == 0
    rotated = rotate(data)
    assert rotated.returncode == 0, rotated.stderr
    assert kid(before) in rotated.stdout

    second = start_server(env=env, data_dir=data)
    assert whoami(second, pb, before).subject == "admin"
    after = login(second, pb)
    assert kid(after) != kid(before)
    assert kid(after) in rotated.stdout
    assert second.stop() == 0

    # Emergency: the previous key stops verifying at once.
    assert rotate(data, "--emergency").returncode == 0
    third = start_server(env=env, data_dir=data)
    try:
        whoami(third, pb, after)
        raise AssertionError("a token of the compromised key was accepted")
    except grpc.RpcError as error:
        assert error.code() == grpc.StatusCode.UNAUTHENTICATED
