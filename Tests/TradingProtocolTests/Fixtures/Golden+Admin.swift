import TradingProtocol
import WireFormat

extension Golden {
    static let user = V1.User {
        $0.username = "username"; $0.role = .observer; $0.enabled = true; $0.createdAt = ts; $0.lastLoginAt = ts
    }
    static let apiTokenInfo = V1.ApiTokenInfo {
        $0.tokenID = "token_id"; $0.name = "name"; $0.role = .observer; $0.createdBy = "created_by"
        $0.createdAt = ts; $0.expiresAt = ts; $0.revoked = true
    }
    static let backup = V1.Backup {
        $0.backupID = "backup_id"; $0.path = "path"; $0.createdAt = ts; $0.sizeBytes = 4_000_000_028
        $0.sha256 = "sha256"; $0.verified = true; $0.verifiedAt = ts; $0.note = "note"
    }
    static let configVersion = V1.ConfigVersion {
        $0.version = 1_000_000_007; $0.sha256 = "sha256"; $0.createdAt = ts; $0.author = "author"; $0.comment = "comment"
    }

    static let admin: [(name: String, message: any ProtoMessage)] = [
        ("tradebot.v1.User", user),
        ("tradebot.v1.CreateUserRequest", V1.CreateUserRequest {
            $0.username = "username"; $0.password = "password"; $0.role = .observer
        }),
        ("tradebot.v1.CreateUserResponse", V1.CreateUserResponse { $0.user = user }),
        ("tradebot.v1.ListUsersRequest", V1.ListUsersRequest { $0.includeDisabled = true }),
        ("tradebot.v1.ListUsersResponse", V1.ListUsersResponse { $0.users = [user, user] }),
        ("tradebot.v1.SetUserRoleRequest", V1.SetUserRoleRequest { $0.username = "username"; $0.role = .observer }),
        ("tradebot.v1.SetUserRoleResponse", V1.SetUserRoleResponse { $0.user = user }),
        ("tradebot.v1.DisableUserRequest", V1.DisableUserRequest { $0.username = "username"; $0.reason = "reason" }),
        ("tradebot.v1.DisableUserResponse", V1.DisableUserResponse { $0.user = user }),
        ("tradebot.v1.ApiTokenInfo", apiTokenInfo),
        ("tradebot.v1.CreateApiTokenRequest", V1.CreateApiTokenRequest {
            $0.name = "name"; $0.role = .observer; $0.ttlSeconds = -3_000_000_021
        }),
        ("tradebot.v1.CreateApiTokenResponse", V1.CreateApiTokenResponse { $0.token = "token"; $0.info = apiTokenInfo }),
        ("tradebot.v1.ListApiTokensRequest", V1.ListApiTokensRequest { $0.includeRevoked = true }),
        ("tradebot.v1.ListApiTokensResponse", V1.ListApiTokensResponse { $0.tokens = [apiTokenInfo, apiTokenInfo] }),
        ("tradebot.v1.RevokeTokenRequest", V1.RevokeTokenRequest { $0.tokenID = "token_id"; $0.reason = "reason" }),
        ("tradebot.v1.RevokeTokenResponse", V1.RevokeTokenResponse { $0.info = apiTokenInfo }),
        ("tradebot.v1.Backup", backup),
        ("tradebot.v1.CreateBackupRequest", V1.CreateBackupRequest { $0.note = "note" }),
        ("tradebot.v1.CreateBackupResponse", V1.CreateBackupResponse { $0.backup = backup }),
        ("tradebot.v1.ListBackupsRequest", V1.ListBackupsRequest()),
        ("tradebot.v1.ListBackupsResponse", V1.ListBackupsResponse { $0.backups = [backup, backup] }),
        ("tradebot.v1.VerifyBackupRequest", V1.VerifyBackupRequest { $0.backupID = "backup_id"; $0.testRestore = true }),
        ("tradebot.v1.VerifyBackupResponse", V1.VerifyBackupResponse { $0.ok = true; $0.backup = backup; $0.detail = "detail" }),
        ("tradebot.v1.ExportAuditRequest", V1.ExportAuditRequest { $0.day = "day" }),
        ("tradebot.v1.ExportAuditResponse", V1.ExportAuditResponse {
            $0.packagePath = "package_path"; $0.manifestSha256 = "manifest_sha256"; $0.eventCount = 3_000_000_021
            $0.firstHash = "first_hash"; $0.lastHash = "last_hash"
        }),
        ("tradebot.v1.VerifyAuditRequest", V1.VerifyAuditRequest { $0.packagePath = "package_path" }),
        ("tradebot.v1.VerifyAuditResponse", V1.VerifyAuditResponse {
            $0.ok = true; $0.eventsChecked = 2_000_000_014; $0.firstBadSequence = 3_000_000_021; $0.detail = "detail"
        }),
        ("tradebot.v1.ConfigVersion", configVersion),
        ("tradebot.v1.GetConfigRequest", V1.GetConfigRequest { $0.version = 1_000_000_007 }),
        ("tradebot.v1.GetConfigResponse", V1.GetConfigResponse { $0.document = "document"; $0.version = configVersion }),
        ("tradebot.v1.UpdateConfigRequest", V1.UpdateConfigRequest {
            $0.document = "document"; $0.comment = "comment"; $0.expectedVersion = 3_000_000_021; $0.dryRun = true
        }),
        ("tradebot.v1.UpdateConfigResponse", V1.UpdateConfigResponse { $0.version = configVersion; $0.diff = "diff" }),
        ("tradebot.v1.ListConfigVersionsRequest", V1.ListConfigVersionsRequest { $0.limit = -1 }),
        ("tradebot.v1.ListConfigVersionsResponse", V1.ListConfigVersionsResponse { $0.versions = [configVersion, configVersion] }),
    ]
}
