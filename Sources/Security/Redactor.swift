/// Scrubs secrets from log lines and RPC metadata before they are written anywhere.
///
/// Defense in depth: code should never log a secret in the first place, but a log line that
/// includes a request dump, an exception message or a URL must still come out clean. What is
/// removed: `authorization`/`cookie`-style header values, `Bearer` credentials, anything that
/// looks like a JWT, this server's opaque refresh/API tokens (`tbr_`, `tba_`), `key=value`
/// and JSON members named like secrets (password, secret, token, api_key, ...), passwords in
/// URLs, and PEM private-key blocks. Names are kept so the log still says *what* was there.
public enum Redactor {
    /// The replacement text.
    public static let mask = "[REDACTED]"

    /// Metadata/header names whose values are always fully masked.
    public static let sensitiveMetadataNames: Set<String> = [
        "authorization", "proxy-authorization", "cookie", "set-cookie", "x-api-key", "api-key",
        "x-auth-token", "x-refresh-token", "x-csrf-token",
    ]

    /// A metadata value ready to log: fully masked for sensitive names, scrubbed otherwise.
    public static func redact(metadataName name: String, value: String) -> String {
        if sensitiveMetadataNames.contains(name.lowercased()) { return mask }
        return redact(value)
    }

    /// A log line with every recognised secret replaced by `mask`.
    public static func redact(_ line: String) -> String {
        // Fast path: most log lines contain none of the trigger substrings.
        guard containsTrigger(line) else { return line }
        var text = line
        text.replace(privateKeyBlock) { _ in mask }
        text.replace(headerValue) { match in "\(match.output.1)\(match.output.2)\(mask)" }
        text.replace(namedSecret) { match in
            let quoted = match.output.3.first == "\""
            return "\(match.output.1)\(match.output.2)" + (quoted ? "\"\(mask)\"" : mask)
        }
        text.replace(bearer) { match in "\(match.output.1) \(mask)" }
        text.replace(jwtLike) { _ in mask }
        text.replace(opaqueToken) { match in "\(match.output.1)\(mask)" }
        text.replace(urlPassword) { match in "\(match.output.1)\(mask)@" }
        return text
    }

    // The patterns are immutable `let`s. `Regex` is not declared `Sendable`, but a shared,
    // never-mutated Regex is safe to match from several threads (its lazily lowered program
    // is published atomically by the standard library), hence `nonisolated(unsafe)`.
    /// Lower-case ASCII substrings at least one of which every pattern below needs to match.
    private static let triggers: [[UInt8]] = ["authorization", "cookie", "bearer", "eyj", "tbr_", "tba_", "pass", "pwd",
                                              "secret", "token", "key", "credential", "private", "://"].map { Array($0.utf8) }

    /// ASCII case-insensitive substring scan over the UTF-8 bytes (the stdlib's generic
    /// `String.contains` walks grapheme clusters and cost ~2 µs per trigger).
    static func containsTrigger(_ line: String) -> Bool {
        var bytes = Array(line.utf8)
        for index in bytes.indices where bytes[index] >= 0x41 && bytes[index] <= 0x5A { bytes[index] |= 0x20 }
        return bytes.withUnsafeBufferPointer { text in
            for trigger in triggers where trigger.count <= text.count {
                let first = trigger[0]
                var position = 0
                while position <= text.count - trigger.count {
                    if text[position] == first {
                        var matched = 1
                        while matched < trigger.count, text[position + matched] == trigger[matched] { matched += 1 }
                        if matched == trigger.count { return true }
                    }
                    position += 1
                }
            }
            return false
        }
    }

    nonisolated(unsafe) private static let privateKeyBlock =
        #/-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----[\s\S]*?(-----END [A-Z0-9 ]*PRIVATE KEY-----|$)/#
    /// `authorization: <anything up to the end of line or a quote/comma>` and friends.
    nonisolated(unsafe) private static let headerValue =
        #/(?i)\b((?:proxy-)?authorization|cookie|set-cookie|x-api-key|api-key|x-auth-token)("?\s*[:=]\s*"?)(?!\[REDACTED\])[^\r\n",;}]+/#
    nonisolated(unsafe) private static let bearer = #/(?i)\b(bearer)\s+[A-Za-z0-9\-._~+\/]+=*/#
    nonisolated(unsafe) private static let jwtLike = #/eyJ[A-Za-z0-9_\-]{4,}\.[A-Za-z0-9_\-]{4,}\.[A-Za-z0-9_\-]*/#
    nonisolated(unsafe) private static let opaqueToken = #/\b(tb[ar]_)[A-Za-z0-9_\-]{8,}/#
    nonisolated(unsafe) private static let urlPassword = #/([a-zA-Z][a-zA-Z0-9+.\-]*:\/\/[^\s:\/@]+:)[^\s@\/]+@/#
    /// `password=...`, `"api_key": "..."`, `client_secret: ...`, `refresh_token=...`.
    nonisolated(unsafe) private static let namedSecret =
        #/(?i)("?\b(?:password|passwd|pwd|passphrase|secret|client_secret|api[_\-]?key|apikey|access[_\-]?token|refresh[_\-]?token|id[_\-]?token|token|private[_\-]?key|credentials?)"?)(\s*[:=]\s*)(?!"?\[REDACTED\])("(?:[^"\\]|\\.)*"|'[^']*'|[^\s,;&}\]]+)/#
}
