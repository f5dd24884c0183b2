"""A full trading session driven by Python grpcio with classes generated from Protocol/ at test
time: instruments, quote, submit (idempotent retry, bad input), fills stream, positions and
portfolio, halt and resume, status, and the MISSION.md metrics on /metrics.

Calls go through `channel.unary_unary` / `unary_stream` with the generated message classes'
serializers, exactly what generated service stubs do. The token comes from the `token` fixture
(None until the auth interceptor lands)."""
from __future__ import annotations

import decimal
import subprocess
import time

import grpc
import pytest

from conftest import grpc_channel


class Api:
    def __init__(self, channel, pb, metadata):
        self.channel, self.pb, self.metadata = channel, pb, metadata

    def unary(self, service, method, request, response_type, timeout=10):
        call = self.channel.unary_unary(f"/tradebot.v1.{service}/{method}",
                                        request_serializer=lambda m: m.SerializeToString(),
                                        response_deserializer=response_type.FromString)
        return call(request, metadata=self.metadata, timeout=timeout)

    def stream(self, service, method, request, response_type, timeout=30):
        call = self.channel.unary_stream(f"/tradebot.v1.{service}/{method}",
                                         request_serializer=lambda m: m.SerializeToString(),
                                         response_deserializer=response_type.FromString)
        return call(request, metadata=self.metadata, timeout=timeout)


@pytest.fixture
def api(trading_server, tradebot_pb, auth_metadata):
    with grpc_channel(trading_server) as channel:
        yield Api(channel, tradebot_pb, auth_metadata)


def submit(api, side, quantity, client_id="", limit=""):
    pb = api.pb
    request = pb["orders_pb2"].SubmitOrderRequest(
        client_order_id=client_id, symbol="EURUSD", side=side, quantity=quantity,
        type=pb["common_pb2"].ORDER_TYPE_LIMIT if limit else pb["common_pb2"].ORDER_TYPE_MARKET,
        limit_price=limit, time_in_force=pb["common_pb2"].TIME_IN_FORCE_GTC)
    return api.unary("Orders", "SubmitOrder", request, pb["orders_pb2"].SubmitOrderResponse)


def wait_for_quote(api):
    md = api.pb["marketdata_pb2"]
    deadline = time.monotonic() + 20
    while True:
        try:
            return api.unary("MarketData", "GetQuote", md.GetQuoteRequest(symbol="EURUSD"), md.GetQuoteResponse).quote
        except grpc.RpcError as error:
            if error.code() != grpc.StatusCode.UNAVAILABLE or time.monotonic() > deadline:
                raise
            time.sleep(0.05)


def test_trading_session(api, trading_server):
    pb = api.pb
    common, orders, portfolio, risk, system, md = (pb[n] for n in (
        "common_pb2", "orders_pb2", "portfolio_pb2", "risk_pb2", "system_pb2", "marketdata_pb2"))

    instruments = api.unary("MarketData", "ListInstruments", md.ListInstrumentsRequest(), md.ListInstrumentsResponse)
    assert [i.symbol for i in instruments.instruments] == ["EURUSD"]
    assert instruments.instruments[0].tick_size == "0.00001"
    quote = wait_for_quote(api)
    assert decimal.Decimal(quote.last) > 0

    first = submit(api, common.SIDE_BUY, "10000", client_id="py-1")
    assert first.order.order_id.startswith("O-")
    assert first.order.sequence > 0
    assert not first.duplicate
    again = submit(api, common.SIDE_BUY, "10000", client_id="py-1")
    assert again.duplicate and again.order.order_id == first.order.order_id

    with pytest.raises(grpc.RpcError) as bad:
        submit(api, common.SIDE_BUY, "ten thousand")
    assert bad.value.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert bad.value.details().startswith("quantity")

    fills = api.stream("Orders", "SubscribeFills", orders.SubscribeFillsRequest(from_sequence=1), orders.FillEvent)
    mine = None
    last = 0
    for event in fills:
        assert event.sequence > last, "fills arrive in sequence order"
        last = event.sequence
        if event.fill.client_order_id == "py-1":
            mine = event.fill
            break
    fills.cancel()
    assert mine is not None and mine.quantity == "10000" and decimal.Decimal(mine.price) > 0

    positions = api.unary("Portfolio", "ListPositions", portfolio.ListPositionsRequest(include_flat=True),
                          portfolio.ListPositionsResponse).positions
    assert [p.symbol for p in positions] == ["EURUSD"]
    decimal.Decimal(positions[0].quantity)
    summary = api.unary("Portfolio", "GetPortfolio", portfolio.GetPortfolioRequest(),
                        portfolio.GetPortfolioResponse).portfolio
    assert summary.currency == "USD"
    assert decimal.Decimal(summary.equity) > 0

    resting = submit(api, common.SIDE_BUY, "1000", client_id="py-rest", limit="0.50000")
    halted = api.unary("Risk", "Halt", risk.HaltRequest(reason="interop test", cancel_open_orders=True),
                       risk.HaltResponse)
    assert halted.state.trading_state == common.TRADING_STATE_HALTED
    assert halted.cancelled_orders >= 1
    with pytest.raises(grpc.RpcError) as refused:
        submit(api, common.SIDE_BUY, "1000", client_id="py-halted")
    assert refused.value.code() == grpc.StatusCode.FAILED_PRECONDITION
    assert refused.value.details().startswith("TRADING_HALTED")
    # The machine-readable reason also travels as the `tradebot-reason` trailer (Protocol/README.md).
    assert dict(refused.value.trailing_metadata() or ()).get("tradebot-reason") == "TRADING_HALTED"
    got = api.unary("Orders", "GetOrder", orders.GetOrderRequest(order_id=resting.order.order_id),
                    orders.GetOrderResponse).order
    assert got.status in (common.ORDER_STATUS_PENDING_CANCEL, common.ORDER_STATUS_CANCELLED)
    resumed = api.unary("Risk", "Resume", risk.ResumeRequest(reason="interop done"), risk.ResumeResponse)
    assert resumed.state.trading_state == common.TRADING_STATE_ACTIVE

    status = api.unary("System", "GetStatus", system.GetStatusRequest(), system.GetStatusResponse)
    assert status.version == "1.0.0"
    assert status.mode == system.TRADING_MODE_PAPER
    assert {c.name for c in status.components} == {"store", "broker", "market_data", "strategies"}
    assert {"trade_loop_latency_p95", "order_to_fill_p95", "rejection_rate", "fill_timeout_rate",
            "api_latency_p95", "signal_to_order_p95"} <= {s.name for s in status.sla}

    out = subprocess.run(["curl", "-sS", "--http2", "--cacert", str(trading_server.ca),
                          f"https://localhost:{trading_server.port}/metrics",
                          "--resolve", f"localhost:{trading_server.port}:127.0.0.1"],
                         capture_output=True, timeout=30)
    assert out.returncode == 0, out.stderr
    text = out.stdout.decode()
    for name in ("trade_loop_latency_ms_p95", "rejected_rate", "fill_timeout_rate", "tradebot_fills_total"):
        assert f"\n{name} " in text, name


def test_orders_stream_resumes_without_gaps(api):
    pb = api.pb
    orders = pb["orders_pb2"]
    wait_for_quote(api)
    for i in range(3):
        submit(api, pb["common_pb2"].SIDE_BUY, "1000", client_id=f"gap-{i}", limit="0.50000")
    full = []
    for event in api.stream("Orders", "SubscribeOrders", orders.SubscribeOrdersRequest(from_sequence=1), orders.OrderEvent):
        full.append(event.sequence)
        if len(full) == 6:
            break
    resumed = []
    for event in api.stream("Orders", "SubscribeOrders", orders.SubscribeOrdersRequest(from_sequence=full[2] + 1),
                            orders.OrderEvent):
        resumed.append(event.sequence)
        if len(resumed) == 3:
            break
    assert full[:3] + resumed == full
