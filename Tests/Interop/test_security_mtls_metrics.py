"""Issue 6 transport settings against the real binaries: mutual TLS (openssl-made client
certificates, curl, openssl s_client, tradectl --cert/--key), /metrics behind a token, and
start-up validation of the security environment variables."""
import os
import subprocess

from conftest import ADMIN_PASSWORD, binary, free_port


def openssl(*args, cwd):
    subprocess.run(["openssl", *args], cwd=cwd, check=True, capture_output=True, timeout=60)


def make_authority(directory, name):
    """A CA and a client certificate it signed; returns (ca.pem, client.pem, client.key)."""
    (directory / f"{name}-ca.ext").write_text("basicConstraints=critical,CA:TRUE\nkeyUsage=critical,keyCertSign,cRLSign\n")
    (directory / f"{name}-client.ext").write_text(
        "basicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature\nextendedKeyUsage=clientAuth\n")
    openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", f"{name}-ca.key", "-out", f"{name}-ca.pem",
            "-days", "2", "-subj", f"/CN={name} interop CA", cwd=directory)
    openssl("req", "-newkey", "rsa:2048", "-nodes", "-keyout", f"{name}-client.key", "-out", f"{name}-client.csr",
            "-subj", f"/CN={name}-client", cwd=directory)
    openssl("x509", "-req", "-in", f"{name}-client.csr", "-CA", f"{name}-ca.pem", "-CAkey", f"{name}-ca.key",
            "-CAcreateserial", "-days", "2", "-extfile", f"{name}-client.ext", "-out", f"{name}-client.pem",
            cwd=directory)
    return directory / f"{name}-ca.pem", directory / f"{name}-client.pem", directory / f"{name}-client.key"


def curl_healthz(server, *extra):
    return subprocess.run(["curl", "-sS", "--http2", "--cacert", str(server.ca), *extra,
                           f"https://localhost:{server.port}/healthz",
                           "--resolve", f"localhost:{server.port}:127.0.0.1"], capture_output=True, timeout=30)


def test_mutual_tls_requires_a_certificate_from_the_configured_ca(start_server, tmp_path):
    ca, cert, key = make_authority(tmp_path, "good")
    _, other_cert, other_key = make_authority(tmp_path, "other")
    server = start_server(health=True, env={"TRADEBOT_TLS_CLIENT_CA": str(ca)})

    ok = curl_healthz(server, "--cert", str(cert), "--key", str(key))
    assert ok.returncode == 0, ok.stderr
    assert b'"status":"ok"' in ok.stdout.replace(b" ", b"")
    assert curl_healthz(server).returncode != 0
    assert curl_healthz(server, "--cert", str(other_cert), "--key", str(other_key)).returncode != 0

    # The server asks for a certificate naming the configured CA, over TLS 1.3.
    out = subprocess.run(["openssl", "s_client", "-connect", server.address, "-servername", "localhost",
                          "-CAfile", str(server.ca), "-tls1_3", "-alpn", "h2", "-cert", str(cert), "-key", str(key)],
                         input=b"Q\n", capture_output=True, timeout=30).stdout.decode()
    assert "TLSv1.3" in out
    assert "good interop CA" in out  # "Acceptable client certificate CA names"

    # The plaintext probe listener is unaffected.
    probe = subprocess.run(["curl", "-sS", "--http2-prior-knowledge",
                            f"http://127.0.0.1:{server.health_port}/healthz"], capture_output=True, timeout=30)
    assert probe.returncode == 0, probe.stderr

    env = {**os.environ, "TRADEBOT_SERVER": server.address, "TRADEBOT_CA": str(server.ca)}
    with_cert = subprocess.run([str(binary("tradectl")), "health", "--cert", str(cert), "--key", str(key)],
                               capture_output=True, text=True, env=env, timeout=60)
    assert with_cert.returncode == 0, with_cert.stderr
    from_env = subprocess.run([str(binary("tradectl")), "health"], capture_output=True, text=True, timeout=60,
                              env={**env, "TRADEBOT_CLIENT_CERT": str(cert), "TRADEBOT_CLIENT_KEY": str(key)})
    assert from_env.returncode == 0, from_env.stderr
    without = subprocess.run([str(binary("tradectl")), "health"], capture_output=True, text=True, env=env, timeout=60)
    assert without.returncode != 0
    half = subprocess.run([str(binary("tradectl")), "health", "--cert", str(cert)],
                          capture_output=True, text=True, env=env, timeout=60)
    assert half.returncode != 0
    assert "--key" in half.stderr


def test_metrics_behind_a_token(start_server, pb):
    import grpc
    server = start_server(env={"TRADEBOT_METRICS_AUTH": "token", "TRADEBOT_ADMIN_PASSWORD": ADMIN_PASSWORD})

    def metrics(*extra):
        out = subprocess.run(["curl", "-sS", "--http2", "--cacert", str(server.ca), "-i", *extra,
                              f"https://localhost:{server.port}/metrics",
                              "--resolve", f"localhost:{server.port}:127.0.0.1"], capture_output=True, timeout=30)
        assert out.returncode == 0, out.stderr
        return out.stdout.decode()

    anonymous = metrics()
    assert anonymous.startswith("HTTP/2 401")
    assert "www-authenticate: bearer" in anonymous.lower()
    assert "tradebot_" not in anonymous
    assert metrics("-H", "Authorization: Bearer not-a-token").startswith("HTTP/2 401")

    channel = grpc.secure_channel(server.address, grpc.ssl_channel_credentials(root_certificates=server.ca.read_bytes()))
    login = channel.unary_unary("/tradebot.v1.Auth/Login", request_serializer=lambda m: m.SerializeToString(),
                                response_deserializer=pb.auth.LoginResponse.FromString)
    token = login(pb.auth.LoginRequest(username="admin", password=ADMIN_PASSWORD), timeout=30).access_token
    channel.close()
    scraped = metrics("-H", f"Authorization: Bearer {token}")
    assert scraped.startswith("HTTP/2 200")
    assert "tradebot_transport_connections_open" in scraped


def test_bad_security_settings_stop_the_start(tmp_path):
    cases = {
        "TRADEBOT_RPC_RATE_LIMITS": "trade=fast",
        "TRADEBOT_METRICS_AUTH": "basic",
        "TRADEBOT_TLS_CLIENT_CA": str(tmp_path / "missing-ca.pem"),
    }
    for index, (name, value) in enumerate(cases.items()):
        env = {**os.environ, "TRADEBOT_DATA_DIR": str(tmp_path / f"data{index}"),
               "TRADEBOT_LISTEN": f"127.0.0.1:{free_port()}", name: value}
        out = subprocess.run([str(binary("tradebotd"))], env=env, capture_output=True, text=True, timeout=120)
        assert out.returncode != 0
        assert name in out.stdout + out.stderr
