// Tests for HTTP2Transport.
