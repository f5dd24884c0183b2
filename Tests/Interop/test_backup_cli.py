"""Backups through the real binaries: `tradectl backup create|list|verify` against a running
tradebotd, then an offline `tradebotd restore` into a fresh data directory that a new server starts
from with the same journal; a restore into a running server's directory is refused.

The backup RPCs are admin-only: each test logs in to its server as the first-start admin
(password from TRADEBOT_ADMIN_PASSWORD) and passes the token to tradectl as $TRADEBOT_TOKEN.
"""
from __future__ import annotations

import json
import os
import pathlib
import shutil
import sqlite3
import subprocess

import pytest

from conftest import ADMIN_PASSWORD, AuthClient, binary


@pytest.fixture
def token(seeded_server, pb) -> str:
    """An admin access token for `seeded_server` (the backup RPCs are admin-only)."""
    client = AuthClient(seeded_server, pb)
    try:
        return client.login("admin", ADMIN_PASSWORD).access_token
    finally:
        client.close()


def tradectl(server, token, *args: str) -> subprocess.CompletedProcess:
    env = dict(os.environ)
    if token:
        env["TRADEBOT_TOKEN"] = token
    return subprocess.run([str(binary("tradectl")), *args, "--server", server.address, "--ca", str(server.ca)],
                          env=env, capture_output=True, text=True, timeout=180)


def tradebotd(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([str(binary("tradebotd")), *args], env=dict(os.environ, **(env or {})),
                          capture_output=True, text=True, timeout=180)


def seed_journal(data_dir: pathlib.Path, count: int) -> None:
    """Appends `count` journal events to a stopped server's database, standing in for the trading
    and identity traffic of a real server (this build has no RPC that journals events yet). The
    payload is the server codec's JSON; if that shape changes, the next start fails loudly here."""
    db = sqlite3.connect(data_dir / "tradebot.db")
    try:
        start = db.execute("SELECT coalesce(max(seq), 0) FROM events").fetchone()[0]
        for n in range(start + 1, start + count + 1):
            payload = json.dumps({"identity": {"_0": {"userCreated": {"_0": {
                "actor": "drill", "passwordHash": "drill-hash", "role": "observer", "source": "interop",
                "username": f"drill-{n}"}}}}}, sort_keys=True, separators=(",", ":"))
            db.execute("INSERT INTO events(seq, time_ns, type, payload, payload_version) VALUES (?, ?, ?, ?, 1)",
                       (n, n * 1000, "identity.UserCreated", payload.encode()))
        db.commit()
    finally:
        db.close()


def journal(db_path: pathlib.Path) -> list[tuple]:
    db = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
    try:
        return db.execute("SELECT seq, time_ns, type, payload FROM events ORDER BY seq").fetchall()
    finally:
        db.close()


@pytest.fixture
def seeded_server(start_server, tmp_path):
    """A running server whose journal holds 20 events."""
    data = tmp_path / "live"
    env = {"TRADEBOT_ADMIN_PASSWORD": ADMIN_PASSWORD}
    first = start_server(data_dir=data, env=env)
    assert first.stop() == 0
    seed_journal(data, 20)
    return start_server(data_dir=data, env=env)


def test_create_list_verify_then_restore_into_a_fresh_directory(seeded_server, start_server, tmp_path, token):
    s = seeded_server
    # The 20 seeded events plus what the server journaled itself (first-start admin, the login).
    expected = len(journal(s.data_dir / "tradebot.db"))
    assert expected >= 20
    created = tradectl(s, token, "backup", "create", "--note", "interop drill", "--json")
    assert created.returncode == 0, created.stderr
    backup = json.loads(created.stdout)
    backup_dir = pathlib.Path(backup["path"])
    assert backup_dir.parent == s.data_dir / "backups" and backup_dir.is_dir()
    assert backup["note"] == "interop drill" and len(backup["sha256"]) == 64 and backup["size_bytes"] > 0
    assert "online backup" in created.stderr and "done in" in created.stderr  # progress: phase + elapsed
    manifest = json.loads((backup_dir / "manifest.json").read_text())
    assert manifest["lastSequence"] == expected

    listed = tradectl(s, token, "backup", "list", "--json")
    assert listed.returncode == 0, listed.stderr
    rows = [json.loads(line) for line in listed.stdout.splitlines()]
    assert [r["backup_id"] for r in rows] == [backup["backup_id"]]
    table = tradectl(s, token, "backup", "list")
    assert table.returncode == 0 and backup["backup_id"] in table.stdout and "interop drill" in table.stdout

    verified = tradectl(s, token, "backup", "verify", backup["backup_id"], "--test-restore")
    assert verified.returncode == 0, verified.stderr
    assert verified.stdout.startswith("OK " + backup["backup_id"]) and f"last sequence {expected}" in verified.stdout

    # A server holds the directory: restore refuses and changes nothing.
    refused = tradebotd("restore", "--from", str(backup_dir), "--data-dir", str(s.data_dir))
    assert refused.returncode == 3, refused.stderr
    assert "running server" in refused.stderr and str(s.data_dir) in refused.stderr
    assert s.alive()

    assert s.stop() == 0
    original = journal(s.data_dir / "tradebot.db")
    # After what the backup copied, the journal holds the backup's own history: made, then verified.
    assert [row[2] for row in original[expected:]] == ["backup.Created", "backup.Verified"]

    fresh = tmp_path / "fresh"
    restored = tradebotd("restore", "--from", str(backup_dir), "--data-dir", str(fresh))
    assert restored.returncode == 0, restored.stderr
    assert f"last sequence {expected}" in restored.stdout
    assert "finished in" in restored.stderr  # progress: phase + elapsed

    shutil.copytree(s.data_dir / "tls", fresh / "tls")  # same certificate, so the CA stays valid
    again = start_server(data_dir=fresh)
    health = tradectl(again, token, "health")
    assert health.returncode == 0 and health.stdout.strip() == "SERVING", health.stdout + health.stderr
    assert f"events={expected}" in again.output()  # recovered the whole journal at start
    # The restored server listens on another port, so its start records a new configuration version.
    restored_journal = journal(fresh / "tradebot.db")
    assert restored_journal[:expected] == original[:expected]
    assert [row[2] for row in restored_journal[expected:]] == ["config.VersionRecorded"]
    assert again.stop() == 0


def test_a_tampered_backup_fails_verification_naming_the_file(seeded_server, token):
    s = seeded_server
    created = tradectl(s, token, "backup", "create", "--json", "--quiet")
    assert created.returncode == 0, created.stderr
    backup = json.loads(created.stdout)
    database = pathlib.Path(backup["path"]) / "tradebot.db"
    with open(database, "r+b") as f:
        f.seek(8192)
        byte = f.read(1)
        f.seek(8192)
        f.write(bytes([byte[0] ^ 0xFF]))

    rpc = tradectl(s, token, "backup", "verify", backup["backup_id"])
    assert rpc.returncode == 2, rpc.stdout + rpc.stderr
    assert "FAILED_PRECONDITION" in rpc.stderr and str(database) in rpc.stderr and "SHA-256" in rpc.stderr

    offline = tradebotd("verify-backup", backup["path"])
    assert offline.returncode == 2 and str(database) in offline.stderr

    listed = [json.loads(line) for line in tradectl(s, token, "backup", "list", "--json").stdout.splitlines()]
    assert listed[-1]["verified"] is False


def test_unknown_and_malformed_backup_ids_are_precise_errors(seeded_server, token):
    s = seeded_server
    missing = tradectl(s, token, "backup", "verify", "20200101T000000.000Z")
    assert missing.returncode == 1 and "NOT_FOUND" in missing.stderr and "20200101T000000.000Z" in missing.stderr
    malformed = tradectl(s, token, "backup", "verify", "../../etc")
    assert malformed.returncode == 1 and "INVALID_ARGUMENT" in malformed.stderr
    none_yet = tradectl(s, token, "backup", "verify")
    assert none_yet.returncode == 1 and "NOT_FOUND" in none_yet.stderr and "no backups" in none_yet.stderr


def test_restore_from_a_missing_directory_names_it(tmp_path):
    out = tradebotd("restore", "--from", str(tmp_path / "nope"), "--data-dir", str(tmp_path / "d"))
    assert out.returncode == 1 and str(tmp_path / "nope") in out.stderr


def test_bad_backup_settings_stop_the_server_naming_the_variable(tmp_path):
    env = {"TRADEBOT_DATA_DIR": str(tmp_path / "d"), "TRADEBOT_LISTEN": "127.0.0.1:0",
           "TRADEBOT_BACKUP_RETAIN": "zero"}
    out = tradebotd(env=env)
    assert out.returncode != 0 and "TRADEBOT_BACKUP_RETAIN" in out.stdout + out.stderr


def test_a_restored_data_directory_is_private(seeded_server, tmp_path, token):
    s = seeded_server
    created = tradectl(s, token, "backup", "create", "--json", "--quiet")
    assert created.returncode == 0, created.stderr
    target = tmp_path / "private"
    out = tradebotd("restore", "--from", json.loads(created.stdout)["path"], "--data-dir", str(target))
    assert out.returncode == 0, out.stderr
    assert (target.stat().st_mode & 0o777) == 0o700


def test_create_with_verify_reports_the_verification(seeded_server, token):
    expected = len(journal(seeded_server.data_dir / "tradebot.db"))
    out = tradectl(seeded_server, token, "backup", "create", "--verify", "--json")
    assert out.returncode == 0, out.stderr
    backup = json.loads(out.stdout)
    assert backup["verified"] is True and backup["verified_at"] is not None
    assert f"last sequence {expected}" in backup["detail"]
    assert "server is verifying" in out.stderr
