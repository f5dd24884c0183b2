import Security
import TradingProtocol

typealias TradebotV1Role = TradebotV1.Role

/// Conversions between Security's values and the wire messages of the Auth and Admin services.
enum IdentityWire {
    static func role(_ role: Role) -> TradebotV1.Role {
        switch role {
        case .admin: .admin
        case .trader: .trader
        case .observer: .observer
        }
    }

    static func role(_ role: TradebotV1.Role) -> Role? {
        switch role {
        case .admin: .admin
        case .trader: .trader
        case .observer: .observer
        case .unspecified, .unrecognized: nil
        }
    }

    static func user(_ record: UserRecord) -> TradebotV1.User {
        var user = TradebotV1.User()
        user.username = record.username
        user.role = role(record.role)
        user.enabled = record.enabled
        user.createdAt = TradebotV1.Timestamp(nanosecondsSinceEpoch: record.createdAt)
        user.lastLoginAt = record.lastLoginAt.map { TradebotV1.Timestamp(nanosecondsSinceEpoch: $0) }
        return user
    }

    static func apiToken(_ record: ApiTokenRecord, createdBy: String) -> TradebotV1.ApiTokenInfo {
        var info = TradebotV1.ApiTokenInfo()
        info.tokenID = record.id
        info.name = record.name
        info.role = role(record.role)
        info.createdBy = createdBy
        info.createdAt = TradebotV1.Timestamp(nanosecondsSinceEpoch: record.createdAt.nanoseconds)
        info.expiresAt = record.expiresAt.map { TradebotV1.Timestamp(nanosecondsSinceEpoch: $0.nanoseconds) }
        info.revoked = record.revokedAt != nil
        return info
    }
}
