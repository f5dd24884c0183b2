import CShims
import CSQLite
import Dispatch
import Foundation

/// Runs WAL checkpoints on its own thread and connection, so the writer's commits never wait for
/// one.
///
/// Why: with SQLite's automatic checkpoint, the commit that crosses 1000 WAL pages copies those
/// pages into the database file and fsyncs it before returning, which puts milliseconds into the
/// commit latency of a durable event. Here the writer connection's WAL hook (called after each
/// commit with the WAL's page count) only requests a checkpoint; this thread runs a PASSIVE one,
/// which never blocks the writer (WAL lets writes continue during a checkpoint). If the WAL ever
/// reaches `hardLimitPages` (the checkpointer is stuck behind a long reader), the hook checkpoints
/// on the writer as SQLite itself would.
/// Threading: `request` may be called from any thread; the connection belongs to the thread.
final class Checkpointer: Sendable {
    static let thresholdPages: Int32 = 1_000
    static let hardLimitPages: Int32 = 64_000

    private struct State: Sendable {
        var requested = false
        var stopping = false
        var checkpoints = 0
        var lastFailure: Int32?
    }

    private let state = StateLock(State())
    private let wake = DispatchSemaphore(value: 0)
    private let exited = DispatchSemaphore(value: 0)

    /// Opens the checkpoint connection and starts the thread.
    init(path: String, configuration: StoreConfiguration) throws(StoreError) {
        let connection = try SQLiteConnection(path: path, readOnly: false, configuration: configuration)
        let box = ConnectionBox(connection)
        let thread = Thread { [self] in
            _ = tb_name_thread("tb-checkpoint")  // cosmetic: a refusal changes nothing
            self.run(box.connection)
        }
        thread.start()
    }

    /// Installs the WAL hook on the writer connection. `self` must outlive that connection.
    func attach(to writer: SQLiteConnection) {
        sqlite3_wal_hook(writer.handle, { context, db, _, pages in
            guard let context else { return SQLITE_OK }
            let checkpointer = Unmanaged<Checkpointer>.fromOpaque(context).takeUnretainedValue()
            if pages >= Checkpointer.hardLimitPages {
                // Errors here are not fatal to the commit that already succeeded; the next
                // commit retries, and SQLite reports real I/O errors on the writes themselves.
                _ = sqlite3_wal_checkpoint_v2(db, nil, SQLITE_CHECKPOINT_PASSIVE, nil, nil)
            } else if pages >= Checkpointer.thresholdPages {
                checkpointer.request()
            }
            return SQLITE_OK
        }, Unmanaged.passUnretained(self).toOpaque())
    }

    /// Completed checkpoint passes (for tests and metrics).
    var checkpoints: Int { state.withLock { $0.checkpoints } }
    /// The SQLite code of the last failed checkpoint, if the last one failed (BUSY is not a failure).
    var lastFailure: Int32? { state.withLock { $0.lastFailure } }

    func request() {
        let signal = state.withLock { s -> Bool in
            let was = s.requested
            s.requested = true
            return !was
        }
        if signal { wake.signal() }
    }

    /// Stops the thread and closes its connection (which, as the last connection, lets SQLite
    /// checkpoint and remove the WAL).
    func stop() {
        let first = state.withLock { s -> Bool in
            let first = !s.stopping
            s.stopping = true
            return first
        }
        guard first else { return }
        wake.signal()
        exited.wait()
    }

    private func run(_ connection: SQLiteConnection) {
        while true {
            wake.wait()
            let (work, stop) = state.withLock { s -> (Bool, Bool) in
                let work = s.requested
                s.requested = false
                return (work, s.stopping)
            }
            if stop { break }
            if work {
                let rc = sqlite3_wal_checkpoint_v2(connection.handle, nil, SQLITE_CHECKPOINT_PASSIVE, nil, nil)
                // BUSY only means another checkpoint ran; the next request retries. Other codes are
                // kept for the health report; the journal itself stays correct without checkpoints.
                state.withLock { s in
                    s.checkpoints += 1
                    s.lastFailure = (rc == SQLITE_OK || rc & 0xff == SQLITE_BUSY) ? nil : rc
                }
            }
        }
        connection.close()
        exited.signal()
    }
}

/// Hands a connection to the thread that will own it; never touched by the creating thread after.
final class ConnectionBox: @unchecked Sendable {
    let connection: SQLiteConnection
    init(_ connection: SQLiteConnection) { self.connection = connection }
}
