// Release-mode benchmark for the Security module (docs/PERFORMANCE.md, "Security (issue 6)").
// Usage: tradebot-security-bench [--runs N] [--quick]
// Prints one Markdown table row per measurement: median thread-CPU and wall time per operation
// over N runs, and the wall-time range.
import Glibc
import Security

func now() -> Int64 { MonotonicClock().now().nanoseconds }

/// CPU time of this thread: steadier than wall time on a shared machine, where other
/// processes preempt the benchmark.
func cpuNow() -> Int64 {
    var ts = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts)
    return Int64(ts.tv_sec) * 1_000_000_000 + Int64(ts.tv_nsec)
}

/// One run's per-operation wall and CPU time in nanoseconds.
struct Sample {
    let wall: Double
    let cpu: Double
}

/// Runs `body` `iterations` times per run, `runs` times.
func measure(runs: Int, iterations: Int, _ body: () throws -> Void) rethrows -> [Sample] {
    var results: [Sample] = []
    for _ in 0..<runs {
        let start = now(), cpuStart = cpuNow()
        for _ in 0..<iterations { try body() }
        let n = Double(max(iterations, 1))
        results.append(Sample(wall: Double(now() - start) / n, cpu: Double(cpuNow() - cpuStart) / n))
    }
    return results
}

/// One decimal place without Foundation.
func oneDecimal(_ value: Double) -> String {
    let tenths = Int((value * 10).rounded())
    return "\(tenths / 10).\(tenths % 10)"
}

func format(_ ns: Double) -> String {
    if ns >= 1_000_000 { return oneDecimal(ns / 1_000_000) + " ms" }
    if ns >= 1_000 { return oneDecimal(ns / 1_000) + " µs" }
    return "\(Int(ns.rounded())) ns"
}

func report(_ name: String, _ samples: [Sample], iterations: Int) {
    guard iterations > 1, !samples.isEmpty else { return }  // skipped by --cached-only
    let wall = samples.map(\.wall).sorted()
    let cpu = samples.map(\.cpu).sorted()
    print("| \(name) | \(format(cpu[cpu.count / 2])) | \(format(wall[wall.count / 2])) | "
          + "\(format(wall[0])) – \(format(wall[wall.count - 1])) | \(wall.count) × \(iterations) |")
}

/// Keeps results alive so the optimizer cannot drop the measured work.
nonisolated(unsafe) var sink = 0

let arguments = CommandLine.arguments
let quick = arguments.contains("--quick")
let cachedOnly = arguments.contains("--cached-only")
var runs = quick ? 3 : 7
if let index = arguments.firstIndex(of: "--runs"), index + 1 < arguments.count, let value = Int(arguments[index + 1]) {
    runs = max(1, value)
}

if arguments.contains("--profile-cached") {
    // A long loop of cache hits only, for `perf record`.
    do {
        let clock = SystemClock()
        let ring = JWTKeyRing(signingKey: try RSAKey.generate(bits: 3072))
        let configuration = AccessTokenVerifier.Configuration(issuer: "tradebotd", audience: "tradebot-api")
        let issuer = AccessTokenIssuer(configuration: .init(issuer: "tradebotd", audience: "tradebot-api"), keyRing: ring, clock: clock)
        let authenticator = AccessTokenAuthenticator(
            verifier: AccessTokenVerifier(configuration: configuration, keyRing: ring, clock: clock), clock: clock)
        let header = "Bearer " + (try issuer.issue(subject: "user-1", role: .trader).token)
        for _ in 0..<10_000_000 { sink &+= try authenticator.authenticate(authorization: header).role == .trader ? 1 : 0 }
    } catch {
        print("profile failed: \(error)")
    }
    exit(0)
}

do {
    print("| measurement | median CPU | median wall | wall range | runs × iterations |")
    print("| --- | --- | --- | --- | --- |")

    // Password hashing (login cost).
    let hasher = PasswordHasher()
    let stored = try hasher.hash("correct horse battery staple")
    let kdfIterations = cachedOnly ? 0 : quick ? 2 : 5
    report("scrypt hash, ln=15 r=8 p=3 (32 MiB)", try measure(runs: runs, iterations: kdfIterations) {
        sink &+= try hasher.hash("correct horse battery staple").utf8.count
    }, iterations: kdfIterations)
    report("scrypt verify (one login)", try measure(runs: runs, iterations: kdfIterations) {
        sink &+= try hasher.verify("correct horse battery staple", against: stored) ? 1 : 0
    }, iterations: kdfIterations)

    for bits in [3072, 2048] {
        let clock = SystemClock()
        let ring = JWTKeyRing(signingKey: try RSAKey.generate(bits: bits))
        let issuer = AccessTokenIssuer(configuration: .init(issuer: "tradebotd", audience: "tradebot-api"),
                                       keyRing: ring, clock: clock)
        let verifier = AccessTokenVerifier(configuration: .init(issuer: "tradebotd", audience: "tradebot-api"),
                                           keyRing: ring, clock: clock)
        let token = try issuer.issue(subject: "user-1", role: .trader).token
        let signIterations = cachedOnly ? 1 : quick ? 20 : 100
        report("RS256 issue (sign), RSA \(bits)", try measure(runs: runs, iterations: signIterations) {
            sink &+= try issuer.issue(subject: "user-1", role: .trader).token.utf8.count
        }, iterations: signIterations)
        let verifyIterations = cachedOnly ? 1 : quick ? 200 : 2000
        report("RS256 verify, uncached, RSA \(bits) (\(token.utf8.count)-byte token)",
               try measure(runs: runs, iterations: verifyIterations) {
            sink &+= try verifier.verify(token).expiresAt > 0 ? 1 : 0
        }, iterations: verifyIterations)

        if bits == 3072 {
            let authenticator = AccessTokenAuthenticator(verifier: verifier, clock: clock)
            _ = try authenticator.authenticate(token: token)
            let header = "Bearer " + token
            let cachedIterations = quick ? 200_000 : 2_000_000
            report("cached token check: authenticate(authorization:) hit", try measure(runs: runs, iterations: cachedIterations) {
                sink &+= try authenticator.authenticate(authorization: header).role == .trader ? 1 : 0
            }, iterations: cachedIterations)
            report("  of which SHA-256 of the token", try measure(runs: runs, iterations: cachedIterations) {
                sink &+= Int(try SHA256.hash(token).a & 1)
            }, iterations: cachedIterations)
            let principal = try authenticator.authenticate(token: token)
            let policy = AccessPolicy.default
            report("policy decide (SubmitOrder, trader)", measure(runs: runs, iterations: cachedIterations) {
                sink &+= policy.decide(path: "/tradebot.v1.Orders/SubmitOrder", principal: principal) == .allowed ? 1 : 0
            }, iterations: cachedIterations)
            let limiter = RateLimiter<RPCRateLimitKey>(clock: MonotonicClock(), rules: [
                .trade: RateLimitRule(capacity: 1_000_000_000, refillPerSecond: 1_000_000_000),
            ])
            let key = RPCRateLimitKey(subject: principal.subject, permissionClass: .trade)
            report("rate limiter acquire (one key)", measure(runs: runs, iterations: cachedIterations) {
                sink &+= limiter.acquire(key).isAllowed ? 1 : 0
            }, iterations: cachedIterations)
        }
    }

    let line = "rpc /tradebot.v1.Orders/SubmitOrder from 10.0.0.1 status=OK latency_us=41"
    let secretLine = "login user=alice password=hunter2 authorization: Bearer abc.def.ghi"
    report("redact, line without secrets", measure(runs: runs, iterations: 100_000) {
        sink &+= Redactor.redact(line).utf8.count
    }, iterations: 100_000)
    report("redact, line with secrets", measure(runs: runs, iterations: 10_000) {
        sink &+= Redactor.redact(secretLine).utf8.count
    }, iterations: 10_000)
    if sink == 42 { print("") }
} catch {
    print("benchmark failed: \(error)")
    exit(1)
}
