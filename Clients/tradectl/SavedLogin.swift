import ArgumentParser
import Foundation
import RPCCore
import TradingProtocol

/// The session `tradectl login` saves so later commands need no `--token`: the access and refresh
/// tokens for one server, in `$XDG_CONFIG_HOME/tradectl/session.json` (else
/// `~/.config/tradectl/session.json`), mode 0600 in a 0700 directory, because these are bearer
/// secrets. Expired access tokens are refreshed transparently with the refresh token (which rotates,
/// so the file is rewritten).
struct SavedLogin: Codable, Equatable {
    var server: String
    var username: String
    var accessToken: String
    var refreshToken: String
    /// Seconds since the Unix epoch.
    var accessExpiresAt: Int64

    static var directory: String {
        let environment = ProcessInfo.processInfo.environment
        if let xdg = environment["XDG_CONFIG_HOME"], !xdg.isEmpty { return xdg + "/tradectl" }
        return (environment["HOME"] ?? NSHomeDirectory()) + "/.config/tradectl"
    }

    static var path: String { directory + "/session.json" }

    /// The saved session, or nil when there is none (or it is unreadable: then log in again).
    static func load() -> SavedLogin? {
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        return try? JSONDecoder().decode(SavedLogin.self, from: data)
    }

    /// Writes the session with mode 0600 (created with that mode, then renamed over the old file,
    /// so there is no moment where the tokens are readable by others).
    func save() throws {
        let directory = Self.directory
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true,
                                                attributes: [.posixPermissions: 0o700])
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let data = try encoder.encode(self)
        let temporary = directory + "/.session.json.\(getpid())"
        unlink(temporary)
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw ValidationError("cannot write \(temporary): \(String(cString: strerror(errno)))") }
        let written = data.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        close(fd)
        guard written == data.count, rename(temporary, Self.path) == 0 else {
            unlink(temporary)
            throw ValidationError("cannot write \(Self.path)")
        }
    }

    static func remove() { unlink(path) }

    /// The access token to use for `server`: the saved one, refreshed first when it has expired
    /// (or is about to). Nil when there is no saved session for this server.
    static func currentAccessToken(server: String, client: RPCClient, timeout: Double) async throws -> String? {
        guard var saved = load(), saved.server == server else { return nil }
        let now = Int64(Date().timeIntervalSince1970)
        guard saved.accessExpiresAt - 30 <= now else { return saved.accessToken }
        var request = TradebotV1.RefreshRequest()
        request.refreshToken = saved.refreshToken
        let response: TradebotV1.RefreshResponse
        do throws(RPCError) {
            response = try await client.call(TradebotV1.Auth.refresh, request,
                                             options: .timeout(.milliseconds(Int(timeout * 1000))))
        } catch {
            remove()
            throw CommandFailure(RPCError(code: error.code, message: "\(error.message); log in again with 'tradectl login'"))
        }
        saved.accessToken = response.accessToken
        saved.refreshToken = response.refreshToken
        saved.accessExpiresAt = response.accessExpiresAt?.seconds ?? now
        try saved.save()
        return saved.accessToken
    }
}
