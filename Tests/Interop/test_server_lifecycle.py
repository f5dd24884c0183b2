"""Embedded defaults, configuration through the environment, tradectl health, graceful shutdown."""
import os
import re
import signal
import stat
import subprocess
import threading
import time

import grpc
import pytest
from grpc_health.v1 import health_pb2, health_pb2_grpc

from conftest import binary, free_port, grpc_channel


def test_first_start_generates_a_dev_certificate_and_logs_where(start_server):
    s = start_server()
    key = s.data_dir / "tls" / "key.pem"
    assert s.ca.exists() and key.exists()
    assert stat.S_IMODE(os.stat(key).st_mode) == 0o600
    text = subprocess.run(["openssl", "x509", "-in", str(s.ca), "-noout", "-ext", "subjectAltName"],
                          capture_output=True, text=True, check=True).stdout
    assert "DNS:localhost" in text and "IP Address:127.0.0.1" in text and "IP Address:0:0:0:0:0:0:0:1" in text
    log = s.output()
    assert re.search(rf"listening on {re.escape(s.address)}", log), log
    assert str(s.ca) in log


def test_a_restart_reuses_the_existing_certificate(start_server, tmp_path):
    data = tmp_path / "keep"
    s1 = start_server(data_dir=data)
    pem = s1.ca.read_bytes()
    assert s1.stop() == 0
    s2 = start_server(data_dir=data)
    assert s2.ca.read_bytes() == pem


def test_configured_certificate_paths_are_used(start_server, tmp_path):
    cert, key = tmp_path / "c.pem", tmp_path / "k.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
                    "-nodes", "-keyout", str(key), "-out", str(cert), "-days", "2", "-subj", "/CN=localhost",
                    "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1"], check=True, capture_output=True)
    data = tmp_path / "d"
    data.mkdir()
    (data / "tls").mkdir()
    os.symlink(cert, data / "tls" / "cert.pem")  # the fixture waits on <data>/tls/cert.pem as the CA
    s = start_server(data_dir=data, env={"TRADEBOT_TLS_CERT": str(cert), "TRADEBOT_TLS_KEY": str(key)})
    assert not (data / "tls" / "key.pem").exists()
    with grpc.secure_channel(s.address, grpc.ssl_channel_credentials(root_certificates=cert.read_bytes())) as ch:
        resp = health_pb2_grpc.HealthStub(ch).Check(health_pb2.HealthCheckRequest(), timeout=10)
    assert resp.status == health_pb2.HealthCheckResponse.SERVING


def test_a_bad_listen_address_is_a_clear_error(tmp_path):
    env = dict(os.environ, TRADEBOT_DATA_DIR=str(tmp_path / "d"), TRADEBOT_LISTEN="nonsense")
    out = subprocess.run([str(binary("tradebotd"))], env=env, capture_output=True, text=True, timeout=60)
    assert out.returncode != 0
    assert "TRADEBOT_LISTEN" in out.stderr + out.stdout


def test_tradectl_health_reports_serving(server):
    env = dict(os.environ, TRADEBOT_SERVER=server.address, TRADEBOT_CA=str(server.ca))
    out = subprocess.run([str(binary("tradectl")), "health"], env=env, capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "SERVING"


def test_tradectl_health_flags_override_the_environment(server):
    env = dict(os.environ, TRADEBOT_SERVER="127.0.0.1:1", TRADEBOT_CA="/nonexistent")
    out = subprocess.run([str(binary("tradectl")), "health", "--server", server.address, "--ca", str(server.ca)],
                         env=env, capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    assert "SERVING" in out.stdout


def test_tradectl_health_fails_when_nothing_listens(server):
    env = dict(os.environ, TRADEBOT_SERVER=f"127.0.0.1:{free_port()}", TRADEBOT_CA=str(server.ca))
    out = subprocess.run([str(binary("tradectl")), "health"], env=env, capture_output=True, text=True, timeout=60)
    assert out.returncode != 0
    assert "UNAVAILABLE" in out.stderr


def test_sigterm_turns_health_not_serving_ends_streams_and_exits_zero(start_server):
    s = start_server(env={"TRADEBOT_SHUTDOWN_GRACE": "5s"})
    seen = []
    errors = []

    def watch():
        with grpc_channel(s) as ch:
            try:
                for resp in health_pb2_grpc.HealthStub(ch).Watch(health_pb2.HealthCheckRequest(), timeout=60):
                    seen.append(resp.status)
            except grpc.RpcError as e:
                errors.append(e.code())

    t = threading.Thread(target=watch)
    t.start()
    deadline = time.monotonic() + 20
    while not seen and time.monotonic() < deadline:
        time.sleep(0.05)
    assert seen == [health_pb2.HealthCheckResponse.SERVING]
    started = time.monotonic()
    s.proc.send_signal(signal.SIGTERM)
    t.join(timeout=30)
    assert not t.is_alive()
    assert s.proc.wait(timeout=30) == 0
    assert time.monotonic() - started < 15
    assert health_pb2.HealthCheckResponse.NOT_SERVING in seen, (seen, errors)
    assert "shutdown" in s.output().lower()
