extension RateLimitRule {
    /// Defaults per permission class for a single-operator trading server: generous for reads
    /// and order entry (algorithmic clients), tight for opening streams and admin actions.
    public static let defaultRPCRules: [Permission: RateLimitRule] = [
        .read: RateLimitRule(capacity: 200, refillPerSecond: 100),
        .trade: RateLimitRule(capacity: 200, refillPerSecond: 100),
        .subscribe: RateLimitRule(capacity: 20, refillPerSecond: 2),
        .manageStrategies: RateLimitRule(capacity: 20, refillPerSecond: 5),
        .manageUsers: RateLimitRule(capacity: 10, refillPerSecond: 1),
        .manageRisk: RateLimitRule(capacity: 20, refillPerSecond: 5),
        .operate: RateLimitRule(capacity: 10, refillPerSecond: 1),
    ]

    /// `Auth.Login` attempts per client address, whatever the outcome: complements
    /// `LoginThrottle`, whose backoff only starts after failures are recorded, so a burst of
    /// parallel attempts cannot slip through before the first failure lands.
    public static let loginPerAddress = RateLimitRule(capacity: 10, refillPerSecond: 0.5)
}
