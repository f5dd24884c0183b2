import TradingModel

/// Every event the server journals: the engine's trading events and the server's own (identity,
/// configuration, backups). One enum so the journal has one total order and one sequence across all of them,
/// which is what makes a restart rebuild exactly the state it had.
public enum ServerEvent: Sendable, Equatable, Codable {
    case engine(EngineEvent)
    case identity(IdentityEvent)
    case config(ConfigEvent)
    case backup(BackupEvent)

    /// The stable name stored with each journal row. Never rename one once written.
    public var typeName: String {
        switch self {
        case .engine(let e): "engine." + e.typeName
        case .identity(let e): "identity." + e.typeName
        case .config(let e): "config." + e.typeName
        case .backup(let e): "backup." + e.typeName
        }
    }
}
