@testable import HTTP2Transport
import RPCCore
import Testing

@Suite("gRPC length-prefixed framing")
struct FramingTests {
    static func framed(_ messages: [[UInt8]]) -> [UInt8] {
        messages.flatMap { GRPCMessageDeframer.frame($0) }
    }

    func deframe(_ bytes: [UInt8], chunk: Int, limit: Int = 1 << 20) throws -> ([[UInt8]], Bool) {
        var d = GRPCMessageDeframer(maxMessageSize: limit)
        var out: [[UInt8]] = []
        var i = 0
        while i < bytes.count {
            let end = min(bytes.count, i + chunk)
            try bytes[i..<end].withUnsafeBytes { raw in
                try d.process(raw) { out.append($0) }
            }
            i = end
        }
        return (out, d.hasPartialMessage)
    }

    @Test("a frame is flag 0, big-endian length, then the bytes")
    func frameLayout() {
        #expect(GRPCMessageDeframer.frame([0x08, 0x01]) == [0, 0, 0, 0, 2, 0x08, 0x01])
        #expect(GRPCMessageDeframer.frame([]) == [0, 0, 0, 0, 0])
        #expect(GRPCMessageDeframer.frame([UInt8](repeating: 0, count: 0x010203)).prefix(5) == [0, 0, 1, 2, 3])
    }

    @Test("messages survive any split into DATA chunks, including merged frames", arguments: [1, 2, 3, 4, 5, 6, 7, 64, 100_000])
    func splits(chunk: Int) throws {
        let messages: [[UInt8]] = [[], [1], Array(0..<200).map { UInt8($0) }, [9, 9, 9], []]
        let (out, partial) = try deframe(Self.framed(messages), chunk: chunk)
        #expect(out == messages)
        #expect(!partial)
    }

    @Test("a length prefix over the limit fails before the body is buffered")
    func overLimit() {
        // Only the 5-byte prefix is supplied: the failure must not wait for the body.
        let prefix: [UInt8] = [0, 0, 0x40, 0, 1]  // 4 MiB + 1
        #expect(throws: GRPCMessageDeframer.Failure.messageTooLarge(length: 4 * 1024 * 1024 + 1, limit: 4 * 1024 * 1024)) {
            _ = try deframe(prefix, chunk: 5, limit: 4 * 1024 * 1024)
        }
    }

    @Test("a message exactly at the limit is accepted")
    func atLimit() throws {
        let (out, _) = try deframe(Self.framed([[UInt8](repeating: 7, count: 1000)]), chunk: 333, limit: 1000)
        #expect(out.count == 1)
    }

    @Test("a length prefix larger than the data leaves a partial message")
    func truncated() throws {
        let (out, partial) = try deframe([0, 0, 0, 0, 10, 1, 2, 3], chunk: 8)
        #expect(out.isEmpty)
        #expect(partial)
        let (_, prefixOnly) = try deframe([0, 0, 0, 0, 10], chunk: 5)
        #expect(prefixOnly)
        let (_, halfPrefix) = try deframe([0, 0], chunk: 2)
        #expect(halfPrefix)
    }

    @Test("the compressed flag and invalid flags are reported", arguments: [
        (UInt8(1), GRPCMessageDeframer.Failure.compressed), (2, .invalidFlag(2)), (0xFF, .invalidFlag(0xFF)),
    ])
    func flags(flag: UInt8, failure: GRPCMessageDeframer.Failure) {
        #expect(throws: failure) { _ = try deframe([flag, 0, 0, 0, 1, 0], chunk: 6) }
    }
}

@Suite("Server call state machine")
struct ServerRPCStateMachineTests {
    @Test("one message then end of request dispatches; the status then goes out as trailers")
    func happyPath() {
        var m = ServerRPCStateMachine()
        #expect(m.messageReceived() == .none)
        #expect(m.requestEnded(partialMessageBuffered: false) == .dispatch)
        let headers = m.sendResponseHeaders()
        #expect(headers)
        #expect(m.finish(.ok) == .trailers(.ok))
        #expect(m.finish(.ok) == .alreadyFinished)
    }

    @Test("an error before any response is Trailers-Only")
    func trailersOnly() {
        var m = ServerRPCStateMachine()
        let s = Status(code: .unimplemented, message: "x")
        #expect(m.finish(s) == .trailersOnly(s))
        let headers = m.sendResponseHeaders()
        #expect(!headers)
    }

    @Test("cardinality and truncation violations fail the call", arguments: [
        (0, false, Status.Code.unimplemented), (1, true, .internal),
    ])
    func violations(messages: Int, partial: Bool, code: Status.Code) {
        var m = ServerRPCStateMachine()
        for _ in 0..<messages { _ = m.messageReceived() }
        guard case .fail(let s) = m.requestEnded(partialMessageBuffered: partial) else {
            Issue.record("expected failure")
            return
        }
        #expect(s.code == code)
    }

    @Test("a second request message on a unary call is UNIMPLEMENTED")
    func twoMessages() {
        var m = ServerRPCStateMachine()
        _ = m.messageReceived()
        guard case .fail(let s) = m.messageReceived() else { Issue.record("expected failure"); return }
        #expect(s.code == .unimplemented)
    }

    @Test("a reset call ignores later events")
    func reset() {
        var m = ServerRPCStateMachine()
        m.reset()
        #expect(m.messageReceived() == .none)
        #expect(m.requestEnded(partialMessageBuffered: false) == .none)
        #expect(m.finish(.ok) == .alreadyFinished)
    }
}

@Suite("Graceful shutdown state machine")
struct ShutdownStateMachineTests {
    @Test("notice, then final GOAWAY, then close when the last stream ends")
    func withStreams() {
        var m = ShutdownStateMachine()
        #expect(m.beginShutdown() == .sendShutdownNotice)
        #expect(m.beginShutdown() == .none)
        #expect(m.noticeDelayElapsed(openStreams: 2) == .sendFinalGoAway)
        #expect(m.streamClosed(openStreams: 1) == .none)
        #expect(m.streamClosed(openStreams: 0) == .close)
        #expect(m.state == .closed)
        #expect(m.gracePeriodExpired() == .none)
    }

    @Test("an idle connection closes with the final GOAWAY")
    func idle() {
        var m = ShutdownStateMachine()
        _ = m.beginShutdown()
        #expect(m.noticeDelayElapsed(openStreams: 0) == .sendFinalGoAwayAndClose)
    }

    @Test("the grace period forces a close from any open state", arguments: [0, 1, 2])
    func grace(step: Int) {
        var m = ShutdownStateMachine()
        if step >= 1 { _ = m.beginShutdown() }
        if step >= 2 { _ = m.noticeDelayElapsed(openStreams: 3) }
        #expect(m.gracePeriodExpired() == .forceClose)
    }

    @Test("streams closing before shutdown do nothing")
    func serving() {
        var m = ShutdownStateMachine()
        #expect(m.streamClosed(openStreams: 0) == .none)
        #expect(m.noticeDelayElapsed(openStreams: 0) == .none)
    }
}
