import Foundation
import Persistence
import RPCCore
import Security
import Synchronization
import TradingProtocol

/// Users, tokens and access control of the server: the `Auth` and the `Admin` user/token RPCs, and
/// the `AuthInterceptor` that guards every RPC.
///
/// Lifecycle (see `ServerComponent`): built with the runtime (refuses to build when the access policy
/// does not cover exactly `TradingAPI.allMethods`, or the JWT keys cannot be loaded), rebuilt from
/// the journal by `recover`, then `register` creates the first-start `admin` if there are no users
/// and adds the interceptor and handlers. A failed first start is reported by `start`, which makes the
/// server refuse to run.
public final class IdentityComponent: ServerComponent {
    /// What a deployment or a test may change. Defaults are the product's.
    public struct Options: Sendable {
        /// `TRADEBOT_ADMIN_PASSWORD`; nil or empty = generate one into `<data>/initial-admin-password`.
        public var initialAdminPassword: String?
        public var clock: any SecurityClock = SystemClock()
        /// RSA modulus for a newly generated signing key.
        public var keyBits = 3072
        public var passwordParameters = ScryptParameters.recommended
        public var accessTokenLifetime: Duration = .seconds(15 * 60)
        public var refreshTokenLifetime: Duration = .seconds(7 * 86_400)
        public var rpcRateLimits: [Permission: RateLimitRule] = RateLimitRule.defaultRPCRules
        public var loginPerAddress: RateLimitRule = .loginPerAddress
        public var issuer = "tradebotd"
        public var audience = "tradebot-api"
        /// Configured PEM signing keys; nil = generated keys in `<data>/keys/`.
        public var jwtKeys: JWTKeyConfiguration?

        public init(initialAdminPassword: String? = nil) {
            self.initialAdminPassword = initialAdminPassword
        }

        /// The product's options from the process environment: `TRADEBOT_ADMIN_PASSWORD`, and
        /// `TRADEBOT_LOGIN_RATE_LIMIT` (`<burst>/<per second>`, default `10/0.5`) for the
        /// per-address bucket in front of `Auth.Login`.
        public static func fromEnvironment() throws(ConfigurationError) -> Options {
            try Options(environment: ProcessInfo.processInfo.environment)
        }

        /// The options from `environment`; also reads `TRADEBOT_RPC_RATE_LIMITS`
        /// (`<permission>=<burst>/<per second>,...`), which overrides the per-permission-class
        /// RPC buckets it names and keeps the defaults for the others. Any malformed value stops
        /// the start, naming the setting.
        public init(environment: [String: String]) throws(ConfigurationError) {
            self.init(initialAdminPassword: environment[IdentityComponent.adminPasswordVariable])
            if let text = environment[IdentityComponent.loginRateLimitVariable], !text.isEmpty {
                loginPerAddress = try Self.parseRule(text, setting: IdentityComponent.loginRateLimitVariable)
            }
            if let text = environment[IdentityComponent.rpcRateLimitsVariable], !text.isEmpty {
                rpcRateLimits = try Self.parseRPCRules(text, defaults: rpcRateLimits)
            }
            jwtKeys = try JWTKeyConfiguration.from(environment: environment)
        }

        /// `read=200/100,trade=50/20`: permission classes are `Permission`'s raw values; each may
        /// appear once.
        static func parseRPCRules(_ text: String, defaults: [Permission: RateLimitRule])
            throws(ConfigurationError) -> [Permission: RateLimitRule] {
            let setting = IdentityComponent.rpcRateLimitsVariable
            var rules = defaults
            var seen: Set<Permission> = []
            for entry in text.split(separator: ",", omittingEmptySubsequences: false) {
                let pair = entry.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
                let name = pair.first.map { $0.trimmingCharacters(in: .whitespaces) } ?? ""
                guard pair.count == 2, let permission = Permission(rawValue: name) else {
                    let known = Permission.allCases.map(\.rawValue).joined(separator: ", ")
                    throw .invalidValue(setting: setting, value: text,
                                        reason: "expected <permission>=<burst>/<per second>,... with permission one of \(known)")
                }
                guard seen.insert(permission).inserted else {
                    throw .invalidValue(setting: setting, value: text, reason: "\(name) is given twice")
                }
                rules[permission] = try parseRule(pair[1].trimmingCharacters(in: .whitespaces), setting: setting)
            }
            return rules
        }

        /// `<burst>/<per second>`, e.g. `10/0.5`.
        static func parseRule(_ text: String, setting: String) throws(ConfigurationError) -> RateLimitRule {
            let parts = text.split(separator: "/")
            guard parts.count == 2, let burst = Int(parts[0]), (1...1_000_000).contains(burst),
                  let rate = Double(parts[1]), rate > 0, rate <= 1_000_000 else {
                throw .invalidValue(setting: setting, value: text,
                                    reason: "expected <burst>/<per second>, e.g. 10/0.5")
            }
            return RateLimitRule(capacity: burst, refillPerSecond: rate)
        }
    }

    public static let adminPasswordVariable = "TRADEBOT_ADMIN_PASSWORD"
    public static let loginRateLimitVariable = "TRADEBOT_LOGIN_RATE_LIMIT"
    public static let rpcRateLimitsVariable = "TRADEBOT_RPC_RATE_LIMITS"

    let runtime: ServerRuntime
    let options: Options
    let identity: IdentityStore
    let keyRing: JWTKeyRing
    let issuer: AccessTokenIssuer
    let authenticator: AccessTokenAuthenticator
    let refreshTokens: RefreshTokenService
    let apiTokens: ApiTokenService
    let passwords: PasswordHasher
    let loginThrottle: LoginThrottle
    let loginBuckets: RateLimiter<String>
    let interceptor: AuthInterceptor

    private struct Lifecycle {
        var startFailure: String?
        /// Subjects whose access tokens must be refused after replay (role change, disable,
        /// logout everywhere within the last access-token lifetime).
        var pendingSubjectRevocations: Set<String> = []
        var housekeeping: Task<Void, Never>?
        /// The second of the latest subject revocation, per subject (see `issueAccessToken`).
        var revokedThrough: [String: Int64] = [:]
    }
    private let lifecycle = Mutex(Lifecycle())

    /// The product's component: `TradebotServer.standardComponents` calls this.
    public static func standard(_ runtime: ServerRuntime) throws -> IdentityComponent {
        try IdentityComponent(runtime: runtime, options: try .fromEnvironment())
    }

    public init(runtime: ServerRuntime, options: Options) throws {
        try AccessPolicy.default.validateCoverage(of: TradingAPI.allMethods.map(\.path))
        self.runtime = runtime
        self.options = options
        let clock = options.clock
        let store = runtime.store
        identity = IdentityStore(journal: { event, time in
            try store.append(.identity(event), timeNanoseconds: time)
        }, now: runtime.now)
        if let configured = options.jwtKeys {
            keyRing = try configured.loadRing(now: clock.now())
        } else {
            keyRing = try JWTKeyDirectory(path: runtime.configuration.dataDirectory + "/keys", keyBits: options.keyBits)
                .loadOrCreate(now: clock.now())
        }
        issuer = AccessTokenIssuer(configuration: .init(issuer: options.issuer, audience: options.audience,
                                                        lifetime: options.accessTokenLifetime),
                                   keyRing: keyRing, clock: clock)
        let verifier = AccessTokenVerifier(configuration: .init(issuer: options.issuer, audience: options.audience),
                                           keyRing: keyRing, clock: clock)
        authenticator = AccessTokenAuthenticator(verifier: verifier, clock: clock)
        refreshTokens = RefreshTokenService(store: identity, clock: clock, tokenLifetime: options.refreshTokenLifetime)
        apiTokens = ApiTokenService(store: identity, clock: clock)
        passwords = PasswordHasher(parameters: options.passwordParameters)
        loginThrottle = LoginThrottle(clock: clock)
        let perAddress = options.loginPerAddress
        loginBuckets = RateLimiter<String>(clock: clock) { _ in perAddress }
        interceptor = AuthInterceptor(policy: .default, authenticator: authenticator, apiTokens: apiTokens,
                                      identity: identity,
                                      limiter: RateLimiter<RPCRateLimitKey>(clock: clock, rules: options.rpcRateLimits),
                                      denials: DenialAudit(clock: clock))
    }

    // MARK: ServerComponent

    /// Only identity events rebuild users and tokens. Identity keeps no snapshot section: its rows
    /// are few, and replaying all of them also rebuilds the access-token revocations that recent
    /// logouts and role changes imply.
    public var recoveredEventTypes: [String]? { ["identity."] }

    public func recover(_ event: JournalEvent<ServerEvent>) throws {
        guard case .identity(let e) = event.event else { return }
        try identity.recover(e, at: event.timeNanoseconds)
        let window = (options.accessTokenLifetime.components.seconds + 60) * 1_000_000_000
        let recent = event.timeNanoseconds > runtime.now() - window
        switch e {
        case .loggedOut(let logout):
            authenticator.revoke(tokenID: logout.tokenID, expiresAt: logout.tokenExpiresAt)
            if logout.allSessions && recent { lifecycle.withLock { _ = $0.pendingSubjectRevocations.insert(logout.actor) } }
        case .userRoleChanged(let change) where recent:
            lifecycle.withLock { _ = $0.pendingSubjectRevocations.insert(change.username) }
        case .userDisabled(let disabled) where recent:
            lifecycle.withLock { _ = $0.pendingSubjectRevocations.insert(disabled.username) }
        case .userPasswordChanged(let changed) where recent && changed.actor != changed.username:
            lifecycle.withLock { _ = $0.pendingSubjectRevocations.insert(changed.username) }
        default:
            break
        }
    }

    public func register(in router: inout RPCRouter) {
        let pending = lifecycle.withLock { state -> Set<String> in
            defer { state.pendingSubjectRevocations = [] }
            return state.pendingSubjectRevocations
        }
        for subject in pending { revokeAccessTokens(of: subject) }
        do {
            try createInitialAdminIfNeeded()
        } catch let error as IdentityStartError {
            lifecycle.withLock { $0.startFailure = error.reason }
        } catch {
            lifecycle.withLock { $0.startFailure = "\(error)" }
        }
        router.addInterceptor(interceptor)
        registerAuth(in: &router)
        registerAdmin(in: &router)
    }

    public func start(_ runtime: ServerRuntime) async throws {
        if let failure = lifecycle.withLock({ $0.startFailure }) {
            throw IdentityStartError(reason: failure)
        }
        let authenticator = self.authenticator, keyRing = self.keyRing, clock = options.clock
        let task = Task.detached {
            while !Task.isCancelled {
                try? await Task.sleep(for: .seconds(60))
                authenticator.purgeExpired()
                keyRing.prune(now: clock.now())
            }
        }
        lifecycle.withLock { $0.housekeeping = task }
    }

    public func shutdown() async {
        lifecycle.withLock { $0.housekeeping }?.cancel()
    }

    // MARK: first start

    /// Creates `admin` when the journal holds no user. The password comes from the environment or
    /// is generated into a 0600 file whose path (never the password) is logged.
    func createInitialAdminIfNeeded() throws {
        guard identity.read({ $0.users.isEmpty }) else { return }
        let initial: InitialAdminPassword
        do {
            initial = try InitialAdminPassword.obtain(environmentValue: options.initialAdminPassword,
                                                      dataDirectory: runtime.configuration.dataDirectory)
        } catch {
            switch error {
            case .weakEnvironmentPassword(let violations):
                throw IdentityStartError(reason: "\(Self.adminPasswordVariable) is too weak (\(violations.map { "\($0)" }.joined(separator: ", "))): "
                    + "use at least 12 characters, not a common password and not containing 'admin'")
            case .fileExists(let path):
                throw IdentityStartError(reason: "\(path) exists from an unfinished first start; read it and delete it, or set \(Self.adminPasswordVariable)")
            case .file(let failure):
                throw IdentityStartError(reason: "cannot write the generated password: \(failure)")
            case .openSSL(let failure):
                throw IdentityStartError(reason: "cannot generate a password: \(failure)")
            }
        }
        let hash = try passwords.hash(initial.password)
        try identity.mutate { (s) throws(RPCError) in
            guard s.users.isEmpty else { return ([], ()) }
            return ([.userCreated(.init(username: "admin", role: Role.admin.rawValue, passwordHash: hash,
                                        actor: "system", source: "local"))], ())
        }
        try runtime.store.waitForCommit(of: runtime.store.lastAssignedSequence)
        switch initial.origin {
        case .environment:
            runtime.log.info("created the initial admin user", ["username": "admin",
                                                                 "password": "from \(Self.adminPasswordVariable)"])
        case .generatedFile(let path):
            runtime.log.warning("created the initial admin user; its generated password is in a 0600 file: read it, then delete the file",
                                ["username": "admin", "file": path])
        }
    }

    // MARK: shared helpers for the handlers

    /// Revokes every access token of `subject` issued up to now (the authenticator works in whole
    /// seconds of `iat`) and remembers the second, so `issueAccessToken` can start after it.
    func revokeAccessTokens(of subject: String) {
        let second = options.clock.now().seconds
        authenticator.revokeTokens(ofSubject: subject)
        lifecycle.withLock { state in
            if state.revokedThrough.count > 10_000 { state.revokedThrough.removeAll() }
            state.revokedThrough[subject] = max(second, state.revokedThrough[subject] ?? .min)
        }
    }

    /// A new access token for `user`. After a revocation of the same subject in this very second
    /// the token's `iat` moves to the next second; otherwise a login right after a reuse detection
    /// or a role change would get a token that is already revoked.
    func issueAccessToken(for user: UserRecord) throws(RPCError) -> AccessTokenIssuer.IssuedToken {
        let revoked = lifecycle.withLock { $0.revokedThrough[user.username] }
        do {
            return try issuer.issue(subject: user.username, role: user.role, earliestIssuedAt: revoked.map { $0 + 1 })
        } catch {
            throw RPCError(code: .internal, message: "cannot issue tokens")
        }
    }

    /// Waits until everything journaled so far is committed: an RPC that changed identity state
    /// answers only once the change is durable.
    func durable() async throws(RPCError) {
        do {
            try await runtime.store.committed(through: runtime.store.lastAssignedSequence)
        } catch {
            throw RPCError(code: .unavailable, message: "the journal could not commit: \(error.message)")
        }
    }

    /// Runs CPU-heavy KDF work on a Dispatch worker, off the event loops and the cooperative pool
    /// (one scrypt costs ~0.25 s of a core).
    func offload<T: Sendable>(_ work: @escaping @Sendable () -> T) async -> T {
        await withCheckedContinuation { continuation in
            DispatchQueue.global(qos: .userInitiated).async { continuation.resume(returning: work()) }
        }
    }
}

/// The first-start admin could not be created (weak `TRADEBOT_ADMIN_PASSWORD`, an existing
/// password file, an unwritable data directory): the server refuses to run.
struct IdentityStartError: Error, CustomStringConvertible {
    let reason: String
    var description: String { "identity: cannot create the initial admin user: \(reason)" }
}
