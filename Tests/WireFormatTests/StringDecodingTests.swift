import Testing
import WireFormat

/// `decodeString` builds short ASCII strings itself (word reads and stores) and hands everything
/// else to the standard library; both paths must accept exactly valid UTF-8, with the same text.
@Suite("String decoding")
struct StringDecodingTests {
    /// Field 14 of `AllTypes` (a string) holding `payload`; lengths here stay below 128.
    static func message(_ payload: [UInt8]) -> [UInt8] { [0x72, UInt8(payload.count)] + payload }

    @Test("every length 0 to 40, a high byte at every position: rejected exactly when not UTF-8")
    func highByteAtEveryPosition() throws {
        for count in 0...40 {
            var payload = (0..<count).map { UInt8(0x21 + $0 % 90) }
            let text = String(decoding: payload, as: UTF8.self)
            #expect(try AllTypes(wireBytes: Self.message(payload)).string == text, "count \(count)")
            for position in 0..<count {
                let saved = payload[position]
                for high: UInt8 in [0x80, 0xFF, 0xC3] {
                    payload[position] = high
                    // A lone lead or continuation byte among ASCII is never valid UTF-8.
                    #expect(throws: WireDecodingError.invalidUTF8(field: 14), "count \(count) position \(position)") {
                        try AllTypes(wireBytes: Self.message(payload))
                    }
                }
                payload[position] = saved
            }
        }
    }

    @Test("a short string in the middle of a buffer is read without its neighbours")
    func neighboursNotRead() throws {
        // High bytes right before and after the string must not leak into the ASCII check or the text.
        for count in 1...15 {
            let payload = (0..<count).map { UInt8(0x41 + $0) }
            let bytes: [UInt8] = [0x7A, 0x02, 0xFF, 0xFE] + Self.message(payload) + [0x7A, 0x02, 0xFF, 0xFE]
            let decoded = try AllTypes(wireBytes: bytes)
            #expect(decoded.string == String(decoding: payload, as: UTF8.self))
            #expect(decoded.bytes == [0xFF, 0xFE])
        }
    }

    @Test("random short byte strings decode exactly as String(validating:) reads them")
    func matchesStandardLibrary() throws {
        var state: UInt64 = 0x5EED
        func next() -> UInt64 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return state >> 33
        }
        let pool: [UInt8] = [0x41, 0x7A, 0x20, 0x00, 0x7F, 0x80, 0xBF, 0xC2, 0xC3, 0xE0, 0xE2, 0xED, 0xF0, 0xF4, 0xF5, 0xFF]
        for _ in 0..<20_000 {
            let count = Int(next() % 24)
            var payload: [UInt8] = []
            for _ in 0..<count {
                payload.append(next() % 4 == 0 ? pool[Int(next() % UInt64(pool.count))] : UInt8(0x20 + next() % 0x5F))
            }
            let expected = String(validating: payload, as: UTF8.self)
            let decoded = Result { () throws(WireDecodingError) in try AllTypes(wireBytes: Self.message(payload)) }
            switch (expected, decoded) {
            case let (.some(text), .success(message)):
                #expect(message.string == text)
                #expect(Array(message.string.utf8) == payload)
            case (.none, .failure(let error)):
                #expect(error == .invalidUTF8(field: 14))
            default:
                Issue.record("decoder and String(validating:) disagree on \(payload)")
            }
        }
    }
}
