"""tradectl driven as a subprocess against a default-run tradebotd: output formats (tables,
--json lines), gRPC status on errors, exit codes, --help everywhere."""
from __future__ import annotations

import json
import os
import subprocess
import time

import pytest

from conftest import binary

COMMANDS = [["status"], ["orders"], ["orders", "submit"], ["orders", "cancel"], ["orders", "replace"],
            ["orders", "get"], ["orders", "list"], ["orders", "watch"], ["fills", "watch"], ["positions", "list"],
            ["positions", "watch"], ["portfolio"], ["risk", "show"], ["risk", "halt"], ["risk", "resume"],
            ["risk", "watch"], ["risk", "limits"], ["risk", "set"], ["instruments"], ["quote"], ["strategies", "list"], ["strategies", "start"], ["strategies", "stop"], ["signal"]]


@pytest.fixture
def tradectl(trading_server, token):
    env = dict(os.environ, TRADEBOT_SERVER=trading_server.address, TRADEBOT_CA=str(trading_server.ca))
    if token:
        env["TRADEBOT_TOKEN"] = token

    def run(*args, timeout=30):
        return subprocess.run([str(binary("tradectl")), *args], env=env, capture_output=True, text=True, timeout=timeout)
    return run


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: " ".join(c))
def test_help_for_every_command(command):
    out = subprocess.run([str(binary("tradectl")), *command, "--help"], capture_output=True, text=True, timeout=30)
    assert out.returncode == 0, out.stderr
    assert "USAGE" in out.stdout.upper()


def test_main_commands(tradectl):
    deadline = time.monotonic() + 20
    while True:
        quote = tradectl("quote", "EURUSD", "--json")
        if quote.returncode == 0 or time.monotonic() > deadline:
            break
        time.sleep(0.1)
    assert quote.returncode == 0, quote.stderr
    assert json.loads(quote.stdout)["symbol"] == "EURUSD"

    instruments = tradectl("instruments")
    assert instruments.returncode == 0
    assert instruments.stdout.splitlines()[0].split()[:3] == ["SYMBOL", "TICK", "LOT"]
    assert "EURUSD" in instruments.stdout

    submitted = tradectl("orders", "submit", "buy", "1000", "--client-id", "cli-1", "--json")
    assert submitted.returncode == 0, submitted.stderr
    order = json.loads(submitted.stdout)
    assert order["client_order_id"] == "cli-1" and order["quantity"] == "1000" and order["duplicate"] is False

    bad = tradectl("orders", "submit", "buy", "1500")
    assert bad.returncode == 1
    assert bad.stderr.startswith("error: INVALID_ARGUMENT: quantity")

    usage = tradectl("orders", "submit", "hold", "1000")
    assert usage.returncode == 64

    listed = tradectl("orders", "list", "--json")
    assert listed.returncode == 0
    rows = [json.loads(line) for line in listed.stdout.splitlines()]
    assert any(r["client_order_id"] == "cli-1" for r in rows)

    fills = tradectl("fills", "watch", "--from-sequence", "1", "--count", "1", "--json", timeout=60)
    assert fills.returncode == 0, fills.stderr
    fill = json.loads(fills.stdout.splitlines()[0])
    assert fill["sequence"] >= 1 and fill["symbol"] == "EURUSD"

    positions = tradectl("positions", "--include-flat", "--json")
    assert positions.returncode == 0
    assert json.loads(positions.stdout.splitlines()[0])["symbol"] == "EURUSD"
    portfolio = tradectl("portfolio", "--json")
    assert portfolio.returncode == 0 and json.loads(portfolio.stdout)["currency"] == "USD"

    halted = tradectl("risk", "halt", "--reason", "tradectl test", "--cancel-open-orders")
    assert halted.returncode == 0, halted.stderr
    assert "HALTED" in halted.stdout
    refused = tradectl("orders", "submit", "buy", "1000")
    assert refused.returncode == 1
    assert refused.stderr.startswith("error: FAILED_PRECONDITION: TRADING_HALTED")
    resumed = tradectl("risk", "resume", "--json")
    assert resumed.returncode == 0 and json.loads(resumed.stdout)["trading_state"] == "ACTIVE"

    limits = tradectl("risk", "set", "max_order_quantity=4000000", "--reason", "interop", "--json")
    assert limits.returncode == 0, limits.stderr
    doc = json.loads(limits.stdout)
    assert doc["max_order_quantity"] == "4000000" and doc["version"] >= 1
    bad_limit = tradectl("risk", "set", "daily_loss_limit=-1", "--reason", "interop")
    assert bad_limit.returncode == 1 and bad_limit.stderr.startswith("error: INVALID_ARGUMENT: limits.daily_loss_limit")

    status = tradectl("status", "--json")
    assert status.returncode in (0, 2), status.stderr
    doc = json.loads(status.stdout)
    assert doc["version"] == "1.0.0"
    assert {c["name"] for c in doc["components"]} == {"store", "broker", "market_data", "strategies"}
    strategies = tradectl("strategies")
    assert strategies.returncode == 0 and "sma" in strategies.stdout
    stopped = tradectl("strategies", "stop", "sma", "--json")
    assert stopped.returncode == 0 and json.loads(stopped.stdout)["state"] == "STOPPED"
    started = tradectl("strategies", "start", "sma")
    assert started.returncode == 0 and started.stdout.strip() == "sma RUNNING"
    missing = tradectl("strategies", "start", "nope")
    assert missing.returncode == 1 and missing.stderr.startswith("error: NOT_FOUND")


def test_unreachable_server_is_a_clear_error(tmp_path):
    out = subprocess.run([str(binary("tradectl")), "status", "--server", "127.0.0.1:1", "--timeout", "2"],
                         capture_output=True, text=True, timeout=30)
    assert out.returncode == 1
    assert out.stderr.startswith("error: UNAVAILABLE")


def test_saved_login_serves_every_command_and_a_closed_pipe_is_not_a_crash(trading_server, tmp_path):
    """The README's flow: `tradectl login` once, then commands with no token in the environment."""
    from conftest import ADMIN_PASSWORD
    env = {k: v for k, v in os.environ.items() if k != "TRADEBOT_TOKEN"}
    env.update(TRADEBOT_SERVER=trading_server.address, TRADEBOT_CA=str(trading_server.ca),
               XDG_CONFIG_HOME=str(tmp_path / "config"))

    def run(*args, stdin=None):
        return subprocess.run([str(binary("tradectl")), *args], env=env, input=stdin, capture_output=True,
                              text=True, timeout=60)

    login = run("login", "-u", "admin", "--password-stdin", stdin=ADMIN_PASSWORD + "\n")
    assert login.returncode == 0, login.stderr
    for command in (["positions", "list"], ["portfolio"], ["orders", "list"], ["backup", "list"]):
        out = run(*command)
        assert out.returncode == 0, (command, out.stderr)
    submitted = run("orders", "submit", "buy", "1000", "EURUSD", "--client-id", "saved-login-1", "--json")
    assert submitted.returncode == 0, submitted.stderr
    # A stream piped into a reader that stops early ends quietly (exit 0), not with a crash.
    piped = subprocess.run(f"'{binary('tradectl')}' orders watch --from-sequence 1 | head -n 1",
                           shell=True, env=env, capture_output=True, text=True, timeout=60)
    assert piped.returncode == 0 and piped.stdout.strip(), piped.stderr
    assert "Fatal error" not in piped.stderr and "crashed" not in piped.stderr
