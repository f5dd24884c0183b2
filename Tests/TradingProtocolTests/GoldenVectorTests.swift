import Foundation
import Testing
import TradingProtocol
import WireFormat

/// Both directions of the golden check against Python's reference protobuf (see
/// Tests/Interop/golden_vectors.py): Swift decodes Python's bytes to the hand-built instance, and
/// encodes the instance to exactly Python's bytes. The Swift bytes are also written out for the
/// Python side (Tests/Interop/test_wire_golden.py) to decode.
@Suite("Golden vectors from the reference implementation")
struct GoldenVectorTests {
    static let goldenDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Golden")
    static let names = Golden.all.map(\.name)

    static func fixture(_ name: String) -> (any ProtoMessage)? {
        Golden.all.first { $0.name == name }?.message
    }

    @Test("every checked-in vector has a Swift fixture and every fixture has a vector")
    func coverage() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.goldenDirectory.path)
            .filter { $0.hasSuffix(".bin") }.map { String($0.dropLast(4)) }
        #expect(Set(files) == Set(Self.names))
        #expect(Set(Self.names).count == Self.names.count)
        #expect(files.count >= 127)
    }

    @Test("Swift decodes Python's bytes to the same value and encodes it to the same bytes", arguments: names)
    func bothWays(name: String) throws {
        let data = try Data(contentsOf: Self.goldenDirectory.appendingPathComponent(name + ".bin"))
        let pythonBytes = [UInt8](data)
        let fixture = try #require(Self.fixture(name))
        try check(fixture, pythonBytes: pythonBytes)
    }

    private func check<M: ProtoMessage>(_ fixture: M, pythonBytes: [UInt8]) throws {
        let decoded = try M(wireBytes: pythonBytes)
        #expect(decoded == fixture)
        #expect(fixture.wireBytes() == pythonBytes)
        #expect(decoded.unknownFields.isEmpty)
    }

    @Test("the Swift encoder's bytes are written for the Python side to decode")
    func writeSwiftBytes() throws {
        let env = ProcessInfo.processInfo.environment["TRADEBOT_GOLDEN_SWIFT_OUT"]
        let repo = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let out = env.map { URL(fileURLWithPath: $0) } ?? repo.appendingPathComponent(".build/golden-swift")
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        for (name, message) in Golden.all {
            try Data(message.wireBytes()).write(to: out.appendingPathComponent(name + ".bin"))
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: out.path).count >= Golden.all.count)
    }
}
