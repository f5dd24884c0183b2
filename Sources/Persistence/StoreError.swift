import CSQLite

/// The one error type of the `Persistence` module.
///
/// Every failure names the file it concerns (`path`) and, when SQLite produced it, carries the
/// extended SQLite result code and SQLite's own message, so an operator can act on the text alone.
/// Errors are values: safe to send across threads and to compare in tests by `kind`.
public struct StoreError: Error, Sendable, CustomStringConvertible {
    /// What went wrong, coarse enough to switch on.
    public enum Kind: String, Sendable, Equatable {
        /// Any SQLite failure not covered by a more specific kind.
        case sqlite
        /// The database file is not a database or fails `quick_check`/`integrity_check`.
        case corrupt
        /// The write-ahead log is damaged beyond what SQLite's recovery may silently repair.
        case walDamaged
        /// The data directory or database file cannot be written.
        case readOnly
        /// The disk (or the configured size limit) is full.
        case diskFull
        /// The database was written by a newer build; this binary refuses to touch it.
        case schemaTooNew
        /// A migration step failed; the transaction was rolled back.
        case migrationFailed
        /// Another process (a running server) holds the data directory.
        case inUse
        /// The store was closed, or failed earlier and refuses further writes.
        case closed
        /// An append carried a sequence other than the journal's next one (a gap or a repeat).
        case sequenceMismatch
        /// The event codec could not encode or decode an event.
        case codec
        /// A projection's apply function failed; the batch was rolled back.
        case projection
        /// A backup's manifest is missing or does not parse.
        case manifestInvalid
        /// A backup file's size or SHA-256 does not match its manifest.
        case checksumMismatch
        /// A backup copy failed a content check (integrity, schema version, last sequence).
        case backupInvalid
        /// An encrypted backup could not be decrypted (wrong key or tampered ciphertext).
        case decryptionFailed
        /// The encryption key is missing or malformed.
        case badKey
        /// The restore target is not an empty or stopped data directory.
        case restoreRefused
        /// An operating-system call on a file failed.
        case io
        /// A caller passed an argument the store cannot use.
        case invalidArgument
        /// OpenSSL reported an error.
        case crypto
    }

    public var kind: Kind
    /// The file or directory the error concerns.
    public var path: String
    /// The extended SQLite result code, when SQLite reported the error.
    public var sqliteCode: Int32?
    /// Human-readable detail (SQLite's message, errno text, the failing check's rows).
    public var message: String

    public init(_ kind: Kind, path: String, sqliteCode: Int32? = nil, message: String) {
        self.kind = kind
        self.path = path
        self.sqliteCode = sqliteCode
        self.message = message
    }

    public var description: String {
        var text = "\(kind.rawValue) error for \(path): \(message)"
        if let code = sqliteCode { text += " (SQLite code \(code))" }
        return text
    }

    /// Maps an SQLite result code to a kind; `CORRUPT`/`NOTADB`, `FULL`, `READONLY` and
    /// `CANTOPEN`-on-permission get their own kinds because each needs a different operator action.
    static func fromSQLite(code: Int32, path: String, message: String) -> StoreError {
        let primary = code & 0xff
        let kind: Kind
        switch primary {
        case SQLITE_CORRUPT, SQLITE_NOTADB: kind = .corrupt
        case SQLITE_FULL: kind = .diskFull
        case SQLITE_READONLY: kind = .readOnly
        case SQLITE_PERM, SQLITE_AUTH: kind = .readOnly
        default: kind = .sqlite
        }
        return StoreError(kind, path: path, sqliteCode: code, message: message)
    }
}
