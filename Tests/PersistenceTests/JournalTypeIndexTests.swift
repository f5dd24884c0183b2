import Foundation
@testable import Persistence
import Testing

/// Restart support in the journal reader: reading one kind of row through the type index, and a
/// scan that decodes only the rows a filter accepts.
@Suite("Journal reads by type")
struct JournalTypeIndexTests {
    @Test("rows of some types, in sequence order, within a range; other rows are neither read nor decoded")
    func byType() throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let store = try openStore(dir.data, projections: [])
        for n in 0..<300 { try store.append(TestEvent.scripted(Int64(n)), timeNanoseconds: Int64(n)) }
        try store.flush()
        let reader = try store.makeReader()
        defer { reader.close() }
        var fills: [Int64] = []
        let count = try reader.replay(typesStartingWith: ["Fill"], in: 10...200) { fills.append($0.sequence) }
        func isFill(_ sequence: Int64) -> Bool { if case .filled = TestEvent.scripted(sequence - 1) { true } else { false } }
        func isCancel(_ sequence: Int64) -> Bool { if case .cancelled = TestEvent.scripted(sequence - 1) { true } else { false } }
        let expected = (Int64(10)...200).filter(isFill)
        #expect(fills == expected)
        #expect(count == expected.count)
        var both: [Int64] = []
        try reader.replay(typesStartingWith: ["Cancel", "OrderAcc"], in: 1...300) { both.append($0.sequence) }
        #expect(both == (Int64(1)...300).filter { !isFill($0) })
        #expect(throws: StoreError.self) { try reader.replay(typesStartingWith: ["\u{7f}"], in: 1...2) { _ in } }

        var decoded: [Int64] = []
        let last = try reader.replay(after: 0, where: { sequence, type in
            sequence % 2 == 0 && type.elementsEqual("Cancelled".utf8)
        }) { decoded.append($0.sequence) }
        #expect(last == 300)
        #expect(decoded == (Int64(1)...300).filter { $0 % 2 == 0 && isCancel($0) })
    }
}
