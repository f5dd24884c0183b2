import Security
import Testing
@testable import TradingServices

/// `TRADEBOT_RPC_RATE_LIMITS` (issue 6): per-permission-class RPC buckets from the environment,
/// validated at start.
@Suite("RPC rate-limit configuration")
struct RateLimitConfigurationTests {
    @Test("Named classes are overridden and the others keep their defaults")
    func overrides() throws {
        let options = try IdentityComponent.Options(environment: ["TRADEBOT_RPC_RATE_LIMITS": "trade=50/20, subscribe=5/0.5"])
        #expect(options.rpcRateLimits[.trade] == RateLimitRule(capacity: 50, refillPerSecond: 20))
        #expect(options.rpcRateLimits[.subscribe] == RateLimitRule(capacity: 5, refillPerSecond: 0.5))
        #expect(options.rpcRateLimits[.read] == RateLimitRule.defaultRPCRules[.read])
        #expect(Set(options.rpcRateLimits.keys) == Set(Permission.allCases))
    }

    @Test("Unset or empty keeps every default")
    func defaults() throws {
        for environment in [[:], ["TRADEBOT_RPC_RATE_LIMITS": ""]] {
            let options = try IdentityComponent.Options(environment: environment)
            #expect(options.rpcRateLimits == RateLimitRule.defaultRPCRules)
        }
    }

    @Test("A malformed value stops the start, naming the setting", arguments: [
        "trade", "trade=", "trade=10", "trade=0/1", "trade=10/0", "trade=10/-1", "trade=x/1",
        "trading=10/1", "trade=10/1,trade=20/2", "trade=10/1,", "=10/1", "read=10/1;trade=1/1",
    ])
    func malformed(_ text: String) {
        #expect(throws: ConfigurationError.self) {
            try IdentityComponent.Options(environment: ["TRADEBOT_RPC_RATE_LIMITS": text])
        }
        do {
            _ = try IdentityComponent.Options(environment: ["TRADEBOT_RPC_RATE_LIMITS": text])
        } catch {
            #expect(error.description.contains("TRADEBOT_RPC_RATE_LIMITS"))
        }
    }
}
