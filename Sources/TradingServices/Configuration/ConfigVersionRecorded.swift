/// Payload of `ConfigEvent.versionRecorded`: one version of the effective configuration.
///
/// `document` is the canonical JSON text (`ConfigValue.canonicalText`) and `sha256` its hex
/// digest; it holds no secret (the schema admits none). The creation time is the journal row's.
public struct ConfigVersionRecorded: Sendable, Equatable, Codable {
    /// 1, 2, 3... in journal order.
    public let version: UInt64
    public let document: String
    public let sha256: String
    /// The principal who made it (a username or `api-token:<id>`), or `system` for a start.
    public let author: String
    public let comment: String

    public init(version: UInt64, document: String, sha256: String, author: String, comment: String) {
        self.version = version
        self.document = document
        self.sha256 = sha256
        self.author = author
        self.comment = comment
    }
}
