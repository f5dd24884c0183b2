import Foundation
import Persistence
import RPCCore
import Security
import Synchronization
import TradingProtocol

/// Configuration under version control: `Admin.GetConfig`, `Admin.UpdateConfig` and
/// `Admin.ListConfigVersions`, and a new version at start when the effective configuration differs
/// from the current one.
///
/// Every version is a journal event (`ConfigEvent.versionRecorded`) with the canonical JSON of the
/// effective configuration (file, `UpdateConfig` document or defaults, overlaid by the
/// environment), its SHA-256, author and comment; `config_versions` is the read model. In memory
/// the component keeps only the current version (loaded from the projection when built, advanced
/// by `recover` and by updates), so a start from a snapshot needs nothing more.
///
/// `UpdateConfig` saves an accepted document to the configuration file (so settings that need a
/// restart take effect at the next start) and applies the keys `ConfigSchema` marks live through
/// the `live` actions. Role checks are the interceptor's (admin only, `operate` permission).
public final class ConfigComponent: ServerComponent {
    /// Applies one live setting's new value; returns false when it cannot be applied now (it then
    /// takes effect at the next start).
    public typealias LiveAction = @Sendable (ConfigValue) -> Bool

    /// Versions `ListConfigVersions` returns when `limit` is 0.
    public static let defaultListLimit = 50
    /// The author of versions recorded at start.
    public static let systemAuthor = "system"

    /// The current version as the component holds it.
    struct Current: Sendable, Equatable {
        var version: UInt64
        var document: String
        var sha256: String
        var author: String
        var comment: String
        var createdAt: Int64
    }

    private let runtime: ServerRuntime
    private let live: [String: LiveAction]
    private let current: Mutex<Current?>

    /// Loads the current version from the `config_versions` projection.
    public init(runtime: ServerRuntime, live: [String: LiveAction] = [:]) throws {
        self.runtime = runtime
        self.live = live
        let reader = try runtime.store.makeReader()
        defer { reader.close() }
        let rows = try reader.rows("""
            SELECT version, document, sha256, author, comment, created_at FROM config_versions ORDER BY version DESC LIMIT 1
            """)
        current = Mutex(rows.first.map(Self.current(row:)))
    }

    private static func current(row: [SQLValue]) -> Current {
        Current(version: UInt64(clamping: row[0].integerValue ?? 0), document: row[1].textValue ?? "",
                sha256: row[2].textValue ?? "", author: row[3].textValue ?? "", comment: row[4].textValue ?? "",
                createdAt: row[5].integerValue ?? 0)
    }

    /// The current version number (0 before the first).
    public var currentVersion: UInt64 { current.withLock { $0?.version ?? 0 } }

    // MARK: ServerComponent

    public func recover(_ event: JournalEvent<ServerEvent>) throws {
        guard case .config(.versionRecorded(let v)) = event.event else { return }
        current.withLock { c in
            guard v.version > (c?.version ?? 0) else { return }
            c = Current(version: v.version, document: v.document, sha256: v.sha256, author: v.author,
                        comment: v.comment, createdAt: event.timeNanoseconds)
        }
    }

    public func register(in router: inout RPCRouter) {
        router.registerUnary(TradebotV1.Admin.getConfig.descriptor.rpc) { [self] (request: TradebotV1.GetConfigRequest, _) in
            try getConfig(request)
        }
        router.registerUnary(TradebotV1.Admin.updateConfig.descriptor.rpc) {
            [self] (request: TradebotV1.UpdateConfigRequest, context) in
            try await updateConfig(request, author: try context.requireCaller().subject)
        }
        router.registerUnary(TradebotV1.Admin.listConfigVersions.descriptor.rpc) {
            [self] (request: TradebotV1.ListConfigVersionsRequest, _) in
            try listVersions(request)
        }
    }

    /// Records the effective configuration as a new version when it differs from the current one.
    public func start(_ runtime: ServerRuntime) async throws {
        let config = runtime.configuration
        let text = ConfigDocument.effective(config, settings: config.effectiveSettings).canonicalText
        let origin = config.configFile.map { "the file \($0)" } ?? "the defaults"
        let outcome = try commit(text: text, author: Self.systemAuthor,
                                 comment: "at start: \(origin) and the environment", expectedVersion: 0, persist: nil)
        if let (record, sequence) = outcome.recorded {
            try await runtime.store.committed(through: sequence)
            runtime.log.info("configuration version recorded", ["version": "\(record.version)", "sha256": record.sha256])
        } else {
            runtime.log.info("configuration unchanged", ["version": "\(currentVersion)"])
        }
    }

    // MARK: handlers

    func getConfig(_ request: TradebotV1.GetConfigRequest) throws(RPCError) -> TradebotV1.GetConfigResponse {
        let found: Current?
        if request.version == 0 {
            found = current.withLock { $0 }
        } else {
            found = try read { reader throws(StoreError) in
                try reader.rows("""
                    SELECT version, document, sha256, author, comment, created_at FROM config_versions WHERE version = ?
                    """, .integer(Int64(clamping: request.version))).first.map(Self.current(row:))
            }
        }
        guard let found else {
            throw RPCError(code: .notFound, message: request.version == 0
                           ? "no configuration version is recorded yet" : "version: no configuration version \(request.version)")
        }
        let value: ConfigValue
        do { value = try ConfigValue.parse(found.document) } catch {
            throw RPCError(code: .internal, message: "stored configuration version \(found.version) does not parse: \(error)")
        }
        var response = TradebotV1.GetConfigResponse()
        response.document = ConfigDocument.redacted(value).canonicalText
        response.version = Self.wire(found)
        return response
    }

    func listVersions(_ request: TradebotV1.ListConfigVersionsRequest) throws(RPCError) -> TradebotV1.ListConfigVersionsResponse {
        guard request.limit >= 0 else { throw RPCError(code: .invalidArgument, message: "limit: must not be negative") }
        let limit = request.limit == 0 ? Self.defaultListLimit : Int(request.limit)
        let rows = try read { reader throws(StoreError) in
            try reader.rows("""
                SELECT version, document, sha256, author, comment, created_at FROM config_versions ORDER BY version DESC LIMIT ?
                """, .integer(Int64(limit)))
        }
        var response = TradebotV1.ListConfigVersionsResponse()
        response.versions = rows.map { Self.wire(Self.current(row: $0)) }
        return response
    }

    func updateConfig(_ request: TradebotV1.UpdateConfigRequest, author: String) async throws(RPCError)
        -> TradebotV1.UpdateConfigResponse {
        let config = runtime.configuration
        let overrides = config.overrides ?? ProcessInfo.processInfo.environment
        let effective: ConfigValue
        let document: ConfigDocument
        do {
            document = try ConfigDocument.parse(request.document, source: "document")
            let merged = document.merged(with: overrides)
            let server = try document.validate(merged, environment: overrides, source: "document")
            effective = ConfigDocument.effective(server, settings: merged)
        } catch {
            throw RPCError(code: .invalidArgument, message: error.description)
        }
        let text = effective.canonicalText
        let outcome = try commit(text: text, author: author, comment: request.comment,
                                 expectedVersion: request.expectedVersion,
                                 persist: request.dryRun ? nil : (Self.fileText(request.document), config.configFileForUpdates),
                                 dryRun: request.dryRun)
        var response = TradebotV1.UpdateConfigResponse()
        response.diff = outcome.diff
        response.version = Self.wire(outcome.version)
        guard let (record, sequence) = outcome.recorded else { return response }
        do {
            try await runtime.store.committed(through: sequence)
        } catch {
            throw RPCError(code: .unavailable, message: "the journal cannot record the change: \(error.message)")
        }
        let (applied, atRestart) = applyLive(old: outcome.previousDocument, new: effective)
        runtime.log.info("configuration version recorded", [
            "version": "\(record.version)", "author": author, "sha256": record.sha256,
            "applied_live": applied.joined(separator: ","), "at_next_start": atRestart.joined(separator: ","),
        ])
        return response
    }

    // MARK: versions

    struct Outcome {
        var version: Current
        var diff: String
        var previousDocument: String
        var recorded: (ConfigVersionRecorded, Int64)?
    }

    /// Checks `expectedVersion`, diffs against the current version and, unless this is a dry run
    /// or nothing changed, saves `persist` (text, path), journals the version and makes it current.
    /// All under the lock, so concurrent updates get consecutive versions and a stale
    /// `expected_version` is caught.
    private func commit(text: String, author: String, comment: String, expectedVersion: UInt64,
                        persist: (String, String)?, dryRun: Bool = false) throws(RPCError) -> Outcome {
        let sha: String
        do { sha = try SHA256.hash(text).hex } catch {
            throw RPCError(code: .internal, message: "cannot hash the configuration: \(error)")
        }
        let now = runtime.now()
        let store = runtime.store
        return try current.withLock { (c: inout Current?) throws(RPCError) -> Outcome in
            let version = c?.version ?? 0
            if expectedVersion != 0 && expectedVersion != version {
                throw RPCError(code: .failedPrecondition,
                               message: "VERSION_MISMATCH: expected_version \(expectedVersion) is stale; the current version is \(version)")
            }
            let previous = c?.document ?? ""
            if let c, c.sha256 == sha {
                return Outcome(version: c, diff: "", previousDocument: previous, recorded: nil)
            }
            let next = Current(version: dryRun ? 0 : version + 1, document: text, sha256: sha, author: author,
                               comment: comment, createdAt: dryRun ? 0 : now)
            let diff = UnifiedDiff.diff(old: previous, new: text, oldLabel: version == 0 ? "(none)" : "version \(version)",
                                        newLabel: dryRun ? "proposed" : "version \(version + 1)")
            if dryRun { return Outcome(version: next, diff: diff, previousDocument: previous, recorded: nil) }
            if let (fileText, path) = persist {
                do throws(ConfigurationError) { try ConfigFileWriter.write(fileText, to: path) } catch {
                    throw RPCError(code: .failedPrecondition, message: error.description)
                }
            }
            let record = ConfigVersionRecorded(version: next.version, document: text, sha256: sha, author: author, comment: comment)
            let sequence: Int64
            do throws(StoreError) {
                sequence = try store.append(.config(.versionRecorded(record)), timeNanoseconds: now)
            } catch {
                throw RPCError(code: .unavailable, message: "the journal cannot record the change: \(error.message)")
            }
            c = next
            return Outcome(version: next, diff: diff, previousDocument: previous, recorded: (record, sequence))
        }
    }

    /// Applies the live keys whose value changed; returns (applied, left for the next start).
    private func applyLive(old: String, new: ConfigValue) -> ([String], [String]) {
        let before = (try? ConfigValue.parse(old)) ?? .null
        var applied: [String] = [], atRestart: [String] = []
        for key in ConfigSchema.keys {
            let value = ConfigDocument.value(at: key.path, in: new)
            guard ConfigDocument.value(at: key.path, in: before) != value else { continue }
            if key.live, let action = live[key.path], action(value) {
                applied.append(key.path)
            } else {
                atRestart.append(key.path)
            }
        }
        return (applied, atRestart)
    }

    /// The document as saved to the file: canonical when it parses (it did, to get here).
    private static func fileText(_ document: String) -> String {
        (try? ConfigValue.parse(document))?.canonicalText ?? document
    }

    private func read<T>(_ body: (JournalReader<ServerEventCodec>) throws(StoreError) -> T) throws(RPCError) -> T {
        do {
            let reader = try runtime.store.makeReader()
            defer { reader.close() }
            return try body(reader)
        } catch {
            throw RPCError(code: .unavailable, message: "cannot read the configuration versions: \(error.message)")
        }
    }

    static func wire(_ c: Current) -> TradebotV1.ConfigVersion {
        var w = TradebotV1.ConfigVersion()
        w.version = c.version
        w.sha256 = c.sha256
        if c.createdAt != 0 { w.createdAt = GoogleProtobuf.Timestamp(nanosecondsSinceEpoch: c.createdAt) }
        w.author = c.author
        w.comment = c.comment
        return w
    }
}
