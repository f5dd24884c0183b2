/// scrypt cost parameters (RFC 7914): N = 2^logN, block size r, parallelism p.
/// Memory per hash is about 128 * r * N bytes.
public struct ScryptParameters: Sendable, Equatable, Hashable {
    public var logN: Int
    public var r: Int
    public var p: Int

    public init(logN: Int, r: Int, p: Int) {
        self.logN = logN
        self.r = r
        self.p = p
    }

    /// OWASP's scrypt equivalent with the smallest memory footprint per login:
    /// N = 2^15, r = 8, p = 3 (32 MiB, same work as N = 2^17, p = 1 at a quarter of the memory),
    /// so concurrent logins on a small server do not exhaust RAM. See docs/SECURITY.md.
    public static let recommended = ScryptParameters(logN: 15, r: 8, p: 3)

    /// Bytes of memory one hash needs (the scratch array V plus the block B).
    public var memoryBytes: UInt64 { 128 * UInt64(r) * (UInt64(1) << UInt64(logN)) + 128 * UInt64(r) * UInt64(p) }

    /// Bounds for parameters read from storage: a tampered row must not make the server
    /// allocate gigabytes or spin for minutes.
    var isWithinLimits: Bool {
        (10...20).contains(logN) && (1...32).contains(r) && (1...16).contains(p) && memoryBytes <= 512 << 20
    }

    /// True when every parameter is at least that of `other` (a hash is strong enough).
    func isAtLeast(_ other: ScryptParameters) -> Bool {
        logN >= other.logN && r >= other.r && p >= other.p
    }
}
