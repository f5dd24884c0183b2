/// Configuration events, journaled as `ServerEvent.config` so the versions share the journal's
/// one order and survive restarts, backups and `rebuild-projections` like every other event.
public enum ConfigEvent: Sendable, Equatable, Codable {
    /// A new version of the effective configuration (at start, or by `Admin.UpdateConfig`).
    case versionRecorded(ConfigVersionRecorded)

    /// Stable name for the journal ("config." + this). Never rename one once written.
    public var typeName: String {
        switch self {
        case .versionRecorded: "VersionRecorded"
        }
    }
}
