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


# --- Auth fixtures (issue 6) -------------------------------------------------------------------

ADMIN_PASSWORD = "interop operator passphrase 7"


@pytest.fixture(scope="session")
def pb(tmp_path_factory):
    """Python message classes for tradebot.v1, generated from Protocol/ with grpc_tools.protoc."""
    import importlib
    import sys
    out = tmp_path_factory.mktemp("pb")
    protocol = ROOT / "Protocol"
    protos = sorted(str(p.relative_to(protocol)) for p in (protocol / "tradebot").rglob("*.proto"))
    import grpc_tools
    builtin = pathlib.Path(grpc_tools.__file__).parent / "_proto"
    subprocess.run([sys.executable, "-m", "grpc_tools.protoc", f"-I{protocol}", f"-I{builtin}",
                    f"--python_out={out}", *protos], check=True)
    sys.path.insert(0, str(out))

    class Modules:
        auth = importlib.import_module("tradebot.v1.auth_pb2")
        admin = importlib.import_module("tradebot.v1.admin_pb2")
        common = importlib.import_module("tradebot.v1.common_pb2")
        orders = importlib.import_module("tradebot.v1.orders_pb2")
    return Modules


@pytest.fixture(scope="module")
def auth_server(tmp_path_factory):
    """A server whose first-start admin password comes from TRADEBOT_ADMIN_PASSWORD."""
    d = tmp_path_factory.mktemp("auth") / "data"
    # Many tests log in from 127.0.0.1 within seconds: widen the per-address Login bucket (the
    # throttling test uses a server of its own with the defaults).
    s = Server(d, free_port(), None, {"TRADEBOT_ADMIN_PASSWORD": ADMIN_PASSWORD,
                                      "TRADEBOT_LOGIN_RATE_LIMIT": "1000/100"})
    yield s
    rc = s.stop()
    assert rc == 0, f"tradebotd exited {rc} on SIGTERM:\n{s.output()}"


class AuthClient:
    """Typed-enough calls to the Auth and Admin services over one grpcio channel."""

    def __init__(self, server: Server, pb):
        self.channel = grpc_channel(server)
        self.pb = pb

    def close(self):
        self.channel.close()

    def call(self, path: str, request, response_class, token: str | None = None, timeout: float = 20):
        method = self.channel.unary_unary(path, request_serializer=lambda m: m.SerializeToString(),
                                          response_deserializer=response_class.FromString)
        metadata = [("authorization", f"Bearer {token}")] if token else None
        return method(request, metadata=metadata, timeout=timeout)

    def login(self, username: str, password: str):
        pb = self.pb
        return self.call("/tradebot.v1.Auth/Login", pb.auth.LoginRequest(username=username, password=password),
                         pb.auth.LoginResponse)

    def whoami(self, token: str | None):
        pb = self.pb
        return self.call("/tradebot.v1.Auth/WhoAmI", pb.auth.WhoAmIRequest(), pb.auth.WhoAmIResponse, token).principal

    def create_user(self, admin_token: str, username: str, role: str, password: str = "interop user passphrase"):
        pb = self.pb
        request = pb.admin.CreateUserRequest(username=username, password=password,
                                             role=pb.common.Role.Value(f"ROLE_{role.upper()}"))
        return self.call("/tradebot.v1.Admin/CreateUser", request, pb.admin.CreateUserResponse, admin_token)


@pytest.fixture
def auth_client(auth_server, pb):
    """An AuthClient on the shared auth server; `auth_client.login("admin", ADMIN_PASSWORD)` to begin."""
    client = AuthClient(auth_server, pb)
    yield client
    client.close()


# --- Trading fixtures (issue 7) ----------------------------------------------------------------


@pytest.fixture
def trading_server(start_server):
    """A default-run tradebotd (paper broker, EURUSD replayed, SMA) with a fast feed, whose
    first-start admin password is ADMIN_PASSWORD."""
    return start_server(env={"TRADEBOT_REPLAY_SPEED": "50", "TRADEBOT_ADMIN_PASSWORD": ADMIN_PASSWORD})


@pytest.fixture
def token(trading_server, pb):
    """An admin bearer token for `trading_server` (each server signs with its own keys)."""
    client = AuthClient(trading_server, pb)
    try:
        return client.login("admin", ADMIN_PASSWORD).access_token
    finally:
        client.close()


@pytest.fixture
def auth_metadata(token):
    """gRPC metadata carrying the token."""
    return [("authorization", f"Bearer {token}")]


@pytest.fixture(scope="session")
def tradebot_pb(tmp_path_factory):
    """Python protobuf classes generated from Protocol/ at test time, by module short name
    (`orders_pb2`, `common_pb2`, ...)."""
    import golden_vectors
    modules = golden_vectors.compile_protos(tmp_path_factory.mktemp("protos"))
    return {m.__name__.rsplit(".", 1)[-1]: m for m in modules}
