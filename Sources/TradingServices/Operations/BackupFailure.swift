import Persistence
import RPCCore

/// Why a backup operation failed, in terms a client can act on; maps to one gRPC status.
///
/// Every message names the backup, directory or file concerned (the store's errors already do).
public enum BackupFailure: Error, Sendable, CustomStringConvertible {
    /// The identifier is not a backup stamp (`YYYYMMDDTHHMMSS.mmmZ`): INVALID_ARGUMENT.
    case invalidID(String)
    /// A request field is unusable (for example an oversized note): INVALID_ARGUMENT.
    case invalidArgument(String)
    /// No backup with this identifier, or no backups at all: NOT_FOUND.
    case notFound(String)
    /// The backup exists but failed verification or the test restore: FAILED_PRECONDITION.
    case verificationFailed(id: String, StoreError)
    /// Creating or reading backups failed (disk full, permissions, I/O).
    case store(StoreError)
    /// The server is shutting down and accepts no new backup work: UNAVAILABLE.
    case stopped

    public var description: String {
        switch self {
        case .invalidID(let text):
            "invalid backup id '\(text)': expected a backup directory name such as 20261124T233012.345Z"
        case .invalidArgument(let message): message
        case .notFound(let message): message
        case let .verificationFailed(id, error): "backup \(id) failed verification: \(error)"
        case .store(let error): error.description
        case .stopped: "the server is shutting down; backup operations are no longer accepted"
        }
    }

    /// The status sent to the client.
    public var rpcError: RPCError {
        switch self {
        case .invalidID, .invalidArgument: RPCError(code: .invalidArgument, message: description)
        case .notFound: RPCError(code: .notFound, message: description)
        case .verificationFailed: RPCError(code: .failedPrecondition, message: description)
        case .stopped: RPCError(code: .unavailable, message: description)
        case .store(let error):
            switch error.kind {
            // gRPC: RESOURCE_EXHAUSTED covers "the entire file system is out of space".
            case .diskFull: RPCError(code: .resourceExhausted, message: description)
            case .readOnly, .io, .inUse: RPCError(code: .unavailable, message: description)
            case .badKey, .invalidArgument: RPCError(code: .failedPrecondition, message: description)
            default: RPCError(code: .internal, message: description)
            }
        }
    }
}
