import Testing
@testable import Security

@Suite("Rate limiting on a test clock")
struct RateLimitTests {
    @Test("a bucket allows its burst, then limits with the exact time to the next token")
    func burstThenLimit() {
        var bucket = TokenBucket(rule: RateLimitRule(capacity: 5, refillPerSecond: 2), now: Fixtures.start)
        for _ in 0..<5 { #expect(bucket.take(now: Fixtures.start) == .allowed) }
        #expect(bucket.take(now: Fixtures.start) == .limited(retryAfter: .milliseconds(500)))
        #expect(bucket.take(now: Fixtures.start + .milliseconds(499)) == .limited(retryAfter: .milliseconds(1)))
        #expect(bucket.take(now: Fixtures.start + .milliseconds(500)) == .allowed)
    }

    @Test("refill never exceeds capacity and a clock going backwards adds nothing")
    func refillBounds() {
        var bucket = TokenBucket(rule: RateLimitRule(capacity: 3, refillPerSecond: 1), now: Fixtures.start)
        for _ in 0..<3 { _ = bucket.take(now: Fixtures.start) }
        #expect(bucket.available(at: Fixtures.start + .seconds(3600)) == 3)
        #expect(bucket.available(at: Fixtures.start - .seconds(3600)) == 0)
        #expect(bucket.take(now: Fixtures.start - .seconds(10)) == .limited(retryAfter: .seconds(1)))
    }

    @Test("sustained rate matches the refill rate", arguments: [1.0, 10.0, 250.0])
    func sustainedRate(rate: Double) {
        let clock = ManualClock(Fixtures.start)
        let limiter = RateLimiter<String>(clock: clock) { _ in RateLimitRule(capacity: 1, refillPerSecond: rate) }
        var allowed = 0
        let steps = 10_000
        for _ in 0..<steps {
            if limiter.acquire("k").isAllowed { allowed += 1 }
            clock.advance(by: .nanoseconds(1_000_000))  // 10 s in total
        }
        #expect(abs(Double(allowed) - rate * 10) <= 1.5)
    }

    @Test("buckets are per principal and per permission class")
    func perKey() {
        let clock = ManualClock(Fixtures.start)
        let limiter = RateLimiter<RPCRateLimitKey>(clock: clock, rules: [
            .trade: RateLimitRule(capacity: 2, refillPerSecond: 1),
            .read: RateLimitRule(capacity: 1, refillPerSecond: 1),
        ], fallback: nil)
        let aliceTrade = RPCRateLimitKey(subject: "alice", permissionClass: .trade)
        #expect(limiter.acquire(aliceTrade).isAllowed)
        #expect(limiter.acquire(aliceTrade).isAllowed)
        #expect(!limiter.acquire(aliceTrade).isAllowed)
        #expect(limiter.acquire(RPCRateLimitKey(subject: "alice", permissionClass: .read)).isAllowed)
        #expect(limiter.acquire(RPCRateLimitKey(subject: "bob", permissionClass: .trade)).isAllowed)
        // No rule and no fallback: unlimited.
        for _ in 0..<100 { #expect(limiter.acquire(RPCRateLimitKey(subject: "alice", permissionClass: .operate)).isAllowed) }
    }

    @Test("the limiter's memory stays bounded")
    func boundedKeys() {
        let clock = ManualClock(Fixtures.start)
        let limiter = RateLimiter<Int>(clock: clock, maxKeys: 100) { _ in RateLimitRule(capacity: 1, refillPerSecond: 0.001) }
        for key in 0..<1000 { _ = limiter.acquire(key) }
        #expect(limiter.trackedKeyCount <= 100)
    }

    @Test("login: free attempts, then exponential backoff per username")
    func usernameBackoff() {
        let clock = ManualClock(Fixtures.start)
        let throttle = LoginThrottle(clock: clock)
        for _ in 0..<3 {
            #expect(throttle.check(username: "alice", address: "10.0.0.1") == .allowed)
            throttle.recordFailure(username: "alice", address: "10.0.0.1")
        }
        #expect(throttle.check(username: "alice", address: "10.0.0.1") == .allowed)
        throttle.recordFailure(username: "alice", address: "10.0.0.1")  // 4th failure: 1 s
        #expect(throttle.check(username: "Alice", address: "10.0.0.2") == .throttled(retryAfter: .seconds(1), reason: .usernameBackoff))
        clock.advance(by: .seconds(1))
        #expect(throttle.check(username: "alice", address: "10.0.0.1") == .allowed)
        throttle.recordFailure(username: "alice", address: "10.0.0.1")  // 5th: 2 s
        #expect(throttle.check(username: "alice", address: "10.0.0.1") == .throttled(retryAfter: .seconds(2), reason: .usernameBackoff))
        clock.advance(by: .seconds(2))
        throttle.recordFailure(username: "alice", address: "10.0.0.1")  // 6th: 4 s
        #expect(throttle.check(username: "alice", address: "10.0.0.1") == .throttled(retryAfter: .seconds(4), reason: .usernameBackoff))
        // Another user from another address is unaffected.
        #expect(throttle.check(username: "bob", address: "10.0.0.9") == .allowed)
    }

    @Test("login: the lockout threshold locks the username for the lockout duration")
    func usernameLockout() {
        let clock = ManualClock(Fixtures.start)
        let throttle = LoginThrottle(clock: clock)
        for _ in 0..<10 {
            throttle.recordFailure(username: "alice", address: "10.0.0.1")
            clock.advance(by: .seconds(301))
        }
        // Locked at the 10th failure for 15 min, 301 s ago.
        #expect(throttle.check(username: "alice", address: "10.0.0.3") == .throttled(retryAfter: .seconds(599), reason: .usernameLocked))
        clock.advance(by: .seconds(599))
        #expect(throttle.check(username: "alice", address: "10.0.0.3") == .allowed)
        // After a served lockout, the next failure backs off immediately (no new free attempts).
        throttle.recordFailure(username: "alice", address: "10.0.0.3")
        #expect(throttle.check(username: "alice", address: "10.0.0.3") == .throttled(retryAfter: .seconds(1), reason: .usernameBackoff))
    }

    @Test("login: one address spraying many usernames is throttled by address")
    func addressSpraying() {
        let clock = ManualClock(Fixtures.start)
        let throttle = LoginThrottle(clock: clock)
        for i in 0..<10 { throttle.recordFailure(username: "user\(i)", address: "203.0.113.7") }
        #expect(throttle.check(username: "fresh", address: "203.0.113.7") == .allowed)
        throttle.recordFailure(username: "user10", address: "203.0.113.7")
        #expect(throttle.check(username: "fresh", address: "203.0.113.7") == .throttled(retryAfter: .seconds(1), reason: .addressBackoff))
        #expect(throttle.check(username: "fresh", address: "198.51.100.1") == .allowed)
        for i in 11..<50 { clock.advance(by: .seconds(301)); throttle.recordFailure(username: "user\(i)", address: "203.0.113.7") }
        guard case .throttled(_, .addressLocked) = throttle.check(username: "fresh", address: "203.0.113.7") else {
            Issue.record("expected an address lockout")
            return
        }
    }

    @Test("login: success clears the username's failures")
    func successClears() {
        let clock = ManualClock(Fixtures.start)
        let throttle = LoginThrottle(clock: clock)
        for _ in 0..<4 { throttle.recordFailure(username: "alice", address: "10.0.0.1") }
        clock.advance(by: .seconds(1))
        throttle.recordSuccess(username: "alice", address: "10.0.0.1")
        throttle.recordFailure(username: "alice", address: "10.0.0.1")
        #expect(throttle.check(username: "alice", address: "10.0.0.1") == .allowed)
    }

    @Test("login: backoff delay doubles and is capped", arguments: [(1, 1), (2, 2), (3, 4), (8, 128), (9, 256), (10, 300), (60, 300)])
    func backoffCurve(excess: Int, seconds: Int64) {
        #expect(LoginThrottle.delay(excess: excess, policy: .username) == .seconds(seconds))
    }

    @Test("login: tracked keys stay bounded under a flood of usernames")
    func boundedLoginKeys() {
        let clock = ManualClock(Fixtures.start)
        let throttle = LoginThrottle(clock: clock, maxTrackedKeys: 100)
        for i in 0..<1000 { throttle.recordFailure(username: "u\(i)", address: "a\(i % 7)") }
        #expect(throttle.trackedKeyCount <= 100)
    }
}

@Suite("Retry hints")
struct RetryHintTests {
    @Test("retry-after converts to whole milliseconds, rounded up", arguments: [
        (RateLimitDecision.allowed, nil), (.limited(retryAfter: .milliseconds(500)), 500),
        (.limited(retryAfter: .nanoseconds(1)), 1), (.limited(retryAfter: .seconds(2)), 2000),
    ] as [(RateLimitDecision, Int64?)])
    func milliseconds(decision: RateLimitDecision, expected: Int64?) {
        #expect(decision.retryAfterMilliseconds == expected)
    }

    @Test("a parallel burst of logins from one address is capped before any failure is recorded")
    func loginBurst() {
        let clock = ManualClock(Fixtures.start)
        let limiter = RateLimiter<String>(clock: clock) { _ in RateLimitRule.loginPerAddress }
        let allowed = (0..<50).filter { _ in limiter.acquire("203.0.113.9").isAllowed }.count
        #expect(allowed == 10)
        #expect(limiter.acquire("203.0.113.9") == .limited(retryAfter: .seconds(2)))
    }
}
