"""Configuration under version control, who halted, state-stream snapshots and shell completions,
driven from outside: a grpcio client built from Protocol/ at test time, tradectl as a subprocess,
and tradebotd started with a configuration file."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import time

import grpc
import pytest

from conftest import ADMIN_PASSWORD, AuthClient, Server, binary, grpc_channel

CONFIG = {"market": {"replay_speed": 50}, "backup": {"interval": "off", "retain": 3}}


@pytest.fixture
def config_server(start_server, tmp_path):
    """tradebotd started from a configuration file (TRADEBOT_CONFIG) with a fast feed."""
    path = tmp_path / "tradebot.json"
    path.write_text(json.dumps(CONFIG))
    server = start_server(env={"TRADEBOT_CONFIG": str(path), "TRADEBOT_ADMIN_PASSWORD": ADMIN_PASSWORD})
    server.config_path = path
    return server


@pytest.fixture
def admin(config_server, tradebot_pb):
    """(client, admin token, protobuf modules) for `config_server`."""
    client = AuthClient(config_server, _Modules(tradebot_pb))
    token = client.login("admin", ADMIN_PASSWORD).access_token
    yield client, token, tradebot_pb
    client.close()


class _Modules:
    def __init__(self, modules):
        self.auth = modules["auth_pb2"]
        self.admin = modules["admin_pb2"]
        self.common = modules["common_pb2"]
        self.orders = modules["orders_pb2"]


def _tradectl(server, token=None, **extra):
    env = dict(os.environ, TRADEBOT_SERVER=server.address, TRADEBOT_CA=str(server.ca), **extra)
    env.pop("TRADEBOT_TOKEN", None)
    if token:
        env["TRADEBOT_TOKEN"] = token

    def run(*args, stdin=None, timeout=30):
        return subprocess.run([str(binary("tradectl")), *args], env=env, input=stdin, capture_output=True,
                              text=True, timeout=timeout)
    return run


def test_config_rpcs_over_grpcio(admin, config_server):
    client, token, pb = admin
    a = pb["admin_pb2"]
    current = client.call("/tradebot.v1.Admin/GetConfig", a.GetConfigRequest(), a.GetConfigResponse, token)
    assert current.version.version == 1 and current.version.author == "system"
    assert str(config_server.config_path) in current.version.comment
    document = json.loads(current.document)
    assert document["market"]["replay_speed"] == 50 and document["backup"]["retain"] == 3
    assert len(current.version.sha256) == 64

    with pytest.raises(grpc.RpcError) as bad:
        client.call("/tradebot.v1.Admin/UpdateConfig", a.UpdateConfigRequest(document='{"backup": {"retain": "x"}}'),
                    a.UpdateConfigResponse, token)
    assert bad.value.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert bad.value.details().startswith("document: backup.retain: expected an integer")

    with pytest.raises(grpc.RpcError) as secret:
        client.call("/tradebot.v1.Admin/UpdateConfig",
                    a.UpdateConfigRequest(document='{"auth": {"admin_password": "hunter2"}}'), a.UpdateConfigResponse, token)
    assert secret.value.code() == grpc.StatusCode.INVALID_ARGUMENT and "secrets are not accepted" in secret.value.details()

    changed = dict(CONFIG, market={"replay_speed": 25})
    dry = client.call("/tradebot.v1.Admin/UpdateConfig",
                      a.UpdateConfigRequest(document=json.dumps(changed), dry_run=True), a.UpdateConfigResponse, token)
    assert '-    "replay_speed": 50' in dry.diff and '+    "replay_speed": 25' in dry.diff

    with pytest.raises(grpc.RpcError) as stale:
        client.call("/tradebot.v1.Admin/UpdateConfig",
                    a.UpdateConfigRequest(document=json.dumps(changed), expected_version=5), a.UpdateConfigResponse, token)
    assert stale.value.code() == grpc.StatusCode.FAILED_PRECONDITION

    done = client.call("/tradebot.v1.Admin/UpdateConfig",
                       a.UpdateConfigRequest(document=json.dumps(changed), comment="half speed", expected_version=1),
                       a.UpdateConfigResponse, token)
    assert done.version.version == 2 and done.version.author == "admin" and done.version.comment == "half speed"
    assert done.diff.startswith("--- version 1\n+++ version 2\n")
    # Saved to the file the server started from; the feed speed is a live setting.
    assert json.loads(config_server.config_path.read_text())["market"]["replay_speed"] == 25
    deadline = time.monotonic() + 10
    while "applied_live=market.replay_speed" not in config_server.output() and time.monotonic() < deadline:
        time.sleep(0.1)
    assert "applied_live=market.replay_speed" in config_server.output()

    listed = client.call("/tradebot.v1.Admin/ListConfigVersions", a.ListConfigVersionsRequest(),
                         a.ListConfigVersionsResponse, token)
    assert [v.version for v in listed.versions] == [2, 1]

    # Observers and traders may not read the configuration.
    client.create_user(token, "obs", "observer")
    observer = client.login("obs", "interop user passphrase").access_token
    with pytest.raises(grpc.RpcError) as denied:
        client.call("/tradebot.v1.Admin/GetConfig", a.GetConfigRequest(), a.GetConfigResponse, observer)
    assert denied.value.code() == grpc.StatusCode.PERMISSION_DENIED


def test_restart_keeps_versions(start_server, tmp_path, tradebot_pb):
    path = tmp_path / "tradebot.json"
    path.write_text(json.dumps(CONFIG))
    env = {"TRADEBOT_CONFIG": str(path), "TRADEBOT_ADMIN_PASSWORD": ADMIN_PASSWORD}
    first = start_server(env=env)
    a = tradebot_pb["admin_pb2"]

    def versions(server):
        client = AuthClient(server, _Modules(tradebot_pb))
        try:
            token = client.login("admin", ADMIN_PASSWORD).access_token
            return [(v.version, v.author) for v in client.call(
                "/tradebot.v1.Admin/ListConfigVersions", a.ListConfigVersionsRequest(), a.ListConfigVersionsResponse,
                token).versions]
        finally:
            client.close()

    assert versions(first) == [(1, "system")]
    assert first.stop() == 0
    # Same file, same environment (the listen address is part of the configuration): no new version.
    second = Server(first.data_dir, first.port, None, env)
    try:
        assert versions(second) == [(1, "system")]
    finally:
        assert second.stop() == 0
    path.write_text(json.dumps(dict(CONFIG, backup={"interval": "off", "retain": 5})))
    third = Server(first.data_dir, first.port, None, env)
    try:
        assert versions(third) == [(2, "system"), (1, "system")]
    finally:
        assert third.stop() == 0


def test_bad_config_file_stops_the_start_naming_file_and_key(tmp_path):
    path = tmp_path / "bad.json"
    path.write_text('{"server": {"event_loops": 0}}')
    env = dict(os.environ, TRADEBOT_DATA_DIR=str(tmp_path / "data"))
    out = subprocess.run([str(binary("tradebotd")), "serve", "--config", str(path)], env=env,
                         capture_output=True, text=True, timeout=60)
    assert out.returncode == 2
    assert f"{path}: server.event_loops: invalid value '0'" in out.stdout + out.stderr
    path.write_text('{"server": {"listen": "127.0.0.1:1"}, "market": {"speed": 1}}')
    out = subprocess.run([str(binary("tradebotd")), "serve", "--config", str(path)], env=env,
                         capture_output=True, text=True, timeout=60)
    assert out.returncode == 2 and f"{path}: market.speed: unknown key" in out.stdout + out.stderr


def test_tradectl_config_and_halted_by(admin, config_server, tmp_path):
    _, token, _ = admin
    run = _tradectl(config_server, token)

    got = run("config", "get")
    assert got.returncode == 0, got.stderr
    assert got.stdout.splitlines()[0].split() == ["version", "1"]
    assert '"replay_speed": 50' in got.stdout
    as_json = json.loads(run("config", "get", "--json").stdout)
    assert as_json["version"] == 1 and as_json["document"]["backup"]["retain"] == 3

    new = tmp_path / "new.json"
    new.write_text(json.dumps(dict(CONFIG, backup={"interval": "off", "retain": 4})))
    dry = run("config", "set", str(new), "--dry-run")
    assert dry.returncode == 0, dry.stderr
    assert '+    "retain": 4' in dry.stdout and dry.stdout.rstrip().endswith("dry run: nothing recorded")
    done = run("config", "set", str(new), "--comment", "keep four", "--expected-version", "1")
    assert done.returncode == 0, done.stderr
    assert "recorded version 2" in done.stdout and '-    "retain": 3' in done.stdout
    same = run("config", "set", str(new))
    assert same.returncode == 0 and same.stdout.startswith("no change: the configuration is version 2")
    new.write_text(json.dumps(dict(CONFIG, backup={"interval": "off", "retain": 6})))
    stale = run("config", "set", str(new), "--expected-version", "1")
    assert stale.returncode == 1 and stale.stderr.startswith("error: FAILED_PRECONDITION: VERSION_MISMATCH")
    new.write_text('{"backup": {"retain": 0}}')
    invalid = run("config", "set", str(new))
    assert invalid.returncode == 1 and invalid.stderr.startswith("error: INVALID_ARGUMENT: document: backup.retain")
    missing = run("config", "set", str(tmp_path / "missing.json"))
    assert missing.returncode == 64

    history = run("config", "history")
    assert history.returncode == 0
    lines = history.stdout.splitlines()
    assert lines[0].split()[:3] == ["VERSION", "CREATED", "(UTC)"]
    assert lines[1].split()[0] == "2" and "admin" in lines[1] and "keep four" in lines[1]
    rows = [json.loads(line) for line in run("config", "history", "--json", "--limit", "1").stdout.splitlines()]
    assert [r["version"] for r in rows] == [2]

    halted = run("risk", "halt", "--reason", "interop maintenance")
    assert halted.returncode == 0, halted.stderr
    shown = run("risk", "show")
    assert shown.returncode == 0
    assert any(line.split()[:3] == ["halted", "by", "admin"] for line in shown.stdout.splitlines()), shown.stdout
    assert json.loads(run("risk", "show", "--json").stdout)["halted_by"] == "admin"
    # The risk stream, replayed from the start, carries the change with the admin's name.
    env = dict(os.environ, TRADEBOT_SERVER=config_server.address, TRADEBOT_CA=str(config_server.ca), TRADEBOT_TOKEN=token)
    watch = subprocess.Popen([str(binary("tradectl")), "risk", "watch", "--from-sequence", "1", "--json"], env=env,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    found = None
    try:
        deadline = time.monotonic() + 30
        while found is None and time.monotonic() < deadline:
            line = watch.stdout.readline()
            if not line:
                break
            event = json.loads(line)
            if event["kind"] == "TRADING_STATE_CHANGED" and "interop maintenance" in event["detail"]:
                found = event
    finally:
        watch.kill()
        watch.wait()
    assert found is not None and "ADMIN by admin" in found["detail"], found
    resumed = run("risk", "resume", "--json")
    assert resumed.returncode == 0 and json.loads(resumed.stdout)["halted_by"] == ""


def test_order_stream_starts_with_a_snapshot(config_server, admin):
    client, token, pb = admin
    o = pb["orders_pb2"]
    common = pb["common_pb2"]
    submit = o.SubmitOrderRequest(client_order_id="far-away", symbol="EURUSD", side=common.Side.Value("SIDE_BUY"),
                                  type=common.OrderType.Value("ORDER_TYPE_LIMIT"), quantity="1000",
                                  limit_price="0.50000", time_in_force=common.TimeInForce.Value("TIME_IN_FORCE_GTC"))
    deadline = time.monotonic() + 20
    while True:
        try:
            client.call("/tradebot.v1.Orders/SubmitOrder", submit, o.SubmitOrderResponse, token)
            break
        except grpc.RpcError:  # the first bar may not have arrived yet
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)
    channel = grpc_channel(config_server)
    stream = channel.unary_stream("/tradebot.v1.Orders/SubscribeOrders",
                                  request_serializer=lambda m: m.SerializeToString(),
                                  response_deserializer=o.OrderEvent.FromString)
    call = stream(o.SubscribeOrdersRequest(), metadata=[("authorization", f"Bearer {token}")], timeout=30)
    snapshot_kind = o.OrderEvent.Kind.Value("KIND_SNAPSHOT")
    seen = []
    for event in call:
        seen.append(event)
        if event.kind != snapshot_kind or len(seen) > 500:
            break
    call.cancel()
    channel.close()
    snapshot = [e for e in seen if e.kind == snapshot_kind]
    assert any(e.order.client_order_id == "far-away" for e in snapshot)
    assert len({e.sequence for e in snapshot}) == 1
    if seen[-1].kind != snapshot_kind:
        assert seen[-1].sequence > snapshot[0].sequence


def test_shell_completions_cover_every_subcommand(tmp_path):
    bash = shutil.which("bash")
    assert bash
    out = subprocess.run([str(binary("tradectl")), "--generate-completion-script", "bash"], capture_output=True,
                         text=True, timeout=30)
    assert out.returncode == 0, out.stderr
    script = tmp_path / "tradectl.bash"
    script.write_text(out.stdout)
    check = subprocess.run([bash, "-n", str(script)], capture_output=True, text=True, timeout=30)
    assert check.returncode == 0, check.stderr
    for name in ("orders", "fills", "positions", "portfolio", "risk", "instruments", "quote", "strategies", "signal",
                 "status", "health", "login", "logout", "whoami", "users", "tokens", "backup", "config"):
        assert f"_tradectl_{name}()" in out.stdout, name
    for sub in ("config_get", "config_set", "config_history", "risk_halt", "orders_watch", "backup_verify"):
        assert f"_tradectl_{sub}()" in out.stdout, sub
    # Sourcing it registers the completion function.
    sourced = subprocess.run([bash, "-c", f"source '{script}' && complete -p tradectl"], capture_output=True,
                             text=True, timeout=30)
    assert sourced.returncode == 0 and "tradectl" in sourced.stdout, sourced.stderr
    for shell in ("zsh", "fish"):
        out = subprocess.run([str(binary("tradectl")), "--generate-completion-script", shell], capture_output=True,
                             text=True, timeout=30)
        assert out.returncode == 0 and "config" in out.stdout, shell
        checker = shutil.which(shell)
        if checker:
            path = tmp_path / f"tradectl.{shell}"
            path.write_text(out.stdout)
            syntax = subprocess.run([checker, "-n", str(path)], capture_output=True, text=True, timeout=30)
            assert syntax.returncode == 0, (shell, syntax.stderr)
