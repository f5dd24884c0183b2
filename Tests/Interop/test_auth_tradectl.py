"""tradectl login / whoami / users / tokens / logout as subprocesses against the real server."""
from __future__ import annotations

import json
import os
import subprocess

import pytest

from conftest import ADMIN_PASSWORD, binary


@pytest.fixture
def tradectl(auth_server, tmp_path):
    """Runs tradectl against the auth server with its own config home; returns CompletedProcess."""
    env = dict(os.environ)
    env.update({"TRADEBOT_SERVER": auth_server.address, "TRADEBOT_CA": str(auth_server.ca),
                "XDG_CONFIG_HOME": str(tmp_path / "config")})
    env.pop("TRADEBOT_TOKEN", None)
    env.pop("TRADEBOT_PASSWORD", None)

    def run(*args: str, stdin: str | None = None, extra_env: dict[str, str] | None = None):
        return subprocess.run([str(binary("tradectl")), *args], input=stdin, capture_output=True, text=True,
                              env={**env, **(extra_env or {})}, timeout=60)
    run.config_home = tmp_path / "config"
    return run


def test_login_whoami_logout_round_trip(tradectl):
    r = tradectl("login", "--username", "admin", "--password-stdin", stdin=ADMIN_PASSWORD + "\n")
    assert r.returncode == 0, r.stderr
    assert "logged in as admin (admin)" in r.stdout
    session = tradectl.config_home / "tradectl" / "session.json"
    assert session.stat().st_mode & 0o777 == 0o600
    assert ADMIN_PASSWORD not in session.read_text()

    r = tradectl("whoami", "--json")
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout) == {"subject": "admin", "role": "admin", "kind": "user"}

    r = tradectl("logout")
    assert r.returncode == 0, r.stderr
    assert not session.exists()
    r = tradectl("whoami")
    assert r.returncode == 1
    assert r.stderr.startswith("error: UNAUTHENTICATED")


def test_wrong_password_fails_with_status_and_exit_1(tradectl):
    r = tradectl("login", "--username", "admin", "--password-stdin", stdin="not the password\n")
    assert r.returncode == 1
    assert "UNAUTHENTICATED" in r.stderr
    assert "not the password" not in r.stderr + r.stdout


def test_users_create_list_set_role_disable(tradectl):
    assert tradectl("login", "-u", "admin", "--password-stdin", stdin=ADMIN_PASSWORD + "\n").returncode == 0
    r = tradectl("users", "create", "cli-user", "--role", "observer", "--password-stdin",
                 stdin="cli user passphrase 1\n")
    assert r.returncode == 0, r.stderr
    assert "created cli-user (observer, enabled)" in r.stdout
    r = tradectl("users", "list", "--json")
    assert r.returncode == 0, r.stderr
    users = {u["username"]: u for u in map(json.loads, r.stdout.splitlines())}
    assert users["cli-user"] == {"username": "cli-user", "role": "observer", "enabled": True}
    r = tradectl("users", "set-role", "cli-user", "trader")
    assert r.returncode == 0 and "(trader, enabled)" in r.stdout, r.stderr
    r = tradectl("users", "disable", "cli-user", "--reason", "test")
    assert r.returncode == 0 and "disabled cli-user" in r.stdout, r.stderr
    r = tradectl("users", "create", "Bad Name", "--role", "observer", "--password-stdin", stdin="whatever passphrase\n")
    assert r.returncode == 1 and "INVALID_ARGUMENT: username:" in r.stderr
    r = tradectl("users", "create", "x", "--role", "boss", "--password-stdin", stdin="whatever passphrase\n")
    assert r.returncode != 0 and "unknown role" in r.stderr


def test_tokens_create_use_list_revoke(tradectl):
    assert tradectl("login", "-u", "admin", "--password-stdin", stdin=ADMIN_PASSWORD + "\n").returncode == 0
    r = tradectl("tokens", "create", "--name", "cli-feed", "--role", "observer", "--ttl", "600", "--json")
    assert r.returncode == 0, r.stderr
    created = json.loads(r.stdout)
    assert created["token"].startswith("tba_")

    # The API token works through --token and TRADEBOT_TOKEN, with its own (observer) role.
    r = tradectl("whoami", "--token", created["token"], "--json")
    assert r.returncode == 0 and json.loads(r.stdout)["kind"] == "api-token", r.stderr
    r = tradectl("users", "list", extra_env={"TRADEBOT_TOKEN": created["token"]})
    assert r.returncode == 1 and "PERMISSION_DENIED" in r.stderr

    r = tradectl("tokens", "list")
    assert r.returncode == 0 and "cli-feed" in r.stdout and created["token"] not in r.stdout
    r = tradectl("tokens", "revoke", created["token_id"])
    assert r.returncode == 0 and "revoked" in r.stdout, r.stderr
    r = tradectl("whoami", "--token", created["token"])
    assert r.returncode == 1 and "UNAUTHENTICATED" in r.stderr
    r = tradectl("tokens", "revoke", "no-such-id")
    assert r.returncode == 1 and "NOT_FOUND" in r.stderr


def test_commands_without_login_are_unauthenticated(tradectl):
    r = tradectl("users", "list")
    assert r.returncode == 1
    assert "UNAUTHENTICATED" in r.stderr
