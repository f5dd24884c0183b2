"""Fixtures that run the real binaries: a tradebotd on an ephemeral port with its own data dir.

The binaries come from $TRADEBOT_BIN_DIR (scripts/test sets it to .build/debug).
"""
from __future__ import annotations

import os
import pathlib
import signal
import socket
import ssl
import subprocess
import time

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]
BIN_DIR = pathlib.Path(os.environ.get("TRADEBOT_BIN_DIR", ROOT / ".build" / "debug"))


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def binary(name: str) -> pathlib.Path:
    path = BIN_DIR / name
    if not path.exists():
        pytest.fail(f"{path} is missing: build first (scripts/test does)")
    return path


class Server:
    """A running tradebotd child process."""

    def __init__(self, data_dir: pathlib.Path, port: int, health_port: int | None, extra_env: dict[str, str]):
        self.data_dir = data_dir
        self.port = port
        self.health_port = health_port
        self.address = f"127.0.0.1:{port}"
        self.ca = data_dir / "tls" / "cert.pem"
        self.log_path = data_dir.parent / f"tradebotd-{port}.log"
        env = dict(os.environ)
        env.update({
            "TRADEBOT_DATA_DIR": str(data_dir),
            "TRADEBOT_LISTEN": self.address,
        })
        if health_port is not None:
            env["TRADEBOT_HEALTH_LISTEN"] = f"127.0.0.1:{health_port}"
        env.update(extra_env)
        self.log = open(self.log_path, "wb")
        self.proc = subprocess.Popen([str(binary("tradebotd"))], env=env, stdout=self.log,
                                     stderr=subprocess.STDOUT, cwd=str(data_dir.parent))
        self.wait_ready()

    def wait_ready(self, timeout: float = 60.0) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise AssertionError(f"tradebotd exited with {self.proc.returncode}:\n{self.output()}")
            if self.ca.exists():
                try:
                    ctx = ssl.create_default_context(cafile=str(self.ca))
                    ctx.set_alpn_protocols(["h2"])
                    with socket.create_connection(("127.0.0.1", self.port), timeout=2) as raw:
                        with ctx.wrap_socket(raw, server_hostname="localhost"):
                            return
                except (OSError, ssl.SSLError):
                    pass
            time.sleep(0.05)
        raise AssertionError(f"tradebotd not ready after {timeout}s:\n{self.output()}")

    def output(self) -> str:
        self.log.flush()
        return self.log_path.read_text(errors="replace")

    def alive(self) -> bool:
        return self.proc.poll() is None

    def stop(self, timeout: float = 30.0) -> int:
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
                raise AssertionError(f"tradebotd ignored SIGTERM for {timeout}s:\n{self.output()}")
        self.log.close()
        return self.proc.returncode


@pytest.fixture
def start_server(tmp_path):
    """Factory: start_server(health=True, env={...}) -> Server; all are stopped at teardown."""
    servers: list[Server] = []

    def start(health: bool = False, env: dict[str, str] | None = None, data_dir: pathlib.Path | None = None) -> Server:
        d = data_dir or (tmp_path / f"data{len(servers)}")
        s = Server(d, free_port(), free_port() if health else None, env or {})
        servers.append(s)
        return s

    yield start
    for s in servers:
        s.stop()


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """One shared server (with the plaintext health listener) for read-only tests of a module."""
    d = tmp_path_factory.mktemp("srv") / "data"
    s = Server(d, free_port(), free_port(), {})
    yield s
    rc = s.stop()
    assert rc == 0, f"tradebotd exited {rc} on SIGTERM:\n{s.output()}"


def grpc_channel(server: Server):
    import grpc
    creds = grpc.ssl_channel_credentials(root_certificates=server.ca.read_bytes())
    return grpc.secure_channel(server.address, creds)


@pytest.fixture(scope="session")
def token():
    """The bearer token for RPCs: $TRADEBOT_TOKEN, or None while the server runs without auth.

    When the auth interceptor lands, this fixture should log in (Auth/Login) and return the token.
    """
    return os.environ.get("TRADEBOT_TOKEN") or None


@pytest.fixture(scope="session")
def auth_metadata(token):
    """gRPC metadata carrying the token (empty without one)."""
    return [("authorization", f"Bearer {token}")] if token else []


@pytest.fixture(scope="session")
def tradebot_pb(tmp_path_factory):
    """Python protobuf classes generated from Protocol/ at test time, by module short name
    (`orders_pb2`, `common_pb2`, ...)."""
    import golden_vectors
    modules = golden_vectors.compile_protos(tmp_path_factory.mktemp("protos"))
    return {m.__name__.rsplit(".", 1)[-1]: m for m in modules}


@pytest.fixture
def trading_server(start_server):
    """A default-run tradebotd (paper broker, EURUSD replayed, SMA) with a fast feed."""
    return start_server(env={"TRADEBOT_REPLAY_SPEED": "50"})
