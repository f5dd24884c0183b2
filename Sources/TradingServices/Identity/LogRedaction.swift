import Security

/// The server's log redaction step, for the `Logger(redact:)` hook of `tradebotd`: bearer tokens,
/// JWTs, `tbr_`/`tba_` tokens, passwords and keys are replaced by `[REDACTED]` before a line is
/// written. Lives here so the executable needs no direct dependency on `Security`.
public enum LogRedaction {
    public static let redact: @Sendable (String) -> String = { Redactor.redact($0) }
}
