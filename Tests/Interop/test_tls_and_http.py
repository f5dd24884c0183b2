"""TLS 1.3 and HTTP/2 behaviour seen by openssl s_client, curl and h2load."""
import json
import re
import shutil
import subprocess
import datetime

import pytest


def s_client(server, *args, stdin=b"Q\n"):
    cmd = ["openssl", "s_client", "-connect", server.address, "-servername", "localhost",
           "-CAfile", str(server.ca), *args]
    return subprocess.run(cmd, input=stdin, capture_output=True, timeout=30)


def test_tls13_with_alpn_h2_is_accepted(server):
    out = s_client(server, "-tls1_3", "-alpn", "h2")
    text = out.stdout.decode(errors="replace")
    assert "TLSv1.3" in text
    assert "ALPN protocol: h2" in text
    assert "Verify return code: 0 (ok)" in text


def test_tls12_is_refused(server):
    out = s_client(server, "-tls1_2")
    text = (out.stdout + out.stderr).decode(errors="replace")
    assert out.returncode != 0
    assert "Cipher is (NONE)" in text or "alert" in text.lower()


def test_alpn_without_h2_is_refused(server):
    out = s_client(server, "-tls1_3", "-alpn", "http/1.1")
    assert out.returncode != 0
    assert b"no application protocol" in (out.stdout + out.stderr).lower() or b"alert" in (out.stdout + out.stderr).lower()


def test_no_alpn_is_served_as_h2(server):
    out = s_client(server, "-tls1_3")
    assert "TLSv1.3" in out.stdout.decode(errors="replace")
    assert out.returncode == 0


def test_healthz_over_http2_with_curl(server):
    out = subprocess.run(["curl", "-sS", "--http2", "--cacert", str(server.ca), "-i",
                          f"https://localhost:{server.port}/healthz",
                          "--resolve", f"localhost:{server.port}:127.0.0.1"],
                         capture_output=True, timeout=30)
    assert out.returncode == 0, out.stderr
    head, body = out.stdout.decode().split("\r\n\r\n", 1)
    assert head.startswith("HTTP/2 200")
    assert re.search(r"(?im)^content-type: application/json", head)
    doc = json.loads(body)
    assert doc["status"] == "ok"
    assert doc["version"] == "1.0.0"
    datetime.datetime.fromisoformat(doc["timestamp"].replace("Z", "+00:00"))


def test_healthz_on_the_plaintext_listener(server):
    out = subprocess.run(["curl", "-sS", "--http2-prior-knowledge",
                          f"http://127.0.0.1:{server.health_port}/healthz"], capture_output=True, timeout=30)
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout)["status"] == "ok"


def test_curl_http11_is_refused(server):
    out = subprocess.run(["curl", "-sS", "--http1.1", "--cacert", str(server.ca),
                          f"https://localhost:{server.port}/healthz",
                          "--resolve", f"localhost:{server.port}:127.0.0.1"], capture_output=True, timeout=30)
    assert out.returncode != 0


def test_h2load_health_checks_all_succeed(server, tmp_path):
    if shutil.which("h2load") is None:
        pytest.fail("h2load missing: scripts/bootstrap installs nghttp2-client")
    body = tmp_path / "check.bin"
    body.write_bytes(b"\x00\x00\x00\x00\x00")  # gRPC frame of an empty HealthCheckRequest
    out = subprocess.run(["h2load", "-n", "2000", "-c", "4", "-m", "10", "-d", str(body),
                          "-H", "content-type: application/grpc", "-H", "te: trailers",
                          f"https://127.0.0.1:{server.port}/grpc.health.v1.Health/Check"],
                         capture_output=True, timeout=120)
    text = out.stdout.decode()
    assert "2000 succeeded, 0 failed, 0 errored" in text, text
    assert "TLSv1.3" in text and "h2" in text


def test_tls13_session_tickets_resume_a_session(server, tmp_path):
    sess = tmp_path / "session.pem"
    # Keep stdin open for a moment so the post-handshake NewSessionTicket is read and saved.
    first = subprocess.run(f"sleep 1 | openssl s_client -connect {server.address} -servername localhost "
                           f"-CAfile {server.ca} -tls1_3 -alpn h2 -sess_out {sess}",
                           shell=True, capture_output=True, timeout=30)
    assert b"New, TLSv1.3" in first.stdout, first.stdout
    assert sess.exists() and sess.stat().st_size > 0
    second = subprocess.run(f"sleep 1 | openssl s_client -connect {server.address} -servername localhost "
                            f"-CAfile {server.ca} -tls1_3 -alpn h2 -sess_in {sess}",
                            shell=True, capture_output=True, timeout=30)
    assert b"Reused, TLSv1.3" in second.stdout, second.stdout
