import Testing
@testable import WireFormat

@Suite("Recursion limit")
struct RecursionLimitTests {
    @Test("nesting up to the limit decodes", arguments: [1, 50, 99])
    func withinLimit(depth: Int) throws {
        let node = Node.chain(depth: depth)
        #expect(try Node(wireBytes: node.wireBytes()) == node)
    }

    @Test("nesting beyond the limit is rejected", arguments: [101, 150, 1000])
    func beyondLimit(depth: Int) {
        let bytes = Node.chain(depth: depth).wireBytes()
        #expect(throws: WireDecodingError.recursionLimitExceeded) { try Node(wireBytes: bytes) }
    }

    @Test("a custom limit applies")
    func customLimit() throws {
        let bytes = Node.chain(depth: 5).wireBytes()
        #expect(throws: WireDecodingError.recursionLimitExceeded) {
            try bytes.withUnsafeBytes { raw throws(WireDecodingError) in try Node(wireBytes: raw, recursionLimit: 4) }
        }
        _ = try bytes.withUnsafeBytes { raw throws(WireDecodingError) in try Node(wireBytes: raw, recursionLimit: 5) }
    }

    @Test("deeply nested unknown groups count against the limit")
    func nestedGroups() {
        // 200 nested start-group tags for field 50 (0x193 = 50<<3|3), then matching ends.
        let start: [UInt8] = [0x93, 0x03]
        let end: [UInt8] = [0x94, 0x03]
        let bytes = Array([[UInt8]](repeating: start, count: 200).joined()) + Array([[UInt8]](repeating: end, count: 200).joined())
        #expect(throws: WireDecodingError.recursionLimitExceeded) { try Node(wireBytes: bytes) }
        let shallow = Array([[UInt8]](repeating: start, count: 3).joined()) + Array([[UInt8]](repeating: end, count: 3).joined())
        #expect((try? Node(wireBytes: shallow))?.unknownFields.bytes == shallow)
    }
}
