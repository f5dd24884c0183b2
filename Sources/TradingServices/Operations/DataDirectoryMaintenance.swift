import Foundation
import Persistence

/// The offline operations behind `tradebotd restore`, `verify-backup` and `rebuild-projections`.
///
/// Why here and not in the executable: they need the store, the server's event codec and its
/// projections, which live below `tradebotd`; the commands only parse flags and print. Each call
/// blocks its thread for as long as the I/O takes; call it from a thread that may block.
public enum DataDirectoryMaintenance {
    /// What a restore did.
    public struct RestoreSummary: Sendable {
        public var backup: String
        public var dataDirectory: String
        public var schemaVersion: Int64
        public var lastSequence: Int64
        public var createdAt: String
        public var encrypted: Bool
        /// Where the directory's previous database files were moved (nil: it had none).
        public var previousFilesMovedTo: String?
        public var seconds: Double
    }

    /// What a verification checked.
    public struct VerifySummary: Sendable {
        public var backup: String
        public var schemaVersion: Int64
        public var lastSequence: Int64
        public var createdAt: String
        public var encrypted: Bool
        public var bytes: Int64
        public var detail: String
        public var seconds: Double
    }

    /// What a projection rebuild did.
    public struct RebuildSummary: Sendable {
        public var dataDirectory: String
        public var lastSequence: Int64
        public var projections: [String]
        public var seconds: Double
    }

    /// Verifies `backup` completely, then puts it in place as `<dataDirectory>/tradebot.db`.
    ///
    /// Refused while a server holds the directory (its lock). A failed verification leaves the
    /// directory untouched; existing database files are moved to `pre-restore-<stamp>/`, never
    /// deleted. The key (for encrypted backups) comes from `TRADEBOT_BACKUP_KEY[_FILE]`.
    public static func restore(backup: String, into dataDirectory: String,
                               environment: [String: String]) throws(MaintenanceError) -> RestoreSummary {
        let started = ContinuousClock.now
        try requireDirectory(backup, what: "backup directory")
        let key = try key(environment)
        // A new data directory gets the server's own mode (0700): the journal holds password
        // hashes and trading history. (The store would create it with the process umask.)
        if !FileManager.default.fileExists(atPath: dataDirectory) {
            do {
                try FileManager.default.createDirectory(atPath: dataDirectory, withIntermediateDirectories: true,
                                                        attributes: [.posixPermissions: 0o700])
            } catch {
                throw MaintenanceError(.failed, "cannot create the data directory \(dataDirectory): \(error.localizedDescription)")
            }
        }
        let restored: BackupManager.Restored
        do throws(StoreError) { restored = try BackupManager.restore(backup, into: dataDirectory, key: key) } catch {
            throw MaintenanceError(error)
        }
        let m = restored.manifest
        return RestoreSummary(backup: backup, dataDirectory: dataDirectory, schemaVersion: m.schemaVersion,
                              lastSequence: m.lastSequence, createdAt: m.createdAt, encrypted: m.encryption != nil,
                              previousFilesMovedTo: restored.previousFilesMovedTo, seconds: seconds(since: started))
    }

    /// Checks `backup` (manifest, checksums, decryption, integrity_check, schema, last sequence)
    /// without changing it. Works on any copy, e.g. one fetched from off-site storage.
    public static func verify(backup: String, environment: [String: String]) throws(MaintenanceError) -> VerifySummary {
        let started = ContinuousClock.now
        try requireDirectory(backup, what: "backup directory")
        let key = try key(environment)
        let manifest: BackupManifest
        do throws(StoreError) {
            manifest = try BackupManager(dataDirectory: backup).verify(backup, key: key)
        } catch {
            throw MaintenanceError(error)
        }
        return VerifySummary(backup: backup, schemaVersion: manifest.schemaVersion, lastSequence: manifest.lastSequence,
                             createdAt: manifest.createdAt, encrypted: manifest.encryption != nil,
                             bytes: manifest.files.reduce(0) { $0 + $1.size },
                             detail: BackupOperations.checkedSummary(manifest), seconds: seconds(since: started))
    }

    /// Drops the read models of a stopped server's data directory and rebuilds them from the
    /// journal (`TradebotServer.standardProjections` unless given). Refused while a server runs
    /// there; refuses a directory without a database rather than creating an empty one.
    public static func rebuildProjections(dataDirectory: String,
                                          projections: [any Projection<ServerEvent>] = TradebotServer.standardProjections)
        throws(MaintenanceError) -> RebuildSummary {
        let started = ContinuousClock.now
        try requireDirectory(dataDirectory, what: "data directory")
        let database = dataDirectory + "/" + EventStore<ServerEventCodec>.databaseFileName
        guard FileManager.default.fileExists(atPath: database) else {
            throw MaintenanceError(.notFound, "\(database) does not exist: nothing to rebuild")
        }
        do throws(StoreError) {
            let store = try EventStore(directory: dataDirectory, codec: ServerEventCodec(), projections: projections)
            defer { store.close() }
            try store.rebuildProjections()
            return RebuildSummary(dataDirectory: dataDirectory, lastSequence: store.startupReport.lastSequence,
                                  projections: projections.map(\.name), seconds: seconds(since: started))
        } catch {
            throw MaintenanceError(error)
        }
    }

    private static func requireDirectory(_ path: String, what: String) throws(MaintenanceError) {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw MaintenanceError(.notFound, "\(what) \(path) does not exist")
        }
        guard isDirectory.boolValue else { throw MaintenanceError(.notFound, "\(what) \(path) is not a directory") }
    }

    private static func key(_ environment: [String: String]) throws(MaintenanceError) -> BackupKey? {
        do throws(ConfigurationError) { return try BackupConfiguration.key(environment: environment) } catch {
            throw MaintenanceError(.configuration, error.description)
        }
    }

    private static func seconds(since start: ContinuousClock.Instant) -> Double {
        let d = ContinuousClock.now - start
        return Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
    }
}
