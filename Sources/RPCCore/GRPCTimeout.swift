/// The `grpc-timeout` header: 1–8 ASCII digits and a unit letter (H, M, S, m, u, n).
public struct GRPCTimeout: Sendable, Hashable {
    /// The timeout in nanoseconds (saturating at `Int64.max`).
    public let nanoseconds: Int64

    public init(nanoseconds: Int64) { self.nanoseconds = max(0, nanoseconds) }

    public init(_ duration: Duration) {
        let (s, atto) = duration.components
        if s < 0 { self.init(nanoseconds: 0); return }
        let (ns, overflow) = s.multipliedReportingOverflow(by: 1_000_000_000)
        self.init(nanoseconds: overflow ? Int64.max : ns.addingReportingOverflow(atto / 1_000_000_000).partialValue)
    }

    public var duration: Duration { .nanoseconds(nanoseconds) }

    /// Parses a header value; `nil` for anything that is not exactly digits (1–8) plus one unit.
    public init?(headerValue: some Collection<UInt8>) {
        let count = headerValue.count
        guard count >= 2, count <= 9 else { return nil }
        var value: Int64 = 0
        var unit: UInt8 = 0
        var index = 0
        for b in headerValue {
            if index == count - 1 {
                unit = b
            } else {
                guard b >= 0x30, b <= 0x39 else { return nil }
                value = value * 10 + Int64(b - 0x30)
            }
            index += 1
        }
        let multiplier: Int64
        switch unit {
        case UInt8(ascii: "H"): multiplier = 3_600_000_000_000
        case UInt8(ascii: "M"): multiplier = 60_000_000_000
        case UInt8(ascii: "S"): multiplier = 1_000_000_000
        case UInt8(ascii: "m"): multiplier = 1_000_000
        case UInt8(ascii: "u"): multiplier = 1_000
        case UInt8(ascii: "n"): multiplier = 1
        default: return nil
        }
        let (ns, overflow) = value.multipliedReportingOverflow(by: multiplier)
        self.init(nanoseconds: overflow ? Int64.max : ns)
    }

    public init?(headerValue: String) {
        self.init(headerValue: Array(headerValue.utf8))
    }

    /// The shortest exact encoding that fits in 8 digits; rounds up (never shortens a deadline)
    /// when no exact encoding fits.
    public var headerValue: String {
        let units: [(Int64, Character)] = [(1, "n"), (1_000, "u"), (1_000_000, "m"),
                                          (1_000_000_000, "S"), (60_000_000_000, "M"),
                                          (3_600_000_000_000, "H")]
        for (size, letter) in units where nanoseconds % size == 0 && nanoseconds / size < 100_000_000 {
            return "\(nanoseconds / size)\(letter)"
        }
        for (size, letter) in units {
            let value = (nanoseconds + size - 1) / size
            if value < 100_000_000 { return "\(value)\(letter)" }
        }
        return "99999999H"
    }
}
