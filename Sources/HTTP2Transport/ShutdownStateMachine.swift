/// Graceful shutdown of one HTTP/2 connection, with no I/O (nghttp2's double-GOAWAY recipe).
///
/// serving → (begin) shutdown notice (GOAWAY last-stream-id 2^31-1) → (after ~1 RTT) final GOAWAY
/// with the last processed stream → close when no stream is open; or close at once when the
/// grace period runs out.
struct ShutdownStateMachine: Equatable {
    enum State: Equatable { case serving, noticeSent, goAwaySent, closed }
    enum Action: Equatable {
        case none
        case sendShutdownNotice
        case sendFinalGoAway
        case sendFinalGoAwayAndClose
        case close
        case forceClose
    }

    private(set) var state: State = .serving

    mutating func beginShutdown() -> Action {
        guard state == .serving else { return .none }
        state = .noticeSent
        return .sendShutdownNotice
    }

    mutating func noticeDelayElapsed(openStreams: Int) -> Action {
        guard state == .noticeSent else { return .none }
        if openStreams == 0 {
            state = .closed
            return .sendFinalGoAwayAndClose
        }
        state = .goAwaySent
        return .sendFinalGoAway
    }

    mutating func streamClosed(openStreams: Int) -> Action {
        guard state == .goAwaySent, openStreams == 0 else { return .none }
        state = .closed
        return .close
    }

    mutating func gracePeriodExpired() -> Action {
        guard state != .closed else { return .none }
        state = .closed
        return .forceClose
    }
}
