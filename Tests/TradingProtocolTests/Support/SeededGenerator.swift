import TradingModel
import TradingProtocol
import WireFormat

/// The model's seedable SplitMix64, so property tests are reproducible.
typealias SeededGenerator = SplitMix64

/// Random field values shaped like the ones the protocol carries (including the awkward ones:
/// empty strings, multi-byte UTF-8, negative and extreme integers, unknown enum values).
extension SeededGenerator {
    mutating func chance(_ percent: Int) -> Bool { Int.random(in: 0..<100, using: &self) < percent }

    mutating func string() -> String {
        let alphabets: [[String]] = [
            ["a", "b", "Z", "0", "9", "_", "-", ".", " "],
            ["é", "ß", "€", "日", "本", "😀", "\u{0}", "\u{7F}", "\u{10FFFF}"],
        ]
        if chance(15) { return "" }
        let count = Int.random(in: 1...24, using: &self)
        var text = ""
        for _ in 0..<count {
            let alphabet = alphabets[chance(80) ? 0 : 1]
            text += alphabet[Int.random(in: 0..<alphabet.count, using: &self)]
        }
        return text
    }

    mutating func decimal() -> String {
        if chance(10) { return "" }
        let mantissa = Int64.random(in: -99_999_999_999...99_999_999_999, using: &self)
        return WireDecimal(mantissa: mantissa, scale: Int.random(in: 0...8, using: &self)).description
    }

    mutating func strings() -> [String] { (0..<Int.random(in: 0...3, using: &self)).map { _ in string() } }

    mutating func uint64() -> UInt64 { chance(20) ? 0 : (chance(50) ? UInt64.random(in: 0...300, using: &self) : next()) }
    mutating func uint32() -> UInt32 { UInt32(truncatingIfNeeded: uint64()) }
    mutating func int64() -> Int64 { Int64(bitPattern: uint64()) }
    mutating func int32() -> Int32 { Int32(truncatingIfNeeded: int64()) }
    mutating func bool() -> Bool { chance(50) }

    mutating func double() -> Double {
        switch Int.random(in: 0..<5, using: &self) {
        case 0: return 0
        case 1: return -0.0
        case 2: return .infinity
        default: return Double.random(in: -1e9...1e9, using: &self)
        }
    }

    mutating func enumValue<E: WireEnum>(_: E.Type = E.self) -> E {
        E(rawValue: chance(90) ? Int32.random(in: 0...12, using: &self) : int32())
    }

    mutating func timestamp() -> GoogleProtobuf.Timestamp? {
        chance(25) ? nil : GoogleProtobuf.Timestamp(seconds: int64(), nanos: int32())
    }

    mutating func optional<T>(_ make: (inout SeededGenerator) -> T) -> T? {
        chance(30) ? nil : make(&self)
    }

    mutating func array<T>(_ max: Int = 3, _ make: (inout SeededGenerator) -> T) -> [T] {
        (0..<Int.random(in: 0...max, using: &self)).map { _ in make(&self) }
    }
}
