import Persistence

/// Why an offline maintenance command (`tradebotd restore|verify-backup|rebuild-projections`)
/// failed. The message names the file or directory; `kind` chooses the exit status.
public struct MaintenanceError: Error, Sendable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable {
        /// A setting (key, key file) is unusable.
        case configuration
        /// The backup or data directory does not exist.
        case notFound
        /// A server holds the data directory; stop it first.
        case refused
        /// The backup failed a check (checksum, manifest, key, integrity, sequence).
        case verificationFailed
        /// Anything else (I/O, disk full, a damaged database).
        case failed
    }

    public var kind: Kind
    public var message: String

    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    public var description: String { message }

    init(_ error: StoreError) {
        let kind: Kind = switch error.kind {
        case .restoreRefused, .inUse: .refused
        case .manifestInvalid, .checksumMismatch, .backupInvalid, .decryptionFailed, .badKey: .verificationFailed
        default: .failed
        }
        self.init(kind, error.description)
    }
}
