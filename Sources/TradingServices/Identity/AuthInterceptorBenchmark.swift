#if canImport(Glibc)
import Glibc
#endif
import Foundation
import Observability
import Persistence
import RPCCore
import Security
import TradingProtocol

/// Measures the auth interceptor's whole per-RPC cost with a cached token: bearer parsing, the
/// cached verification, the user lookup, the policy decision, the rate limiter and attaching the
/// principal (docs/PERFORMANCE.md, "Security (issue 6)"). Run through `tradebotd bench-auth`
/// in a release build; it lives here because the interceptor's parts are internal to this module.
public enum AuthInterceptorBenchmark {
    /// One run's median-able figures, nanoseconds per call.
    public struct Sample: Sendable {
        public let cpu: Double
        public let wall: Double
    }

    public struct Report: Sendable {
        public let tokenBytes: Int
        public let samples: [Sample]
        public let baselineSamples: [Sample]
    }

    /// `runs` runs of `iterations` `intercept` calls for `Orders/SubmitOrder` as a trader, in a
    /// scratch data directory that is removed afterwards. The baseline is an interceptor that
    /// does nothing (the loop and call overhead).
    public static func run(runs: Int, iterations: Int, keyBits: Int = 3072) throws -> Report {
        let directory = NSTemporaryDirectory() + "tradebot-bench-auth-\(getpid())"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        var configuration = ServerConfiguration()
        configuration.dataDirectory = directory
        let store = try EventStore(directory: directory, codec: ServerEventCodec(),
                                   projections: TradebotServer.standardProjections)
        defer { store.close() }
        let runtime = ServerRuntime(configuration: configuration, version: "bench", store: store,
                                    log: Logger(label: "bench", sink: { _ in }), metrics: MetricsRegistry(),
                                    health: HealthRegistry(), now: TradebotServer.wallClockNanoseconds)
        var options = IdentityComponent.Options()
        options.keyBits = keyBits
        // Buckets that never run dry: the figure is the limiter's cost, not its refusals.
        options.rpcRateLimits = Dictionary(uniqueKeysWithValues: Permission.allCases.map {
            ($0, RateLimitRule(capacity: 1_000_000_000, refillPerSecond: 1_000_000_000))
        })
        let component = try IdentityComponent(runtime: runtime, options: options)
        try component.identity.mutate { (_) throws(RPCError) in
            ([.userCreated(.init(username: "bench", role: Role.trader.rawValue, passwordHash: "unused",
                                 actor: "bench", source: "local"))], ())
        }
        let token = try component.issuer.issue(subject: "bench", role: .trader).token
        let context = ServerContext(method: TradebotV1.Orders.submitOrder.descriptor.rpc,
                                    metadata: Metadata([("authorization", "Bearer \(token)")]),
                                    deadline: nil, peer: "127.0.0.1:40000")
        let interceptor = component.interceptor
        try interceptor.intercept(context)  // fills the cache
        guard context.caller?.subject == "bench" else { throw RPCError(code: .internal, message: "no principal attached") }

        let samples = try measure(runs: runs, iterations: iterations) { () throws(RPCError) in
            try interceptor.intercept(context)
        }
        let nothing = NoInterceptor()
        let baseline = try measure(runs: runs, iterations: iterations) { () throws(RPCError) in
            try nothing.intercept(context)
        }
        return Report(tokenBytes: token.utf8.count, samples: samples, baselineSamples: baseline)
    }

    struct NoInterceptor: ServerInterceptor {
        @inline(never) func intercept(_ context: ServerContext) throws(RPCError) {}
    }

    static func measure(runs: Int, iterations: Int, _ body: () throws(RPCError) -> Void) throws(RPCError) -> [Sample] {
        var results: [Sample] = []
        for _ in 0..<runs {
            let wallStart = clock(CLOCK_MONOTONIC), cpuStart = clock(CLOCK_THREAD_CPUTIME_ID)
            for _ in 0..<iterations { try body() }
            let n = Double(max(iterations, 1))
            results.append(Sample(cpu: Double(clock(CLOCK_THREAD_CPUTIME_ID) - cpuStart) / n,
                                  wall: Double(clock(CLOCK_MONOTONIC) - wallStart) / n))
        }
        return results
    }

    static func clock(_ id: clockid_t) -> Int64 {
        var ts = timespec()
        clock_gettime(id, &ts)
        return Int64(ts.tv_sec) * 1_000_000_000 + Int64(ts.tv_nsec)
    }
}
