import Foundation
import Testing
@testable import Persistence
#if canImport(Glibc)
import Glibc
#endif

@Suite("Crash safety")
struct CrashSafetyTests {
    @Test("SIGKILL at random moments loses no acknowledged event and leaves a consistent database")
    func killNine() throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        var generator = SystemRandomNumberGenerator()
        var totalAcks = 0
        for round in 1...6 {
            let (process, pipe) = try ChildProcess.spawn(mode: "crash", directory: dir.data)
            let stopAfter = Int.random(in: 50...3_000, using: &generator)
            let (acks, other) = ChildProcess.readAcks(pipe, stopAfter: stopAfter) {
                kill(process.processIdentifier, SIGKILL)
            }
            process.waitUntilExit()
            #expect(process.terminationReason == .uncaughtSignal, "round \(round): \(other)")
            #expect(!other.contains { $0.hasPrefix("ERROR") }, "round \(round): \(other)")
            #expect(acks.count >= stopAfter, "round \(round)")
            totalAcks += acks.count

            let store = try openStore(dir.data)
            defer { store.close() }
            let maxAck = acks.max() ?? 0
            #expect(store.startupReport.lastSequence >= maxAck, "round \(round): acknowledged \(maxAck) but journal ends at \(store.startupReport.lastSequence)")
            let reader = try store.makeReader()
            defer { reader.close() }
            #expect(try reader.integrityCheck() == ["ok"])
            var expected: Int64 = 1
            var mismatches = 0
            try reader.replay(after: 0) { e in
                if e.sequence != expected || e.event != TestEvent.scripted(e.sequence - 1) { mismatches += 1 }
                expected = e.sequence + 1
            }
            #expect(mismatches == 0, "round \(round): journal is not the contiguous scripted stream")
            #expect(expected - 1 == store.startupReport.lastSequence)
            let live = try projectionDump(store)
            try store.rebuildProjections()
            #expect(try projectionDump(store) == live, "round \(round): projections differ from a rebuild")
            if let snapshot = try store.latestSnapshot() {
                #expect(snapshot.data == Array("snap \(snapshot.sequence)".utf8))
                #expect(snapshot.sequence <= store.startupReport.lastSequence)
            }
        }
        #expect(totalAcks > 0)
    }
}
