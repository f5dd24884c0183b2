import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// How commands print: aligned tables for people, one JSON object per line (`--json`) for scripts.
enum Output {
    /// Prints `rows` under `headers`, columns padded to the widest cell.
    static func table(_ headers: [String], _ rows: [[String]]) {
        var widths = headers.map(\.count)
        for row in rows {
            for (i, cell) in row.enumerated() where i < widths.count { widths[i] = max(widths[i], cell.count) }
        }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { i, c in
                i == cells.count - 1 ? c : c.padding(toLength: widths[i], withPad: " ", startingAt: 0)
            }.joined(separator: "  ")
        }
        print(line(headers))
        for row in rows { print(line(row)) }
    }

    /// Prints one JSON object on one line (keys sorted, so output is stable).
    static func json(_ object: [String: Any]) {
        guard JSONSerialization.isValidJSONObject(object),
              let data = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes]) else {
            line("{}")
            return
        }
        line(String(decoding: data, as: UTF8.self))
    }

    /// Writes one line straight to standard output (unbuffered), so streamed events reach a pipe
    /// as they happen. When the reader has gone (`tradectl fills watch | head`), exits quietly with
    /// status 0, as Unix filters do, instead of failing on the broken pipe.
    static func line(_ text: String) {
        var bytes = Array((text + "\n").utf8)
        var offset = 0
        while offset < bytes.count {
            let n = bytes.withUnsafeMutableBytes { Glibc.write(1, $0.baseAddress! + offset, $0.count - offset) }
            if n < 0 {
                if errno == EINTR { continue }
                if errno == EPIPE { exit(0) }
                return
            }
            offset += n
        }
        bytes.removeAll()
    }

    /// `key: value` lines for a single record.
    static func record(_ pairs: [(String, String)]) {
        let width = pairs.map(\.0.count).max() ?? 0
        for (k, v) in pairs { print("\(k.padding(toLength: width, withPad: " ", startingAt: 0))  \(v)") }
    }
}
