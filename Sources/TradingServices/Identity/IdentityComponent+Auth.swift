import RPCCore
import Security
import TradingProtocol

/// The `tradebot.v1.Auth` handlers: Login, Refresh, Logout, WhoAmI.
extension IdentityComponent {
    func registerAuth(in router: inout RPCRouter) {
        router.registerUnary(TradebotV1.Auth.login.descriptor.rpc) {
            (request: TradebotV1.LoginRequest, context: ServerContext) async throws -> TradebotV1.LoginResponse in
            try await self.login(request, context)
        }
        router.registerUnary(TradebotV1.Auth.refresh.descriptor.rpc) {
            (request: TradebotV1.RefreshRequest, context: ServerContext) async throws -> TradebotV1.RefreshResponse in
            try await self.refresh(request, context)
        }
        router.registerUnary(TradebotV1.Auth.logout.descriptor.rpc) {
            (request: TradebotV1.LogoutRequest, context: ServerContext) async throws -> TradebotV1.LogoutResponse in
            try await self.logout(request, context)
        }
        router.registerInlineUnary(TradebotV1.Auth.whoAmI.descriptor.rpc) {
            (_: TradebotV1.WhoAmIRequest, context: ServerContext) throws(RPCError) -> TradebotV1.WhoAmIResponse in
            var response = TradebotV1.WhoAmIResponse()
            response.principal = Self.wirePrincipal(try context.requireCaller())
            return response
        }
    }

    /// Checks the per-address bucket and the throttle before the KDF runs; a refused attempt is
    /// journaled as a failure with reason `throttled`.
    func login(_ request: TradebotV1.LoginRequest, _ context: ServerContext) async throws(RPCError) -> TradebotV1.LoginResponse {
        let username = request.username.lowercased()
        try IdentityValidation.loginUsername(username)
        guard !request.password.isEmpty, request.password.utf8.count <= PasswordHasher.maxPasswordBytes else {
            throw RPCError(code: .invalidArgument,
                           message: "password: must be 1 to \(PasswordHasher.maxPasswordBytes) bytes")
        }
        let source = PeerAddress.host(of: context.peer)
        var retryAfter: Duration?
        if case .limited(let wait) = loginBuckets.acquire(source) { retryAfter = wait }
        if retryAfter == nil, case .throttled(let wait, _) = loginThrottle.check(username: username, address: source) {
            retryAfter = wait
        }
        if let retryAfter {
            try identity.record(.loginFailed(.init(actor: username, source: source, outcome: "failure", reason: "throttled")))
            let decision = RateLimitDecision.limited(retryAfter: retryAfter)
            let ms = decision.retryAfterMilliseconds ?? 1000
            throw RPCError(code: .resourceExhausted, message: "too many login attempts; retry after \(ms) ms",
                           metadata: Metadata([("grpc-retry-pushback-ms", String(ms))]))
        }

        let user = identity.user(username)
        let passwords = self.passwords, password = request.password
        let verified: Bool = await offload {
            guard let user else { return passwords.verifyAgainstDummy(password) }
            return (try? passwords.verify(password, against: user.passwordHash)) ?? false
        }
        guard verified, let user, user.enabled else {
            loginThrottle.recordFailure(username: username, address: source)
            let reason = verified ? "disabled" : (user == nil ? "unknown_user" : "bad_credentials")
            try identity.record(.loginFailed(.init(actor: username, source: source, outcome: "failure", reason: reason)))
            try await durable()
            throw RPCError(code: .unauthenticated, message: "invalid username or password")
        }
        loginThrottle.recordSuccess(username: username, address: source)

        let access: AccessTokenIssuer.IssuedToken
        let session: RefreshTokenService.Issued
        do {
            access = try issueAccessToken(for: user)
            session = try AuditContext(actor: user.username, source: source).run {
                () throws(RefreshTokenService.RefreshError) -> RefreshTokenService.Issued in
                try refreshTokens.issue(subject: user.username)
            }
        } catch {
            throw RPCError(code: .internal, message: "cannot issue tokens")
        }
        try identity.record(.loginSucceeded(.init(actor: user.username, source: source, outcome: "success", reason: "")))
        if passwords.needsRehash(user.passwordHash) {
            let rehashed: String? = await offload { try? passwords.hash(password) }
            if let rehashed {
                try identity.record(.userPasswordChanged(.init(username: user.username, passwordHash: rehashed,
                                                               actor: user.username, source: source)))
            }
        }
        try await durable()

        var response = TradebotV1.LoginResponse()
        response.accessToken = access.token
        response.refreshToken = session.token
        response.accessExpiresAt = TradebotV1.Timestamp(seconds: access.claims.expiresAt)
        response.refreshExpiresAt = TradebotV1.Timestamp(nanosecondsSinceEpoch: session.expiresAt.nanoseconds)
        response.principal = Self.wirePrincipal(
            Principal(subject: user.username, role: user.role, credential: .accessToken(tokenID: access.claims.tokenID),
                      validUntil: UnixTime(seconds: access.claims.expiresAt)),
            issuedAt: access.claims.issuedAt)
        return response
    }

    /// Rotates the refresh token, re-reading the account: the refresh token proves the session, not
    /// the role, so the new access token carries the current role and a disabled user gets nothing.
    func refresh(_ request: TradebotV1.RefreshRequest, _ context: ServerContext) async throws(RPCError) -> TradebotV1.RefreshResponse {
        guard !request.refreshToken.isEmpty else {
            throw RPCError(code: .invalidArgument, message: "refresh_token: required")
        }
        let source = PeerAddress.host(of: context.peer)
        let next: RefreshTokenService.Issued
        do {
            next = try AuditContext(actor: "session", source: source).run {
                () throws(RefreshTokenService.RefreshError) -> RefreshTokenService.Issued in
                try refreshTokens.rotate(request.refreshToken)
            }
        } catch {
            if case .reuseDetected(let familyID, let subject) = error {
                revokeAccessTokens(of: subject)
                try identity.record(.refreshTokenReuseDetected(.init(familyID: familyID, subject: subject, source: source)))
                runtime.log.warning("refresh token reuse detected; the session was revoked",
                                    ["subject": subject, "family": familyID, "source": source])
            }
            try await durable()
            throw RPCError(code: .unauthenticated, message: "invalid refresh token: \(Self.reason(error))")
        }
        guard let user = identity.user(next.subject), user.enabled else {
            _ = try? refreshTokens.revokeFamily(of: next.token, reason: .subjectRevoked)
            try await durable()
            throw RPCError(code: .unauthenticated, message: "invalid refresh token: the account is disabled")
        }
        let access: AccessTokenIssuer.IssuedToken
        access = try issueAccessToken(for: user)
        try await durable()
        var response = TradebotV1.RefreshResponse()
        response.accessToken = access.token
        response.refreshToken = next.token
        response.accessExpiresAt = TradebotV1.Timestamp(seconds: access.claims.expiresAt)
        response.refreshExpiresAt = TradebotV1.Timestamp(nanosecondsSinceEpoch: next.expiresAt.nanoseconds)
        return response
    }

    /// Revokes the presented access token (and the session of `refresh_token`, or every session with
    /// `all_sessions`). Idempotent; an unknown refresh token is not an error (it reveals nothing).
    func logout(_ request: TradebotV1.LogoutRequest, _ context: ServerContext) async throws(RPCError) -> TradebotV1.LogoutResponse {
        let caller = try context.requireCaller()
        let source = PeerAddress.host(of: context.peer)
        let audit = AuditContext(actor: caller.subject, source: source, reason: "logout")
        var tokenID = ""
        if case .accessToken(let jti) = caller.credential {
            tokenID = jti
            authenticator.revoke(tokenID: jti, expiresAt: caller.validUntil.seconds)
        }
        do {
            try audit.run { () throws(RefreshTokenService.RefreshError) in
                if !request.refreshToken.isEmpty { try refreshTokens.revokeFamily(of: request.refreshToken) }
                if request.allSessions { try refreshTokens.revokeAll(subject: caller.subject) }
            }
        } catch {
            throw RPCError(code: .unavailable, message: "cannot revoke the session: \(Self.reason(error))")
        }
        if request.allSessions { revokeAccessTokens(of: caller.subject) }
        try identity.record(.loggedOut(.init(actor: caller.subject, source: source, tokenID: tokenID,
                                             tokenExpiresAt: caller.validUntil.seconds, allSessions: request.allSessions)))
        try await durable()
        return TradebotV1.LogoutResponse()
    }

    static func reason(_ error: RefreshTokenService.RefreshError) -> String {
        switch error {
        case .invalidToken: "unknown or malformed"
        case .expired: "expired"
        case .revoked(let why): "revoked (\(why.rawValue))"
        case .reuseDetected: "already used; the session is revoked"
        case .storage: "storage failure"
        case .openSSL: "crypto failure"
        }
    }

    static func wirePrincipal(_ principal: Principal, issuedAt: Int64? = nil) -> TradebotV1.Principal {
        var wire = TradebotV1.Principal()
        wire.subject = principal.subject
        wire.role = IdentityWire.role(principal.role)
        switch principal.credential {
        case .accessToken(let id):
            wire.kind = .user
            wire.tokenID = id
        case .apiToken(let id):
            wire.kind = .apiToken
            wire.tokenID = id
        }
        if let issuedAt { wire.issuedAt = TradebotV1.Timestamp(seconds: issuedAt) }
        if principal.validUntil.nanoseconds != .max {
            wire.expiresAt = TradebotV1.Timestamp(nanosecondsSinceEpoch: principal.validUntil.nanoseconds)
        }
        return wire
    }
}
