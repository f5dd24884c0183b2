import Foundation
import TradingProtocol

/// Renders backups as a table or as JSON objects (one per line) for `tradectl backup`.
enum BackupPrinter {
    static func object(_ b: TradebotV1.Backup) -> [String: Any] {
        var fields: [String: Any] = [
            "backup_id": b.backupID, "path": b.path, "size_bytes": b.sizeBytes, "sha256": b.sha256,
            "verified": b.verified, "note": b.note,
        ]
        fields["created_at"] = b.createdAt.map(time) ?? NSNull()
        fields["verified_at"] = b.verifiedAt.map(time) ?? NSNull()
        return fields
    }

    static func json(_ fields: [String: Any]) -> String {
        guard let data = try? JSONSerialization.data(withJSONObject: fields, options: [.sortedKeys]) else { return "{}" }
        return String(decoding: data, as: UTF8.self)
    }

    static func table(_ backups: [TradebotV1.Backup]) -> String {
        var rows = [["BACKUP ID", "CREATED (UTC)", "SIZE", "VERIFIED", "NOTE"]]
        for b in backups {
            rows.append([b.backupID, b.createdAt.map(time) ?? "-", size(b.sizeBytes),
                         b.verified ? (b.verifiedAt.map(time) ?? "yes") : "no", b.note])
        }
        let widths = (0..<5).map { column in rows.map { $0[column].count }.max() ?? 0 }
        return rows.map { row in
            row.enumerated().map { i, cell in i == 4 ? cell : cell + String(repeating: " ", count: widths[i] - cell.count) }
                .joined(separator: "  ")
        }.joined(separator: "\n")
    }

    /// `2026-11-24T23:30:12.345Z`.
    static func time(_ t: GoogleProtobuf.Timestamp) -> String {
        var seconds = time_t(t.seconds)
        var parts = tm()
        gmtime_r(&seconds, &parts)
        return String(format: "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", Int(parts.tm_year) + 1900, Int(parts.tm_mon) + 1,
                      Int(parts.tm_mday), Int(parts.tm_hour), Int(parts.tm_min), Int(parts.tm_sec), Int(t.nanos / 1_000_000))
    }

    static func size(_ bytes: UInt64) -> String {
        let units = ["B", "KiB", "MiB", "GiB", "TiB"]
        var value = Double(bytes), unit = 0
        while value >= 1024 && unit < units.count - 1 { value /= 1024; unit += 1 }
        return unit == 0 ? "\(bytes) B" : String(format: "%.1f %@", value, units[unit])
    }
}
