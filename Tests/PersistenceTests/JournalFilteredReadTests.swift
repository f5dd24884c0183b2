import Foundation
@testable import Persistence
import Testing

/// Restart support in the journal reader: a scan that decodes only the rows a filter accepts, and
/// falling back to an older snapshot.
@Suite("Filtered journal reads")
struct JournalFilteredReadTests {
    @Test("only rows the filter accepts are decoded, judged by sequence and type name")
    func filtered() throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let store = try openStore(dir.data, projections: [])
        for n in 0..<300 { try store.append(TestEvent.scripted(Int64(n)), timeNanoseconds: Int64(n)) }
        try store.flush()
        let reader = try store.makeReader()
        defer { reader.close() }
        func isCancel(_ sequence: Int64) -> Bool { if case .cancelled = TestEvent.scripted(sequence - 1) { true } else { false } }
        var decoded: [Int64] = []
        let last = try reader.replay(after: 0, where: { sequence, type in
            sequence > 100 && type.elementsEqual("Cancelled".utf8)
        }) { decoded.append($0.sequence) }
        #expect(last == 300)
        #expect(!decoded.isEmpty)
        #expect(decoded == (Int64(101)...300).filter(isCancel))
    }

    @Test("latestSnapshot(before:) walks back through the kept snapshots")
    func olderSnapshots() throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let store = try openStore(dir.data, projections: [])
        for n in 0..<30 { try store.append(TestEvent.scripted(Int64(n)), timeNanoseconds: Int64(n)) }
        try store.flush()
        for s in [10, 20, 30] as [Int64] { try store.saveSnapshot([UInt8(s)], format: "t/1", through: s) }
        #expect(try store.latestSnapshot(before: nil)?.sequence == 30)
        #expect(try store.latestSnapshot(before: 30)?.data == [20])
        #expect(try store.latestSnapshot(before: 20)?.sequence == 10)
        #expect(try store.latestSnapshot(before: 10) == nil)
        store.close()
    }
}
