"""tradebotd copied out of the build directory, as an install does (the binary and SwiftPM's
resource bundle beside it), still replays the bundled EURUSD feed: the data is found beside the
executable, not through the checkout it was built from."""
from __future__ import annotations

import shutil

import conftest
from conftest import ADMIN_PASSWORD, AuthClient, grpc_channel
from test_trading_grpcio import Api, wait_for_quote

BUNDLE = "tradebot_tradebotd.resources"


def test_installed_copy_replays_the_bundled_feed(tmp_path, monkeypatch, start_server, tradebot_pb, pb):
    install = tmp_path / "install" / "bin"
    install.mkdir(parents=True)
    shutil.copy2(conftest.binary("tradebotd"), install / "tradebotd")
    shutil.copytree(conftest.BIN_DIR / BUNDLE, install / BUNDLE)
    monkeypatch.setattr(conftest, "BIN_DIR", install)

    server = start_server(env={"TRADEBOT_REPLAY_SPEED": "50", "TRADEBOT_ADMIN_PASSWORD": ADMIN_PASSWORD})
    assert server.proc.args[0] == str(install / "tradebotd")
    client = AuthClient(server, pb)
    try:
        token = client.login("admin", ADMIN_PASSWORD).access_token
    finally:
        client.close()
    with grpc_channel(server) as channel:
        api = Api(channel, tradebot_pb, [("authorization", f"Bearer {token}")])
        quote = wait_for_quote(api)
        assert quote.symbol == "EURUSD" and quote.bid and quote.ask
        system = tradebot_pb["system_pb2"]
        status = api.unary("System", "GetStatus", system.GetStatusRequest(), system.GetStatusResponse)
        feed = next(c for c in status.components if c.name == "market_data")
        assert feed.detail.startswith(str(install / BUNDLE / "market" / "EURUSD.csv")), feed.detail
    assert "bundled EURUSD feed was not found" not in server.output()
