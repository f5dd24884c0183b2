import TradingProtocol
import WireFormat

extension Golden {
    static let principal = V1.Principal {
        $0.subject = "subject"; $0.role = .observer; $0.kind = .apiToken; $0.tokenID = "token_id"
        $0.issuedAt = ts; $0.expiresAt = ts
    }

    static let auth: [(name: String, message: any ProtoMessage)] = [
        ("tradebot.v1.Principal", principal),
        ("tradebot.v1.LoginRequest", V1.LoginRequest { $0.username = "username"; $0.password = "password" }),
        ("tradebot.v1.LoginResponse", V1.LoginResponse {
            $0.accessToken = "access_token"; $0.refreshToken = "refresh_token"; $0.accessExpiresAt = ts
            $0.refreshExpiresAt = ts; $0.principal = principal
        }),
        ("tradebot.v1.RefreshRequest", V1.RefreshRequest { $0.refreshToken = "refresh_token" }),
        ("tradebot.v1.RefreshResponse", V1.RefreshResponse {
            $0.accessToken = "access_token"; $0.refreshToken = "refresh_token"; $0.accessExpiresAt = ts
            $0.refreshExpiresAt = ts
        }),
        ("tradebot.v1.LogoutRequest", V1.LogoutRequest { $0.refreshToken = "refresh_token"; $0.allSessions = true }),
        ("tradebot.v1.LogoutResponse", V1.LogoutResponse()),
        ("tradebot.v1.WhoAmIRequest", V1.WhoAmIRequest()),
        ("tradebot.v1.WhoAmIResponse", V1.WhoAmIResponse { $0.principal = principal }),
    ]
}
