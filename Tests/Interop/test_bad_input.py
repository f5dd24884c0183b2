"""Hostile and broken clients: each gets the protocol's answer and the server keeps serving others.

Frames are crafted with the `h2` library (hyper-h2) over a real TLS socket, or raw bytes.
"""
import os
import socket
import ssl
import struct
import time

import h2.config
import h2.connection
import h2.events
import pytest
from grpc_health.v1 import health_pb2, health_pb2_grpc

from conftest import grpc_channel


def assert_still_serving(server):
    with grpc_channel(server) as ch:
        resp = health_pb2_grpc.HealthStub(ch).Check(health_pb2.HealthCheckRequest(), timeout=15)
    assert resp.status == health_pb2.HealthCheckResponse.SERVING
    assert server.alive()


def tls_socket(server, alpn=("h2",)):
    ctx = ssl.create_default_context(cafile=str(server.ca))
    if alpn:
        ctx.set_alpn_protocols(list(alpn))
    raw = socket.create_connection(("127.0.0.1", server.port), timeout=15)
    return ctx.wrap_socket(raw, server_hostname="localhost")


class H2Client:
    """A minimal HTTP/2 client over TLS that can send things real clients never would."""

    def __init__(self, server):
        self.sock = tls_socket(server)
        self.conn = h2.connection.H2Connection(config=h2.config.H2Configuration(client_side=True, header_encoding="utf-8"))
        self.conn.initiate_connection()
        self.flush()

    def flush(self):
        data = self.conn.data_to_send()
        if data:
            self.sock.sendall(data)

    def request(self, headers, body=None, end_stream=True):
        sid = self.conn.get_next_available_stream_id()
        self.conn.send_headers(sid, headers, end_stream=body is None and end_stream)
        if body is not None:
            self.conn.send_data(sid, body, end_stream=end_stream)
        self.flush()
        return sid

    def events_until(self, predicate, timeout=15):
        deadline = time.monotonic() + timeout
        seen = []
        while time.monotonic() < deadline:
            try:
                data = self.sock.recv(65536)
            except (socket.timeout, ssl.SSLError, ConnectionResetError):
                break
            if not data:
                break
            for ev in self.conn.receive_data(data):
                seen.append(ev)
                if predicate(ev):
                    self.flush()
                    return seen
            self.flush()
        return seen

    def stream_end(self, sid):
        """Headers (response + trailers) and stream-reset code for one stream."""
        events = self.events_until(lambda e: getattr(e, "stream_id", None) == sid and
                                   isinstance(e, (h2.events.StreamEnded, h2.events.StreamReset)))
        headers = {}
        reset = None
        for e in events:
            if isinstance(e, (h2.events.ResponseReceived, h2.events.TrailersReceived)) and e.stream_id == sid:
                headers.update(dict(e.headers))
            if isinstance(e, h2.events.StreamReset) and e.stream_id == sid:
                reset = e.error_code
        return headers, reset

    def close(self):
        try:
            self.sock.close()
        except OSError:
            pass


def grpc_headers(server, path="/grpc.health.v1.Health/Check", method="POST", content_type="application/grpc"):
    h = [(":method", method), (":scheme", "https"), (":path", path), (":authority", f"localhost:{server.port}")]
    if content_type is not None:
        h.append(("content-type", content_type))
    h.append(("te", "trailers"))
    return h


def test_plain_http11_on_the_tls_port(server):
    with socket.create_connection(("127.0.0.1", server.port), timeout=15) as s:
        s.sendall(b"GET /healthz HTTP/1.1\r\nHost: localhost\r\n\r\n")
        s.settimeout(15)
        try:
            data = s.recv(4096)
        except (ConnectionResetError, socket.timeout):
            data = b""
    assert not data.startswith(b"HTTP/1.1 200")
    assert_still_serving(server)


def test_random_bytes_on_the_tls_port(server):
    for _ in range(20):
        with socket.create_connection(("127.0.0.1", server.port), timeout=15) as s:
            s.sendall(os.urandom(4096))
            s.settimeout(15)
            try:
                while s.recv(4096):
                    pass
            except (ConnectionResetError, socket.timeout):
                pass
    assert_still_serving(server)


def test_aborted_handshake(server):
    for _ in range(20):
        # The first bytes of a TLS ClientHello record header, then hang up.
        with socket.create_connection(("127.0.0.1", server.port), timeout=15) as s:
            s.sendall(b"\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03")
    assert_still_serving(server)


def test_random_bytes_after_the_handshake_get_goaway(server):
    sock = tls_socket(server)
    sock.sendall(os.urandom(2048))
    sock.settimeout(15)
    received = b""
    try:
        while True:
            chunk = sock.recv(65536)
            if not chunk:
                break
            received += chunk
    except (ConnectionResetError, socket.timeout, ssl.SSLError):
        pass
    sock.close()
    # Frame type 0x7 is GOAWAY; nghttp2 answers a bad client magic with one before closing.
    assert b"\x07\x00\x00\x00\x00\x00" in received or received == b""
    assert_still_serving(server)


def test_missing_content_type_is_415(server):
    c = H2Client(server)
    sid = c.request(grpc_headers(server, content_type=None), body=b"\x00\x00\x00\x00\x00")
    headers, _ = c.stream_end(sid)
    c.close()
    assert headers.get(":status") == "415"
    assert_still_serving(server)


def test_get_on_an_rpc_path_is_refused(server):
    c = H2Client(server)
    sid = c.request(grpc_headers(server, method="GET"))
    headers, _ = c.stream_end(sid)
    c.close()
    assert headers.get(":status") == "405"
    assert_still_serving(server)


def test_length_prefix_larger_than_the_data(server):
    c = H2Client(server)
    sid = c.request(grpc_headers(server), body=b"\x00\x00\x00\x00\x20" + b"\x0a\x03abc")
    headers, reset = c.stream_end(sid)
    c.close()
    assert headers.get("grpc-status") == "13", headers
    assert_still_serving(server)


def test_empty_request_on_a_unary_method_is_unimplemented(server):
    c = H2Client(server)
    sid = c.request(grpc_headers(server))  # END_STREAM on HEADERS: zero request messages
    headers, _ = c.stream_end(sid)
    c.close()
    assert headers.get("grpc-status") == "12", headers
    assert_still_serving(server)


def test_compressed_flag_without_encoding(server):
    c = H2Client(server)
    sid = c.request(grpc_headers(server), body=b"\x01\x00\x00\x00\x00")
    headers, _ = c.stream_end(sid)
    c.close()
    assert headers.get("grpc-status") in ("12", "13"), headers
    assert_still_serving(server)


def test_ping_flood_is_cut_off(server):
    c = H2Client(server)
    # Send many PINGs without ever reading the ACKs: nghttp2 treats this as a flood.
    ping = struct.pack(">I", 8)[1:] + b"\x06\x00" + b"\x00\x00\x00\x00" + b"12345678"
    closed = False
    try:
        for _ in range(200):
            c.sock.sendall(ping * 100)
    except (BrokenPipeError, ConnectionResetError, ssl.SSLError, socket.timeout):
        closed = True
    if not closed:
        c.sock.settimeout(15)
        try:
            while c.sock.recv(65536):
                pass
            closed = True
        except (ConnectionResetError, ssl.SSLError):
            closed = True
        except socket.timeout:
            closed = False
    c.close()
    assert closed, "the server kept a flooding connection open"
    assert_still_serving(server)


def test_client_that_never_sends_settings_does_not_block_others(server):
    idle = tls_socket(server)  # TLS done, no HTTP/2 preface ever sent
    assert_still_serving(server)
    idle.close()


def open_fds(pid):
    return len(os.listdir(f"/proc/{pid}/fd"))


def test_ten_thousand_connections_opened_and_dropped(server):
    assert_still_serving(server)
    before = open_fds(server.proc.pid)
    for i in range(10_000):
        s = socket.socket()
        s.connect(("127.0.0.1", server.port))
        if i % 2:
            s.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))  # RST
        s.close()
    assert_still_serving(server)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and open_fds(server.proc.pid) > before + 5:
        time.sleep(0.2)
    assert open_fds(server.proc.pid) <= before + 5
