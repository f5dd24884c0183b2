import Foundation
import Testing
@testable import Persistence
#if canImport(Glibc)
import Glibc
#endif

@Suite("Startup checks and bad input")
struct StartupCheckTests {
    /// A closed store with `count` scripted events.
    func populated(_ dir: TemporaryDirectory, count: Int64 = 2_000) throws {
        let store = try openStore(dir.data)
        for n in Int64(0)..<count { try store.append(.scripted(n), timeNanoseconds: n) }
        try store.flush()
        store.close()
    }

    @Test("a file that is not a database is reported as corrupt, by name, and left unchanged")
    func notADatabase() throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        try FileManager.default.createDirectory(atPath: dir.data, withIntermediateDirectories: true)
        let path = dir.data + "/tradebot.db"
        let garbage = Array(repeating: UInt8(0x5a), count: 8_192)
        writeBytes(garbage, to: path)
        let error = #expect(throws: StoreError.self) { _ = try openStore(dir.data) }
        #expect(error?.kind == .corrupt)
        #expect(error?.path == path)
        #expect(fileBytes(path) == garbage)
    }

    @Test("a damaged page fails the startup check with the file named, and the file is left unchanged")
    func damagedPage() throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        try populated(dir)
        let path = dir.data + "/tradebot.db"
        let size = fileBytes(path).count
        #expect(size > 16 * 4_096)
        // Overwrite the middle of the file (b-tree pages of the journal) with garbage.
        writeBytes(Array(repeating: 0xff, count: 3 * 4_096), to: path, at: (size / 4_096 / 2) * 4_096)
        let before = fileBytes(path)
        let error = #expect(throws: StoreError.self) { _ = try openStore(dir.data) }
        #expect(error?.kind == .corrupt)
        #expect(error?.path == path)
        #expect(fileBytes(path) == before)
    }

    @Test("a WAL truncated inside its header is refused by name and not modified")
    func walHeaderTruncated() throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let store = try openStore(dir.data)
        for n in Int64(0)..<100 { try store.append(.scripted(n), timeNanoseconds: n) }
        try store.flush()
        let copy = dir.path + "/copy"
        try copyLiveFiles(from: dir.data, to: copy)
        store.close()
        let wal = copy + "/tradebot.db-wal"
        #expect(fileBytes(wal).count > 32)
        let cut = Array(fileBytes(wal).prefix(20))
        writeBytes(cut, to: wal)
        let error = #expect(throws: StoreError.self) { _ = try openStore(copy) }
        #expect(error?.kind == .walDamaged)
        #expect(error?.path == wal)
        #expect(fileBytes(wal) == cut)
    }

    @Test("a WAL with a foreign header is refused by name")
    func walBadMagic() throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let store = try openStore(dir.data)
        try store.appendAndWait(.orderAccepted(id: "a", quantity: 1), timeNanoseconds: 0)
        let copy = dir.path + "/copy"
        try copyLiveFiles(from: dir.data, to: copy)
        store.close()
        let wal = copy + "/tradebot.db-wal"
        writeBytes([0, 1, 2, 3], to: wal, at: 0)
        let error = #expect(throws: StoreError.self) { _ = try openStore(copy) }
        #expect(error?.kind == .walDamaged)
        #expect(error?.path == wal)
    }

    @Test("a WAL cut inside a frame is preserved aside, reported, and every complete commit survives")
    func walPartialFrame() throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let store = try openStore(dir.data)
        for n in Int64(0)..<50 { try store.appendAndWait(.scripted(n), timeNanoseconds: n) }
        let copy = dir.path + "/copy"
        try copyLiveFiles(from: dir.data, to: copy)
        store.close()
        let wal = copy + "/tradebot.db-wal"
        let original = fileBytes(wal)
        writeBytes(Array(original.dropLast(100)), to: wal)
        let reopened = try openStore(copy)
        defer { reopened.close() }
        let warning = try #require(reopened.startupReport.warnings.first { $0.contains("partial frame") })
        #expect(warning.contains(wal))
        let preserved = try FileManager.default.contentsOfDirectory(atPath: copy).filter { $0.hasPrefix("tradebot.db-wal.partial-") }
        #expect(preserved.count == 1)
        #expect(fileBytes(copy + "/" + preserved[0]) == Array(original.dropLast(100)))
        // Every commit but (at most) the one whose last frame was cut is there, contiguous.
        #expect(reopened.startupReport.lastSequence >= 49)
        let reader = try reopened.makeReader()
        defer { reader.close() }
        #expect(try reader.integrityCheck() == ["ok"])
        #expect(try reader.events(after: 0).map(\.sequence) == Array(1...reopened.startupReport.lastSequence))
    }

    @Test("a full disk fails the batch with the file named, stops appends, and keeps every committed event")
    func diskFull() throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        var configuration = StoreConfiguration()
        configuration.maxPageCount = 40
        let store = try openStore(dir.data, configuration: configuration)
        var committed: Int64 = 0
        var failure: StoreError?
        let bigID = String(repeating: "x", count: 1_500)
        for i in 0..<1_000 {
            do {
                committed = try store.appendAndWait(.orderAccepted(id: "\(bigID)\(i)", quantity: 1), timeNanoseconds: 0)
            } catch {
                failure = error
                break
            }
        }
        let error = try #require(failure)
        #expect(error.kind == .diskFull)
        #expect(error.path == dir.data + "/tradebot.db")
        #expect(store.failure?.kind == .diskFull)
        #expect(throws: StoreError.self) { try store.append(.cancelled(id: "after"), timeNanoseconds: 0) }
        store.close()
        let reopened = try openStore(dir.data)
        defer { reopened.close() }
        #expect(reopened.startupReport.lastSequence == committed)
        let reader = try reopened.makeReader()
        defer { reader.close() }
        #expect(try reader.integrityCheck() == ["ok"])
        #expect(try reopened.appendAndWait(.cancelled(id: "after"), timeNanoseconds: 0) == committed + 1)
    }

    @Test("a file-size limit (RLIMIT_FSIZE, EFBIG) is reported as a full disk and every committed event survives")
    func fileSizeLimit() throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        try populated(dir, count: 100)
        let (process, pipe) = try ChildProcess.spawn(mode: "fsize", directory: dir.data)
        let (acks, lines) = ChildProcess.readAcks(pipe, stopAfter: .max) {}
        process.waitUntilExit()
        let failed = try #require(lines.first { $0.hasPrefix("FAILED") }, "child said \(lines)")
        #expect(failed.hasPrefix("FAILED diskFull \(dir.data)/tradebot.db"), "\(failed)")
        #expect(failed.contains("File too large"), "\(failed)")
        let last = try #require(acks.max())
        #expect(last > 100)
        let store = try openStore(dir.data)
        defer { store.close() }
        #expect(store.startupReport.lastSequence >= last)
        let reader = try store.makeReader()
        defer { reader.close() }
        #expect(try reader.integrityCheck() == ["ok"])
        #expect(try reader.events(after: 0, limit: 100_000).map(\.sequence) == Array(1...store.startupReport.lastSequence))
    }

    @Test("a read-only data directory is reported by name and nothing is written")
    func readOnlyDirectory() throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        try populated(dir, count: 10)
        let before = try FileManager.default.contentsOfDirectory(atPath: dir.data).sorted()
        #expect(chmod(dir.data, 0o555) == 0)
        defer { _ = chmod(dir.data, 0o755) }
        if geteuid() != 0 {
            let error = #expect(throws: StoreError.self) { _ = try openStore(dir.data) }
            #expect(error?.kind == .readOnly)
            #expect(error?.path.hasPrefix(dir.data) == true)
        } else {
            // Root ignores permissions: check as an unprivileged user in a child process.
            #expect(chmod(dir.path, 0o755) == 0)
            let (process, pipe) = try ChildProcess.spawn(mode: "open", directory: dir.data, asUser: (65_534, 65_534))
            let (_, lines) = ChildProcess.readAcks(pipe, stopAfter: .max) {}
            process.waitUntilExit()
            let line = try #require(lines.first { $0.hasPrefix("ERROR") || $0.hasPrefix("OPENED") }, "child said \(lines)")
            #expect(line.hasPrefix("ERROR readOnly \(dir.data)"), "child said \(line)")
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.data).sorted() == before)
    }
}
