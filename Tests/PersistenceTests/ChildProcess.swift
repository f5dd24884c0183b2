import Foundation
import Testing
@testable import Persistence
#if canImport(Glibc)
import Glibc
#endif

/// Child-process modes of this test binary.
///
/// Crash and permission tests re-execute the test binary itself (`/proc/self/exe`) filtered to
/// `childEntry`, with `PERSISTENCE_TEST_CHILD=<mode>:<dir>`. Run normally, `childEntry` does
/// nothing. Re-executing the same binary means the child uses exactly the codec and projections
/// the parent checks against.
enum ChildProcess {
    static let variable = "PERSISTENCE_TEST_CHILD"

    /// Starts the child; its stdout is returned as a pipe, stderr is discarded.
    static func spawn(mode: String, directory: String, asUser: (uid: UInt32, gid: UInt32)? = nil) throws -> (Process, Pipe) {
        let executable = try FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")
        let process = Process()
        var arguments = ["--testing-library", "swift-testing", "--filter", "childEntry"]
        if let user = asUser {
            process.executableURL = URL(fileURLWithPath: "/usr/bin/setpriv")
            arguments = ["--reuid=\(user.uid)", "--regid=\(user.gid)", "--clear-groups", executable] + arguments
        } else {
            process.executableURL = URL(fileURLWithPath: executable)
        }
        process.arguments = arguments
        var environment = ProcessInfo.processInfo.environment
        environment[variable] = mode + ":" + directory
        process.environment = environment
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        try process.run()
        return (process, output)
    }

    /// Writes a line to fd 1 unbuffered (a SIGKILL loses nothing already written).
    static func emit(_ line: String) {
        let bytes = Array((line + "\n").utf8)
        _ = bytes.withUnsafeBytes { write(1, $0.baseAddress, $0.count) }
    }

    /// Crash mode: append scripted events forever, printing `ACK <seq>` after each commit.
    static func runCrashChild(directory: String) -> Never {
        let store: EventStore<TestCodec>
        do { store = try openStore(directory) } catch {
            emit("ERROR \(error)")
            exit(3)
        }
        emit("OPEN \(store.startupReport.lastSequence)")
        var next = store.startupReport.lastSequence + 1
        var round: Int64 = 0
        while true {
            round += 1
            let size = Int(round % 7) + 1
            let events = (0..<Int64(size)).map { TestEvent.scripted(next - 1 + $0) }
            do {
                let range = try store.append(events, timeNanoseconds: next) { result in
                    if case .success(let seq) = result { emit("ACK \(seq)") }
                }
                next = range.upperBound + 1
                if round % 97 == 0 {
                    try store.waitForCommit(of: range.upperBound)
                    try store.saveSnapshot(Array("snap \(range.upperBound)".utf8), format: "test/1", through: range.upperBound)
                }
                if next - store.committedSequence > 4_000 { try store.waitForCommit(of: next - 2_000) }
            } catch {
                emit("ERROR \(error)")
                exit(4)
            }
        }
    }

    /// File-size mode: under RLIMIT_FSIZE (SIGXFSZ ignored, so writes fail with EFBIG), append
    /// durable events until the store refuses, then report the error and the last committed sequence.
    static func runFileSizeChild(directory: String) -> Never {
        signal(SIGXFSZ, SIG_IGN)
        var limit = rlimit(rlim_cur: 2 << 20, rlim_max: 2 << 20)
        guard setrlimit(__rlimit_resource_t(RLIMIT_FSIZE.rawValue), &limit) == 0 else {
            emit("ERROR setrlimit failed")
            exit(5)
        }
        let store: EventStore<TestCodec>
        do { store = try openStore(directory) } catch {
            emit("ERROR \(error.kind.rawValue) \(error.path)")
            exit(0)
        }
        let big = String(repeating: "f", count: 2_000)
        for i in 0..<100_000 {
            do {
                let seq = try store.appendAndWait(.orderAccepted(id: "\(big)\(i)", quantity: 1), timeNanoseconds: 0)
                emit("ACK \(seq)")
            } catch {
                emit("FAILED \(error.kind.rawValue) \(error.path) \(error.message)")
                store.close()
                exit(0)
            }
        }
        emit("NEVER FULL")
        exit(0)
    }

    /// Open mode: try to open the store once and report the outcome.
    static func runOpenChild(directory: String) -> Never {
        do {
            let store = try openStore(directory)
            emit("OPENED \(store.startupReport.lastSequence)")
            store.close()
        } catch {
            emit("ERROR \(error.kind.rawValue) \(error.path)")
        }
        exit(0)
    }

    /// Reads `ACK` lines until `stopAfter` acks were seen (then calls `onReached` once) and on to EOF.
    static func readAcks(_ pipe: Pipe, stopAfter: Int, onReached: () -> Void) -> (acks: [Int64], other: [String]) {
        var acks: [Int64] = []
        var other: [String] = []
        var pending = [UInt8]()
        var reached = false
        let handle = pipe.fileHandleForReading
        while true {
            let data = handle.availableData
            if data.isEmpty { break }
            pending += data
            while let newline = pending.firstIndex(of: 10) {
                let line = String(decoding: pending[..<newline], as: UTF8.self)
                pending.removeSubrange(...newline)
                if line.hasPrefix("ACK "), let seq = Int64(line.dropFirst(4)) { acks.append(seq) } else { other.append(line) }
            }
            if !reached && (acks.count >= stopAfter || other.contains(where: { $0.hasPrefix("ERROR") })) {
                reached = true
                onReached()
            }
        }
        return (acks, other)
    }
}

@Suite("Child process entry")
struct ChildEntry {
    @Test("child process entry (does nothing unless spawned by a crash or permission test)")
    func childEntry() {
        guard let spec = ProcessInfo.processInfo.environment[ChildProcess.variable] else { return }
        let parts = spec.split(separator: ":", maxSplits: 1).map(String.init)
        guard parts.count == 2 else { exit(2) }
        switch parts[0] {
        case "crash": ChildProcess.runCrashChild(directory: parts[1])
        case "open": ChildProcess.runOpenChild(directory: parts[1])
        case "fsize": ChildProcess.runFileSizeChild(directory: parts[1])
        default: exit(2)
        }
    }
}
