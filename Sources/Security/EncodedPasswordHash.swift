/// A self-describing password hash: `$scrypt$ln=<log2 N>,r=<r>,p=<p>$<salt>$<hash>`, with salt
/// and hash in unpadded standard base64 (the PHC string format used by libsodium/passlib).
///
/// Self-describing so cost parameters can be raised later: old hashes still verify with their
/// own parameters and `PasswordHasher.needsRehash` tells the login path to re-hash.
public struct EncodedPasswordHash: Sendable, Equatable, CustomStringConvertible {
    /// Why a stored string is not a usable hash.
    public enum ParseError: Error, Sendable, Equatable {
        case malformed
        case unsupportedAlgorithm(String)
        /// Parameters outside the range this server is willing to compute (DoS guard).
        case parametersOutOfRange
    }

    public let parameters: ScryptParameters
    public let salt: [UInt8]
    public let hash: [UInt8]

    public init(parameters: ScryptParameters, salt: [UInt8], hash: [UInt8]) {
        self.parameters = parameters
        self.salt = salt
        self.hash = hash
    }

    public init(parsing text: String) throws(ParseError) {
        guard text.utf8.count <= 512 else { throw .malformed }
        let fields = text.split(separator: "$", omittingEmptySubsequences: false)
        // "", "scrypt", params, salt, hash
        guard fields.count >= 2, fields[0].isEmpty else { throw .malformed }
        guard fields[1] == "scrypt" else { throw .unsupportedAlgorithm(String(fields[1].prefix(32))) }
        guard fields.count == 5 else { throw .malformed }
        var values: [Substring: Int] = [:]
        for pair in fields[2].split(separator: ",", omittingEmptySubsequences: false) {
            let kv = pair.split(separator: "=", omittingEmptySubsequences: false)
            guard kv.count == 2, kv[1].utf8.count <= 9, kv[1].utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }),
                  let value = Int(kv[1]), values.updateValue(value, forKey: kv[0]) == nil else { throw .malformed }
        }
        guard values.count == 3, let logN = values["ln"], let r = values["r"], let p = values["p"] else { throw .malformed }
        let parameters = ScryptParameters(logN: logN, r: r, p: p)
        guard parameters.isWithinLimits else { throw .parametersOutOfRange }
        let salt: [UInt8], hash: [UInt8]
        do {
            salt = try Base64URL.decode(fields[3].utf8, table: Base64URL.standardTable)
            hash = try Base64URL.decode(fields[4].utf8, table: Base64URL.standardTable)
        } catch { throw .malformed }
        guard (8...64).contains(salt.count), (16...64).contains(hash.count) else { throw .malformed }
        self.init(parameters: parameters, salt: salt, hash: hash)
    }

    /// The string to store.
    public var encoded: String {
        "$scrypt$ln=\(parameters.logN),r=\(parameters.r),p=\(parameters.p)$"
            + Base64URL.encode(salt, alphabet: Base64URL.standardAlphabet) + "$"
            + Base64URL.encode(hash, alphabet: Base64URL.standardAlphabet)
    }

    public var description: String { "EncodedPasswordHash(scrypt ln=\(parameters.logN) r=\(parameters.r) p=\(parameters.p))" }
}
