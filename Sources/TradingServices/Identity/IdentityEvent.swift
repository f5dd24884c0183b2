/// Identity and access events: users, API tokens, sessions and the auth audit trail
/// (login success/failure, logout, refresh reuse, permission denials). Journaled like trading events,
/// so users and tokens are projections that a restart or `rebuild-projections` reproduces exactly.
///
/// Secrets never appear here: passwords only as their self-describing scrypt hash, refresh and API
/// tokens only as the hex SHA-256 of the token. Times are nanoseconds since the Unix epoch.
/// Every case that an operator would audit carries `actor` (who did it: a username, an
/// `api-token:<id>` subject, or `system`) and `source` (the client address, or `local`).
public enum IdentityEvent: Sendable, Equatable, Codable {
    /// A user account was created (the password only as its self-describing hash).
    case userCreated(UserCreated)
    /// A user's role changed; their existing sessions end.
    case userRoleChanged(UserRoleChanged)
    /// A user was disabled; their tokens stop working at once.
    case userDisabled(UserDisabled)
    /// A user's stored password hash changed (re-hash after a parameter upgrade).
    case userPasswordChanged(UserPasswordChanged)
    /// An API token (service account) was created; only its hash is stored.
    case apiTokenCreated(ApiTokenCreated)
    case apiTokenRevoked(ApiTokenRevoked)
    /// A login started a refresh-token family.
    case refreshTokenIssued(RefreshTokenIssued)
    /// `Auth.Refresh` consumed the current token of a family and made a new one current.
    case refreshTokenRotated(RefreshTokenRotated)
    /// A family ended (logout, reuse, subject revoked, expiry).
    case refreshFamilyRevoked(RefreshFamilyRevoked)
    /// Housekeeping: families past their absolute expiry were dropped.
    case refreshFamiliesPurged(RefreshFamiliesPurged)
    case loginSucceeded(LoginAttempt)
    case loginFailed(LoginAttempt)
    /// `Auth.Logout`: the access token's id is remembered as revoked until it expires.
    case loggedOut(LoggedOut)
    /// A consumed refresh token was presented again: the family was revoked (theft detection).
    case refreshTokenReuseDetected(RefreshTokenReuse)
    /// A valid caller was refused an RPC by the access policy (rate-limited per actor).
    case permissionDenied(PermissionDenied)

    /// Stable name for the journal and the audit trail. Never rename one once written.
    public var typeName: String {
        switch self {
        case .userCreated: "UserCreated"
        case .userRoleChanged: "UserRoleChanged"
        case .userDisabled: "UserDisabled"
        case .userPasswordChanged: "UserPasswordChanged"
        case .apiTokenCreated: "ApiTokenCreated"
        case .apiTokenRevoked: "ApiTokenRevoked"
        case .refreshTokenIssued: "RefreshTokenIssued"
        case .refreshTokenRotated: "RefreshTokenRotated"
        case .refreshFamilyRevoked: "RefreshFamilyRevoked"
        case .refreshFamiliesPurged: "RefreshFamiliesPurged"
        case .loginSucceeded: "LoginSucceeded"
        case .loginFailed: "LoginFailed"
        case .loggedOut: "LoggedOut"
        case .refreshTokenReuseDetected: "RefreshTokenReuseDetected"
        case .permissionDenied: "PermissionDenied"
        }
    }
}
