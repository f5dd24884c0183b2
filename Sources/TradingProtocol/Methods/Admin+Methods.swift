import WireFormat

extension TradebotV1 {
    /// The `tradebot.v1.Admin` service: users, API tokens, backups, audit, configuration.
    public enum Admin {
        public static let serviceName = "tradebot.v1.Admin"
        public static let createUser = RPCMethod<CreateUserRequest, CreateUserResponse>(
            service: serviceName, method: "CreateUser", kind: .unary, access: .admin)
        public static let listUsers = RPCMethod<ListUsersRequest, ListUsersResponse>(
            service: serviceName, method: "ListUsers", kind: .unary, access: .admin)
        public static let setUserRole = RPCMethod<SetUserRoleRequest, SetUserRoleResponse>(
            service: serviceName, method: "SetUserRole", kind: .unary, access: .admin)
        public static let disableUser = RPCMethod<DisableUserRequest, DisableUserResponse>(
            service: serviceName, method: "DisableUser", kind: .unary, access: .admin)
        public static let createApiToken = RPCMethod<CreateApiTokenRequest, CreateApiTokenResponse>(
            service: serviceName, method: "CreateApiToken", kind: .unary, access: .admin)
        public static let listApiTokens = RPCMethod<ListApiTokensRequest, ListApiTokensResponse>(
            service: serviceName, method: "ListApiTokens", kind: .unary, access: .admin)
        public static let revokeToken = RPCMethod<RevokeTokenRequest, RevokeTokenResponse>(
            service: serviceName, method: "RevokeToken", kind: .unary, access: .admin)
        public static let createBackup = RPCMethod<CreateBackupRequest, CreateBackupResponse>(
            service: serviceName, method: "CreateBackup", kind: .unary, access: .admin)
        public static let listBackups = RPCMethod<ListBackupsRequest, ListBackupsResponse>(
            service: serviceName, method: "ListBackups", kind: .unary, access: .admin)
        public static let verifyBackup = RPCMethod<VerifyBackupRequest, VerifyBackupResponse>(
            service: serviceName, method: "VerifyBackup", kind: .unary, access: .admin)
        public static let exportAudit = RPCMethod<ExportAuditRequest, ExportAuditResponse>(
            service: serviceName, method: "ExportAudit", kind: .unary, access: .admin)
        public static let verifyAudit = RPCMethod<VerifyAuditRequest, VerifyAuditResponse>(
            service: serviceName, method: "VerifyAudit", kind: .unary, access: .admin)
        public static let getConfig = RPCMethod<GetConfigRequest, GetConfigResponse>(
            service: serviceName, method: "GetConfig", kind: .unary, access: .admin)
        public static let updateConfig = RPCMethod<UpdateConfigRequest, UpdateConfigResponse>(
            service: serviceName, method: "UpdateConfig", kind: .unary, access: .admin)
        public static let listConfigVersions = RPCMethod<ListConfigVersionsRequest, ListConfigVersionsResponse>(
            service: serviceName, method: "ListConfigVersions", kind: .unary, access: .admin)

        /// Every method of the service, in schema order.
        public static let methods: [ServiceMethod] = [
            createUser.descriptor, listUsers.descriptor, setUserRole.descriptor, disableUser.descriptor,
            createApiToken.descriptor, listApiTokens.descriptor, revokeToken.descriptor,
            createBackup.descriptor, listBackups.descriptor, verifyBackup.descriptor,
            exportAudit.descriptor, verifyAudit.descriptor,
            getConfig.descriptor, updateConfig.descriptor, listConfigVersions.descriptor,
        ]
    }
}
