/// Why a bearer token was refused. Every case maps to UNAUTHENTICATED at the RPC layer;
/// the case itself is for metrics and the audit trail (it never contains the token).
public enum TokenVerificationError: Error, Sendable, Equatable, Hashable {
    /// Larger than `AccessTokenVerifier.Configuration.maxTokenBytes`; refused before parsing.
    case oversized
    /// Not three non-empty dot-separated segments.
    case malformedStructure
    /// A segment is not canonical unpadded base64url.
    case malformedBase64
    /// Header or payload is not a strict JSON object (syntax, duplicate key, bad UTF-8, depth).
    case malformedJSON
    /// `alg` is anything but `RS256` (`none`, `HS256`, `RS512`, ...), or missing.
    case unsupportedAlgorithm
    /// A header the verifier does not understand was marked critical, or `typ` is not JWT.
    case unsupportedHeader
    /// No `kid`, or a `kid` of no key that verifies now.
    case unknownKey
    /// The RS256 signature did not verify (OpenSSL returned anything but 1).
    case badSignature
    /// A required claim is absent.
    case missingClaim(String)
    /// A claim has the wrong JSON type or an invalid value (e.g. an unknown role).
    case invalidClaim(String)
    case wrongIssuer
    case wrongAudience
    /// `exp` (plus skew) has passed.
    case expired
    /// `nbf` (minus skew) is still in the future.
    case notYetValid
    /// `iat` is in the future beyond the skew.
    case issuedInFuture
    /// Lifetime (`exp - iat`) exceeds what this server ever issues.
    case lifetimeTooLong
    /// Revoked by `jti`, or its subject's tokens were revoked (disabled user, role change, logout-all).
    case revoked
}
