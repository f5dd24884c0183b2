import RPCCore
import Security
import TradingProtocol

/// The user and API-token RPCs of `tradebot.v1.Admin` (the backup, audit and configuration RPCs
/// belong to other components). The interceptor has already required the `manageUsers` permission.
extension IdentityComponent {
    func registerAdmin(in router: inout RPCRouter) {
        router.registerUnary(TradebotV1.Admin.createUser.descriptor.rpc) {
            (request: TradebotV1.CreateUserRequest, context: ServerContext) async throws -> TradebotV1.CreateUserResponse in
            try await self.createUser(request, context)
        }
        router.registerInlineUnary(TradebotV1.Admin.listUsers.descriptor.rpc) {
            (request: TradebotV1.ListUsersRequest, _: ServerContext) throws(RPCError) -> TradebotV1.ListUsersResponse in
            var response = TradebotV1.ListUsersResponse()
            response.users = self.identity.read { $0.users.values.sorted { $0.username < $1.username } }
                .filter { request.includeDisabled || $0.enabled }
                .map(IdentityWire.user)
            return response
        }
        router.registerUnary(TradebotV1.Admin.setUserRole.descriptor.rpc) {
            (request: TradebotV1.SetUserRoleRequest, context: ServerContext) async throws -> TradebotV1.SetUserRoleResponse in
            var response = TradebotV1.SetUserRoleResponse()
            response.user = try await self.setUserRole(request, context)
            return response
        }
        router.registerUnary(TradebotV1.Admin.disableUser.descriptor.rpc) {
            (request: TradebotV1.DisableUserRequest, context: ServerContext) async throws -> TradebotV1.DisableUserResponse in
            var response = TradebotV1.DisableUserResponse()
            response.user = try await self.disableUser(request, context)
            return response
        }
        router.registerUnary(TradebotV1.Admin.createApiToken.descriptor.rpc) {
            (request: TradebotV1.CreateApiTokenRequest, context: ServerContext) async throws -> TradebotV1.CreateApiTokenResponse in
            try await self.createApiToken(request, context)
        }
        router.registerInlineUnary(TradebotV1.Admin.listApiTokens.descriptor.rpc) {
            (request: TradebotV1.ListApiTokensRequest, _: ServerContext) throws(RPCError) -> TradebotV1.ListApiTokensResponse in
            var response = TradebotV1.ListApiTokensResponse()
            response.tokens = self.identity.read { s in
                s.apiTokens.values.sorted { ($0.createdAt, $0.id) < ($1.createdAt, $1.id) }
                    .filter { request.includeRevoked || $0.revokedAt == nil }
                    .map { IdentityWire.apiToken($0, createdBy: s.apiTokenCreators[$0.id] ?? "") }
            }
            return response
        }
        router.registerUnary(TradebotV1.Admin.revokeToken.descriptor.rpc) {
            (request: TradebotV1.RevokeTokenRequest, context: ServerContext) async throws -> TradebotV1.RevokeTokenResponse in
            try await self.revokeApiToken(request, context)
        }
    }

    func createUser(_ request: TradebotV1.CreateUserRequest, _ context: ServerContext) async throws(RPCError) -> TradebotV1.CreateUserResponse {
        let caller = try context.requireCaller()
        try IdentityValidation.username(request.username)
        let role = try IdentityValidation.role(request.role)
        try IdentityValidation.password(request.password, username: request.username)
        if identity.user(request.username) != nil {
            throw RPCError(code: .alreadyExists, message: "username: \(request.username) already exists")
        }
        let passwords = self.passwords, password = request.password
        let hashed: String? = await offload { try? passwords.hash(password) }
        guard let hashed else { throw RPCError(code: .internal, message: "cannot hash the password") }
        let source = PeerAddress.host(of: context.peer)
        try identity.mutate { (s) throws(RPCError) in
            guard s.users[request.username] == nil else {
                throw RPCError(code: .alreadyExists, message: "username: \(request.username) already exists")
            }
            return ([.userCreated(.init(username: request.username, role: role.rawValue, passwordHash: hashed,
                                        actor: caller.subject, source: source))], ())
        }
        try await durable()
        let created = identity.user(request.username)
        guard let created else { throw RPCError(code: .internal, message: "the user vanished after creation") }
        runtime.log.info("user created", ["username": created.username, "role": role.rawValue, "by": caller.subject])
        var response = TradebotV1.CreateUserResponse()
        response.user = IdentityWire.user(created)
        return response
    }

    /// Changes a role and ends the user's sessions (tokens carry the role they were issued with).
    /// Refuses to demote the last enabled admin, which would lock every operator out.
    func setUserRole(_ request: TradebotV1.SetUserRoleRequest, _ context: ServerContext) async throws(RPCError) -> TradebotV1.User {
        let caller = try context.requireCaller()
        try IdentityValidation.username(request.username)
        let role = try IdentityValidation.role(request.role)
        let source = PeerAddress.host(of: context.peer)
        let changed: Bool = try identity.mutate { (s) throws(RPCError) in
            guard let user = s.users[request.username] else {
                throw RPCError(code: .notFound, message: "username: no user \(request.username)")
            }
            guard user.role != role else { return ([], false) }
            if user.role == .admin && user.enabled && s.otherEnabledAdmins(than: user.username) == 0 {
                throw RPCError(code: .failedPrecondition, message: "username: \(user.username) is the last enabled admin")
            }
            return ([.userRoleChanged(.init(username: user.username, role: role.rawValue,
                                            previousRole: user.role.rawValue, actor: caller.subject, source: source))], true)
        }
        if changed { try endSessions(of: request.username, actor: caller.subject, source: source, reason: "role changed") }
        try await durable()
        guard let user = identity.user(request.username) else {
            throw RPCError(code: .notFound, message: "username: no user \(request.username)")
        }
        return IdentityWire.user(user)
    }

    /// Disables an account: its access tokens stop at once (the interceptor checks the account on
    /// every call) and its refresh sessions are revoked.
    func disableUser(_ request: TradebotV1.DisableUserRequest, _ context: ServerContext) async throws(RPCError) -> TradebotV1.User {
        let caller = try context.requireCaller()
        try IdentityValidation.username(request.username)
        try IdentityValidation.text(request.reason, field: "reason", max: IdentityValidation.maxReasonLength, required: false)
        let source = PeerAddress.host(of: context.peer)
        let changed: Bool = try identity.mutate { (s) throws(RPCError) in
            guard let user = s.users[request.username] else {
                throw RPCError(code: .notFound, message: "username: no user \(request.username)")
            }
            guard user.enabled else { return ([], false) }
            if user.role == .admin && s.otherEnabledAdmins(than: user.username) == 0 {
                throw RPCError(code: .failedPrecondition, message: "username: \(user.username) is the last enabled admin")
            }
            return ([.userDisabled(.init(username: user.username, reason: request.reason, actor: caller.subject,
                                         source: source))], true)
        }
        if changed { try endSessions(of: request.username, actor: caller.subject, source: source, reason: "disabled") }
        try await durable()
        guard let user = identity.user(request.username) else {
            throw RPCError(code: .notFound, message: "username: no user \(request.username)")
        }
        runtime.log.info("user disabled", ["username": user.username, "by": caller.subject])
        return IdentityWire.user(user)
    }

    private func endSessions(of username: String, actor: String, source: String, reason: String) throws(RPCError) {
        revokeAccessTokens(of: username)
        do {
            try AuditContext(actor: actor, source: source, reason: reason).run {
                () throws(RefreshTokenService.RefreshError) in
                try refreshTokens.revokeAll(subject: username)
            }
        } catch {
            throw RPCError(code: .unavailable, message: "cannot revoke the sessions of \(username)")
        }
    }

    func createApiToken(_ request: TradebotV1.CreateApiTokenRequest, _ context: ServerContext) async throws(RPCError) -> TradebotV1.CreateApiTokenResponse {
        let caller = try context.requireCaller()
        try IdentityValidation.text(request.name, field: "name", max: IdentityValidation.maxNameLength, required: true)
        let role = try IdentityValidation.role(request.role)
        let lifetime = try IdentityValidation.apiTokenLifetime(request.ttlSeconds)
        let source = PeerAddress.host(of: context.peer)
        let created: (token: String, record: ApiTokenRecord)
        do {
            created = try AuditContext(actor: caller.subject, source: source).run {
                () throws(ApiTokenService.CreateError) -> (token: String, record: ApiTokenRecord) in
                try apiTokens.create(name: request.name, role: role, lifetime: lifetime)
            }
        } catch {
            switch error {
            case .invalidName: throw RPCError(code: .invalidArgument, message: "name: 1 to 128 bytes, no control characters")
            case .storage, .openSSL: throw RPCError(code: .unavailable, message: "cannot create the API token")
            }
        }
        try await durable()
        runtime.log.info("API token created", ["id": created.record.id, "name": created.record.name,
                                               "role": role.rawValue, "by": caller.subject])
        var response = TradebotV1.CreateApiTokenResponse()
        response.token = created.token
        response.info = IdentityWire.apiToken(created.record, createdBy: caller.subject)
        return response
    }

    func revokeApiToken(_ request: TradebotV1.RevokeTokenRequest, _ context: ServerContext) async throws(RPCError) -> TradebotV1.RevokeTokenResponse {
        let caller = try context.requireCaller()
        try IdentityValidation.text(request.tokenID, field: "token_id", max: 64, required: true)
        try IdentityValidation.text(request.reason, field: "reason", max: IdentityValidation.maxReasonLength, required: false)
        let source = PeerAddress.host(of: context.peer)
        let found: Bool
        do {
            found = try AuditContext(actor: caller.subject, source: source,
                                                                     reason: request.reason).run {
                () throws(TokenStoreError) -> Bool in
                try apiTokens.revoke(id: request.tokenID)
            }
        } catch {
            throw RPCError(code: .unavailable, message: "cannot revoke the API token")
        }
        guard found else { throw RPCError(code: .notFound, message: "token_id: no API token \(request.tokenID)") }
        try await durable()
        var response = TradebotV1.RevokeTokenResponse()
        response.info = identity.read { s in
            s.apiTokenHashByID[request.tokenID].flatMap { s.apiTokens[$0] }
                .map { IdentityWire.apiToken($0, createdBy: s.apiTokenCreators[$0.id] ?? "") }
        }
        return response
    }
}
