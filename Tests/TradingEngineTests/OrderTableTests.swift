import Testing
@testable import TradingEngine
import TradingModel

@Suite("Order table")
struct OrderTableTests {
    /// Checks every observable of the table against the dictionary model.
    private func expectSame(_ table: OrderTable<Int>, _ model: [UInt64: Int], _ context: String) {
        #expect(table.count == model.count, "\(context)")
        var pairs: [(UInt64, Int)] = []
        table.forEachInIDOrder { pairs.append(($0.value, $1)) }
        let expected = model.sorted { $0.key < $1.key }
        // Compared as Bools so that a failure names the step, not 10,000 ids.
        let sameIDs = pairs.map(\.0) == expected.map(\.key)
        let sameValues = pairs.map(\.1) == expected.map(\.value)
        let sameList = table.valuesInIDOrder == expected.map(\.value)
        #expect(sameIDs, "ids in id order differ: \(context)")
        #expect(sameValues, "values in id order differ: \(context)")
        #expect(sameList, "valuesInIDOrder differs: \(context)")
    }

    @Test("random inserts, updates and removals match a dictionary", arguments: [1, 2, 3, 4] as [UInt64])
    func randomAgainstModel(seed: UInt64) {
        var rng = SplitMix64(seed: seed)
        var table = OrderTable<Int>()
        var model: [UInt64: Int] = [:]
        var nextID: UInt64 = 1 + rng.next(below: 1000)
        for step in 0..<20_000 {
            let roll = rng.next(below: 100)
            let id: UInt64
            if roll < 45 || model.isEmpty {
                // Mostly monotonic new ids (as the engine issues them), sometimes a gap.
                nextID += rng.next(below: 10) == 0 ? rng.next(below: 600) : 1
                id = nextID
            } else if roll < 90 {
                id = Array(model.keys)[Int(rng.next(below: UInt64(model.count)))]
            } else {
                id = rng.next(below: nextID + 10)  // present or absent
            }
            let key = OrderID(id)
            if rng.next(below: 3) == 0 {
                #expect(table.removeValue(forKey: key) == model.removeValue(forKey: id))
            } else {
                let value = Int(rng.next(below: 1_000_000))
                #expect(table.updateValue(value, forKey: key) == model.updateValue(value, forKey: id))
            }
            #expect(table[key] == model[id])
            #expect(table[OrderID(id + 1)] == model[id + 1])
            if step % 2_000 == 0 { expectSame(table, model, "seed \(seed) step \(step)") }
        }
        expectSame(table, model, "seed \(seed) end")
    }

    @Test("ids far apart and at the ends of UInt64 are stored exactly")
    func sparseAndExtremeIDs() {
        var table = OrderTable<Int>()
        let ids: [UInt64] = [0, 255, 256, 1 << 40, (1 << 40) + 3, UInt64.max - 1, UInt64.max]
        for (k, id) in ids.enumerated() { table[OrderID(id)] = k }
        #expect(table.count == ids.count)
        #expect(table.valuesInIDOrder == Array(0..<ids.count))
        for (k, id) in ids.enumerated() { #expect(table[OrderID(id)] == k) }
        #expect(table[OrderID(1)] == nil)
        #expect(table[OrderID(UInt64.max - 2)] == nil)
        table[OrderID(UInt64.max)] = nil
        table[OrderID(0)] = nil
        #expect(table.valuesInIDOrder == [1, 2, 3, 4, 5])
        table.removeAll()
        #expect(table.isEmpty)
        #expect(table[OrderID(255)] == nil)
    }

    @Test("a copy taken before later writes keeps its values (copy-on-write per chunk)")
    func captureThenMutate() {
        var table = OrderTable<Int>()
        for id in 1...5_000 as ClosedRange<UInt64> { table[OrderID(id)] = Int(id) }
        let captured = table
        for id in 4_900...5_000 as ClosedRange<UInt64> { table[OrderID(id)] = -1 }      // newest chunk
        for id in 1...300 as ClosedRange<UInt64> { table[OrderID(id)] = nil }           // evict oldest
        for id in 5_001...5_600 as ClosedRange<UInt64> { table[OrderID(id)] = Int(id) } // new chunks
        table.removeAll()
        #expect(captured.count == 5_000)
        #expect(captured.valuesInIDOrder == Array(1...5_000))
        #expect(captured[OrderID(4_950)] == 4_950)
        #expect(captured[OrderID(5_001)] == nil)
        #expect(table.isEmpty)
    }

    @Test("removing the last value of a chunk frees it and a later id reuses nothing")
    func chunkLifecycle() {
        var table = OrderTable<Int>()
        for id in 0..<1_024 as Range<UInt64> { table[OrderID(id)] = 1 }
        #expect(table.chunkCount == 4)
        for id in 0..<256 as Range<UInt64> { #expect(table.removeValue(forKey: OrderID(id)) == 1) }
        #expect(table.chunkCount == 3)
        for id in 256..<1_024 as Range<UInt64> { table[OrderID(id)] = nil }
        #expect(table.chunkCount == 0)
        #expect(table.isEmpty)
        #expect(table.valuesInIDOrder.isEmpty)
        #expect(table.removeValue(forKey: OrderID(7)) == nil)
        table[OrderID(300)] = 9
        #expect(table.valuesInIDOrder == [9])
        #expect(table.count == 1)
        #expect(table.chunkCount == 1)
    }
}

@Suite("FIFO queue")
struct FIFOQueueTests {
    @Test("random appends and pops match an array", arguments: [1, 2, 3] as [UInt64])
    func randomAgainstModel(seed: UInt64) {
        var rng = SplitMix64(seed: seed)
        var queue = FIFOQueue<Int>()
        var model: [Int] = []
        var next = 0
        for step in 0..<60_000 {
            // Phases that grow and shrink the queue across many chunk boundaries.
            let appendBias: UInt64 = (step / 10_000) % 2 == 0 ? 70 : 30
            if rng.next(below: 100) < appendBias {
                queue.append(next)
                model.append(next)
                next += 1
            } else {
                #expect(queue.popFirst() == (model.isEmpty ? nil : model.removeFirst()))
            }
            #expect(queue.count == model.count)
            if step % 5_000 == 0 { #expect(queue.elements == model) }
        }
        #expect(queue.elements == model)
        queue.removeAll()
        #expect(queue.count == 0)
        #expect(queue.popFirst() == nil)
        #expect(queue.elements.isEmpty)
    }

    @Test("a copy keeps its elements while the original appends and pops")
    func captureThenMutate() {
        var queue = FIFOQueue<Int>()
        for k in 0..<10_000 { queue.append(k) }
        for _ in 0..<5_000 { _ = queue.popFirst() }
        let captured = queue
        for k in 10_000..<20_000 { queue.append(k) }
        for _ in 0..<9_000 { _ = queue.popFirst() }
        #expect(captured.elements == Array(5_000..<10_000))
        #expect(queue.elements == Array(14_000..<20_000))
    }
}
