import CShims
import Foundation
import RPCCore
import Testing
@testable import TradingServices

/// The server's own threads carry names the kernel knows (`top -H`, `ps -L`, perf, gdb), so an
/// operator can tell the sequencer from the journal writer.
@Suite("Thread names")
struct ThreadNamesTests {
    /// The calling thread's name as the kernel reports it.
    static func kernelName() -> String {
        ((try? String(contentsOfFile: "/proc/thread-self/comm", encoding: .utf8)) ?? "")
            .trimmingCharacters(in: .newlines)
    }

    @Test("A name reaches the kernel, cut to its 15 bytes")
    func shimNamesTheCallingThread() {
        let seen = Locked<(rc: Int32, name: String)?>(nil)
        let done = DispatchSemaphore(value: 0)
        let thread = Thread {
            let rc = tb_name_thread("tb-a-name-longer-than-fifteen")
            seen.withLock { $0 = (rc, Self.kernelName()) }
            done.signal()
        }
        thread.start()
        done.wait()
        #expect(seen.withLock { $0?.rc } == 0)
        #expect(seen.withLock { $0?.name } == "tb-a-name-longe")
    }

    @Test("The sequencer, journal writer, checkpointer and publisher threads carry their names")
    func serverThreadsAreNamed() async throws {
        let s = try await TradingTestServer.start()
        defer { Task { await s.stop() } }
        let sequencer = try await s.component.host.query { _ in Self.kernelName() }
        #expect(sequencer == "tb-sequencer")
        // The store's and the publisher's threads, by name among the process's threads (this
        // server's at least, while it runs).
        let names = Set(((try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/task")) ?? []).compactMap { tid in
            (try? String(contentsOfFile: "/proc/self/task/\(tid)/comm", encoding: .utf8))?.trimmingCharacters(in: .newlines)
        })
        for name in ["tb-journal", "tb-checkpoint", "tb-publisher", "tb-loop-0"] {
            #expect(names.contains(name), "\(name) in \(names.sorted())")
        }
    }
}
