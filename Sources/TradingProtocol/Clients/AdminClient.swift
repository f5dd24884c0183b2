import RPCCore
import WireFormat

extension TradebotV1.Admin {
    /// Typed calls to `tradebot.v1.Admin`.
    public struct Client: Sendable {
        public let rpc: RPCClient

        public init(_ rpc: RPCClient) { self.rpc = rpc }

        public func createUser(_ request: TradebotV1.CreateUserRequest, options: CallOptions = CallOptions()) async throws(RPCError) -> TradebotV1.CreateUserResponse {
            try await rpc.call(TradebotV1.Admin.createUser, request, options: options)
        }
        public func listUsers(_ request: TradebotV1.ListUsersRequest, options: CallOptions = CallOptions()) async throws(RPCError) -> TradebotV1.ListUsersResponse {
            try await rpc.call(TradebotV1.Admin.listUsers, request, options: options)
        }
        public func setUserRole(_ request: TradebotV1.SetUserRoleRequest, options: CallOptions = CallOptions()) async throws(RPCError) -> TradebotV1.SetUserRoleResponse {
            try await rpc.call(TradebotV1.Admin.setUserRole, request, options: options)
        }
        public func disableUser(_ request: TradebotV1.DisableUserRequest, options: CallOptions = CallOptions()) async throws(RPCError) -> TradebotV1.DisableUserResponse {
            try await rpc.call(TradebotV1.Admin.disableUser, request, options: options)
        }
        public func createApiToken(_ request: TradebotV1.CreateApiTokenRequest, options: CallOptions = CallOptions()) async throws(RPCError) -> TradebotV1.CreateApiTokenResponse {
            try await rpc.call(TradebotV1.Admin.createApiToken, request, options: options)
        }
        public func listApiTokens(_ request: TradebotV1.ListApiTokensRequest, options: CallOptions = CallOptions()) async throws(RPCError) -> TradebotV1.ListApiTokensResponse {
            try await rpc.call(TradebotV1.Admin.listApiTokens, request, options: options)
        }
        public func revokeToken(_ request: TradebotV1.RevokeTokenRequest, options: CallOptions = CallOptions()) async throws(RPCError) -> TradebotV1.RevokeTokenResponse {
            try await rpc.call(TradebotV1.Admin.revokeToken, request, options: options)
        }
        public func createBackup(_ request: TradebotV1.CreateBackupRequest, options: CallOptions = CallOptions()) async throws(RPCError) -> TradebotV1.CreateBackupResponse {
            try await rpc.call(TradebotV1.Admin.createBackup, request, options: options)
        }
        public func listBackups(_ request: TradebotV1.ListBackupsRequest = .init(), options: CallOptions = CallOptions()) async throws(RPCError) -> TradebotV1.ListBackupsResponse {
            try await rpc.call(TradebotV1.Admin.listBackups, request, options: options)
        }
        public func verifyBackup(_ request: TradebotV1.VerifyBackupRequest, options: CallOptions = CallOptions()) async throws(RPCError) -> TradebotV1.VerifyBackupResponse {
            try await rpc.call(TradebotV1.Admin.verifyBackup, request, options: options)
        }
        public func exportAudit(_ request: TradebotV1.ExportAuditRequest, options: CallOptions = CallOptions()) async throws(RPCError) -> TradebotV1.ExportAuditResponse {
            try await rpc.call(TradebotV1.Admin.exportAudit, request, options: options)
        }
        public func verifyAudit(_ request: TradebotV1.VerifyAuditRequest, options: CallOptions = CallOptions()) async throws(RPCError) -> TradebotV1.VerifyAuditResponse {
            try await rpc.call(TradebotV1.Admin.verifyAudit, request, options: options)
        }
        public func getConfig(_ request: TradebotV1.GetConfigRequest, options: CallOptions = CallOptions()) async throws(RPCError) -> TradebotV1.GetConfigResponse {
            try await rpc.call(TradebotV1.Admin.getConfig, request, options: options)
        }
        public func updateConfig(_ request: TradebotV1.UpdateConfigRequest, options: CallOptions = CallOptions()) async throws(RPCError) -> TradebotV1.UpdateConfigResponse {
            try await rpc.call(TradebotV1.Admin.updateConfig, request, options: options)
        }
        public func listConfigVersions(_ request: TradebotV1.ListConfigVersionsRequest, options: CallOptions = CallOptions()) async throws(RPCError) -> TradebotV1.ListConfigVersionsResponse {
            try await rpc.call(TradebotV1.Admin.listConfigVersions, request, options: options)
        }
    }
}
