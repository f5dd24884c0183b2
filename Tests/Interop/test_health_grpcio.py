"""grpc.health.v1 over TLS with the real Python grpcio client and its official health stubs."""
import grpc
import pytest
from grpc_health.v1 import health_pb2, health_pb2_grpc

from conftest import grpc_channel


def test_check_overall_server_is_serving(server):
    with grpc_channel(server) as ch:
        resp = health_pb2_grpc.HealthStub(ch).Check(health_pb2.HealthCheckRequest(service=""), timeout=10)
    assert resp.status == health_pb2.HealthCheckResponse.SERVING


def test_check_unknown_service_is_not_found(server):
    with grpc_channel(server) as ch:
        with pytest.raises(grpc.RpcError) as err:
            health_pb2_grpc.HealthStub(ch).Check(health_pb2.HealthCheckRequest(service="no.such.Service"), timeout=10)
    assert err.value.code() == grpc.StatusCode.NOT_FOUND


def test_watch_sends_the_current_status_first(server):
    with grpc_channel(server) as ch:
        stream = health_pb2_grpc.HealthStub(ch).Watch(health_pb2.HealthCheckRequest(service=""), timeout=10)
        first = next(stream)
        stream.cancel()
    assert first.status == health_pb2.HealthCheckResponse.SERVING


def test_watch_unknown_service_reports_service_unknown_and_stays_open(server):
    with grpc_channel(server) as ch:
        stream = health_pb2_grpc.HealthStub(ch).Watch(health_pb2.HealthCheckRequest(service="nope"), timeout=10)
        first = next(stream)
        assert first.status == health_pb2.HealthCheckResponse.SERVICE_UNKNOWN
        assert stream.is_active()
        stream.cancel()


def test_many_concurrent_checks_share_one_connection(server):
    with grpc_channel(server) as ch:
        stub = health_pb2_grpc.HealthStub(ch)
        futures = [stub.Check.future(health_pb2.HealthCheckRequest(), timeout=20) for _ in range(200)]
        statuses = {f.result().status for f in futures}
    assert statuses == {health_pb2.HealthCheckResponse.SERVING}


def test_plaintext_health_listener_serves_kubernetes_style_probes(server):
    with grpc.insecure_channel(f"127.0.0.1:{server.health_port}") as ch:
        resp = health_pb2_grpc.HealthStub(ch).Check(health_pb2.HealthCheckRequest(), timeout=10)
    assert resp.status == health_pb2.HealthCheckResponse.SERVING


def test_plaintext_listener_serves_nothing_but_health(server):
    with grpc.insecure_channel(f"127.0.0.1:{server.health_port}") as ch:
        call = ch.unary_unary("/tradebot.v1.System/GetStatus")
        with pytest.raises(grpc.RpcError) as err:
            call(b"", timeout=10)
    assert err.value.code() == grpc.StatusCode.UNIMPLEMENTED


def test_unknown_method_is_unimplemented(server):
    with grpc_channel(server) as ch:
        with pytest.raises(grpc.RpcError) as err:
            ch.unary_unary("/no.Such/Method")(b"", timeout=10)
    assert err.value.code() == grpc.StatusCode.UNIMPLEMENTED


def test_malformed_request_message_is_a_precise_error_and_the_server_keeps_serving(server):
    with grpc_channel(server) as ch:
        raw = ch.unary_unary("/grpc.health.v1.Health/Check")
        with pytest.raises(grpc.RpcError) as err:
            raw(b"\x0a\xff", timeout=10)  # field 1, length 255, but no bytes follow
        assert err.value.code() in (grpc.StatusCode.INVALID_ARGUMENT, grpc.StatusCode.INTERNAL)
        ok = health_pb2_grpc.HealthStub(ch).Check(health_pb2.HealthCheckRequest(), timeout=10)
    assert ok.status == health_pb2.HealthCheckResponse.SERVING


def test_oversized_message_is_resource_exhausted(server):
    with grpc_channel(server) as ch:
        raw = ch.unary_unary("/grpc.health.v1.Health/Check")
        with pytest.raises(grpc.RpcError) as err:
            raw(b"\x0a" + b"\x80\x80\x80\x03" + b"x" * (6 * 1024 * 1024), timeout=30)
    assert err.value.code() == grpc.StatusCode.RESOURCE_EXHAUSTED
