import RPCCore
import Testing

@Suite("Status codes and their mappings")
struct StatusTests {
    @Test("every gRPC code has its canonical number and name", arguments: [
        (Status.Code.ok, 0, "OK"), (.cancelled, 1, "CANCELLED"), (.unknown, 2, "UNKNOWN"),
        (.invalidArgument, 3, "INVALID_ARGUMENT"), (.deadlineExceeded, 4, "DEADLINE_EXCEEDED"),
        (.notFound, 5, "NOT_FOUND"), (.alreadyExists, 6, "ALREADY_EXISTS"),
        (.permissionDenied, 7, "PERMISSION_DENIED"), (.resourceExhausted, 8, "RESOURCE_EXHAUSTED"),
        (.failedPrecondition, 9, "FAILED_PRECONDITION"), (.aborted, 10, "ABORTED"),
        (.outOfRange, 11, "OUT_OF_RANGE"), (.unimplemented, 12, "UNIMPLEMENTED"), (.internal, 13, "INTERNAL"),
        (.unavailable, 14, "UNAVAILABLE"), (.dataLoss, 15, "DATA_LOSS"), (.unauthenticated, 16, "UNAUTHENTICATED"),
    ])
    func codes(code: Status.Code, number: Int, name: String) {
        #expect(code.rawValue == number)
        #expect(code.name == name)
        #expect(Status.Code(rawValue: number) == code)
    }

    @Test("there are seventeen defined codes and unknown numbers still round-trip")
    func extensible() {
        #expect(Status.Code.allDefined.count == 17)
        let future = Status.Code(rawValue: 42)
        #expect(future.name == "CODE_42")
        #expect(Status.Code(headerValue: "42") == future)
    }

    @Test("an HTTP status without grpc-status maps to the gRPC code clients synthesise", arguments: [
        (400, Status.Code.internal), (401, .unauthenticated), (403, .permissionDenied), (404, .unimplemented),
        (429, .unavailable), (502, .unavailable), (503, .unavailable), (504, .unavailable), (431, .internal),
        (200, .unknown), (500, .unknown), (418, .unknown),
    ])
    func httpMapping(http: Int, code: Status.Code) {
        #expect(Status.Code(httpStatus: http) == code)
    }

    @Test("grpc-status header values parse only as plain decimal", arguments: [
        ("0", Status.Code?.some(.ok)), ("14", .some(.unavailable)), ("", nil), ("-1", nil), ("1a", nil), (" 1", nil),
    ])
    func statusHeader(value: String, code: Status.Code?) {
        #expect(Status.Code(headerValue: value) == code)
    }

    @Test("non-RPC errors thrown by handlers become UNKNOWN without leaking detail; cancellation becomes CANCELLED")
    func errorMapping() {
        struct Secret: Error {}
        #expect(RPCError.from(Secret()).code == .unknown)
        #expect(RPCError.from(Secret()).message == "handler failed")
        #expect(RPCError.from(CancellationError()).code == .cancelled)
        #expect(RPCError.from(RPCError(code: .notFound, message: "x")) == RPCError(code: .notFound, message: "x"))
    }
}

@Suite("grpc-message percent-encoding")
struct StatusMessageCodingTests {
    @Test("encoding escapes %, controls and non-ASCII and leaves printable ASCII alone", arguments: [
        ("plain text", "plain text"),
        ("100%", "100%25"),
        ("line\nbreak", "line%0Abreak"),
        ("déjà", "d%C3%A9j%C3%A0"),
        ("", ""),
        ("tab\there", "tab%09here"),
        ("~!@#$^&*()", "~!@#$^&*()"),
    ])
    func encode(raw: String, encoded: String) {
        #expect(StatusMessageCoding.encode(raw) == encoded)
        #expect(StatusMessageCoding.decode(encoded) == raw)
    }

    @Test("decoding never fails on malformed escapes", arguments: ["%", "%4", "%zz", "abc%", "%%41"])
    func malformed(value: String) {
        let decoded = StatusMessageCoding.decode(value)
        #expect(!decoded.isEmpty)
    }

    @Test("lower-case hex escapes are accepted")
    func lowerHex() {
        #expect(StatusMessageCoding.decode("%c3%a9") == "é")
    }
}

@Suite("grpc-timeout")
struct GRPCTimeoutTests {
    @Test("valid values parse to nanoseconds", arguments: [
        ("1H", Int64(3_600_000_000_000)), ("2M", 120_000_000_000), ("5S", 5_000_000_000), ("100m", 100_000_000),
        ("250u", 250_000), ("7n", 7), ("99999999S", 99_999_999_000_000_000), ("0m", 0),
    ])
    func parse(value: String, nanoseconds: Int64) {
        #expect(GRPCTimeout(headerValue: value)?.nanoseconds == nanoseconds)
    }

    @Test("invalid values are rejected", arguments: ["", "S", "1", "123456789S", "1s", "1.5S", "-1S", "1 S", "1SS", "１S"])
    func invalid(value: String) {
        #expect(GRPCTimeout(headerValue: value) == nil)
    }

    @Test("formatting is exact when eight digits allow, otherwise rounds up, never shortening the timeout", arguments: [
        (Duration.seconds(1), "1000000u"), (.milliseconds(250), "250000u"), (.nanoseconds(1), "1n"),
        (.seconds(3600 * 24), "86400000m"), (.nanoseconds(123_456_789_123), "123457m"),
    ])
    func format(duration: Duration, header: String) {
        let t = GRPCTimeout(duration)
        #expect(t.headerValue == header)
        #expect(t.headerValue.count <= 9)
        #expect(GRPCTimeout(headerValue: t.headerValue)!.nanoseconds >= t.nanoseconds)
    }
}

@Suite("Metadata")
struct MetadataTests {
    @Test("names are case-insensitive and multi-valued")
    func lookups() {
        var m = Metadata([("Authorization", "Bearer x")])
        m.add("x-trace", "1")
        m.add("X-Trace", "2")
        #expect(m["authorization"] == "Bearer x")
        #expect(m.values(for: "x-trace") == ["1", "2"])
        m.replace("x-trace", "3")
        #expect(m.values(for: "X-TRACE") == ["3"])
        #expect(m.count == 2)
    }
}
