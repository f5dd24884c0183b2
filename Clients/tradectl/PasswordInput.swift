import ArgumentParser
import Foundation

/// Where a password comes from: standard input (`--password-stdin`), `TRADEBOT_PASSWORD`, or an
/// interactive prompt without echo. Never a command-line flag (shell history, `ps`).
enum PasswordInput {
    static func read(fromStdin: Bool, prompt: String) throws -> String {
        if fromStdin {
            guard let line = readLine(strippingNewline: true), !line.isEmpty else {
                throw ValidationError("--password-stdin: no password on standard input")
            }
            return line
        }
        if let value = ProcessInfo.processInfo.environment["TRADEBOT_PASSWORD"], !value.isEmpty { return value }
        guard isatty(STDIN_FILENO) == 1, let typed = getpass(prompt) else {
            throw ValidationError("no password: use --password-stdin, TRADEBOT_PASSWORD, or run in a terminal")
        }
        let password = String(cString: typed)
        guard !password.isEmpty else { throw ValidationError("the password is empty") }
        return password
    }
}
